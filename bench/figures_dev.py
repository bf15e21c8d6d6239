"""Dev run of `extract` on ../shared/gold/modern_dev/ with non-English country mentions, for the scorer.

Until pipeline.mentions_i18n exists, the non-English mentions come from the test stand-in
(tests/figures_mentions.py); English articles use the product's own finder unchanged. Writes the
records JSONL and prints the scorer's figure numbers.

    .venv/bin/python bench/figures_dev.py [-o /tmp/dev.jsonl] [--english-only]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pipeline import actors, extract  # noqa: E402
from pipeline.ingest import read_inputs  # noqa: E402

DEV = ROOT.parent / "shared" / "gold" / "modern_dev"


def _finder():
    try:
        from pipeline.mentions_i18n import find_mentions  # the i18n helper's finder, once merged
        return find_mentions, "pipeline.mentions_i18n"
    except ImportError:
        from figures_mentions import find_mentions
        return find_mentions, "tests/figures_mentions.py (stand-in)"


class _Actors:
    """actors with non-English mentions added for one article's language."""

    def __init__(self, lang: str, extra):
        self.lang, self.extra = lang, extra

    def find_mentions(self, text, published):
        base = actors.find_mentions(text, published)
        more = self.extra(text, self.lang)
        taken = [(m.start, m.end) for m in more]
        keep = [m for m in base if all(m.end <= s or m.start >= e for s, e in taken)]
        return sorted(keep + more, key=lambda m: m.start)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--output", default="/tmp/figures_dev.jsonl")
    ap.add_argument("--english-only", action="store_true", help="no stand-in: what the product alone finds")
    args = ap.parse_args()
    extra, name = _finder()
    n = 0
    with open(args.output, "w", encoding="utf-8") as out:
        for art in read_inputs([str(DEV / "articles.jsonl")]):
            lang = (art.language or "en") if not isinstance(art, extract.Quarantined) else "en"
            extract.actors = _Actors(lang, extra) if lang != "en" and not args.english_only else actors
            res = extract.process(art)
            extract.actors = actors
            for rec in getattr(res, "records", []):
                out.write(extract.json_line(extract.ordered(rec)))
                n += 1
    print(f"{n} records -> {args.output} (non-English mentions: {'none' if args.english_only else name})")
    scored = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "score_articles.py"),
                             str(DEV / "gold.jsonl"), args.output], capture_output=True, text=True).stdout
    d = json.loads(scored.strip().splitlines()[-1])
    figure_violations = [v for v in d["must_not_violations"]["examples"] if v["record"]["kind"] == "figure"]
    print(json.dumps({k: d[k] for k in ("must_recall_figures", "precision_figures", "must_recall", "precision")}))
    print(f"must_not violations: {d['must_not_violations']['count']} in all, "
          f"{len(figure_violations)} from figures among the examples shown")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
