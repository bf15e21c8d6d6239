"""Shared test fixtures: paths to the project, the seed article and the read-only shared material."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DYAD_SHARED", ROOT.parent / "shared"))
SEED_TXT = ROOT / "seeds" / "000_5bd6db2c55771876.txt"
PYTHON = sys.executable

# The dashboard serves a store version for up to DYAD_REFRESH_SECONDS before adopting a newer one;
# tests that write a store and then look at it want the newest version at once.
os.environ.setdefault("DYAD_REFRESH_SECONDS", "0")



@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        if os.environ.get("CI"):  # CI always has ../shared: the accuracy gates must not vanish there
            pytest.fail(f"{SHARED} is missing: the accuracy gates need ../shared")
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TXT.read_text("utf-8")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright, one per test module (tests/browser_kit.py has the flags)."""
    from playwright.sync_api import sync_playwright

    from tests.browser_kit import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
