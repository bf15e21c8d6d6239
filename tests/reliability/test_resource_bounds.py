"""Resource bounds: an article that runs too long is cut off by the per-article time limit and
quarantined with that reason while the others are processed (in process, through the CLI, with worker
processes); an over-long line on standard input is quarantined without being held whole.

The slow article gets a step that never ends on its own (tests/slow_steps.py), so the limit is tested
whatever the speed of the machine."""
from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from pipeline.extract import ArticleResult, process
from pipeline.ingest import Quarantined
from pipeline.schema import Article
from tests.conftest import PYTHON, ROOT
from tests.fixtures_hostile import PAIR_SENTENCE
from tests.slow_steps import SLOW_ID, process_with_sleeping_article, process_with_spinning_article

LIMIT_S = 2.0
_SUMMARY = re.compile(r"extract: (\d+) articles read, (\d+) processed, (\d+) quarantined")


def _articles() -> list[dict]:
    normal = [{"id": f"n{i}", "text": f"{PAIR_SENTENCE} Report {i}.", "published": "2025-12-30"} for i in range(5)]
    return normal[:2] + [{"id": SLOW_ID, "text": PAIR_SENTENCE}] + normal[2:]


@pytest.mark.parametrize("func", [process_with_sleeping_article, process_with_spinning_article])
def test_time_limit_quarantines_the_slow_article_only(func):
    results = {a["id"]: func(Article(id=a["id"], text=a["text"], origin=a["id"]), time_limit=LIMIT_S)
               for a in _articles()}
    slow = results.pop(SLOW_ID)
    assert isinstance(slow, Quarantined) and "time limit" in slow.reason and "\n" not in slow.reason
    assert slow.article_id == SLOW_ID
    assert all(isinstance(r, ArticleResult) and r.records for r in results.values()), results
    # The alarm is disarmed afterwards: a later article is not interrupted when no limit is set.
    assert isinstance(process(Article(id="after", text=PAIR_SENTENCE), time_limit=0), ArticleResult)


@pytest.mark.parametrize("jobs", [1, 2])
def test_time_limit_through_the_cli(tmp_path, jobs):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in _articles()), "utf-8")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "DYAD_ARTICLE_SECONDS": str(LIMIT_S)}
    proc = subprocess.run([PYTHON, "-m", "pipeline", "extract", str(src), "-o", str(out), "--no-progress",
                           "--jobs", str(jobs), "--func", "tests.slow_steps:process_with_spinning_article"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _SUMMARY.search(proc.stderr).groups() == ("6", "5", "1"), proc.stderr[-1000:]
    quarantined = [json.loads(x) for x in (tmp_path / "out.jsonl.quarantine.jsonl").read_text().splitlines()]
    assert [q["article_id"] for q in quarantined] == [SLOW_ID]
    assert "time limit" in quarantined[0]["reason"]
    ids = {json.loads(x)["article_id"] for x in out.read_text().splitlines()}
    assert ids == {f"n{i}" for i in range(5)}


def test_a_bad_time_limit_setting_is_one_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": PAIR_SENTENCE}) + "\n", "utf-8")
    proc = subprocess.run([PYTHON, "-m", "pipeline", "extract", str(src), "-o", str(tmp_path / "o.jsonl"),
                           "--no-progress"], cwd=ROOT, env={**os.environ, "DYAD_ARTICLE_SECONDS": "soon"},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "[E004]" in proc.stderr and "DYAD_ARTICLE_SECONDS" in proc.stderr


def test_over_long_stdin_line_is_quarantined_not_held(tmp_path):
    """DYAD_MAX_CHARS=1000 -> lines over ~5 kB are refused; a 3 MB line among good ones on stdin."""
    good = [json.dumps({"id": f"g{i}", "text": PAIR_SENTENCE}) for i in range(3)]
    huge = json.dumps({"id": "long", "text": "x" * 3_000_000})
    data = "\n".join([good[0], huge, good[1], good[2]]) + "\n"
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "DYAD_MAX_CHARS": "1000"}
    proc = subprocess.run([PYTHON, "-m", "pipeline", "extract", "-", "-o", str(out), "--no-progress"],
                          cwd=ROOT, env=env, input=data, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _SUMMARY.search(proc.stderr).groups() == ("4", "3", "1"), proc.stderr[-1000:]
    q = json.loads((tmp_path / "out.jsonl.quarantine.jsonl").read_text().splitlines()[0])
    assert q["origin"] == "<stdin>:2" and "line too large" in q["reason"]


def test_ingest_reads_standard_input(tmp_path):
    data = json.dumps({"id": "s1", "text": PAIR_SENTENCE}) + "\n"
    proc = subprocess.run([PYTHON, "-m", "pipeline", "ingest", "-", "--store", str(tmp_path / "store"),
                           "--no-progress"], cwd=ROOT, input=data, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    stats = subprocess.run([PYTHON, "-m", "pipeline", "stats", "--store", str(tmp_path / "store"), "--json"],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert json.loads(stats.stdout)["articles"] == 1, stats.stdout + stats.stderr
