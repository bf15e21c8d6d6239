"""Trade shares: for a reporting country, its partners' shares as reported in the news; every
report is kept and dated, so articles that disagree are all visible."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, state
from dashboard.urlstate import SHARE_INDICATORS

st.title("Trade shares")
con = state.connection()
c1, c2 = st.columns(2)
indicator = state.select("indicator", "Figure", SHARE_INDICATORS, c1, fmt=lambda i: i.replace("_", " "))
reporters = queries.figure_reporters(con, indicator)
view = state.view()
if view.reporter is None:
    # Default the reporter to the focus country, else the most reported one.
    state.update(reporter=view.country if view.country in reporters else (reporters[0] if reporters else None))
reporter = state.country_select("reporter", "Reporting country", reporters, c2)

if not reporter:
    st.info("No country has figures of this kind yet." if not reporters else "Pick a reporting country.")
else:
    names = state.names()
    figs = queries.figures(con, state.view(), reporter=reporter, indicator=indicator)
    latest = queries.latest_shares(figs)
    st.subheader(f"{names.get(reporter, reporter)}: partners' {indicator.replace('_', ' ')} as reported")
    st.plotly_chart(charts.trade_shares(latest, figs, names, indicator), key="trade_chart")
    st.caption("Bars: the most recently published value per partner. Diamonds: every report.")
    state.download("Trade table (CSV)", figs, f"trade_{reporter}_{indicator}", "dl_trade")
    st.dataframe(figs[["partner", "value", "unit", "approximate", "period", "published", "evidence", "title",
                       "outlet", "url"]], hide_index=True,
                 column_config=state.table_columns())
