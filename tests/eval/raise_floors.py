"""Raise the accuracy floors to what the code measures now: `python -m tests.eval.raise_floors [SUITE...]`
(make floors). A floor never goes down (a ceiling never up): a figure below its floor is reported and
nothing is written. `--rebase SUITE` is the one way to reset a suite, for new gold files: it records
their digests and takes the measured figures as they are."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tests.eval import floors, measures

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suites", nargs="*", help=f"suites to measure (default all: {', '.join(measures.SUITES)})")
    ap.add_argument("--rebase", action="store_true", help="new gold files: take the measured figures as they are")
    args = ap.parse_args(argv)
    shared = Path(os.environ.get("DYAD_SHARED", ROOT.parent / "shared"))
    data = floors.load()
    suites = args.suites or list(measures.SUITES)
    refused = []
    for suite in suites:
        changed = floors.gold_changes(data, suite, shared, measures.GOLD[suite], measures.DEFINITIONS.get(suite))
        if changed and not args.rebase:
            refused.append(f"{suite}: gold files changed ({', '.join(changed)}); use --rebase")
            continue
        measured = measures.SUITES[suite](shared)
        low = [] if args.rebase else floors.shortfalls(data, suite, measured)
        if low:
            refused.extend(low)
            continue
        fl = data.setdefault("floors", {}).setdefault(suite, {})
        ce = data.setdefault("ceilings", {}).setdefault(suite, {})
        for name, value in measured.items():
            if floors.is_ceiling(name):
                ce[name] = value if args.rebase else min(ce.get(name, value), value)
            else:
                fl[name] = floors.pinned(value) if args.rebase else max(fl.get(name, 0), floors.pinned(value))
        data.setdefault("gold", {})[suite] = {f: floors.digest(shared / f) for f in measures.GOLD[suite]}
        if suite == "single_names":
            data["gold"][suite]["single_names.jsonl"] = floors.digest(measures.SINGLE_NAMES)
        if measures.DEFINITIONS.get(suite):
            data["gold"][suite]["definition"] = measures.DEFINITIONS[suite]
        print(f"{suite}: " + ", ".join(f"{k} {v:.4g}" for k, v in sorted(measured.items())))
    if refused:
        print("not written:\n  " + "\n  ".join(refused), file=sys.stderr)
        return 1
    floors.save(data)
    print(f"floors written to {floors.FLOORS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
