"""Benchmark: the whole `extract` over Reuters-21578 on one core (words/s, peak memory), and how
well the countries an article's mentions and records name match the editors' `places_iso3`.

    .venv/bin/python bench/extract_speed.py [--corpus ../shared/corpus/reuters21578.jsonl.gz] [--limit N]
"""
from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from pipeline.extract import extract_article
from pipeline.ingest import Quarantined, article_from_record

ROOT = Path(__file__).resolve().parents[1]



def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    words = n = 0
    spent = 0.0
    counts: Counter = Counter()
    pr = {"mentions": Counter(), "records": Counter()}
    rss_marks = []
    t_wall = time.perf_counter()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if not (obj.get("text") or "").strip():
                continue
            art = article_from_record({k: obj.get(k) for k in ("id", "text", "published", "title", "dateline")}, "reuters")
            if isinstance(art, Quarantined):
                counts["quarantined"] += 1
                continue
            t0 = time.process_time()  # CPU time: the figure is per core and robust to other load
            res = extract_article(art)
            spent += time.process_time() - t0
            n += 1
            words += len(art.text.split())
            for r in res.records:
                counts[r["kind"]] += 1
            gold = set(obj.get("places_iso3") or [])
            if gold:
                for name, found in (("mentions", {m["country"] for m in res.mentions}),
                                    ("records", {c for r in res.records for c in (r["source"], r["target"])})):
                    pr[name]["tp"] += len(found & gold)
                    pr[name]["fp"] += len(found - gold)
                    pr[name]["fn"] += len(gold - found)
            if n % 5000 == 0:
                rss_marks.append((n, round(rss_mb())))
            if args.limit and n >= args.limit:
                break
    wall = time.perf_counter() - t_wall
    out = {
        "articles": n, "words": words, "extract_cpu_seconds": round(spent, 2), "wall_seconds": round(wall, 2),
        "words_per_cpu_second_extract": round(words / spent) if spent else None,
        "words_per_second_wall_incl_json_read": round(words / wall) if wall else None,
        "peak_rss_mb": round(rss_mb()), "rss_mb_by_articles": rss_marks,
        "records": {"event": counts["event"], "figure": counts["figure"]}, "quarantined": counts["quarantined"],
    }
    for name, c in pr.items():
        p, r = prf(c["tp"], c["fp"], c["fn"])
        out[f"countries_{name}_vs_places_iso3"] = {"precision": round(p, 3), "recall": round(r, 3),
                                                   "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
