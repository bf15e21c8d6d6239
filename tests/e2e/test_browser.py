"""The dashboard in a real browser (Debian Chromium): a shared link restores the view, the map
draws its country shapes from the local topojson, nothing is fetched from outside 127.0.0.1, and
hostile article text is shown as text, never run."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import HOSTILE_TITLE

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 120_000   # generous: the suite may share two cores with other work


def _wait_ready(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT_MS)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS)


def _offsite(urls: list[str]) -> list[str]:
    return [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).hostname != "127.0.0.1"]


def test_shared_link_restores_view_and_map_draws_offline(server, page):
    page.goto(f"{server}/?country=KOR&metric=net&unit=reports&types=CONSULT,AGREE&start=2025-01-01")
    page.wait_for_selector("path.choroplethlocation", timeout=TIMEOUT_MS)
    _wait_ready(page)
    # the country shapes come from dashboard/static, served by Streamlit itself
    assert page.locator("path.choroplethlocation").count() >= 1     # China, the one partner left
    assert any(u.endswith("/app/static/world_50m.json") for u in page.requests)
    # widgets show the state the link describes
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.locator('[data-testid="stSelectbox"] input').first.input_value() == "South Korea (KOR)"
    assert sidebar.locator('[data-testid="stDateInput"] input').first.input_value() == "2025-01-01"
    chips = sidebar.locator('[data-testid="stMultiSelect"]').inner_text()
    assert "AGREE" in chips and "CONSULT" in chips
    assert page.get_by_role("radio", name="net cooperation − conflict").is_checked()
    assert page.get_by_role("radio", name="reports (records)").is_checked()
    # the address bar still holds the whole view
    for part in ("country=KOR", "metric=net", "unit=reports", "start=2025-01-01"):
        assert part in _url(page)
    assert _offsite(page.requests) == [], _offsite(page.requests)


def test_pair_link_and_hostile_text_stays_text(server, page):
    page.goto(f"{server}/pair?pair=KOR-CHN")
    page.get_by_text("Hostile title").first.wait_for(timeout=TIMEOUT_MS)
    _wait_ready(page)
    pair_inputs = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input')
    assert [pair_inputs.nth(0).input_value(), pair_inputs.nth(1).input_value()] == [
        "South Korea (KOR)", "China (CHN)"]
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert HOSTILE_TITLE in body                       # the title is printed, tags and all
    assert "onerror" in body and "javascript:window" in body
    assert page.evaluate("window.__dyad_pwned") is None
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.locator("img[onerror]").count() == 0
    assert page.locator("script:has-text('__dyad_pwned')").count() == 0
    assert "pair=KOR-CHN" in _url(page)
    assert _offsite(page.requests) == [], _offsite(page.requests)


def test_bad_link_warns_and_page_still_works(server, page):
    page.goto(f"{server}/counts?country=ZZZ&start=2026-01-01&end=2025-01-01&granularity=%27%3B%20DROP")
    page.wait_for_selector('[data-testid="stAlert"]', timeout=TIMEOUT_MS)
    _wait_ready(page)
    alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
    text = " ".join(alerts)
    assert "country" in text and "granularity" in text and "ends before it starts" in text
    # the bad values are dropped from the address bar once the run ends
    page.wait_for_function("() => !location.search.includes('country=')", timeout=TIMEOUT_MS)
    assert "granularity=" not in _url(page) and "start=" not in _url(page)
    page.wait_for_selector(".js-plotly-plot", timeout=TIMEOUT_MS)    # the page went on to draw its charts
    assert page.get_by_role("heading", name="Event counts").count() == 1


_POINTS_IN_COUNTRIES = """() => { const out = [];
  for (const p of document.querySelectorAll('path.choroplethlocation')) {
    const r = p.getBoundingClientRect(), m = p.getScreenCTM().inverse();
    for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
      const x = r.left + r.width * i / 12, y = r.top + r.height * j / 12;
      if (p.isPointInFill(new DOMPoint(x, y).matrixTransform(m))) out.push([x, y]);
    }
  }
  return out; }"""


def _url(page) -> str:
    # Streamlit rewrites the query with history.replaceState, which page.url does not always follow.
    return page.evaluate("location.href")


def test_clicking_a_country_focuses_the_app(server, page):
    page.goto(f"{server}/")
    page.wait_for_selector("path.choroplethlocation", timeout=TIMEOUT_MS)
    _wait_ready(page)
    assert "country=" not in _url(page)
    # Plotly's drag layer sits above the shapes, so find a point inside a country whose hover
    # label is the country's (not an arc's) and click there, as a user would.
    for x, y in page.evaluate(_POINTS_IN_COUNTRIES)[::5]:
        page.mouse.move(x, y)
        label = page.locator(".hoverlayer").text_content() or ""
        match = re.search(r"\(([A-Z]{3})\)", label)
        if match:
            break
    assert match, "no point inside a country found"
    code = match.group(1)
    page.mouse.click(x, y)
    page.wait_for_function(f"() => location.search.includes('country={code}')", timeout=TIMEOUT_MS)
    page.wait_for_function(f"() => document.querySelector('h1') && document.querySelector('h1').innerText.includes('({code})')",
                           timeout=TIMEOUT_MS)
    sidebar_value = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first.input_value()
    assert sidebar_value.endswith(f"({code})")


def test_records_csv_download_is_the_filtered_set(server, page):
    page.goto(f"{server}/records?q=state%20visit")
    prepare = page.get_by_role("button", name=re.compile(r"^Prepare the CSV of \d+ records"))
    prepare.wait_for(timeout=TIMEOUT_MS)
    _wait_ready(page)
    prepare.click()
    button = page.get_by_role("button", name=re.compile(r"^Download \d+ records as CSV"))
    button.wait_for(timeout=TIMEOUT_MS)
    _wait_ready(page)
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        button.click()
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0].startswith("published,kind,source,target")
    assert len(lines) == 3 and all("state visit" in line for line in lines[1:])
