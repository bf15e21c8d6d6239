"""Streamlit glue shared by the pages: the cached snapshot connection, country names/coordinates,
and the view state kept in st.session_state and mirrored into the URL (parsed by urlstate).

Why not `bind="query-params"` on the widgets: a bound widget silently drops a value it cannot use,
while a shared link with a bad value must say so (st.warning) and fall back; one pure parser
(urlstate.parse_query) validates every parameter, and this module syncs URL <-> widgets explicitly.
"""
from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.urlstate import DEFAULT, ViewState, encode_query, parse_query
from pipeline import errors, settings
from pipeline.store import Snapshot, Store, VersionNotKept, default_root

VIEW = "_dyad_view"          # the canonical ViewState (survives widgets that are not drawn)
LAST_URL = "_dyad_url"       # the query parameters this session last wrote
WARNINGS = "_dyad_warnings"
MAP_KEY = "map_select"       # st.plotly_chart key of the map (its click selection)
MAP_SEEN = "_dyad_map_seen"
DRAWN_LAST, DRAWN_NOW = "_dyad_drawn_last", "_dyad_drawn_now"   # (page, widget key) drawn last/this run
PAGE = "_dyad_page"
SERVED = "_dyad_served"      # this run's store version: {"version", "snapshot", "latest", "note"}


# --- data ------------------------------------------------------------------------------------
def store_root() -> Path:
    return default_root().resolve()


def _close(con) -> None:
    con.close()  # an evicted snapshot's database: the sessions' cursors on it are their own connections


# Three: the latest version, the one it replaced (sessions still on it) and an older one a link names.
@st.cache_resource(max_entries=3, show_spinner="Loading the store snapshot ...", on_release=_close)
def _connection(root: str, version: int, _snapshot: Snapshot):
    """The database of one store version, built from exactly that version's snapshot (the caller
    passes it in: re-reading the manifest here could give a newer version than the key says)."""
    # Aggregates first (the map and counts need only those); the records are copied into memory
    # in the background, and queries read them from Parquet until that is done.
    con = queries.connect(_snapshot, in_memory=False)
    threading.Thread(target=queries.materialize, args=(con,), name=f"dyad-load-v{version}", daemon=True).start()
    return con


# store root -> (version served, when it was adopted, its snapshot)
_adopted: dict[str, tuple[int, float, Snapshot]] = {}
_adopted_lock = threading.Lock()


def version_to_serve(adopted: tuple[int, float] | None, latest: int, now: float, refresh_s: float) -> tuple[int, float]:
    """Which store version to serve, and since when: the latest one, unless the version being served
    was adopted less than `refresh_s` ago. While an ingest commits every few seconds, adopting each
    version would reload a million records each time; a view that is a few seconds old is still a
    committed, consistent version (never a half-written one)."""
    if adopted is None or latest < adopted[0] or (latest != adopted[0] and now - adopted[1] >= refresh_s):
        return (latest, now)
    return adopted


def _adopt(root: str) -> tuple[int, Snapshot]:
    """The version every session that follows the latest data is served (see version_to_serve)."""
    latest = Store(root).snapshot()
    refresh_s = settings.get("DYAD_REFRESH_SECONDS")
    with _adopted_lock:
        held = _adopted.get(root)
        version, since = version_to_serve(held[:2] if held else None, latest.version, time.monotonic(), refresh_s)
        snap = held[2] if held and held[0] == version else latest
        _adopted[root] = (version, since, snap)
    return version, snap


def serve(pinned: int | None) -> dict:
    """Which version this run reads: the one a link names (`v=`) while the store keeps it, else the
    latest adopted one. `note` says why a link's version is not the latest ("older") or is gone ("gone")."""
    root = str(store_root())
    version, snap = _adopt(root)
    if pinned is None or pinned == version:
        return {"version": version, "snapshot": snap, "latest": version, "note": None, "asked": pinned}
    store = Store(root)
    try:
        old = store.snapshot(pinned)
    except VersionNotKept as err:
        return {"version": version, "snapshot": snap, "latest": max(version, err.latest), "note": "gone",
                "asked": pinned}
    latest = max(version, store.version)
    return {"version": pinned, "snapshot": old, "latest": latest, "note": "older" if pinned < latest else None,
            "asked": pinned}


def served() -> dict:
    """This run's store version (decided once per run, in begin(), so every query of the run agrees)."""
    if SERVED not in st.session_state:
        st.session_state[SERVED] = serve(view().v)
    return st.session_state[SERVED]


def connection():
    """A cursor on the shared DuckDB database of this run's store version. The manifest is re-read
    every run (cheap) and a database built only for a version not yet loaded; each caller gets its
    own cursor because one DuckDB connection must not serve two threads at once."""
    s = served()
    return _connection(str(store_root()), s["version"], s["snapshot"]).cursor()


def version_notice() -> None:
    """Under a link's version: which one it is, that newer data exists, and one click to the latest.
    A version the store no longer keeps: one line, and the latest is shown."""
    s = served()
    if s["note"] == "gone":
        st.warning(f"This link was made from store version {s['asked']}, which is no longer kept (versions are "
                   f"kept {settings.get('DYAD_KEEP_DAYS'):g} days after newer data replaced them); showing the "
                   f"latest, version {s['version']}.")
        update(v=None)
    elif s["note"] == "older":
        when = s["snapshot"].committed_at
        made = f" of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(when))}" if when else ""
        cols = st.columns([4, 1])
        cols[0].info(f"This view shows store version {s['version']}{made}, the numbers the link was made "
                     f"from. Newer data exists (version {s['latest']}).")
        cols[1].button("Open the latest data", key="to_latest", on_click=update, kwargs={"v": None},
                       type="primary")


def download(label: str, df: pd.DataFrame, name: str, key: str, container=st) -> None:
    """A CSV of exactly what a chart shows (formula-safe: queries.csv_bytes), named after the page and
    the store version, so the file says which numbers it holds."""
    version = served()["version"]
    container.download_button(label, data=queries.csv_bytes(df), file_name=f"dyad_{name}_v{version}.csv",
                              mime="text/csv", key=key, disabled=df.empty, on_click="ignore")


# cache_resource, not cache_data: these are read-only and asked for hundreds of times per run
# (every option label), and cache_data would hand out a fresh copy each time.
@st.cache_resource(show_spinner=False)
def places() -> pd.DataFrame:
    """iso3, name, lat, lon (capital, else centroid), region: from the gazetteer."""
    from pipeline.gazetteer import countries

    rows = []
    for c in countries().values():
        lat = c.capital_lat if c.capital_lat is not None else c.lat
        lon = c.capital_lon if c.capital_lon is not None else c.lon
        rows.append({"iso3": c.iso3, "name": c.name, "lat": lat, "lon": lon, "region": c.region})
    return pd.DataFrame(rows, columns=["iso3", "name", "lat", "lon", "region"])


def countries_in_store(con) -> list[str]:
    """Countries with data, sorted by name (the options of every country picker)."""
    nm = names()
    return sorted(queries.countries_present(con), key=lambda c: nm.get(c, c))


@st.cache_resource(show_spinner=False)
def names() -> dict[str, str]:
    p = places()
    return dict(zip(p["iso3"], p["name"], strict=True))


def label(code: str | None) -> str:
    if not code:
        return "(all countries)"
    return f"{names().get(code, code)} ({code})"


def table_columns() -> dict:
    """Column display shared by every table: dates as dates, links as links, long evidence wide."""
    day = st.column_config.DateColumn(format="YYYY-MM-DD")
    return {"published": day, "date_start": day, "date_end": day, "when": day,
            "url": st.column_config.LinkColumn("link", display_text="open"),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
            "confidence": st.column_config.NumberColumn(format="%.2f")}


# --- view state <-> URL ---------------------------------------------------------------------------
def _raw_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def begin(page: str = "") -> ViewState:
    """Run first on every page: adopt the URL on a session's first run (a shared link) or when it
    changed from outside; show warnings for values that fell back; apply a map click."""
    st.session_state[DRAWN_LAST] = st.session_state.get(DRAWN_NOW, set())
    st.session_state[DRAWN_NOW] = set()
    st.session_state[PAGE] = page
    raw = _raw_params()
    flat = {k: v[-1] for k, v in raw.items() if v}
    if VIEW not in st.session_state or (flat and flat != st.session_state.get(LAST_URL)):
        view, warnings = parse_query(raw, set(names()))
        st.session_state[VIEW] = view
        st.session_state[WARNINGS] = warnings
        st.session_state[DRAWN_LAST] = set()   # every widget re-reads the view
    for w in st.session_state.pop(WARNINGS, []):
        st.warning(w)
    _apply_map_click()
    st.session_state[SERVED] = serve(st.session_state[VIEW].v)
    return st.session_state[VIEW]


def view() -> ViewState:
    return st.session_state.get(VIEW, DEFAULT)


def update(**changes) -> ViewState:
    st.session_state[VIEW] = replace(view(), **changes)
    return st.session_state[VIEW]


def link_params() -> dict[str, str]:
    """The view's URL parameters, with the store version it shows (`v`), so a link keeps its numbers."""
    current = view()
    if current.v is None and SERVED in st.session_state:
        current = replace(current, v=st.session_state[SERVED]["version"])
    return encode_query(current)


def end() -> None:
    """Run last: write the view into the URL (defaults left out) if it changed."""
    params = link_params()
    if params != {k: st.query_params[k] for k in st.query_params}:
        st.query_params.from_dict(params)
    st.session_state[LAST_URL] = params


def public_base(raw: str) -> str:
    """DYAD_PUBLIC_URL checked: an absolute http(s) address (a base path may follow), no query."""
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise errors.bad_setting("DYAD_PUBLIC_URL", raw, "expected http(s)://host[:port][/base/path]")
    return raw.strip().rstrip("/")


def compose_link(public_url: str, browser_url: str, page: str, params: dict[str, str]) -> str:
    """The link to a view: the public address (else the one the browser used), the page, the query."""
    base = f"{public_base(public_url)}/{page}" if public_url.strip() else browser_url
    query = urlencode(params)
    return f"{base}?{query}" if query else base


def share_link() -> str:
    """The address that reopens this exact view, from the store version it shows."""
    args = (st.context.url or "", st.session_state.get(PAGE, ""), link_params())
    try:
        return compose_link(settings.get("DYAD_PUBLIC_URL"), *args)
    except errors.DyadError as err:   # a bad DYAD_PUBLIC_URL: say so, and give the browser's address
        st.warning(str(err))
        return compose_link("", *args)


def _apply_map_click() -> None:
    """A click on a map country (on_select='rerun') sets the focus country for the whole app."""
    sel = st.session_state.get(MAP_KEY)
    try:  # a PlotlyState (mapping-like, not a dict) or a plain dict in tests
        points = list(sel["selection"]["points"])
    except (KeyError, TypeError):
        points = []
    token = repr(points)
    if not points or token == st.session_state.get(MAP_SEEN):
        st.session_state[MAP_SEEN] = token
        return
    st.session_state[MAP_SEEN] = token
    point = points[0]
    code = point.get("customdata") or point.get("location")
    if isinstance(code, list):
        code = code[0] if code else None
    if isinstance(code, str) and code in names():
        update(country=code)
        st.session_state[DRAWN_LAST] = {d for d in st.session_state[DRAWN_LAST] if d[1] != _wkey("country")}


# --- widgets bound to the view state ----------------------------------------------------------------
def _wkey(field: str) -> str:
    return f"w_{field}"



def _widget_value(view: ViewState, field: str):
    value = getattr(view, field)
    return list(value) if isinstance(value, tuple) else value


def _prepare(field: str, key: str | None = None, value=None) -> str:
    """Give a widget its value from the view unless the user may just have changed it, which is
    only possible if it was drawn in the previous run. (The same key on another page is another
    widget to Streamlit, so relying on its own memory would drop values on page switches.)"""
    key = key or _wkey(field)
    _seed(key, _widget_value(view(), field) if value is None else value)
    return key


def _seed(key: str, value) -> None:
    drawn = (st.session_state.get(PAGE, ""), key)
    if drawn not in st.session_state[DRAWN_LAST] or key not in st.session_state:
        st.session_state[key] = value
    st.session_state[DRAWN_NOW].add(drawn)


def country_select(field: str, label_text: str, options: list[str], container=st) -> str | None:
    key = _prepare(field)
    opts = [None, *options]
    if st.session_state[key] not in opts:
        opts.append(st.session_state[key])
    value = container.selectbox(label_text, opts, key=key, format_func=label, placeholder=label(None))
    update(**{field: value})
    return value


def pair_select(options: list[str], container=st, first: str | None = None) -> tuple[str, str] | None:
    """Two country pickers for the pair; `first` pre-fills country A when no pair is set."""
    a0, b0 = view().pair or (first, None)
    _seed("w_pair_a", a0)
    _seed("w_pair_b", b0)
    cols = container.columns(2)
    opts_a = [None, *options] + ([st.session_state["w_pair_a"]] if st.session_state["w_pair_a"] not in options
                                 and st.session_state["w_pair_a"] else [])
    opts_b = [None, *options] + ([st.session_state["w_pair_b"]] if st.session_state["w_pair_b"] not in options
                                 and st.session_state["w_pair_b"] else [])
    a = cols[0].selectbox("Country A", opts_a, key="w_pair_a", format_func=label, placeholder="pick a country")
    b = cols[1].selectbox("Country B", opts_b, key="w_pair_b", format_func=label, placeholder="pick a country")
    pair = (a, b) if a and b and a != b else None
    if a and b and a == b:
        st.warning("Pick two different countries.")
    update(pair=pair)
    return pair


def date_range(container=st, bounds: tuple[date | None, date | None] = (None, None)) -> None:
    ks, ke = _prepare("start"), _prepare("end")
    lo, hi = date(1900, 1, 1), date(2100, 12, 31)
    cols = container.columns(2)
    start = cols[0].date_input("From", key=ks, min_value=lo, max_value=hi, format="YYYY-MM-DD",
                               help=f"Data from {bounds[0]}" if bounds[0] else None)
    end = cols[1].date_input("To", key=ke, min_value=lo, max_value=hi, format="YYYY-MM-DD",
                             help=f"Data until {bounds[1]}" if bounds[1] else None)
    if start and end and start > end:
        container.warning("The date range ends before it starts; showing all dates.")
        update(start=None, end=None)
    else:
        update(start=start, end=end)


def multiselect(field: str, label_text: str, options: tuple[str, ...], container=st) -> tuple[str, ...]:
    key = _prepare(field)
    chosen = container.multiselect(label_text, list(options), key=key, placeholder="all")
    value = tuple(o for o in options if o in chosen)
    update(**{field: value})
    return value


def choice(field: str, label_text: str, options: tuple[str, ...], container=st, fmt=None,
           horizontal: bool = True) -> str:
    key = _prepare(field)
    value = container.radio(label_text, list(options), key=key, horizontal=horizontal,
                            format_func=fmt or (lambda x: x))
    update(**{field: value})
    return value


def select(field: str, label_text: str, options: tuple[str, ...], container=st, fmt=None,
           placeholder: str | None = None) -> str:
    # placeholder: what a None value shows (Streamlit shows it instead of fmt(None)), e.g. "latest"
    key = _prepare(field)
    value = container.selectbox(label_text, list(options), key=key, format_func=fmt or (lambda x: x),
                                placeholder=placeholder)
    update(**{field: value})
    return value


def text(field: str, label_text: str, container=st) -> str:
    key = _prepare(field)
    value = container.text_input(label_text, key=key, max_chars=200, placeholder="words in the evidence or title")
    update(**{field: value.strip()})
    return value


def number(field: str, label_text: str, lo: int, hi: int, step: int, container=st) -> int:
    key = _prepare(field)
    value = container.number_input(label_text, lo, hi, key=key, step=step)
    update(**{field: int(value)})
    return int(value)


def slider(field: str, label_text: str, container=st) -> float:
    key = _prepare(field)
    value = container.slider(label_text, 0.0, 1.0, key=key, step=0.05)
    update(**{field: float(value)})
    return value
