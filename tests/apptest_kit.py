"""Streamlit's AppTest on Dyad's app: opening it as a shared link would, and what a download button
serves (AppTest keeps the file in its in-memory media storage and has no API for it)."""
from __future__ import annotations

import gc
from io import StringIO

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


def open_app(monkeypatch, store, page: str | None = None, *, timeout: float = 60, user=None, secrets=None,
             **params) -> AppTest:
    """Open the app on `store` with a shared link's parameters, as `user` with `secrets` if given
    (AppTest can only switch pages after a first run, as a user clicking in the sidebar would).
    Warnings of the first run are kept on `at.link_warnings`; an exception fails the test."""
    monkeypatch.setenv("DYAD_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=timeout)
    if user is not None:
        at.user = user
    if secrets is not None:
        at.secrets = secrets
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.link_warnings = [w.value for w in at.warning]
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def served_file(button):
    """The media file behind an AppTest download button."""
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    storage = next(o for o in gc.get_objects() if type(o).__name__ == "MemoryMediaFileStorage"
                   and file_id in getattr(o, "_files_by_id", {}))
    return storage.get_file(file_id)


def served_csv(button) -> pd.DataFrame:
    return pd.read_csv(StringIO(served_file(button).content.decode("utf-8")))
