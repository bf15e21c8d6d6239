"""Dask scale-out benchmark: Reuters articles through a LocalCluster of 1 and then 2 worker processes
(plus the plain in-process loop for reference); prints articles/s and the 2-vs-1 worker speed-up.

    .venv/bin/python bench/dask_speedup.py [--n 2000] [--corpus ../shared/corpus/reuters21578.jsonl.gz]
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.engines import map_articles  # noqa: E402
from pipeline.ingest import article_from_record  # noqa: E402


def load(corpus: Path, n: int) -> list:
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        rows = (json.loads(ln) for ln in fh)
        return [article_from_record(r, f"{corpus.name}:{i}") for i, r in
                enumerate(itertools.islice((r for r in rows if r.get("text")), n))]


def _warm(article) -> None:
    from pipeline.extract import process

    process(article)


def timed(articles: list, **engine) -> tuple[float, int]:
    t0 = time.perf_counter()
    n_records = sum(len(getattr(r, "records", ())) for r in map_articles(iter(articles), **engine))
    return time.perf_counter() - t0, n_records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz")
    ap.add_argument("--chunksize", type=int, default=None, help="articles per task (engine default)")
    args = ap.parse_args()
    from distributed import Client, LocalCluster

    articles = load(args.corpus, args.n)
    words = sum(len(a.text.split()) for a in articles if hasattr(a, "text"))
    print(f"{len(articles)} articles, {words:,} words, chunksize {args.chunksize}")
    _warm(articles[0])
    secs, n_rec = timed(articles, engine="local", jobs=1, chunksize=args.chunksize)
    print(f"in-process (1 core)      : {secs:7.2f} s  {len(articles) / secs:8.1f} articles/s  {n_rec} records")
    results = {}
    for workers in (1, 2):
        t0 = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as lc, \
                Client(lc) as client:
            # Warm the workers (imports, lazily built tables): start-up cost is not throughput.
            client.run(_warm, articles[0])
            startup = time.perf_counter() - t0
            secs, n_rec2 = timed(articles, engine="dask", scheduler=lc.scheduler_address, chunksize=args.chunksize)
        results[workers] = secs
        same = "same records" if n_rec2 == n_rec else f"RECORD COUNT DIFFERS ({n_rec2})"
        print(f"dask, {workers} worker process(es): {secs:7.2f} s  {len(articles) / secs:8.1f} articles/s  "
              f"(cluster start {startup:.1f} s; {same})")
    print(f"speed-up 2 vs 1 workers: {results[1] / results[2]:.2f}x "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: other processes slow the 2-worker run)")


if __name__ == "__main__":
    main()
