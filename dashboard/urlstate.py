"""The dashboard's view state and its URL form: parse query parameters into a validated ViewState
(with a warning for each value that fell back to its default) and encode a ViewState back into them.

Pure: no Streamlit import, so every hostile or malformed link can be unit-tested. A value is only
ever compared with known vocabularies or parsed as a date/number; nothing from the URL reaches SQL.
"""
from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date

from pipeline.schema import FIGURE_INDICATORS, PLOVER_TYPES, STATUSES, parse_day

GRANULARITIES: tuple[str, ...] = ("day", "week", "month")
COUNT_UNITS: tuple[str, ...] = ("events", "reports")   # de-duplicated events vs. records
UNIT_LABELS: dict[str, str] = {"events": "events (de-duplicated)", "reports": "reports (records)"}
MAX_ARCS = 200
# interactions, cooperation - conflict, or (with a focus country) the share of each country's trade with it
MAP_METRICS: tuple[str, ...] = ("count", "net", "trade_share")
SHARE_INDICATORS: tuple[str, ...] = tuple(i for i in FIGURE_INDICATORS if i.endswith("_share"))
# The trade page's choices: the shares and the three flows that official tables have per partner.
TRADE_INDICATORS: tuple[str, ...] = SHARE_INDICATORS + ("trade_value", "export_value", "import_value")
FIRST_YEAR, LAST_YEAR = 1900, 2100

MAX_VALUE_CHARS = 200      # longer than any legitimate value: treated as malformed, not truncated
MAX_LIST_ITEMS = 32
MAX_VERSION = 10**12
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EARLIEST, _LATEST = date(1900, 1, 1), date(2100, 12, 31)


@dataclass(frozen=True, slots=True)
class ViewState:
    """Every filter and selection a shared link restores (the page itself is the URL path)."""
    country: str | None = None                 # focus country: filters every view
    pair: tuple[str, str] | None = None        # pair view (actor order as picked)
    start: date | None = None
    end: date | None = None
    types: tuple[str, ...] = ()                # PLOVER roots; empty = all
    statuses: tuple[str, ...] = ()             # empty = all
    granularity: str = "month"
    unit: str = "events"
    metric: str = "count"
    reporter: str | None = None                # trade shares: the country whose trade is measured
    indicator: str = "trade_share"
    year: int | None = None                    # trade shares and the trade map: official year (None = latest)
    q: str = ""                                # records explorer: text search
    min_conf: float = 0.0
    arcs: int = 40                             # map: arcs drawn between the most active pairs
    v: int | None = None                       # store version the link was made from (None = the latest)


DEFAULT = ViewState()
PARAM_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ViewState))


def _first(value: object) -> str:
    """st.query_params gives str; a plain dict may give a list for repeated keys: the last one wins,
    as in Streamlit."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return str(value)


def _country(raw: str, known: Collection[str] | None) -> str | None:
    code = raw.strip().upper()
    if not _ISO3.match(code):
        return None
    if known is not None and code not in known:
        return None
    return code


def _date(raw: str) -> date | None:
    raw = raw.strip()
    if not _ISO_DATE.match(raw):
        return None
    try:
        d = parse_day(raw)
    except ValueError:
        return None
    return d if _EARLIEST <= d <= _LATEST else None


def _vocab_list(raw: str, vocab: Collection[str], upper: bool) -> tuple[tuple[str, ...], list[str]]:
    """Known items in vocabulary order (so equal selections give equal URLs), and the rejected ones."""
    items = [s.strip() for s in raw.split(",") if s.strip()]
    items = [s.upper() if upper else s.lower() for s in items]
    bad = [s for s in items if s not in vocab]
    chosen = set(items) - set(bad)
    return tuple(v for v in vocab if v in chosen), bad


def _short(raw: str) -> str:
    """A rejected value as it may be shown back to the user: clipped, printable only."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in raw)
    return clean if len(clean) <= 40 else clean[:37] + "..."


def parse_query(params: Mapping[str, object], known_countries: Collection[str] | None = None
                ) -> tuple[ViewState, list[str]]:
    """Query parameters -> (ViewState, warnings). Never raises: a bad value falls back to its default
    and adds one short warning. Unknown parameter names are ignored (tracking tags, old links)."""
    values: dict[str, object] = {}
    warnings: list[str] = []

    def warn(name: str, raw: str, why: str) -> None:
        warnings.append(f"Ignored URL parameter `{name}` = `{_short(raw)}`: {why}.")

    for name in PARAM_NAMES:
        if name not in params:
            continue
        raw = _first(params[name])
        if raw.strip() == "":
            continue
        if len(raw) > MAX_VALUE_CHARS:
            warn(name, raw, f"longer than {MAX_VALUE_CHARS} characters")
            continue
        if name in ("country", "reporter"):
            code = _country(raw, known_countries)
            if code is None:
                warn(name, raw, "not a known ISO 3166-1 alpha-3 country code")
            else:
                values[name] = code
        elif name == "pair":
            parts = re.split(r"[-,~]", raw.strip())
            codes = [_country(p, known_countries) for p in parts] if len(parts) == 2 else [None]
            if None in codes or codes[0] == codes[1]:
                warn(name, raw, "expected two different known countries, e.g. KOR-CHN")
            else:
                values[name] = (codes[0], codes[1])
        elif name in ("start", "end"):
            d = _date(raw)
            if d is None:
                warn(name, raw, "expected a date YYYY-MM-DD between 1900 and 2100")
            else:
                values[name] = d
        elif name in ("types", "statuses"):
            vocab, upper = (PLOVER_TYPES, True) if name == "types" else (STATUSES, False)
            items, bad = _vocab_list(raw, vocab, upper)
            if len(raw.split(",")) > MAX_LIST_ITEMS:
                warn(name, raw, "too many items")
                continue
            if bad:
                warn(name, ",".join(bad), f"unknown {'PLOVER type' if upper else 'status'}")
            if items:
                values[name] = items
        elif name in ("granularity", "unit", "metric", "indicator"):
            vocab = {"granularity": GRANULARITIES, "unit": COUNT_UNITS, "metric": MAP_METRICS,
                     "indicator": TRADE_INDICATORS}[name]
            v = raw.strip().lower()
            if v in vocab:
                values[name] = v
            else:
                warn(name, raw, "expected one of " + ", ".join(vocab))
        elif name == "q":
            values[name] = "".join(ch for ch in raw if ch.isprintable()).strip()
        elif name == "arcs":
            n = int(raw.strip()) if re.fullmatch(r"[0-9]{1,4}", raw.strip()) else -1   # ASCII digits only ("²" is a digit to isdigit)
            if 0 <= n <= MAX_ARCS:
                values[name] = n
            else:
                warn(name, raw, f"expected a whole number from 0 to {MAX_ARCS}")
        elif name == "v":
            n = int(raw.strip()) if re.fullmatch(r"[0-9]{1,13}", raw.strip()) else -1
            if 0 <= n <= MAX_VERSION:
                values[name] = n
            else:
                warn(name, raw, "expected a store version number")
        elif name == "year":
            y = raw.strip()
            if re.fullmatch(r"[0-9]{4}", y) and FIRST_YEAR <= int(y) <= LAST_YEAR:   # ASCII digits only
                values[name] = int(y)
            else:
                warn(name, raw, f"expected a year from {FIRST_YEAR} to {LAST_YEAR}")
        elif name == "min_conf":
            try:
                x = float(raw)
            except ValueError:
                x = math.nan
            if math.isfinite(x) and 0.0 <= x <= 1.0:
                values[name] = x
            else:
                warn(name, raw, "expected a number between 0 and 1")

    state = replace(DEFAULT, **values)
    if state.start and state.end and state.start > state.end:
        warnings.append(f"Ignored the date range {state.start} to {state.end}: it ends before it starts.")
        state = replace(state, start=None, end=None)
    return state, warnings


def encode_query(state: ViewState) -> dict[str, str]:
    """ViewState -> query parameters, defaults left out so links stay short and stable."""
    out: dict[str, str] = {}
    for f in fields(ViewState):
        value = getattr(state, f.name)
        if value == getattr(DEFAULT, f.name):
            continue
        if f.name == "pair":
            out[f.name] = f"{value[0]}-{value[1]}"
        elif isinstance(value, tuple):
            out[f.name] = ",".join(value)
        elif isinstance(value, date):
            out[f.name] = value.isoformat()
        elif isinstance(value, float):
            out[f.name] = f"{value:g}"
        else:
            out[f.name] = str(value)
    return out
