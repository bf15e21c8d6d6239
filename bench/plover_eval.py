"""PLOVER accuracy of the event classifier on the gold dev sentences, and its throughput.

Usage: .venv/bin/python bench/plover_eval.py [--gold PATH] [--direct] [--errors N] [--speed-rounds N]
                                            [--reuters N]
Prints the figures the accuracy gate (the plover_dev suite of tests/eval/floors.json) holds. The pairs
scored are those whose gold spans name two different countries and whose actor acts for its state:
Dyad codes interstate acts only (a party, a militant group, a firm or a private person is no actor),
while the PLOVER gold also marks such actors; their figure is printed as "any actor".
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GOLD = ROOT.parent / "shared" / "gold" / "plover_dev.jsonl"
DATED = date(2018, 6, 1)  # the gold sentences are mostly 2017-2019: leaders resolve as of mid-2018
# The gold's YIELD covers two PLOVER roots.
GOLD_TYPES = {"YIELD": {"CONCEDE", "RETREAT"}}


def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


_PLACE_HOWS = ("located", "city", "region", "dateline")


def span_actor(text: str) -> tuple[str | None, bool | None]:
    """(country, state_actor) of a gold span: its first country mention that is not a mere place
    ("a military base in Lamu county in Kenya" names Kenya), else what `resolve` says of the whole span."""
    from pipeline import actors

    mentions = actors.find_mentions(text, DATED)
    for m in mentions:
        if m.how not in _PLACE_HOWS and m.country:
            return m.country, m.state_actor
    for m in mentions:
        if m.country:
            return m.country, None
    r = actors.resolve(text, DATED)
    return r.get("country"), r.get("state_actor")


def span_country(text: str) -> str | None:
    return span_actor(text)[0]


def orchestrator_available() -> bool:
    """Whether the full per-article pipeline (pipeline.extract) imports; until all of its stages
    exist, the evaluation calls find_mentions + find_events itself."""
    try:
        import pipeline.extract  # noqa: F401
    except ImportError:
        return False
    return True


def records_for(sentence_id: str, text: str, direct: bool) -> list[dict]:
    """The event records the pipeline produces for one sentence."""
    from pipeline import actors, events

    if not direct:
        from pipeline.extract import extract_article
        from pipeline.schema import Article

        return [r for r in extract_article(Article(sentence_id, text=text, published=DATED)).records
                if r.get("kind") == "event"]
    return events.find_events(text, actors.find_mentions(text, DATED), DATED)


def type_ok(gold: str, predicted: str | None) -> bool:
    return predicted in GOLD_TYPES.get(gold, {gold})


def best_for_pair(records: list[dict], pair: frozenset) -> dict | None:
    cands = [r for r in records if frozenset((r["source"], r["target"])) == pair]
    return max(cands, key=lambda r: r.get("confidence") or 0) if cands else None


def evaluate(rows: list[dict], direct: bool = False) -> dict:
    """The accuracy figures (see the module doc) plus the per-sentence outcomes for error analysis."""
    n_pairs = found = direction = typed = overall = 0
    n_any = found_any = 0
    outcomes = []
    for row in rows:
        recs = records_for(row["id"], row["text"], direct)
        best_any = max(recs, key=lambda r: r.get("confidence") or 0) if recs else None
        overall += bool(best_any and type_ok(row["event"], best_any["event_type"]))
        (src, src_state), (tgt, _) = span_actor(row["source_text"]), span_actor(row["target_text"])
        if not src or not tgt or src == tgt:
            continue
        rec = best_for_pair(recs, frozenset((src, tgt)))
        n_any += 1
        found_any += rec is not None
        if src_state is False:
            continue  # the gold's actor is a party, a militant group, a firm or a private person: no interstate act
        n_pairs += 1
        outcomes.append((row, src, tgt, rec))
        if rec is None:
            continue
        found += 1
        direction += rec["source"] == src
        typed += type_ok(row["event"], rec["event_type"])
    return {
        "n_sentences": len(rows),
        "n_pairs": n_pairs,
        "pair_recall": found / n_pairs if n_pairs else 0.0,
        "n_pairs_any_actor": n_any,
        "pair_recall_any_actor": found_any / n_any if n_any else 0.0,
        "direction_accuracy": direction / found if found else 0.0,
        "type_accuracy_found": typed / found if found else 0.0,
        "type_accuracy_overall": overall / len(rows) if rows else 0.0,
        "found": found,
        "outcomes": outcomes,
    }


def reuters_sentences(n_articles: int) -> list[dict]:
    """The sentences with >= 2 countries of the first n Reuters-21578 articles with a body, as rows
    for `throughput` (mentions found over the whole article, as the orchestrator does)."""
    import gzip

    from pipeline import actors
    from pipeline.text import sentences

    path = ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if n_articles <= 0:
                break
            text = json.loads(line).get("text")
            if not text:
                continue
            n_articles -= 1
            mentions = actors.find_mentions(text, date(1987, 6, 1))
            for sent in sentences(text):
                local = [m for m in mentions if sent.start <= m.start and m.end <= sent.end]
                if len({m.country for m in local}) >= 2:
                    out.append({"text": sent.text})
    return out


def throughput(rows: list[dict], rounds: int = 5) -> tuple[int, float, float]:
    """Sentences per second through find_events alone, on the sentences with >= 2 countries
    (only those reach it in the pipeline); mentions are found once, outside the timing.
    Returns (sentences, per wall-clock second, per CPU second): on a shared machine the CPU
    figure is the steadier one."""
    from pipeline import actors, events

    prepared = []
    for row in rows:
        ms = actors.find_mentions(row["text"], DATED)
        if len({m.country for m in ms}) >= 2:
            prepared.append((row["text"], ms))
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for text, ms in prepared:
            events.find_events(text, ms, DATED)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(prepared) * rounds
    return len(prepared), n / wall if wall else float("inf"), n / cpu if cpu else float("inf")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--direct", action="store_true",
                    help="call actors.find_mentions + events.find_events instead of extract.extract_article")
    ap.add_argument("--errors", type=int, default=0, help="print this many misclassified pairs")
    ap.add_argument("--speed-rounds", type=int, default=5)
    ap.add_argument("--reuters", type=int, default=0, metavar="N",
                    help="also time find_events on the sentences of the first N Reuters-21578 articles")
    args = ap.parse_args(argv)
    rows = load_gold(args.gold)
    t0 = time.perf_counter()
    direct = args.direct or not orchestrator_available()
    res = evaluate(rows, direct=direct)
    took = time.perf_counter() - t0
    print(f"gold sentences          {res['n_sentences']}")
    print(f"country-pair subset     {res['n_pairs']} whose actor acts for its state "
          f"({res['n_pairs_any_actor']} with any actor)")
    print(f"pair recall             {res['pair_recall']:.3f}  ({res['found']}/{res['n_pairs']}); "
          f"any actor {res['pair_recall_any_actor']:.3f}")
    print(f"direction accuracy      {res['direction_accuracy']:.3f}  (on found pairs)")
    print(f"event-type accuracy     {res['type_accuracy_found']:.3f}  (on found pairs; YIELD = CONCEDE or RETREAT)")
    print(f"overall type accuracy   {res['type_accuracy_overall']:.3f}  (all sentences, best record of any pair)")
    print(f"evaluation time         {took:.1f} s ({'find_mentions + find_events' if direct else 'extract_article'})")
    n, wall_rate, cpu_rate = throughput(rows, args.speed_rounds)
    print(f"find_events throughput  {wall_rate:,.0f} sentences/s wall, {cpu_rate:,.0f} per CPU second "
          f"({n} sentences with >= 2 countries x {args.speed_rounds})")
    if args.reuters:
        sents = reuters_sentences(args.reuters)
        n, wall_rate, cpu_rate = throughput(sents, args.speed_rounds)
        chars = sum(len(r["text"]) for r in sents) / max(1, len(sents))
        print(f"Reuters throughput      {wall_rate:,.0f} sentences/s wall, {cpu_rate:,.0f} per CPU second "
              f"({n} sentences with >= 2 countries, {chars:.0f} characters on average, x {args.speed_rounds})")
    confusion = Counter((row["event"], rec["event_type"]) for row, _, _, rec in res["outcomes"] if rec)
    wrong = [(g, p, c) for (g, p), c in confusion.most_common() if not type_ok(g, p)]
    if wrong:
        print("most common type confusions (gold -> predicted):",
              ", ".join(f"{g}->{p} {c}" for g, p, c in wrong[:10]))
    shown = 0
    for row, src, tgt, rec in res["outcomes"]:
        if shown >= args.errors:
            break
        if rec is None or rec["source"] != src or not type_ok(row["event"], rec["event_type"]):
            shown += 1
            got = f"{rec['source']}->{rec['target']} {rec['event_type']} [{rec.get('trigger')}]" if rec else "MISSED"
            print(f"- gold {src}->{tgt} {row['event']} | got {got} | {row['marked'][:200]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
