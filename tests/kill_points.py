"""Run a pipeline command that stops dead at a chosen point, so a test can kill -9 it exactly there.

    python -m tests.kill_points POINT MARKER [--days-later N] -- ingest ARGS...

POINT is `extract:K` (the K-th article starts extracting), `before-swap:K` (the K-th manifest commit:
its parts are on disk, the new manifest is not), `manifest-written:K` (the K-th new manifest is
written and synced under its temp name, not yet renamed over manifest.json), `after-swap:K` (the
K-th commit is done, the next step has not begun) or `events-staged:K` (the K-th whole-table
replacement of the events: the new events part is written, the manifest still lists the old ones),
`cleanup-swapped:K` (the K-th retention clean-up has swapped in the manifest without the dropped
versions; no file is deleted yet) or `cleanup-unlink:K` (the clean-up is about to delete its K-th
file: K-1 are gone). `--days-later N` runs the command with its store clock N days ahead, so versions
age past the retention period without waiting. At the point the process writes MARKER and sleeps
until it is killed. A kill placed this way lands where the test says whatever the machine's speed;
a point never reached lets the command finish normally (the test then sees no marker and says so).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

_POINT = os.environ.get("DYAD_KILL_POINT", "")
_MARKER = os.environ.get("DYAD_KILL_MARKER", "")


def _parse(point: str) -> tuple[str, int]:
    kind, _, k = point.partition(":")
    return kind, int(k or 1)


def _stop_here(what: str) -> None:
    Path(_MARKER).write_text(what, "utf-8")
    while True:  # only SIGKILL ends this
        time.sleep(60)


_counts: dict[str, int] = {}


def _reached(kind: str) -> bool:
    _counts[kind] = _counts.get(kind, 0) + 1
    want_kind, want_k = _parse(_POINT)
    return kind == want_kind and _counts[kind] == want_k


def process(item, time_limit=None):
    """The extractor with the `extract:K` stop (given to the command as --func)."""
    from pipeline.extract import process as real

    if _reached("extract"):
        _stop_here(f"extract:{_counts['extract']}")
    return real(item, time_limit)


def install() -> None:
    """Wrap the store's commit and the manifest rename with the stops (this process only)."""
    from pipeline import store

    real_commit = store.Store._commit
    real_replace = os.replace

    def commit(self, manifest, new_parts):
        if _reached("before-swap"):
            _stop_here(f"before-swap:{_counts['before-swap']}")
        version = real_commit(self, manifest, new_parts)
        if _reached("after-swap"):
            _stop_here(f"after-swap:{_counts['after-swap']}")
        return version

    def replace(src, dst, *a, **k):
        if str(dst).endswith("manifest.json") and _reached("manifest-written"):
            _stop_here(f"manifest-written:{_counts['manifest-written']}")
        return real_replace(src, dst, *a, **k)

    real_commit_replace = store.Store.commit_replace

    def commit_replace(self, replacements, *a, **k):
        if "events" in replacements and _reached("events-staged"):
            _stop_here(f"events-staged:{_counts['events-staged']}")
        return real_commit_replace(self, replacements, *a, **k)

    real_clean_up = store.Store._clean_up
    real_write_manifest = store.Store._write_manifest
    real_remove = store._remove
    cleaning = {"on": False}

    def clean_up(self, now):
        cleaning["on"] = True
        try:
            return real_clean_up(self, now)
        finally:
            cleaning["on"] = False

    def write_manifest(self, manifest):
        real_write_manifest(self, manifest)
        if cleaning["on"] and _reached("cleanup-swapped"):
            _stop_here(f"cleanup-swapped:{_counts['cleanup-swapped']}")

    def remove(path):
        if cleaning["on"] and _reached("cleanup-unlink"):
            _stop_here(f"cleanup-unlink:{_counts['cleanup-unlink']}")
        return real_remove(path)

    store.Store._commit = commit
    store.Store.commit_replace = commit_replace
    store.Store._clean_up = clean_up
    store.Store._write_manifest = write_manifest
    store._remove = remove
    store.os.replace = replace


def shift_clock(days: float) -> None:
    """The store's clock `days` ahead (commit times, retention), in this process."""
    from pipeline import store

    store._clock = lambda: time.time() + days * 86_400


def kill_at(point: str, marker: Path, command: list[str], what: str, env: dict | None = None) -> str:
    """The test side: run `command` (a dyad command's arguments) stopping dead at `point`, kill -9 it
    there, and return the point it reported; fails, saying `what` never got there, if it did not."""
    marker.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "tests.kill_points", point, str(marker), "--", *command]
    proc = subprocess.Popen(cmd, cwd=Path(__file__).resolve().parents[1], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, **(env or {})})
    deadline = time.monotonic() + 300
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if not marker.exists():
        proc.kill()
        _, err = proc.communicate(timeout=30)
        raise AssertionError(f"{what} never reached {point} (exit {proc.returncode}): {err[-1500:]}")
    os.kill(proc.pid, signal.SIGKILL)  # only the process we started, by its id
    proc.communicate(timeout=30)
    return marker.read_text("utf-8")


def main(argv: list[str]) -> int:
    global _POINT, _MARKER
    point, marker, *rest = argv
    days = 0.0
    if rest[:1] == ["--days-later"]:
        days, rest = float(rest[1]), rest[2:]
    sep, *command = rest
    assert sep == "--", "usage: python -m tests.kill_points POINT MARKER [--days-later N] -- COMMAND ARGS..."
    _POINT, _MARKER = point, marker
    os.environ["DYAD_KILL_POINT"], os.environ["DYAD_KILL_MARKER"] = point, marker  # worker processes too
    install()
    if days:
        shift_clock(days)
    from pipeline.commands import main as dyad

    if command and command[0] in ("ingest", "extract") and "--func" not in command:
        command += ["--func", "tests.kill_points:process"]
    return dyad(command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
