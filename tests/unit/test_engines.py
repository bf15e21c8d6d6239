"""The local engine: results in input order, and the input is pulled lazily (memory stays flat)."""
from __future__ import annotations

import pytest

from pipeline.engines import map_articles


class Counting:
    """An input stream that counts how far it has been read."""

    def __init__(self, n: int):
        self.n, self.pulled = n, 0

    def __iter__(self):
        for i in range(self.n):
            self.pulled += 1
            yield -i


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_engine_keeps_order_and_reads_lazily(jobs):
    src = Counting(5_000)
    results = map_articles(src, abs, engine="local", jobs=jobs, chunksize=8)
    first = [next(results) for _ in range(3)]
    assert first == [0, 1, 2]
    assert src.pulled <= 4 * jobs * 8 + 8, "only a bounded window of chunks may be in flight"
    assert list(results) == list(range(3, 5_000))


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError):
        map_articles([], abs, engine="spark")


def test_unreachable_scheduler_is_a_one_line_error():
    import socket

    from pipeline.engines import map_dask
    from pipeline.errors import DyadError

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DyadError) as exc:
        list(map_dask(iter([1]), abs, 1, scheduler=f"tcp://127.0.0.1:{port}", connect_timeout=1))
    assert exc.value.code == "E022"
