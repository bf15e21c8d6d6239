"""Inputs -> Articles: JSONL (plain or .gz), .txt with .meta.json sidecars, .html pages, folders of them,
and an article's identity (its id, else its normalised URL, else its text).

Whatever cannot be read becomes a Quarantined item with its reason; reading never stops at a bad
input, so articles in == articles yielded + quarantined."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pipeline import errors, settings
from pipeline.schema import Article, parse_day

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json")


@dataclass(slots=True)
class Quarantined:
    """An input that could not become an Article, and why (one line)."""
    origin: str
    reason: str
    article_id: str | None = None
    excerpt: str = ""
    extra: dict = field(default_factory=dict)


def max_chars() -> int:
    """Largest article text accepted (DYAD_MAX_CHARS; ~300k words by default: beyond any news article)."""
    return settings.get("DYAD_MAX_CHARS")


def max_bytes() -> int:
    """Largest input line or file read, in bytes: max_chars() characters of up to 4 UTF-8 bytes."""
    return max_chars() * 4 + 1024


# --- identity ------------------------------------------------------------------------------------
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.I)


def normalise_url(url: str) -> str:
    """One spelling per page: lower-case scheme/host, no default port, fragment or tracking query."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    scheme = parts.scheme.lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    # http and https of one page are the same article.
    return urlunsplit(("https" if scheme in ("http", "https") else scheme, host, path, query, ""))


def article_key(article_id: str | None, url: str | None, text: str | None) -> str:
    """Article identity: its id, else its normalised URL, else a hash of its whitespace-folded text."""
    if article_id:
        return f"id:{article_id}"
    if url:
        return f"url:{normalise_url(url)}"
    folded = " ".join((text or "").split())
    return "sha1:" + hashlib.sha1(folded.encode("utf-8")).hexdigest()


def excerpt_of(raw: str | bytes, n: int = 200) -> str:
    if isinstance(raw, bytes):
        raw = raw[:n * 4].decode("utf-8", "replace")
    return raw[:n]


# --- validation of article fields -----------------------------------------------------------

def parse_published(value) -> tuple[date | None, str | None]:
    """A publication date from `YYYY-MM-DD` or an ISO timestamp; (None, warning) when unusable."""
    try:
        return parse_day(value), None
    except ValueError:
        if not isinstance(value, str):
            return None, f"published is not a date string ({type(value).__name__}); relative dates left unresolved"
        return None, f"published {value[:40]!r} is not a valid date; relative dates left unresolved"


def _clean_optional(value, name: str, warnings: list[str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        s = str(value).strip()
        return s[:2000] or None
    warnings.append(f"{name} ignored: not a string")
    return None


_CONTROL_CHARS = re.compile("[\x01-\x08\x0e-\x1f]")   # C0 controls but tab, newlines, form feed (NUL apart)


def check_text(text, origin: str, article_id: str | None) -> Quarantined | None:
    """Why a text cannot be an article, or None when it can."""
    if not isinstance(text, str):
        return Quarantined(origin, f"text is {type(text).__name__}, not a string", article_id)
    if not text.strip():
        return Quarantined(origin, "empty text", article_id)
    limit = max_chars()
    if len(text) > limit:
        return Quarantined(origin, f"text too large ({len(text):,} chars > {limit:,})", article_id, excerpt_of(text))
    sample = text[:20000]
    if "\x00" in sample:
        return Quarantined(origin, "binary content (NUL bytes)", article_id, excerpt_of(sample))
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > max(8, len(sample) // 50):
        return Quarantined(origin, "binary content (control characters)", article_id, excerpt_of(sample))
    if sample.count("\ufffd") > max(8, len(sample) // 100):
        return Quarantined(origin, "text is mostly undecodable characters", article_id, excerpt_of(sample))
    return None


def article_from_record(obj, origin: str, default_id: str | None = None) -> Article | Quarantined:
    """One JSON object (a JSONL line, or a .txt sidecar merged with its text) -> Article."""
    if not isinstance(obj, dict):
        return Quarantined(origin, f"line is a JSON {type(obj).__name__}, not an object", None, excerpt_of(json.dumps(obj)[:200]))
    warnings: list[str] = []
    raw_id = obj.get("id", default_id)
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
        return Quarantined(origin, "missing or invalid 'id' (a non-empty string is required)", None,
                           excerpt_of(str(obj.get("text") or obj.get("html") or "")))
    article_id = str(raw_id).strip()[:512]
    title = _clean_optional(obj.get("title"), "title", warnings)
    url = _clean_optional(obj.get("url"), "url", warnings)
    if "text" in obj and obj["text"] is not None:
        text = obj["text"]
    elif isinstance(obj.get("html"), str):
        return article_from_html(obj["html"], origin=origin, meta={**obj, "id": article_id})
    else:
        return Quarantined(origin, "no 'text' (or 'html') field", article_id)
    bad = check_text(text, origin, article_id)
    if bad:
        return bad
    published, warn = parse_published(obj.get("published"))
    if warn:
        warnings.append(warn)
    source = _clean_optional(obj.get("source"), "source", warnings)
    language = _clean_optional(obj.get("language"), "language", warnings)
    known = {"id", "text", "html", "published", "title", "url", "source", "language"}
    extra = {k: v for k, v in obj.items() if k not in known}
    if warnings:  # every warning, whichever field it is about (source and language too)
        extra["warnings"] = warnings
    return Article(id=article_id, text=text, published=published, title=title, url=url, source=source,
                   language=language, origin=origin, extra=extra)


# --- HTML -------------------------------------------------------------------------------------

def article_from_html(html: str, origin: str, meta: dict | None = None) -> Article | Quarantined:
    """Main text of a web page (trafilatura), with the page's title/date when the metadata lacks them."""
    meta = dict(meta or {})
    article_id = str(meta.get("id") or "").strip() or None
    if not isinstance(html, str) or not html.strip():
        return Quarantined(origin, "empty HTML", article_id)
    if len(html) > max_chars() * 4:
        return Quarantined(origin, f"HTML too large ({len(html):,} chars)", article_id)
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        text = trafilatura.extract(html, url=meta.get("url"), include_comments=False, include_tables=False,
                                   favor_precision=True, deduplicate=True)
        info = trafilatura.extract_metadata(html, default_url=meta.get("url"))
    except Exception as err:  # a parser failure on hostile markup must not end the run
        return Quarantined(origin, f"HTML could not be parsed: {type(err).__name__}", article_id, excerpt_of(html))
    if not text or not text.strip():
        return Quarantined(origin, "no article text found in the HTML page", article_id, excerpt_of(html))
    title = meta.get("title") or (info.title if info else None)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    if not meta.get("published") and info is not None and info.date:
        meta["published"] = info.date
    if article_id is None:
        key = meta.get("url") or text
        article_id = "html-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    meta.update({"id": article_id, "text": text, "title": title})
    meta.pop("html", None)
    return article_from_record(meta, origin)


# --- files and folders ----------------------------------------------------------------------

def _read_text_file(path: Path) -> str | Quarantined:
    try:
        size = path.stat().st_size
        if size > max_bytes():
            return Quarantined(str(path), f"file too large ({size:,} bytes)")
        data = path.read_bytes()
    except OSError as err:
        return Quarantined(str(path), f"cannot read file: {err.strerror or err}")
    if b"\x00" in data[:65536]:
        return Quarantined(str(path), "binary file (NUL bytes)", None, excerpt_of(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Quarantined(str(path), f"not UTF-8 (byte {err.start})", None, excerpt_of(data))


def _sidecar(path: Path) -> tuple[dict, str | None]:
    meta_path = path.with_name(path.name[: -len(path.suffix)] + ".meta.json")
    if not meta_path.exists():
        return {}, None
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        return {}, f"sidecar {meta_path.name} unreadable ({type(err).__name__}); read without metadata"
    if not isinstance(meta, dict):
        return {}, f"sidecar {meta_path.name} is not a JSON object; read without metadata"
    return meta, None


def read_text_file(path: Path) -> Article | Quarantined:
    text = _read_text_file(path)
    if isinstance(text, Quarantined):
        return text
    meta, warn = _sidecar(path)
    stem = path.name[: -len(path.suffix)]
    obj = {**meta, "text": text}
    obj.setdefault("id", stem)
    if obj.get("id") in (None, ""):
        obj["id"] = stem
    art = article_from_record(obj, str(path), default_id=stem)
    if warn and isinstance(art, Article):
        art.extra.setdefault("warnings", []).append(warn)
    return art


def read_html_file(path: Path) -> Article | Quarantined:
    html = _read_text_file(path)
    if isinstance(html, Quarantined):
        return html
    meta, warn = _sidecar(path)
    meta.setdefault("id", path.name[: -len(path.suffix)])
    art = article_from_html(html, str(path), meta)
    if warn and isinstance(art, Article):
        art.extra.setdefault("warnings", []).append(warn)
    return art


def read_jsonl(path: Path) -> Iterator[Article | Quarantined]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        fh = opener(path, "rb")
    except OSError as err:
        yield Quarantined(str(path), f"cannot read file: {err.strerror or err}")
        return
    with fh:
        yield from read_jsonl_stream(fh, str(path))


def _is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def _input_files(folder: Path) -> list[Path]:
    out = []
    for p in sorted(folder.rglob("*")):
        name = p.name.lower()
        if not p.is_file() or name.startswith(".") or name.endswith(".meta.json"):
            continue
        if name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES) or _is_jsonl(p):
            out.append(p)
    return out


def read_path(path: Path) -> Iterator[Article | Quarantined]:
    name = path.name.lower()
    if path.is_dir():
        for p in _input_files(path):
            yield from read_path(p)
    elif _is_jsonl(path):
        yield from read_jsonl(path)
    elif name.endswith(HTML_SUFFIXES):
        yield read_html_file(path)
    elif name.endswith(TEXT_SUFFIXES) or "." not in name:
        yield read_text_file(path)
    else:
        yield Quarantined(str(path), f"unsupported file type {path.suffix!r} (use .jsonl, .txt or .html)")


def read_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[Article | Quarantined]:
    """Every article in the inputs, in a stable order; bad ones come out as Quarantined.

    A missing path is a usage error (nothing can run), raised before anything is read."""
    resolved = [Path(p) for p in paths]
    for p in resolved:
        if str(p) == "-":
            continue
        if not p.exists():
            raise errors.input_missing(str(p))
    for p in resolved:
        if str(p) == "-":
            import sys

            yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>")
        else:
            yield from read_path(p)


def read_jsonl_stream(stream: io.BufferedIOBase, name: str) -> Iterator[Article | Quarantined]:
    """Articles from a JSONL byte stream (a file, a .gz, stdin), one Quarantined per bad line;
    a line is never held whole beyond max_bytes()."""
    limit = max_bytes()
    lineno = 0
    while True:
        try:
            raw = stream.readline(limit + 1)
        except (OSError, EOFError, gzip.BadGzipFile) as err:
            yield Quarantined(f"{name}:{lineno + 1}", f"file unreadable from here on: {err}")
            return
        if not raw:
            return
        lineno += 1
        origin = f"{name}:{lineno}"
        if len(raw) > limit:
            # Skip the rest of an over-long line without holding it in memory.
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(1 << 20)
            yield Quarantined(origin, f"line too large (> {limit:,} bytes)")
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield Quarantined(origin, f"not UTF-8 (byte {err.start})", None, excerpt_of(raw))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Quarantined(origin, f"invalid JSON: {err.msg} at column {err.colno}", None, excerpt_of(line))
            continue
        except RecursionError:
            yield Quarantined(origin, "invalid JSON: nested too deeply", None, excerpt_of(line))
            continue
        yield article_from_record(obj, origin)
