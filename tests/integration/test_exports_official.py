"""Every records export (CSV, Parquet, PLOVER-style JSON) carries, for each figure, the matching
official value, its year and source, the gap and the flag: one compare_figures join for them all."""
from __future__ import annotations

import csv
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from pipeline.exports import OFFICIAL_FIELDS, export, official_columns
from pipeline.reference import comparison as C
from pipeline.reference import trade as T
from pipeline.store import Store
from pipeline.synth import sample_rows, write_sample
from tests.conftest import ROOT

ARTICLE = [{"id": "x1", "title": "Trade notes", "published": "2021-03-01", "text": "x"}]
FIGURES = [  # record_id, reporter, partner, indicator, value, unit, period, product
    ("x1-chn", "KOR", "CHN", "trade_share", 60.0, "percent", "2019", None),
    ("x1-ok", "KOR", "USA", "trade_share", 13.0, "percent", "2019", None),
    ("x1-val", "KOR", "CHN", "export_value", 1.3e11, "USD", "2019", None),
    ("x1-tea", "KEN", "PAK", "export_share", 40.0, "percent", "2020", "tea"),
]
NAMES = [n for n, _ in OFFICIAL_FIELDS]


def _records() -> list[dict]:
    return [{"record_id": rid, "article_id": "x1", "kind": "figure", "source": s, "target": t, "indicator": ind,
             "value": v, "unit": unit, "period": period, "product": product, "evidence": "=cmd|' /C calc'!A0",
             "sentence_index": i, "char_start": 0, "char_end": 5, "confidence": 0.8, "published": "2021-03-01"}
            for i, (rid, s, t, ind, v, unit, period, product) in enumerate(FIGURES)]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("exp_store")
    write_sample(root, ARTICLE, _records())
    return root


@pytest.fixture(scope="module")
def ref():
    return T.connect()


def test_official_columns_in_the_figure_unit(ref):
    rows = [{"source": s, "target": t, "indicator": ind, "value": v, "unit": u, "period": p, "product": pr,
             "published": None} for _, s, t, ind, v, u, p, pr in FIGURES]
    out = official_columns(ref, rows)
    assert [set(o) for o in out] == [set(NAMES)] * len(FIGURES)
    chn, ok, val, tea = out
    official = T.official_value(ref, "KOR", "CHN", "trade_share", 2019)["value"].iloc[0]
    assert chn["official_value"] == pytest.approx(official) and chn["official_year"] == 2019
    assert chn["gap"] == pytest.approx(60 - official) and chn["flagged"] is True
    assert ok["flagged"] is False and ok["official_source"] == "IMF DOTS"
    usd = T.official_value(ref, "KOR", "CHN", "export_value", 2019)["value"].iloc[0] * 1e6   # US$ m -> US$
    assert val["official_value"] == pytest.approx(usd) and val["gap"] == pytest.approx(1.3e11 - usd)
    assert tea["official_value"] is None and tea["official_year"] is None and "one product (tea)" in tea["official_note"]
    assert official_columns(ref, []) == []


def test_csv_parquet_and_plover_exports_carry_the_official_value(store, ref, tmp_path):
    n = {fmt: export(Store(store), "records", fmt, str(tmp_path / f"r.{fmt}"), ref=ref)
         for fmt in ("csv", "parquet", "plover")}
    total = len(sample_rows()[1]) + len(FIGURES)
    assert n == {"csv": total, "parquet": total, "plover": total}
    rows = {r["record_id"]: r for r in csv.DictReader(open(tmp_path / "r.csv", encoding="utf-8"))}
    header = next(csv.reader(open(tmp_path / "r.csv", encoding="utf-8")))
    assert header[-len(NAMES):] == NAMES and {"product", "scale", "qualifier", "language", "trigger"} <= set(header)
    chn = rows["x1-chn"]
    assert chn["official_year"] == "2019" and chn["official_source"] == "IMF DOTS" and chn["flagged"] == "true"
    assert float(chn["gap"]) == pytest.approx(60 - float(chn["official_value"]))
    assert rows["x1-tea"]["product"] == "tea" and rows["x1-tea"]["official_value"] == ""
    assert rows["x1-chn"]["evidence"].startswith("'=")                  # still formula-safe
    events = [r for r in rows.values() if r["kind"] == "event"]
    assert events and all(r["official_value"] == "" and r["official_note"] == "" for r in events)

    table = pq.read_table(tmp_path / "r.parquet")
    assert table.schema.names[-len(NAMES):] == NAMES
    assert str(table.schema.field("official_year").type) == "int32" and str(table.schema.field("flagged").type) == "bool"
    by = {r["record_id"]: r for r in table.to_pylist()}
    assert by["x1-val"]["official_value"] > 1e11 and by["x1-ok"]["flagged"] is False

    objs = [json.loads(line) for line in (tmp_path / "r.plover").read_text().splitlines()]
    figs = {o["id"]: o for o in objs if o["kind"] == "figure"}
    assert len(figs) == len(FIGURES) + 4                                 # the sample's four figures too
    assert figs["x1-chn"]["official"]["year"] == 2019 and figs["x1-chn"]["official"]["flagged"] is True
    assert figs["x1-tea"]["product"] == "tea" and figs["x1-tea"]["official"]["value"] is None
    assert all("event_type" in o for o in objs if o["kind"] == "event")


def test_one_join_for_the_export_not_one_query_per_figure(store, ref, tmp_path, monkeypatch):
    calls = []
    real = C.compare_figures
    monkeypatch.setattr(C, "compare_figures", lambda con, figs, **kw: calls.append(len(figs)) or real(con, figs, **kw))
    export(Store(store), "records", "csv", str(tmp_path / "r.csv"), ref=ref)
    assert calls == [len(FIGURES) + 4]                                  # every figure in one call
    calls.clear()
    monkeypatch.setattr("pipeline.exports.FIGURES_PER_JOIN", 3)          # a bound on one join's size
    export(Store(store), "records", "parquet", str(tmp_path / "r.parquet"), ref=ref)
    assert calls == [3, 3, 2]
    rows = {r["record_id"]: r for r in pq.read_table(tmp_path / "r.parquet").to_pylist()}
    assert rows["x1-chn"]["official_year"] == 2019 and rows["x1-tea"]["official_note"].startswith("about one")


@pytest.mark.slow  # a subprocess that loads the official table itself
def test_export_command_still_one_line_and_writes_the_columns(store, tmp_path):
    out = tmp_path / "cli.csv"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "export", "--store", str(store), "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr.strip().startswith("export:")
    header = next(csv.reader(open(out, encoding="utf-8")))
    assert header[:4] == ["record_id", "article_id", "kind", "source"] and header[-len(NAMES):] == NAMES
