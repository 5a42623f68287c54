"""Plain sentences on the capability a scenario leaves: best model kept, months behind the
frontier, the open-weight fallback served at home, sovereign training time."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from indicators.scenarios.capability import DAYS_PER_MONTH
from indicators.scenarios.models_kept import ModelsKept
from indicators.scenarios.narrative import ordinal
from indicators.scenarios.scoring import ScenarioResult


def duration_text(days: float) -> str:
    """Return '12 days', '8 months' or '6.7 years' for a number of days."""
    if not math.isfinite(days):
        return "no finite time"
    if days < 1:
        return "less than a day"
    if days < 60:
        n = round(days)
        return f"{n} day" + ("" if n == 1 else "s")
    if days < 730:
        return f"{days / DAYS_PER_MONTH:.0f} months"
    return f"{days / 365.25:.1f} years"


def duration_label(days: float) -> str:
    """Return a duration with its days when they are many: '17 days', '6.7 years (2,450
    days)' (the dashboard's and ``--format table``'s cell)."""
    text = duration_text(days)
    return text if not math.isfinite(days) or days < 60 else f"{text} ({days:,.0f} days)"


def months_text(months: float) -> str:
    """Return '0 months' / '1 month' / '19 months' (rounded)."""
    n = round(months)
    return f"{n} month" + ("" if n == 1 else "s")


def _kept(result: ScenarioResult) -> ModelsKept | None:
    return result.models


def headline(result: ScenarioResult, iso3: str) -> str:
    """Return one line: the best model ``iso3`` keeps and its lag ('' without a models ledger)."""
    kept = _kept(result)
    if kept is None or iso3 not in kept.table.index:
        return ""
    row = kept.table.loc[iso3].to_dict()
    name = str(result.baseline.countries["name"].get(iso3, iso3))
    if not row["best_model_kept"]:
        return f"{name}: no usable model with a known training compute."
    lag = months_text(float(row["frontier_lag_months"]))
    verb = "keeps" if row["best_model_kept"] == row["best_model"] else "falls back to"
    where = (f"the frontier model itself ({lag} behind)"
             if row["best_model_kept"] == kept.frontier.model
             else f"{lag} behind the frontier ({kept.frontier.model})")
    # below severity 1 the models withdrawn are a share of those named (audit 3 B14)
    loses = "would lose, with the whole cut," if 0 < result.scenario.severity < 1 else "loses"
    lost = (f"{loses} {row['best_model_lost']} and " if row["best_model_lost"]
            and row["best_model_lost"] != row["best_model_kept"] else "")
    own = "its own " if row["kept_is_own"] and verb != "keeps" else ""
    if lost and verb == "keeps":  # the model lost was below the best one: say what is left
        return (f"{name} {loses} {row['best_model_lost']}; the most capable model it keeps (by "
                f"training compute) is {row['best_model_kept']}: {where}.")
    return f"{name} {lost}{verb} {own}{row['best_model_kept']}: {where}."


def _share_text(share: float) -> str:
    return "half" if share == 0.5 else f"{share:.0%}"


def severity_zero_text(result: ScenarioResult, iso3: str) -> str:
    """Return the country's sentence at severity 0 (nothing is cut: every score and model
    kept), '' at any other severity (audit 3 B14: the text gave a false reason instead)."""
    if result.scenario.severity > 0:
        return ""
    base = result.baseline
    name = str(base.countries["name"].get(iso3, iso3))
    overall, rank = base.overall.get(iso3), base.rank.get(iso3)
    score = (f" (overall {overall:.1f}, {ordinal(int(rank))} of {base.ranked_count})"
             if pd.notna(overall) and pd.notna(rank) else "")
    return (f"Severity 0: nothing is cut, so {name} keeps every score{score} and every model "
            "it can use. Raise the severity to see what this cut would remove.")


def partial_severity_text(result: ScenarioResult, iso3: str) -> str:
    """Return what a models cut below severity 1 models for ``iso3`` ('' at severity 0 or 1,
    or when it loses no model): the share of the withdrawn models lost, that which ones is not
    modelled, and that the model figures are those of the whole cut."""
    kept = _kept(result)
    severity = result.scenario.severity
    if kept is None or iso3 not in kept.table.index or not 0 < severity < 1:
        return ""
    n = int(float(kept.table["models_lost"].get(iso3, 0)))
    if n <= 0:
        return ""
    name = str(result.baseline.countries["name"].get(iso3, iso3))
    about = round(severity * n)
    return (f"At severity {severity:.0%}, {name} loses {_share_text(severity)} of the {n} "
            f"model{'s' if n != 1 else ''} this cut withdraws (about {about}); which ones is "
            "not modelled, so the model named below and the capability figures are those of "
            f"the whole cut, all {n} withdrawn: the upper bound.")


def country_capability_text(result: ScenarioResult, iso3: str) -> str:
    """Return sentences on what ``iso3`` keeps, how far behind, and what it could do alone."""
    kept = _kept(result)
    if kept is None or iso3 not in kept.table.index:
        return ""
    t = kept.table
    row = t.loc[iso3].to_dict()
    name = str(result.baseline.countries["name"].get(iso3, iso3))
    front = kept.frontier
    day = kept.as_of.date().isoformat()
    if not row["best_model_kept"]:
        return (f"On {day}, {name} has no usable model with a known training compute, so its "
                "lag behind the frontier is unknown.")
    lag = months_text(float(row["frontier_lag_months"]))
    if row["best_model_kept"] == row["best_model"] and row["best_model_lost"]:
        text = lost_below_best_text(kept, iso3, name)
    elif row["best_model_kept"] == row["best_model"]:
        where = ("the frontier model itself" if row["best_model_kept"] == front.model
                 else f"{lag} behind the frontier ({front.model})")
        text = (f"On {day}, the most capable model {name} could still use (by training "
                f"compute, the proxy) is {row['best_model_kept']}, {where}; the scenario does "
                "not change it.")
    elif row["kept_access"] == "open" and not row["kept_is_own"]:
        same = int(((t["best_model_kept"] == row["best_model_kept"])
                    & ~t["kept_is_own"]).sum())
        text = (f"Like every country without a model of its own that beats it ({same} "
                f"countries), {name} would fall back to {row['best_model_kept']} (open weights), "
                f"{lag} behind the frontier ({front.model}), instead of "
                f"{row['best_model']}. What separates these countries is whether they can run "
                "that fallback at home and how fast they could train their own.")
    else:
        own = " (its own)" if row["kept_is_own"] else ""
        text = (f"{name} would keep {row['best_model_kept']}{own}, {lag} behind the frontier "
                f"({front.model}), instead of {row['best_model']}.")
    if result.scenario.severity <= 0:
        text = "Severity 0: nothing is cut. " + text
    else:
        text = (partial_severity_text(result, iso3) + " " + text).strip()
    return (text + " " + fallback_text(kept, iso3, name) + " "
            + training_text(kept, iso3, name)).strip()


def _provider(kept: ModelsKept, model: str) -> str:
    row = kept.model_row(model)
    return "" if row is None else ", ".join(row["organizations"])


def _flop_text(flop: float) -> str:
    return "unknown compute" if not math.isfinite(flop) else f"{flop:.1e} FLOP"


def lost_below_best_text(kept: ModelsKept, iso3: str, name: str) -> str:
    """Return what a cut that withdraws a model below the country's best does and does not
    change: the model lost (and its lag), the best model kept instead (and its lag), and what
    the training-compute proxy cannot see."""
    row = kept.table.loc[iso3].to_dict()
    lost, best = str(row["best_model_lost"]), str(row["best_model_kept"])
    lost_lag = kept.frontier.lag_months(float(row["lost_flop"]))
    lost_where = ("" if not math.isfinite(lost_lag) else
                  f", {months_text(lost_lag)} behind the frontier by compute")
    best_where = ("the frontier itself" if best == kept.frontier.model else
                  f"{months_text(float(row['frontier_lag_months']))} behind the frontier "
                  f"({kept.frontier.model})")
    n_lost = int(row["models_lost"])
    others = f" and {n_lost - 1} other model{'s' if n_lost > 2 else ''}" if n_lost > 1 else ""
    loses = "would lose, with the whole cut," if 0 < kept.scenario.severity < 1 else "loses"
    return (f"On {kept.as_of.date().isoformat()}, {name} {loses} {lost} ({_provider(kept, lost)}, "
            f"{_flop_text(float(row['lost_flop']))}{lost_where}){others}: whoever there built "
            f"on it must move to another model. The most capable model it keeps, by training "
            f"compute (the proxy), is {best} ({_provider(kept, best)}, "
            f"{_flop_text(float(row['kept_flop']))}), {best_where}, so by that proxy its "
            "capability does not fall and its capability figures do not move. The proxy does "
            "not see quality (benchmarks can rank a smaller model higher), nor the "
            f"{kept.without_compute()} of the {len(kept.models)} models published by then for "
            "which Epoch gives no training compute.")


def _h100e(value: float) -> str:
    return f"{value:,.0f} H100-equivalents"


def _basis(row: Mapping[Any, Any]) -> str:
    """Return what the country's known AI compute is made of: 'its listed GPU clusters', 'its
    accelerated TOP500 systems' or both."""
    parts = []
    if pd.notna(row.get("h100e_gpu_clusters", row["h100e"])):
        parts.append("listed GPU clusters")
    if pd.notna(row.get("h100e_top500", float("nan"))):
        parts.append("accelerated TOP500 systems")
    return "its " + " and ".join(parts) if parts else "its known AI compute"


def _nominal(row: Mapping[Any, Any]) -> float:
    """Return the known AI compute before the cut (the kept figure for older tables)."""
    value = row.get("h100e_nominal", row["h100e"])
    return float(value) if pd.notna(value) else float("nan")


def _strict(row: Mapping[Any, Any]) -> float:
    """Return the AI compute the strict power switch leaves (the figure itself for tables
    without the strict reading)."""
    value = row.get("h100e_strict", row["h100e"])
    return float(value) if pd.notna(value) else float("nan")


def _below(value: float, nominal: float) -> bool:
    return bool(math.isfinite(nominal) and math.isfinite(value) and value < nominal * (1 - 1e-9))


def _lead(kept: ModelsKept, row: Mapping[Any, Any], brief: bool = False) -> str:
    """Return the subject of the main reading's sentence: all of the known compute, the
    compute installed on the day of the cut (when the strict switch would remove some: the
    sentence then says it assumes it keeps running), or what still runs h years on.
    ``brief``: without the figures (a sentence before gave them)."""
    nominal, running = _nominal(row), float(row["h100e"])
    horizon = kept.scenario.horizon_years
    if brief:
        if _below(running, nominal):
            return f"With what still runs {horizon:g} years after the cut"
        if _below(_strict(row), nominal):
            return "If its installed AI compute keeps running"
        return "With all of its known AI compute"
    if _below(running, nominal):
        return (f"With the AI compute still running {horizon:g} years after the cut "
                f"({running:,.0f} of its {_h100e(nominal)})")
    if _below(_strict(row), nominal):
        return (f"If the AI compute installed on the day of the cut keeps running ("
                f"{_h100e(nominal)} in {_basis(row)}: hardware already installed is not "
                "switched off on day one)")
    return f"With all of its known AI compute ({_h100e(nominal)} in {_basis(row)})"


def fallback_text(kept: ModelsKept, iso3: str, name: str) -> str:
    """Return the sentences on serving the open-weight fallback on domestic compute: on the
    compute running at the scenario's horizon (the day of the cut by default) and, when the
    strict power switch would leave less, on what it leaves."""
    row = kept.table.loc[iso3].to_dict()
    if kept.fallback is None:
        return ""
    model = kept.fallback_name
    share = row["fallback_served_share"]
    if pd.isna(row["h100e"]):
        return (f"Whether {name} could serve {model} to its internet users at home is unknown: "
                "no AI compute is known there (Epoch AI lists no GPU cluster, TOP500 no "
                "accelerated system; Epoch's list covers roughly 10–20 % of the world's AI "
                "compute).")
    if pd.isna(share):
        return (f"Whether {name} could serve {model} to its internet users at home is unknown: "
                "the data have no internet-user figure for it.")
    lead = _lead(kept, row)
    if row["h100e"] <= 0:
        main = (f"{name} has no AI compute running at home, so it could serve none of its "
                f"internet users' demand for {model}.")
    elif share >= 1:
        main = (f"{lead}, {name} could serve {model} to all of its internet users "
                f"({float(row['fallback_capacity_ratio']):,.1f} times the assumed demand).")
    else:
        main = (f"{lead}, {name} could serve {model} to about {share:.0%} of its internet "
                "users' assumed demand.")
    return (main + _strict_fallback(row, model)).strip()


def _strict_fallback(row: Mapping[Any, Any], model: str) -> str:
    strict = _strict(row)
    if not _below(strict, float(row["h100e"])):
        return ""
    switch = (" Under the strict power switch (hardware of the cut suppliers counted as lost "
              "at once)")
    if strict <= 0:
        return f"{switch} none of it would be left, so it could serve none of that demand."
    share = float(row.get("fallback_served_share_strict", float("nan")))
    return (f"{switch} it would keep {_h100e(strict)}, enough for about "
            f"{min(share, 1.0):.0%} of the demand.")


def training_text(kept: ModelsKept, iso3: str, name: str) -> str:
    """Return the sentences on how long the country's own AI compute would need to train: on
    the compute running at the scenario's horizon (the day of the cut by default) and, when
    the strict power switch would leave less, on what it leaves."""
    row = kept.table.loc[iso3].to_dict()
    if pd.isna(row["h100e"]):
        return (f"How long {name} would need to train a model of its own is unknown: no AI "
                "compute is known there (no listed GPU cluster, no accelerated TOP500 system).")
    if pd.isna(row["training_days"]):
        main = f"With no AI compute running at home, {name} could not train a model of its own."
    else:
        main = _training_main(kept, row, name)
    strict = _strict(row)
    if _below(strict, float(row["h100e"])):
        switch = " Under the strict power switch"
        if kept.fallback is None or pd.isna(row["fallback_served_share"]):
            switch += " (hardware of the cut suppliers counted as lost at once)"
        if strict <= 0 or pd.isna(row.get("training_days_strict", float("nan"))):
            main += f"{switch} none of it would be left: it could not train on domestic compute."
        else:
            main += (f"{switch} it would keep {_h100e(strict)} and need about "
                     f"{duration_text(float(row['training_days_strict']))} at the frontier's "
                     "compute.")
    return main


def _training_main(kept: ModelsKept, row: Mapping[Any, Any], name: str) -> str:
    said = kept.fallback is not None and pd.notna(row["fallback_served_share"])
    lead = f"{_lead(kept, row, brief=said)}, {name} would need about "
    frontier = (f"the frontier's compute on {kept.as_of.date().isoformat()} "
                f"({kept.frontier.flop:.1e} FLOP)")
    if not row["best_model_lost"] or pd.isna(row["training_days_lost"]):
        return f"{lead}{duration_text(float(row['training_days']))} to train a model at {frontier}."
    lost = (f"{lead}{duration_text(float(row['training_days_lost']))} to train a model of the "
            f"size it lost ({row['best_model_lost']}, {row['lost_flop']:.1e} FLOP")
    if row["best_model_lost"] == kept.frontier.model:
        return lost + ", the frontier)."
    return (f"{lost}), and about {duration_text(float(row['training_days']))} for one at "
            f"{frontier}.")


def capability_losers(result: ScenarioResult, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` countries whose months behind the frontier rise most (largest first).

    Columns: iso3, name, best_model, best_model_kept, lag_before, lag_after, lag_added; only
    countries whose capability the scenario changes. Empty without a models ledger."""
    kept = _kept(result)
    columns = ["iso3", "name", "best_model", "best_model_kept", "lag_before", "lag_after",
               "lag_added"]
    if kept is None:
        return pd.DataFrame(columns=columns)
    t = kept.table[kept.changed()]
    frame = pd.DataFrame({
        "name": result.baseline.countries["name"].reindex(t.index),
        "best_model": t["best_model"], "best_model_kept": t["best_model_kept"],
        "lag_before": t["best_lag_months"], "lag_after": t["frontier_lag_months"]})
    frame["lag_added"] = frame["lag_after"] - frame["lag_before"]
    frame = frame.rename_axis("iso3").reset_index()
    return frame.sort_values(["lag_added", "iso3"], ascending=[False, True]).head(n)[columns]


def world_capability_text(result: ScenarioResult, n: int = 3) -> str:
    """Return sentences on whose capability changes: how many, the losers, who keeps theirs."""
    kept = _kept(result)
    if kept is None:
        return ""
    changed = kept.changed()
    names = result.baseline.countries["name"].astype(str)
    if not changed.any():
        lost = kept.table["models_lost"] > 0
        if lost.any():
            return _lost_below_best_world_text(kept, int(lost.sum()))
        at_frontier = int((kept.table["frontier_lag_months"] == 0).sum())
        if not kept.frontier.model or not at_frontier:  # no model of known compute yet
            return "No country's best usable model changes (by training compute)."
        return (f"No country's best usable model changes (by training compute): "
                f"{kept.frontier.model} stays within reach of "
                f"{at_frontier} {'country' if at_frontier == 1 else 'countries'}.")
    losers = capability_losers(result, len(kept.table))
    groups = []
    for (model, _), part in losers.groupby(["best_model_kept", "lag_added"], sort=False):
        who = (": " + ", ".join(part["name"].astype(str))) if len(part) <= n else ""
        added = float(part["lag_added"].iloc[0])
        groups.append(f"{len(part)} to {model} (+{months_text(added)}{who})")
    keep = kept.table[~changed]
    kept_names = [names.get(i, i) for i in keep.index[:n]]
    text = (f"{int(changed.sum())} countries would lose their best usable model and fall "
            f"back: {'; '.join(groups[:2 * n])}.")
    if len(keep):
        verb = "keeps its best model" if len(keep) == 1 else "keep theirs"
        text += (f" {len(keep)} {verb} ({', '.join(kept_names)}"
                 + (", …" if len(keep) > n else "") + ").")
    return text


def _lost_below_best_world_text(kept: ModelsKept, countries: int) -> str:
    """Return the world sentence of a cut that withdraws models below everyone's best."""
    t = kept.table[kept.table["models_lost"] > 0]
    best = t["best_model_kept"].value_counts()
    lags = sorted({months_text(v) for v in t["frontier_lag_months"].dropna()})
    severity = kept.scenario.severity
    partial = (f"At severity {severity:.0%} each loses {_share_text(severity)} of the models "
               "the cut withdraws from it (which ones is not modelled); with the whole cut, "
               if 0 < severity < 1 else "")
    return (f"{partial}{countries} countries lose {_models_lost_text(kept)}: whoever built on it "
            "there must move to another model. By training compute (the proxy) each keeps a "
            f"model at least as large — {best.index[0]} for {int(best.iloc[0])} of them, "
            f"{' or '.join(lags)} behind the frontier — so no country's capability figure falls "
            "and the models layer moves no score. That is the limit of the proxy, not a claim "
            "that the switch costs nothing: it does not see quality, and Epoch gives no "
            f"training compute for {kept.without_compute()} of the {len(kept.models)} models "
            "published by then.")


def _models_lost_text(kept: ModelsKept) -> str:
    lost = kept.table["best_model_lost"]
    models = sorted({m for m in lost if m})
    return ", ".join(models[:3]) + (" and others" if len(models) > 3 else "")


def capability_metadata(result: ScenarioResult) -> dict[str, Any]:
    """Return the capability method and assumptions for the CLI's JSON metadata."""
    kept = _kept(result)
    if kept is None:
        return {"capability": "no models_ledger.csv in the data directory: capability columns "
                              "are empty"}
    return {"capability": {
        "as_of": kept.as_of.date().isoformat(),
        "proxy": "training compute (Epoch AI's Training compute (FLOP)); models without an "
                 "estimate are never the best model",
        "frontier": {"model": kept.frontier.model, "flop": kept.frontier.flop,
                     "reached": kept.frontier.reached.date().isoformat()},
        "frontier_lag_months": "months between the day the frontier reached its current "
                               "compute and the day it reached the kept model's compute, the "
                               "frontier being the straight line in log(compute) through the "
                               "record-setting models' publication dates (Epoch AI's log-linear "
                               "growth; 30.44-day months)",
        "open_weight_fallback": kept.fallback_name,
        "readings": {
            "fallback_served_share, training_days": (
                "on the AI compute installed on the day of the cut, which keeps running "
                "(hardware already installed is not switched off on day one)"
                if kept.scenario.horizon_years in (None, 0) else
                f"on the AI compute still running {kept.scenario.horizon_years:g} years after "
                "the cut (cut hardware ages out over a 6-year service life)"),
            "fallback_served_share_strict, training_days_strict": (
                "under the strict power switch: hardware of the cut suppliers counts as lost "
                "at once (empty where none survives)"),
            "known AI compute": "Epoch AI's GPU clusters plus the accelerated TOP500 systems "
                                "Epoch does not list (ai_compute_top500.csv); empty where "
                                "neither knows any (capability_gaps says why)"},
        "assumptions": kept.assumptions.describe(),
    }}
