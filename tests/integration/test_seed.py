"""The seed article's records through the real command: provenance, the planned visit's dates, the
trade share, stable ids. (How many of ../shared/gold/seed_expected.json it finds is the `seed` suite of
tests/eval/floors.json.)"""
import json
import subprocess

import pytest

from tests.conftest import PYTHON, ROOT


@pytest.fixture(scope="module")
def seed_records(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "records.jsonl"
    proc = subprocess.run([PYTHON, "-m", "pipeline", "extract", "seeds", "-o", str(out), "--no-progress"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "1 articles read, 1 processed, 0 quarantined" in proc.stderr
    return out


def test_seed_records_carry_provenance(seed_records, seed_text):
    recs = [json.loads(line) for line in seed_records.read_text().splitlines()]
    assert recs
    for r in recs:
        assert r["article_id"] == "000_5bd6db2c55771876"
        assert r["source"] != r["target"]
        span = seed_text[r["char_start"]:r["char_end"]]
        assert " ".join(span.split()) == r["evidence"]
        assert 0 < r["confidence"] <= 1
        assert len(r["record_id"]) >= 16
    assert len({r["record_id"] for r in recs}) == len(recs)
    visit = [r for r in recs if r["kind"] == "event" and "will make a state visit" in r["evidence"]
             and r["source"] == "KOR" and r["target"] == "CHN" and r.get("mode") == "visit"]
    assert visit and visit[0]["date_start"] == "2026-01-04" and visit[0]["date_end"] == "2026-01-07"
    assert visit[0]["status"] == "planned" and visit[0]["date_text"]
    share = [r for r in recs if r["kind"] == "figure" and r["indicator"] == "trade_share"]
    assert share and share[0]["value"] == 20 and share[0]["approximate"] is True


def test_same_article_twice_gives_the_same_ids(tmp_path):
    outs = []
    for i in range(2):
        out = tmp_path / f"r{i}.jsonl"
        subprocess.run([PYTHON, "-m", "pipeline", "extract", "seeds", "-o", str(out), "--no-progress"],
                       cwd=ROOT, check=True, capture_output=True, timeout=120)
        outs.append([json.loads(line)["record_id"] for line in out.read_text().splitlines()])
    assert outs[0] == outs[1]
