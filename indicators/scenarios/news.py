"""The seed event's economic exposure side by side with the news story's figure.

The story estimated the productivity loss of its event at US$12 million per hour. Our estimate
(``exposure.output_at_risk``) is summed over the countries that lose something; nothing is tuned
to match. The comparison states what drives the difference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from indicators.bundle import Bundle
from indicators.scenarios.exposure import ExposureAssumptions, output_at_risk
from indicators.scenarios.scoring import ScenarioResult

#: The news story's estimate of the seed event's productivity loss (US$ per hour).
STORY_LOSS_PER_HOUR: Final = 12e6
#: Where the figure comes from, as precisely as the repository allows: the news article about
#: the event this project was started for (a government ordering a frontier model withdrawn
#: from foreign users overnight), as quoted in the project's issue 13, item 7 ("The article
#: estimates the productivity loss of its event at $12 million per hour"). The repository does
#: not record the article's publisher, title, date or address, so none is given here and the
#: figure cannot be checked against it (audit B11).
STORY_SOURCE: Final = ("the news article on the withdrawal that started this project, as "
                       "quoted in the project's issue 13 (publisher, title and date not "
                       "recorded, so the figure is unverified)")


@dataclass(frozen=True)
class StoryComparison:
    """Our summed estimate, the story's figure, their ratio and the inputs that drive it."""

    at_risk_per_hour: float
    countries: int
    countries_without_gdp: int
    gdp_per_hour: float
    ai_share: float
    mean_capacity_lost: float
    story_per_hour: float = STORY_LOSS_PER_HOUR

    @property
    def ratio(self) -> float:
        """Return our estimate / the story's (NaN if the story's figure were 0)."""
        return self.at_risk_per_hour / self.story_per_hour if self.story_per_hour else math.nan

    @property
    def implied_capacity_lost(self) -> float:
        """Return the capacity lost that would make our formula give the story's figure."""
        base = self.gdp_per_hour * self.ai_share
        return self.story_per_hour / base if base else math.nan

    def sentences(self) -> str:
        """Return the comparison in words, with what drives the difference; when no country
        loses access, one sentence saying there is nothing to compare (audit 3 A8: "nan%")."""
        if self.countries == 0:
            return ("No country loses access to a model under this scenario, so there is no "
                    "output at risk to set beside the news story's US$"
                    f"{self.story_per_hour / 1e6:,.0f} million per hour (source: "
                    f"{STORY_SOURCE}).")
        return (
            f"Summed over the {self.countries} countries that lose access, the estimate is "
            f"US${self.at_risk_per_hour / 1e6:,.1f} million per hour, against the news story's "
            f"US${self.story_per_hour / 1e6:,.0f} million per hour (source: {STORY_SOURCE}; "
            f"ratio {self.ratio:.2f}). Ours is their "
            f"output per calendar hour (US${self.gdp_per_hour / 1e9:,.1f} billion) × the "
            f"AI share ({self.ai_share:.1%}; by default the share of tasks AI can profitably "
            "automate within ten years, an upper bound of what leans on AI today) × the "
            "capacity lost, here the share of the "
            f"large-scale models they can use that the withdrawal removes "
            f"({self.mean_capacity_lost:.2%} on average: one model among the usable ones, each "
            f"counted alike). The story's figure would need {self.implied_capacity_lost:.1%} "
            "of that AI share of output to stop, as if the withdrawn model carried that much of "
            "the work rather than one model's share of the count."
            + (f" {self.countries_without_gdp} affected countries have no GDP in the data and "
               "are left out." if self.countries_without_gdp else ""))


def compare_with_story(bundle: Bundle, result: ScenarioResult,
                       assumptions: ExposureAssumptions | None = None) -> StoryComparison:
    """Return the scenario's output at risk summed over affected countries, beside the story's."""
    assumptions = assumptions or ExposureAssumptions()
    frame = output_at_risk(bundle, result, assumptions)
    affected = frame[frame["capacity_lost"] > 0]
    known = affected.dropna(subset=["at_risk_per_hour"])
    mean_lost = float(known["capacity_lost"].mean()) if len(known) else math.nan
    return StoryComparison(
        at_risk_per_hour=float(known["at_risk_per_hour"].sum()),
        countries=len(known),
        countries_without_gdp=len(affected) - len(known),
        gdp_per_hour=float(known["gdp_per_hour"].sum()),
        ai_share=assumptions.ai_share,
        mean_capacity_lost=mean_lost,
    )
