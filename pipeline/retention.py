"""How long the store keeps replaced versions and the parts only they need (pure rules; the store
applies them): a shared link names a version, and that version stays readable for DYAD_KEEP_DAYS."""
from __future__ import annotations

from pipeline import settings

# A part replaced by a newer version stays on disk this long beyond the retention period, so a reader
# that took its snapshot just before the swap can still finish reading it.
RETIRE_GRACE_S = 300.0
DAY_S = 86_400.0


def keep_seconds() -> float:
    """How long a replaced version (and the parts only it needs) is kept: the retention setting plus
    the readers' grace period."""
    return float(settings.get("DYAD_KEEP_DAYS")) * DAY_S + RETIRE_GRACE_S


def prune_history(history: list[dict], now: float, keep_s: float) -> tuple[list[dict], list[dict]]:
    """(kept, dropped) history entries: a version is dropped once it has been replaced for longer
    than keep_s (`until` is when the next version was committed; a link made from it is at most that old)."""
    kept = [h for h in history if now - h["until"] < keep_s]
    dropped = [h for h in history if now - h["until"] >= keep_s]
    return kept, dropped


def prune_retired(retired: list[dict], now: float, keep_s: float) -> list[dict]:
    """Retired parts still needed: a part retired at T is listed only by versions replaced at or before
    T, so once T is older than keep_s no kept version names it (the same clock decides both)."""
    return [r for r in retired if now - r["at"] < keep_s]

