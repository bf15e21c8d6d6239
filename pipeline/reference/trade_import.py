"""User imports of official trade statistics (a Comtrade or IMF download reshaped to docs/trade.md's
CSV): every row validated, bad rows reported by line, good rows written into the store atomically.

`import_trade_csv` is what `python -m pipeline trade-import FILE.csv` calls; it returns an
ImportSummary for the command to print and raises DyadError only when the file as a whole is unusable.
"""
from __future__ import annotations

import csv
import errno
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pyarrow as pa

from pipeline import errors
from pipeline.gazetteer import countries
from pipeline.reference.trade import RAW_SCHEMA, WORLD, derive_values, import_dir, write_parquet

MIN_YEAR = 1900
REQUIRED = ("reporter", "partner", "year", "exports", "imports")
# Header names accepted for each column (case-insensitive); `*_usd_m` columns imply unit US$ millions,
# so the shared DOTS layout (reporter_iso3, ..., exports_usd_m, imports_usd_m) imports as it is.
ALIASES = {
    "reporter": ("reporter", "reporter_iso3"), "partner": ("partner", "partner_iso3"), "year": ("year",),
    "exports": ("exports", "exports_usd_m"), "imports": ("imports", "imports_usd_m"),
    "unit": ("unit", "scale"), "source": ("source",), "estimated": ("estimated",),
}
# Unit words -> multiplier to US dollars; the words of a unit cell are read as a set ("USD million",
# "million USD", "US$ m", "US Dollars, Millions" are the same).
_CURRENCY = {"usd", "us$", "$"}
_SCALE_WORDS = {w: Decimal(n) for n, words in ((1, ("",)), (10**3, ("thousand", "thousands", "k")),
                                               (10**6, ("million", "millions", "m", "mn", "mln")),
                                               (10**9, ("billion", "billions", "bn", "b"))) for w in words}
MAX_USD_M = 10**8                # US$ 100 trillion: larger is a unit mistake (world trade is ~ 5e7)
_PLACES = Decimal("1e-9")        # the stored precision (trade.USD)
_NUMBER = re.compile(r"[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int      # line number in the file (the header is line 1)
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(slots=True)
class ImportSummary:
    """What an import did: rows read = rows written + bad rows, always."""
    path: str
    dataset: str                 # the name the lookups show: "import/<name>"
    output: str | None           # the Parquet file written, or None when no row was good
    rows_read: int = 0
    rows_written: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)   # rows written per source
    reporters: int = 0
    years: tuple[int, int] | None = None
    replaced: bool = False       # an earlier import of the same name was replaced
    ignored_columns: tuple[str, ...] = ()

    def bad_lines(self) -> list[str]:
        """One printable line per bad row: FILE:LINE: reason."""
        return [f"{self.path}:{b.line}: {b.reason}" for b in self.bad_rows]

    def summary_line(self) -> str:
        span = f", years {self.years[0]}-{self.years[1]}" if self.years else ""
        where = f" -> {self.output}" + (" (replaced the earlier import)" if self.replaced else "") \
            if self.output else " (nothing written)"
        sources = "; ".join(f"{s}: {n}" for s, n in sorted(self.sources.items()))
        return (f"{self.rows_read} rows read, {self.rows_written} written, {len(self.bad_rows)} bad; "
                f"{self.reporters} reporters{span}; sources {sources or '-'}{where}")

    def lines(self) -> list[str]:
        return [*self.bad_lines(), self.summary_line()]


def dataset_name(text: str) -> str:
    """A file stem or user name -> a safe dataset name ([a-z0-9_-], at most 60 characters)."""
    name = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")[:60]
    return name or "import"


def unit_scale(unit: str) -> Decimal | None:
    """Multiplier from the unit cell to US$ millions, or None when it is not a US-dollar unit."""
    words = re.sub(r"us\s+dollars?|dollars?", "usd", unit.lower().strip())
    words = [w for w in re.split(r"[\s,;()_/]+", words) if w]
    currency = [w for w in words if w in _CURRENCY]
    scale = [w for w in words if w not in _CURRENCY]
    if len(currency) != 1 or len(scale) > 1 or (scale and scale[0] not in _SCALE_WORDS):
        return None
    return _SCALE_WORDS[scale[0] if scale else ""] / Decimal(1_000_000)


def _number(text: str, what: str, scale: Decimal) -> tuple[Decimal | None, str]:
    """A cell -> US$ m (Decimal, to 9 places as stored), or the reason it is not a usable value."""
    t = text.strip()
    if not t:
        return None, ""
    if not _NUMBER.fullmatch(t):
        return None, f"{what} {t[:30]!r} is not a plain non-negative number (a dot for decimals, no separators)"
    v = Decimal(t) * scale
    if v > MAX_USD_M:
        return None, f"{what} {t[:30]!r} is more than US$ {MAX_USD_M:,} m (check the unit)"
    return v.quantize(_PLACES, rounding=ROUND_HALF_EVEN), ""


def parse_row(cells: Mapping[str, str | None], *, default_source: str | None, default_scale: Decimal | None,
              known: frozenset[str], max_year: int) -> tuple[dict | None, str]:
    """One CSV row (canonical column names -> text) -> a RAW_SCHEMA row, or None and the reason."""
    text = {k: (v or "") for k, v in cells.items()}
    if any("\ufffd" in v for v in text.values()):
        return None, "not valid UTF-8"
    reporter, partner = text["reporter"].strip().upper(), text["partner"].strip().upper()
    for role, code in (("reporter", reporter), ("partner", partner)):
        if code not in known:
            return None, f"{role} {code[:20]!r} is not a known ISO-3 code" + (" (or WLD)" if role == "partner" else "")
    if reporter == WORLD:
        return None, "the reporter cannot be WLD (the world is a partner: the reporter's total)"
    if reporter == partner:
        return None, f"reporter and partner are both {reporter}"
    y = text["year"].strip()
    if not re.fullmatch(r"\d{4}", y) or not MIN_YEAR <= int(y) <= max_year:
        return None, f"year {y[:20]!r} is not a year from {MIN_YEAR} to {max_year}"
    scale = default_scale
    if "unit" in text and text["unit"].strip():
        scale = unit_scale(text["unit"])
        if scale is None:
            return None, f"unit {text['unit'][:30]!r} is not US$ (USD, USD thousand, USD million, USD billion)"
    if scale is None:
        return None, "no unit (give a unit column: USD, USD thousand, USD million or USD billion)"
    exports, why = _number(text["exports"], "exports", scale)
    if why:
        return None, why
    imports, why = _number(text["imports"], "imports", scale)
    if why:
        return None, why
    if exports is None and imports is None:
        return None, "no exports and no imports value"
    flags = text.get("estimated", "").strip().upper()
    if flags and not set(flags) <= {"X", "M"}:
        return None, f"estimated {flags[:10]!r} is not X, M or XM"
    source = text.get("source", "").strip() or (default_source or "")
    if not source:
        return None, "no source (give a source column or source=...)"
    return {"reporter": reporter, "partner": partner, "year": int(y),
            "exports_usd_m": exports, "imports_usd_m": imports,
            "exports_estimated": None if exports is None else "X" in flags,
            "imports_estimated": None if imports is None else "M" in flags,
            "source": source[:200]}, ""


def _columns(header: list[str], path: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """Canonical name -> the header's column name; and the columns that are not used."""
    lowered = [h.strip().lower().lstrip("\ufeff") for h in header]
    if len(set(lowered)) != len(lowered):
        raise errors.trade_csv_unreadable(path, "the header names a column twice")
    mapping: dict[str, str] = {}
    for canon, names in ALIASES.items():
        hits = [h for h, low in zip(header, lowered, strict=True) if low in names]
        if len(hits) > 1:
            raise errors.trade_csv_unreadable(path, f"more than one column for {canon}: {', '.join(hits)}")
        if hits:
            mapping[canon] = hits[0]
    missing = [c for c in REQUIRED if c not in mapping]
    if missing:
        raise errors.trade_csv_unreadable(path, f"the header has no {', '.join(missing)} column")
    used = set(mapping.values())
    return mapping, tuple(h for h in header if h not in used)


def validate_rows(lines: Iterable[str], path: str, source: str | None = None,
                  max_year: int | None = None) -> tuple[list[dict], list[BadRow], int, tuple[str, ...]]:
    """Pure part of an import: CSV text lines -> (good rows, bad rows, rows read, ignored columns).
    A row that repeats an earlier row's reporter, partner, year and source is bad (the first stays)."""
    max_year = max_year or date.today().year
    known = frozenset(countries()) | {WORLD}
    reader = csv.reader(lines)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise errors.trade_csv_unreadable(path, "the file is empty or has no header")
    mapping, ignored = _columns(header, path)
    index = {canon: header.index(name) for canon, name in mapping.items()}
    implied = Decimal(1) if mapping["exports"].lower().endswith("_usd_m") and "unit" not in mapping else None
    good: list[dict] = []
    bad: list[BadRow] = []
    seen: dict[tuple, int] = {}
    read = 0
    for cells in reader:
        if not cells or not any(c.strip() for c in cells):
            continue  # blank lines are not rows
        read += 1
        line = reader.line_num
        if len(cells) != len(header):
            bad.append(BadRow(line, f"{len(cells)} cells, the header has {len(header)}"))
            continue
        row, why = parse_row({c: cells[i] for c, i in index.items()}, default_source=source,
                             default_scale=implied, known=known, max_year=max_year)
        if row is None:
            bad.append(BadRow(line, why))
            continue
        key = (row["reporter"], row["partner"], row["year"], row["source"])
        if key in seen:
            bad.append(BadRow(line, f"same reporter, partner, year and source as line {seen[key]}"))
            continue
        seen[key] = line
        good.append(row)
    return good, bad, read, ignored


def import_trade_csv(path: str | Path, store_root: str | Path, source: str | None = None,
                     name: str | None = None, max_year: int | None = None) -> ImportSummary:
    """Validate every row of the CSV at `path`, report each bad one (line and reason), and write the
    good rows with their totals, shares and ranks to <store_root>/reference/trade/<name>.parquet
    (temp file, fsync, rename). `source` fills rows whose source cell is empty; `name` defaults to
    the file's stem; importing the same name again replaces that dataset. Nothing is written when no
    row is good."""
    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise errors.trade_csv_unreadable(shown, "no such file")
    try:
        # errors="replace": an undecodable byte makes only its own row bad (parse_row), not the file.
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
            good, bad, read, ignored = validate_rows(fh, shown, source, max_year)
    except csv.Error as err:
        raise errors.trade_csv_unreadable(shown, f"not CSV ({err})") from err
    except OSError as err:
        raise errors.trade_csv_unreadable(shown, err.strerror or str(err)) from err
    ds = dataset_name(name or path.stem)
    out = import_dir(store_root) / f"{ds}.parquet"
    summary = ImportSummary(shown, f"import/{ds}", None, read, 0, bad, ignored_columns=ignored)
    if not good:
        return summary
    raw = pa.Table.from_pylist(good, schema=RAW_SCHEMA)
    values = derive_values(raw)
    replaced = out.exists()
    meta = {"dyad.imported_at": datetime.now(UTC).isoformat(timespec="microseconds"),
            "dyad.origin": path.name, "dyad.rows": str(values.num_rows)}
    try:
        write_parquet(values, out, meta, durable=True)
    except OSError as err:
        root = str(store_root)
        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            raise errors.store_disk_full(root) from err
        if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise errors.store_read_only(root) from err
        raise errors.store_error(root, err.strerror or str(err)) from err
    counts: dict[str, int] = {}
    for r in good:
        counts[r["source"]] = counts.get(r["source"], 0) + 1
    years = [r["year"] for r in good]
    summary.output, summary.rows_written, summary.replaced = str(out), len(good), replaced
    summary.sources, summary.reporters = counts, len({r["reporter"] for r in good})
    summary.years = (min(years), max(years))
    return summary
