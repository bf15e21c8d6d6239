"""Benchmark: how many sentences per second pipeline.dates.find_dates handles on real newswire text.

Reads Reuters-21578 from the shared corpus (reference data, not needed by the product); prints figures.
  .venv/bin/python bench/dates_speed.py [ARTICLES] [--dateparser]   (--dateparser: the same on 500 sentences)"""
from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from pipeline.dates import find_dates

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reuters21578.jsonl.gz"
# A crude splitter is enough here: the point is realistic sentence lengths, not perfect boundaries.
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


def sentences(limit_articles: int) -> list[tuple[str, date | None]]:
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit_articles:
                break
            art = json.loads(line)
            pub = date.fromisoformat(art["published"]) if art.get("published") else None
            text = " ".join(art.get("text", "").split())
            out.extend((s, pub) for s in _SPLIT.split(text) if s)
    return out


def dateparser_rate(sents: list[tuple[str, date | None]], n: int) -> str:
    """dateparser's search_dates over the first n sentences (English only, same publication dates), for scale.

    dateparser is a test-time reference only (it comes with trafilatura's htmldate); the product never uses it."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return "dateparser: not installed"
    from datetime import datetime

    sample = sents[:n]
    search_dates("warm up on Tuesday", languages=["en"])
    t0 = time.process_time()
    for s, p in sample:
        base = datetime(p.year, p.month, p.day) if p else datetime(2000, 1, 1)
        search_dates(s, languages=["en"], settings={"RELATIVE_BASE": base})
    dt = time.process_time() - t0
    return f"dateparser.search_dates: {len(sample) / dt:,.0f} sentences/s of CPU time ({len(sample)} sentences, {dt:.2f} s)"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sents = sentences(int(args[0]) if args else 5000)
    chars = sum(len(s) for s, _ in sents)
    # CPU time, not wall time: on a shared 2-core box the wall clock mostly measures the neighbours.
    best = best_wall = None
    for _ in range(3):
        t0, w0 = time.process_time(), time.perf_counter()
        found = [find_dates(s, p) for s, p in sents]
        dt, dw = time.process_time() - t0, time.perf_counter() - w0
        best = dt if best is None else min(best, dt)
        best_wall = dw if best_wall is None else min(best_wall, dw)
    n_spans = sum(len(f) for f in found)
    by_precision = Counter(d.precision for f in found for d in f)
    print(f"sentences: {len(sents)}  mean length: {chars / len(sents):.0f} chars")
    print(f"find_dates: {len(sents) / best:,.0f} sentences/s of CPU time (best of 3, {best:.2f} s); "
          f"wall clock: {len(sents) / best_wall:,.0f}/s")
    print(f"date spans: {n_spans} in {sum(1 for f in found if f)} sentences; by precision: {dict(by_precision)}")
    if "--dateparser" in sys.argv:
        print(dateparser_rate(sents, 500))


if __name__ == "__main__":
    main()
