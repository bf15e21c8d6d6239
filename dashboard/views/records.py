"""Records explorer: every record with its evidence sentence, filtered by text, country, pair, type,
status, dates and confidence; figures show what they are about (product, scale, qualifier) and the
official value of their year beside them (gap, flag). The filtered set downloads as CSV."""
from __future__ import annotations

import streamlit as st

from dashboard import queries, state
from dashboard import trade_queries as TQ
from dashboard.urlstate import encode_query
from pipeline.errors import DyadError
from pipeline.schema import STATUSES

st.title("Records explorer")
con = state.connection()
state.text("q", "Search")
state.pair_select(state.countries_in_store(con))
c1, c2 = st.columns(2)
state.multiselect("statuses", "Status", STATUSES, c1)
state.slider("min_conf", "Minimum confidence", c2)

view = state.view()
total = queries.records_count(con, view)
rows = queries.records(con, view)
ref = None
if (rows["kind"] == "figure").any():
    try:
        with st.spinner("Loading the official trade statistics ..."):
            ref = TQ.reference(state.store_root())
    except DyadError as err:
        st.warning(f"Official values are not shown: {err}")
rows = TQ.enrich_records(con, ref, rows)
st.caption(f"{total:,} records match" + (f"; showing the newest {len(rows):,}" if total > len(rows) else ""))
st.dataframe(rows, hide_index=True, column_config=state.table_columns())
if ref is not None:
    st.caption("For figures: official_value is the official number for the same reporter, partner, indicator and "
               "year (the figure's period, else the year before publication), in the figure's unit; gap = value − "
               "official_value; flagged = further off than most official sources are from each other "
               "(docs/trade.md). Official sources: "
               + TQ.coverage_line(TQ.memo(state.store_root(), "coverage", TQ.coverage)) + ", and any imports.")


def _csv() -> bytes:
    """The whole filtered set (up to CSV_MAX_ROWS) with the same columns as the table."""
    full = queries.records(con, view, limit=queries.CSV_MAX_ROWS)
    official = ref
    if official is None and (full["kind"] == "figure").any():
        try:
            official = TQ.reference(state.store_root())
        except DyadError:
            official = None   # the page already said why; the CSV then has empty official columns
    return queries.csv_bytes(TQ.enrich_records(con, official, full))


cut = f" (first {queries.CSV_MAX_ROWS:,})" if total > queries.CSV_MAX_ROWS else ""
n_csv = min(total, queries.CSV_MAX_ROWS)
# Made in this script run when asked (a deferred download_button callable runs outside the script's
# thread and context, and under load its file sometimes never came), then offered for exactly the
# filters and store version it was made from.
made_for = (state.served()["version"], tuple(sorted(encode_query(view).items())))
if st.button(f"Prepare the CSV of {n_csv:,} records{cut}", key="prepare_records_csv", disabled=total == 0):
    with st.spinner("Writing the CSV ..."):
        st.session_state["records_csv"] = (made_for, _csv())
ready = st.session_state.get("records_csv")
if ready is not None and ready[0] == made_for:
    st.download_button(f"Download {n_csv:,} records as CSV{cut}", data=ready[1], file_name="dyad_records.csv",
                       mime="text/csv", key="dl_records", on_click="ignore")
