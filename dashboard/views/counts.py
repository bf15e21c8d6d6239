"""Event counts: interactions over time by PLOVER type, and the most active pairs; counting either
de-duplicated events (default) or reports (records)."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, state
from dashboard.urlstate import COUNT_UNITS, GRANULARITIES, UNIT_LABELS
from pipeline.schema import STATUSES

st.title("Event counts")
c1, c2, c3 = st.columns([1, 2, 2])
granularity = state.choice("granularity", "Per", GRANULARITIES, c1)
unit = state.choice("unit", "Count", COUNT_UNITS, c2,
                    fmt=UNIT_LABELS.get)
state.multiselect("statuses", "Status", STATUSES, c3)

view = state.view()
con = state.connection()
counts = queries.counts_over_time(con, view)
st.plotly_chart(charts.counts_over_time(counts, unit, granularity), key="counts_chart")
st.caption(f"{int(counts['n'].sum()) if not counts.empty else 0:,} {unit} with a date, per {granularity}.")
state.download(f"Counts per {granularity} (CSV)", counts, f"counts_per_{granularity}", "dl_counts")

st.subheader("Most active pairs")
pairs = queries.pair_totals(con, view, limit=25)
names = state.names()
st.plotly_chart(charts.top_pairs(pairs, names, unit), key="pairs_chart")
state.download("Most active pairs (CSV)", pairs, "counts_pairs", "dl_counts_pairs")
if not pairs.empty:
    st.dataframe(pairs.assign(pair=[f"{names.get(a, a)} – {names.get(b, b)}" for a, b in zip(pairs["a"], pairs["b"],
                                                                                          strict=True)])
                 [["pair", "a", "b", "n", "n_coop", "n_conflict", "net"]], hide_index=True)
