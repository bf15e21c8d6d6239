"""How often the reported-vs-official flag (pipeline.reference.trade.judge) fires when both numbers
are official: one reporter's record against its partner's mirror record, and Factbook against IMF.

    .venv/bin/python bench/trade_threshold.py [--start 2015 --end 2019]

A threshold that flags about one in ten of these official-vs-official pairs says "further apart than
official records usually are". Pairs with an estimate on either side are left out.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.reference import comparison as C
from pipeline.reference import trade as T

ROOT = Path(__file__).resolve().parents[1]



def rate(pairs: list[tuple[str, float, float]]) -> tuple[int, float]:
    flagged = sum(C.judge(ind, reported, official).flagged for ind, reported, official in pairs)
    return len(pairs), flagged / len(pairs) if pairs else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--start", type=int, default=2015)
    ap.add_argument("--end", type=int, default=2019)
    args = ap.parse_args()
    con = T.connect()
    span = [args.start, args.end]
    con.execute("""CREATE TEMP TABLE d AS SELECT * FROM trade_facts WHERE dataset = 'dots' AND year BETWEEN ? AND ?
                   AND NOT coalesce(exports_estimated, false) AND NOT coalesce(imports_estimated, false)""", span)
    # Values: A's exports to B (A's record) vs B's imports from A (B's record), flows over US$ 1 bn.
    values = con.execute("""SELECT 'export_value', b.imports_usd_m, a.exports_usd_m FROM d a JOIN d b
        ON a.reporter = b.partner AND a.partner = b.reporter AND a.year = b.year
        WHERE a.partner <> 'WLD' AND a.exports_usd_m > 1000 AND b.imports_usd_m > 0""").fetchall()
    # Shares: A's trade share of B from A's records vs the same share from B's mirror records (B's
    # exports to and imports from A over A's world total), shares of at least 1%.
    shares = con.execute("""SELECT 'trade_share', 100 * (b.exports_usd_m + b.imports_usd_m) / a.world_trade_usd_m,
               a.trade_share
        FROM d a JOIN d b ON a.reporter = b.partner AND a.partner = b.reporter AND a.year = b.year
        WHERE a.partner <> 'WLD' AND a.trade_share >= 1 AND b.exports_usd_m IS NOT NULL
          AND b.imports_usd_m IS NOT NULL AND a.exports_usd_m IS NOT NULL AND a.imports_usd_m IS NOT NULL""").fetchall()
    # Ranks: A's top-5 trade partners ranked by A's records vs by the partners' mirror records.
    ranks = con.execute("""WITH m AS (SELECT b.partner AS reporter, b.reporter AS partner, b.year,
               coalesce(b.exports_usd_m, 0) + coalesce(b.imports_usd_m, 0) AS v FROM d b WHERE b.partner <> 'WLD'),
        r AS (SELECT *, rank() OVER (PARTITION BY reporter, year ORDER BY v DESC) AS mirror_rank FROM m)
        SELECT 'trade_partner_rank', r.mirror_rank, a.trade_rank FROM d a JOIN r USING (reporter, partner, year)
        WHERE a.trade_rank <= 5""").fetchall()
    # Factbook list shares vs IMF shares for the same reporter, partner, flow and data year (>= 1%).
    factbook = con.execute("""SELECT CASE WHEN f.export_share IS NOT NULL THEN 'export_share' ELSE 'import_share' END,
               coalesce(f.export_share, f.import_share),
               CASE WHEN f.export_share IS NOT NULL THEN d.export_share ELSE d.import_share END
        FROM trade_facts f JOIN d USING (reporter, partner, year) WHERE f.dataset = 'factbook'
          AND coalesce(f.export_share, f.import_share) IS NOT NULL""").fetchall()
    factbook = [(i, r, o) for i, r, o in factbook if o is not None and o >= 1]
    # Factbook list ranks vs IMF ranks, same reporter, partner, flow and year.
    fb_ranks = con.execute("""SELECT 'export_partner_rank', coalesce(f.export_rank, f.import_rank),
               CASE WHEN f.export_rank IS NOT NULL THEN d.export_rank ELSE d.import_rank END AS o
        FROM trade_facts f JOIN d USING (reporter, partner, year) WHERE f.dataset = 'factbook'
          AND coalesce(f.export_rank, f.import_rank) IS NOT NULL""").fetchall()
    fb_ranks = [row for row in fb_ranks if row[2] is not None]
    print(f"thresholds: shares |gap| > {C.SHARE_ABS_PP:g} pp and > {C.SHARE_REL:.0%}; values outside "
          f"x{C.VALUE_RATIO:g} either way; ranks {C.RANK_GAP}+ places and > x{C.RANK_RATIO:g}; years {args.start}-{args.end}, no estimates")
    for name, pairs in (("mirror values (> US$ 1 bn)", values), ("mirror trade shares (>= 1%)", shares),
                        ("mirror ranks (top 5)", ranks), ("Factbook vs IMF shares (>= 1%)", factbook),
                        ("Factbook vs IMF ranks (Factbook's top 5)", fb_ranks)):
        n, r = rate(pairs)
        print(f"  {name}: {n:,} pairs, {r:.1%} flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
