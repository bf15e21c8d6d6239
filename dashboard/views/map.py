"""Map page: a choropleth of interactions (or net cooperation) per country with arcs between the
capitals of the most active pairs, or, with a focus country, every country coloured by the share of
its trade that is with the focus ("who depends on China"); clicking a country makes it the focus."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, state, trade_charts
from dashboard import trade_queries as TQ
from dashboard.urlstate import COUNT_UNITS, MAP_METRICS, MAX_ARCS, UNIT_LABELS
from pipeline.errors import DyadError

METRIC_LABELS = {"count": "interactions", "net": "net cooperation − conflict",
                 "trade_share": "share of its trade with the focus country"}
MAP_CONFIG = {"topojsonURL": "app/static/", "displaylogo": False, "scrollZoom": False}

st.title("Map" + (f" · {state.label(state.view().country)}" if state.view().country else ""))
c1, c2, c3 = st.columns([2, 2, 1])
metric = state.choice("metric", "Colour countries by", MAP_METRICS, c1, fmt=METRIC_LABELS.get)
trade_map = metric == "trade_share" and state.view().country is not None
if not trade_map:  # counts and arcs only apply to the interactions map (the view keeps their values)
    unit = state.choice("unit", "Count", COUNT_UNITS, c2, fmt=UNIT_LABELS.get)
    n_arcs = state.number("arcs", "Arcs (top pairs)", 0, MAX_ARCS, 10, c3)

view = state.view()
con = state.connection()
names = state.names()
if metric == "trade_share" and view.country is None:
    st.info("Colouring by the share of trade needs a focus country: pick one in the sidebar or click a "
            "country on the map. Until then the map shows interactions.")

if trade_map:
    focus = view.country
    try:
        ref = TQ.reference(state.store_root())
    except DyadError as err:
        st.error(str(err))
        ref = None
if trade_map and ref is not None:
    years = TQ.partner_years(ref, focus)
    if view.year is not None and view.year not in years:
        st.warning(f"No official trade shares with {names.get(focus, focus)} in {view.year}; showing each "
                   "country's latest year.")
        state.update(year=None)
        st.session_state.pop("w_year", None)
    latest = "each country's latest"
    state.select("year", "Year", (None, *years), st.columns([1, 3])[0], fmt=lambda y: latest if y is None else str(y),
                 placeholder=latest)
    view = state.view()
    dep = TQ.dependence(ref, focus, view.year)
    dep = dep[dep["country"].isin(names)]   # former states (SUN, YUG ...) have no shape on today's map
    fig = trade_charts.dependence_map(dep, state.places(), focus)
    st.plotly_chart(fig, key=state.MAP_KEY, on_select="rerun", selection_mode="points", config=MAP_CONFIG)
    if dep.empty:
        st.info(f"No country's official statistics give a share of its trade with {names.get(focus, focus)}"
                + (f" in {view.year}." if view.year else "."))
    else:
        span = (f"{dep['year'].min()}–{dep['year'].max()}" if dep["year"].nunique() > 1 else str(dep["year"].iloc[0]))
        sources = ", ".join(sorted(set(dep["source"])))
        cov = TQ.memo(state.store_root(), "coverage", TQ.coverage)
        st.caption(f"Share of each country's total trade (its exports + imports, as it reports them) that is with "
                   f"{names.get(focus, focus)}: official numbers from **{sources}**, {span}, "
                   f"{len(dep)} countries. Coverage: {TQ.coverage_line(cov)}. Click a country to focus on it.")
        table = dep.assign(name=[names.get(c, c) for c in dep["country"]])
        state.download("Shares shown (CSV)", table[["name", "country", "value", "year", "source"]],
                       f"map_trade_share_{focus}", "dl_map_trade")
        st.dataframe(table[["name", "country", "value", "year", "source"]].head(50), hide_index=True,
                     column_config={"value": st.column_config.NumberColumn(
                         f"% of its trade with {focus}", format="%.2f")})
elif not trade_map:
    totals = queries.country_totals(con, view)
    pairs = queries.pair_totals(con, view, limit=int(n_arcs))
    if totals.empty:
        st.info("No interactions match the current filters.")
    shown = metric if metric in ("count", "net") else "count"
    fig = charts.world_map(totals, pairs, state.places(), metric=shown, focus=view.country, unit_label=unit)
    st.plotly_chart(fig, key=state.MAP_KEY, on_select="rerun", selection_mode="points", config=MAP_CONFIG)
    st.caption("Click a country to focus the whole dashboard on it (clear it in the sidebar). Arcs join capitals; "
               "blue where cooperation dominates, red where conflict does; width by count.")

    # Downloads: exactly what the map shows, for this view's filters and store version.
    _dl = st.columns(2)
    state.download("Country totals (CSV)", totals.assign(name=[names.get(c, c) for c in totals["country"]]),
                   "map_countries", "dl_map_countries", _dl[0])
    state.download("Pairs drawn as arcs (CSV)", pairs, "map_pairs", "dl_map_pairs", _dl[1])

    if not totals.empty:
        table = totals.assign(name=[names.get(c, c) for c in totals["country"]])
        st.dataframe(table[["name", "country", "n", "n_coop", "n_conflict", "net"]].head(50), hide_index=True,
                     column_config={"n": unit, "n_coop": "cooperation", "n_conflict": "conflict"})
