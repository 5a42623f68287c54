"""The outputs the equivalence test freezes: what each data set must keep producing, exactly.

Two layers, both recorded by ``regenerate.py`` with the code as it was before the scoring
refactor (issue 10) and compared by ``test_equivalence.py``:

* ``cli``: the text the ``sovai`` command prints (``score`` in both views and with every method,
  ``scenario`` for each preset or fixture cut, ``robustness --seed 1``, ``sensitivity --seed 1``),
  compared cell by cell as text: the CSV writes 4 decimals, so this is exact.
* ``precise``: the same library calls written with 15 significant digits (every stage the
  refactor touches: normalised scores, pillars, overall, rank, imputed and treated flags,
  scenario floors on winsorised and imputed baselines, scores by severity), compared to 1e-12.

Only the recorded columns are compared: a column added later does not fail the test; a recorded
column that disappears, a row that moves or a value that changes does.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from indicators import Bundle, Result, ScoringSpec, load, score
from indicators.scenarios.definition import Scenario

TESTS = Path(__file__).resolve().parents[1]
EXPECTED = Path(__file__).resolve().parent / "expected"
#: The data sets: ``golden`` is data/ as it was when the harness was built (frozen: data/ moves).
DATASETS: dict[str, Path] = {
    "golden": TESTS / "fixtures" / "golden" / "data",
    "mini": TESTS / "fixtures" / "mini",
    "rivals": TESTS / "robustness" / "fixtures" / "rivals",
    "cut": TESTS / "scenarios" / "fixtures" / "cut",
    "chain": TESTS / "scenarios" / "fixtures" / "chain",
}

#: ``sovai score`` options, by case name: both views, then each method choice once.
SCORE_OPTIONS: dict[str, list[str]] = {
    "score-scale": [],
    "score-intensity": ["--view", "intensity"],
    "score-zscore": ["--normalisation", "zscore"],
    "score-rank": ["--normalisation", "rank"],
    "score-goalposts": ["--normalisation", "goalposts"],
    "score-geometric": ["--aggregation", "geometric"],
    "score-winsorise": ["--outliers", "winsorise"],
    "score-region": ["--imputation", "region"],
    "score-income": ["--imputation", "income_group"],
    "score-intensity-all": ["--view", "intensity", "--outliers", "winsorise", "--imputation",
                            "income_group", "--aggregation", "geometric", "--weight", "data=2"],
}

PRESET_NAMES = ("frontier-api-withdrawn", "us-export-controls", "china-cutoff", "autarky")
#: Scenario options per data set: the presets where the data has their suppliers, else cuts
#: of the fixtures' own suppliers (their codes are AAA–DDD, so no preset applies but autarky).
SCENARIO_OPTIONS: dict[str, dict[str, list[str]]] = {
    "golden": {
        **{f"scenario-{p}": ["--preset", p] for p in PRESET_NAMES},
        "scenario-china-cutoff-intensity": ["--preset", "china-cutoff", "--view", "intensity"],
        "scenario-us-export-controls-allies-half": ["--preset", "us-export-controls",
                                                    "--allies-exempt", "--severity", "0.5"],
    },
    "mini": {
        "scenario-autarky": ["--preset", "autarky"],
        "scenario-cut-bbb": ["--cut", "BBB", "--layers", "chips"],
        "scenario-cut-bbb-allies": ["--cut", "BBB", "--layers", "chips", "--allies-exempt"],
    },
    "rivals": {},
    "cut": {
        "scenario-autarky": ["--preset", "autarky"],
        "scenario-cut-aaa-half": ["--cut", "AAA", "--layers", "chips", "--severity", "0.5"],
        "scenario-cut-ddd-intensity": ["--cut", "DDD", "--layers", "chips", "--view",
                                       "intensity"],
        "scenario-all-foreign-allies": ["--cut", "all-foreign", "--layers", "chips,models",
                                        "--allies-exempt"],
    },
    "chain": {  # chip stages, horizons, connectivity and energy (issue 14)
        "scenario-cut-bbb-fab": ["--cut", "BBB", "--layers", "chips_fab"],
        "scenario-cut-bbb-fab-packaging": ["--cut", "BBB", "--layers",
                                           "chips_fab,chips_packaging"],
        "scenario-cut-bbb-fab-horizon-3": ["--cut", "BBB", "--layers", "chips_fab,models",
                                           "--horizon-years", "3"],
        "scenario-cut-ddd-tools": ["--cut", "DDD", "--layers", "chips_tools"],
        "scenario-all-foreign-energy-connectivity": ["--cut", "all-foreign", "--layers",
                                                     "energy,connectivity"],
    },
}

ROBUSTNESS_OPTIONS: dict[str, list[str]] = {
    "robustness": ["robustness", "--seed", "1"],
    "robustness-all": ["robustness", "--seed", "1", "--runs", "400", "--vary",
                       "weights,normalisation,aggregation,imputation,window,outliers"],
    "sensitivity": ["sensitivity", "--seed", "1"],
    "sensitivity-all": ["sensitivity", "--seed", "1", "--samples", "256", "--vary",
                        "weights,normalisation,aggregation,imputation,window,outliers"],
    "sensitivity-leave-one-out": ["sensitivity", "--leave-one-out"],
}


def cli_cases(dataset: str) -> dict[str, list[str]]:
    """Return the ``sovai`` arguments of every command case of ``dataset``, by case name."""
    data = ["--data-dir", str(DATASETS[dataset]), "--format", "csv"]
    cases = {name: ["score", *options, *data] for name, options in SCORE_OPTIONS.items()}
    cases |= {name: ["scenario", *options, *data]
              for name, options in SCENARIO_OPTIONS[dataset].items()}
    cases |= {name: [*options, *data] for name, options in ROBUSTNESS_OPTIONS.items()}
    return cases


def run_cli(argv: list[str]) -> str:
    """Return what ``sovai ARGV`` prints to stdout; raise AssertionError on a non-zero status."""
    from indicators.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    assert status == 0, f"sovai {' '.join(argv)} exited {status}: {err.getvalue()}"
    return out.getvalue()


# --- the precise layer ---------------------------------------------------------------------


def precise_specs(bundle: Bundle) -> dict[str, ScoringSpec]:
    """Return the specs whose every stage is recorded, by case name.

    The goalpost case bounds the first log and the first plain indicator by half and twice
    their observed extremes (so neither bound is the observed one), in the view's units.
    """
    reference = score(bundle)
    codes = list(reference.indicators.index)
    is_log = reference.indicators["transform"] == "log"
    chosen = [c for c in (next((c for c in codes if is_log[c]), None),
                          next((c for c in codes if not is_log[c]), None)) if c]
    observed = reference.denominated
    goalposts = {c: (float(observed[c].min()) * 0.5, float(observed[c].max()) * 2) for c in chosen}
    first = codes[0]
    return {
        "reference": ScoringSpec(),
        "intensity": ScoringSpec(view="intensity"),
        "zscore": ScoringSpec(normalisation="zscore"),
        "rank": ScoringSpec(normalisation="rank"),
        "goalposts": ScoringSpec(normalisation="goalposts", goalposts=goalposts),
        "geometric": ScoringSpec(aggregation="geometric"),
        "winsorise": ScoringSpec(outliers="winsorise"),
        "region": ScoringSpec(imputation="region"),
        "income": ScoringSpec(imputation="income_group", window=1),
        "window0": ScoringSpec(window=0),
        "mixed": ScoringSpec(view="intensity", outliers="winsorise", imputation="region",
                             aggregation="geometric", normalisation="goalposts",
                             goalposts=goalposts, pillar_weights={"data": 2.0},
                             indicator_weights={first: 3.0}, min_pillar_coverage=0.75),
    }


#: Specs whose transformed values differ from the reference's (the others' are recorded once).
TRANSFORMING = ("reference", "intensity", "winsorise", "region", "income", "window0", "mixed")


def result_frame(result: Result, transformed: bool) -> pd.DataFrame:
    """Return one row per country: overall, rank, pillars, then per indicator its normalised
    score, (with ``transformed``) its transformed value, and its imputed/treated flags
    (columns ``normalised.CODE`` …)."""
    frame = pd.DataFrame({"overall": result.overall, "rank": result.rank.astype(float)})
    for pillar in result.pillars.columns:
        frame[pillar] = result.pillars[pillar]
    parts = [frame]
    for stage in ("normalised", "transformed") if transformed else ("normalised",):
        parts.append(getattr(result, stage).add_prefix(f"{stage}."))
    for flag in ("imputed", "treated"):
        parts.append(getattr(result, flag).astype(int).add_prefix(f"{flag}."))
    return pd.concat(parts, axis=1).rename_axis("iso3").reset_index()


def goalpost_frame(result: Result) -> pd.DataFrame:
    """Return the per-indicator log scale and low/high bounds the result normalised with."""
    return result.goalposts.rename_axis("code").reset_index()


def _scenarios(bundle: Bundle, dataset: str) -> dict[str, Scenario]:
    """Return the Scenario of each scenario case of ``dataset``, built as the CLI builds it."""
    import argparse

    from indicators.scenarios.cli import add_commands, build_scenario
    from indicators.scenarios.definition import known_layers

    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers())
    out: dict[str, Scenario] = {}
    for name, options in SCENARIO_OPTIONS[dataset].items():
        if "--view" in options:
            continue
        args = parser.parse_args(["scenario", *options])
        out[name] = build_scenario(args, known_layers(bundle))
    return out


#: Baselines a scenario is scored against in the precise layer (only goalpost normalisations).
SCENARIO_BASELINES: dict[str, ScoringSpec] = {
    "reference": ScoringSpec(),
    "winsorise-region": ScoringSpec(outliers="winsorise", imputation="region"),
    "intensity-geometric-income": ScoringSpec(view="intensity", aggregation="geometric",
                                              imputation="income_group", outliers="winsorise"),
}
SEVERITIES = np.array([0.0, 0.25, 0.5, 0.75, 1.0])


def precise_cases(dataset: str) -> Iterator[tuple[str, Callable[[], pd.DataFrame]]]:
    """Yield (case name, function returning the frame to record) of every precise case."""
    from indicators.scenarios.scoring import overall_by_severity, score_scenario

    bundle = load(DATASETS[dataset])
    specs = precise_specs(bundle)
    for name, spec in specs.items():
        def stages(spec: ScoringSpec = spec, name: str = name) -> pd.DataFrame:
            return result_frame(score(bundle, spec), transformed=name in TRANSFORMING)
        yield f"result-{name}", stages
    yield "goalposts-mixed", lambda: goalpost_frame(score(bundle, specs["mixed"]))
    scenarios = _scenarios(bundle, dataset)
    for base_name, base_spec in SCENARIO_BASELINES.items():
        for name, scenario in scenarios.items():
            def floor(base_spec: ScoringSpec = base_spec, scenario: Scenario = scenario
                      ) -> pd.DataFrame:
                baseline = score(bundle, base_spec)
                return score_scenario(bundle, baseline, scenario).table()
            yield f"floor-{base_name}-{name}", floor
            if name == next(iter(scenarios)):
                def by_severity(base_spec: ScoringSpec = base_spec,
                                scenario: Scenario = scenario) -> pd.DataFrame:
                    baseline = score(bundle, base_spec)
                    frame = overall_by_severity(bundle, baseline, scenario,
                                                SEVERITIES)
                    return frame.T.rename(columns=lambda s: f"severity.{s:g}") \
                        .rename_axis("iso3").reset_index()
                yield f"severity-{base_name}-{name}", by_severity


def to_csv(frame: pd.DataFrame) -> str:
    """Return ``frame`` as the precise layer records it: 15 significant digits, no index.

    15 digits round to within 5e-16 of the value, well inside the 1e-12 the test allows.
    """
    return frame.to_csv(index=False, float_format="%.15g", lineterminator="\n")


def expected_path(dataset: str, layer: str, case: str) -> Path:
    """Return where the recorded output of one case lives."""
    return EXPECTED / dataset / layer / f"{case}.csv"
