"""The store's contract: versions, identity, typed rows, crash leftovers, the writer lock, disk errors."""
from __future__ import annotations

import errno
import json
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import store as store_mod
from pipeline.errors import DyadError
from pipeline.ingest import article_key, normalise_url
from pipeline.rows import article_row, quarantine_row, record_row
from pipeline.schema import RECORD_FIELDS, Article
from pipeline.store import Store


def _article(i: int, **kw) -> dict:
    return article_row(Article(id=f"a{i}", text=f"text {i}", published=date(2025, 12, 30), source="Reuters", **kw))


def _record(i: int, article: int = 0, kind: str = "event", **kw) -> dict:
    base = {"record_id": f"r{i}", "article_id": f"a{article}", "kind": kind, "source": "KOR", "target": "CHN",
            "event_type": "CONSULT" if kind == "event" else None, "date_start": "2026-01-04",
            "evidence": f"sentence {i}", "confidence": 0.8}
    base.update(kw)
    return record_row(base, published="2025-12-30")


def test_empty_store_reads_as_version_zero(tmp_path):
    s = Store(tmp_path / "nothing-here")
    snap = s.snapshot()
    assert snap.version == 0 and snap.records == () and snap.articles == ()
    assert s.known_article_keys() == set()
    st = s.stats()
    assert st["articles"] == 0 and st["records"] == {"event": 0, "figure": 0, "total": 0} and st["events"] == 0
    assert not (tmp_path / "nothing-here").exists(), "reading must not create the store"


def test_add_batch_commits_versions_and_keys(tmp_path):
    s = Store(tmp_path)
    v1 = s.add_batch([_article(1)], [_record(1, 1), _record(2, 1, kind="figure", indicator="trade_share", value=20)],
                     [quarantine_row("bad.jsonl:3", "bad JSON", None, "{oops")])
    v2 = s.add_batch([_article(2)], [_record(3, 2)], [])
    assert (v1, v2) == (1, 2)
    snap = s.snapshot()
    assert snap.version == 2 and len(snap.articles) == 2 and len(snap.records) == 2 and len(snap.quarantine) == 1
    assert all(p.exists() for p in snap.articles + snap.records + snap.quarantine)
    assert s.known_article_keys() == {"id:a1", "id:a2"}
    st = s.stats()
    assert st["records"] == {"event": 2, "figure": 1, "total": 3}
    assert st["articles"] == 2 and st["quarantined"] == 1


def test_records_parquet_types(tmp_path):
    s = Store(tmp_path)
    s.add_batch([_article(1)], [_record(1, 1, context="diplomatic", value=3, period=2025)], [])
    table = pq.read_table(s.snapshot().records[0])
    schema = table.schema
    assert list(schema.names[: len(RECORD_FIELDS)]) == list(RECORD_FIELDS)
    assert str(schema.field("date_start").type) == "date32[day]"
    assert pa.types.is_list(schema.field("context").type)
    assert schema.field("context").type.value_type == pa.string()
    assert str(schema.field("value").type) == "double"
    assert str(schema.field("approximate").type) == "bool"
    row = table.to_pylist()[0]
    assert row["context"] == ["diplomatic"] and row["period"] == "2025" and row["value"] == 3.0
    assert row["quad_class"] == "verbal_cooperation" and row["published"] == date(2025, 12, 30)
    assert row["extractor_version"]


def test_plain_dicts_are_accepted(tmp_path):
    s = Store(tmp_path)
    s.add_batch([{"id": "x1", "text": "hello", "published": "2024-02-03", "url": "https://e.com/a"}],
                [{"record_id": "q", "article_id": "x1", "kind": "event", "source": "USA", "target": "MEX",
                  "event_type": "ACCUSE", "date_start": "2024-02-03"}], [])
    art = pq.read_table(s.snapshot().articles[0]).to_pylist()[0]
    assert art["key"] == "id:x1" and art["published"] == date(2024, 2, 3) and art["n_chars"] == 5


def test_article_identity_prefers_id_then_url_then_text():
    assert article_key("abc", "https://x.org/a", "t") == "id:abc"
    assert article_key(None, "HTTP://www.X.org/a/?utm_source=rss#top", "t") == article_key(None, "https://x.org/a", "u")
    assert article_key(None, None, "Some  text\n here") == article_key("", None, "Some text here")
    assert article_key(None, None, "one").startswith("sha1:")


def test_normalise_url_keeps_meaningful_query():
    assert normalise_url("https://x.org/story?id=2&utm_medium=x") == "https://x.org/story?id=2"
    assert normalise_url("https://x.org:8443/a") == "https://x.org:8443/a"
    assert normalise_url("https://x.org/b?b=1&a=2") == normalise_url("https://x.org/b?a=2&b=1")


def test_readers_ignore_orphans_and_next_writer_cleans_them(tmp_path):
    s = Store(tmp_path)
    s.add_batch([_article(1)], [_record(1, 1)], [])
    # What a writer killed between rename and manifest swap leaves behind:
    orphan = tmp_path / "records" / "v00000002-deadbeef00.parquet"
    orphan.write_bytes(b"not even parquet")
    tmp_part = tmp_path / "articles" / ".v00000002-x.parquet.tmp"
    tmp_part.write_bytes(b"half")
    (tmp_path / ".manifest.json.1234.tmp").write_text("{")
    assert orphan not in s.snapshot().records
    assert s.stats()["records"]["total"] == 1
    s.add_batch([_article(2)], [_record(2, 2)], [])
    assert not orphan.exists() and not tmp_part.exists()
    assert not list(tmp_path.glob(".manifest.json.*.tmp"))
    assert s.stats()["records"]["total"] == 2


def test_replaced_parts_stay_readable_for_a_grace_period(tmp_path):
    s = Store(tmp_path)
    s.add_batch([_article(1)], [_record(1, 1)], [])
    s.rebuild_events()
    old = s.snapshot()
    s.rebuild_events()
    new = s.snapshot()
    assert new.version == old.version + 1 and new.events != old.events
    assert all(p.exists() for p in old.events), "a reader holding the old snapshot can still read it"
    s.add_batch([_article(2)], [], [])  # a later writer keeps retired parts inside the grace period
    assert all(p.exists() for p in old.events)


def test_second_writer_gets_a_one_line_error(tmp_path):
    a, b = Store(tmp_path), Store(tmp_path)
    with a.writer():
        with pytest.raises(DyadError) as exc, b.writer(timeout=0.3):
            pass
    assert exc.value.code == "E011"
    with b.writer():  # released once the first writer is done
        pass


def test_writer_lock_is_reentrant_within_one_store(tmp_path):
    s = Store(tmp_path)
    with s.writer():
        assert s.add_batch([_article(1)], [], []) == 1
        assert s.add_batch([_article(2)], [], []) == 2


def test_full_disk_leaves_store_unchanged(tmp_path, monkeypatch):
    s = Store(tmp_path)
    s.add_batch([_article(1)], [_record(1, 1)], [])
    before = json.loads((tmp_path / "manifest.json").read_text())
    files_before = sorted(p.name for p in tmp_path.rglob("*.parquet"))
    real = store_mod.pq.write_table
    calls = {"n": 0}

    def flaky(table, where, **kw):
        calls["n"] += 1
        if calls["n"] == 2:  # the second part of the batch hits a full disk
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(table, where, **kw)

    monkeypatch.setattr(store_mod.pq, "write_table", flaky)
    with pytest.raises(DyadError) as exc:
        s.add_batch([_article(2)], [_record(2, 2)], [])
    assert exc.value.code == "E013" and "\n" not in str(exc.value)
    assert json.loads((tmp_path / "manifest.json").read_text()) == before
    assert sorted(p.name for p in tmp_path.rglob("*.parquet")) == files_before
    assert not list(tmp_path.rglob("*.tmp"))


def test_read_only_store_is_a_one_line_error(tmp_path, monkeypatch):
    def refuse(*a, **kw):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store_mod.os, "open", refuse)
    with pytest.raises(DyadError) as exc:
        Store(tmp_path / "ro").add_batch([_article(1)], [], [])
    assert exc.value.code == "E012"


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"version": "7"}', '{"version": 1, "parts": []}',
                                  '{"version": 1, "parts": {"records": ["../../etc/passwd"]}}',
                                  '{"version": 1, "parts": {"records": ["/abs/x.parquet"]}}'])
def test_corrupt_manifest_is_reported(tmp_path, text):
    (tmp_path / "manifest.json").write_text(text)
    with pytest.raises(DyadError) as exc:
        Store(tmp_path).snapshot()
    assert exc.value.code == "E014"


def test_compact_merges_parts_and_keeps_every_row(tmp_path):
    s = Store(tmp_path)
    for i in range(5):
        s.add_batch([_article(i)], [_record(i, i)], [quarantine_row(f"f{i}", "bad")])
    before = s.stats()
    old = s.snapshot()
    assert s.compact(max_parts=3) is True
    snap = s.snapshot()
    assert (len(snap.articles), len(snap.records), len(snap.quarantine)) == (1, 1, 1)
    assert s.stats() | {"version": 0} == before | {"version": 0}
    assert s.known_article_keys() == {f"id:a{i}" for i in range(5)}
    assert all(p.exists() for p in old.records), "replaced parts stay for readers of the old snapshot"
    assert s.compact(max_parts=3) is False


def test_missing_or_torn_part_is_a_one_line_error(tmp_path):
    s = Store(tmp_path)
    s.add_batch([_article(1)], [_record(1, 1)], [])
    part = s.snapshot().records[0]
    part.write_bytes(part.read_bytes()[:50])
    for call in (s.stats, s.rebuild_events):
        with pytest.raises(DyadError) as exc:
            call()
        assert exc.value.code == "E014" and "records" in str(exc.value)
    s.snapshot().articles[0].unlink()
    with pytest.raises(DyadError) as exc:
        s.known_article_keys()
    assert exc.value.code == "E014" and "missing" in str(exc.value)
