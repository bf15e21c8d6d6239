"""The store commands: `ingest` (incremental, idempotent, batched), `stats`, `export` and `fetch`.

Side effects live here; the logic they call (identity, rows, dedupe, exports) is pure."""
from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pipeline.schema import EXTRACTOR_VERSION, Article
from pipeline.store import Store, article_key, article_row, quarantine_row, read_part, record_row

BATCH_SIZE = int(os.environ.get("DYAD_BATCH", 500))


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    skipped: int = 0
    quarantined: int = 0
    reprocessed: int = 0
    records: Counter = field(default_factory=Counter)
    events: int = 0
    version: int = 0

    def line(self) -> str:
        kinds = ", ".join(f"{self.records[k]} {k}s" for k in ("event", "figure")) or "none"
        extra = f", reprocessed {self.reprocessed}" if self.reprocessed else ""
        return (f"ingest: {self.read} articles read, {self.new} new, {self.skipped} skipped (already stored), "
                f"{self.quarantined} quarantined{extra}; records: {kinds}; events: {self.events} "
                f"(store version {self.version})")

    def as_dict(self) -> dict:
        return {"read": self.read, "new": self.new, "skipped": self.skipped, "quarantined": self.quarantined,
                "reprocessed": self.reprocessed, "records": dict(self.records), "events": self.events,
                "version": self.version}


def _quarantine_key(origin: str | None, reason: str | None) -> tuple:
    return (origin or "", reason or "")


def _known_quarantine(store: Store) -> set[tuple]:
    keys: set[tuple] = set()
    for part in store.snapshot().quarantine:
        t = read_part(store.root, part, ["origin", "reason"])
        keys.update(zip(t.column("origin").to_pylist(), t.column("reason").to_pylist(), strict=True))
    return {_quarantine_key(o, r) for o, r in keys}


def _progress(enabled: bool, desc: str):
    from tqdm import tqdm

    return tqdm(desc=desc, unit=" art", file=sys.stderr, disable=not enabled, mininterval=0.5, dynamic_ncols=True)


def _rows_of(result, summary: IngestSummary) -> tuple[dict | None, list[dict], dict | None]:
    """One engine result -> (article row, record rows, quarantine row)."""
    from pipeline.ingest import Quarantined

    if isinstance(result, Quarantined):
        return None, [], quarantine_row(result.origin, result.reason, result.article_id, result.excerpt)
    art: Article = result.article
    recs = [record_row(r, published=art.published) for r in result.records]
    for r in recs:
        summary.records[r["kind"]] += 1
    return article_row(art), recs, None


def ingest(store: Store, items: Iterable, engine: str = "local", jobs: int = 1, scheduler: str | None = None,
           reprocess: bool = False, batch_size: int = BATCH_SIZE, progress: bool = False,
           func=None) -> IngestSummary:
    """Add the new articles among `items` (Article | Quarantined) to the store, a batch per commit.

    func: the per-article function (default pipeline.extract.process), returning an object with
    `.article` and `.records`, or a Quarantined."""
    from pipeline.engines import map_articles
    from pipeline.ingest import Quarantined

    summary = IngestSummary()
    with store.writer():
        if reprocess:
            summary.reprocessed = _reprocess(store, engine, jobs, scheduler, batch_size, progress, summary, func)
        known = store.known_article_keys()
        known_q = _known_quarantine(store)
        pending_q: list[dict] = []

        def new_articles() -> Iterator[Article]:
            for item in items:
                if isinstance(item, Quarantined):
                    k = _quarantine_key(item.origin, item.reason)
                    summary.quarantined += 1
                    if k not in known_q:
                        known_q.add(k)
                        pending_q.append(quarantine_row(item.origin, item.reason, item.article_id, item.excerpt))
                    continue
                summary.read += 1
                key = article_key(item.id, item.url, item.text)
                if key in known:
                    summary.skipped += 1
                    continue
                known.add(key)  # a duplicate later in the same run is skipped too
                yield item

        arts: list[dict] = []
        recs: list[dict] = []
        bar = _progress(progress, "ingest")
        try:
            for result in map_articles(new_articles(), engine=engine, jobs=jobs, scheduler=scheduler, func=func):
                art, rows, q = _rows_of(result, summary)
                bar.update(1)
                if q is not None:
                    summary.quarantined += 1
                    pending_q.append(q)
                    continue
                summary.new += 1
                arts.append(art)
                recs.extend(rows)
                if len(arts) >= batch_size:
                    store.add_batch(arts, recs, pending_q)
                    arts, recs, pending_q[:] = [], [], []
            if arts or pending_q:
                store.add_batch(arts, recs, pending_q)
        finally:
            bar.close()
        store.compact()
        snap = store.snapshot()
        if summary.new or summary.reprocessed or (snap.records and not snap.events):
            store.rebuild_events()
        st = store.stats()
    summary.events, summary.version = st["events"], st["version"]
    return summary


def _reprocess(store: Store, engine: str, jobs: int, scheduler: str | None, batch_size: int,
               progress: bool, summary: IngestSummary, func=None) -> int:
    """Re-extract every stored article; the new records replace the old in one manifest swap."""
    from pipeline.engines import map_articles

    def stored() -> Iterator[Article]:
        for batch in store.iter_articles(batch_size):
            for row in batch:
                yield Article(id=row["article_id"], text=row["text"] or "", published=row["published"],
                              title=row["title"], url=row["url"], source=row["source"],
                              language=row["language"], origin=row["origin"])

    record_parts: list[str] = []
    article_parts: list[str] = []
    quarantine: list[dict] = []
    arts: list[dict] = []
    recs: list[dict] = []
    n = 0

    def flush() -> None:
        for table, rows, parts in (("articles", arts, article_parts), ("records", recs, record_parts)):
            rel = store.stage_part(table, rows)
            if rel:
                parts.append(rel)
        arts.clear()
        recs.clear()

    bar = _progress(progress, "reprocess")
    try:
        for result in map_articles(stored(), engine=engine, jobs=jobs, scheduler=scheduler, func=func):
            bar.update(1)
            n += 1
            art, rows, q = _rows_of(result, summary)
            if q is not None:
                quarantine.append(q)
                continue
            arts.append(art)
            recs.extend(rows)
            if len(arts) >= batch_size:
                flush()
        flush()
    finally:
        bar.close()
    # Articles whose re-extraction failed keep their stored row so they are not lost; they are
    # listed in quarantine with the reason and have no records until the next reprocess.
    failed_ids = {q["article_id"] for q in quarantine}
    if failed_ids:
        kept = [row for batch in store.iter_articles(batch_size) for row in batch if row["article_id"] in failed_ids]
        rel = store.stage_part("articles", kept)
        if rel:
            article_parts.append(rel)
    old_q = [str(p.relative_to(store.root)) for p in store.snapshot().quarantine]
    rel = store.stage_part("quarantine", quarantine)
    version = store.commit_replace(
        {"articles": article_parts, "records": record_parts, "quarantine": old_q + ([rel] if rel else [])},
        extractor_version=EXTRACTOR_VERSION)
    summary.version = version
    return n


# --- the commands ------------------------------------------------------------------------------

def run_ingest(args) -> int:
    from pipeline import errors
    from pipeline.engines import default_jobs
    from pipeline.ingest import read_inputs

    for p in args.inputs:  # checked before the store is touched; '-' is standard input
        if p != "-" and not os.path.exists(p):
            raise errors.input_missing(p)
    store = Store(args.store)
    jobs = args.jobs if args.jobs is not None else (1 if args.engine == "local" else default_jobs())
    progress = not args.no_progress and sys.stderr.isatty()
    before = store.snapshot()
    if not args.reprocess and before.extractor_version and before.extractor_version != EXTRACTOR_VERSION:
        print(f"note: the store was extracted with version {before.extractor_version}, this is "
              f"{EXTRACTOR_VERSION}; run with --reprocess to re-extract it", file=sys.stderr)
    summary = ingest(store, read_inputs(args.inputs), engine=args.engine, jobs=jobs, scheduler=args.scheduler,
                     reprocess=args.reprocess, batch_size=args.batch_size, progress=progress)
    print(summary.line(), file=sys.stderr)
    return 0


def run_stats(args) -> int:
    st = Store(args.store).stats()
    if args.json:
        print(json.dumps(st, sort_keys=True))
    else:
        r = st["records"]
        print(f"store version {st['version']}: {st['articles']} articles, {st['quarantined']} quarantined, "
              f"{r['total']} records ({r['event']} events, {r['figure']} figures), {st['events']} de-duplicated events")
    return 0


def run_export(args) -> int:
    from pipeline.exports import export

    n = export(Store(args.store), what=args.what, fmt=args.format, out=args.output)
    print(f"export: {n} {args.what} written to {args.output}", file=sys.stderr)
    return 0


def run_fetch(args) -> int:
    from pipeline.fetch import fetch_feed_articles, fetch_url_list_articles

    store = Store(args.store)
    known = store.known_article_keys()  # pages already stored are not fetched again
    fetched = (fetch_feed_articles(args.feed, timeout=args.timeout, delay=args.delay, known=known) if args.feed
               else fetch_url_list_articles(args.urls, timeout=args.timeout, delay=args.delay, known=known))
    summary = ingest(store, fetched, engine="local", jobs=1, batch_size=args.batch_size,
                     progress=sys.stderr.isatty())
    print(summary.line().replace("ingest:", "fetch:", 1), file=sys.stderr)
    return 0
