"""`python -m pipeline trade-import FILE.csv` through the real command: one line per bad row with its
line number, a summary, and every good row in the store's trade tables (nothing else lost)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.reference import trade as T
from tests.conftest import ROOT

GOOD = [("KOR", "WLD", 2023, 632226, 642572), ("KOR", "CHN", 2023, 124818, 142857), ("KOR", "USA", 2023, 115696, 71270),
        ("KOR", "VNM", 2023, 53479, 26715), ("JPN", "WLD", 2023, 717255, 785380), ("JPN", "CHN", 2023, 126468, 174758)]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "trade-import", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_bad_rows_are_reported_and_every_good_row_is_kept(tmp_path):
    lines = ["reporter,partner,year,exports,imports,unit,source"]
    lines += [f"{r},{p},{y},{e},{i},USD million,Korea Customs Service" for r, p, y, e, i in GOOD[:3]]
    lines.append("KOR,ZZZ,2023,100,200,USD million,Korea Customs Service")          # line 5: unknown partner
    lines += [f"{r},{p},{y},{e},{i},USD million,Korea Customs Service" for r, p, y, e, i in GOOD[3:5]]
    lines.append("KOR,JPN,2023,\"1,234\",200,USD million,Korea Customs Service")   # line 8: not a plain number
    lines += [f"{r},{p},{y},{e},{i},USD million,Korea Customs Service" for r, p, y, e, i in GOOD[5:]]
    csv = tmp_path / "kcs_2023.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    proc = _run(str(csv), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    out = proc.stderr.splitlines()
    assert out[0].startswith(f"{csv}:5: partner 'ZZZ'") and out[1].startswith(f"{csv}:8: exports '1,234'")
    assert out[2].startswith("8 rows read, 6 written, 2 bad; 2 reporters, years 2023-2023")
    assert len(out) == 3 and "Traceback" not in proc.stderr
    # Nothing else lost: every good row is in the official table the dashboard reads, with its source.
    con = T.connect(store)
    got = con.execute("SELECT reporter, partner, year, exports_usd_m, imports_usd_m FROM trade_facts "
                      "WHERE dataset = 'import/kcs_2023' ORDER BY reporter, partner").fetchall()
    assert sorted(got) == sorted((r, p, y, float(e), float(i)) for r, p, y, e, i in GOOD)
    top = T.top_partners(con, "KOR", "trade_share", 2023)
    assert top["partner"].tolist()[:2] == ["CHN", "USA"] and set(top["source"]) == {"Korea Customs Service"}
    assert top["value"].iloc[0] == pytest.approx(100 * (124818 + 142857) / (632226 + 642572), abs=0.01)


def test_a_file_with_no_good_row_writes_nothing_and_says_so(tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("reporter,partner,year,exports,imports,unit,source\nWLD,KOR,2023,1,2,USD,X\n", encoding="utf-8")
    proc = _run(str(csv), "--store", str(tmp_path / "store"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0].startswith(f"{csv}:2: ")
    assert proc.stderr.splitlines()[-1].startswith("error: [E031]") and "nothing was written" in proc.stderr
    assert not (tmp_path / "store" / "reference" / "trade").exists() or not list(
        (tmp_path / "store" / "reference" / "trade").glob("*.parquet"))
    missing = _run(str(tmp_path / "nope.csv"), "--store", str(tmp_path / "store"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "no such file" in missing.stderr


def test_source_and_name_options(tmp_path):
    csv = tmp_path / "dots_layout.csv"
    csv.write_text("reporter_iso3,partner_iso3,year,exports_usd_m,imports_usd_m\nKOR,WLD,2021,644400,615093\n"
                   "KOR,CHN,2021,162913,138628\n", encoding="utf-8")
    store = tmp_path / "store"
    proc = _run(str(csv), "--store", str(store), "--source", "IMF DOTS 2024 release", "--name", "dots 2021")
    assert proc.returncode == 0 and "IMF DOTS 2024 release: 2" in proc.stderr
    assert (store / "reference" / "trade" / "dots-2021.parquet").is_file()
