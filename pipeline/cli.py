"""`python -m pipeline ...`: the command line. Parses arguments and hands off to the modules;
every error a user can cause ends in one line on stderr and a non-zero exit."""
from __future__ import annotations

import argparse
import sys

from pipeline.errors import DyadError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pipeline", description="Dyad: news articles -> country-pair records")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    # --- extract / resolve (pipeline core) ---------------------------------------------------
    ex = sub.add_parser("extract", help="articles -> records JSONL (docs/contract.md)")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL file, .txt/.html file or folder")
    ex.add_argument("-o", "--output", required=True, help="records JSONL to write ('-' for stdout)")
    ex.add_argument("--mentions", action="store_true", help="also write one 'mention' line per country mention")
    ex.add_argument("--quarantine", help="quarantine JSONL (default: OUTPUT.quarantine.jsonl)")
    ex.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar")
    ex.set_defaults(run="pipeline.extract:run_cli")

    rs = sub.add_parser("resolve", help="mention text (+date) -> country, JSONL stdin -> stdout")
    rs.set_defaults(run="pipeline.actors:run_cli")

    # --- store commands (pipeline/store.py and friends) ---------------------------------------
    # STORE-CLI-BEGIN
    # STORE-CLI-END

    # --- dashboard data helpers (synthetic store for benchmarks) -----------------------------
    # SYNTH-CLI-BEGIN
    # SYNTH-CLI-END
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    module_name, func_name = args.run.split(":")
    try:
        import importlib

        func = getattr(importlib.import_module(module_name), func_name)
        return int(func(args) or 0)
    except DyadError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
