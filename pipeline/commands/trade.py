"""`trade-import FILE.csv`: official trade statistics from a CSV (docs/trade.md) into the store's
reference tables; one line per bad row, then a summary, all on stderr."""
from __future__ import annotations

import sys

from pipeline import errors
from pipeline.reference.trade_import import import_trade_csv
from pipeline.store import default_root


def run_import(args) -> int:
    """Exit 0 when rows were imported (bad rows are reported and skipped, as `extract` quarantines
    bad inputs and goes on); exit 2 (E031) when the file cannot be used or no row in it is good."""
    root = args.store if args.store is not None else default_root()
    summary = import_trade_csv(args.file, root, source=args.source, name=args.name)
    for line in summary.lines():
        print(line, file=sys.stderr)
    if summary.rows_written == 0:
        why = f"none of its {summary.rows_read} rows is usable" if summary.rows_read else "it has no rows"
        raise errors.trade_csv_unreadable(summary.path, f"{why}; nothing was written")
    return 0
