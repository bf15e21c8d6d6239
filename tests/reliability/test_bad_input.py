"""Bad input never stops a run: every input is processed or quarantined with a one-line reason, and
articles in == processed + quarantined, counted by us from the bytes we wrote (not by the code under test)."""
from __future__ import annotations

import io
import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import ArticleResult, process
from pipeline.ingest import Quarantined, read_inputs, read_jsonl_stream
from pipeline.schema import Article
from tests.conftest import PYTHON, ROOT
from tests.fixtures_hostile import (
    PAIR_SENTENCE,
    XSS_FLAG,
    build_hostile_dir,
    count_jsonl_inputs,
    hostile_cases,
)

HYPOTHESIS = settings(max_examples=200, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _one_line(reason: str) -> bool:
    return isinstance(reason, str) and bool(reason.strip()) and "\n" not in reason and len(reason) < 400


def _check_outcome(item, res) -> None:
    """One input's fate: an ArticleResult for its article, or a Quarantined with a one-line reason."""
    if isinstance(res, Quarantined):
        assert _one_line(res.reason), res.reason
        return
    assert isinstance(res, ArticleResult) and res.article is item
    n = len(item.text)
    for rec in res.records:
        assert rec["source"] != rec["target"]
        assert 0 <= rec["char_start"] <= rec["char_end"] <= n
        assert rec["record_id"] and rec["article_id"] == item.id


def _run_all(items) -> tuple[int, int]:
    processed = quarantined = 0
    for item in items:
        res = process(item, time_limit=20)
        _check_outcome(item, res)
        if isinstance(res, Quarantined):
            quarantined += 1
        else:
            processed += 1
    return processed, quarantined


# --- property tests -----------------------------------------------------------------------------

_json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=60))
_json_value = st.recursive(_json_scalar, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                               st.dictionaries(st.text(max_size=8), kids,
                                                                               max_size=4)), max_leaves=12)
_field = st.sampled_from(["id", "text", "html", "published", "title", "url", "source", "language", "zzz"])
_article_like = st.one_of(
    st.fixed_dictionaries({"id": st.one_of(st.text(max_size=20), _json_value),
                           "text": st.one_of(st.text(max_size=400), st.just(PAIR_SENTENCE), _json_value)},
                          optional={"published": st.one_of(st.text(max_size=30), st.dates().map(str), _json_value),
                                    "title": _json_value, "url": _json_value, "html": st.text(max_size=200)}),
    st.dictionaries(_field, _json_value, max_size=6),
    _json_value,
)
_line = st.one_of(
    _article_like.map(lambda o: json.dumps(o, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
)
_jsonl_bytes = st.lists(_line, max_size=12).map(lambda ls: b"\n".join(ls) + b"\n")


@HYPOTHESIS
@given(data=_jsonl_bytes)
def test_any_jsonl_bytes_every_line_accounted_for(data):
    expected = count_jsonl_inputs(data)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "in.jsonl"
        path.write_bytes(data)
        items = list(read_inputs([path]))
        assert len(items) == expected
        processed, quarantined = _run_all(items)
        assert processed + quarantined == expected
    # The same bytes through standard input (`extract -`) give the same count.
    assert len(list(read_jsonl_stream(io.BytesIO(data), "<stdin>"))) == expected


@HYPOTHESIS
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(lambda s: s.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".html"]))
def test_any_file_bytes_is_one_input(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"article{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([path]))
        assert len(items) == 1
        processed, quarantined = _run_all(items)
        assert processed + quarantined == 1


@HYPOTHESIS
@given(text=st.text(min_size=1, max_size=3000), published=st.one_of(st.none(), st.dates()))
def test_process_any_text_never_raises(text, published):
    art = Article(id="h", text=text, published=published, origin="hypothesis")
    _check_outcome(art, process(art, time_limit=20))


# --- the hostile fixture set --------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    return d, build_hostile_dir(d)


def test_hostile_set_in_process(hostile_dir):
    root, cases = hostile_dir
    items = list(read_inputs([root]))
    assert len(items) == sum(c.inputs for c in cases)
    results = {}
    for item in items:
        res = process(item, time_limit=60)
        _check_outcome(item, res)
        results[str(Path(item.origin).relative_to(root))] = res
    for c in cases:
        for origin in c.bad:
            assert isinstance(results[origin], Quarantined), (origin, c.note)
        for origin in c.good:
            assert isinstance(results[origin], ArticleResult), (origin, results[origin])
    # Scripts are not article text: trafilatura drops <script> content and handlers.
    html = results["scripts.html"].article.text
    assert "SCRIPT-BODY-TEXT" not in html and f"window.{XSS_FLAG}=1; document.write" not in html
    # The impossible date is a warning on a processed article, not a failure.
    bad_date = results["mixed.jsonl:3"].article
    assert bad_date.published is None and any("not a valid date" in w for w in bad_date.extra["warnings"])


_SUMMARY = re.compile(r"extract: (\d+) articles read, (\d+) processed, (\d+) quarantined")


def test_hostile_set_through_the_cli(hostile_dir, tmp_path):
    root, cases = hostile_dir
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([PYTHON, "-m", "pipeline", "extract", str(root), "-o", str(out), "--no-progress"],
                          cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    m = _SUMMARY.search(proc.stderr)
    assert m, proc.stderr[-2000:]
    read, processed, quarantined = map(int, m.groups())
    assert read == sum(c.inputs for c in cases) == processed + quarantined
    qlines = [json.loads(line) for line in Path(f"{out}.quarantine.jsonl").read_text("utf-8").splitlines()]
    assert len(qlines) == quarantined
    assert all(_one_line(q["reason"]) for q in qlines)
    origins = {str(Path(q["origin"]).relative_to(root)) for q in qlines}
    for c in cases:
        assert set(c.bad) <= origins, (c.name, set(c.bad) - origins)
        assert not (set(c.good) & origins), (c.name, set(c.good) & origins)
    for line in out.read_text("utf-8").splitlines():
        json.loads(line)  # every output line is whole JSON


def test_cli_hostile_jsonl_on_stdin(tmp_path):
    mixed = next(c for c in hostile_cases(big_mb=1) if c.name == "mixed.jsonl")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([PYTHON, "-m", "pipeline", "extract", "-", "-o", str(out), "--no-progress"],
                          cwd=ROOT, input=mixed.data, capture_output=True, timeout=240)
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, stderr[-2000:]
    read, processed, quarantined = map(int, _SUMMARY.search(stderr).groups())
    assert read == mixed.inputs == processed + quarantined
    assert quarantined >= len(mixed.bad)
