"""Map page: a choropleth of interactions (or net cooperation) per country with arcs between the
capitals of the most active pairs; clicking a country makes it the focus of the whole app."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, queries, state
from dashboard.urlstate import COUNT_UNITS, MAP_METRICS, MAX_ARCS, UNIT_LABELS

METRIC_LABELS = {"count": "interactions", "net": "net cooperation − conflict"}

st.title("Map" + (f" · {state.label(state.view().country)}" if state.view().country else ""))
c1, c2, c3 = st.columns([2, 2, 1])
metric = state.choice("metric", "Colour countries by", MAP_METRICS, c1, fmt=METRIC_LABELS.get)
unit = state.choice("unit", "Count", COUNT_UNITS, c2, fmt=UNIT_LABELS.get)
n_arcs = state.number("arcs", "Arcs (top pairs)", 0, MAX_ARCS, 10, c3)

view = state.view()
con = state.connection()
totals = queries.country_totals(con, view)
pairs = queries.pair_totals(con, view, limit=int(n_arcs))
if totals.empty:
    st.info("No interactions match the current filters.")
fig = charts.world_map(totals, pairs, state.places(), metric=metric, focus=view.country, unit_label=unit)
st.plotly_chart(fig, key=state.MAP_KEY, on_select="rerun", selection_mode="points",
                config={"topojsonURL": "app/static/", "displaylogo": False, "scrollZoom": False})
st.caption("Click a country to focus the whole dashboard on it (clear it in the sidebar). Arcs join capitals; "
           "blue where cooperation dominates, red where conflict does; width by count.")

# Downloads: exactly what the map shows, for this view's filters and store version.
_dl = st.columns(2)
state.download("Country totals (CSV)", totals.assign(name=[state.names().get(c, c) for c in totals["country"]]),
               "map_countries", "dl_map_countries", _dl[0])
state.download("Pairs drawn as arcs (CSV)", pairs, "map_pairs", "dl_map_pairs", _dl[1])

if not totals.empty:
    names = state.names()
    table = totals.assign(name=[names.get(c, c) for c in totals["country"]])
    st.dataframe(table[["name", "country", "n", "n_coop", "n_conflict", "net"]].head(50), hide_index=True,
                 column_config={"n": unit, "n_coop": "cooperation", "n_conflict": "conflict"})
