"""Measured check of pipeline.figures on Reuters-21578 trade stories: how many figures, which kinds.

Prints counts by indicator and a random sample for eyeballing (judgements go in docs/dates-figures.md).
Reads the shared corpus (reference data only): .venv/bin/python bench/figures_reuters.py [--sample N] [--seed S]"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections import Counter
from datetime import date
from pathlib import Path

from pipeline.actors import find_mentions
from pipeline.figures import FigureContext, find_figures
from pipeline.schema import Mention
from pipeline.text import sentences

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reuters21578.jsonl.gz"


def trade_articles(all_topics: bool):
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            if art.get("text") and (all_topics or "trade" in (art.get("topics") or [])):
                yield art


_CLOCK = {"figures_cpu": 0.0, "sentences": 0, "pair_sentences": 0}


def figures_of(art: dict) -> list[tuple[str, dict]]:
    pub = date.fromisoformat(art["published"]) if art.get("published") else None
    text = art["text"]
    mentions = find_mentions(text, pub)
    out = []
    ctx = FigureContext()  # as pipeline/extract.py reads an article: each sentence with the ones before
    for sent in sentences(text):
        if sent.heading:
            continue
        local = [Mention(m.start - sent.start, m.end - sent.start, m.text, m.country, m.how)
                 for m in mentions if m.start >= sent.start and m.end <= sent.end]
        _CLOCK["sentences"] += 1
        _CLOCK["pair_sentences"] += len({m.country for m in local}) >= 2
        t0 = time.process_time()
        found = find_figures(sent.text, local, pub, language=art.get("language") or "en", context=ctx)
        ctx = ctx.after(sent.text, local, found, art.get("language") or "en")
        _CLOCK["figures_cpu"] += time.process_time() - t0
        out.extend((" ".join(sent.text.split()), fig) for fig in found)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--all-topics", action="store_true", help="every article, not only the trade topic")
    args = ap.parse_args()
    t0 = time.perf_counter()
    found, n_articles = [], 0
    for art in trade_articles(args.all_topics):
        n_articles += 1
        found.extend((art["id"], s, f) for s, f in figures_of(art))
    dt = time.perf_counter() - t0
    print(f"articles: {n_articles}  figures: {len(found)}  ({dt:.1f} s incl. mention finding)")
    print(f"find_figures: {_CLOCK['sentences']} sentences ({_CLOCK['pair_sentences']} with two countries) "
          f"in {_CLOCK['figures_cpu']:.2f} s CPU = {_CLOCK['sentences'] / max(_CLOCK['figures_cpu'], 1e-9):,.0f}/s")
    for ind, n in Counter(f["indicator"] for _, _, f in found).most_common():
        print(f"  {ind:22} {n}")
    rng = random.Random(args.seed)
    sample = rng.sample(found, min(args.sample, len(found)))
    print(f"figures whose reporter or partner comes from the context: "
          f"{sum(1 for _, _, f in found if f['source_text'] == f['source'] or f['target_text'] == f['target'])}")
    for i, (aid, sent, f) in enumerate(sample, 1):
        q = f" ({f['qualifier']})" if f["qualifier"] else ""
        q += f" product={f['product']}" if f.get("product") else ""
        q += " [context]" if f["source_text"] == f["source"] or f["target_text"] == f["target"] else ""
        print(f"\n[{i}] {aid}  {f['source']}->{f['target']} {f['indicator']} = {f['value']:g} {f['unit']}{q}"
              f"  period={f['period']}")
        print(f"    {sent[:400]}")


if __name__ == "__main__":
    main()
