"""When a cut bites: services stop at once, hardware keeps running until it ages out.

The strict power switch (no horizon, the default) counts all capacity that depends on a cut
supplier as lost at once: support, software licences, firmware and remote shut-off. The
time-aware reading (``horizon_years`` = h) asks what still runs h years after the cut:

* a service (cloud, model API, cable capacity) stops at once: its loss is the whole cut share;
* hardware (every chips stage layer) keeps running but is not replaced, so the installed base
  ages out. With a service life of L years and an installed base whose ages are spread evenly
  over [0, L) (an assumption: the AI boom makes real stocks younger, so this ages them out
  sooner than they would), the share of the cut hardware past its life after h years is
  min(1, h / L). At h ≥ L the time-aware floor equals the strict one.

L = 6 years: the useful life over which Microsoft (from fiscal 2023) and Alphabet (from 2023)
depreciate their servers and network equipment, per their annual reports (Form 10-K).
Amazon shortened part of its server fleet to 5 years in 2025, so 6 is the upper end.
"""

from __future__ import annotations

from typing import Final

from indicators.scenarios.layers import group_of

#: Years a server accelerator stays in service (Microsoft and Alphabet 10-K depreciation lives).
SERVICE_LIFE_YEARS: Final = 6.0
#: Ledger layers that are installed hardware (they age out); every other layer is a service.
#: (A tool category counts as its group, chips_tools.)
HARDWARE_LAYERS: Final = frozenset({"chips", "chips_fab", "chips_packaging", "chips_memory",
                                    "chips_tools"})


def is_hardware(layer: str) -> bool:
    """Return True when ``layer`` is installed hardware that keeps running after a cut."""
    return group_of(layer) in HARDWARE_LAYERS


def lost_fraction(layer: str, horizon_years: float | None,
                  service_life: float = SERVICE_LIFE_YEARS) -> float:
    """Return the fraction of a layer's cut share that is lost ``horizon_years`` after the cut.

    ``None`` is the strict power switch: everything that depends on the cut supplier is lost
    (1). A service is lost at once (1); hardware loses min(1, h / service_life).
    """
    if horizon_years is None or not is_hardware(layer):
        return 1.0
    if horizon_years < 0:
        raise ValueError(f"horizon {horizon_years:g}: expected 0 or more years")
    return min(1.0, horizon_years / service_life)
