"""The accuracy figures the floors in floors.json hold, each measured one way, for the gate
(test_floors.py) and for the command that raises the floors (raise_floors.py).

Every suite is a function of the shared folder returning {figure: value}; the gold files each suite
reads are listed in GOLD (their digests pin which gold the floors were measured on)."""
from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
import tempfile
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# suite -> the shared files it scores against
GOLD: dict[str, tuple[str, ...]] = {
    "plover_dev": ("gold/plover_dev.jsonl",),
    "seed": ("gold/seed_expected.json",),
    "modern_dev": ("gold/modern_dev/articles.jsonl", "gold/modern_dev/gold.jsonl"),
    "reuters_countries": ("corpus/reuters21578.jsonl.gz",),
    "single_names": (),  # the project's own list, tests/eval/data/single_names.jsonl (its digest is pinned too)
}
# What each suite measures, when it differs from its first definition; a change here, like new gold files,
# voids the suite's floors until `raise_floors --rebase SUITE` re-measures them (stated in the note of the change).
DEFINITIONS: dict[str, str] = {
    "plover_dev": "pairs whose actor acts for its state (Dyad codes interstate acts only)",
}

def _reads(kind: str, lang: str | None) -> bool:
    """Whether the extractor reads records of this kind in this language: events in English only,
    figures in the languages its figure tables cover. A record from any other language is an error."""
    from pipeline.figures.lexicon import languages

    return lang == "en" if kind == "event" else lang in languages()



def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract(inputs: Path, out: Path) -> None:
    """The records of `inputs` through the real command (what a user and the scorers run)."""
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(inputs), "-o", str(out), "--no-progress"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"extract failed: {proc.stderr[-1500:]}")


def plover_dev(shared: Path) -> dict[str, float]:
    bench = _module(ROOT / "bench" / "plover_eval.py", "plover_eval")
    figures = bench.evaluate(bench.load_gold(shared / "gold" / "plover_dev.jsonl"))
    return {k: figures[k] for k in ("n_pairs", "pair_recall", "direction_accuracy", "type_accuracy_found",
                                    "type_accuracy_overall", "pair_recall_any_actor")}


def seed(shared: Path) -> dict[str, float]:
    check = _module(shared / "tools" / "check_seed.py", "check_seed")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seed.jsonl"
        _extract(ROOT / "seeds", out)
        result = check.seed(str(out), str(shared / "gold" / "seed_expected.json"))
    must, must_n = map(int, result["must"].split("/"))
    should, _ = map(int, result["should"].split("/"))
    return {"must": must, "must_missing": must_n - must, "should": should,
            "must_not_violations": len(result["must_not_violations"])}


def modern_dev(shared: Path) -> dict[str, float]:
    scorer = _module(shared / "tools" / "score_articles.py", "score_articles")
    gold = shared / "gold" / "modern_dev"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "records.jsonl"
        _extract(gold / "articles.jsonl", out)
        _, s = scorer.score(str(gold / "gold.jsonl"), str(out))
        records = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line.strip()]
    unread = sum(1 for r in records if r.get("kind") in ("event", "figure") and not _reads(r["kind"], r.get("language")))
    return {
        "must_recall": s["must_recall"]["recall"] or 0.0,
        "must_recall_en": s["must_recall_en"]["recall"] or 0.0,
        "must_recall_non_en": s["must_recall_non_en"]["recall"] or 0.0,
        "must_recall_events": s["must_recall_events"]["recall"] or 0.0,
        "must_recall_figures": s["must_recall_figures"]["recall"] or 0.0,
        "dyad_recall": s["dyad_recall"]["recall"] or 0.0,
        "precision": s["precision"]["precision"] or 0.0,
        "precision_events": s["precision_events"] or 0.0,
        "precision_figures": s["precision_figures"] or 0.0,
        "must_not_violations": s["must_not_violations"]["count"],
        "records_in_unread_languages": unread,
    }


def reuters_countries(shared: Path, n_articles: int = 2000) -> dict[str, float]:
    """Countries an article's mentions name (body, title, dateline) vs the editors' places_iso3 tags."""
    from pipeline.extract import extract_article
    from pipeline.ingest import Quarantined, article_from_record

    tp = fp = fn = 0
    with gzip.open(shared / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = (json.loads(line) for line in fh)
        rows = (r for r in rows if (r.get("text") or "").strip() and r.get("places_iso3"))
        for row in islice(rows, n_articles):
            art = article_from_record({k: row.get(k) for k in ("id", "text", "published", "title", "dateline")}, "r")
            assert not isinstance(art, Quarantined)
            found = {m["country"] for m in extract_article(art).mentions}
            gold = set(row["places_iso3"])
            tp, fp, fn = tp + len(found & gold), fp + len(found - gold), fn + len(gold - found)
    return {"precision": tp / (tp + fp), "recall": tp / (tp + fn)}


SINGLE_NAMES = Path(__file__).resolve().parent / "data" / "single_names.jsonl"


def single_names(shared: Path) -> dict[str, float]:
    """`resolve` on single names as news uses them: the right country AND the right state_actor."""
    from datetime import date

    from pipeline.actors import resolve

    cases = [json.loads(line) for line in SINGLE_NAMES.read_text("utf-8").splitlines() if line.strip()]
    right = 0
    for c in cases:
        got = resolve(c["text"], date.fromisoformat(c["date"]))
        right += got["country"] == c["country"] and got.get("state_actor") == c["state_actor"]
    return {"names": len(cases), "accuracy": right / len(cases)}


SUITES = {"single_names": single_names, "plover_dev": plover_dev, "seed": seed, "modern_dev": modern_dev, "reuters_countries": reuters_countries}
