"""The dashboard's charts: pure functions from the query layer's DataFrames to plotly Figures.

No Streamlit and no I/O here. Text that comes from articles (evidence, titles) is HTML-escaped
before it reaches a hover label, because plotly renders a few tags (<a>, <b>, <br>) in labels.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go

from pipeline.schema import PLOVER_TYPES, QUAD_CLASS, STATUSES

COOPERATION_COLOUR = "#1f77b4"
CONFLICT_COLOUR = "#d62728"
# One hue family per quad class, light to dark in codebook order, so stacked bars read by class.
_QUAD_PALETTES = {
    "verbal_cooperation": ["#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    "material_cooperation": ["#a1d99b", "#41ab5d", "#006d2c"],
    "verbal_conflict": ["#fdd0a2", "#fdae6b", "#f16913", "#a63603"],
    "material_conflict": ["#fcbba1", "#fb6a4a", "#de2d26", "#a50f15", "#67000d"],
}
TYPE_COLOURS: dict[str, str] = {}
for _quad, _palette in _QUAD_PALETTES.items():
    for _t, _c in zip([t for t in PLOVER_TYPES if QUAD_CLASS[t] == _quad], _palette, strict=True):
        TYPE_COLOURS[_t] = _c
STATUS_SYMBOLS = dict(zip(STATUSES, ("circle", "circle-open", "diamond", "x", "square-open"), strict=True))

MAP_HEIGHT = 560


def escape_label(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else html.escape(str(value))


def clip_text(value, n: int = 160) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return escape_label(text if len(text) <= n else text[: n - 1] + "…")


def empty_figure(message: str) -> go.Figure:
    """A blank figure carrying one sentence, for views with nothing to draw yet."""
    fig = go.Figure()
    fig.add_annotation(text=escape_label(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 15})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def world_map(totals: pd.DataFrame, pairs: pd.DataFrame, places: pd.DataFrame, metric: str = "count",
              focus: str | None = None, unit_label: str = "events") -> go.Figure:
    """Choropleth of per-country totals (`n`, or `net` cooperation - conflict) with an arc between the
    capitals of each pair (width by count, blue when cooperation dominates, red for conflict).

    totals: country, n, n_coop, n_conflict, net. pairs: a, b, n, n_coop, n_conflict, net.
    places: iso3, name, lat, lon (capital coordinates). The choropleth's customdata is the ISO3
    code, so a click selection says which country was picked."""
    names = dict(zip(places["iso3"], places["name"], strict=False)) if not places.empty else {}
    fig = go.Figure()
    if not totals.empty:
        z = totals["net"] if metric == "net" else totals["n"]
        name_col = [names.get(c, c) for c in totals["country"]]
        hover = [f"<b>{escape_label(nm)}</b> ({escape_label(c)})<br>{n:,} {unit_label}: {co:,} cooperation, "
                 f"{cf:,} conflict<br>net {nt:+,}"
                 for nm, c, n, co, cf, nt in zip(name_col, totals["country"], totals["n"], totals["n_coop"],
                                                totals["n_conflict"], totals["net"], strict=True)]
        if metric == "net":
            bound = max(1, int(z.abs().max()))
            colour = {"colorscale": "RdBu", "zmin": -bound, "zmax": bound, "zmid": 0}
            title = "net coop. − conflict"
        else:
            colour = {"colorscale": "Blues", "zmin": 0}
            title = unit_label
        fig.add_trace(go.Choropleth(
            locations=totals["country"], z=z, locationmode="ISO-3", customdata=totals["country"],
            text=hover, hovertemplate="%{text}<extra></extra>", marker_line_color="#888", marker_line_width=0.4,
            colorbar={"title": {"text": title}, "thickness": 12, "len": 0.6}, name="countries", **colour))
    if not pairs.empty and not places.empty:
        _add_arcs(fig, pairs, places, names, unit_label)
    return finish_world_map(fig, places, focus)


def finish_world_map(fig: go.Figure, places: pd.DataFrame, focus: str | None) -> go.Figure:
    """The frame every world map shares: a star on the focus country's capital, the whole world in
    view (plotly would otherwise frame only the traces' extent) and the map's height."""
    if focus and not places.empty and focus in set(places["iso3"]):
        p = places.set_index("iso3").loc[focus]
        fig.add_trace(go.Scattergeo(lat=[p["lat"]], lon=[p["lon"]], mode="markers", showlegend=False,
                                    marker={"size": 10, "color": "#222", "symbol": "star"},
                                    hoverinfo="text", text=[escape_label(p["name"])], name="focus"))
    fig.update_geos(resolution=50, showcountries=True, countrycolor="#aaa", showcoastlines=False,
                    showland=True, landcolor="#f2f2f2", showframe=False, projection_type="natural earth",
                    fitbounds=False, projection_rotation_lon=0, center={"lon": 0, "lat": 10},
                    lonaxis_range=[-180, 180], lataxis_range=[-58, 85])
    fig.update_layout(height=MAP_HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


ARC_WIDTHS = (1.0, 2.5, 4.5, 7.0)   # four width classes by share of the busiest pair


def _add_arcs(fig: go.Figure, pairs: pd.DataFrame, places: pd.DataFrame, names: Mapping[str, str],
              unit_label: str) -> None:
    """Arcs between capitals, batched into one trace per (colour, width class): a trace per pair
    costs plotly ~10 ms each to build, which is most of a map page's time at 40+ pairs."""
    coords = places.set_index("iso3")[["lat", "lon"]]
    known = pairs[pairs["a"].isin(coords.index) & pairs["b"].isin(coords.index)]
    if known.empty:
        return
    top = float(known["n"].max())
    width_class = [min(len(ARC_WIDTHS) - 1, int(len(ARC_WIDTHS) * n / top)) for n in known["n"]]
    groups: dict[tuple[bool, int], tuple[list, list, list]] = {}
    for row, w in zip(known.itertuples(index=False), width_class, strict=True):
        lat, lon, text = groups.setdefault((row.net >= 0, w), ([], [], []))
        label = (f"{escape_label(names.get(row.a, row.a))} – {escape_label(names.get(row.b, row.b))}<br>"
                 f"{row.n:,} {unit_label}: {row.n_coop:,} cooperation, {row.n_conflict:,} conflict")
        lat += [coords.at[row.a, "lat"], coords.at[row.b, "lat"], None]
        lon += [coords.at[row.a, "lon"], coords.at[row.b, "lon"], None]
        text += [label, label, None]
    for (coop, w), (lat, lon, text) in sorted(groups.items()):
        fig.add_trace(go.Scattergeo(
            lat=lat, lon=lon, mode="lines", hoverinfo="text", text=text, opacity=0.75, showlegend=False,
            line={"width": ARC_WIDTHS[w], "color": COOPERATION_COLOUR if coop else CONFLICT_COLOUR},
            name="cooperation arcs" if coop else "conflict arcs"))


def pair_timeline(events: pd.DataFrame, names: Mapping[str, str] | None = None) -> go.Figure:
    """The pair's interactions as bars from date_start to date_end (a point for one-day events), one
    row per PLOVER type, marker by status: a planned visit sits at its planned dates."""
    dated = events.dropna(subset=["when"]) if not events.empty else events
    if dated.empty:
        return empty_figure("No dated interactions for this pair with the current filters.")
    names = names or {}
    # Hover labels built column-wise: thousands of points per pair are common at scale.
    start = pd.to_datetime(dated["when"])
    end = pd.to_datetime(dated["date_end"]).where(dated["date_end"].notna(), start)
    end = end.where(end >= start, start)
    mid = start + (end - start) / 2
    span = start.dt.strftime("%Y-%m-%d").where(end == start, start.dt.strftime("%Y-%m-%d") + " to "
                                                + end.dt.strftime("%Y-%m-%d"))
    src = dated["source"].map(lambda c: escape_label(names.get(c, c)))
    tgt = dated["target"].map(lambda c: escape_label(names.get(c, c)))
    hover = ("<b>" + src + " → " + tgt + "</b>: " + dated["event_type"].map(escape_label) + " ("
             + dated["status"].map(escape_label) + ")<br>" + span + " · " + dated["n_reports"].astype(int).astype(str)
             + " report(s)<br>" + dated["evidence"].map(clip_text))
    colour = dated["event_type"].map(lambda t: TYPE_COLOURS.get(t, "#777"))
    half_ms = (end - mid).dt.total_seconds() * 1000
    traces = []
    for status in STATUSES:
        sel = (dated["status"] == status).to_numpy()
        if not sel.any():
            continue
        traces.append({
            "type": "scatter", "x": mid[sel].tolist(), "y": dated["event_type"][sel].tolist(), "mode": "markers",
            "name": status, "text": hover[sel].tolist(), "hovertemplate": "%{text}<extra></extra>",
            "error_x": {"type": "data", "array": half_ms[sel].tolist(), "symmetric": True, "width": 0,
                        "thickness": 5, "color": "#9e9e9e"},
            "marker": {"size": 11, "symbol": STATUS_SYMBOLS[status], "color": colour[sel].tolist(),
                       "line": {"width": 2, "color": colour[sel].tolist()}}})
    # Built from plain dicts without plotly's per-element validation (a colour check per point
    # took most of a second at 1,500 points); every value above is already well-formed.
    fig = go.Figure(data=traces, _validate=False)
    order = [t for t in PLOVER_TYPES if t in set(dated["event_type"])]
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    pad = timedelta(days=15)
    fig.update_xaxes(range=[pd.to_datetime(dated["when"]).min() - pad,
                            pd.to_datetime(dated["date_end"].fillna(dated["when"])).max() + pad])
    fig.update_layout(height=120 + 32 * len(order), margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      legend={"title": {"text": "status"}, "orientation": "h", "y": 1.1})
    return fig


_PERIOD_MS = {"day": 86_400_000, "week": 7 * 86_400_000, "month": 30 * 86_400_000}


def counts_over_time(counts: pd.DataFrame, unit_label: str = "events", granularity: str = "month") -> go.Figure:
    """Stacked bars: counts per period, one colour per PLOVER type (hues by quad class); each bar
    as wide as its period (plotly's default is a sliver on a date axis spanning years)."""
    if counts.empty:
        return empty_figure("Nothing to count with the current filters.")
    fig = go.Figure()
    for t in PLOVER_TYPES:
        part = counts[counts["event_type"] == t]
        if part.empty:
            continue
        fig.add_trace(go.Bar(x=part["period"], y=part["n"], name=t, marker_color=TYPE_COLOURS[t],
                             width=0.85 * _PERIOD_MS.get(granularity, _PERIOD_MS["month"]), offset=0,
                             hovertemplate=f"{t}<br>%{{x|%Y-%m-%d}}: %{{y:,}} {unit_label}<extra></extra>"))
    fig.update_layout(barmode="stack", height=420, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      yaxis_title=unit_label, legend={"title": {"text": "PLOVER type"}})
    return fig


def top_pairs(pairs: pd.DataFrame, names: Mapping[str, str] | None = None, unit_label: str = "events"
              ) -> go.Figure:
    """Horizontal bars of the most active pairs, split into cooperation and conflict."""
    if pairs.empty:
        return empty_figure("No pairs with the current filters.")
    names = names or {}
    label = [f"{escape_label(names.get(a, a))} – {escape_label(names.get(b, b))}" for a, b in zip(pairs["a"], pairs["b"],
                                                                                 strict=True)]
    fig = go.Figure([
        go.Bar(y=label, x=pairs["n_coop"], orientation="h", name="cooperation", marker_color=COOPERATION_COLOUR,
               hovertemplate=f"%{{y}}: %{{x:,}} cooperative {unit_label}<extra></extra>"),
        go.Bar(y=label, x=pairs["n_conflict"], orientation="h", name="conflict", marker_color=CONFLICT_COLOUR,
               hovertemplate=f"%{{y}}: %{{x:,}} conflictual {unit_label}<extra></extra>"),
    ])
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="stack", height=max(260, 22 * len(pairs) + 60),
                      margin={"l": 10, "r": 10, "t": 10, "b": 10}, xaxis_title=unit_label)
    return fig


def trade_shares(latest: pd.DataFrame, reports: pd.DataFrame, names: Mapping[str, str] | None = None,
                 indicator: str = "trade_share") -> go.Figure:
    """One bar per partner (its latest reported value) and a dot for every report, so articles that
    disagree show as dots off the bar."""
    if latest.empty:
        return empty_figure("No figures of this kind reported for this country.")
    names = names or {}
    label = {p: names.get(p, p) for p in latest["partner"]}
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=[label[p] for p in latest["partner"]], y=latest["value"], name="latest report",
        marker_color="#6baed6", customdata=latest[["published", "period", "n_reports"]].astype(str).values,
        hovertemplate="%{x}: %{y:g}% (period %{customdata[1]}, published %{customdata[0]}; "
                      "%{customdata[2]} report(s))<extra></extra>"))
    hover = [f"{escape_label(label.get(p, p))}: {v:g}% · period {escape_label(per)} · {pub}<br>{clip_text(ev)}"
             for p, v, per, pub, ev in zip(reports["partner"], reports["value"], reports["period"],
                                           reports["published"], reports["evidence"], strict=True)]
    fig.add_trace(go.Scatter(
        x=[label.get(p, p) for p in reports["partner"]], y=reports["value"], mode="markers", name="each report",
        marker={"size": 9, "color": "#08306b", "symbol": "diamond"}, text=hover,
        hovertemplate="%{text}<extra></extra>"))
    fig.update_layout(height=420, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      yaxis_title=indicator.replace("_", " ") + " (%)", legend={"orientation": "h", "y": 1.08})
    return fig


# --- text ---------------------------------------------------------------------------------------------
_MD_SPECIAL = "\\`*_{}[]()<>#+-.!|~$:"


def md_escape(text) -> str:
    """Untrusted text as literal Markdown: every character Markdown or HTML could act on is
    backslash-escaped, so `<script>` shows as text and `[x](javascript:...)` is no link."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in " ".join(str(text).split()))


def record_markdown(row: Mapping) -> str:
    """One record as a Markdown quote: the evidence sentence, then the article title (a link only
    for an http(s) URL), the publication date and what was read out of the sentence."""
    what = row.get("what") or row.get("event_type") or row.get("indicator") or ""
    status = row.get("status")
    when = row.get("published")
    when = "" if when is None or pd.isna(when) else f"{pd.Timestamp(when):%Y-%m-%d}"
    title = md_escape(row.get("title") or "(untitled article)")
    url = row.get("url")
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
        title = f"[{title}]({safe})"
    head = f"**{md_escape(row.get('source'))} → {md_escape(row.get('target'))}** · {md_escape(what)}"
    if isinstance(status, str) and status:
        head += f", {md_escape(status)}"
    return f"> {md_escape(row.get('evidence'))}\n\n{head} · {title} · {when}"
