"""Real-browser fixtures: a small store with hostile text, `streamlit run` on a free loopback port,
and Debian's Chromium driven by Playwright (never `playwright install`)."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.synth import write_sample
from tests.browser_kit import (
    free_port,
    require_chromium,
    start_dashboard,
    stop_dashboard,
)

HOSTILE_TITLE = "<script>window.__dyad_pwned=1</script>Hostile title"
HOSTILE_EVIDENCE = "<img src=x onerror=\"window.__dyad_pwned=3\"> Seoul [click](javascript:window.__dyad_pwned=4) talks"
HOSTILE_URL = "javascript:window.__dyad_pwned=2"


def build_store(root: Path) -> Path:
    """The sample store plus one article whose title, link and evidence try to run script."""
    articles = [{"id": "evil", "title": HOSTILE_TITLE, "published": "2025-12-29", "url": HOSTILE_URL,
                 "source": "<b>outlet</b>", "text": "x"}]
    records = [{"record_id": "evil-1", "article_id": "evil", "kind": "event", "source": "KOR", "target": "CHN",
                "event_type": "CONSULT", "status": "occurred", "date_start": "2025-12-28", "date_end": "2025-12-28",
                "evidence": HOSTILE_EVIDENCE, "confidence": 0.5, "published": "2025-12-29"}]
    write_sample(root, articles, records)
    return root


@pytest.fixture(scope="module", params=["open", "signed-in"])
def served(request, tmp_path_factory, browser):
    """The dashboard as `make run` serves it (open), and as `make serve` does (sign-in on, a real
    OpenID Connect provider, the browser signed in as someone on the list): every test runs on both."""
    require_chromium()
    tmp = tmp_path_factory.mktemp("e2e_store")
    store = build_store(tmp / "store")
    if request.param == "open":
        port = free_port()
        proc = start_dashboard(store, port)
        yield f"http://127.0.0.1:{port}", None
        stop_dashboard(proc)
        return
    from tests.signin_kit import oidc_provider, serve, signed_in_state

    with oidc_provider(tmp) as issuer:
        app = serve(store, tmp, issuer, "ana@example.org")
        try:
            yield app.url, signed_in_state(browser, app.url, "ana@example.org")
        finally:
            stop_dashboard(app.proc)


@pytest.fixture(scope="module")
def server(served):
    return served[0]


@pytest.fixture()
def page(browser, served):
    """A fresh page that records every request it makes (to check nothing leaves the machine); signed
    in when the server has sign-in on."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, storage_state=served[1])
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda req: pg.requests.append(req.url))
    yield pg
    context.close()
