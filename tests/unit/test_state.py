"""dashboard.state: which store version a running dashboard serves."""
from dashboard.state import version_to_serve


def test_a_new_store_version_is_adopted_at_most_every_refresh_interval():
    assert version_to_serve(None, 3, now=100.0, refresh_s=10) == (3, 100.0)
    # a commit 2 s after adopting v3: keep serving v3 (a committed version), no reload
    assert version_to_serve((3, 100.0), 4, now=102.0, refresh_s=10) == (3, 100.0)
    # 10 s later the newest version is adopted
    assert version_to_serve((3, 100.0), 6, now=110.0, refresh_s=10) == (6, 110.0)
    # same version: nothing changes; a store rebuilt from scratch (lower version) is adopted at once
    assert version_to_serve((6, 110.0), 6, now=500.0, refresh_s=10) == (6, 110.0)
    assert version_to_serve((6, 110.0), 1, now=111.0, refresh_s=10) == (1, 111.0)
    # refresh 0: always the newest
    assert version_to_serve((3, 100.0), 4, now=100.0, refresh_s=0) == (4, 100.0)


def test_the_database_of_a_version_is_built_from_that_version(tmp_path):
    """A commit landing between reading the manifest and building the database must not give the
    version-1 cache entry version 2's data: the caller's snapshot is what is loaded."""
    from dashboard import queries, state
    from pipeline.rows import article_row
    from pipeline.schema import Article
    from pipeline.store import Store

    store = Store(tmp_path / "s")
    store.add_batch([article_row(Article(id="a1", text="x"))], [], [])
    first = store.snapshot()
    store.add_batch([article_row(Article(id="a2", text="y"))], [], [])
    con = state._connection(str(store.root), first.version, first)
    assert queries.summary(con.cursor())["articles"] == 1
    state._connection.clear()
