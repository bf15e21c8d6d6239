"""The store commands: `ingest` (incremental, idempotent, batched), `stats`, `export` and `fetch`."""
from __future__ import annotations

import json
import os
import sys

from pipeline import errors
from pipeline.commands import load_func
from pipeline.commands.output import Progress
from pipeline.engines import default_jobs
from pipeline.exports import export
from pipeline.ingest import read_inputs
from pipeline.load import ingest
from pipeline.schema import EXTRACTOR_VERSION
from pipeline.store import Store


def run_ingest(args) -> int:
    for p in args.inputs:  # checked before the store is touched; '-' is standard input
        if p != "-" and not os.path.exists(p):
            raise errors.input_missing(p)
    func = load_func(args.func)
    store = Store(args.store)
    jobs = args.jobs if args.jobs is not None else (1 if args.engine == "local" else default_jobs())
    before = store.snapshot()
    if not args.reprocess and before.extractor_version and before.extractor_version != EXTRACTOR_VERSION:
        print(f"note: the store was extracted with version {before.extractor_version}, this is "
              f"{EXTRACTOR_VERSION}; run with --reprocess to re-extract it", file=sys.stderr)
    with Progress("ingest", enabled=not args.no_progress and sys.stderr.isatty()) as bar:
        summary = ingest(store, read_inputs(args.inputs), engine=args.engine, jobs=jobs, scheduler=args.scheduler,
                         reprocess=args.reprocess, batch_size=args.batch_size, progress=bar.update, func=func)
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
    n = export(Store(args.store), what=args.what, fmt=args.format, out=args.output)
    print(f"export: {n} {args.what} written to {args.output}", file=sys.stderr)
    return 0


def run_fetch(args) -> int:
    from pipeline.fetch import (  # urllib and feedparser: only here
        fetch_feed_articles,
        fetch_url_list_articles,
    )

    store = Store(args.store)
    known = store.known_article_keys()  # pages already stored are not fetched again
    fetched = (fetch_feed_articles(args.feed, timeout=args.timeout, delay=args.delay, known=known) if args.feed
               else fetch_url_list_articles(args.urls, timeout=args.timeout, delay=args.delay, known=known))
    with Progress("fetch", enabled=sys.stderr.isatty()) as bar:
        summary = ingest(store, fetched, engine="local", jobs=1, batch_size=args.batch_size, progress=bar.update)
    print(summary.line().replace("ingest:", "fetch:", 1), file=sys.stderr)
    return 0
