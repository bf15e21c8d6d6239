"""`synth --records N --store DIR [--sample]`: synthetic stores for benchmarks and demos."""
from __future__ import annotations

import argparse
import sys
import time

from pipeline.synth import write_sample, write_synth


def run(args: argparse.Namespace) -> int:
    """`python -m pipeline synth --records N --store DIR [--seed N] [--sample]`."""
    if args.sample:
        version = write_sample(args.store)
        print(f"sample store written to {args.store} (version {version})", file=sys.stderr)
        return 0
    t0 = time.perf_counter()

    def progress(done: int) -> None:
        print(f"  {done:,} records ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)

    version = write_synth(args.store, args.records, seed=args.seed, progress=progress)
    print(f"synthetic store: {args.records:,} records in {args.store} (version {version}, "
          f"{time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return 0
