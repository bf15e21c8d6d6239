"""Dyad's dashboard entry point (`streamlit run dashboard/app.py`): the st.navigation router, the
filters every page shares (in the sidebar) and the URL that mirrors them.

Run with DYAD_STORE pointing at a store (`make run` does it); `pip install -e .` makes `dashboard`
and `pipeline` importable wherever Streamlit runs the script from.
"""
from __future__ import annotations

import streamlit as st

from dashboard import auth, queries, state
from pipeline.schema import PLOVER_TYPES

# No page_icon: a Material icon favicon is fetched from fonts.gstatic.com, and the app must stay offline.
st.set_page_config(page_title="Dyad: relations between countries", layout="wide")

PAGES = [
    st.Page("views/map.py", title="Map", url_path="map", default=True),
    st.Page("views/pair.py", title="Pair view", url_path="pair"),
    st.Page("views/trade.py", title="Trade shares", url_path="trade"),
    st.Page("views/counts.py", title="Event counts", url_path="counts"),
    st.Page("views/records.py", title="Records explorer", url_path="records"),
]
# With DYAD_SIGN_IN=1, someone not signed in (or not on the list) gets a page without data and the
# script stops here, before anything reads the store.
person = auth.require(PAGES)
nav = st.navigation(PAGES)
auth.restore_link(person)
view = state.begin(nav.url_path)
con = state.connection()
summary = queries.summary(con)
for problem in queries.problems(con):
    st.warning(problem)
state.version_notice()

with st.sidebar:
    auth.sidebar(person)
    st.caption(f"{summary['articles']:,} articles · {summary['event_records'] + summary['figure_records']:,} "
               f"records · {summary['events']:,} events")
    state.country_select("country", "Country", state.countries_in_store(con))
    state.date_range(bounds=(summary["first_day"], summary["last_day"]))
    state.multiselect("types", "PLOVER event types", PLOVER_TYPES)
    link_slot = st.container()

if summary["articles"] == 0 and summary["event_records"] + summary["figure_records"] == 0:
    st.title("Dyad")
    st.info("The store is empty. Add articles with `python -m pipeline ingest PATH` (a JSONL file, a "
            "folder of .txt/.html files or one article), then reload this page. "
            f"Store: `{state.store_root()}`")
else:
    nav.run()

state.end()
with link_slot:
    st.caption("Link to this view")
    st.code(state.share_link(), language=None, wrap_lines=True)
