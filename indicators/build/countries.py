"""The country list (countries.csv), its UN sub-regions and the name table built from it.

Included: the 195 states that country-codes.csv marks ``is_independent == Yes`` (this already
includes Taiwan and the Holy See), plus Palestine (PSE, "In contention" there but a UN
observer state present in the WDI and ITU data), Kosovo (XKX, the World Bank's code; not in
ISO 3166) and the Special Administrative Regions Hong Kong (HKG) and Macao (MAC), which every
source reports separately from mainland China (their own statistics, customs and data-protection
law). Other territories are explicitly ignored when met in a source.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.build.errors import BuildError
from indicators.build.names import NameTable

COUNTRY_CODES = Path("country-codes") / "country-codes.csv"

#: Non-independent entries of country-codes.csv that are included, with the reason in the
#: module docstring.
EXTRA_MEMBERS = ("PSE", "HKG", "MAC")

#: Kosovo is not in ISO 3166 nor in country-codes.csv: name and UN-style sub-region given here
#: (judgement: the UN M49 "Southern Europe" of its neighbours Serbia, Albania, North Macedonia).
KOSOVO = {"iso3": "XKX", "iso2": "XK", "name": "Kosovo", "region": "Southern Europe"}

#: Friendlier display names where CLDR's short form is cryptic.
DISPLAY_NAMES = {
    "GBR": "United Kingdom",
    "USA": "United States",
    "BIH": "Bosnia and Herzegovina",
    "COD": "DR Congo",
    "COG": "Congo",
    "HKG": "Hong Kong SAR, China",
    "MAC": "Macao SAR, China",
    "MMR": "Myanmar",
    "PSE": "Palestine",
    "CIV": "Côte d'Ivoire",
    "VAT": "Holy See",
    "FSM": "Micronesia",
}


def read_country_codes(sources: Path) -> pd.DataFrame:
    """Return country-codes.csv as strings (Namibia's ``NA`` kept as text)."""
    path = sources / COUNTRY_CODES
    if not path.exists():
        raise BuildError(f"missing source file {path}")
    return pd.read_csv(path, keep_default_na=False, dtype=str)


def country_frame(codes: pd.DataFrame) -> pd.DataFrame:
    """Return iso3, iso2, name and region (UN sub-region) of the included countries."""
    keep = (codes["is_independent"] == "Yes") | codes["ISO3166-1-Alpha-3"].isin(EXTRA_MEMBERS)
    sel = codes[keep]
    names = [
        DISPLAY_NAMES.get(iso3, cldr.replace(" & ", " and "))
        for iso3, cldr in zip(sel["ISO3166-1-Alpha-3"], sel["CLDR display name"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            "iso3": sel["ISO3166-1-Alpha-3"].to_numpy(),
            "iso2": sel["ISO3166-1-Alpha-2"].to_numpy(),
            "name": names,
            "region": sel["Sub-region Name"].to_numpy(),
        }
    )
    frame = pd.concat([frame, pd.DataFrame([KOSOVO])], ignore_index=True)
    if (frame["region"] == "").any():
        missing = ", ".join(frame.loc[frame["region"] == "", "iso3"])
        raise BuildError(f"{COUNTRY_CODES}: no UN sub-region for {missing}")
    return frame.sort_values("iso3").reset_index(drop=True)


def name_table(codes: pd.DataFrame, countries: pd.DataFrame) -> NameTable:
    """Return the NameTable for the included countries."""
    iso2 = dict(zip(codes["ISO3166-1-Alpha-2"], codes["ISO3166-1-Alpha-3"], strict=True))
    display = dict(zip(countries["iso3"], countries["name"], strict=True))
    return NameTable(display, codes["ISO3166-1-Alpha-3"], iso2)
