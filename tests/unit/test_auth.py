"""Who may see data when signing in is on (the allow-list rule), what the gate needs from the secrets,
the public address links start with, and the `v` of a link."""
from __future__ import annotations

import pytest

from dashboard.auth import auth_problem, is_allowed, parse_allowed
from dashboard.state import compose_link, public_base
from dashboard.urlstate import ViewState, encode_query, parse_query
from pipeline.errors import DyadError

ALLOWED = parse_allowed(" Ana@Example.org, @team.example.org, partner.example.net ,, ")


@pytest.mark.parametrize("email, ok", [
    ("ana@example.org", True), ("ANA@example.ORG", True), ("bob@example.org", False),
    ("bob@team.example.org", True), ("x@partner.example.net", True),
    ("x@sub.team.example.org", False),          # a domain means exactly that domain
    ("team.example.org", False), ("@team.example.org", False), ("a@b@team.example.org", False),
    ("ana@example.org.evil.com", False), ("", False), (None, False), (42, False),
])
def test_allow_list(email, ok):
    assert is_allowed(email, ALLOWED) is ok


def test_unverified_addresses_never_pass_and_star_lets_anyone_in():
    assert not is_allowed("ana@example.org", ALLOWED, email_verified=False)
    assert not is_allowed("ana@example.org", ALLOWED, email_verified="false")
    assert is_allowed("ana@example.org", ALLOWED, email_verified=True)
    anyone = parse_allowed("*")
    assert is_allowed("who@ever.example", anyone) and is_allowed(None, anyone)
    assert not is_allowed("who@ever.example", parse_allowed(""))   # empty list: nobody


def test_what_the_gate_needs_from_the_secrets():
    full = {"redirect_uri": "https://d.example.org/oauth2callback", "cookie_secret": "x" * 32,
            "client_id": "id", "client_secret": "s3cret", "server_metadata_url": "https://idp/.well-known/x"}
    assert auth_problem({"auth": full}) is None
    named = {"redirect_uri": full["redirect_uri"], "cookie_secret": "x" * 32,
             "google": {k: full[k] for k in ("client_id", "client_secret", "server_metadata_url")}}
    assert auth_problem({"auth": named}) is None
    assert "no [auth]" in auth_problem({})
    assert "cookie_secret" in auth_problem({"auth": {**full, "cookie_secret": ""}})
    assert "provider" in auth_problem({"auth": {"redirect_uri": "x", "cookie_secret": "y"}})

    class Broken:
        def get(self, key):
            raise FileNotFoundError("no secrets.toml")
    assert "no [auth]" in auth_problem(Broken())
    secret = "hunter2-not-shown"
    problem = auth_problem({"auth": {**full, "client_secret": secret, "redirect_uri": ""}})
    assert "redirect_uri" in problem and secret not in problem                 # names, never values


def test_links_start_with_the_public_address():
    params = {"pair": "KOR-CHN", "v": "43"}
    assert compose_link("https://dyad.example.org/team/", "http://10.0.0.5:8501/pair", "pair", params) == \
        "https://dyad.example.org/team/pair?pair=KOR-CHN&v=43"
    assert compose_link("https://dyad.example.org", "http://x", "", {"v": "1"}) == "https://dyad.example.org/?v=1"
    assert compose_link("", "http://127.0.0.1:8501/pair", "pair", params) == \
        "http://127.0.0.1:8501/pair?pair=KOR-CHN&v=43"
    for bad in ("dyad.example.org", "ftp://x", "https://", "https://x/?a=1", "javascript:alert(1)"):
        with pytest.raises(DyadError) as err:
            public_base(bad)
        assert err.value.code == "E004" and "DYAD_PUBLIC_URL" in str(err.value)


def test_a_link_carries_its_store_version():
    assert encode_query(ViewState(v=43)) == {"v": "43"}
    assert parse_query({"v": "43"})[0].v == 43
    for bad in ("-1", "4.2", "43a", "٣", "9" * 20, "v43"):
        state, warnings = parse_query({"v": bad})
        assert state.v is None and len(warnings) == 1, bad
