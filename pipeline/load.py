"""Loading the store: new articles (or every stored one, with reprocess) through the extractor into
the store, a batch per commit, then compaction and the rebuilt events. Incremental and idempotent.

The writes are the store's; progress is a callback the command gives (one call per article)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pipeline.engines import map_articles
from pipeline.extract import process
from pipeline.ingest import Quarantined, article_key
from pipeline.parts import read_part
from pipeline.rows import article_row, quarantine_row, record_row
from pipeline.schema import EXTRACTOR_VERSION, Article
from pipeline.store import Store

BATCH_SIZE = 500  # articles per commit: a crash loses at most one batch of work, never a record


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


def _rows_of(result, summary: IngestSummary) -> tuple[dict | None, list[dict], dict | None]:
    """One engine result -> (article row, record rows, quarantine row)."""
    if isinstance(result, Quarantined):
        return None, [], quarantine_row(result.origin, result.reason, result.article_id, result.excerpt)
    art: Article = result.article
    recs = [record_row(r, published=art.published) for r in result.records]
    for r in recs:
        summary.records[r["kind"]] += 1
    return article_row(art), recs, None


def _no_progress(n: int = 1) -> None:
    pass


def ingest(store: Store, items: Iterable, engine: str = "local", jobs: int = 1, scheduler: str | None = None,
           reprocess: bool = False, batch_size: int = BATCH_SIZE, progress: Callable[[int], None] = _no_progress,
           func: Callable = process) -> IngestSummary:
    """Add the new articles among `items` (Article | Quarantined) to the store, a batch per commit.

    func: the per-article function (pipeline.extract.process), returning an object with `.article`
    and `.records`, or a Quarantined. progress: called once per article extracted."""
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
        for result in map_articles(new_articles(), func, engine=engine, jobs=jobs, scheduler=scheduler):
            art, rows, q = _rows_of(result, summary)
            progress(1)
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
        store.compact()
        snap = store.snapshot()
        if summary.new or summary.reprocessed or (snap.records and not snap.events):
            store.rebuild_events()
        st = store.stats()
    summary.events, summary.version = st["events"], st["version"]
    return summary


def _reprocess(store: Store, engine: str, jobs: int, scheduler: str | None, batch_size: int,
               progress: Callable[[int], None], summary: IngestSummary, func: Callable) -> int:
    """Re-extract every stored article; the new records replace the old in one manifest swap."""

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

    for result in map_articles(stored(), func, engine=engine, jobs=jobs, scheduler=scheduler):
        progress(1)
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
