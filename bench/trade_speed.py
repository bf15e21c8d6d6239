"""Server time of the trade reporter page's queries for every reporter, with the full table loaded:
top partners, the share lines of the top five, and reported-vs-official for the reporter's figures.

    .venv/bin/python bench/trade_speed.py [--figures-per-reporter 40] [--store DIR]

The figures are synthetic (seeded): partners, years and indicators drawn from the reporter's own
official rows, with values off by up to +-60%. Prints figures only; target < 1 s per page.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from pipeline.reference import DATA_DIR
from pipeline.reference import comparison as C
from pipeline.reference import trade as T

ROOT = Path(__file__).resolve().parents[1]


UNITS = {**dict.fromkeys(T.SHARE_INDICATORS, "percent"), **dict.fromkeys(T.RANK_INDICATORS, "rank"),
         **dict.fromkeys(T.VALUE_INDICATORS, "USD")}


def synthetic_figures(con, reporter: str, n: int, rng: random.Random) -> list[dict]:
    rows = con.execute("""SELECT partner, year, trade_share, exports_usd_m FROM trade_facts
        WHERE reporter = ? AND partner <> 'WLD' AND dataset = 'dots' AND trade_share IS NOT NULL""",
                       [reporter]).fetchall()
    if not rows:
        return []
    figs = []
    for _ in range(n):
        partner, year, share, exports = rng.choice(rows)
        indicator = rng.choice(T.INDICATORS)
        value = {"percent": share, "rank": rng.randint(1, 5), "USD": (exports or 1.0) * 1e6}[UNITS[indicator]]
        figs.append({"source": reporter, "target": partner, "indicator": indicator, "unit": UNITS[indicator],
                     "value": value * rng.uniform(0.4, 1.6), "period": str(year) if rng.random() < 0.7 else None,
                     "published": f"{year + 1}-06-01", "product": "tea" if rng.random() < 0.05 else None})
    return figs


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--figures-per-reporter", type=int, default=40)
    ap.add_argument("--store", type=Path, default=None, help="also load this store's trade imports")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()

    sizes = {p.name: p.stat().st_size for p in sorted(DATA_DIR.glob("*.parquet"))}
    for name, size in sizes.items():
        print(f"table {name}: {size:,} bytes")
    print(f"tables total: {sum(sizes.values()):,} bytes ({sum(sizes.values()) / 2**20:.2f} MiB)")

    t0 = time.perf_counter()
    con = T.connect(args.store)
    load = time.perf_counter() - t0
    rows = con.execute("SELECT count(*) FROM trade_facts").fetchall()[0][0]
    mem = con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchall()[0][0]
    print(f"load: {load * 1000:.0f} ms for {rows:,} rows of trade_facts; DuckDB memory {mem / 2**20:.0f} MiB")

    rng = random.Random(args.seed)
    reporters = T.reporters(con)
    pages, parts = [], {"top_partners": [], "share_lines": [], "compare_figures": []}
    all_figs = []
    for reporter in reporters:
        figs = synthetic_figures(con, reporter, args.figures_per_reporter, rng)
        all_figs += figs
        t = time.perf_counter()
        top = T.top_partners(con, reporter, "trade_share")
        if top.empty:  # a Factbook-only reporter has export and import shares, no trade share
            top = T.top_partners(con, reporter, "export_share")
        t1 = time.perf_counter()
        T.share_lines(con, reporter, top["partner"].head(5).tolist(), "trade_share" if "trade_share" in top
                      and top["trade_share"].notna().any() else "export_share")
        t2 = time.perf_counter()
        C.compare_figures(con, figs)
        t3 = time.perf_counter()
        parts["top_partners"].append(t1 - t)
        parts["share_lines"].append(t2 - t1)
        parts["compare_figures"].append(t3 - t2)
        pages.append(t3 - t)
    ms = [p * 1000 for p in pages]
    print(f"reporter pages: {len(pages)} reporters, {args.figures_per_reporter} figures each")
    print(f"  page (all three): median {statistics.median(ms):.1f} ms, p95 {pct(ms, 0.95):.1f} ms, max {max(ms):.1f} ms")
    for name, values in parts.items():
        v = [x * 1000 for x in values]
        print(f"  {name}: median {statistics.median(v):.1f} ms, p95 {pct(v, 0.95):.1f} ms, max {max(v):.1f} ms")
    t = time.perf_counter()
    out = C.compare_figures(con, all_figs)
    took = time.perf_counter() - t
    print(f"compare_figures, all {len(all_figs):,} figures in one call: {took * 1000:.0f} ms; "
          f"{out.official.notna().sum():,} compared, {int(out.flagged.sum()):,} flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
