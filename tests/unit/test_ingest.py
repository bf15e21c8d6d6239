import gzip
import json
from datetime import date

import pytest

from pipeline.errors import DyadError
from pipeline.ingest import Quarantined, parse_published, read_inputs
from pipeline.schema import Article
from tests.conftest import ROOT


def _split(items):
    arts = [a for a in items if isinstance(a, Article)]
    quar = [q for q in items if isinstance(q, Quarantined)]
    return arts, quar


def test_seed_folder_reads_text_with_sidecar():
    arts, quar = _split(list(read_inputs([ROOT / "seeds"])))
    assert quar == []
    assert len(arts) == 1
    art = arts[0]
    assert art.id == "000_5bd6db2c55771876"
    assert art.published == date(2025, 12, 30)
    assert art.source == "Reuters"
    assert art.text.startswith("South Korea's President Lee to visit China")


def test_jsonl_bad_lines_are_quarantined_and_the_rest_read(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "Japan and China agreed.", "published": "2020-01-02"}),
        "{not json",
        json.dumps({"id": "nodate", "text": "Fine text.", "published": "2025-13-45"}),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps([1, 2, 3]),
        json.dumps({"id": 7, "text": "numeric id is fine", "extra_field": {"x": 1}}),
        json.dumps({"id": "wrongtype", "text": {"a": 1}}),
        "",
        json.dumps({"id": "ts", "text": "Timestamped.", "published": "2021-03-04T10:00:00Z"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    items = list(read_inputs([path]))
    arts, quar = _split(items)
    assert [a.id for a in arts] == ["ok1", "nodate", "7", "ts"]
    assert len(quar) == 5
    assert all(q.reason and "\n" not in q.reason for q in quar)
    nodate = arts[1]
    assert nodate.published is None and "not a valid date" in nodate.extra["warnings"][0]
    assert arts[3].published == date(2021, 3, 4)
    assert arts[2].extra == {"extra_field": {"x": 1}}
    assert {q.origin.rsplit(":", 1)[1] for q in quar} == {"2", "4", "5", "6", "8"}


def test_binary_non_utf8_and_missing(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 in Paris".encode("latin-1"))
    (tmp_path / "good.txt").write_text("France and Germany signed a treaty.", "utf-8")
    (tmp_path / "good.meta.json").write_text("{broken", "utf-8")
    arts, quar = _split(list(read_inputs([tmp_path])))
    assert [a.id for a in arts] == ["good"]
    assert "sidecar" in arts[0].extra["warnings"][0]
    reasons = sorted(q.reason for q in quar)
    assert reasons[0].startswith("binary") and reasons[1].startswith("not UTF-8")
    with pytest.raises(DyadError):
        list(read_inputs([tmp_path / "nope.jsonl"]))


def test_gzip_jsonl_and_html(tmp_path):
    with gzip.open(tmp_path / "x.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Seoul and Tokyo held talks."}) + "\n")
    html = ("<html><head><title>Summit in Seoul</title></head><body><nav>Home | World</nav><article>"
            "<h1>Summit in Seoul</h1><p>South Korean President Lee Jae Myung met Japanese Prime Minister "
            "Sanae Takaichi in Seoul on Monday to discuss trade and security cooperation in the region.</p>"
            "<p>The two leaders agreed to hold regular talks and to expand exchanges between their peoples.</p>"
            "<script>alert(1)</script></article><footer>Copyright</footer></body></html>")
    (tmp_path / "page.html").write_text(html, "utf-8")
    arts, quar = _split(list(read_inputs([tmp_path])))
    assert quar == []
    ids = sorted(a.id for a in arts)
    assert ids == ["g1", "page"]
    page = next(a for a in arts if a.id == "page")
    assert "agreed to hold regular talks" in page.text
    assert "alert(1)" not in page.text and "Copyright" not in page.text


def test_parse_published_variants():
    assert parse_published("2025-12-30") == (date(2025, 12, 30), None)
    assert parse_published(None) == (None, None)
    assert parse_published("2025-13-45")[0] is None
    assert parse_published(20251230)[0] is None


def test_warnings_about_source_and_language_are_kept_alone():
    from pipeline.ingest import article_from_record

    art = article_from_record({"id": "w1", "text": "Text.", "source": {"x": 1}, "language": ["en"]}, "t")
    assert art.source is None and art.language is None
    assert art.extra["warnings"] == ["source ignored: not a string", "language ignored: not a string"]
