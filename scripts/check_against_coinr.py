"""Check the outlier treatment, normalisation, Cronbach's alpha and weights against COINr 1.1.14.

Needs ``Rscript`` with COINr installed (see ../shared/vendor/README.md; CI has no R, so this is a
script, not a test). For each view of the shipped data (or ``--data-dir``) it writes the values
the outlier screen sees, runs ``scripts/coinr_reference.R`` and compares:

- ``Treat()`` with its defaults against ``--outliers winsorise`` (``Result.transformed``);
- ``Normalise()`` defaults on the raw and the treated values against ``Result.normalised``;
- ``get_cronbach(dset = "Normalised")`` per pillar against ``sovai audit``'s alpha;
- ``get_eff_weights`` against the audit's nominal weights;
- ``n_fracmax``, ``n_borda``, ``n_dist2targ``, ``a_hmean`` and ``a_copeland`` against the
  normalisations and aggregations of the same names (scripts/coinr_methods.R).

Prints the largest absolute difference of each and exits 1 when one exceeds ``--tolerance``
(default 1e-9). Usage: ``R_LIBS_USER=/tmp/Rlib python scripts/check_against_coinr.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from indicators import ScoringSpec, load, score
from indicators import methods as m
from indicators.audit import audit, nominal_weights, screened_values
from indicators.paths import default_data_dir

HERE = Path(__file__).resolve().parent


def coin_inputs(result, folder: Path) -> None:
    """Write COINr's iData (the screened values) and iMeta (indicators, pillars, index)."""
    values = screened_values(result)
    i_data = values.rename_axis("uCode").reset_index()
    i_data.to_csv(folder / "iData.csv", index=False, float_format="%.17g")
    ind = result.indicators
    rows = [{"iCode": code, "iName": code, "Level": 1, "Parent": ind.at[code, "pillar"],
             "Direction": int(ind.at[code, "direction"]), "Weight": float(ind.at[code, "weight"]),
             "Type": "Indicator"} for code in ind.index]
    rows += [{"iCode": p, "iName": p, "Level": 2, "Parent": "index", "Direction": 1,
              "Weight": float(result.pillar_info.at[p, "weight"]), "Type": "Aggregate"}
             for p in result.pillar_info.index]
    rows.append({"iCode": "index", "iName": "index", "Level": 3, "Parent": "", "Direction": 1,
                 "Weight": 1.0, "Type": "Aggregate"})
    pd.DataFrame(rows).to_csv(folder / "iMeta.csv", index=False)


def largest_difference(ours: pd.DataFrame, theirs: pd.DataFrame) -> tuple[float, str]:
    """Return the largest |difference| and where; a cell missing in one only counts as inf."""
    theirs = theirs.set_index("uCode").reindex(index=ours.index, columns=ours.columns)
    a, b = ours.to_numpy(dtype=float), theirs.to_numpy(dtype=float)
    mismatch = np.isnan(a) != np.isnan(b)
    diff = np.where(mismatch, np.inf, np.abs(np.nan_to_num(a) - np.nan_to_num(b)))
    i, j = np.unravel_index(np.argmax(diff), diff.shape)
    return float(diff[i, j]), f"{ours.index[i]}/{ours.columns[j]}"


def check_view(data_dir: Path, view: str, year: int | None, tolerance: float) -> bool:
    """Run the comparison for one view and year; print it; return True when all are within."""
    bundle = load(data_dir)
    plain = score(bundle, ScoringSpec(view=view, year=year))
    treated = score(bundle, ScoringSpec(view=view, year=year, outliers="winsorise"))
    with tempfile.TemporaryDirectory(prefix="sovai-coinr-") as tmp:
        folder = Path(tmp)
        coin_inputs(plain, folder)
        subprocess.run(["Rscript", str(HERE / "coinr_reference.R"), str(folder)], check=True,
                   stdout=subprocess.DEVNULL)
        read = {name: pd.read_csv(folder / f"{name}.csv")
                for name in ("treated", "normalised", "normalised_treated", "cronbach",
                             "eff_weights", "treat_details")}
    checks = [
        ("Treat() vs --outliers winsorise", *largest_difference(treated.transformed,
                                                               read["treated"])),
        ("Normalise(Raw) vs normalised", *largest_difference(plain.normalised,
                                                             read["normalised"])),
        ("Normalise(Treated) vs normalised (winsorise)",
         *largest_difference(treated.normalised, read["normalised_treated"])),
    ]
    ours_alpha = audit(plain).pillars["cronbach_alpha"]
    theirs_alpha = read["cronbach"].set_index("pillar")["alpha"].astype(float)
    alpha_diff = (ours_alpha - theirs_alpha.reindex(ours_alpha.index)).abs()
    checks.append(("get_cronbach(Normalised) vs audit alpha", float(alpha_diff.max()),
                   str(alpha_diff.idxmax())))
    nominal_ind, nominal_pil = nominal_weights(plain)
    eff = read["eff_weights"].set_index("iCode")["EffWeight"].astype(float)
    ours_eff = pd.concat([nominal_ind, nominal_pil])
    eff_diff = (ours_eff - eff.reindex(ours_eff.index)).abs()
    checks.append(("get_eff_weights vs nominal weights", float(eff_diff.max()),
                   str(eff_diff.idxmax())))

    print(f"\n== view {view}, year {plain.year}: {len(plain.countries)} countries, "
          f"{plain.indicators.shape[0]} indicators")
    details = read["treat_details"]
    treated_codes = details.loc[~details["check_SkewKurt0.Pass"].astype(bool), "iCode"]
    print(f"COINr treats {len(treated_codes)} indicator(s): {', '.join(treated_codes)}")
    raw = plain.transformed.to_numpy(dtype=float)
    theirs = read["treated"].set_index("uCode").reindex(index=plain.transformed.index,
                                                         columns=plain.transformed.columns)
    changed = ~np.isclose(raw, theirs.to_numpy(dtype=float), rtol=0, atol=tolerance,
                          equal_nan=True)
    print(f"COINr's treatment changes {int(changed.sum())} cells; ours must equal them")
    for code, alpha in ours_alpha.items():
        print(f"  alpha {code:10s} ours {alpha:.15f}  COINr {theirs_alpha[code]:.15f}")
    ok = True
    for what, diff, where in checks:
        good = diff <= tolerance
        ok &= good
        print(f"{'ok  ' if good else 'FAIL'} {what:46s} max |diff| {diff:.3e} (at {where})")
    return ok


def check_methods(data_dir: Path, tolerance: float) -> bool:
    """Compare fracmax, borda, dist2targ, the harmonic mean and Copeland with COINr's functions
    (latest year, scale view); print the largest differences; return True when all are within.

    Targets are each indicator's 80th percentile on its better side, so some values pass them
    (and are capped). The means are compared per pillar over the countries with every
    indicator of the pillar; the harmonic mean where every score is at least 1 (below, this
    project floors at 1 and COINr stops), Copeland on all of them.
    """
    from indicators import stages

    bundle = load(data_dir)
    plain = score(bundle, ScoringSpec())
    x = plain.transformed
    direction = plain.indicators["direction"].astype(float)
    # targets in the view's units (as ScoringSpec.targets takes them), and in the transformed
    # units COINr sees; only where the target is strictly better than the worst value
    view_targets = {c: float(plain.denominated[c].quantile(0.8 if direction[c] > 0 else 0.2))
                    for c in x.columns}
    scale = plain.goalposts["scale"]
    seen = {c: float(m.log_transform(np.array(t), np.array(scale[c]))) if pd.notna(scale[c])
            else t for c, t in view_targets.items()}
    usable = [c for c in x.columns
              if ((seen[c] > x[c].min()) if direction[c] > 0 else (seen[c] < x[c].max()))]
    targets = {c: view_targets[c] for c in usable}
    ours = {"fracmax": score(bundle, ScoringSpec(normalisation="fracmax")).normalised,
            "borda": score(bundle, ScoringSpec(normalisation="borda")).normalised,
            "dist2targ": score(bundle, ScoringSpec(normalisation="dist2targ",
                                                   targets=targets)).normalised[usable]}
    with tempfile.TemporaryDirectory(prefix="sovai-coinr-methods-") as tmp:
        folder = Path(tmp)
        x.rename_axis("uCode").reset_index().to_csv(folder / "x.csv", index=False,
                                                     float_format="%.17g")
        pd.DataFrame({"iCode": x.columns, "Direction": direction.astype(int).to_numpy(),
                      "Target": [seen[c] for c in x.columns]}).to_csv(
            folder / "meta.csv", index=False, float_format="%.17g")
        complete = {}
        for pillar in plain.pillars.columns:
            codes = list(plain.indicators.index[plain.indicators["pillar"] == pillar])
            rows = plain.normalised[codes].dropna()
            complete[pillar] = (rows, plain.indicators.loc[codes, "weight"].astype(float))
            rows.rename_axis("uCode").reset_index().to_csv(folder / f"agg_{pillar}.csv",
                                                           index=False, float_format="%.17g")
            pd.DataFrame({"iCode": codes, "Weight": complete[pillar][1].to_numpy()}).to_csv(
                folder / f"w_{pillar}.csv", index=False, float_format="%.17g")
        subprocess.run(["Rscript", str(HERE / "coinr_methods.R"), str(folder)], check=True,
                       stdout=subprocess.DEVNULL)
        theirs = {n: pd.read_csv(folder / f"{n}.csv").set_index("uCode")
                  for n in ("fracmax", "borda", "dist2targ")}
        aggregated = {p: (pd.read_csv(folder / f"hmean_{p}.csv").set_index("uCode"),
                          pd.read_csv(folder / f"copeland_{p}.csv").set_index("uCode"))
                      for p in complete}
    sign = np.sign(direction.to_numpy())
    expected = {
        # this project clips to [0, 100] and flips lower-is-better (100 − score)
        "fracmax": np.where(sign < 0, 100 - theirs["fracmax"].clip(0, 100),
                            theirs["fracmax"].clip(0, 100)),
        "borda": theirs["borda"].to_numpy(dtype=float),
        "dist2targ": theirs["dist2targ"].to_numpy(dtype=float),
    }
    ok = True
    print(f"\n== extra methods, scale view, latest year ({len(usable)} indicators with a "
          "target for dist2targ)")
    for name, frame in ours.items():
        columns = list(frame.columns)
        mine = frame.reindex(index=theirs[name].index, columns=columns)
        picked = [list(theirs[name].columns).index(c) for c in columns]
        a, b = mine.to_numpy(dtype=float), np.asarray(expected[name], dtype=float)[:, picked]
        if name == "borda":  # COINr ranks a constant indicator (all 0); here it has no score
            b = np.where(np.isnan(a) & ~np.isnan(b), np.nan, b)
        diff = np.where(np.isnan(a) != np.isnan(b), np.inf,
                        np.abs(np.nan_to_num(a) - np.nan_to_num(b)))
        ok &= _report(f"n_{name} vs {name}", float(diff.max()), tolerance)
    for pillar, (rows, weights) in complete.items():
        hmean, cope = aggregated[pillar]
        members = np.ones((rows.shape[1], 1))
        values = rows.to_numpy(dtype=float)
        above = (values >= 1).all(axis=1)
        mine_h = stages.aggregate(values[above], members, weights.to_numpy(), 1.0, "harmonic")
        diff_h = np.abs(mine_h[:, 0] - hmean["hmean"].to_numpy()[above]).max()
        mine_c = stages.aggregate(values, members, weights.to_numpy(), 1.0, "copeland")
        diff_c = np.abs(mine_c[:, 0] - cope["copeland"].to_numpy()).max()
        ok &= _report(f"a_hmean {pillar} ({int(above.sum())} countries)", float(diff_h),
                      tolerance)
        ok &= _report(f"a_copeland {pillar} ({len(rows)} countries)", float(diff_c), tolerance)
    return ok


def _report(what: str, diff: float, tolerance: float) -> bool:
    good = diff <= tolerance
    print(f"{'ok  ' if good else 'FAIL'} {what:46s} max |diff| {diff:.3e}")
    return good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--tolerance", type=float, default=1e-9)
    parser.add_argument("--all-years", action="store_true",
                        help="check every year of the data, not only the latest")
    args = parser.parse_args()
    if shutil.which("Rscript") is None:
        print("Rscript not found: install R and COINr (../shared/vendor/README.md)",
              file=sys.stderr)
        return 2
    os.environ.setdefault("R_LIBS_USER", "/tmp/Rlib")
    data_dir = args.data_dir or default_data_dir()
    years: list[int | None] = list(load(data_dir).years) if args.all_years else [None]
    results = [check_view(data_dir, view, year, args.tolerance)
               for year in years for view in ("scale", "intensity")]
    results.append(check_methods(data_dir, args.tolerance))
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
