"""Every command of `python -m pipeline` / `dyad`: arguments, progress, printing and exit codes live
in this package and nowhere else. Each COMMAND module has a `run(args)`; a user's error is one line."""
from __future__ import annotations

import argparse
import importlib
import sys

from pipeline.errors import DyadError


def _store_arg(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--store", default=None, metavar="DIR", help="store directory (default: $DYAD_STORE or data/store)")


def _func_arg(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--func", default="pipeline.extract:process", metavar="MODULE:NAME",
                    help="the per-article function to map (default pipeline.extract:process; for plug-ins and tests)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dyad", description="Dyad: news articles -> country-pair records")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser("extract", help="articles -> records JSONL (docs/contract.md)")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL file, .txt/.html file or folder ('-' = stdin)")
    ex.add_argument("-o", "--output", required=True, help="records JSONL to write ('-' for stdout)")
    ex.add_argument("--mentions", action="store_true", help="also write one 'mention' line per country mention")
    ex.add_argument("--quarantine", help="quarantine JSONL (default: OUTPUT.quarantine.jsonl)")
    ex.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ex.add_argument("--geocode", action="store_true",
                    help="with --mentions: coordinates for cities and sub-national places via Nominatim "
                         "(needs a network; cached on disk; offline it is skipped with one note)")
    ex.add_argument("--geocode-cache", default=".cache/dyad-geocode", help="geocoding cache folder")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar")
    _func_arg(ex)
    ex.set_defaults(run="extract")

    sub.add_parser("resolve", help="actor text (+date) -> country, JSONL stdin -> stdout").set_defaults(run="resolve")
    sub.add_parser("dates", help="text (+published) -> date expressions, JSONL stdin -> stdout").set_defaults(run="dates")

    ing = sub.add_parser("ingest", help="add new articles to the store (incremental, idempotent)")
    ing.add_argument("inputs", nargs="+", metavar="PATH", help="JSONL file, .txt/.html file or folder ('-' = stdin)")
    _store_arg(ing)
    ing.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes or Dask")
    ing.add_argument("--jobs", type=int, default=None, help="worker processes (local default 1, dask: all cores)")
    ing.add_argument("--scheduler", default=None, metavar="ADDR", help="Dask scheduler, e.g. tcp://host:8786")
    ing.add_argument("--reprocess", action="store_true", help="re-extract every stored article (new extractor)")
    ing.add_argument("--batch-size", type=int, default=500, help="articles per commit (default 500)")
    ing.add_argument("--no-progress", action="store_true", help="no progress bar")
    _func_arg(ing)
    ing.set_defaults(run="store:run_ingest")

    st = sub.add_parser("stats", help="counts of the store's articles, records and events")
    _store_arg(st)
    st.add_argument("--json", action="store_true", help="one JSON object on stdout")
    st.set_defaults(run="store:run_stats")

    exp = sub.add_parser("export", help="records or events as CSV, Parquet or PLOVER-style JSON")
    _store_arg(exp)
    exp.add_argument("--what", choices=("records", "events"), default="records")
    exp.add_argument("--format", choices=("csv", "parquet", "plover"), default="csv")
    exp.add_argument("-o", "--output", required=True, help="file to write ('-' for stdout, csv/plover only)")
    exp.set_defaults(run="store:run_export")

    fe = sub.add_parser("fetch", help="fetch a feed or a list of URLs into the store")
    src = fe.add_mutually_exclusive_group(required=True)
    src.add_argument("--feed", metavar="URL", help="RSS or Atom feed URL")
    src.add_argument("--urls", metavar="FILE", help="text file, one http(s) URL per line")
    _store_arg(fe)
    fe.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    fe.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (min 1)")
    fe.add_argument("--batch-size", type=int, default=500, help="articles per commit (default 500)")
    fe.set_defaults(run="store:run_fetch")

    ti = sub.add_parser("trade-import", help="official trade statistics from a CSV into the store (docs/trade.md)")
    ti.add_argument("file", metavar="FILE.csv", help="reporter,partner,year,exports,imports,unit,source rows")
    _store_arg(ti)
    ti.add_argument("--source", default=None, help="publisher for rows whose source cell is empty")
    ti.add_argument("--name", default=None, help="dataset name (default: the file's stem); the same name replaces it")
    ti.set_defaults(run="trade:run_import")

    sy = sub.add_parser("synth", help="write a synthetic store (dashboard benchmarks and demos)")
    sy.add_argument("--records", type=int, default=1_000_000, help="records to generate (default 1,000,000)")
    sy.add_argument("--store", required=True, help="store directory to write into")
    sy.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sy.add_argument("--sample", action="store_true", help="write the small hand-made sample store instead")
    sy.set_defaults(run="synth")
    return p


def load_func(spec: str):
    """'module:name' -> the function (the per-article function a command maps)."""
    module, _, name = spec.partition(":")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError) as err:
        raise DyadError("E005", f"cannot load --func {spec!r} ({type(err).__name__}); give MODULE:NAME") from None


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    module, _, name = args.run.partition(":")
    try:
        run = getattr(importlib.import_module(f"pipeline.commands.{module}"), name or "run")
        return int(run(args) or 0)
    except DyadError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
