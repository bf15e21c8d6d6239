"""Hostile and malformed inputs, built in code (no opaque blobs): what the reliability tests feed
to ingest, extract, the store and the dashboard. Each case knows how many inputs it holds.

`build_hostile_dir(path)` writes every case into a folder and returns the cases, so a test can count
inputs itself and check that each one came out processed or quarantined."""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# A sentence the extractor has something to find in, so "processed" inputs are not all trivial.
PAIR_SENTENCE = ("South Korea and China agreed on Tuesday to expand trade, and Japan accused "
                 "North Korea of firing a missile toward the Sea of Japan.")

# Scripts and handlers that, if ever executed in a browser, set a flag or open a dialog.
XSS_FLAG = "__dyad_pwned"
XSS_PAYLOADS: tuple[str, ...] = (
    f"<script>window.{XSS_FLAG}=1;alert('xss-script')</script>",
    f"<img src=x onerror=\"window.{XSS_FLAG}=1;alert('xss-img')\">",
    f"<svg onload=\"window.{XSS_FLAG}=1;alert('xss-svg')\"></svg>",
    f"\"><script>window.{XSS_FLAG}=1</script>",
    f"<a href=\"javascript:window.{XSS_FLAG}=1;alert('xss-link')\">click</a>",
    f"[link](javascript:window.{XSS_FLAG}=1;alert('xss-md'))",
    f"<iframe srcdoc=\"<script>parent.{XSS_FLAG}=1</script>\"></iframe>",
)
XSS_URL = f"javascript:window.{XSS_FLAG}=1;alert('xss-url')"


@dataclass(slots=True)
class Case:
    """One file of the hostile set.

    `inputs` is how many articles the file holds by our own count (a JSONL file: its non-blank
    lines; any other file: one). `bad` lists the origins ("name" or "name:line") that must end in
    quarantine; `good` those that must be processed. Others may go either way, but must go one way."""
    name: str
    data: bytes
    inputs: int
    bad: list[str] = field(default_factory=list)
    good: list[str] = field(default_factory=list)
    note: str = ""


def jsonl(objs: list) -> bytes:
    """Objects (or raw str/bytes lines, written as they are) -> JSONL bytes."""
    out = []
    for o in objs:
        if isinstance(o, bytes):
            out.append(o)
        elif isinstance(o, str):
            out.append(o.encode("utf-8"))
        else:
            out.append(json.dumps(o, ensure_ascii=False).encode("utf-8"))
    return b"\n".join(out) + b"\n"


def count_jsonl_inputs(data: bytes) -> int:
    """Our own count of the articles a JSONL byte string holds: its non-blank lines."""
    return sum(1 for line in data.split(b"\n") if line.strip())


def nested_html(levels: int) -> str:
    return ("<html><body>" + "<div>" * levels + f"<p>{PAIR_SENTENCE}</p>" + "</div>" * levels
            + "</body></html>")


def script_html() -> str:
    payloads = "".join(f"<p>{p}</p>" for p in XSS_PAYLOADS)
    return (
        "<html><head><title>Seoul and Beijing talk trade</title>"
        f"<script>window.{XSS_FLAG}=1; document.write('SCRIPT-BODY-TEXT')</script>"
        "<style>body{background:url(javascript:alert(1))}</style></head><body><article>"
        f"<h1>Seoul and Beijing talk trade</h1><p>{PAIR_SENTENCE}</p>"
        f"<p onclick=\"alert('onclick')\">{PAIR_SENTENCE} The talks will continue in Beijing next month, "
        "officials from both governments said after the meeting.</p>"
        f"<script>alert('SCRIPT-BODY-TEXT')</script>{payloads}</article></body></html>"
    )


def big_text(n_bytes: int) -> str:
    """About n_bytes of article-like prose with line breaks (a country pair every few sentences)."""
    filler = ("Officials met again on Wednesday to review the figures published last quarter, "
              "and analysts said markets were calm. ")
    block = PAIR_SENTENCE + " " + filler * 4 + "\n"
    return (block * (n_bytes // len(block) + 1))[:n_bytes]


def one_line_text(n_bytes: int) -> str:
    """About n_bytes of prose on one line, with no newline anywhere."""
    return big_text(n_bytes).replace("\n", " ")


def hostile_cases(big_mb: int = 20, line_mb: int = 1, nest_levels: int = 10_000) -> list[Case]:
    cases: list[Case] = []

    def add(name: str, data: bytes, inputs: int, bad=(), good=(), note=""):
        cases.append(Case(name, data, inputs, list(bad), list(good), note))

    add("empty.txt", b"", 1, bad=["empty.txt"], note="empty file")
    add("whitespace.txt", b" \n\t\r\n   \n", 1, bad=["whitespace.txt"], note="whitespace only")
    add("binary.txt", bytes(range(256)) * 64, 1, bad=["binary.txt"], note="binary with NUL bytes")
    add("controls.txt", bytes(range(1, 32)) * 200, 1, bad=["controls.txt"], note="control characters, no NUL")
    add("latin1.txt", ("Le président de la République s'est rendu à Pékin. " * 20).encode("latin-1"), 1,
        bad=["latin1.txt"], note="invalid UTF-8 (latin-1)")
    add("big.txt", big_text(big_mb * 1_000_000).encode("utf-8"), 1, bad=["big.txt"],
        note=f"{big_mb} MB of text (over the default size limit)")
    add("korean.txt", ("이재명 대통령은 화요일 시진핑 중국 국가주석과 베이징에서 정상회담을 가졌다. "
                       "한국과 중국은 무역 확대에 합의했다.\n").encode(), 1, good=["korean.txt"])
    add("chinese.txt", ("中国国家主席习近平周二在北京会见韩国总统李在明。两国同意扩大贸易。\n").encode(), 1,
        good=["chinese.txt"])
    add("arabic.txt", ("التقى الرئيس المصري بنظيره الفرنسي في القاهرة يوم الثلاثاء، "
                       "واتفق البلدان على توسيع التجارة.\n").encode(), 1, good=["arabic.txt"])
    add("rtl_bidi.txt", ("\u202eFrance\u202c and \u2066Germany\u2069 signed a treaty in Berlin. "
                         "Zero\u200bwidth and combining e\u0301 marks.\n").encode("utf-8"), 1,
        good=["rtl_bidi.txt"])
    add("nested.html", nested_html(nest_levels).encode("utf-8"), 1, note=f"{nest_levels} nested <div>s")
    add("scripts.html", script_html().encode("utf-8"), 1, good=["scripts.html"], note="<script>, handlers")
    add("binary.html", b"\x00\x00<html>" + bytes(range(256)) * 10, 1, bad=["binary.html"])
    add("noarticle.html", b"<html><head><title>x</title></head><body></body></html>", 1, bad=["noarticle.html"])

    # JSONL: broken lines, unknown fields, wrong types, impossible dates, scripts in every field.
    lines = [
        {"id": "ok-1", "text": PAIR_SENTENCE, "published": "2025-12-30"},           # 1 good
        "{not json at all",                                                          # 2 bad
        {"id": "bad-date", "text": PAIR_SENTENCE, "published": "2025-13-45"},        # 3 good (warning)
        {"text": "no id here"},                                                      # 4 bad
        {"id": "blank", "text": "   "},                                              # 5 bad
        [1, 2, 3],                                                                   # 6 bad
        {"id": "unknown-fields", "text": PAIR_SENTENCE, "zzz": {"deep": [1, 2]}, "n": 5},  # 7 good
        {"id": "text-dict", "text": {"a": 1}},                                       # 8 bad
        {"id": "text-num", "text": 12345},                                           # 9 bad
        {"id": ["list", "id"], "text": PAIR_SENTENCE},                               # 10 bad
        {"id": True, "text": PAIR_SENTENCE},                                         # 11 bad
        {"id": "types", "text": PAIR_SENTENCE, "title": {"x": 1}, "url": [1], "published": 20251230,
         "source": None, "language": 3.5},                                           # 12 good
        b"\xff\xfe\xfa not utf-8 \xc3\x28",                                          # 13 bad
        "[" * 100_000 + "]" * 100_000,                                               # 14 bad (deep JSON)
        {"id": "xss", "text": PAIR_SENTENCE + " " + " ".join(XSS_PAYLOADS), "title": XSS_PAYLOADS[0],
         "url": XSS_URL, "source": XSS_PAYLOADS[1]},                                 # 15 good
        {"id": "nul", "text": "a\x00b" * 100},                                       # 16 bad
        "null",                                                                      # 17 bad
        {"id": "html-only", "html": script_html()},                                  # 18 good
        {"id": "dates", "text": PAIR_SENTENCE, "published": "0000-00-00"},           # 19 good
        {"id": "ts", "text": PAIR_SENTENCE, "published": "2025-12-30T25:61:00+99:99"},  # 20 good
        "   ",                                                                       # 21 blank: no input
        {"id": "long-line", "text": one_line_text(line_mb * 1_000_000)},             # 22 good (1 MB line)
        {"id": "ko", "text": "한국과 중국은 무역 확대에 합의했다.", "language": "ko"},  # 23 good
        '{"id": "trunc", "text": "cut off',                                          # 24 bad
    ]
    data = jsonl(lines)
    n = count_jsonl_inputs(data)
    bad_lines = [2, 4, 5, 6, 8, 9, 10, 11, 13, 14, 16, 17, 24]
    good_lines = [1, 3, 7, 12, 15, 18, 19, 20, 22, 23]
    add("mixed.jsonl", data, n, bad=[f"mixed.jsonl:{i}" for i in bad_lines],
        good=[f"mixed.jsonl:{i}" for i in good_lines], note="broken lines, wrong types, odd dates")

    # A gzip file cut in the middle: the lines before the cut are read, the rest is one quarantine.
    gz_lines = [{"id": f"gz-{i}", "text": PAIR_SENTENCE} for i in range(400)]
    full = gzip.compress(jsonl(gz_lines))
    cut = full[: len(full) // 2]
    add("truncated.jsonl.gz", cut, readable_gzip_lines(cut) + 1, note="gzip cut in half")
    add("notgzip.jsonl.gz", b"this is not gzip data\n" * 10, 1, bad=["notgzip.jsonl.gz:1"])
    return cases


def readable_gzip_lines(data: bytes) -> int:
    """Complete JSONL lines recoverable from a truncated gzip stream (our own count, with zlib)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data)
    except zlib.error:
        return 0
    complete = out[: out.rfind(b"\n") + 1] if b"\n" in out else b""
    return count_jsonl_inputs(complete)


def build_hostile_dir(path: Path, **kwargs) -> list[Case]:
    path.mkdir(parents=True, exist_ok=True)
    cases = hostile_cases(**kwargs)
    for c in cases:
        (path / c.name).write_bytes(c.data)
    return cases


def hostile_articles(n: int = 6) -> Iterator[dict]:
    """Contract JSONL articles whose title, URL, source and text carry script payloads, for the
    dashboard tests (the pair sentence makes sure they turn into records)."""
    for i in range(n):
        p = XSS_PAYLOADS[i % len(XSS_PAYLOADS)]
        yield {
            "id": f"hostile-{i}-{p[:12]}",
            "title": f"{p} Seoul and Beijing {i}",
            "url": XSS_URL if i % 2 == 0 else f"https://example.org/{i}?q=<script>alert({i})</script>",
            "source": p,
            "published": f"2025-12-{10 + i:02d}",
            "text": f"{p}\n\n{PAIR_SENTENCE} {p} Officials said the talks went well. {p}",
        }
