"""Pair view: two countries' interactions on a timeline at their event dates (planned visits at the
planned dates), the figures reported about them, and every record with its evidence and article."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, state, trade_charts
from dashboard import trade_queries as TQ
from dashboard.urlstate import COUNT_UNITS, UNIT_LABELS
from pipeline.errors import DyadError
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

    # --- official trade between the two, under the timeline (dashboard/trade_queries.py) ---------------
    st.subheader(f"Trade between {names.get(a, a)} and {names.get(b, b)}: official statistics")
    try:
        ref = TQ.reference(state.store_root())
        flows = TQ.pair_trade(ref, a, b)
    except DyadError as err:
        st.error(str(err))
        flows = None
    if flows is not None and flows.empty:
        cov = TQ.coverage_line(TQ.memo(state.store_root(), "coverage", TQ.coverage))
        st.info(f"No official trade statistics for {names.get(a, a)} and {names.get(b, b)} in the tables Dyad "
                f"has: {cov}, and any imports.")
    elif flows is not None:
        st.plotly_chart(trade_charts.pair_trade(flows, names), key="pair_trade")
        sources = ", ".join(sorted(set(flows["source"])))
        last = int(flows["year"].max())
        st.caption(f"Official numbers: **{sources}**, {int(flows['year'].min())}–{last} (latest official year "
                   f"{last}). Mirror statistics disagree: each direction is recorded twice, by the exporter "
                   "(its exports, FOB: solid lines) and by the importer (its imports, CIF, including freight and "
                   "insurance: dashed lines), and timing, re-exports and origin rules differ too. Nothing is "
                   "averaged; each line says whose record it is.")
        shares = TQ.pair_shares(ref, a, b)
        for r in shares.itertuples(index=False):
            st.markdown(f"- {charts.md_escape(names.get(r.partner, r.partner))} is **{r.trade_share:.2f}%** of "
                        f"{charts.md_escape(names.get(r.reporter, r.reporter))}'s total trade ({r.year}, "
                        f"{charts.md_escape(r.source)}, as {charts.md_escape(names.get(r.reporter, r.reporter))} "
                        "reports it).")
        with st.expander("The numbers, year by year (US$ m)"):
            st.dataframe(TQ.mirror_table(flows), hide_index=True)
    # --- end of the official trade section ---------------------------------------------------------------

    # Figures with what they are about (product, qualifier) and the official value of their year.
    figs = TQ.figures(con, pair=pair, start=view.start, end=view.end)
    st.subheader("Figures reported")
    if figs.empty:
        st.write("No figures (trade shares, ranks, values) reported about this pair.")
    else:
        figs = TQ.with_official(ref, figs) if flows is not None else figs
        cols = ("reporter", "partner", "indicator", "value", "unit", "qualifier", "approximate", "product", "scale",
                "period", "published", "language", *TQ.OFFICIAL_NAMES, "evidence", "title", "url")
        st.dataframe(figs[[c for c in cols if c in figs]], hide_index=True, column_config=state.table_columns())

    st.subheader("Records")
    recs = queries.pair_records(con, view)
    if recs.empty:
        st.write("No records about this pair with the current dates.")
    for row in recs.head(READING_LIST).to_dict("records"):
        st.markdown(charts.record_markdown(row))
    if len(recs) > READING_LIST:
        st.caption(f"The newest {READING_LIST} of {len(recs):,} shown above; all of them in the table below.")
    st.dataframe(recs, hide_index=True, column_config=state.table_columns())
