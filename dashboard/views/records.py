"""Records explorer: every record with its evidence sentence, filtered by text, country, pair, type,
status, dates and confidence; the filtered set downloads as CSV."""
from __future__ import annotations

import streamlit as st

from dashboard import queries, state
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
st.caption(f"{total:,} records match" + (f"; showing the newest {len(rows):,}" if total > len(rows) else ""))
st.dataframe(rows, hide_index=True, column_config=state.table_columns())
cut = f" (first {queries.CSV_MAX_ROWS:,})" if total > queries.CSV_MAX_ROWS else ""
st.download_button(f"Download {min(total, queries.CSV_MAX_ROWS):,} records as CSV{cut}",
                   data=lambda: queries.records_csv(con, view), file_name="dyad_records.csv", mime="text/csv",
                   disabled=total == 0)
