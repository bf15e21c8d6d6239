"""Small test corpora cut from the shared material (the `shared` fixture gives its folder)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

REUTERS = Path("corpus") / "reuters21578.jsonl.gz"


def reuters_jsonl(shared: Path, out: Path, n: int, min_places: int = 0, fields: tuple[str, ...] | None = None) -> Path:
    """The first `n` Reuters-21578 stories with a body (and at least `min_places` editors' country
    tags) as a JSONL file of articles; `fields` keeps only those keys. Fails if there are fewer."""
    written = 0
    with gzip.open(shared / REUTERS, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            obj = json.loads(line)
            if not (obj.get("text") or "").strip() or len(obj.get("places_iso3") or []) < min_places:
                continue
            dst.write((json.dumps({k: obj.get(k) for k in fields}) + "\n") if fields else line)
            written += 1
            if written == n:
                return out
    raise AssertionError(f"only {written} Reuters stories match, {n} wanted")
