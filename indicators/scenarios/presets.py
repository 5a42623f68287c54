"""Named scenarios: the event that started the project and the other cut-offs people ask about."""

from __future__ import annotations

from datetime import date
from typing import Final

from indicators.scenarios.definition import ALL_FOREIGN, Scenario

#: Presets by URL/CLI name. Layers not present in a data set simply cut nothing.
PRESETS: Final[dict[str, Scenario]] = {
    "frontier-api-withdrawn": Scenario(
        name="Frontier model API withdrawn from non-US users",
        cut=("USA",), layers=("models",), severity=1.0),
    "us-export-controls": Scenario(
        name="US chip and cloud export controls",
        cut=("USA",), layers=("chips", "cloud"), severity=1.0),
    "china-cutoff": Scenario(
        name="Chinese supplier cut-off",
        cut=("CHN",), layers=("chips", "cloud", "models"), severity=1.0),
    # autarky cuts every foreign stage of the chips a country runs (designer, fabrication,
    # packaging, memory), not only the designer: a reader of "autarky floor" expects foreign
    # fabs gone (audit B3). Still kept, and said first: open weights already downloaded, and
    # fabrication tools already installed (chips_tools is not cut; docs/scenarios.md).
    "autarky": Scenario(
        name="All foreign suppliers (autarky floor)",
        cut=(ALL_FOREIGN,), layers=("chips", "chips_fab", "chips_memory", "chips_packaging",
                                    "cloud", "models"), severity=1.0),
    # supply-chain presets (issue 14; assumptions and sources in docs/scenarios.md)
    "taiwan-strait": Scenario(
        name="Taiwan Strait disruption (Taiwan's chip fabrication and packaging)",
        cut=("TWN",), layers=("chips_fab", "chips_packaging"), severity=1.0),
    "lithography-controls": Scenario(
        name="Lithography controls (Dutch and Japanese tools)",
        cut=("NLD", "JPN"), layers=("chips_tools",), severity=1.0),
    "cable-cut": Scenario(
        name="Cable cut (the chosen country's landings; Egypt unless --cut names another)",
        cut=("EGY",), layers=("connectivity",), severity=1.0),
}

#: The event in the news story: one US provider's newest frontier model withdrawn from every
#: non-US user the day it is released — Anthropic's Claude 3.5 Sonnet, published 2024-06-20
#: according to Epoch AI. ``seed_event`` builds the same event for another provider and model.
SEED_PROVIDER: Final = "Anthropic"
SEED_MODEL: Final = "Claude 3.5 Sonnet"
SEED_DATE: Final = date(2024, 6, 20)


def seed_event(provider: str = SEED_PROVIDER, model: str = SEED_MODEL,
               released: date = SEED_DATE, jurisdiction: str = "USA") -> Scenario:
    """Return the seed event for ``model`` of ``provider``, withdrawn on ``released`` from every
    user outside ``jurisdiction``."""
    users = "non-US users" if jurisdiction == "USA" else f"users outside {jurisdiction}"
    return Scenario(name=f"{provider} withdraws {model} from {users} ({released.isoformat()})",
                    cut=(jurisdiction,), layers=("models",), severity=1.0,
                    providers=(provider,), models=(model,), as_of=released)


PRESETS["seed-event"] = seed_event()

DEFAULT_PRESET: Final = "frontier-api-withdrawn"


def preset(name: str) -> Scenario:
    """Return the preset called ``name``; raise KeyError naming the presets that exist."""
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(f"unknown preset {name!r}: expected one of {', '.join(PRESETS)}") from None


def preset_for(name: str, layers: list[str]) -> Scenario:
    """Return the preset ``name`` keeping only the ``layers`` the data has (all, if none match)."""
    scenario = preset(name)
    kept = tuple(layer for layer in scenario.layers if layer in layers)
    return scenario.model_copy(update={"layers": kept}) if kept else scenario
