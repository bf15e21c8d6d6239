"""Serving to a team, in Debian's Chromium against a real OpenID Connect provider (oidc-provider-mock,
started here on 127.0.0.1) and `python -m dashboard.serve` behind a base path: a shared link opened
signed out shows a sign-in page and no data (page and websocket frames), signing in opens exactly that
view, someone not on the list is refused, signing out works, and no secret shows up anywhere."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.store import Store
from tests.e2e.conftest import build_store
from tests.signin_kit import (
    CLIENT_SECRET,
    COOKIE_SECRET,
    TIMEOUT_MS,
    loopback_only,
    oidc_provider,
    serve,
    sign_in,
    stop_dashboard,
)

pytestmark = pytest.mark.e2e
ALLOWED = "ana@example.org,@team.example.org"
# Strings that only the store's data puts on a page: counts, names of the pair, evidence, titles.
DATA = ("articles ·", "South Korea and China", "state visit to China", "Hostile title", "Link to this view",
        "Reuters", "Yonhap")
SECRETS = (CLIENT_SECRET, COOKIE_SECRET)


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    from tests.browser_kit import require_chromium

    require_chromium()
    tmp = tmp_path_factory.mktemp("sign_in")
    store = build_store(tmp / "store")
    with oidc_provider(tmp) as issuer:
        app = serve(store, tmp, issuer, ALLOWED, base_path="dyad")
        app.version = Store(store).version
        try:
            yield app
        finally:
            stop_dashboard(app.proc)


class Tab:
    """A fresh browser context that records every URL, redirect target and websocket frame it sees."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        loopback_only(self.context)
        self.page = self.context.new_page()
        self.urls: list[str] = []
        self.frames: list[bytes] = []
        self.page.on("request", lambda r: self.urls.append(r.url))
        self.page.on("response", lambda r: self.urls.append(r.headers.get("location", "")))
        self.page.on("websocket", self._ws)

    def _ws(self, ws) -> None:
        for event in ("framereceived", "framesent"):
            ws.on(event, lambda payload: self.frames.append(payload if isinstance(payload, bytes)
                                                            else str(payload).encode()))

    def ready(self, selector: str) -> None:
        self.page.wait_for_selector(selector, timeout=TIMEOUT_MS)
        self.page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                    timeout=TIMEOUT_MS)
        self.page.wait_for_timeout(500)

    def seen(self) -> bytes:
        return b"\n".join([self.page.content().encode(), *self.frames, *(u.encode() for u in self.urls)])

    def no_data(self) -> None:
        body = self.page.inner_text("body")
        everything = self.seen()
        assert any(b"Sign in" in f or b"may not see" in f for f in self.frames), "no websocket frames captured"
        for text in DATA:
            assert text not in body, text
            assert text.encode() not in everything, f"{text!r} reached the browser"
        assert self.page.locator(".js-plotly-plot, [data-testid='stDataFrame'], "
                                 "[data-testid='stDownloadButton']").count() == 0

    def no_secret(self, team) -> None:
        everything = self.seen() + team.logs().encode()
        for secret in SECRETS:
            assert secret.encode() not in everything, "a secret reached a URL, a page, a frame or a log"

    def url(self) -> str:
        return self.page.evaluate("location.href")

    def close(self) -> None:
        self.context.close()


def _link(team) -> str:
    return f"{team.url}/pair?pair=KOR-CHN&unit=reports&statuses=planned&v={team.version}"


def test_a_shared_link_signed_out_then_signed_in_opens_that_view_and_signing_out_works(browser, team):
    tab = Tab(browser)
    try:
        tab.page.goto(_link(team))
        tab.ready('button:has-text("Sign in")')
        tab.no_data()
        assert "pair=KOR-CHN" in tab.url()                     # the link is left as it came
        sign_in(tab.page, "ana@example.org")
        tab.ready('h3:has-text("Records")')                    # back on the link's own page, drawn to its end
        parts = urlsplit(tab.url())
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        assert parts.path == "/dyad/pair"
        assert query == {"pair": "KOR-CHN", "unit": "reports", "statuses": "planned", "v": str(team.version)}
        main = tab.page.locator('[data-testid="stMain"]').inner_text()
        assert "2 reports" in main and "state visit to China" in main
        sidebar = tab.page.locator('[data-testid="stSidebar"]').inner_text()
        assert "Signed in as ana@example.org" in sidebar and "articles ·" in sidebar
        # "Link to this view" starts with the public address and base path, and names the version
        link = tab.page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text()
        assert link.startswith(f"{team.url}/pair?") and f"v={team.version}" in link

        tab.page.get_by_role("button", name="Sign out").click()
        end = tab.page.get_by_role("button", name="End session")   # the provider's own sign-out page
        end.wait_for(timeout=TIMEOUT_MS)
        end.click()
        tab.ready('button:has-text("Sign in")')
        assert not [c for c in tab.context.cookies() if c["name"].startswith("_streamlit_user")]
        tab.frames.clear()
        tab.page.goto(_link(team))                           # the link again, signed out
        tab.ready('button:has-text("Sign in")')
        tab.no_data()
        tab.no_secret(team)
    finally:
        tab.close()


def test_someone_not_on_the_list_is_refused(browser, team):
    tab = Tab(browser)
    try:
        tab.page.goto(_link(team))
        tab.ready('button:has-text("Sign in")')
        sign_in(tab.page, "eve@elsewhere.example")
        tab.ready('text=may not see this dashboard')
        body = tab.page.inner_text("body")
        assert "eve@elsewhere.example" in body
        tab.no_data()
        tab.page.goto(f"{team.url}/records?q=visit")         # no other page lets data through either
        tab.ready('text=may not see this dashboard')
        tab.no_data()
        tab.no_secret(team)
    finally:
        tab.close()


def test_the_server_refuses_the_agent_side_door(team):
    """Streamlit's HTTP agent API would drive the app without a browser: off when serving."""
    import json
    import urllib.request

    with urllib.request.urlopen(f"{team.url}/_stcore/agent/openapi.json", timeout=30) as r:
        doc = r.read().decode("utf-8", errors="replace")
    assert re.search(r"(?i)disabled|not enabled|off", doc), doc[:300]
    req = urllib.request.Request(f"{team.url}/_stcore/agent/interact", data=json.dumps({}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, body = r.status, r.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as err:
        status, body = err.code, err.read().decode("utf-8", errors="replace")
    assert status >= 400 and "South Korea" not in body and "articles" not in body
