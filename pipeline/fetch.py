"""Feeds and URLs -> Articles: RSS/Atom via feedparser, pages via urllib (http(s) only, timeouts,
a size limit, >= 1 s between requests to one host, robots.txt honoured), text via ingest's HTML path."""
from __future__ import annotations

import hashlib
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

from pipeline import errors
from pipeline.ingest import article_key, normalise_url

USER_AGENT = "DyadBot/0.1 (+https://github.com/dyad; news research)"
MAX_PAGE_BYTES = 5 * 1024 * 1024
MIN_DELAY_S = 1.0
ALLOWED_SCHEMES = ("http", "https")
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


class FetchError(Exception):
    """One URL could not be fetched; the reason goes to quarantine, the run goes on."""

    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.status = status


def check_url(url: str) -> str:
    """The URL stripped, if it is an absolute http(s) URL with a host; else FetchError."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(f"only http(s) URLs are fetched, not {parts.scheme or 'a relative URL'}:")
    if not parts.hostname:
        raise FetchError("URL has no host")
    return url


def url_article_id(url: str) -> str:
    """Pages are identified by their normalised URL, so http/https, www. or utm_ variants are one article."""
    return "url-" + hashlib.sha1(normalise_url(url).encode("utf-8")).hexdigest()[:16]


class _NoUnsafeRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a redirect to ftp:; a page may only send us to another http(s) URL."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        try:
            check_url(urljoin(req.full_url, newurl))
        except FetchError as err:
            raise urllib.error.HTTPError(newurl, code, f"unsafe redirect: {err}", headers, fp) from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class Fetcher:
    """HTTP GET with a per-host pause, a byte limit and robots.txt; clock and sleep are injectable."""
    timeout: float = 20.0
    delay: float = MIN_DELAY_S
    max_bytes: int = MAX_PAGE_BYTES
    respect_robots: bool = True
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.delay = max(MIN_DELAY_S, float(self.delay))
        self._opener = urllib.request.build_opener(_NoUnsafeRedirects())

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            gap = self.clock() - last
            if gap < self.delay:
                self.sleep(self.delay - gap)
        self._last[host] = self.clock()

    def _raw_get(self, url: str) -> tuple[bytes, str, str | None, str]:
        url = check_url(url)
        host = (urlsplit(url).hostname or "").lower()
        self._wait_turn(host)
        req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise FetchError(f"page larger than {self.max_bytes:,} bytes")
                body = resp.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    raise FetchError(f"page larger than {self.max_bytes:,} bytes")
                ctype = resp.headers.get_content_type() if resp.headers.get("Content-Type") else ""
                return body, ctype, resp.headers.get_content_charset(), resp.geturl()
        except urllib.error.HTTPError as err:
            raise FetchError(f"HTTP {err.code} {err.reason}", err.code) from None
        except urllib.error.URLError as err:
            raise FetchError(f"unreachable: {err.reason}") from None
        except TimeoutError:
            raise FetchError(f"timed out after {self.timeout:g} s") from None
        except OSError as err:
            raise FetchError(f"network error: {err}") from None

    def allowed(self, url: str) -> bool:
        if not self.respect_robots:
            return True
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                body, _, charset, _ = self._raw_get(base + "/robots.txt")
                parser.parse(body.decode(charset or "utf-8", "replace").splitlines())
            except FetchError as err:
                if err.status in (401, 403):  # robots.txt itself refused: take it as "keep out"
                    parser.parse(["User-agent: *", "Disallow: /"])
                else:
                    parser = None  # no robots.txt (or unreachable): nothing is disallowed
            self._robots[base] = parser
        parser = self._robots[base]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    def get(self, url: str) -> tuple[bytes, str, str | None, str]:
        """(body, content type, charset, final URL) or FetchError."""
        url = check_url(url)
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        return self._raw_get(url)


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return date(t.tm_year, t.tm_mon, t.tm_mday)
    return None


def page_article(fetcher: Fetcher, url: str, meta: dict | None = None):
    """One web page -> Article, or Quarantined with the reason it could not be read."""
    from pipeline.ingest import Quarantined, article_from_html

    meta = dict(meta or {})
    try:
        body, ctype, charset, final = fetcher.get(url)
    except FetchError as err:
        return Quarantined(url, str(err), url_article_id(url) if url.startswith("http") else None)
    if ctype not in HTML_TYPES:
        return Quarantined(url, f"not an HTML page ({ctype})", url_article_id(url))
    html = body.decode(charset or "utf-8", "replace")
    meta.setdefault("url", url)
    meta.setdefault("id", url_article_id(url))
    if final != url:
        meta["final_url"] = final
    return article_from_html(html, origin=url, meta=meta)


def urls_of_feed(fetcher: Fetcher, feed_url: str) -> list[tuple[str, dict]]:
    """(link, metadata) for every entry of an RSS/Atom feed."""
    import feedparser

    try:
        body, _, _, _ = fetcher.get(feed_url)
    except FetchError as err:
        raise errors.fetch_refused(feed_url, str(err)) from None
    feed = feedparser.parse(body)
    if feed.bozo and not feed.entries:
        raise errors.fetch_refused(feed_url, f"not an RSS/Atom feed ({type(feed.bozo_exception).__name__})")
    outlet = (feed.feed.get("title") or urlsplit(feed_url).hostname or "").strip() or None
    out = []
    for entry in feed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        link = urljoin(feed_url, link)
        meta = {"title": (entry.get("title") or "").strip() or None, "source": outlet}
        published = _entry_date(entry)
        if published:
            meta["published"] = published.isoformat()
        out.append((link, {k: v for k, v in meta.items() if v}))
    return out


def fetch_pages(links: Iterable[tuple[str, dict]], fetcher: Fetcher, known: set[str] | None = None) -> Iterator:
    """Articles (or Quarantined) for the links not yet in `known` (article keys), fetched politely."""
    from pipeline.ingest import Quarantined

    seen = set(known or ())
    for link, meta in links:
        try:
            link = check_url(link)
        except FetchError as err:
            yield Quarantined(link, str(err), None, link[:200])
            continue
        key = article_key(url_article_id(link), link, None)
        if key in seen:
            continue  # already stored: do not fetch it again
        seen.add(key)
        yield page_article(fetcher, link, meta)


def fetch_feed_articles(feed_url: str, timeout: float = 20.0, delay: float = MIN_DELAY_S,
                        known: set[str] | None = None, fetcher: Fetcher | None = None) -> Iterator:
    try:
        check_url(feed_url)
    except FetchError as err:
        raise errors.fetch_refused(feed_url, str(err)) from None
    fetcher = fetcher or Fetcher(timeout=timeout, delay=delay)
    return fetch_pages(urls_of_feed(fetcher, feed_url), fetcher, known)


def read_url_list(path: str) -> list[tuple[str, dict]]:
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as err:
        raise errors.input_missing(path) from err
    return [(s, {}) for s in (ln.strip() for ln in lines) if s and not s.startswith("#")]


def fetch_url_list_articles(path: str, timeout: float = 20.0, delay: float = MIN_DELAY_S,
                            known: set[str] | None = None, fetcher: Fetcher | None = None) -> Iterator:
    fetcher = fetcher or Fetcher(timeout=timeout, delay=delay)
    return fetch_pages(read_url_list(path), fetcher, known)
