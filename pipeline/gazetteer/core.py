"""What every gazetteer table is read with: where the data is, the country list (whose codes the
other tables are checked against), partial dates ("2019-05") and the comparison key for names."""
from __future__ import annotations

import calendar
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(slots=True, frozen=True)
class Country:
    iso3: str
    name: str
    capital: str
    capital_lat: float
    capital_lon: float
    lat: float  # centroid
    lon: float
    region: str  # continent


def _rows(filename: str) -> list[list[str]]:
    rows = []
    with open(DATA_DIR / filename, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def parse_partial_date(text: str, *, end: bool = False) -> date | None:
    """'2019', '2019-05' or '2019-05-10' -> a date; a partial end date goes to the end of its period."""
    text = (text or "").strip()
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        return date(y, m, calendar.monthrange(y, m)[1] if end else 1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


def fold(text: str) -> str:
    """ASCII-fold accents ('Élysée' -> 'Elysee'), keeping everything else as written."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def surface_key(text: str) -> str:
    """How a written surface is compared: one space between words (any run of whitespace, \r\n and NBSP
    too), straight apostrophes; case matters ("Nice" the city, "nice" the word)."""
    return " ".join(text.replace("’", "'").split())


def name_key(text: str) -> str:
    """Comparison key for person names: folded, lower case, hyphens and spaces collapsed."""
    return " ".join(fold(text).replace("-", " ").replace("’", "'").casefold().split())


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    rows = _rows("countries.tsv")
    out = {}
    for r in rows[1:] if rows and rows[0][0] == "iso3" else rows:
        iso3, name, capital, clat, clon, lat, lon, region = r
        out[iso3] = Country(iso3, name, capital, float(clat), float(clon), float(lat), float(lon), region)
    return out
