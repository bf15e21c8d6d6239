"""Dask scale-out benchmark: Reuters articles through a LocalCluster of 1 and then 2 worker processes
(plus the plain in-process loop for reference); prints articles/s and the 2-vs-1 worker speed-up.

    .venv/bin/python bench/dask_speedup.py [--n 2000] [--corpus ../shared/corpus/reuters21578.jsonl.gz]
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import itertools
import json
import os
import time
from pathlib import Path

from pipeline.engines import map_articles
from pipeline.extract import process
from pipeline.ingest import article_from_record

ROOT = Path(__file__).resolve().parents[1]



def load(corpus: Path, n: int) -> list:
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        rows = (json.loads(ln) for ln in fh)
        return [article_from_record(r, f"{corpus.name}:{i}") for i, r in
                enumerate(itertools.islice((r for r in rows if r.get("text")), n))]


def _warm(article) -> None:
    process(article)


def timed(articles: list, **engine) -> tuple[float, int]:
    t0 = time.perf_counter()
    n_records = sum(len(getattr(r, "records", ())) for r in map_articles(iter(articles), process, **engine))
    return time.perf_counter() - t0, n_records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz")
    ap.add_argument("--chunksize", type=int, default=None, help="articles per task (engine default)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per cluster size (best is kept)")
    args = ap.parse_args()
    from distributed import Client, LocalCluster

    articles = load(args.corpus, args.n)
    words = sum(len(a.text.split()) for a in articles if hasattr(a, "text"))
    print(f"{len(articles)} articles, {words:,} words, chunksize {args.chunksize}")
    _warm(articles[0])
    secs, n_rec = timed(articles, engine="local", jobs=1, chunksize=args.chunksize)
    print(f"in-process (1 core)      : {secs:7.2f} s  {len(articles) / secs:8.1f} articles/s  {n_rec} records")
    # Both clusters stay up and the timed passes alternate (1, 2, 1, 2 ...); the best pass of each
    # is reported, so a burst of load from other processes does not decide the comparison.
    best: dict[int, float] = {}
    with contextlib.ExitStack() as stack:
        clients = {}
        for workers in (1, 2):
            t0 = time.perf_counter()
            lc = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None))
            clients[workers] = stack.enter_context(Client(lc))
            clients[workers].run(_warm, articles[0])  # imports and lazy tables: start-up is not throughput
            print(f"dask, {workers} worker process(es): cluster up and warm in {time.perf_counter() - t0:.1f} s")
        for rep in range(args.repeat):
            for workers, client in clients.items():
                secs, n_rec2 = timed(articles, engine="dask", scheduler=client.scheduler.address,
                                     chunksize=args.chunksize)
                best[workers] = min(best.get(workers, secs), secs)
                same = "same records" if n_rec2 == n_rec else f"RECORD COUNT DIFFERS ({n_rec2})"
                print(f"pass {rep + 1}, dask {workers} worker(s): {secs:7.2f} s  {len(articles) / secs:8.1f} "
                      f"articles/s  ({same}; load average {os.getloadavg()[0]:.1f})")
    print(f"best: 1 worker {best[1]:.2f} s, 2 workers {best[2]:.2f} s -> speed-up 2 vs 1 workers: "
          f"{best[1] / best[2]:.2f}x on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
