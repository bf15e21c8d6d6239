"""floors.json: the accuracy each suite must keep (floors only go up; ceilings, for error counts, only
go down) and the digest of every gold file they were measured on."""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

FLOORS_FILE = Path(__file__).resolve().parent / "floors.json"


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load() -> dict:
    return json.loads(FLOORS_FILE.read_text("utf-8"))


def save(data: dict) -> None:
    FLOORS_FILE.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")


def gold_changes(data: dict, suite: str, shared: Path, files: tuple[str, ...], definition: str | None = None) -> list[str]:
    """The gold files of a suite whose content differs from the digest the floors were measured on (and
    "definition" when what the suite measures changed)."""
    pinned = data.get("gold", {}).get(suite, {})
    changed = [f for f in files if pinned.get(f) != digest(shared / f)]
    if suite == "single_names":  # the project's own list: its digest is pinned like a shared gold file's
        from tests.eval.measures import SINGLE_NAMES
        if pinned.get("single_names.jsonl") != digest(SINGLE_NAMES):
            changed.append("single_names.jsonl")
    if pinned.get("definition") != definition:
        changed.append("definition")
    return changed


def shortfalls(data: dict, suite: str, measured: dict) -> list[str]:
    """One line per figure below its floor or above its ceiling."""
    out = []
    for name, floor in data.get("floors", {}).get(suite, {}).items():
        if measured[name] < floor:
            out.append(f"{suite}.{name} = {measured[name]:.4g} is under its floor {floor}")
    for name, ceiling in data.get("ceilings", {}).get(suite, {}).items():
        if measured[name] > ceiling:
            out.append(f"{suite}.{name} = {measured[name]:.4g} is over its ceiling {ceiling}")
    return out


def is_ceiling(name: str) -> bool:
    """Error counts are held to ceilings; everything else to floors."""
    return name.endswith(("violations", "missing", "unread_languages"))


def pinned(value: float) -> float:
    """A measured ratio as a floor: cut (not rounded) to 3 decimals, so it never sits above the measure."""
    return math.floor(value * 1000) / 1000 if isinstance(value, float) else value
