"""Trade shares: a reporting country's partners in the official statistics for one year (bars, and
their lines over the years), with every figure the news reported about that country drawn on the
same axes beside the official value for the same pair, indicator and year, and the gap."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, state, trade_charts
from dashboard import trade_queries as TQ
from dashboard.urlstate import TRADE_INDICATORS
from pipeline.errors import DyadError

LISTED = 20   # reported figures written out one by one (with their sentence a click away); the table has all
FIGURES_MAX = 5000   # reported figures read for one reporter (newest first); the page says when it is cut


def page() -> None:
    """The whole page (a function, so it can end early and still let app.py write the URL)."""
    st.title("Trade shares")
    con = state.connection()
    try:
        with st.spinner("Loading the official trade statistics ..."):
            ref = TQ.reference(state.store_root())
            cov = TQ.memo(state.store_root(), "coverage", TQ.coverage)
            official = set(TQ.memo(state.store_root(), "reporters", TQ.official_reporters))
    except DyadError as err:
        st.error(str(err))
        return
    names = state.names()
    view = state.view()

    c1, c2, c3 = st.columns([2, 2, 1])
    indicator = state.select("indicator", "Indicator", TRADE_INDICATORS, c1, fmt=TQ.LABEL.get)
    reported_by = queries.figure_reporters(con, indicator)
    reporters = sorted(official | set(reported_by), key=lambda c: names.get(c, c))
    if view.reporter is None:
        # Default: the focus country, else the country the news reports most about, else any with data.
        pick = next((c for c in (view.country, *reported_by) if c in reporters), reporters[0] if reporters else None)
        state.update(reporter=pick)
    reporter = state.country_select("reporter", "Reporting country", reporters, c2)

    if not reporter:
        st.info("Pick a reporting country.")
        return

    name = names.get(reporter, reporter)
    years = TQ.indicator_years(ref, reporter, indicator)
    asked = state.view().year
    if asked is not None and asked not in years:
        # Say so, and show the latest year instead (the URL follows what is shown).
        if years:
            st.warning(f"No official {TQ.LABEL[indicator]} for {name} in {asked}; showing {years[0]}, the latest "
                       f"year that has it.")
        state.update(year=None)
        st.session_state.pop("w_year", None)
    year = state.select("year", "Year", (None, *years), c3, fmt=lambda y: "latest" if y is None else str(y),
                        placeholder="latest")

    view = state.view()
    figs = TQ.figures(con, reporter=reporter, start=view.start, end=view.end, limit=FIGURES_MAX)
    if len(figs) >= FIGURES_MAX:
        st.caption(f"The newest {FIGURES_MAX:,} figures reported about {names.get(reporter, reporter)} are used; "
                   "narrow the dates in the sidebar for older ones.")
    tv = TQ.trade_view(ref, figs, reporter, indicator, year)
    label = TQ.LABEL[indicator]

    if tv.year is None:
        if reporter not in official:
            st.info(f"There are no official trade statistics for {name} ({reporter}) in the tables Dyad has: "
                    f"{TQ.coverage_line(cov)}. The figures the news reported are listed below. Newer or other "
                    "official numbers can be added with `python -m pipeline trade-import FILE.csv`.")
        else:
            have = ", ".join(f"{s} (latest official year {y})" for s, y in TQ.latest_years(ref, reporter).items())
            st.info(f"No official {label} for {name}: {have} give other indicators for it.")
    else:
        latest = ", ".join(f"{s} {y}" for s, y in tv.latest.items())
        st.subheader(f"{name}: partners' {label}, {tv.year}")
        st.caption(f"Official numbers: **{tv.source}** ({tv.dataset}), {tv.year}. Latest official year of this "
                   f"indicator for {name}: {latest}. Coverage: {TQ.coverage_line(cov)}. Where sources overlap the "
                   "page shows one, by a fixed precedence: your imports, then IMF DOTS, then the CIA World Factbook.")
    st.plotly_chart(trade_charts.trade_partners(tv.partners, tv.figures, names, indicator, tv.year, tv.source, TQ.BARS),
                    key="trade_partners", on_select="rerun", selection_mode="points")
    slots = set(trade_charts.trade_partner_slots(tv.partners, tv.figures, TQ.BARS))
    drawn = tv.figures[tv.figures["on_axis"].notna()]
    off_chart = drawn[~drawn["partner"].isin(slots)]
    if tv.year is not None:
        st.caption(f"Bars: the {min(TQ.BARS, len(tv.partners))} largest partners in the official statistics "
                   f"({tv.source}, {tv.year}). Diamonds: each figure the news reported, with the gap to the "
                   "official bar of the year shown. Click a diamond for its sentence."
                   + (f" {len(off_chart):,} reported figures about {off_chart['partner'].nunique():,} more partners "
                      "are in the tables below." if not off_chart.empty else ""))

    # A clicked diamond: its sentence and article.
    picked = st.session_state.get("trade_partners")
    try:
        points = list(picked["selection"]["points"]) if picked else []
    except (KeyError, TypeError):
        points = []
    ids = {p.get("customdata") for p in points if isinstance(p.get("customdata"), str)}
    for row in tv.figures[tv.figures["record_id"].isin(ids)].to_dict("records"):
        st.markdown(charts.record_markdown({**row, "source": row["reporter"], "target": row["partner"],
                                            "what": row["indicator"]}))

    if not drawn.empty:
        st.markdown(f"**Reported in the news beside the official {label}**")
        for row in drawn.head(LISTED).to_dict("records"):
            partner = names.get(row["partner"], row["partner"])
            with st.expander(trade_charts.reported_vs_official_line(row, partner, indicator, tv.year, tv.source)):
                st.markdown(trade_charts.official_year_line(row))
                st.markdown(charts.record_markdown({**row, "source": row["reporter"], "target": row["partner"],
                                                    "what": row["indicator"]}))
        if len(drawn) > LISTED:
            st.caption(f"The newest {LISTED} of {len(drawn):,} reported figures; all of them in the table below.")
    elif not figs.empty:
        st.caption(f"No figure of this kind ({label}) reported about {name}; other figures are listed below.")
    else:
        st.caption(f"No figures reported about {name} in the store.")

    if not tv.lines.empty:
        st.subheader(f"Over the years: {name}'s largest partners")
        st.plotly_chart(trade_charts.trade_lines(tv.lines, tv.figures, names, indicator, tv.year), key="trade_lines")
        srcs = ", ".join(sorted(set(tv.lines["source"])))
        st.caption(f"Official {label} ({srcs}; each source its own line: IMF DOTS solid, CIA World Factbook dotted, "
                   "imports dashed). Diamonds: reported figures at the year they are about (their period, else "
                   "the year before publication).")

    st.subheader("Official partners and what the news reported")
    table = TQ.trade_table(tv, names)
    st.dataframe(table, hide_index=True, column_config={"reported_published": st.column_config.DateColumn(
        "reported (published)", format="YYYY-MM-DD")})
    state.download("Trade table (CSV)", table, f"trade_{reporter}_{indicator}_{tv.year or 'none'}", "dl_trade")

    if not figs.empty:
        st.subheader(f"Every figure reported about {name}")
        cols = ["partner", "indicator", "value", "unit", "qualifier", "approximate", "product", "scale", "period",
                "published", "language", "official_year", "official_value", "official_source", "gap", "flagged", "official_note",
                "chart_official", "chart_gap", "evidence", "title", "outlet", "url"]
        shown = tv.figures[cols].rename(columns={"chart_official": f"official {tv.year or ''}".strip(),
                                                 "chart_gap": f"gap to {tv.year}" if tv.year else "gap to chart"})
        st.dataframe(shown, hide_index=True, column_config=state.table_columns())
        st.caption("official_value, gap and flagged compare each figure with the official value of the year it is "
                   "about (its period, else the year before publication; docs/trade.md); the two columns after "
                   "them compare it with the year on the chart.")
        products = tv.figures[tv.figures["product"].notna()]
        if not products.empty:
            st.markdown("**About one product** (never compared with total trade)")
            st.dataframe(products[["partner", "product", "indicator", "value", "unit", "period", "published",
                                   "evidence", "url"]], hide_index=True, column_config=state.table_columns())


page()
