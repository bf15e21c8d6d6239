"""`extract INPUT... -o OUT.jsonl`: articles -> records JSONL (docs/contract.md), quarantine beside it,
a one-line summary on stderr."""
from __future__ import annotations

import sys
import time
from collections import Counter

from pipeline import errors, geo, language
from pipeline.commands import load_func
from pipeline.commands.output import Progress, json_line, open_out
from pipeline.engines import map_articles
from pipeline.extract import GEOCODED, ordered
from pipeline.ingest import Quarantined, read_inputs


def quarantine_line(q: Quarantined) -> dict:
    return {"origin": q.origin, "article_id": q.article_id, "reason": q.reason, "excerpt": q.excerpt}


def run(args) -> int:
    func = load_func(args.func)
    items = read_inputs(args.inputs)
    first = next(items, None)  # raises a one-line usage error for missing inputs before any output exists
    if first is None:
        raise errors.no_inputs()
    out = open_out(args.output)
    qpath = args.quarantine or (None if args.output == "-" else f"{args.output}.quarantine.jsonl")
    qfh = open_out(qpath) if qpath else None

    def chain():
        yield first
        yield from items

    counts: Counter = Counter()
    by_language: Counter = Counter()
    words = 0
    t0 = time.perf_counter()
    try:
        with Progress("articles", enabled=not args.no_progress) as bar:
            for res in map_articles(chain(), func, engine="local", jobs=args.jobs):
                bar.update(1)
                if isinstance(res, Quarantined):
                    counts["quarantined"] += 1
                    if qfh:
                        qfh.write(json_line(quarantine_line(res)))
                    else:
                        print(f"quarantined {res.origin}: {res.reason}", file=sys.stderr)
                    continue
                counts["articles"] += 1
                language.tally(by_language, res.language, res.records, res.mentions)
                words += len(res.article.text.split())
                for rec in res.records:
                    counts[rec["kind"]] += 1
                    out.write(json_line(ordered(rec)))
                if args.mentions:
                    for m in res.mentions:
                        counts["mention"] += 1
                        if args.geocode and m["how"] in GEOCODED:
                            m["lat"], m["lon"] = geo.geocode(m["text"], args.geocode_cache) or (None, None)
                        out.write(json_line(m))
    finally:
        if out is not sys.stdout:
            out.close()
        if qfh:
            qfh.close()
    secs = time.perf_counter() - t0
    summary = (f"extract: {counts['articles'] + counts['quarantined']} articles read, {counts['articles']} processed, "
               f"{counts['quarantined']} quarantined; records: {counts['event']} event, {counts['figure']} figure"
               + (f", {counts['mention']} mentions" if args.mentions else "")
               + f"; {words:,} words in {secs:.1f} s")
    if counts["quarantined"] and qpath:
        summary += f"; quarantine: {qpath}"
    print(summary, file=sys.stderr)
    print(language.language_summary(by_language), file=sys.stderr)
    return 0
