"""Benchmark: country mentions in the dev set's non-English articles. Recall: of the countries the
gold `must` items name (source, target, pair), how many the article's mentions find; and every
mention listed, for judging precision by hand.

    .venv/bin/python bench/mentions_i18n_dev.py [--list]
"""
from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from pipeline.mentions_i18n import find_mentions

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "gold" / "modern_dev"



def gold_countries(item: dict) -> set[str]:
    return {c for c in [item.get("source"), item.get("target"), *(item.get("pair") or [])] if c}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true", help="print every mention (text, country, how)")
    args = ap.parse_args()
    gold = {g["id"]: g for g in map(json.loads, open(DEV / "gold.jsonl", encoding="utf-8"))}
    found_total = gold_total = n_mentions = 0
    for a in map(json.loads, open(DEV / "articles.jsonl", encoding="utf-8")):
        if a["language"] == "en":
            continue
        mentions = find_mentions(a["text"], a["language"], date.fromisoformat(a["published"]))
        assert all(a["text"][m.start:m.end] == m.text for m in mentions)
        assert all(x.end <= y.start for x, y in zip(mentions, mentions[1:], strict=False))
        want = set().union(*(gold_countries(i) for i in gold[a["id"]]["must"]))
        got = {m.country for m in mentions}
        found_total += len(want & got)
        gold_total += len(want)
        n_mentions += len(mentions)
        print(f"{a['id']} {a['language']}: gold {sorted(want)} found {sorted(want & got)} missing {sorted(want - got)}; "
              f"{len(mentions)} mentions of {sorted(got)}")
        if args.list:
            print("    " + "; ".join(f"{m.text}={m.country}/{m.how}" for m in mentions))
    print(f"recall of gold countries: {found_total}/{gold_total} = {found_total / gold_total:.3f}; {n_mentions} mentions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
