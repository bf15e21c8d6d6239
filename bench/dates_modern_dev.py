"""Benchmark: do records get the right dates on the modern_dev gold set?

For every gold item (must and should) that pins a date (date_start, date_end or date_start_year), the
records of its article that match it on everything but the dates (kind, pair/direction, type,
evidence; status ignored too) are counted, and so are those of them whose dates are right. Reads
../shared (reference data only):

  .venv/bin/python bench/dates_modern_dev.py [RECORDS.jsonl] [--verbose]

Without RECORDS.jsonl it runs the extractor over the dev articles in this process first. The oracle_*
figures take the extractor out: each item's own sentence, its evidence as the trigger span, its status as
the tense, through find_dates and pick_date alone (a sharper check of the date logic, same items).

Measured in docs/dates-figures.md."""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "modern_dev" / "gold.jsonl"
ARTICLES = SHARED / "gold" / "modern_dev" / "articles.jsonl"
_DATE_KEYS = ("date_start", "date_end", "date_start_year")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_articles", SHARED / "tools" / "score_articles.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _extract() -> list[dict]:
    from pipeline.extract import extract_article
    from pipeline.ingest import read_inputs
    from pipeline.schema import Article

    out = []
    for art in read_inputs([str(ARTICLES)]):
        if isinstance(art, Article):
            out.extend(extract_article(art).records)
    return out


def _oracle(sc, verbose: bool) -> dict:
    """Dates alone: each dated gold item's own sentence, with its evidence span as the trigger and the
    tense its status gives, through find_dates and pick_date (no event extraction in the way)."""
    from pipeline.dates import find_dates
    from pipeline.text import sentences
    try:
        from pipeline.dates.picking import pick_date
    except ImportError:  # the version before pipeline/dates/picking.py existed, to measure "before"
        from pipeline.extract import pick_date
    from datetime import date

    arts = {a["id"]: a for a in sc.load_jsonl(ARTICLES)}
    checked = right = 0
    for g in sc.load_jsonl(GOLD):
        art = arts[g["id"]]
        pub = date.fromisoformat(art["published"][:10]) if art.get("published") else None
        for tier in ("must", "should"):
            for item in g[tier]:
                if not any(k in item for k in _DATE_KEYS):
                    continue
                ev = " ".join(item["evidence_contains"].split()).lower()
                for sent in sentences(art["text"]):
                    flat = " ".join(sent.text.split())
                    at = flat.lower().find(ev)
                    if at < 0:
                        continue
                    status = item.get("status")
                    tense = {"planned": "future", "occurred": "past"}.get(status) if isinstance(status, str) else None
                    chosen = pick_date(flat, find_dates(flat, pub, tense=tense), (at, at + len(ev)))
                    rec = {"date_start": chosen.date_start if chosen else None,
                           "date_end": chosen.date_end if chosen else None}
                    ok = all(rec[k] == item[k] for k in ("date_start", "date_end") if k in item) and (
                        "date_start_year" not in item or str(rec["date_start"] or "").startswith(str(item["date_start_year"])))
                    checked += 1
                    right += ok
                    if verbose and not ok:
                        want = {k: item[k] for k in _DATE_KEYS if k in item}
                        print(f"oracle {g['id']} {tier} want {want} got {rec} from "
                              f"{chosen.text if chosen else None!r}: {flat[:110]}")
                    break
    return {"oracle_items": checked, "oracle_right": right}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("records", nargs="?")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    sc = _scorer()
    records = sc.load_jsonl(args.records) if args.records else _extract()
    by_article: dict[str, list[dict]] = {}
    for rec in records:
        by_article.setdefault(rec.get("article_id"), []).append(rec)
    items = found = recs = right = items_right = 0
    for g in sc.load_jsonl(GOLD):
        for tier in ("must", "should"):
            for item in g[tier]:
                if not any(k in item for k in _DATE_KEYS):
                    continue
                items += 1
                loose = {k: v for k, v in item.items() if k not in (*_DATE_KEYS, "status")}
                cands = [r for r in by_article.get(g["id"], []) if sc.matches(r, loose)]
                ok = [r for r in cands if sc.matches(r, {k: v for k, v in item.items() if k != "status"})]
                found += bool(cands)
                recs += len(cands)
                right += len(ok)
                items_right += bool(ok)
                if args.verbose and len(ok) < len(cands):
                    want = {k: item[k] for k in _DATE_KEYS if k in item}
                    for r in cands:
                        if r not in ok:
                            print(f"{g['id']} {tier} want {want} got {[r.get('date_start'), r.get('date_end')]} "
                                  f"from {r.get('date_text')!r}: {r.get('evidence', '')[:110]}")
    print(json.dumps({"dated_gold_items": items, "items_with_a_matching_record": found,
                      "items_with_a_rightly_dated_record": items_right,
                      "matching_records": recs, "rightly_dated_records": right,
                      "record_date_accuracy": round(right / recs, 3) if recs else None,
                      **_oracle(sc, args.verbose)}))


if __name__ == "__main__":
    main()
