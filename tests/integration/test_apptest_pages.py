"""Every dashboard page runs under Streamlit's AppTest against a small real store, opened plainly
and from a shared link; bad links warn and fall back; widget changes land in the URL."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.synth import write_sample
from tests.apptest_kit import open_app, served_csv

PAGES = ["views/map.py", "views/pair.py", "views/trade.py", "views/counts.py", "views/records.py"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("dash_store")
    write_sample(root)
    return root



@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(monkeypatch, store, page):
    at = open_app(monkeypatch, store, page)
    assert at.title and not at.warning and not at.link_warnings
    assert "Link to this view" in [c.value for c in at.caption]


def test_map_lists_countries_with_counts(monkeypatch, store):
    at = open_app(monkeypatch, store)
    assert at.title[0].value == "Map"
    table = at.dataframe[0].value
    assert table.set_index("country").loc["KOR", "n"] == 6


def test_pair_view_restored_from_shared_link(monkeypatch, store):
    at = open_app(monkeypatch, store, "views/pair.py", pair="KOR-CHN", unit="reports", statuses="planned",
               start="2025-01-01", end="2026-12-31", types="CONSULT")
    assert (at.selectbox(key="w_pair_a").value, at.selectbox(key="w_pair_b").value) == ("KOR", "CHN")
    assert at.radio(key="w_unit").value == "reports"
    assert at.multiselect(key="w_statuses").value == ["planned"]
    assert at.multiselect(key="w_types").value == ["CONSULT"]
    assert at.date_input(key="w_start").value == date(2025, 1, 1)
    assert "South Korea and China" in [s.value for s in at.subheader]
    assert "2 reports" in " ".join(c.value for c in at.caption)
    # the URL still says the same thing after the run
    assert at.query_params["pair"] == "KOR-CHN" and at.query_params["unit"] == "reports"


def test_bad_link_warns_and_falls_back(monkeypatch, store):
    at = open_app(monkeypatch, store, None, country="ZZZ", start="2025-13-45", granularity="hour",
               types="AGREE'); DROP TABLE records; --", q="x" * 5000, pair="KOR-KOR")
    texts = " ".join(at.link_warnings)
    assert len(at.link_warnings) == 6 and "country" in texts and "granularity" in texts
    assert at.selectbox(key="w_country").value is None
    assert "country" not in at.query_params and "q" not in at.query_params
    assert at.title[0].value == "Map"


def test_reversed_date_range_in_link(monkeypatch, store):
    at = open_app(monkeypatch, store, "views/counts.py", start="2026-01-01", end="2025-01-01")
    assert any("ends before it starts" in w for w in at.link_warnings)
    assert at.date_input(key="w_start").value is None


def test_widget_change_updates_url(monkeypatch, store):
    at = open_app(monkeypatch, store, "views/counts.py")
    at.radio(key="w_granularity").set_value("week").run()
    at.selectbox(key="w_country").set_value("KOR").run()
    assert at.query_params["granularity"] == "week" and at.query_params["country"] == "KOR"
    link = at.code[0].value
    assert "granularity=week" in link and "country=KOR" in link


def test_map_click_focuses_the_app(monkeypatch, store):
    at = open_app(monkeypatch, store)
    at.session_state["map_select"] = {"selection": {"points": [{"customdata": "CHN", "location": "CHN"}],
                                                    "point_indices": [1], "box": [], "lasso": []}}
    at.run()
    assert not at.exception
    assert at.selectbox(key="w_country").value == "CHN" and at.query_params["country"] == "CHN"
    assert "China" in at.title[0].value


def test_trade_page_shows_every_report(monkeypatch, store):
    at = open_app(monkeypatch, store, "views/trade.py", reporter="KOR")
    table = next(d.value for d in at.dataframe if "official_note" in d.value.columns)   # every reported figure
    assert sorted(table[(table.partner == "CHN") & (table.indicator == "trade_share")]["value"]) == [20.0, 24.0]


def test_records_search_and_csv(monkeypatch, store):
    at = open_app(monkeypatch, store, "views/records.py", q="state visit")
    assert len(at.dataframe[0].value) == 2
    assert "2 records match" in " ".join(c.value for c in at.caption)
    assert not at.get("download_button")                     # the CSV is made when asked
    at.button(key="prepare_records_csv").click().run()
    csv = served_csv(at.download_button(key="dl_records"))
    assert len(csv) == 2 and csv["evidence"].str.contains("state visit").all()
    at.text_input(key="w_q").set_value("trade").run()        # other filters: the old file is not offered
    assert not at.get("download_button")


def test_empty_store_says_how_to_add_articles(monkeypatch, tmp_path):
    at = open_app(monkeypatch, tmp_path / "nothing_yet")
    assert any("python -m pipeline ingest PATH" in i.value for i in at.info)
