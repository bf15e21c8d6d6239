"""Official statistics the project ships, built from public sources by scripts in this package.

`data/` holds the derived tables (committed); `build_trade` makes them, `trade` reads and compares."""
from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
