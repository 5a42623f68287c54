"""The known AI compute behind the fallback and training figures (issue 13): Epoch AI's GPU
clusters plus TOP500's accelerated systems Epoch does not list, converted to H100-equivalents.

The conversion, the name matching and the reading of the file are worked out by hand here;
the shipped data are checked for what an expert would believe (the US and China largest, no
microstate near the top) and for the spread the issue asks for."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from indicators.build.countries import country_frame, name_table, read_country_codes
from indicators.importers.top500_ai_compute import (
    SAME_AS,
    accelerator_family,
    epoch_match,
    h100_equivalents,
    same_system,
    system_rows,
)
from indicators.problems import DataError
from indicators.scenarios.ai_compute import parse_ai_compute, running_systems

DATA = Path(__file__).parents[2] / "data"
SOURCES = Path(__file__).parents[1] / "fixtures" / "sources"


# --- the conversion ------------------------------------------------------------------------

@pytest.mark.parametrize(("accelerator", "family"), [
    ("NVIDIA H100 SXM5 80GB", "NVIDIA Hopper (H100/H200 SXM, GH200)"),
    ("NVIDIA H100 PCIe 80GB", "NVIDIA H100 PCIe"),
    ("NVIDIA GH200 Superchip", "NVIDIA Hopper (H100/H200 SXM, GH200)"),
    ("NVIDIA GB200 Superchip", "NVIDIA GB200"),  # not B200: GB200 is checked first
    ("NVIDIA DGX B200", "NVIDIA B200"),
    ("NVIDIA Tesla A100 80G", "NVIDIA A100"),
    ("NVIDIA Volta GV100", "NVIDIA V100"),
    ("AMD Instinct MI250X", "AMD Instinct MI250X"),
    ("Intel Data Center GPU Max 1550", "Intel Data Center GPU Max"),
])
def test_accelerator_families(accelerator, family):
    found = accelerator_family(accelerator)
    assert found is not None and found.family == family


@pytest.mark.parametrize("accelerator", ["NVIDIA A40", "NVIDIA Tesla K40m", "Matrix-2000",
                                         "Deep Computing Processor", "Intel Xeon Phi 5110P",
                                         "PEZY-SC3"])
def test_accelerators_without_a_16_bit_peak_are_not_converted(accelerator):
    assert accelerator_family(accelerator) is None


def test_conversion_by_hand():
    """Rpeak / FP64 peak = accelerators; × 16-bit peak / 989 = H100-equivalents."""
    hopper = accelerator_family("NVIDIA H100")
    assert hopper is not None
    assert h100_equivalents(67.0, hopper) == pytest.approx(1.0)  # one H100 SXM
    assert h100_equivalents(1340.0, hopper) == pytest.approx(20.0)
    mi250x = accelerator_family("AMD Instinct MI250X")
    assert mi250x is not None
    assert h100_equivalents(47.9, mi250x) == pytest.approx(383 / 989)
    b200 = accelerator_family("NVIDIA B200 192 GB")
    assert b200 is not None
    # NHN Cloud's NIPA CL-1 on the June 2026 list: Rpeak 156,484.24 TFLOP/s of B200
    assert h100_equivalents(156_484.24, b200) == pytest.approx(156_484.24 / 40 * 2250 / 989)


# --- de-duplication against Epoch's clusters -----------------------------------------------

@pytest.mark.parametrize(("top500", "epoch", "site"), [
    ("JUPITER Booster", '"Jupiter, Jülich"', ""),
    ("El Capitan", "Lawrence Livermore NL El Capitan Phase 2", ""),
    ("TSUBAME3.0", "GSIC TSUBAME 3.0", ""),
    ("Berzelius2", "NSC Berzelius Phase 2", ""),
    ("Miyabi-G", "JCAHPC Miyabi", ""),  # a word of six letters, no clashing number
    ("MareNostrum 5 ACC", "Mare Nostrum 5", ""),
    ("SuperPOD", "Core42 SuperPOD", "Core42"),     # no distinctive word: the site decides
    ("AI-03", "Core42 AI-03", "Core42"),
])
def test_same_system(top500, epoch, site):
    assert same_system(top500, epoch, site)


@pytest.mark.parametrize(("top500", "epoch", "site"), [
    ("davinci-2", "Leonardo SpA davinci-1", ""),         # numbers differ
    ("Berzelius3", "NSC Berzelius Phase 2", ""),
    ("ASPIRE 2B (GPU Partition)", "NSCC ASPIRE 2A Phase 2", ""),
    ("FPT AI Factory Japan", "NEC Corp Japan Supercomputer", ""),  # a country is no name
    ("CHIE-4", "SoftBank CHIE-2", ""),
    ("SuperPOD", "Core42 SuperPOD", "NVIDIA Corporation"),  # another site's SuperPOD
])
def test_different_systems(top500, epoch, site):
    assert not same_system(top500, epoch, site)


def test_hand_matched_pairs_are_used():
    assert epoch_match("GBR", "Njoerd", "", list(SAME_AS.values())) == (
        "Northern Data Group Njored Taiga Cloud Island 5")
    assert epoch_match("GBR", "Njoerd", "", ["Something else"]) == ""


# --- the importer on a hand-made list ------------------------------------------------------

HEADER = ("Rank", "Name", "Site", "Country", "Rpeak [TFlop/s]", "Accelerator/Co-Processor",
          "System ID")


def _workbook(path: Path, rows: list[tuple[object, ...]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_system_rows_by_hand(tmp_path):
    """One system on two lists is one row (first and last list); the Epoch cluster "FR AMD"
    of the fixture is named; a Kepler GPU is listed but not converted; a CPU-only system is
    not listed."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "top500").mkdir()
    _workbook(sources / "top500" / "TOP500_202411.xlsx", [
        (3, "Paris GH", "Paris lab", "France", 600.0, "NVIDIA GH200 Superchip", 1),
    ])
    _workbook(sources / "top500" / "TOP500_202606.xlsx", [
        (1, "Paris GH", "Paris lab", "France", 670.0, "NVIDIA GH200 Superchip", 1),
        (2, "FR AMD", "FR lab", "France", 95.8, "AMD Instinct MI250X", 2),
        (3, "Old", "FR lab", "France", 50.0, "NVIDIA Tesla K40", 3),
        (4, "CPU", "FR lab", "France", 500.0, None, 4),
    ])
    codes = read_country_codes(sources)
    rows = {str(r["system_id"]): r for r in system_rows(sources,
                                                         name_table(codes, country_frame(codes)))}
    assert set(rows) == {"1", "2", "3"}
    paris = rows["1"]
    assert (paris["first_list"], paris["last_list"]) == ("2024-11", "2026-06")
    assert float(str(paris["h100e"])) == pytest.approx(670 / 67 * 989 / 989)  # 10 H100e
    assert paris["epoch_cluster"] == ""
    assert rows["2"]["epoch_cluster"] == "FR AMD"
    assert float(str(rows["2"]["h100e"])) == pytest.approx(95.8 / 47.9 * 383 / 989)
    assert rows["3"]["h100e"] == "" and rows["3"]["family"] == ""


# --- reading the file ----------------------------------------------------------------------

_HEAD = ("system_id,system,site,iso3,accelerator,family,first_list,last_list,rank,"
         "rpeak_tflops,fp64_tflops,bf16_tflops,h100e,epoch_cluster,source_id\n")


def test_reader_counts_listed_and_unmatched_systems_of_the_window():
    text = _HEAD + ("1,A,s,FRA,x,f,2023-06,2026-06,1,67,67,989,1,,top500\n"
                    "2,B,s,FRA,x,f,2023-06,2023-11,2,134,67,989,2,,top500\n"   # left the list
                    "3,C,s,FRA,x,f,2026-06,2026-06,3,201,67,989,3,Epoch C,top500\n"  # in Epoch
                    "4,D,s,FRA,x,,2026-06,2026-06,4,10,,,,,top500\n")           # not converted
    systems = parse_ai_compute(text.encode(), ("FRA",), ("top500",))
    assert list(running_systems(systems, 2026, 3)["system_id"]) == ["1", "2"]
    assert list(running_systems(systems, 2026, 2)["system_id"]) == ["1"]  # 2023 out of window
    assert list(running_systems(systems, 2022, 3)["system_id"]) == []     # not yet listed


def test_reader_names_every_bad_cell():
    text = _HEAD + ("1,A,s,ZZZ,x,f,2023-06,2026-6,1,67,67,989,-1,,nope\n"
                    "1,A,s,FRA,x,f,2023-06,2026-06,1,abc,67,989,1,,top500\n")
    with pytest.raises(DataError) as err:
        parse_ai_compute(text.encode(), ("FRA",), ("top500",))
    found = {(p.line, p.column) for p in err.value.problems}
    assert found == {(2, "iso3"), (2, "last_list"), (2, "h100e"), (2, "source_id"),
                     (3, "system_id"), (3, "rpeak_tflops")}


# --- the shipped data ----------------------------------------------------------------------

def _shipped_rows() -> list[dict[str, str]]:
    with (DATA / "ai_compute_top500.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_shipped_file_states_its_conversion_on_every_converted_row():
    for row in _shipped_rows():
        if row["h100e"]:
            by_hand = (float(row["rpeak_tflops"]) / float(row["fp64_tflops"])
                       * float(row["bf16_tflops"]) / 989)
            assert float(row["h100e"]) == pytest.approx(by_hand, rel=1e-9), row["system"]


def test_korea_known_compute_by_hand(shipped):
    """Korea: Epoch's 2025 stock plus its TOP500 systems of the 2023–2026 lists that Epoch
    does not list, summed from the shipped files here."""
    bundle, baseline = shipped
    assert (baseline.year, baseline.spec.window) == (2026, 3)
    with (DATA / "values" / "compute.csv").open(encoding="utf-8") as handle:
        epoch = max((r for r in csv.DictReader(handle)
                     if r["iso3"] == "KOR" and r["indicator"] == "gpu_cluster_h100e"),
                    key=lambda r: int(r["year"]))
    top500 = sum(float(r["h100e"]) for r in _shipped_rows()
                 if r["iso3"] == "KOR" and r["h100e"] and not r["epoch_cluster"]
                 and int(r["last_list"][:4]) >= 2023)
    from indicators.scenarios import PRESETS, score_scenario

    row = score_scenario(bundle, baseline, PRESETS["frontier-api-withdrawn"]).models.table.loc[
        "KOR"]
    assert row["h100e_gpu_clusters"] == pytest.approx(float(epoch["value"]))
    assert row["h100e_top500"] == pytest.approx(top500)
    assert row["h100e_nominal"] == pytest.approx(float(epoch["value"]) + top500)


@pytest.fixture(scope="module")
def tables(shipped):
    from indicators.scenarios import PRESETS, score_scenario

    bundle, baseline = shipped
    return {name: score_scenario(bundle, baseline, PRESETS[name]).models.table
            for name in ("seed-event", "frontier-api-withdrawn")}


def test_an_expert_would_believe_the_ranking(shipped, tables):
    """The US and China hold the most known AI compute; no country of under a million people
    is in the top ten."""
    bundle, baseline = shipped
    known = tables["frontier-api-withdrawn"]["h100e_nominal"].dropna().sort_values(
        ascending=False)
    assert list(known.index[:2]) == ["USA", "CHN"]
    from indicators.pipeline import select_observations

    values, _, _ = select_observations(bundle, ["population"], baseline.year, 10)
    population = values["population"]
    assert (population.reindex(known.index[:10]) > 1e6).all()
    assert len(known) >= 44  # 33 with an Epoch cluster + 12 with accelerated TOP500 systems


@pytest.mark.parametrize("preset", ["seed-event", "frontier-api-withdrawn"])
def test_thirty_distinct_values(tables, preset):
    """Issue 13 asks for at least 30 distinct values of training_days and the fallback share.
    training_days has one per country with known compute (45). The served share is capped at
    1 (a share of demand): it takes every value the cap allows — one per country below its
    demand, plus the cap — and the uncapped capacity ratio one per country."""
    t = tables[preset]
    assert t["training_days"].nunique() >= 30
    assert t["fallback_capacity_ratio"].nunique() >= 30
    share = t["fallback_served_share"].dropna()
    assert share.nunique() == (share < 1).sum() + int((share == 1).any())
    assert share.nunique() >= 24


def test_every_preset_every_country_gives_the_figures_or_says_why(shipped):
    """For every preset and country: best_model_kept and frontier_lag_months are given; the
    served share and the training days (both readings) are given exactly where they are
    defined, and where not, ``capability_gaps`` says why."""
    from indicators.scenarios import PRESETS, score_scenario

    bundle, baseline = shipped
    for name, scenario in PRESETS.items():
        t = score_scenario(bundle, baseline, scenario).models.table
        assert len(t) == len(bundle.countries)
        assert (t["best_model_kept"] != "").all(), name
        assert t["frontier_lag_months"].notna().all(), name
        known = t["h100e_nominal"] > 0
        assert t.loc[known, "training_days"].notna().all(), name
        served = known & t["internet_users"].notna()
        assert t.loc[served, "fallback_served_share"].notna().all(), name
        gaps = t["capability_gaps"]
        assert gaps[~known].str.contains("no known AI compute").all(), name
        assert gaps[known & ~served].str.contains("no internet-user figure").all(), name
        strict_none = known & (t["h100e_strict"] <= 0)
        assert t.loc[strict_none, "training_days_strict"].isna().all(), name
        assert gaps[strict_none].str.contains("strict reading").all(), name
        assert t.loc[known & ~strict_none, "training_days_strict"].notna().all(), name
        assert (gaps[known & served & ~strict_none] == "").all(), name
        # the day of the cut keeps every installed accelerator: never less than the strict one
        pd.testing.assert_series_equal(t.loc[known, "h100e"], t.loc[known, "h100e_nominal"],
                                       check_names=False)
        assert (t.loc[known, "h100e_strict"] <= t.loc[known, "h100e"] + 1e-9).all(), name


def test_validate_checks_the_optional_compute_file(tmp_path, capsys):
    from indicators.cli import main

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "cut", data)
    (data / "ai_compute_top500.csv").write_text(
        _HEAD + "1,A,s,AAA,x,f,2023-06,2026-06,1,67,67,989,many,,top500\n", encoding="utf-8")
    assert main(["validate", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "ai_compute_top500.csv:2: h100e: 'many': expected a positive number" in err
    assert "Traceback" not in err


def test_reader_uses_the_contracts_csv_rules():
    """The file is read like every contract CSV (indicators.csvio): a byte-order mark and
    blank lines are fine, a semicolon-separated export is named as such."""
    row = "1,A,s,FRA,x,f,2023-06,2026-06,1,67,67,989,1,,top500\n"
    systems = parse_ai_compute(("\ufeff" + _HEAD + "\n" + row).encode(), ("FRA",), ("top500",))
    assert list(systems["system_id"]) == ["1"] and list(systems["line"]) == [3]
    with pytest.raises(DataError) as err:
        parse_ai_compute((_HEAD + row).replace(",", ";").encode())
    assert "separated by semicolons" in err.value.problems[0].message
