"""The errors a user can cause, each with a code and a sentence that says what to do.

One place lists them (as spaCy does), so messages stay consistent across commands."""
from __future__ import annotations


class DyadError(Exception):
    """An error to report in one line and exit non-zero; never a traceback."""

    exit_code = 2

    def __init__(self, code: str, message: str):
        super().__init__(f"[{code}] {message}")
        self.code = code


def input_missing(path: str) -> DyadError:
    return DyadError("E001", f"input not found: {path} (give a JSONL file, a .txt/.html file or a folder)")


def no_inputs() -> DyadError:
    return DyadError("E002", "no readable articles in the inputs given")


def bad_output(path: str, reason: str) -> DyadError:
    return DyadError("E003", f"cannot write {path}: {reason}")


def bad_setting(name: str, raw: str, reason: str) -> DyadError:
    return DyadError("E004", f"setting {name}={raw[:40]!r} cannot be used ({reason}); fix or unset it")


def store_error(path: str, reason: str) -> DyadError:
    return DyadError("E010", f"store {path}: {reason}")


# --- store (pipeline/store.py) ---------------------------------------------------------------
def store_locked(path: str) -> DyadError:
    return DyadError("E011", f"store {path} is being written by another process; wait for it to finish and retry")


def store_read_only(path: str) -> DyadError:
    return DyadError("E012", f"store {path} is read-only; give a writable --store DIR (or set DYAD_STORE)")


def store_disk_full(path: str) -> DyadError:
    return DyadError("E013", f"no space left for store {path}; nothing was written, free some space and retry")


def store_corrupt(path: str, reason: str) -> DyadError:
    return DyadError("E014", f"store {path} cannot be read ({reason}); move it aside and re-ingest")


def fetch_refused(url: str, reason: str) -> DyadError:
    return DyadError("E020", f"cannot fetch {url}: {reason}")


def worker_version_mismatch(worker: str, theirs: str, ours: str) -> DyadError:
    return DyadError("E021", f"Dask worker {worker} runs extractor {theirs}, this client {ours}; "
                             "install the same code on every worker")


def scheduler_unreachable(address: str, reason: str) -> DyadError:
    return DyadError("E022", f"cannot reach the Dask scheduler at {address} ({reason}); "
                             "start it with `dask scheduler` or check --scheduler")


# --- official trade statistics (pipeline/reference/) ---------------------------------------
def trade_table_damaged(path: str, reason: str) -> DyadError:
    return DyadError("E030", f"trade table {path} cannot be read ({reason}); re-import it or delete the file")


def trade_csv_unreadable(path: str, reason: str) -> DyadError:
    return DyadError("E031", f"cannot import {path}: {reason} (see docs/trade.md for the CSV format)")
