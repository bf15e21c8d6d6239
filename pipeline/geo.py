"""Coordinates for countries and places: capitals and centroids from the gazetteer, great-circle
distances between capitals, and an optional, cached, rate-limited Nominatim geocoder for other places.

Only `geocode` can touch the network; offline (or DYAD_OFFLINE=1) it answers from its cache or None.
"""
from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from pathlib import Path

from pipeline import gazetteer as gz
from pipeline import settings

log = logging.getLogger(__name__)
USER_AGENT = "dyad-dashboard/0.1 (open-source geopolitical relations dashboard)"
_offline_noted = False  # say once per process that geocoding is off, not once per place
_unreachable = False  # after one network failure, stop asking for the rest of the process


def capital(iso3: str) -> tuple[float, float] | None:
    c = gz.countries().get(gz.SUCCESSOR.get(iso3, iso3))
    return (c.capital_lat, c.capital_lon) if c else None


def centroid(iso3: str) -> tuple[float, float] | None:
    c = gz.countries().get(gz.SUCCESSOR.get(iso3, iso3))
    return (c.lat, c.lon) if c else None


@lru_cache(maxsize=65536)
def distance_km(iso_a: str, iso_b: str) -> float:
    """Geodesic (WGS-84) distance between the two countries' capitals, in km. KeyError for unknown codes."""
    a, b = capital(iso_a), capital(iso_b)
    if a is None or b is None:
        raise KeyError(f"no coordinates for {iso_a if a is None else iso_b}")
    from geopy.distance import geodesic  # on first use: geopy costs 0.1 s of every extractor's start-up

    return geodesic(a, b).km


def _cache_file(cache_dir: str | os.PathLike) -> Path:
    return Path(cache_dir) / "geocode_cache.json"


def _read_cache(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_cache(path: Path, cache: dict) -> None:
    # write-then-rename: a killed run never leaves half a JSON file behind
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(cache, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    tmp.replace(path)


def _note_offline(reason: str) -> None:
    global _offline_noted
    if not _offline_noted:
        log.warning("geocoding unavailable (%s); places without cached coordinates get none", reason)
        _offline_noted = True


@lru_cache(maxsize=1)
def _nominatim_lookup():
    """geopy's Nominatim behind a 1 request/s RateLimiter (the service's usage policy)."""
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    return RateLimiter(Nominatim(user_agent=USER_AGENT, timeout=5).geocode, min_delay_seconds=1.0,
                       max_retries=0, swallow_exceptions=False)


def geocode(place: str, cache_dir: str | os.PathLike, lookup=None) -> tuple[float, float] | None:
    """(lat, lon) of a free-text place, or None. Cached on disk (hits and misses) so each place is
    asked once; never raises. `lookup` (a geopy-style callable) is for tests and other services."""
    key = " ".join(place.split()).casefold()
    if not key:
        return None
    path = _cache_file(cache_dir)
    cache = _read_cache(path)
    if key in cache:
        hit = cache[key]
        return (hit[0], hit[1]) if hit else None
    global _unreachable
    if lookup is None:
        if settings.get("DYAD_OFFLINE"):
            _note_offline("DYAD_OFFLINE is set")
            return None
        if _unreachable:
            return None
        lookup = _nominatim_lookup()
    try:
        loc = lookup(place)
    except Exception as err:  # noqa: BLE001 - any network/service failure means "no answer", never a crash
        _unreachable = True
        _note_offline(f"{type(err).__name__}: {err}".splitlines()[0][:120])
        return None
    result = (float(loc.latitude), float(loc.longitude)) if loc is not None else None
    cache[key] = list(result) if result else None
    try:
        _write_cache(path, cache)
    except OSError as err:
        log.debug("geocode cache not written: %s", err)
    return result

