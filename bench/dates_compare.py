"""Benchmark: how another version of find_dates resolves the same Reuters sentences differently.

For reading changes, not for scores: prints how many spans both versions find but resolve to other
ranges, how many of those moved to another month or year (tense and year choice), and a sample of
them. Reads the shared corpus (reference data only):

  git show 7bff62d:pipeline/dates.py > /tmp/old_dates.py
  .venv/bin/python bench/dates_compare.py /tmp/old_dates.py [ARTICLES] [--sample N] [--seed S]"""
from __future__ import annotations

import argparse
import importlib.util
import random
import sys

from dates_speed import sentences  # bench/ is the script's own folder, first on the path

from pipeline.dates import find_dates


def _load(path: str):
    spec = importlib.util.spec_from_file_location("other_dates", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["other_dates"] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("other", help="a dates.py of another version (self-contained)")
    ap.add_argument("articles", nargs="?", type=int, default=8000)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    other = _load(args.other)
    changed, moved = [], []
    for text, pub in sentences(args.articles):
        mine = {(d.start, d.text): d for d in find_dates(text, pub)}
        for d in other.find_dates(text, pub):
            new = mine.get((d.start, d.text))
            if new is None or (d.date_start, d.date_end) == (new.date_start, new.date_end):
                continue
            changed.append((text, pub, d, new))
            if d.date_start and new.date_start and d.date_start[:7] != new.date_start[:7]:
                moved.append((text, pub, d, new))
    print(f"spans both read, resolved differently: {len(changed)}; to another month or year: {len(moved)}")
    random.seed(args.seed)
    for text, pub, d, new in random.sample(moved, min(args.sample, len(moved))):
        context = text[max(0, d.start - 90):d.end + 60]
        print(f"{pub} {d.text!r}: {d.date_start} -> {new.date_start} | {context!r}")


if __name__ == "__main__":
    main()
