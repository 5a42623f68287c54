"""What a cut-off scenario is: who is cut, on which layers, how hard, and who counts as an ally."""

from __future__ import annotations

from datetime import date
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, field_validator

from indicators.bundle import Bundle
from indicators.scenarios.layers import layer_phrase, with_groups

#: The pseudo-supplier meaning "every supplier other than the country itself".
ALL_FOREIGN: Final = "all-foreign"
#: Layer names accepted for another: the design stage of chips keeps its layer name ``chips``.
LAYER_ALIASES: Final[dict[str, str]] = {"chips_design": "chips"}


class Scenario(BaseModel):
    """A cut-off: suppliers ``cut`` on ``layers`` at ``severity`` (0–1), allies optionally exempt.

    ``cut`` holds supplier jurisdictions (iso3) or ``"all-foreign"``. With ``allies_exempt`` the
    supply a country gets from a member of a bloc it belongs to counts as sovereign; ``allies``
    names the blocs (from groups.csv) that count, and ``None`` means every bloc of groups.csv.
    ``horizon_years`` ``None`` is the strict power switch (everything that depends on a cut
    supplier is lost); a number asks what still runs that many years after the cut
    (indicators/scenarios/horizon.py: services stop at once, hardware ages out).

    On the models layer a cut can be narrowed to single models (``indicators.scenarios.
    capability``): ``providers`` (Epoch organisation names or aliases, case-insensitive),
    ``models`` (model names), ``released_after`` (only models published after that day) and
    ``top_n`` (the N largest by training compute of what is left); ``as_of`` is the day of the
    cut (default: the latest publication in the models ledger, at most the scoring year's end).
    Empty/None means no narrowing.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(default="Custom scenario", max_length=120)
    cut: tuple[str, ...] = Field(min_length=1)
    layers: tuple[str, ...] = Field(min_length=1)
    severity: float = Field(default=1.0, ge=0.0, le=1.0)
    allies_exempt: bool = False
    allies: tuple[str, ...] | None = None
    horizon_years: float | None = Field(default=None, ge=0.0, le=50.0)
    providers: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    released_after: date | None = None
    top_n: int | None = Field(default=None, ge=1)
    as_of: date | None = None

    @field_validator("cut", "layers")
    @classmethod
    def _sorted_unique(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({LAYER_ALIASES.get(item, item) for item in value}))

    @property
    def cuts_all_foreign(self) -> bool:
        """Return True when every foreign supplier is cut."""
        return ALL_FOREIGN in self.cut

    @property
    def narrows_models(self) -> bool:
        """Return True when the models cut is limited to some providers, models or dates."""
        return bool(self.providers or self.models or self.released_after or self.top_n)

    def describe(self) -> str:
        """Return a short label: who is cut, on which layers (their names from the shared
        table, indicators/scenarios/layers.py), at what severity."""
        who = "all foreign suppliers" if self.cuts_all_foreign else ", ".join(self.cut)
        allies = ""
        if self.allies_exempt:
            allies = (" (allies exempt: " + ", ".join(self.allies) + ")" if self.allies
                      else " (allies in any shared bloc exempt)")
        models = ""
        if self.narrows_models:
            parts = []
            if self.models:
                parts.append(", ".join(self.models))
            if self.providers:
                parts.append("provider " + ", ".join(self.providers))
            if self.released_after:
                parts.append(f"released after {self.released_after.isoformat()}")
            if self.top_n:
                parts.append(f"top {self.top_n} by compute")
            models = " (models: " + "; ".join(parts) + ")"
        when = ("" if self.horizon_years is None
                else f", {self.horizon_years:g} years after the cut")
        layers = ", ".join(layer_phrase(layer) for layer in self.layers)
        return (f"{who} cut on {layers} at {self.severity:.0%}{allies}"
                f"{models}{when}")


def known_layers(bundle: Bundle) -> list[str]:
    """Return the layers that appear in indicators.csv or dependencies.csv, and the groups of
    those (``chips_tools`` for the tool categories; indicators/scenarios/layers.py), sorted."""
    # unique() first: iterating a pandas string column element by element is slow (16k rows)
    layers = set(bundle.indicators["layer"].fillna("").astype(str).unique())
    layers |= set(bundle.dependencies["layer"].astype(str).unique())
    return with_groups({layer for layer in layers if layer})


def known_suppliers(bundle: Bundle) -> list[str]:
    """Return every code that can be cut: countries.csv's iso3 and the ledger's suppliers."""
    codes = set(bundle.countries.index) | set(bundle.dependencies["supplier"].astype(str).unique())
    return sorted(codes)


def scenario_problems(bundle: Bundle, scenario: Scenario) -> list[str]:
    """Return one sentence per part of ``scenario`` the data does not know (empty if none)."""
    problems = []
    suppliers = set(known_suppliers(bundle))
    unknown = [s for s in scenario.cut if s != ALL_FOREIGN and s not in suppliers]
    if unknown:
        problems.append(f"unknown supplier code(s) {', '.join(unknown)}: expected iso3 codes of "
                        f"countries.csv or dependencies.csv, or {ALL_FOREIGN}")
    layers = known_layers(bundle)
    unknown = [layer for layer in scenario.layers if layer not in layers]
    if unknown:
        problems.append(f"unknown layer(s) {', '.join(unknown)}: expected one of "
                        f"{', '.join(layers) or '(none in the data)'}")
    if scenario.allies:
        blocs = set(bundle.groups["group"])
        unknown = [b for b in scenario.allies if b not in blocs]
        if unknown:
            problems.append(f"unknown bloc(s) {', '.join(unknown)}: expected groups of "
                            f"groups.csv ({', '.join(sorted(blocs))})")
    return problems
