"""What every command writes with: output files ('-' = stdout), JSON lines, progress bars."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline import errors


def open_out(path: str):
    """A text file to write (its folder made), or stdout for '-'; a one-line error when it cannot be."""
    if path == "-":
        return sys.stdout
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8")
    except OSError as err:
        raise errors.bad_output(path, err.strerror or str(err)) from None


def json_line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str) + "\n"


class Progress:
    """A tqdm bar on stderr (only on a terminal unless forced off); `update(n)` is the callback the
    pipeline's loops take."""

    def __init__(self, desc: str, enabled: bool = True):
        from tqdm import tqdm

        self._bar = tqdm(desc=desc, unit=" art", file=sys.stderr, disable=not enabled or None,
                         mininterval=0.5, dynamic_ncols=True)

    def update(self, n: int = 1) -> None:
        self._bar.update(n)

    def close(self) -> None:
        self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def jsonl_filter(transform, stream_in=None, stream_out=None) -> int:
    """A stdin -> stdout JSONL command: one output line per non-blank input line, in order."""
    src = stream_in or sys.stdin
    out = stream_out or sys.stdout
    for line in src:
        if line.strip():
            out.write(json.dumps(transform(line), ensure_ascii=False) + "\n")
    out.flush()
    return 0
