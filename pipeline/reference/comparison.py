"""Reported vs official: which official number a figure record is compared with (reporter, partner,
indicator and year, by the documented rule), the gap, and whether it is far enough off to flag.
The thresholds are calibrated on official-vs-official spreads (bench/trade_threshold.py, docs/trade.md)."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline.reference import DATA_DIR
from pipeline.reference.trade import (
    _AS_OF_SQL,
    _EST_SQL,
    _VALUE_SQL,
    INDICATORS,
    RANK_INDICATORS,
    SHARE_INDICATORS,
    UNIT,
    USD_PER_OFFICIAL_UNIT,
    VALUE_INDICATORS,
    _case,
)

# Thresholds, calibrated on official-vs-official spreads in the shipped table (bench/trade_threshold.py,
# docs/trade.md): a figure is flagged when it is further from the official value than about 9 in 10
# pairs of official records of the same quantity are from each other.
SHARE_ABS_PP = 3.0      # shares: |gap| above 3 percentage points ...
SHARE_REL = 0.5         # ... and above half the official share
VALUE_RATIO = 2.0       # values: reported more than twice, or less than half, the official value
RANK_GAP = 2            # ranks: two or more places apart ...
RANK_RATIO = 2.0        # ... and one more than twice the other (1st vs 3rd, 2nd vs 5th, 5th vs 11th)


@dataclass(frozen=True, slots=True)
class OfficialKey:
    """What a figure is compared with: reporter, partner, indicator and year in the official table,
    and the reported value in the official unit."""
    reporter: str
    partner: str
    indicator: str
    year: int
    reported: float
    basis: str          # "period", "period (part of the year)" or "published - 1"


@dataclass(frozen=True, slots=True)
class Verdict:
    gap: float          # reported - official, in the official unit (percentage points, US$ m, places)
    relative: float | None   # gap / |official|
    flagged: bool
    rule: str


def _blank(v) -> bool:
    """None, NaN, NaT, pd.NA or an empty string: a field a record does not have."""
    if v is None:
        return True
    if isinstance(v, str):
        return v.strip() == ""
    if isinstance(v, float):
        return math.isnan(v)
    return bool(pd.api.types.is_scalar(v) and pd.isna(v))


def _year_of(value) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, (date, datetime, pd.Timestamp)):
        return value.year
    m = re.match(r"\s*(\d{4})-\d{2}-\d{2}", str(value))
    return int(m.group(1)) if m else None


@lru_cache(maxsize=1)
def former_states() -> tuple[tuple[str, str, int, int], ...]:
    """(former, successor, first_year, last_year) from data/former_states.tsv."""
    rows = []
    with open(DATA_DIR / "former_states.tsv", encoding="utf-8") as fh:
        header = None
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            r = dict(zip(header, cells, strict=True))
            rows.append((r["former"], r["successor"], int(r["first_year"]), int(r["last_year"])))
    return tuple(rows)


def official_code(code: str, year: int) -> str:
    """The code DOTS uses for a country in a year: the gazetteer writes the Soviet Union as RUS, DOTS
    records SUN until 1991."""
    for former, successor, first, last in former_states():
        if code == successor and first <= year <= last:
            return former
    return code


def _period_year(period: str) -> tuple[int | None, bool, str]:
    """(year, part_of_year, why-not) for a figure's period: "2020" is a year; "2020-05" or "first half
    of 2020" a part of one; "1986/87", "1986-1990" or "1980s" span more than one year."""
    p = str(period).strip()
    if re.fullmatch(r"\d{4}", p):
        return int(p), False, ""
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", p):
        return int(p[:4]), True, ""
    years = re.findall(r"(?<!\d)(\d{4})(?!\d)", p)
    if len(years) == 1 and not re.search(r"\d{4}\s*(s\b|/|-\s*\d)", p):
        return int(years[0]), True, ""
    return None, False, f"period {p!r} is not one calendar year"


def official_key(figure: Mapping) -> tuple[OfficialKey | None, str]:
    """The reported-vs-official rule, step 1 (pure): which official value a figure record is compared
    with, or None and the reason it is not compared. The year is the figure's period, else the year
    before publication; shares compare with shares, values (US$ only) with values in US$ m, ranks
    with ranks; a figure about one product (tea, oil) is never compared with total trade."""
    indicator = figure.get("indicator")
    if indicator not in INDICATORS:
        return None, f"indicator {indicator!r} has no official counterpart"
    if not _blank(figure.get("product")):
        return None, f"about one product ({figure['product']}); official figures are total trade"
    reporter, partner = figure.get("source"), figure.get("target")
    if _blank(reporter) or _blank(partner):
        return None, "no reporter or partner"
    value = figure.get("value")
    if _blank(value):
        return None, "no value"
    value = float(value)
    unit = "" if _blank(figure.get("unit")) else str(figure["unit"]).strip()
    if indicator in SHARE_INDICATORS:
        if unit.lower() != "percent":
            return None, f"a share in {unit!r}, not percent"
    elif indicator in RANK_INDICATORS:
        if unit.lower() != "rank":
            return None, f"a rank in {unit!r}"
    elif unit.upper() != "USD":
        return None, f"a value in {unit or 'no unit'}; only US$ values are compared (no exchange rates here)"
    else:
        value = value / USD_PER_OFFICIAL_UNIT
    period = figure.get("period")
    if not _blank(period):
        year, partial, why = _period_year(period)
        if year is None:
            return None, why
        if partial and indicator in VALUE_INDICATORS:
            return None, f"a value for part of a year ({period}); official values are annual"
        basis = "period (part of the year)" if partial else "period"
    else:
        published = _year_of(figure.get("published"))
        if published is None:
            return None, "no period and no publication date"
        year, basis = published - 1, "published - 1"
    return OfficialKey(official_code(str(reporter), year), official_code(str(partner), year), indicator,
                       year, value, basis), basis


def judge(indicator: str, reported: float, official: float) -> Verdict:
    """The reported-vs-official rule, step 2 (pure): the gap and whether it is flagged."""
    gap = reported - official
    relative = gap / abs(official) if official else None
    if indicator in SHARE_INDICATORS:
        flagged = abs(gap) > SHARE_ABS_PP and (official <= 0 or abs(gap) > SHARE_REL * official)
        return Verdict(gap, relative, flagged, f"share: |gap| > {SHARE_ABS_PP:g} pp and > {SHARE_REL:.0%} of official")
    if indicator in RANK_INDICATORS:
        # Official ranks disagree more further down the list (partners' shares get closer), so the
        # allowed gap grows with the rank: a ratio, as for values, with a floor of RANK_GAP places.
        low, high = sorted((reported, official))
        flagged = abs(gap) >= RANK_GAP and (low <= 0 or high / low > RANK_RATIO)
        return Verdict(gap, relative, flagged, f"rank: {RANK_GAP}+ places and more than {RANK_RATIO:g}x apart")
    rule = f"value: more than {VALUE_RATIO:g}x or less than 1/{VALUE_RATIO:g} of official"
    if indicator == "trade_balance" and reported * official < 0:
        return Verdict(gap, relative, True, "balance: surplus vs deficit")
    if official == 0 or reported == 0:
        return Verdict(gap, relative, reported != official, rule)
    ratio = abs(reported) / abs(official)
    return Verdict(gap, relative, ratio > VALUE_RATIO or ratio < 1 / VALUE_RATIO, rule)


_COMPARE_OUT = ["figure", "record_id", "reporter", "partner", "indicator", "official_reporter", "official_partner",
                "year", "basis", "reported", "unit",
                "official", "estimated", "as_of", "official_source", "official_dataset", "n_official", "gap",
                "relative_gap", "flagged", "note", "first_official_year", "last_official_year"]


def compare_figures(con: duckdb.DuckDBPyConnection, figures: pd.DataFrame | Iterable[Mapping],
                    all_sources: bool = False) -> pd.DataFrame:
    """Every figure next to its official value (one join for all figures): one row per figure in input
    order (`figure` = its position), the preferred dataset's value per PRECEDENCE, how many datasets
    have one, the gap and the flag (judge). all_sources=True gives one row per figure and dataset.
    A figure with no comparable official value has a `note` saying why, and the official years the
    pair has for that indicator (first/last_official_year) when any."""
    rows = figures.to_dict("records") if isinstance(figures, pd.DataFrame) else list(figures)
    keyed = []
    notes: list[str] = []
    for i, f in enumerate(rows):
        key, note = official_key(f)
        notes.append(note)
        if key is not None:
            keyed.append((i, key.reporter, key.partner, key.indicator, key.year, key.reported, key.basis))
    k = pa.table({name: pa.array([r[j] for r in keyed], typ) for j, (name, typ) in enumerate(
        [("i", pa.int64()), ("reporter", pa.string()), ("partner", pa.string()), ("indicator", pa.string()),
         ("year", pa.int32()), ("reported", pa.float64()), ("basis", pa.string())])})
    value, est, as_of = _case(_VALUE_SQL), _case(_EST_SQL), _case(_AS_OF_SQL)
    con.register("_figure_keys", k)
    try:
        cur = con.execute(f"""
            WITH cand AS (
                SELECT k.i, t.year, t.priority, t.source, t.dataset, {value} AS official, {est} AS estimated,
                       {as_of} AS as_of
                FROM _figure_keys k JOIN trade_facts t ON t.reporter = k.reporter AND t.partner = k.partner),
            have AS (SELECT * FROM cand WHERE official IS NOT NULL),
            span AS (SELECT i, min(year) AS first_official_year, max(year) AS last_official_year FROM have GROUP BY i),
            hit AS (SELECT h.*, row_number() OVER (PARTITION BY h.i ORDER BY h.priority, h.source) AS pick,
                           count(*) OVER (PARTITION BY h.i) AS n_official
                    FROM have h JOIN _figure_keys k ON k.i = h.i AND h.year = k.year)
            SELECT k.*, hit.official, hit.estimated, hit.as_of, hit.source AS official_source,
                   hit.dataset AS official_dataset, coalesce(hit.n_official, 0) AS n_official,
                   span.first_official_year, span.last_official_year
            FROM _figure_keys k LEFT JOIN hit ON hit.i = k.i AND (? OR hit.pick = 1) LEFT JOIN span ON span.i = k.i
            ORDER BY k.i, hit.pick""", [bool(all_sources)])
        names = [d[0] for d in cur.description]
        by_i: dict[int, list[dict]] = {}
        for values in cur.fetchall():   # plain tuples: a DataFrame per figure would cost ~1 ms each
            r = dict(zip(names, values, strict=True))
            by_i.setdefault(r["i"], []).append(r)
    finally:
        con.unregister("_figure_keys")
    out = []
    for i, f in enumerate(rows):
        base = {"figure": i, "record_id": f.get("record_id"), "reporter": f.get("source"),
                "partner": f.get("target"), "indicator": f.get("indicator"), "note": notes[i]}
        g = by_i.get(i)
        if g is None:
            out.append(base)
            continue
        for r in g:
            row = {**base, "official_reporter": r["reporter"], "official_partner": r["partner"], "year": int(r["year"]),
                   "basis": r["basis"], "reported": r["reported"], "unit": UNIT[r["indicator"]],
                   "n_official": int(r["n_official"]),
                   "first_official_year": None if _blank(r["first_official_year"]) else int(r["first_official_year"]),
                   "last_official_year": None if _blank(r["last_official_year"]) else int(r["last_official_year"])}
            if _blank(r["official"]):
                row["note"] = f"no official {r['indicator']} for {r['reporter']}-{r['partner']} in {int(r['year'])}"
            else:
                v = judge(r["indicator"], float(r["reported"]), float(r["official"]))
                row.update(official=float(r["official"]), estimated=bool(r["estimated"]),
                           as_of=None if _blank(r["as_of"]) else r["as_of"], official_source=r["official_source"],
                           official_dataset=r["official_dataset"], gap=v.gap, relative_gap=v.relative,
                           flagged=v.flagged, note=v.rule)
            out.append(row)
    df = pd.DataFrame(out, columns=_COMPARE_OUT)
    for c in ("year", "n_official", "first_official_year", "last_official_year"):
        df[c] = df[c].astype("Int64")
    for c in ("estimated", "flagged"):
        df[c] = df[c].astype("boolean")
    return df
