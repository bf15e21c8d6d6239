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

_MAP_HEIGHT = 560


def _esc(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else html.escape(str(value))


def _clip(value, n: int = 160) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return _esc(text if len(text) <= n else text[: n - 1] + "…")


def empty_figure(message: str) -> go.Figure:
    """A blank figure carrying one sentence, for views with nothing to draw yet."""
    fig = go.Figure()
    fig.add_annotation(text=_esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
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
        hover = [f"<b>{_esc(nm)}</b> ({_esc(c)})<br>{n:,} {unit_label}: {co:,} cooperation, "
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
    if focus and not places.empty and focus in set(places["iso3"]):
        p = places.set_index("iso3").loc[focus]
        fig.add_trace(go.Scattergeo(lat=[p["lat"]], lon=[p["lon"]], mode="markers", showlegend=False,
                                    marker={"size": 10, "color": "#222", "symbol": "star"},
                                    hoverinfo="text", text=[_esc(p["name"])], name="focus"))
    # The whole world, always: plotly would otherwise frame only the traces' extent.
    fig.update_geos(resolution=50, showcountries=True, countrycolor="#aaa", showcoastlines=False,
                    showland=True, landcolor="#f2f2f2", showframe=False, projection_type="natural earth",
                    fitbounds=False, projection_rotation_lon=0, center={"lon": 0, "lat": 10},
                    lonaxis_range=[-180, 180], lataxis_range=[-58, 85])
    fig.update_layout(height=_MAP_HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0})
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
        label = (f"{_esc(names.get(row.a, row.a))} – {_esc(names.get(row.b, row.b))}<br>"
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
    src = dated["source"].map(lambda c: _esc(names.get(c, c)))
    tgt = dated["target"].map(lambda c: _esc(names.get(c, c)))
    hover = ("<b>" + src + " → " + tgt + "</b>: " + dated["event_type"].map(_esc) + " ("
             + dated["status"].map(_esc) + ")<br>" + span + " · " + dated["n_reports"].astype(int).astype(str)
             + " report(s)<br>" + dated["evidence"].map(_clip))
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
    label = [f"{_esc(names.get(a, a))} – {_esc(names.get(b, b))}" for a, b in zip(pairs["a"], pairs["b"],
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
    hover = [f"{_esc(label.get(p, p))}: {v:g}% · period {_esc(per)} · {pub}<br>{_clip(ev)}"
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


# --- official trade beside what the news reports ------------------------------------------------------
OFFICIAL_COLOUR = "#9ecae1"
REPORTED_COLOUR = "#08306b"
FLAGGED_COLOUR = "#d62728"
_LINE_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")
_DATASET_DASH = {"dots": "solid", "factbook": "dot"}   # imports: dash


def _unit_text(indicator: str) -> str:
    return "%" if indicator.endswith("_share") else " US$ m"


def _fmt(v, indicator: str) -> str:
    if v is None or pd.isna(v):
        return "–"
    return f"{v:.2f}%" if indicator.endswith("_share") else f"{v:,.0f} US$ m"


def _gap_text(v, indicator: str) -> str:
    if v is None or pd.isna(v):
        return "no official value to compare"
    return f"{v:+.2f} pp" if indicator.endswith("_share") else f"{v:+,.0f} US$ m"


def _day(v) -> str:
    return "" if v is None or pd.isna(v) else f"{pd.Timestamp(v):%Y-%m-%d}"


def trade_partner_slots(partners: pd.DataFrame, figures: pd.DataFrame, bars: int = 10,
                        extra: int = 10) -> list[str]:
    """The partners the bar chart has a slot for: the `bars` largest official ones, then up to `extra`
    more that the news reports about (most reported first). Pure; the page says how many are left out."""
    top = list(partners["partner"].head(bars))
    drawn = figures[figures["on_axis"].notna()] if not figures.empty and "on_axis" in figures else figures.iloc[0:0]
    others = drawn[~drawn["partner"].isin(top)]["partner"].value_counts(sort=True)
    # value_counts ties keep no fixed order: sort by count, then code, so the same data gives the same chart
    ranked = sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))
    return top + [p for p, _ in ranked[:extra]]


def trade_partners(partners: pd.DataFrame, figures: pd.DataFrame, names: Mapping[str, str] | None = None,
                   indicator: str = "trade_share", year: int | None = None, source: str | None = None,
                   bars: int = 10, extra: int = 10) -> go.Figure:
    """Official partners as bars (the largest `bars` of `partners`: rank, partner, value) and every
    reported figure that can be drawn on these axes (`on_axis`, official unit) as a diamond at its
    partner, with the gap to that partner's official bar; up to `extra` partners that only the news
    names get a slot too (trade_partner_slots). figures: partner, on_axis, chart_official, chart_gap,
    published, period, evidence."""
    names = names or {}
    drawn = figures[figures["on_axis"].notna()] if not figures.empty and "on_axis" in figures else figures.iloc[0:0]
    if partners.empty and drawn.empty:
        return empty_figure("No official figures and no reported ones to draw.")
    order = trade_partner_slots(partners, figures, bars, extra)
    drawn = drawn[drawn["partner"].isin(order)]
    label = {p: _esc(names.get(p, p)) for p in order}
    traces: list[dict] = []
    annotations: list[dict] = []
    if not partners.empty:
        by = partners.set_index("partner")
        shown = [p for p in order if p in by.index]
        traces.append({
            "type": "bar", "x": [label[p] for p in shown], "y": [float(by.at[p, "value"]) for p in shown],
            "marker": {"color": OFFICIAL_COLOUR}, "name": f"official {year} ({_esc(source)})", "customdata": shown,
            "text": [_fmt(by.at[p, "value"], indicator) for p in shown], "textposition": "outside",
            "hovertemplate": "%{x}: %{text} official" + (f", {year}, {_esc(source)}" if year else "") + "<extra></extra>"})
    if not drawn.empty:
        # Hover labels built column-wise: a reporter can have thousands of reported figures.
        pub = pd.to_datetime(drawn["published"]).dt.strftime("%Y-%m-%d").fillna("")
        hover = ("<b>" + drawn["partner"].map(label) + "</b>: reported "
                 + drawn["on_axis"].map(lambda v: _fmt(v, indicator)) + " · published " + pub + " · period "
                 + drawn["period"].map(lambda v: _esc(v) or "–") + f"<br>official {year}: "
                 + drawn["chart_official"].map(lambda v: _fmt(v, indicator)) + " · gap "
                 + drawn["chart_gap"].map(lambda v: _gap_text(v, indicator)) + "<br>" + drawn["evidence"].map(_clip))
        traces.append({
            "type": "scatter", "x": drawn["partner"].map(label).tolist(), "y": drawn["on_axis"].tolist(),
            "mode": "markers", "name": "reported in the news", "text": hover.tolist(),
            "hovertemplate": "%{text}<extra></extra>",
            "customdata": drawn["record_id"].tolist() if "record_id" in drawn else None,
            "marker": {"size": 12, "symbol": "diamond", "color": REPORTED_COLOUR, "line": {"width": 1, "color": "#fff"}}})
        # The gap, written once per partner (its newest report), next to the diamond.
        newest = drawn.sort_values("published", ascending=False, na_position="last").drop_duplicates("partner")
        annotations = [{"x": label[p], "y": v, "text": f"gap {_gap_text(g, indicator)}", "showarrow": True,
                        "arrowhead": 0, "ax": 48, "ay": -24, "font": {"size": 12, "color": REPORTED_COLOUR}}
                       for p, v, g in zip(newest["partner"], newest["on_axis"], newest["chart_gap"], strict=True)
                       if pd.notna(g)]
    unit = "%" if indicator.endswith("_share") else "US$ m"
    layout = {"height": 440, "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "barmode": "overlay",
              "yaxis": {"title": {"text": f"{indicator.replace('_', ' ')} ({unit})"}},
              "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": [label[p] for p in order]},
              "legend": {"orientation": "h", "y": 1.1}, "annotations": annotations}
    # Plain dicts without plotly's per-element validation (as pair_timeline): every value is well-formed.
    return go.Figure(data=traces, layout=layout, _validate=False)


def trade_lines(lines: pd.DataFrame, figures: pd.DataFrame, names: Mapping[str, str] | None = None,
                indicator: str = "trade_share", year: int | None = None) -> go.Figure:
    """The partners' official values over the years, one line per partner and dataset (datasets kept
    apart: dots solid, Factbook dotted, imports dashed), and each reported figure as a diamond at the
    year it is about (`official_year`), on the same axes. The year on the bar chart is marked."""
    names = names or {}
    if lines.empty:
        return empty_figure("No official values over the years for these partners.")
    colour = {p: _LINE_COLOURS[i % len(_LINE_COLOURS)] for i, p in enumerate(dict.fromkeys(lines["partner"]))}
    fig = go.Figure()
    for (p, ds), g in lines.groupby(["partner", "dataset"], sort=False):
        g = g.sort_values("year")
        src = _esc(g["source"].iloc[0])
        fig.add_trace(go.Scatter(
            x=g["year"].tolist(), y=g["value"].tolist(), mode="lines+markers", name=f"{_esc(names.get(p, p))} ({src})",
            line={"color": colour[p], "dash": _DATASET_DASH.get(ds, "dash"), "width": 2}, marker={"size": 5},
            hovertemplate=f"{_esc(names.get(p, p))}, %{{x}}: %{{y:,.2f}}{_unit_text(indicator)} ({src})<extra></extra>"))
    drawn = figures[figures["on_axis"].notna()] if not figures.empty and "on_axis" in figures else figures.iloc[0:0]
    if not drawn.empty:
        drawn = drawn[drawn["official_year"].notna() & drawn["partner"].isin(colour)]
    if not drawn.empty:
        hover = [f"<b>{_esc(names.get(p, p))}</b>: reported {_fmt(v, indicator)} about {int(y)} · published "
                 f"{_day(pub)}<br>{_clip(ev)}"
                 for p, v, y, pub, ev in zip(drawn["partner"], drawn["on_axis"], drawn["official_year"],
                                             drawn["published"], drawn["evidence"], strict=True)]
        fig.add_trace(go.Scatter(
            x=[int(y) for y in drawn["official_year"]], y=drawn["on_axis"].tolist(), mode="markers",
            name="reported in the news", text=hover, hovertemplate="%{text}<extra></extra>",
            marker={"size": 12, "symbol": "diamond", "color": [colour[p] for p in drawn["partner"]],
                    "line": {"width": 1.5, "color": REPORTED_COLOUR}}))
    if year is not None:
        fig.add_vline(x=year, line={"color": "#999", "dash": "dot", "width": 1})
    unit = "%" if indicator.endswith("_share") else "US$ m"
    fig.update_layout(height=420, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      yaxis_title=f"{indicator.replace('_', ' ')} ({unit})", xaxis_title="year",
                      legend={"orientation": "h", "y": -0.2})
    return fig


def dependence_map(dep: pd.DataFrame, places: pd.DataFrame, focus: str,
                   indicator: str = "trade_share") -> go.Figure:
    """Every country coloured by the share of its trade that is with the focus country
    (dep: country, value, year, source); customdata is the ISO3 code, as on the counts map."""
    names = dict(zip(places["iso3"], places["name"], strict=False)) if not places.empty else {}
    fig = go.Figure()
    focus_name = _esc(names.get(focus, focus))
    what = {"trade_share": "of its trade (exports + imports)", "export_share": "of its exports",
            "import_share": "of its imports"}[indicator]
    if not dep.empty:
        hover = [f"<b>{_esc(names.get(c, c))}</b> ({_esc(c)})<br>{v:.2f}% {what} is with {focus_name}"
                 f"<br>{int(y)}, {_esc(s)}"
                 for c, v, y, s in zip(dep["country"], dep["value"], dep["year"], dep["source"], strict=True)]
        fig.add_trace(go.Choropleth(
            locations=dep["country"], z=dep["value"], locationmode="ISO-3", customdata=dep["country"], text=hover,
            hovertemplate="%{text}<extra></extra>", colorscale="YlOrRd", zmin=0,
            zmax=max(1.0, float(dep["value"].max())), marker_line_color="#888", marker_line_width=0.4,
            colorbar={"title": {"text": f"% with {focus_name}"}, "thickness": 12, "len": 0.6}, name="countries"))
    if focus and not places.empty and focus in set(places["iso3"]):
        p = places.set_index("iso3").loc[focus]
        fig.add_trace(go.Scattergeo(lat=[p["lat"]], lon=[p["lon"]], mode="markers", showlegend=False,
                                    marker={"size": 10, "color": "#222", "symbol": "star"},
                                    hoverinfo="text", text=[_esc(p["name"])], name="focus"))
    fig.update_geos(resolution=50, showcountries=True, countrycolor="#aaa", showcoastlines=False,
                    showland=True, landcolor="#f2f2f2", showframe=False, projection_type="natural earth",
                    fitbounds=False, projection_rotation_lon=0, center={"lon": 0, "lat": 10},
                    lonaxis_range=[-180, 180], lataxis_range=[-58, 85])
    fig.update_layout(height=_MAP_HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


def pair_trade(mirror: pd.DataFrame, names: Mapping[str, str] | None = None) -> go.Figure:
    """The pair's trade over the years, both directions, each as both reporters recorded it:
    colour = direction (exporter -> importer), solid = the exporter's record of its exports (FOB),
    dashed = the importer's record of its imports (CIF). Datasets are separate lines.
    mirror: year, exporter, importer, record_of, flow, value_usd_m, source, dataset (trade.mirror)."""
    if mirror.empty:
        return empty_figure("No official trade statistics for this pair.")
    names = names or {}
    directions = list(dict.fromkeys(zip(mirror["exporter"], mirror["importer"], strict=True)))
    colour = {d: _LINE_COLOURS[i % len(_LINE_COLOURS)] for i, d in enumerate(sorted(directions))}
    several = mirror["dataset"].nunique() > 1
    fig = go.Figure()
    for (exp, imp, flow, _ds), g in mirror.groupby(["exporter", "importer", "flow", "dataset"], sort=True):
        g = g.sort_values("year")
        whose = exp if flow == "exports" else imp
        e, i, w = (_esc(names.get(c, c)) for c in (exp, imp, whose))
        src = _esc(g["source"].iloc[0])
        basis = "its exports, FOB" if flow == "exports" else "its imports, CIF"
        name = f"{e} → {i}, as {w} recorded it" + (f" ({src})" if several else "")
        fig.add_trace(go.Scatter(
            x=g["year"].tolist(), y=(g["value_usd_m"] / 1000).tolist(), mode="lines+markers", name=name,
            line={"color": colour[(exp, imp)], "dash": "solid" if flow == "exports" else "dash", "width": 2},
            marker={"size": 4},
            hovertemplate=f"{e} → {i}, %{{x}}: US$ %{{y:,.1f}} bn<br>{w}'s record ({basis}), {src}<extra></extra>"))
    fig.update_layout(height=400, margin={"l": 10, "r": 10, "t": 30, "b": 10}, yaxis_title="US$ bn",
                      xaxis_title="year", legend={"orientation": "h", "y": -0.2})
    return fig


def _share_or_value(v, indicator: str) -> str:
    if v is None or pd.isna(v):
        return "–"
    if indicator.endswith("_share"):
        return f"{v:g}%"
    if indicator.endswith("_rank"):
        return f"rank {v:g}"
    return f"US$ {v:,.0f}"   # a value figure's own unit: US dollars


def reported_vs_official_line(row: Mapping, partner_name: str, indicator: str, year: int | None,
                              source: str | None) -> str:
    """One reported figure beside the official bar it is drawn next to, as Markdown (a label):
    'China: reported 20% (about) · official 24.63% in 2020 (IMF DOTS) · gap -4.63 pp · published ...'."""
    qual = row.get("qualifier")
    if isinstance(qual, str) and qual:
        qual = f" ({md_escape(qual)})"      # as written: "about", "more than"
    else:
        qual = " (approximate)" if row.get("approximate") is True else ""
    v = row.get("on_axis")
    shown = f"{v:g}%" if indicator.endswith("_share") else _fmt(v, indicator)   # on_axis: the official unit
    head = f"{md_escape(partner_name)}: reported {md_escape(shown)}{qual}"
    official = row.get("chart_official")
    if year is None or official is None or pd.isna(official):
        tail = " · no official value for this partner" + (f" in {year}" if year else "")
    else:
        tail = (f" · official {md_escape(_fmt(official, indicator))} in {year} ({md_escape(source)})"
                f" · gap {md_escape(_gap_text(row.get('chart_gap'), indicator))}")
    return f"{head}{tail} · published {_day(row.get('published'))}"


def official_year_line(row: Mapping) -> str:
    """The comparison with the official value of the figure's own year (the rule of docs/trade.md),
    as Markdown: which year, why that year, and the official value, gap and flag or why there is none."""
    y = row.get("official_year")
    period = row.get("period")
    has_period = isinstance(period, str) and period.strip() != ""
    if y is None or pd.isna(y):
        return f"Not compared with an official value: {md_escape(row.get('official_note'))}."
    why = f"its period {md_escape(period)}" if has_period else "no period given: the year before publication"
    head = f"The year it is about: **{int(y)}** ({why}). "
    official = row.get("official_value")
    ind = str(row.get("indicator") or "")
    if official is None or pd.isna(official):
        return head + md_escape(str(row.get("official_note") or "no official value") + ".")
    flag = "**flagged**: further from the official value than most official sources are from each other" \
        if bool(row.get("flagged")) else "not flagged"
    gap = row.get("gap")
    gap_text = "–" if gap is None or pd.isna(gap) else (f"{gap:+g} pp" if ind.endswith("_share") else f"{gap:+,g}")
    return head + (f"Official {md_escape(_share_or_value(official, ind))} ({md_escape(row.get('official_source'))}),"
                   f" gap {md_escape(gap_text)}, {flag}.")
