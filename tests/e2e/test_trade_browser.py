"""The trade views in a real browser (Debian Chromium) over the seed store, built as `make store` builds
it (`python -m pipeline ingest seeds`): South Korea's partners in 2020 from official data, the
article's "about 20%" drawn beside China's bar with the gap, the source named; and the pair view's
official trade between South Korea and China over the years."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.browser_kit import free_port, require_chromium, start_dashboard, stop_dashboard
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 120_000

# The figures Plotly drew, read from the chart elements themselves (`gd.data` of each plot).
_PLOTS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => (gd.data || []).map(t => ({
    type: t.type, name: t.name, x: Array.from(t.x || []), y: Array.from(t.y || [])})))"""


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory):
    require_chromium()
    store = tmp_path_factory.mktemp("seed_store")
    subprocess.run([sys.executable, "-m", "pipeline", "ingest", "seeds", "--store", str(store), "--no-progress"],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    port = free_port()
    proc = start_dashboard(store, port)
    yield f"http://127.0.0.1:{port}"
    stop_dashboard(proc)


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    pg = context.new_page()
    yield pg
    context.close()


def _ready(page) -> None:
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT_MS)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS)


def test_trade_page_kor_2020_official_beside_reported(seed_server, page):
    page.goto(f"{seed_server}/trade?reporter=KOR&indicator=trade_share&year=2020")
    page.get_by_text("partners' share of total trade, 2020").wait_for(timeout=TIMEOUT_MS)
    _ready(page)
    bars_chart = page.evaluate(_PLOTS)[0]
    bars = next(t for t in bars_chart if t["type"] == "bar")
    reported = next(t for t in bars_chart if t["name"] == "reported in the news")
    # at least five partners from official data, China first at 24.6%
    assert len(bars["x"]) >= 5 and bars["x"][0] == "China"
    assert round(bars["y"][0], 1) == 24.6 and bars["y"] == sorted(bars["y"], reverse=True)
    # the article's "about 20%" on the same axes, at China's bar, with the gap written next to it
    assert reported["x"] == ["China"] and reported["y"] == [20]
    svg = page.locator(".js-plotly-plot").first.locator(".annotation-text").all_text_contents()
    assert "gap -4.63 pp" in svg
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "China: reported 20% (about) · official 24.63% in 2020 (IMF DOTS) · gap -4.63 pp" in main
    # the source of the official numbers and the coverage are named on the page
    assert "Official numbers: IMF DOTS" in main and "latest official year 2020" in main
    # the sentence and its article are a click away
    page.get_by_text("China: reported 20% (about)").first.click()
    page.get_by_text("which accounts for about 20% of South Korea's overall trade").first.wait_for(
        timeout=TIMEOUT_MS)
    assert "year=2020" in page.evaluate("location.href")


def test_pair_view_kor_chn_shows_their_trade_over_the_years(seed_server, page):
    page.goto(f"{seed_server}/pair?pair=KOR-CHN")
    page.get_by_text("Trade between South Korea and China: official statistics").wait_for(timeout=TIMEOUT_MS)
    _ready(page)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=TIMEOUT_MS)
    plots = page.evaluate(_PLOTS)
    trade = next(p for p in plots if any("recorded it" in (t["name"] or "") for t in p))
    names = sorted(t["name"] for t in trade)
    assert names == ["China → South Korea, as China recorded it", "China → South Korea, as South Korea recorded it",
                     "South Korea → China, as China recorded it", "South Korea → China, as South Korea recorded it"]
    own = next(t for t in trade if t["name"] == "South Korea → China, as South Korea recorded it")
    assert own["x"][-1] == 2020 and len(own["x"]) >= 25 and round(own["y"][-1], 1) == 132.6   # US$ bn
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Mirror statistics disagree" in main and "IMF DOTS" in main
    # under the event timeline
    assert main.index("South Korea and China") < main.index("Trade between South Korea and China")
