"""Which intensity-view denominators of a country come from another measure than the others'.

The intensity view divides capacities by GDP (``gdp_usd``, current US$ from WDI) or population.
Where WDI has no series, the data fall back to another source (Taiwan, North Korea, the Holy
See, Eritrea, South Sudan, Yemen: CLDR's 2020 GDP at PPP), which is a different measure, so the
country's per-GDP scores are not comparable with the others' (audit 3 A9). The notes below let
a page say so where the country is shown.
"""

from __future__ import annotations

import pandas as pd

from indicators.bundle import Bundle


def denominator_notes(bundle: Bundle, iso3: str, year: int) -> list[str]:
    """Return one sentence per money denominator (unit in US$) of the scored indicators whose
    latest value for ``iso3`` up to ``year`` comes from another source than the definition's
    (the row's note says what it is instead); [] when every one is the defined measure.

    Only money: another source of a population counts the same thing, while another source
    of a GDP is another price basis or year (CLDR's is PPP, 2020)."""
    indicators = bundle.indicators
    scored = indicators[indicators["pillar"] != "context"]
    codes = [c for c in dict.fromkeys(scored["denominator"].fillna("").astype(str))
             if c and c in indicators.index and "US$" in str(indicators.at[c, "unit"])]
    values = bundle.values
    rows = values[(values["iso3"] == iso3) & values["indicator"].isin(codes)
                  & (values["year"] <= year)].sort_values("year")
    latest = rows.groupby("indicator").tail(1)
    name = str(bundle.countries["name"].get(iso3, iso3))
    titles = bundle.sources["title"] if "title" in bundle.sources else pd.Series(dtype=object)
    notes = []
    for row in latest.itertuples(index=False):
        code = str(row.indicator)
        defined = str(indicators.at[code, "source_id"])
        if str(row.source_id) == defined:
            continue
        users = scored.index[scored["denominator"] == code]
        label = str(indicators.at[code, "name"])
        unit = str(indicators.at[code, "unit"])
        found = titles.get(defined, defined)
        who = str(found.iloc[0] if isinstance(found, pd.Series) else found)
        what = str(row.note) if str(row.note or "") else str(row.source_id)
        notes.append(
            f"{name}'s {label} ({int(str(row.year))}), the denominator of {len(users)} "
            f"per-{label} scores in the intensity view, is not {unit} from {who} like the "
            f"other countries': {what}. Its per-{label} scores are "
            "divided by another measure and are not comparable with the others'.")
    return notes
