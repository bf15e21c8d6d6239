"""Per-article functions with a step that never ends on its own, for the time-limit tests: the limit
is checked without relying on how fast this machine extracts a big article.

Module-level and picklable, so worker processes (`--jobs 2`) and `--func tests.slow_steps:NAME` use them."""
from __future__ import annotations

import time

from pipeline.extract import extract_article, process

SLOW_ID = "slow"  # the article that gets the endless step; every other article is extracted as usual


def _sleeping(article):
    if article.id == SLOW_ID:
        time.sleep(3600)  # far beyond any limit a test sets: only the alarm ends it
    return extract_article(article)


def _spinning(article):
    if article.id == SLOW_ID:
        while True:  # pure-Python work that never returns: the alarm must interrupt running code too
            pass
    return extract_article(article)


def process_with_sleeping_article(item, time_limit=None):
    return process(item, time_limit, extract=_sleeping)


def process_with_spinning_article(item, time_limit=None):
    return process(item, time_limit, extract=_spinning)
