"""De-duplication benchmark: N synthetic event records (random dyads, PLOVER types and dates over two
years, written as Parquet parts) through pipeline.dedupe.build_events; prints seconds and events.

    .venv/bin/python bench/dedupe_speed.py [--n 1000000] [--parts 20]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dedupe import build_events
from pipeline.schema import PLOVER_TYPES, QUAD_CLASS
from pipeline.store import ARTICLES_SCHEMA, RECORDS_SCHEMA

ROOT = Path(__file__).resolve().parents[1]


COUNTRIES = ["USA", "CHN", "RUS", "KOR", "JPN", "DEU", "FRA", "GBR", "IND", "BRA", "TUR", "IRN", "ISR", "UKR",
             "PRK", "SAU", "EGY", "ZAF", "NGA", "MEX", "CAN", "AUS", "IDN", "PAK", "VNM"]


def synthetic(n: int, n_articles: int, seed: int = 7) -> tuple[pa.Table, pa.Table]:
    rng = np.random.default_rng(seed)
    src = rng.integers(0, len(COUNTRIES), n)
    tgt = (src + rng.integers(1, len(COUNTRIES), n)) % len(COUNTRIES)  # never the same country
    types = rng.integers(0, len(PLOVER_TYPES), n)
    day0 = np.datetime64("2024-01-01")
    start = day0 + rng.integers(0, 730, n).astype("timedelta64[D]")
    published = start + rng.integers(0, 3, n).astype("timedelta64[D]")
    art = rng.integers(0, n_articles, n)
    c = np.array(COUNTRIES)
    t = np.array(PLOVER_TYPES)
    cols = {name: pa.nulls(n, RECORDS_SCHEMA.field(name).type) for name in RECORDS_SCHEMA.names}
    cols.update({
        "record_id": pa.array([f"r{i:09d}" for i in range(n)]), "article_id": pa.array([f"a{i}" for i in art]),
        "kind": pa.array(["event"] * n), "source": pa.array(c[src]), "target": pa.array(c[tgt]),
        "event_type": pa.array(t[types]), "quad_class": pa.array([QUAD_CLASS[x] for x in t[types]]),
        "status": pa.array(np.where(rng.random(n) < 0.05, "negated", "occurred")),
        "date_start": pa.array(start), "published": pa.array(published),
        "evidence": pa.array([f"sentence {i}" for i in range(n)]), "confidence": pa.array(rng.random(n)),
    })
    records = pa.table([cols[name].cast(RECORDS_SCHEMA.field(name).type) for name in RECORDS_SCHEMA.names],
                       schema=RECORDS_SCHEMA)
    acols = {name: pa.nulls(n_articles, ARTICLES_SCHEMA.field(name).type) for name in ARTICLES_SCHEMA.names}
    acols.update({"article_id": pa.array([f"a{i}" for i in range(n_articles)]),
                  "source": pa.array([f"outlet{i % 60}" for i in range(n_articles)])})
    articles = pa.table([acols[name] for name in ARTICLES_SCHEMA.names], schema=ARTICLES_SCHEMA)
    return records, articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--parts", type=int, default=20, help="Parquet parts the records are split into")
    args = ap.parse_args()
    records, articles = synthetic(args.n, max(1, args.n // 5))
    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        step = -(-records.num_rows // args.parts)
        for i in range(args.parts):
            p = Path(tmp) / f"r{i}.parquet"
            pq.write_table(records.slice(i * step, step), p)
            parts.append(p)
        ap_ = Path(tmp) / "a.parquet"
        pq.write_table(articles, ap_)
        for run in (1, 2):
            t0, c0 = time.perf_counter(), time.process_time()
            events = build_events(parts, [ap_])
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
            # CPU seconds (all DuckDB threads) as well as wall time: on a shared, loaded machine the
            # wall time mostly measures the other processes.
            print(f"run {run}: {records.num_rows:,} records in {args.parts} parts -> {events.num_rows:,} events "
                  f"in {secs:.2f} s wall, {cpu:.2f} s CPU ({records.num_rows / secs:,.0f} records/s wall); "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
