"""The audit page's plain functions on the mini fixture: link state, tables, figures, flags."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from dashboard.urlstate import spec_from_query
from dashboard.views import audit as view
from indicators import ScoringSpec, load, score

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini():
    bundle = load(MINI)
    result = score(bundle)
    return bundle, result, view.cached_audit(result)


class TestState:
    """Pillar and correlation method travel in the link; anything else is ignored."""

    def test_defaults_and_whitelist(self, mini):
        bundle, _, _ = mini
        assert view.state_from_query({}, bundle) == view.AuditState("data", "pearson")
        odd = {"pillar": "<script>", "corr": "kendall"}
        assert view.state_from_query(odd, bundle) == view.AuditState("data", "pearson")

    def test_round_trip_with_the_method(self, mini):
        bundle, _, _ = mini
        spec = ScoringSpec(view="intensity", year=2022)
        state = view.AuditState("industry", "spearman")
        search = view.audit_search(spec, state, bundle)
        query = dict(parse_qsl(search.lstrip("?")))
        assert query == {"year": "2022", "view": "intensity", "pillar": "industry",
                         "corr": "spearman"}
        assert spec_from_query(query, bundle) == spec
        assert view.state_from_query(query, bundle) == state
        assert view.audit_search(ScoringSpec(), view.AuditState("data", "pearson"), bundle) == ""


class TestContent:
    """Tables and figures say what the audit computed."""

    def test_cached_once_per_version_and_spec(self, mini):
        _, result, report = mini
        assert view.cached_audit(result) is report

    def test_pillar_and_weights_tables(self, mini):
        _, result, report = mini
        pillars = view.pillar_table(report, result)
        assert list(pillars["name"]) == ["Data", "Compute", "Models", "Industry"]
        assert pillars.loc[0, "cronbach_alpha"] == pytest.approx(1 / 3, abs=5e-4)
        weights = view.weights_table(report, result)
        assert weights["nominal_weight"].sum() == pytest.approx(1, abs=1e-3)
        assert weights.set_index("code").at["d2", "nominal_weight"] == pytest.approx(1 / 6,
                                                                                     abs=5e-4)

    def test_heatmap_is_the_pillar_matrix_with_its_table(self, mini):
        _, result, _ = mini
        state = view.AuditState("data", "pearson")
        matrix = view.correlation_matrix(result, state)
        figure = view.heatmap(result, matrix, state)
        assert figure.data[0].z.shape == (4, 4)  # d1, d2, the pillar score, the index
        assert figure.data[0].z[0][1] == pytest.approx(0.2)
        table = view.matrix_table(result, matrix)
        assert list(table.columns) == ["", "Data one", "Data two", "Pillar score",
                                       "Overall index"]
        assert "Data, Pearson: the closest pair is Data one and Data two (r = 0.20)" in \
            view.heatmap_summary(result, matrix, state)

    def test_flags_grouped_and_downloadable(self, mini):
        _, _, report = mini
        groups = view.flag_sentences(report)
        assert groups["outliers"] == []  # four countries: no indicator is extreme
        assert any("Industry one (i1) and Industry two (i2)" in s for s in groups["correlations"])
        tables = view.download_tables(report)
        assert set(tables) == {"indicators", "pillars", "correlations", "flags"}
        assert len(tables["flags"]) == len(report.flags)
        flag = tables["flags"].set_index(["indicators", "flag"]).loc[("i1;i2", "negative")]
        assert flag["with"] == "i2"

    def test_statistics_name_ties(self, mini):
        _, result, report = mini
        table = view.statistics_table(report, result).set_index("name")
        assert table.at["Data one", "min_at"] == "AAA"  # 10 is the one minimum
        assert table.at["Models two", "share_missing"] == "25%"


class TestMapScale:
    """The world map's colours span 0–100, or the scores' own range for methods off 0–100."""

    def test_copeland_map_uses_its_range(self, mini):
        from dashboard.views import figures
        from dashboard.views.figures import world_map

        bundle, reference, _ = mini
        assert (world_map(reference, "overall").data[0].zmin,
                world_map(reference, "overall").data[0].zmax) == (0, 100)
        copeland = score(bundle, ScoringSpec(aggregation="copeland"))
        trace = world_map(copeland, "overall").data[0]
        assert (trace.zmin, trace.zmax) == (-2, 2)  # A −2, B 0, C 2: the data's range
        assert "Copeland scores" in figures.scale_sentence(copeland)


class TestComparisonSection:
    """The ranks under another method: state in the link, the spec, the sentence."""

    def test_state_and_spec(self, mini):
        bundle, _, _ = mini
        state = view.state_from_query({"vs_norm": "rank", "vs_agg": "copeland"}, bundle)
        assert state.query("data") == {"vs_norm": "rank", "vs_agg": "copeland"}
        versus = view.versus_spec(ScoringSpec(view="intensity"), state)
        assert (versus.view, versus.normalisation, versus.aggregation) == (
            "intensity", "rank", "copeland")
        default = view.state_from_query({"vs_agg": "nonsense"}, bundle)
        assert default.query("data") == {}
        assert view.versus_spec(ScoringSpec(), default).aggregation == "geometric"

    def test_sentence_names_the_largest_move(self, mini):
        bundle, result, _ = mini
        heavy = score(bundle, ScoringSpec(pillar_weights={"data": 0.001, "compute": 0.001,
                                                          "models": 0.001}))
        table, sentence = view.comparison(result, heavy)
        # reference C, B, A; industry only: C 75, A 50, B 25 → A up 1, B down 1
        assert sentence.startswith("2 of the 3 countries ranked under both methods change rank")
        assert table.iloc[0]["abs_diff"] == 1
        _, same = view.comparison(result, result)
        assert same == "All 3 countries ranked under both methods keep their rank."
