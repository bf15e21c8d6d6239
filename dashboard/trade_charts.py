"""Charts of official trade beside what the news reports: partners as bars with the reported figures
drawn on the same axes, shares over the years, the dependence map, a pair's trade both ways, and the
one-line texts under them. Pure, like dashboard/charts.py, whose escaping and empty figure they share."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import clip_text, empty_figure, escape_label, finish_world_map, md_escape

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
    label = {p: escape_label(names.get(p, p)) for p in order}
    traces: list[dict] = []
    annotations: list[dict] = []
    if not partners.empty:
        by = partners.set_index("partner")
        shown = [p for p in order if p in by.index]
        traces.append({
            "type": "bar", "x": [label[p] for p in shown], "y": [float(by.at[p, "value"]) for p in shown],
            "marker": {"color": OFFICIAL_COLOUR}, "name": f"official {year} ({escape_label(source)})", "customdata": shown,
            "text": [_fmt(by.at[p, "value"], indicator) for p in shown], "textposition": "outside",
            "hovertemplate": "%{x}: %{text} official" + (f", {year}, {escape_label(source)}" if year else "") + "<extra></extra>"})
    if not drawn.empty:
        # Hover labels built column-wise: a reporter can have thousands of reported figures.
        pub = pd.to_datetime(drawn["published"]).dt.strftime("%Y-%m-%d").fillna("")
        hover = ("<b>" + drawn["partner"].map(label) + "</b>: reported "
                 + drawn["on_axis"].map(lambda v: _fmt(v, indicator)) + " · published " + pub + " · period "
                 + drawn["period"].map(lambda v: escape_label(v) or "–") + f"<br>official {year}: "
                 + drawn["chart_official"].map(lambda v: _fmt(v, indicator)) + " · gap "
                 + drawn["chart_gap"].map(lambda v: _gap_text(v, indicator)) + "<br>" + drawn["evidence"].map(clip_text))
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
        src = escape_label(g["source"].iloc[0])
        fig.add_trace(go.Scatter(
            x=g["year"].tolist(), y=g["value"].tolist(), mode="lines+markers", name=f"{escape_label(names.get(p, p))} ({src})",
            line={"color": colour[p], "dash": _DATASET_DASH.get(ds, "dash"), "width": 2}, marker={"size": 5},
            hovertemplate=f"{escape_label(names.get(p, p))}, %{{x}}: %{{y:,.2f}}{_unit_text(indicator)} ({src})<extra></extra>"))
    drawn = figures[figures["on_axis"].notna()] if not figures.empty and "on_axis" in figures else figures.iloc[0:0]
    if not drawn.empty:
        drawn = drawn[drawn["official_year"].notna() & drawn["partner"].isin(colour)]
    if not drawn.empty:
        hover = [f"<b>{escape_label(names.get(p, p))}</b>: reported {_fmt(v, indicator)} about {int(y)} · published "
                 f"{_day(pub)}<br>{clip_text(ev)}"
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
    focus_name = escape_label(names.get(focus, focus))
    what = {"trade_share": "of its trade (exports + imports)", "export_share": "of its exports",
            "import_share": "of its imports"}[indicator]
    if not dep.empty:
        hover = [f"<b>{escape_label(names.get(c, c))}</b> ({escape_label(c)})<br>{v:.2f}% {what} is with {focus_name}"
                 f"<br>{int(y)}, {escape_label(s)}"
                 for c, v, y, s in zip(dep["country"], dep["value"], dep["year"], dep["source"], strict=True)]
        fig.add_trace(go.Choropleth(
            locations=dep["country"], z=dep["value"], locationmode="ISO-3", customdata=dep["country"], text=hover,
            hovertemplate="%{text}<extra></extra>", colorscale="YlOrRd", zmin=0,
            zmax=max(1.0, float(dep["value"].max())), marker_line_color="#888", marker_line_width=0.4,
            colorbar={"title": {"text": f"% with {focus_name}"}, "thickness": 12, "len": 0.6}, name="countries"))
    return finish_world_map(fig, places, focus)


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
        e, i, w = (escape_label(names.get(c, c)) for c in (exp, imp, whose))
        src = escape_label(g["source"].iloc[0])
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
