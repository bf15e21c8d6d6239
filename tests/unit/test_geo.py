"""Capital coordinates, distances and the offline-safe geocoder (never touches the network here)."""
import logging
from types import SimpleNamespace

import pytest

from pipeline import geo


def test_seoul_beijing_distance():
    assert 940 < geo.distance_km("KOR", "CHN") < 975  # geodesic between capitals, measured 957.7 km
    assert geo.distance_km("CHN", "KOR") == geo.distance_km("KOR", "CHN")
    assert geo.distance_km("USA", "USA") == 0


def test_unknown_code_raises_keyerror():
    with pytest.raises(KeyError):
        geo.distance_km("KOR", "XXX")


def test_capital_and_centroid():
    assert geo.capital("FRA") == pytest.approx((48.87, 2.33), abs=0.05)
    assert geo.centroid("SUN") == geo.centroid("RUS")
    assert geo.capital("XXX") is None


def test_geocode_offline_returns_none_and_notes_once(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("DYAD_OFFLINE", "1")
    monkeypatch.setattr(geo, "_offline_noted", False)
    with caplog.at_level(logging.WARNING, logger="pipeline.geo"):
        assert geo.geocode("Sejong", tmp_path) is None
        assert geo.geocode("Busan", tmp_path) is None
    assert len([r for r in caplog.records if "geocoding unavailable" in r.message]) == 1


def test_geocode_uses_and_fills_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_OFFLINE", "1")
    calls = []

    def fake_lookup(place):
        calls.append(place)
        return SimpleNamespace(latitude=36.48, longitude=127.29) if place == "Sejong" else None

    assert geo.geocode("Sejong", tmp_path, lookup=fake_lookup) == (36.48, 127.29)
    assert geo.geocode("Nowhere-on-earth", tmp_path, lookup=fake_lookup) is None
    # second time: both answers (the hit and the miss) come from the JSON cache, even offline
    assert geo.geocode("  sejong ", tmp_path) == (36.48, 127.29)
    assert geo.geocode("Nowhere-on-earth", tmp_path, lookup=fake_lookup) is None
    assert calls == ["Sejong", "Nowhere-on-earth"]


def test_geocode_service_failure_is_not_fatal(tmp_path, monkeypatch):
    monkeypatch.setattr(geo, "_offline_noted", False)
    monkeypatch.setattr(geo, "_unreachable", False)
    monkeypatch.delenv("DYAD_OFFLINE", raising=False)
    calls = []

    def broken(place):
        calls.append(place)
        raise OSError("network unreachable")

    monkeypatch.setattr(geo, "_nominatim_lookup", lambda: broken)  # the default service, failing
    assert geo.geocode("Seoul", tmp_path) is None
    assert geo.geocode("Busan", tmp_path) is None  # not asked again once the network failed
    assert calls == ["Seoul"]
    assert not (tmp_path / "geocode_cache.json").exists()  # a failure is not cached as a miss
