"""The `extract` command's edges: usage errors, quarantine file, mentions, optional geocoding offline."""
import json
import subprocess

from tests.conftest import PYTHON, ROOT


def run(*args, env=None, input=None):
    import os

    full_env = {**os.environ, **(env or {})}
    return subprocess.run([PYTHON, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env=full_env, input=input)


def test_missing_input_is_one_line_and_nonzero(tmp_path):
    proc = run("extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "E001" in proc.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_bad_arguments_are_one_line(tmp_path):
    proc = run("extract", "seeds")  # no -o
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_quarantine_file_and_summary(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": "Japan and South Korea agreed to expand trade on Monday.", "published": "2024-05-08"}),
        "{broken",
        json.dumps({"id": "b", "text": ""}),
    ]) + "\n")
    out = tmp_path / "out.jsonl"
    proc = run("extract", str(src), "-o", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "3 articles read, 1 processed, 2 quarantined" in proc.stderr
    quarantine = [json.loads(x) for x in (tmp_path / "out.jsonl.quarantine.jsonl").read_text().splitlines()]
    assert [q["origin"].rsplit(":", 1)[1] for q in quarantine] == ["2", "3"]
    assert all(q["reason"] for q in quarantine)
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    assert any({r["source"], r["target"]} == {"JPN", "KOR"} for r in recs)


def test_geocode_offline_is_one_note_and_cache_hits_still_answer(tmp_path):
    cache = tmp_path / "geo"
    cache.mkdir()
    (cache / "geocode_cache.json").write_text(json.dumps({"shanghai": [31.23, 121.47]}))
    out = tmp_path / "m.jsonl"
    proc = run("extract", "seeds", "-o", str(out), "--mentions", "--geocode", "--geocode-cache", str(cache),
               "--no-progress", env={"DYAD_OFFLINE": "1"})
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    shanghai = [m for m in lines if m["kind"] == "mention" and m["text"] == "Shanghai"]
    assert shanghai and (shanghai[0]["lat"], shanghai[0]["lon"]) == (31.23, 121.47)
    others = [m for m in lines if m["kind"] == "mention" and m["how"] in ("city", "located") and m["text"] != "Shanghai"]
    assert all(m["lat"] is None for m in others)
    assert proc.stderr.count("geocoding unavailable") <= 1
