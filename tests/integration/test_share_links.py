"""Links that keep their numbers (the `v` of a link names the store version it was made from), the CSV
downloads under each chart, and the sign-in gate, under Streamlit's AppTest against a real store.
(AppTest never writes the browser's URL or runs OpenID Connect: tests/e2e/test_sign_in.py does.)"""
from __future__ import annotations

import pytest

from pipeline import store as store_mod
from pipeline.retention import DAY_S
from pipeline.store import Store
from pipeline.synth import write_sample
from tests.apptest_kit import open_app, served_csv, served_file

SECRETS = {"auth": {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "c" * 40,
                    "client_id": "dyad", "client_secret": "s" * 24,
                    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}}
MORE_KOR = [{"record_id": f"more-{i}", "article_id": "more", "kind": "event", "source": "KOR", "target": "JPN",
             "event_type": "CONSULT", "status": "occurred", "date_start": f"2025-{10 + i}-01",
             "date_end": f"2025-{10 + i}-01", "evidence": "Seoul and Tokyo held talks.", "confidence": 0.8,
             "published": "2025-12-02"}
            for i in range(3)]   # three months apart: three events, not one



def _kor(at) -> int:
    return int(at.dataframe[0].value.set_index("country").loc["KOR", "n"])


def _ingest_more(root) -> int:
    s = Store(root)
    s.add_batch([{"id": "more", "title": "Seoul-Tokyo talks", "published": "2025-12-02", "text": "x"}], MORE_KOR, [])
    s.rebuild_events()
    return s.version


@pytest.fixture()
def store(tmp_path):
    write_sample(tmp_path / "s")
    return tmp_path / "s"


def test_a_link_made_before_an_ingest_shows_the_same_numbers_after_it(monkeypatch, store):
    at = open_app(monkeypatch, store)
    link, before = at.code[0].value, _kor(at)
    assert "v=2" in link and before == 6
    latest = _ingest_more(store)
    assert latest == 4
    at = open_app(monkeypatch, store, v="2")                     # the link, opened after the ingest
    assert _kor(at) == before
    notice = " ".join(i.value for i in at.info)
    assert "store version 2" in notice and "Newer data exists (version 4)" in notice
    assert "v=2" in at.code[0].value                           # a link made from it names the same version
    at.button(key="to_latest").click().run()                  # one click to the latest
    assert _kor(at) == before + 3 and not at.info
    assert "v=4" in at.code[0].value and at.query_params["v"] == "4"
    fresh = open_app(monkeypatch, store)                          # no version in the link: the latest
    assert _kor(fresh) == before + 3 and not fresh.info


def test_a_link_to_a_removed_version_says_so_once_and_opens_the_latest(monkeypatch, store):
    _ingest_more(store)
    monkeypatch.setenv("DYAD_KEEP_DAYS", "1")
    clock = store_mod._clock()
    monkeypatch.setattr(store_mod, "_clock", lambda: clock + 2 * DAY_S)
    assert 2 in Store(store).clean_up()["versions"]
    at = open_app(monkeypatch, store, v="2")
    gone = [w.value for w in at.warning]
    assert len(gone) == 1 and "version 2, which is no longer kept" in gone[0] and "version 4" in gone[0]
    assert _kor(at) == 9 and "v=4" in at.code[0].value
    at = open_app(monkeypatch, store, v="99")                     # never a version of this store
    assert len(at.warning) == 1 and _kor(at) == 9


def test_every_chart_downloads_what_it_shows_for_the_link(monkeypatch, store):
    at = open_app(monkeypatch, store, country="KOR", unit="reports")
    totals = served_csv(at.download_button(key="dl_map_countries"))
    assert totals.set_index("country")["n"].to_dict() == at.dataframe[0].value.set_index("country")["n"].to_dict()
    assert "KOR" not in set(totals["country"])                # the focus country's partners, as on the map
    assert served_file(at.download_button(key="dl_map_pairs")).filename == "dyad_map_pairs_v2.csv"
    pairs = served_csv(at.download_button(key="dl_map_pairs"))
    assert set(pairs.columns) >= {"a", "b", "n"} and (pairs["a"].eq("KOR") | pairs["b"].eq("KOR")).all()

    at = open_app(monkeypatch, store, "views/counts.py", granularity="week", types="CONSULT")
    counts = served_csv(at.download_button(key="dl_counts"))
    assert set(counts["event_type"]) == {"CONSULT"} and list(counts.columns) == ["period", "event_type", "n"]
    assert served_csv(at.download_button(key="dl_counts_pairs"))["n"].sum() == counts["n"].sum()

    at = open_app(monkeypatch, store, "views/pair.py", pair="KOR-CHN", unit="reports", statuses="planned")
    timeline = served_csv(at.download_button(key="dl_pair_timeline"))
    assert len(timeline) == 2 and set(timeline["status"]) == {"planned"}

    at = open_app(monkeypatch, store, "views/trade.py", reporter="KOR")
    trade = served_csv(at.download_button(key="dl_trade"))
    shown = next(d.value for d in at.dataframe if "official" in d.value.columns and "reported" in d.value.columns)
    assert trade["partner"].tolist() == shown["partner"].tolist()
    assert trade["official"].tolist() == pytest.approx(shown["official"].tolist())
    chn = trade.set_index("partner").loc["CHN"]
    assert (chn["official"], chn["reported"], chn["n_reports"]) == (24.63, 20.0, 2)   # IMF 2020 beside the news


def test_downloads_are_formula_safe(monkeypatch, tmp_path):
    write_sample(tmp_path / "s", [{"id": "f", "title": "=HYPERLINK(\"http://evil\")", "published": "2025-05-05",
                                   "text": "x"}],
                 [{"record_id": "f-1", "article_id": "f", "kind": "event", "source": "KOR", "target": "CHN",
                   "event_type": "ACCUSE", "status": "occurred", "date_start": "2025-05-04",
                   "evidence": "=cmd|' /C calc'!A0", "confidence": 0.5, "published": "2025-05-05"}])
    at = open_app(monkeypatch, tmp_path / "s", "views/pair.py", pair="KOR-CHN", unit="reports", types="ACCUSE")
    timeline = served_csv(at.download_button(key="dl_pair_timeline"))
    assert timeline["evidence"].tolist() == ["'=cmd|' /C calc'!A0"]


# --- the sign-in gate ------------------------------------------------------------------------------
def _no_data(at) -> None:
    """Nothing from the store on the page: no counts, no chart, no table, no download, no link."""
    captions = " ".join(c.value for c in at.caption)
    assert "articles ·" not in captions and "Link to this view" not in captions
    for kind in ("plotly_chart", "dataframe", "download_button", "code"):
        assert not at.get(kind), kind
    assert not at.selectbox and not at.multiselect


@pytest.fixture()
def signed_in_mode(monkeypatch):
    monkeypatch.setenv("DYAD_SIGN_IN", "1")
    monkeypatch.setenv("DYAD_ALLOWED_USERS", "ana@example.org, @team.example.org")


@pytest.mark.parametrize("page", [None, "views/pair.py", "views/records.py"])
def test_signed_out_sees_a_sign_in_page_and_no_data(monkeypatch, store, signed_in_mode, page):
    at = open_app(monkeypatch, store, page, user={"is_logged_in": False}, secrets=SECRETS, pair="KOR-CHN")
    assert at.title[0].value == "Dyad" and at.button[0].label == "Sign in"
    _no_data(at)
    assert at.query_params["pair"] == "KOR-CHN"               # the link is left as it came


def test_someone_not_on_the_list_is_refused(monkeypatch, store, signed_in_mode):
    at = open_app(monkeypatch, store, user={"is_logged_in": True, "email": "eve@example.com"}, secrets=SECRETS)
    assert "eve@example.com" in at.warning[0].value and "may not see" in at.warning[0].value
    _no_data(at)
    at = open_app(monkeypatch, store, secrets=SECRETS,
               user={"is_logged_in": True, "email": "bob@team.example.org", "email_verified": False})
    assert "may not see" in at.warning[0].value             # on the list, but the provider did not verify it
    _no_data(at)


def test_signed_in_and_allowed_sees_the_dashboard(monkeypatch, store, signed_in_mode):
    for email in ("ana@example.org", "Bob@Team.Example.org"):
        at = open_app(monkeypatch, store, user={"is_logged_in": True, "email": email}, secrets=SECRETS)
        assert at.title[0].value == "Map" and _kor(at) == 6
        assert any(email in c.value for c in at.caption)
        assert at.button(key="sign_out").label == "Sign out"


def test_sign_in_on_without_auth_secrets_fails_closed(monkeypatch, store, signed_in_mode):
    at = open_app(monkeypatch, store, user={"is_logged_in": True, "email": "ana@example.org"})
    assert "no [auth] section" in at.error[0].value
    _no_data(at)


def test_sign_in_off_is_the_local_dashboard(monkeypatch, store):
    monkeypatch.delenv("DYAD_SIGN_IN", raising=False)
    at = open_app(monkeypatch, store, user={"is_logged_in": False})
    assert at.title[0].value == "Map" and _kor(at) == 6
    assert not any("Signed in" in c.value for c in at.caption)


def test_links_start_with_the_public_address_and_base_path(monkeypatch, store):
    monkeypatch.setenv("DYAD_PUBLIC_URL", "https://dyad.example.org/team/")
    at = open_app(monkeypatch, store)
    assert at.code[0].value == "https://dyad.example.org/team/?v=2"
    at = open_app(monkeypatch, store, "views/pair.py", pair="KOR-CHN")
    assert at.code[0].value == "https://dyad.example.org/team/pair?pair=KOR-CHN&v=2"
    monkeypatch.setenv("DYAD_PUBLIC_URL", "dyad.example.org")              # not an address: one line, no crash
    at = open_app(monkeypatch, store)
    assert any("DYAD_PUBLIC_URL" in w.value for w in at.warning) and at.code[0].value.endswith("?v=2")
