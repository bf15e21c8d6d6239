"""Scale-out: map one per-article function over a stream of articles, in this process, in local
worker processes, or on a Dask cluster; results come back in input order, with bounded memory."""
from __future__ import annotations

import itertools
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from pipeline import errors
from pipeline.schema import EXTRACTOR_VERSION

ENGINES: tuple[str, ...] = ("local", "dask")


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def process_chunk(func: Callable, chunk: list) -> list:
    """One task: a few articles per round trip, so scheduling overhead stays small."""
    return [func(item) for item in chunk]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def map_local(items: Iterable, func: Callable, jobs: int, chunksize: int = 8) -> Iterator:
    if jobs <= 1:
        for item in items:
            yield func(item)
        return
    import multiprocessing as mp

    # forkserver, not fork: by now this process runs pyarrow/DuckDB thread pools, and forking a
    # threaded process can deadlock a child. The server preloads the function's module once, so
    # workers still start warm.
    ctx = mp.get_context("forkserver")
    module = getattr(func, "__module__", None)
    ctx.set_forkserver_preload([module] if module and module != "builtins" else [])
    # Not pool.imap: its feeder thread drains the whole input at once, so a large corpus would sit in
    # memory. A bounded window of chunks in flight keeps memory flat.
    with ctx.Pool(jobs) as pool:
        pending: deque = deque()
        for chunk in _chunks(items, chunksize):
            pending.append(pool.apply_async(process_chunk, (func, chunk)))
            while len(pending) >= 4 * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def extractor_version() -> str:
    """Run on each Dask worker (and here) to compare the code versions."""
    return EXTRACTOR_VERSION


def _check_worker_versions(client) -> None:
    """On a remote cluster, records from another extractor version would mix silently: refuse."""
    ours = EXTRACTOR_VERSION
    for worker, theirs in sorted(client.run(extractor_version).items()):
        if theirs != ours:
            raise errors.worker_version_mismatch(worker, theirs, ours)


def map_dask(items: Iterable, func: Callable, jobs: int, scheduler: str | None = None,
             chunksize: int = 8, client=None, connect_timeout: float = 10.0) -> Iterator:
    """Submit chunks to a Dask cluster, at most a few per worker in flight, and yield in order.

    scheduler: address of a running `dask scheduler` (tcp://host:8786); None starts a LocalCluster
    of `jobs` single-threaded worker processes for the duration of the run."""
    from distributed import Client, LocalCluster

    own_cluster = own_client = None
    if client is None:
        if scheduler:
            try:
                client = own_client = Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError, ValueError) as err:
                raise errors.scheduler_unreachable(scheduler, type(err).__name__) from None
        else:
            own_cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
            client = own_client = Client(own_cluster)
    try:
        if scheduler:
            _check_worker_versions(client)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        window = 4 * n_workers
        pending: deque = deque()
        for chunk in _chunks(items, chunksize):
            pending.append(client.submit(process_chunk, func, chunk, pure=False))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()


def map_articles(articles_iter: Iterable, func: Callable, engine: str = "local", jobs: int | None = None,
                 scheduler: str | None = None, chunksize: int | None = None) -> Iterator:
    """`func` (a picklable module-level function, e.g. pipeline.extract.process) mapped over the
    items by the chosen engine; one result per input, in input order."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "local":
        return map_local(articles_iter, func, jobs if jobs is not None else 1, chunksize or 8)
    # Bigger chunks on Dask: each task is a network round trip through the scheduler.
    return map_dask(articles_iter, func, jobs or default_jobs(), scheduler, chunksize or 32)
