"""Pair view: two countries' interactions on a timeline at their event dates (planned visits at the
planned dates), the figures reported about them, and every record with its evidence and article."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, state
from dashboard.urlstate import COUNT_UNITS, UNIT_LABELS
from pipeline.schema import STATUSES

READING_LIST = 30  # records quoted in full; the table below holds them all

st.title("Pair view")
con = state.connection()
options = state.countries_in_store(con)
pair = state.pair_select(options, first=state.view().country)  # start from the focus country
c1, c2 = st.columns(2)
unit = state.choice("unit", "Timeline of", COUNT_UNITS, c1,
                    fmt=UNIT_LABELS.get)
state.multiselect("statuses", "Status", STATUSES, c2)

if not pair:
    st.info("Pick two countries, e.g. South Korea and China.")
else:
    view = state.view()
    names = state.names()
    a, b = pair
    st.subheader(f"{names.get(a, a)} and {names.get(b, b)}")
    timeline = queries.pair_timeline(con, view)
    st.plotly_chart(charts.pair_timeline(timeline, names), key="pair_timeline")
    undated = int(timeline["when"].isna().sum()) if not timeline.empty else 0
    total = int(timeline["n_total"].iloc[0]) if not timeline.empty else 0
    shown = f"the latest {len(timeline):,} of {total:,} {unit}" if total > len(timeline) else f"{total:,} {unit}"
    st.caption(shown.capitalize() + (f", {undated} without a date (listed below)" if undated else "")
               + ". Bars span date_start to date_end; open markers are planned.")
    state.download("Timeline (CSV)", timeline.drop(columns=["n_total"]), f"pair_{a}_{b}_timeline", "dl_pair_timeline")

    figs = queries.figures(con, view, reporter=None)
    st.subheader("Figures reported")
    if figs.empty:
        st.write("No figures (trade shares, ranks, values) reported about this pair.")
    else:
        st.dataframe(figs[["reporter", "partner", "indicator", "value", "unit", "approximate", "period",
                           "published", "evidence", "title", "url"]], hide_index=True,
                     column_config=state.table_columns())

    st.subheader("Records")
    recs = queries.pair_records(con, view)
    if recs.empty:
        st.write("No records about this pair with the current dates.")
    for row in recs.head(READING_LIST).to_dict("records"):
        st.markdown(charts.record_markdown(row))
    if len(recs) > READING_LIST:
        st.caption(f"The newest {READING_LIST} of {len(recs):,} shown above; all of them in the table below.")
    st.dataframe(recs, hide_index=True, column_config=state.table_columns())
