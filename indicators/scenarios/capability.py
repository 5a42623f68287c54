"""Capability kept: the best AI model each country can still use after a cut, and how far behind.

Proxy of capability: **training compute** (Epoch AI's ``Training compute (FLOP)``). Models without
a compute estimate still count for access but can never be "the best model".

On the day of the cut (``as_of``) a country c can use (models published up to that day):

- its own models, whatever their access (c is one of the model's jurisdictions);
- every open-weight model (weights already downloaded cannot be recalled);
- every served (API / hosted, closed-weight) model — unless the scenario withdraws it from c.

The scenario withdraws a served model from c when it cuts the models layer (severity > 0), the
model has a cut jurisdiction (or every foreign supplier is cut), c is not one of its
jurisdictions (a domestic model is never lost), c is not allied with its cut jurisdictions
(allies exempt), and the model passes the scenario's narrowing: ``providers``, ``models``,
``released_after``, then ``top_n`` by compute.

Months behind the frontier: the frontier's record-setting releases (each model whose training
compute beats every model published before it) are joined by a straight line in log(compute)
against time — the log-linear growth Epoch AI describes ("Training compute of frontier AI models
grows by 4-5x per year", Sevilla & Roldán, 2024) drawn through the records themselves, so the
frontier grows between two records at the rate those two records imply. For a model of compute
C, lag = (day the frontier reached its current compute) − (day that line reached C), in months
of 30.4375 days. A larger compute is reached later, so it lags less; the country using the
frontier model lags 0; a compute below the ledger's first record takes that record's day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from indicators.scenarios.cutoff import MODELS_LAYER
from indicators.scenarios.definition import Scenario
from indicators.scenarios.providers import UnknownProvider, resolve_providers

DAYS_PER_MONTH: Final = 365.25 / 12
CAPABILITY_COLUMNS: Final = (
    "best_model", "best_flop", "best_lag_months", "best_model_kept", "kept_flop",
    "frontier_lag_months", "kept_is_own", "kept_access", "best_model_lost", "lost_flop",
    "models_usable", "models_lost", "access_kept")


@dataclass(frozen=True)
class Frontier:
    """The compute frontier on ``as_of``: its model, compute and the dates it rose."""

    as_of: pd.Timestamp
    model: str
    flop: float
    reached: pd.Timestamp
    steps: pd.DataFrame  # published, flop (running max), model — one row per new maximum

    def reached_at(self, flop: float) -> pd.Timestamp | None:
        """Return the day the log-linear frontier first reached ``flop`` (None: NaN or above
        the frontier), to the second."""
        lag = self.lag_months(flop)
        if not np.isfinite(lag):
            return None
        return self.reached - pd.Timedelta(days=lag * DAYS_PER_MONTH)

    def lag_months(self, flop: float) -> float:
        """Return how many months earlier the frontier was already at ``flop`` (NaN: unknown)."""
        return float(self.lag_months_array(np.array([flop]))[0])

    def lag_months_array(self, flop: np.ndarray) -> np.ndarray:
        """Return the months behind the frontier of each value of ``flop`` (NaN where NaN or
        above the frontier): log-linear interpolation between the records' days."""
        flop = np.asarray(flop, dtype=float)
        out = np.full(flop.shape, np.nan)
        if self.steps.empty:
            return out
        levels = self.steps["flop"].to_numpy(dtype=float)
        days = (self.reached - pd.DatetimeIndex(self.steps["published"])).days.to_numpy()
        ok = np.isfinite(flop) & (flop > 0) & (flop <= levels[-1] * (1 + 1e-12))
        # np.interp clamps below the first record (its day) and needs rising x: log compute
        lag_days = np.interp(np.log(np.minimum(flop[ok], levels[-1])), np.log(levels),
                             days.astype(float))
        out[ok] = lag_days / DAYS_PER_MONTH
        return out


def default_as_of(ledger: pd.DataFrame, year: int | None = None) -> pd.Timestamp:
    """Return the latest publication date of the ledger, at most 31 December of ``year``."""
    published = ledger["published"]
    if year is not None:
        published = published[published <= pd.Timestamp(year=year, month=12, day=31)]
    if published.empty:
        return pd.Timestamp(year=year or 1900, month=12, day=31)
    return pd.Timestamp(published.max())


def cut_day(scenario: Scenario, ledger: pd.DataFrame, year: int | None = None) -> pd.Timestamp:
    """Return the scenario's day of the cut: ``as_of`` or the ledger's latest date."""
    if scenario.as_of is not None:
        return pd.Timestamp(scenario.as_of)
    return default_as_of(ledger, year)


def frontier(ledger: pd.DataFrame, as_of: pd.Timestamp) -> Frontier:
    """Return the compute frontier on ``as_of`` from every model published by then."""
    known = ledger[(ledger["published"] <= as_of) & ledger["flop"].notna()]
    known = known.sort_values(["published", "flop"], ascending=[True, False], kind="stable")
    before = known["flop"].cummax().shift(fill_value=0.0)
    steps = known.loc[known["flop"] > before, ["published", "flop", "model"]]
    steps = steps.reset_index(drop=True)
    if steps.empty:
        return Frontier(as_of, "", float("nan"), as_of, steps)
    top = steps.iloc[-1]
    return Frontier(as_of, str(top["model"]), float(top["flop"]),
                    pd.Timestamp(top["published"]), steps)


def withdrawn_models(ledger: pd.DataFrame, scenario: Scenario,
                     as_of: pd.Timestamp) -> pd.Series:
    """Return a boolean per ledger row: the scenario withdraws this model from foreign users.

    Only served (closed-weight, API or hosted) models published up to ``as_of`` can be
    withdrawn, and only when the scenario cuts the models layer at a severity above 0.
    """
    none = pd.Series(False, index=ledger.index)
    if MODELS_LAYER not in scenario.layers or scenario.severity <= 0:
        return none
    cut = set(scenario.cut)
    chosen = (ledger["access"] == "served") & (ledger["published"] <= as_of)
    if not scenario.cuts_all_foreign:
        chosen &= ledger["jurisdictions"].map(lambda codes: bool(cut & set(codes)))
    if scenario.providers:
        orgs = {o for t in ledger["organizations"] for o in t}
        try:
            wanted = resolve_providers(scenario.providers, orgs)
        except UnknownProvider:
            # the names were checked against the whole ledger (model_scenario_problems); here
            # the ledger holds only what was published by ``as_of``: a provider with no model
            # yet has nothing to withdraw (audit 3 A7: this raised a traceback)
            return none
        chosen &= ledger["organizations"].map(lambda names: bool(wanted & set(names)))
    if scenario.models:
        names = {m.lower() for m in scenario.models}
        chosen &= ledger["model"].str.lower().isin(names)
    if scenario.released_after is not None:
        chosen &= ledger["published"] > pd.Timestamp(scenario.released_after)
    if scenario.top_n is not None:
        ranked = ledger[chosen].sort_values(["flop", "published", "model"],
                                            ascending=[False, False, True], na_position="last")
        chosen &= ledger.index.isin(ranked.index[: scenario.top_n])
    return chosen


def unknown_models(ledger: pd.DataFrame, scenario: Scenario) -> list[str]:
    """Return the scenario's model names that the ledger does not list."""
    names = set(ledger["model"].str.lower())
    return [m for m in scenario.models if m.lower() not in names]


def _best(flop: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """Return per country (row) the position of the most compute-intensive usable model, or -1.

    Ties go to the earlier row (the ledger is sorted by publication date, then name).
    """
    if flop.size == 0:
        return np.full(usable.shape[0], -1)
    scores = np.where(usable & np.isfinite(flop)[None, :], flop[None, :], -np.inf)
    best = np.argmax(scores, axis=1)
    return np.where(np.isfinite(scores[np.arange(len(best)), best]), best, -1)


def capability(ledger: pd.DataFrame, countries: pd.Index, scenario: Scenario,
               as_of: pd.Timestamp,
               allies: pd.MultiIndex | None = None) -> tuple[pd.DataFrame, Frontier]:
    """Return per country (index iso3) what it can use before and after the cut, and the frontier.

    Columns: ``best_model``/``best_flop``/``best_lag_months`` before the cut;
    ``best_model_kept``/``kept_flop``/``frontier_lag_months`` after it, with ``kept_is_own``
    (the kept model is the country's own) and ``kept_access`` (open, served or unreleased);
    ``best_model_lost``/``lost_flop`` (the most compute-intensive model withdrawn from it, empty
    if none); ``models_usable``, ``models_lost`` and ``access_kept`` (share of usable models
    kept, by count). ``allies`` holds (iso3, supplier) pairs sharing a bloc (allies exempt).
    """
    ledger = ledger.sort_values(["published", "model"], kind="stable").reset_index(drop=True)
    ledger = ledger[ledger["published"] <= as_of].reset_index(drop=True)
    front = frontier(ledger, as_of)
    codes = list(countries)
    n_c, n_m = len(codes), len(ledger)
    position = {code: i for i, code in enumerate(codes)}
    home = np.zeros((n_c, n_m), dtype=bool)
    for j, juris in enumerate(ledger["jurisdictions"]):
        for code in juris:
            if code in position:
                home[position[code], j] = True
    released = ledger["access"].isin(["open", "served"]).to_numpy()
    usable = home | released[None, :]
    withdrawn = withdrawn_models(ledger, scenario, as_of).to_numpy()
    lost = usable & withdrawn[None, :] & ~home
    if allies is not None and scenario.allies_exempt and withdrawn.any():
        pairs = set(allies)
        cut = set(scenario.cut)
        juris = list(ledger["jurisdictions"])
        for j in (int(k) for k in np.flatnonzero(withdrawn)):
            suppliers = [s for s in juris[j] if scenario.cuts_all_foreign or s in cut]
            for i, code in enumerate(codes):
                if lost[i, j] and any((code, s) in pairs for s in suppliers):
                    lost[i, j] = False
    kept = usable & ~lost
    flop = ledger["flop"].to_numpy(dtype=float)
    # one sentinel column at the end: position -1 ("no model") reads "", NaN, not own
    names = np.append(ledger["model"].to_numpy(dtype=object), "")
    access = np.append(ledger["access"].to_numpy(dtype=object), "")
    flop_or_nan = np.append(flop, np.nan)
    home_or_not = np.hstack([home, np.zeros((n_c, 1), dtype=bool)])

    def pick(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        pos = _best(flop, mask)
        return names[pos], flop_or_nan[pos], pos

    best_name, best_flop, _ = pick(usable)
    kept_name, kept_flop, kept_pos = pick(kept)
    lost_name, lost_flop, _ = pick(lost)
    kept_own = home_or_not[np.arange(n_c), kept_pos]
    n_usable = usable.sum(axis=1)
    n_lost = lost.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n_usable > 0, 1.0 - n_lost / np.maximum(n_usable, 1), np.nan)
    out = pd.DataFrame({
        "best_model": best_name, "best_flop": best_flop,
        "best_lag_months": front.lag_months_array(best_flop),
        "best_model_kept": kept_name, "kept_flop": kept_flop,
        "frontier_lag_months": front.lag_months_array(kept_flop),
        "kept_is_own": kept_own,
        "kept_access": access[kept_pos],
        "best_model_lost": lost_name, "lost_flop": lost_flop,
        "models_usable": n_usable, "models_lost": n_lost, "access_kept": share,
    }, index=pd.Index(codes, name="iso3"))
    return out[list(CAPABILITY_COLUMNS)], front


def open_weight_fallback(ledger: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series | None:
    """Return the ledger row of the most compute-intensive open-weight model published by
    ``as_of`` whose compute and parameter count are known (every country keeps it), or None."""
    rows = ledger[(ledger["access"] == "open") & (ledger["published"] <= as_of)
                  & ledger["flop"].notna() & ledger["parameters"].notna()]
    if rows.empty:
        return None
    return rows.sort_values(["flop", "published", "model"],
                            ascending=[False, True, True]).iloc[0]


def to_date(value: pd.Timestamp) -> date:
    """Return a Timestamp as a date."""
    return pd.Timestamp(value).date()
