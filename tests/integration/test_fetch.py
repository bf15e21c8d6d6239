"""Feeds and URLs, offline: a local http.server on 127.0.0.1 serves pages, a feed and robots.txt
built here in the test; checks schemes, robots, size limit, redirects, the polite rate and the store."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from pipeline.errors import DyadError
from pipeline.fetch import (
    Fetcher,
    FetchError,
    check_url,
    fetch_feed_articles,
    fetch_url_list_articles,
    url_article_id,
)
from pipeline.ingest import Quarantined
from pipeline.schema import Article
from pipeline.store import Store


def _page(title: str, sentences: list[str]) -> bytes:
    paras = "".join(f"<p>{s}</p>" for s in sentences)
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Business</nav>"
            f"<article><h1>{title}</h1>{paras}</article><footer>(c) Example News</footer></body></html>").encode()


PAGE_1 = _page("Seoul seeks to restore ties with Beijing", [
    "South Korean President Lee Jae Myung will visit China from January 4 to 7, the presidential office said.",
    "The trip is the first by a South Korean leader to Beijing in six years, officials told reporters on Tuesday.",
    "China is South Korea's largest trading partner and accounts for about a fifth of its trade.",
])
PAGE_2 = _page("Tokyo protests over patrol boats", [
    "Japan lodged a formal protest with China on Monday over coast guard ships near disputed islands.",
    "The foreign ministry in Tokyo said the vessels had entered the contiguous zone for a third day running.",
    "Beijing rejected the complaint and said the waters were Chinese territory, a spokesman told a briefing.",
])


def _feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>{d}</pubDate><guid>{base}{p}</guid></item>"
        for t, p, d in [
            ("Seoul seeks to restore ties", "/news/1", "Tue, 30 Dec 2025 08:00:00 GMT"),
            ("Tokyo protests", "/news/2?utm_source=rss", "Mon, 05 Jan 2026 09:30:00 GMT"),
            ("Members only", "/private/3", "Mon, 05 Jan 2026 10:00:00 GMT"),
            ("Same page again", "/news/1?utm_medium=feed", "Tue, 30 Dec 2025 08:00:00 GMT"),
        ])
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
            f"<link>{base}/</link><description>test feed</description>{items}</channel></rss>").encode()


class _Site:
    """Routes -> (status, content type, body, extra headers); every request is logged with its time."""

    def __init__(self):
        self.log: list[tuple[float, str]] = []
        self.routes: dict[str, tuple[int, str, bytes, dict]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                site.log.append((time.monotonic(), self.path))
                status, ctype, body, headers = site.routes.get(self.path.split("?")[0],
                                                               (404, "text/plain", b"not found", {}))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def paths(self) -> list[str]:
        return [p for _, p in self.log]


@pytest.fixture()
def site():
    s = _Site()
    html = "text/html; charset=utf-8"
    s.routes.update({
        "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n", {}),
        "/feed.xml": (200, "application/rss+xml", _feed(s.base), {}),
        "/news/1": (200, html, PAGE_1, {}),
        "/news/2": (200, html, PAGE_2, {}),
        "/private/3": (200, html, PAGE_2, {}),
        "/big": (200, html, b"<html><body>" + b"x" * 300_000 + b"</body></html>", {}),
        "/to-ftp": (302, "text/plain", b"", {"Location": "ftp://127.0.0.1/file"}),
        "/to-news": (301, "text/plain", b"", {"Location": "/news/2"}),
        "/image": (200, "image/png", b"\x89PNG....", {}),
    })
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


class FakeClock:
    """Time that only moves when the fetcher sleeps: the polite rate checked without waiting."""

    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _fast_fetcher(**kw) -> tuple[Fetcher, FakeClock]:
    fc = FakeClock()
    return Fetcher(timeout=5, clock=fc.clock, sleep=fc.sleep, **kw), fc


def fake_extract(article: Article):
    return SimpleNamespace(article=article, records=[])


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "ftp://host/x", "/news/1",
                                 "data:text/html,<p>x</p>", "http://"])
def test_only_http_urls_are_fetched(url):
    with pytest.raises(FetchError):
        check_url(url)
    assert check_url(" https://example.org/a ") == "https://example.org/a"


def test_feed_pages_robots_and_duplicates(site):
    fetcher, fc = _fast_fetcher()
    items = list(fetch_feed_articles(site.base + "/feed.xml", fetcher=fetcher))
    arts = [i for i in items if isinstance(i, Article)]
    quarantined = [i for i in items if isinstance(i, Quarantined)]
    assert [a.url for a in arts] == [site.base + "/news/1", site.base + "/news/2?utm_source=rss"]
    assert "Lee Jae Myung" in arts[0].text and "coast guard" in arts[1].text
    assert str(arts[0].published) == "2025-12-30" and arts[0].source == "Example News"
    assert arts[0].id == url_article_id(site.base + "/news/1")
    assert len(quarantined) == 1 and "robots.txt" in quarantined[0].reason
    # The same page under a tracking parameter is not fetched twice; /private/ never at all.
    assert sorted(site.paths()) == ["/feed.xml", "/news/1", "/news/2?utm_source=rss", "/robots.txt"]
    # One host: every request after the first waited its turn (fake time, >= 1 s apart).
    assert len(fc.sleeps) == 3 and all(s >= 1.0 for s in fc.sleeps)


def test_polite_rate_in_real_time(site):
    fetcher = Fetcher(timeout=5, respect_robots=False)
    for path in ("/news/1", "/news/2"):
        fetcher.get(site.base + path)
    (t1, _), (t2, _) = site.log
    assert t2 - t1 >= 0.95


def test_size_limit_redirects_and_content_type(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([f"{site.base}/big", f"{site.base}/to-ftp", f"{site.base}/to-news",
                               f"{site.base}/image", "file:///etc/passwd", "# a comment", "",
                               f"{site.base}/missing"]) + "\n")
    fetcher, _ = _fast_fetcher(max_bytes=100_000)
    items = list(fetch_url_list_articles(str(urls), fetcher=fetcher))
    reasons = [i.reason if isinstance(i, Quarantined) else "ok" for i in items]
    assert len(items) == 6
    assert "larger than" in reasons[0]
    assert "unsafe redirect" in reasons[1]
    assert reasons[2] == "ok" and "coast guard" in items[2].text  # a same-site redirect is followed
    assert "not an HTML page" in reasons[3]
    assert "http(s)" in reasons[4]
    assert "HTTP 404" in reasons[5]


def test_fetched_pages_go_into_the_store_once(site, tmp_path):
    from pipeline.load import ingest

    store = Store(tmp_path / "store")
    fetcher, _ = _fast_fetcher()
    s1 = ingest(store, fetch_feed_articles(site.base + "/feed.xml", fetcher=fetcher), func=fake_extract)
    assert (s1.new, s1.quarantined) == (2, 1)
    n_requests = len(site.log)
    fetcher, _ = _fast_fetcher()
    known = store.known_article_keys()
    s2 = ingest(store, fetch_feed_articles(site.base + "/feed.xml", fetcher=fetcher, known=known),
                func=fake_extract)
    assert s2.new == 0 and store.stats()["articles"] == 2
    assert [p for _, p in site.log[n_requests:] if p.startswith("/news/")] == [], "stored pages are not refetched"


def test_bad_feed_url_is_one_line_error(site):
    with pytest.raises(DyadError) as exc:
        list(fetch_feed_articles("file:///etc/hosts"))
    assert exc.value.code == "E020"
    fetcher, _ = _fast_fetcher()
    with pytest.raises(DyadError):
        list(fetch_feed_articles(site.base + "/missing.xml", fetcher=fetcher))


def test_fetch_command_end_to_end(site, tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    store = tmp_path / "store"
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.base}/news/1\n{site.base}/news/2\nfile:///etc/passwd\n")
    cmd = [sys.executable, "-m", "pipeline", "fetch", "--urls", str(urls), "--store", str(store)]
    run = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "2 new" in run.stderr and "1 quarantined" in run.stderr
    stats = subprocess.run([sys.executable, "-m", "pipeline", "stats", "--store", str(store), "--json"],
                           cwd=root, env=env, capture_output=True, text=True, timeout=60)
    st = json.loads(stats.stdout)
    assert st["articles"] == 2 and st["quarantined"] == 1 and st["records"]["event"] >= 1
    bad = subprocess.run([sys.executable, "-m", "pipeline", "fetch", "--feed", "javascript:alert(1)",
                          "--store", str(store)], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "E020" in bad.stderr and bad.stderr.count("\n") == 1


def test_forbidden_robots_txt_means_keep_out(site):
    site.routes["/robots.txt"] = (403, "text/plain", b"forbidden", {})
    fetcher, _ = _fast_fetcher()
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.get(site.base + "/news/1")
