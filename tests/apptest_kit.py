"""What a download button serves under Streamlit's AppTest (it keeps the file in its in-memory media
storage; AppTest has no API for it)."""
from __future__ import annotations

import gc
from io import StringIO

import pandas as pd


def served_file(button):
    """The media file behind an AppTest download button."""
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    storage = next(o for o in gc.get_objects() if type(o).__name__ == "MemoryMediaFileStorage"
                   and file_id in getattr(o, "_files_by_id", {}))
    return storage.get_file(file_id)


def served_csv(button) -> pd.DataFrame:
    return pd.read_csv(StringIO(served_file(button).content.decode("utf-8")))
