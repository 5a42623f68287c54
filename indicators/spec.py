"""The scoring specification: every methodological choice, recorded with each result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

from indicators import contract as c
from indicators.registry import names

if TYPE_CHECKING:  # the registry's names are known at run time only: type checkers see str
    View: TypeAlias = str
    Normalisation: TypeAlias = str
    Aggregation: TypeAlias = str
    OutlierTreatment: TypeAlias = str
    Imputation: TypeAlias = str
else:  # each field accepts exactly the names of its registry table (indicators.registry)
    View = Literal[names("view")]
    Normalisation = Literal[names("normalisation")]
    Aggregation = Literal[names("aggregation")]
    OutlierTreatment = Literal[names("outliers")]
    Imputation = Literal[names("imputation")]


class ScoringSpec(BaseModel):
    """How to score: year, view, methods and weight overrides; the defaults are the reference."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int | None = Field(default=None, description="Scoring year Y; None: the latest year.")
    view: View = "scale"
    window: int = Field(default=c.DEFAULT_WINDOW, ge=0, le=20,
                        description="Observations from Y-window to Y count for year Y.")
    normalisation: Normalisation = "minmax"
    indicator_normalisation: dict[str, Normalisation] = Field(
        default_factory=dict,
        description="Per-indicator normalisation overriding ``normalisation`` for those codes "
        "(COINr's individual specifications).")
    goalposts: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="Per-indicator (low, high) bounds, in the view's units before the transform, "
        "for goalpost normalisation; indicators without bounds use the observed min and max.")
    targets: dict[str, float] = Field(
        default_factory=dict,
        description="Per-indicator target, in the view's units before the transform, for the "
        "dist2targ normalisation; indicators without a target use the best observed value.")
    aggregation: Aggregation = "arithmetic"
    outliers: OutlierTreatment = "none"
    imputation: Imputation = "none"
    pillar_weights: dict[str, float] = Field(default_factory=dict)
    indicator_weights: dict[str, float] = Field(default_factory=dict)
    min_pillar_coverage: float = Field(
        default=1 / 3, gt=0, le=1,
        description="A pillar score needs at least this share of the pillar's indicators "
        "observed (by count); below it the pillar, and so the overall score, is missing. "
        "1/3 since issue 12 (was 0.5): see README's changelog.")

    def is_reference(self) -> bool:
        """Return True when every choice but the year is the reference method's."""
        return self.model_copy(update={"year": None}) == ScoringSpec()


REFERENCE = ScoringSpec()
