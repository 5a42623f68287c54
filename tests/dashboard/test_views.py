"""The dashboard's plain view functions on the mini fixture, with the arithmetic written out.

Mini fixture, 2024, reference method (see tests/fixtures/mini): d1 = 10, 20, 30, 50 and
d2 = 0, 4, 8, 2 (DDD's from 2022: stale) with weight 2, so CCC's data pillar is
(50 + 2 × 100) / 3 = 83.33; overall CCC 66.7 (1st), BBB 32.8 (2nd), AAA 25.0 (3rd); DDD has
no industry indicator in the window, so no overall score.
"""

from __future__ import annotations

import io
import json
import zipfile
from types import SimpleNamespace

import pandas as pd
import pytest

from dashboard.components.weights_panel import spec_from_panel
from dashboard.views import compare, country, downloads, figures, methodology, ranking
from dashboard.views.fmt import number, ordinal
from dashboard.views.grid import country_link
from dashboard.views.presets import PRESETS, apply_preset, matching_preset
from dashboard.views.query import OverviewQuery, overview_query, parse_countries, parse_measure
from indicators import ScoringSpec, score


class TestQuery:
    """Page parameters are validated; anything unknown is dropped."""

    def test_countries_are_upper_cased_deduplicated_and_checked(self, mini):
        assert parse_countries("ccc, aaa,XXX,CCC", mini) == ["CCC", "AAA"]

    def test_at_most_eight_countries(self, mini):
        assert len(parse_countries(",".join(["AAA", "BBB", "CCC", "DDD"] * 3), mini)) == 4

    def test_unknown_measure_falls_back_to_overall(self, mini):
        assert parse_measure("compute", mini) == "compute"
        assert parse_measure("d2", mini) == "d2"
        assert parse_measure("population", mini) == "overall"  # context: not scored
        assert parse_measure("<script>", mini) == "overall"

    def test_overview_query_round_trips_through_its_search(self, mini):
        query = {"measure": "d1", "region": "North", "bloc": "Bloc", "q": "Country",
                 "norm": "rank", "pw_compute": "3", "income": "Nowhere"}
        state = overview_query(query, mini)
        assert state.income == ""  # not an income group of countries.csv
        again = overview_query(dict(p.split("=") for p in state.search()[1:].split("&")), mini)
        assert again == state


class TestPresets:
    """Presets are data; applying one sets only weights that differ from the files."""

    def test_equal_is_offered_only_when_it_differs_from_the_reference(self, mini, mini_copy):
        from dashboard.views.presets import distinct_presets
        from indicators import load

        assert "equal" in distinct_presets(mini)  # d2 weighs 2 in the mini files
        indicators = mini_copy / "indicators.csv"
        indicators.write_text(indicators.read_text().replace("d2,Data two,data,count,1,2,",
                                                             "d2,Data two,data,count,1,1,"))
        presets = distinct_presets(load(mini_copy))
        assert "equal" not in presets and presets[0] == "reference"
        assert "compute-heavy" in presets

    def test_compute_heavy_triples_compute_and_equalises_indicators(self, mini):
        spec = apply_preset("compute-heavy", ScoringSpec(), mini)
        # d2 weighs 2 in indicators.csv: the preset's equal weights make it 1
        assert spec.pillar_weights == {"compute": 3.0}
        assert spec.indicator_weights == {"d2": 1.0}
        assert matching_preset(spec, mini) == "compute-heavy"

    def test_reference_clears_overrides(self, mini):
        spec = ScoringSpec(pillar_weights={"data": 2.0})
        assert apply_preset("reference", spec, mini) == ScoringSpec()
        assert matching_preset(spec, mini) is None

    def test_unknown_preset_names_the_known_ones(self, mini):
        with pytest.raises(KeyError, match="compute-heavy"):
            apply_preset("nope", ScoringSpec(), mini)

    def test_every_preset_applies(self, mini):
        for name in PRESETS:
            assert isinstance(apply_preset(name, ScoringSpec(), mini), ScoringSpec)


class TestPanel:
    """The panel's controls give the spec a link would."""

    def test_sliders_at_file_weights_are_the_reference(self, mini):
        values = {"year": 2024, "view": "scale", "normalisation": "minmax",
                  "aggregation": "arithmetic", "imputation": "none", "outliers": "none",
                  "preset": "reference"}
        spec = spec_from_panel(mini, values, {p: 1 for p in mini.pillar_codes},
                               {"d1": 1, "d2": 2}, preset_triggered=False)
        assert spec.is_reference()

    def test_preset_wins_when_it_triggered(self, mini):
        spec = spec_from_panel(mini, {"preset": "models-heavy"}, {"data": 4}, {},
                               preset_triggered=True)
        assert spec.pillar_weights == {"models": 3.0}


class TestRanking:
    """The ranking table: filters, Δ rank against the reference, summary."""

    def test_filters(self, mini):
        assert ranking.filtered_iso3(mini, region="North") == ["AAA", "BBB"]
        assert ranking.filtered_iso3(mini, income="High income", region="South") == ["CCC"]
        assert ranking.filtered_iso3(mini, bloc="Bloc") == ["AAA", "BBB"]

    def test_delta_rank_is_reference_rank_minus_rank(self, mini, ref):
        # data weight 100: AAA (data 0) falls, BBB (41.7) vs CCC (83.3) keep their order
        spec = ScoringSpec(pillar_weights={"data": 100.0})
        result = score(mini, spec)
        frame = ranking.ranking_frame(result, ref, mini, OverviewQuery(spec=spec))
        by_iso = frame.set_index("iso3")
        for iso3 in ["AAA", "BBB", "CCC"]:
            assert by_iso.at[iso3, "delta_rank"] == ref.rank[iso3] - result.rank[iso3]
        assert pd.isna(by_iso.at["DDD", "delta_rank"])

    def test_summary_names_the_leader_of_the_filtered_set(self, mini, ref):
        state = OverviewQuery(spec=ScoringSpec(), region="North")
        frame = ranking.ranking_frame(ref, ref, mini, state)
        text = ranking.ranking_summary(frame, ref, state)
        assert text.startswith("3 countries are ranked in 2024. In North, Country B leads "
                               "(2nd overall, score 32.8)")

    def test_grid_rows_round_and_blank_missing(self, mini, ref):
        frame = ranking.ranking_frame(ref, ref, mini, OverviewQuery(spec=ScoringSpec()))
        rows = {r["iso3"]: r for r in ranking.grid_rows(frame)}
        assert rows["CCC"]["data"] == 83.3
        assert rows["DDD"]["overall"] is None and rows["DDD"]["rank"] is None


class TestRankIntervals:
    """The optional interval columns are the robustness engine's, merged by country."""

    def test_interval_columns_come_from_the_engine(self, mini, ref):
        from dashboard.views.intervals import RUNS, SEED, rank_interval_frame
        from indicators.robustness import rank_intervals

        intervals = rank_interval_frame(mini, ScoringSpec())
        assert intervals is not None
        frame = ranking.ranking_frame(ref, ref, mini, OverviewQuery(spec=ScoringSpec()),
                                      intervals).set_index("iso3")
        engine = rank_intervals(mini, ScoringSpec(), runs=RUNS, seed=SEED).set_index("iso3")
        for iso3 in ["AAA", "BBB", "CCC"]:
            assert frame.at[iso3, "rank_p05"] == engine.at[iso3, "rank_p05"]
            assert frame.at[iso3, "rank_p95"] == engine.at[iso3, "rank_p95"]


class TestCompare:
    """Side by side: values with year and source, marks, gaps and peers."""

    def test_indicator_table_cells(self, ref):
        table = compare.indicator_table(ref, ["CCC", "DDD"]).set_index("code")
        assert table.at["d2", "CCC_value"] == "8 (2024, fixture)"
        assert table.at["d2", "CCC_score"] == 100.0 and table.at["d2", "CCC_rank"] == 1
        # DDD's d2 is from 2022: stale, marked †; (2 - 0) / (8 - 0) = 25
        assert table.at["d2", "DDD_value"] == "2 (2022, fixture) †"
        assert table.at["d2", "DDD_score"] == 25.0
        assert table.at["i1", "DDD_value"] == "no data"

    def test_gap_to_world_leader(self, ref):
        gaps = compare.gap_to_leader(ref, ["AAA", "CCC"]).set_index("pillar")
        assert gaps.at["Data", "world_leader"] == "Country C"
        assert gaps.at["Data", "AAA_gap"] == -83.3  # 0 - 83.33
        assert gaps.at["Data", "CCC_gap"] == 0.0

    def test_peers_nearest_by_overall_skip_unranked(self, mini, ref):
        sets = compare.peer_sets(ref, mini, "CCC")
        # |32.8 - 66.7| < |25.0 - 66.7|; DDD has no overall score
        assert sets["5 nearest by overall score"] == ["CCC", "BBB", "AAA"]
        # South is CCC and DDD; DDD is unranked, so the region offers no peer
        assert "Region: South" not in sets
        assert sets["Income: High income"] == ["CCC", "AAA"]

    def test_summary(self, ref):
        text = compare.compare_summary(ref, ["CCC", "DDD"])
        assert text.startswith("Country C ranks 1st of 3 overall")
        assert "Country D is not ranked in 2024" in text


class TestCountry:
    """A country's standing, strengths and weaknesses, coverage and sources."""

    def test_standing(self, ref):
        rows = country.standing(ref, "BBB").set_index("measure")
        assert rows.at["Overall", "rank"] == 2 and rows.at["Overall", "of"] == 3
        assert rows.at["Overall", "share_below"] == 33  # AAA of 3 ranked

    def test_strengths_against_income_group_median(self, mini, ref):
        # AAA's only other High-income country is CCC: c2 100 vs 50, i2 100 vs 50; d2 0 vs 100
        strengths, weaknesses = country.strengths_weaknesses(ref, mini, "AAA")
        assert set(strengths["code"][:2]) == {"c2", "i2"}
        assert strengths["difference"].iloc[0] == 50.0
        # d2 and i1: 0 vs 100 = -100 each, in file order; then d1 or c1 (0 vs 50)
        assert list(weaknesses["code"][:2]) == ["d2", "i1"]
        assert weaknesses["difference"].iloc[0] == -100.0

    def test_coverage_counts_stale_and_missing(self, ref):
        cov = country.coverage(ref, "DDD").set_index("pillar")
        assert cov.at["Data", "stale"] == 1 and cov.at["Data", "oldest_year"] == 2022
        assert cov.at["Industry", "with_data"] == 0

    def test_sources_name_publisher_and_licence(self, mini, ref):
        rows = country.sources(ref, mini, "CCC").set_index("code")
        assert rows.at["d1", "value"] == 30.0 and rows.at["d1", "year"] == 2024
        assert rows.at["d1", "source"] == "Test suite: Hand-made fixture for the scoring tests"
        assert rows.at["d1", "licence"] == "CC0-1.0"

    def test_summary(self, ref):
        assert country.country_summary(ref, "CCC").startswith(
            "Country C ranks 1st of 3 overall in 2024 (score 66.7)")
        assert country.country_summary(ref, "DDD") == (
            "Country D is not ranked in 2024: it has enough data for 3 of 4 pillars, and the "
            "overall score needs all of them (no score for industry).")

    def test_strongest_and_weakest_pillars(self, ref):
        # BBB ranks 3rd, 4th, 3rd, 3rd on data, compute, models, industry (hand-read from
        # the fixture's pillar scores): the first best and the worst are named
        assert country.strongest_and_weakest(ref, "BBB") == (
            "strongest in data (3rd), weakest in compute (4th)")

    def test_a_country_first_on_every_pillar_is_not_strongest_and_weakest_in_one(self):
        """The audit found 'strongest in data (1st), weakest in data (1st)' for the USA."""
        pillars = pd.DataFrame({"data": [90.0, 10.0], "compute": [80.0, 20.0]},
                               index=pd.Index(["AAA", "BBB"], name="iso3"))
        ranks = pd.DataFrame({"data": [1, 2], "compute": [1, 2]}, index=pillars.index)
        result = SimpleNamespace(pillars=pillars, pillar_ranks=lambda: ranks,
                                 pillar_info=pd.DataFrame({"name": ["Data", "Compute"]},
                                                          index=["data", "compute"]))
        assert country.strongest_and_weakest(result, "AAA") == "1st on every pillar"
        assert country.strongest_and_weakest(result, "BBB") == "2nd on every pillar"

    def test_unranked_country_is_told_which_indicators_would_fill_its_pillar(self, ref):
        # DDD's industry: i1 is from 2019 (outside the 2021-2024 window), i2 absent: 0 of 2
        # indicators, and a pillar needs half of its members, so 1 more is needed
        missing = country.missing_pillars(ref, "DDD")
        assert missing.to_dict("records") == [{
            "pillar": "Industry", "with_data": 0, "indicators": 2, "needed": 1,
            "missing": "Industry one, Industry two"}]
        assert country.missing_pillars(ref, "CCC").empty

    def test_standing_of_an_unranked_country_has_no_rank(self, ref):
        rows = country.standing(ref, "DDD").set_index("measure")
        assert pd.isna(rows.at["Overall", "rank"]) and pd.isna(rows.at["Industry", "score"])
        assert rows.at["Data", "rank"] >= 1


class TestMethodology:
    """The method text and the catalogue come from the code's definitions."""

    def test_steps_follow_the_spec_defaults(self):
        steps = dict(methodology.method_steps())
        window = ScoringSpec().window
        assert f"window = {window} years" in steps["Select"]
        assert f"{ScoringSpec().min_pillar_coverage:.0%}" in steps["Aggregate pillars"]

    def test_catalogue_coverage_counts_the_window(self, mini, ref):
        cat = methodology.catalogue(mini, ref).set_index("code")
        assert cat.at["d1", "coverage"] == "4 of 4"
        assert cat.at["m2", "coverage"] == "3 of 4"  # AAA's m2 is from 2019, outside 2021–2024
        assert cat.at["c2", "direction"] == "lower is better"
        assert cat.at["c1", "denominator"] == "population"


class TestDownloads:
    """Downloads: safe CSV, metadata with sources and citation, README."""

    def test_zip_contents(self, mini, ref):
        frame = pd.DataFrame({"name": ["=HYPERLINK(1)", "ok"], "score": [-1.5, 2.0]})
        meta = downloads.metadata(ref, mini, "http://x/?year=2024", "Test")
        blob = downloads.package({"data": frame}, meta)
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            assert sorted(z.namelist()) == ["README.txt", "data.csv", "metadata.json"]
            csv = z.read("data.csv").decode()
            saved = json.loads(z.read("metadata.json"))
            readme = z.read("README.txt").decode()
        assert "'=HYPERLINK(1)" in csv and "-1.5" in csv  # text neutralised, numbers kept
        assert saved["scoring_year"] == 2024 and saved["data_version"] == ref.version
        assert saved["sources"][0]["licence"] == "CC0-1.0"
        assert saved["citation"] in readme and "http://x/?year=2024" in saved["citation"]

    def test_full_tables_hold_every_observed_cell(self, ref):
        tables = downloads.full_tables(ref)
        assert len(tables["scores"]) == 4
        # 8 indicators x 4 countries, minus AAA's m2 (2019), DDD's i1 (2019), DDD's i2 (none)
        assert len(tables["indicators"]) == 32 - 3


class TestFigures:
    """Figures carry title, source and date; text helpers read well."""

    def test_map_titles_and_sources(self, ref):
        fig = figures.world_map(ref, "overall")
        assert fig.layout.title.text == "Overall score, 2024"
        assert fig.layout.annotations[0].text.startswith("Source: sovai")
        assert list(fig.data[0].locations) == ["AAA", "BBB", "CCC"]  # DDD unranked

    def test_graph_config_exports_png_and_uses_local_shapes(self):
        config = figures.graph_config("f", "/assets/")
        assert config["toImageButtonOptions"]["format"] == "png"
        assert config["topojsonURL"] == "/assets/"

    def test_profile_one_trace_per_country(self, ref):
        fig = figures.pillar_profile(ref, ["AAA", "CCC"])
        assert [t.name for t in fig.data] == ["Country A", "Country C"]
        assert list(fig.data[1].y) == [83.3, 50.0, 58.3, 75.0]

    def test_text_helpers(self):
        assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 112)] == [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "112th"]
        assert number(11902.4) == "11,902" and number(0.7923) == "0.792"
        assert country_link("Côte [d'Ivoire]", "/c/CIV") == "[Côte \\[d'Ivoire\\]](/c/CIV)"


class TestPresentation:
    """Numbers people read, links that are links, CSVs without float noise (issue 11 #7)."""

    def test_large_numbers_read_as_words(self):
        from dashboard.views.fmt import count

        assert number(1.388e10) == "13.9 bn" and number(4.2e6) == "4.2 m"
        assert number(2.5e12) == "2.5 tn" and number(999_999) == "999,999"
        assert number(2.69e24) == "2.69 × 10²⁴"
        assert count(1, "country") == "1 country" and count(2, "country") == "2 countries"
        assert count(1, "indicator") == "1 indicator"

    def test_source_addresses_become_links_and_nothing_else_does(self):
        from dashboard.views.grid import source_link

        assert source_link("https://data.worldbank.org/x") == \
            "[data\\.worldbank\\.org/x](https://data.worldbank.org/x)"
        assert source_link("javascript:alert(1)") == "javascript:alert\\(1\\)"
        assert source_link("") == ""

    def test_downloads_write_whole_years_and_rounded_scores(self, mini, ref):
        frame = pd.DataFrame({"year": [2023.0, None], "score": [32.812345678912345, 1.0],
                              "name": ["a", "b"]})
        tidy = downloads.tidy(frame)
        assert tidy["year"].tolist()[0] == 2023 and str(tidy["year"].dtype) == "Int64"
        assert tidy["score"].tolist() == [32.81235, 1.0]  # 7 significant digits
        zipped = downloads.package({"data": frame}, downloads.metadata(ref, mini, "http://x/", "t"))
        with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
            text = archive.read("data.csv").decode()
        assert "2023.0" not in text and "32.81235," in text and "32.812345" not in text



def test_intensity_downloads_cite_the_denominators_sources():
    """Audit 3 B8: in the intensity view population and GDP are numbers of the download too;
    Taiwan's come from CLDR (no World Bank series), so CLDR is cited, while the scale view,
    which divides by nothing, adds no denominator source."""
    from indicators import ScoringSpec, load, score
    from indicators.paths import SHIPPED_DATA_DIR

    bundle = load(SHIPPED_DATA_DIR)
    intensity = score(bundle, ScoringSpec(view="intensity"))
    assert intensity.raw_source.loc["TWN"].ne("cldr_territory").all()  # not via the values
    assert bundle.values.query("iso3 == 'TWN' and indicator == 'population'")[
        "source_id"].eq("cldr_territory").all()
    cited = {s["source_id"] for s in downloads.metadata(intensity, bundle, "u", "t")["sources"]}
    assert {"cldr_territory", "wb_wdi"} <= cited
    assert downloads.denominator_sources(score(bundle), bundle) == set()


def test_a_crowd_tied_at_the_bottom_has_no_world_rank():
    """Audit 3 B11: 192 countries with no frontier model all had world rank 8 ("8th in the
    world"); a bottom tie of BOTTOM_CROWD or more countries now has none, while a tie of fewer
    at the bottom and every rank above keep theirs."""
    from dataclasses import replace as replace_field

    from dashboard.views.indicator_ranks import BOTTOM_CROWD, shown_indicator_ranks
    from indicators import load, score
    from indicators.paths import SHIPPED_DATA_DIR

    result = score(load(SHIPPED_DATA_DIR))
    n = BOTTOM_CROWD
    # hand-made scores: A best, B second, then a crowd of n at 0; and a small tie of 2 at 0
    index = [f"C{i:02d}" for i in range(n + 2)]
    scores = pd.DataFrame({"crowd": [90.0, 50.0] + [0.0] * n,
                           "pair": [90.0, 80.0] + [40.0] * (n - 2) + [0.0, 0.0]}, index=index)
    ranks = shown_indicator_ranks(replace_field(result, normalised=scores))
    assert ranks["crowd"].tolist()[:2] == [1, 2] and ranks["crowd"].iloc[2:].isna().all()
    assert ranks["pair"].tolist()[-2:] == [n + 1, n + 1] and ranks["pair"].iloc[2] == 3


def test_exposure_shares_keep_two_significant_figures():
    """Audit 3 A6: Korea's capacity lost, 0.52 %, was shown as "1%", so GDP per hour × 4.6 %
    × 1 % gave twice the figure shown; a partial loss never reads as "100%"."""
    from dashboard.views.scenarios import percent_2sf

    assert [percent_2sf(v) for v in (0.0052, 0.046, 0.12, 1.0, 0.999, 0.0)] == [
        "0.52%", "4.6%", "12%", "100%", "99.9%", "0%"]


def test_the_method_steps_state_the_unlisted_and_imputation_rules():
    """Audit 3 B10: the Methodology page, "generated from the definitions the scoring code
    uses", listed neither the sample indicators' zero-capacity rule nor imputation's coverage
    limit; both change scores."""
    from dashboard.views.methodology import SAMPLE_NAMES, method_steps
    from indicators import contract, load
    from indicators.paths import SHIPPED_DATA_DIR

    steps = dict(method_steps())
    names = load(SHIPPED_DATA_DIR).indicators["name"]
    assert set(SAMPLE_NAMES) == set(contract.SAMPLE_INDICATORS)
    assert all(names[code] == name for code, name in SAMPLE_NAMES.items())
    assert "zero capacity" in steps["Fill unlisted"]
    assert all(name in steps["Fill unlisted"] for name in SAMPLE_NAMES.values())
    assert "coverage rule" in steps["Impute"] and "Not classified" in steps["Impute"]
