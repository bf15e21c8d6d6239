"""Who may see the dashboard's data when it is served to a team: Streamlit's own OpenID Connect sign-in
(`st.login`, configured under `[auth]` in the secrets file) plus an allow-list of e-mail addresses and
domains (DYAD_ALLOWED_USERS). Off unless DYAD_SIGN_IN=1, so `make run` stays local and open.

The rule is pure (`parse_allowed`, `is_allowed`) and tested without Streamlit; `require()` is the gate
app.py runs before it reads the store: a session that may not see data gets a page with no data in
it, and the script stops there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline import settings

# The sign-in page remembers the link it was opened with in the tab's sessionStorage (same origin,
# this tab only, never sent to a server); the first signed-in page of the tab opens it again, since
# Streamlit brings everyone back to the app's home page after signing in. Only a path on this site is
# followed ("/..." but not "//host" or "/\host", which browsers read as another site). No "<" in these
# scripts: the page's HTML sanitizer drops a script whose text has "<" before a letter or digit.
_REMEMBER_JS = ("<script>try{sessionStorage.setItem('dyad_next',location.pathname+location.search)}"
                "catch(e){}</script>")
_RESTORE_JS = ("<script>try{const n=sessionStorage.getItem('dyad_next');sessionStorage.removeItem('dyad_next');"
               "if(n&&/^\\/(?![\\/\\\\])/.test(n)&&n.indexOf('\\\\')===-1&&n!==location.pathname+location.search)"
               "{location.replace(n)}}catch(e){}</script>")
_FORGET_JS = "<script>try{sessionStorage.removeItem('dyad_next')}catch(e){}</script>"
_EMAIL = re.compile(r"^[^@\s]+@([^@\s]+)$")


@dataclass(frozen=True, slots=True)
class Allowed:
    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    anyone: bool = False


def parse_allowed(raw: str) -> Allowed:
    """`ana@example.org, @example.org, example.net, *` -> who may see data (case-insensitive)."""
    emails: set[str] = set()
    domains: set[str] = set()
    anyone = False
    for item in (s.strip().lower() for s in (raw or "").split(",")):
        if not item:
            continue
        if item == "*":
            anyone = True
        elif item.startswith("@"):
            domains.add(item[1:])
        elif "@" in item:
            emails.add(item)
        else:
            domains.add(item)
    return Allowed(frozenset(emails), frozenset(domains), anyone)


def is_allowed(email: object, allowed: Allowed, email_verified: object = None) -> bool:
    """Whether a signed-in person may see data. An address the provider says is not verified never
    passes (a provider that does not say is trusted: it is the one the secrets file names)."""
    if email_verified is False or (isinstance(email_verified, str) and email_verified.lower() == "false"):
        return False
    if allowed.anyone:
        return True
    if not isinstance(email, str):
        return False
    email = email.strip().lower()
    m = _EMAIL.match(email)
    if not m:
        return False
    return email in allowed.emails or m.group(1) in allowed.domains


def enabled() -> bool:
    return bool(settings.get("DYAD_SIGN_IN"))


def auth_problem(secrets) -> str | None:
    """What is missing from the `[auth]` secrets for st.login, or None (names only, never values)."""
    try:
        section = secrets.get("auth") if secrets is not None else None
    except Exception:  # no secrets file at all, or one that is not TOML
        section = None
    if not section:
        return "the secrets file has no [auth] section"
    for key in ("redirect_uri", "cookie_secret"):
        if not section.get(key):
            return f"[auth] has no {key}"
    providers = [section] + [v for v in section.values() if hasattr(v, "get")]
    if not any(p.get("client_id") and p.get("server_metadata_url") for p in providers):
        return "[auth] names no provider (client_id, client_secret, server_metadata_url)"
    return None


# --- Streamlit glue -----------------------------------------------------------------------------------
def require(pages) -> dict | None:
    """The gate, run before anything reads the store. With sign-in off: returns None. Else returns
    the signed-in, allowed person ({"email", "name"}), or draws a page without data and stops."""
    import streamlit as st

    if not enabled():
        return None
    problem = auth_problem(st.secrets)
    if problem:
        _closed(pages)
        st.title("Dyad")
        st.error(f"Signing in is on (DYAD_SIGN_IN=1) but {problem}, so no one can sign in. "
                 "See “Serving Dyad to your team” in the README.")
        st.stop()
    user = st.user
    if not user.is_logged_in:
        _closed(pages)
        st.html(_REMEMBER_JS, unsafe_allow_javascript=True)
        st.title("Dyad")
        st.write("Sign in to see the data. A link you were given opens once you are signed in.")
        if st.button("Sign in", type="primary"):
            st.login()
        st.stop()
    email = user.get("email")
    if not is_allowed(email, parse_allowed(settings.get("DYAD_ALLOWED_USERS")), user.get("email_verified")):
        _closed(pages)
        st.html(_FORGET_JS, unsafe_allow_javascript=True)
        st.title("Dyad")
        st.warning(f"You are signed in as {_shown(email)}, which may not see this dashboard's data. "
                   "Ask whoever runs it to add you, or sign in with another account.")
        if st.button("Sign out"):
            st.logout()
        st.stop()
    return {"email": email, "name": user.get("name")}


def restore_link(person: dict | None) -> None:
    """On a signed-in page (after st.navigation: scripts drawn before it do not run): open the link
    the sign-in page remembered, once."""
    import streamlit as st

    if person is not None:
        st.html(_RESTORE_JS, unsafe_allow_javascript=True)


def _closed(pages) -> None:
    """Register the pages without drawing them, so the link's page path stays in the address bar."""
    import streamlit as st

    st.navigation(pages, position="hidden")


def _shown(email: object) -> str:
    """An address as shown back to its owner: printable only, and short."""
    text = "".join(ch for ch in str(email or "an account without an e-mail address")
                   if ch.isprintable() and ch != "`")
    return f"`{text[:80]}`"


def sidebar(person: dict | None) -> None:
    """Who is signed in, and the way out (nothing when sign-in is off)."""
    import streamlit as st

    if person is None:
        return
    st.caption(f"Signed in as {_shown(person['email'])}")
    if st.button("Sign out", key="sign_out"):
        st.logout()
