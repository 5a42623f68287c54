"""Downloads: a zip with the data as safe CSV, metadata.json and a README with the citation."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pandas as pd

from dashboard.views.methodology import method_steps
from indicators import Bundle, Result
from indicators.code_version import method_version
from indicators.export import to_safe_csv


def citation(result: Result, url: str, today: dt.date | None = None) -> str:
    """Return the citation line of a view: title, version, year, link and access date."""
    return cite(result.year, result.version, url, today)


def cite(year: int, version: str, url: str, today: dt.date | None = None) -> str:
    """Return the citation line of scores for ``year`` of data ``version`` seen at ``url``."""
    today = today or dt.date.today()
    return (f"sovai — Sovereign-AI readiness observatory, scores for {year} "
            f"(data version {version[:12]}, method version {method_version()}). {url} "
            f"(accessed {today.isoformat()}).")


def with_link(meta: dict, url: str, today: dt.date | None = None) -> dict:
    """Return ``meta`` (from ``metadata``) for the view at ``url``: its link and citation."""
    return {**meta, "link": url,
            "citation": cite(meta["scoring_year"], meta["data_version"], url, today)}


def metadata(result: Result, bundle: Bundle, url: str, title: str,
             source_ids: list[str] | None = None, today: dt.date | None = None) -> dict:
    """Return the metadata of a download: what, method, version, date, sources and licences."""
    today = today or dt.date.today()
    used = source_ids if source_ids is not None else sorted(
        (set(result.raw_source.to_numpy().ravel()) | denominator_sources(result, bundle))
        - {""})
    sources = []
    for sid in used:
        if sid in bundle.sources.index:
            row = bundle.sources.loc[sid]
            sources.append({"source_id": sid, "publisher": row["publisher"], "title": row["title"],
                            "url": row["url"], "licence": row["licence"],
                            "accessed": row["accessed"]})
    return {
        "title": title, "link": url, "generated": today.isoformat(),
        "data_version": result.version, "method_version": method_version(),
        "scoring_year": result.year,
        "method": result.spec.model_dump(mode="json"),
        "reference_method": result.spec.is_reference(),
        "steps": [f"{step}: {text}" for step, text in method_steps()],
        "sources": sources,
        "citation": citation(result, url, today),
    }


def denominator_sources(result: Result, bundle: Bundle) -> set[str]:
    """Return the source ids of the denominators (population, GDP) a result divided by: in
    the intensity view these are numbers of the download too (Taiwan's come from CLDR, not
    the World Bank), so their sources are cited; none in the scale view."""
    codes = sorted({d for d in bundle.indicators["denominator"].fillna("") if d})
    if not codes or result.denominator.isna().all().all():
        return set()
    from indicators import contract
    from indicators.pipeline import select_observations

    values, _, sources = select_observations(bundle, codes, result.year,
                                             max(result.spec.window, contract.DENOMINATOR_WINDOW))
    return {str(s) for s in sources.where(values.notna()).to_numpy().ravel()
            if isinstance(s, str) and s}


#: Significant digits kept in downloaded CSVs: more than any source publishes or a statistic
#: needs (relative error under 1e-6), not 17 digits of floating-point noise.
CSV_DIGITS = 7


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` for a CSV: float columns holding only whole numbers (years, ranks) as
    integers (``2023``, not ``2023.0``), other floats to ``CSV_DIGITS`` significant digits."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if not pd.api.types.is_float_dtype(values):
            continue
        present = values.dropna()
        if len(present) and (present == present.round()).all() and present.abs().max() < 2**53:
            out[col] = values.astype("Int64")
        else:
            out[col] = values.map(lambda v: v if pd.isna(v) else float(f"{v:.{CSV_DIGITS}g}"))
    return out


def package(tables: dict[str, pd.DataFrame], meta: dict) -> bytes:
    """Return a zip: ``<name>.csv`` per table (formula-safe, tidied), metadata.json and
    README.txt with the citation."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in tables.items():
            archive.writestr(f"{name}.csv", to_safe_csv(tidy(frame)))
        archive.writestr("metadata.json", json.dumps(meta, indent=2, ensure_ascii=False))
        lines = [meta["title"], "", "Cite as:", meta["citation"], "", "Files:"]
        lines += [f"  {name}.csv" for name in tables] + ["  metadata.json (method, sources)", ""]
        lines += ["Sources and licences:"]
        lines += [f"  {s['publisher']}: {s['title']} — {s['licence']} — {s['url']}"
                  for s in meta["sources"]]
        archive.writestr("README.txt", "\n".join(lines) + "\n")
    return buffer.getvalue()


def full_tables(result: Result) -> dict[str, pd.DataFrame]:
    """Return the full data of a result: the score table and every indicator cell, long."""
    long = pd.DataFrame({
        "raw_value": result.raw.stack(future_stack=True),
        "year": result.raw_year.stack(future_stack=True),
        "source_id": result.raw_source.stack(future_stack=True),
        "viewed": result.viewed.stack(future_stack=True),
        "score": result.normalised.stack(future_stack=True),
        "stale": result.stale.stack(future_stack=True),
        "imputed": result.imputed.stack(future_stack=True),
    }).rename_axis(["iso3", "indicator"]).reset_index()
    long = long[long["raw_value"].notna() | long["score"].notna()]
    return {"scores": result.table(), "indicators": long.reset_index(drop=True)}
