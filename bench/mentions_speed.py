"""Benchmark: find_mentions speed (words/s, one core) over Reuters-21578, and document-level country
detection against the editors' `places_iso3` tags (micro precision/recall on articles with gold).

Usage: .venv/bin/python bench/mentions_speed.py [--limit N] [--with-title] [--errors K]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from pipeline.actors import _index, find_mentions

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"



def load(limit: int | None) -> list[dict]:
    docs = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("text"):
                docs.append(d)
            if limit and len(docs) >= limit:
                break
    return docs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--with-title", action="store_true", help="score title + dateline + body (the body alone by default)")
    ap.add_argument("--errors", type=int, default=0, help="print the K most frequent false positives/negatives")
    a = ap.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 1
    docs = load(a.limit)
    t0 = time.perf_counter()
    _index()
    build = time.perf_counter() - t0

    texts = []
    for d in docs:
        text = d["text"]
        if a.with_title:
            text = f"{d.get('title') or ''}\n{d.get('dateline') or ''}\n{text}"
        texts.append((text, date.fromisoformat(d["published"]) if d.get("published") else None))
    words = sum(len(t.split()) for t, _ in texts)

    # CPU time of this process: the figure for "one core", steady even when the machine is shared
    w0, c0 = time.perf_counter(), time.process_time()
    found = [find_mentions(t, p) for t, p in texts]
    wall, elapsed = time.perf_counter() - w0, time.process_time() - c0

    tp = fp = fn = 0
    fps: Counter = Counter()
    fns: Counter = Counter()
    scored = 0
    for d, ms in zip(docs, found, strict=True):
        gold = set(d.get("places_iso3") or [])
        if not gold:
            continue
        scored += 1
        pred = {m.country for m in ms}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if a.errors:
            fps.update((m.text, m.country) for m in ms if m.country not in gold)
            fns.update(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"articles: {len(docs)}  words: {words:,}  index build: {build:.2f} s")
    print(f"find_mentions: {elapsed:.2f} s CPU -> {words / elapsed:,.0f} words/s on one core "
          f"(wall {wall:.2f} s -> {words / wall:,.0f} words/s; {sum(map(len, found)):,} mentions)")
    print(f"document countries vs places_iso3 ({scored} articles with gold, "
          f"{'title+dateline+body' if a.with_title else 'body only'}): "
          f"precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  (tp {tp} fp {fp} fn {fn})")
    if a.errors:
        print("top false positives:", fps.most_common(a.errors))
        print("top missed countries:", fns.most_common(a.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
