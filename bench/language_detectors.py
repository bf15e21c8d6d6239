"""Benchmark: language detectors from PyPI compared on the dev articles (gold `language`), on short
pieces of them, and on Reuters (all English: every other answer would cost an article its events).

    python bench/language_detectors.py [--reuters N] [--prefix 600]

Runs every candidate that is installed (py3langid, langdetect, lingua-language-detector, pycld2),
plus the project's own `pipeline.language.detect` when it can be imported. Prints one line per
detector and test set: accuracy and microseconds per text.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

_PIECE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")


def _detectors() -> dict:
    found = {}
    try:
        import py3langid

        found["py3langid"] = lambda t: py3langid.classify(t)[0]
    except ImportError:
        pass
    try:
        import langdetect

        langdetect.DetectorFactory.seed = 0  # langdetect is random unless seeded

        def _ld(t):
            try:
                return langdetect.detect(t)[:2]
            except langdetect.LangDetectException:
                return None

        found["langdetect"] = _ld
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua_all = LanguageDetectorBuilder.from_all_languages().build()

        def _lingua(t):
            lang = lingua_all.detect_language_of(t)
            return lang.iso_code_639_1.name.lower() if lang else None

        found["lingua"] = _lingua
    except ImportError:
        pass
    try:
        import pycld2

        def _cld2(t):
            try:
                ok, _, details = pycld2.detect(t)
            except pycld2.error:
                return None
            code = details[0][1] if details else "un"
            return None if code == "un" else code.split("-")[0]

        found["pycld2"] = _cld2
    except ImportError:
        pass
    try:
        from pipeline import language

        found["pipeline.language"] = language.detect
    except ImportError:
        pass
    return found


def _dev_sets(prefix: int) -> dict[str, list[tuple[str, str]]]:
    arts = [json.loads(line) for line in open(SHARED / "gold" / "modern_dev" / "articles.jsonl", encoding="utf-8")]
    full = [(a["text"], a["language"]) for a in arts]
    pieces = []
    for a in arts:
        for m in _PIECE.finditer(a["text"]):
            piece = m.group().strip()
            # short texts: 20-120 characters (a headline or one short sentence); CJK counts double
            size = len(piece) * (2 if a["language"] in ("zh", "ja") else 1)
            if 20 <= size <= 120 and not piece.startswith("http"):
                pieces.append((piece, a["language"]))
    return {
        "dev full (43)": full,
        f"dev prefix {prefix}": [(t[:prefix], g) for t, g in full],
        "dev prefix 80": [(t[:80], g) for t, g in full],
        f"dev short pieces ({len(pieces)})": pieces,
    }


def _reuters(n: int) -> list[tuple[str, str]]:
    out = []
    with gzip.open(SHARED / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            if (a.get("text") or "").strip():
                out.append((a["text"], "en"))
                if n and len(out) >= n:
                    break
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reuters", type=int, default=0, help="how many Reuters articles (0: all 19,043)")
    ap.add_argument("--prefix", type=int, default=600, help="characters a detector sees of a long text")
    args = ap.parse_args()
    sets = _dev_sets(args.prefix)
    reuters = _reuters(args.reuters)
    sets[f"reuters prefix {args.prefix} ({len(reuters)}, all en)"] = [(t[:args.prefix], g) for t, g in reuters]
    for name, detect in _detectors().items():
        t0 = time.perf_counter()
        detect("warm up: load the model before the clock starts")
        load = time.perf_counter() - t0
        print(f"{name}: first call (model load) {load:.2f} s")
        for set_name, items in sets.items():
            wrong: Counter = Counter()
            t0 = time.perf_counter()
            ok = 0
            for text, gold in items:
                got = detect(text)
                if got == gold:
                    ok += 1
                else:
                    wrong[f"{gold}->{got}"] += 1
            us = (time.perf_counter() - t0) / len(items) * 1e6
            print(f"  {set_name}: {ok}/{len(items)} = {ok / len(items):.3f}, {us:,.0f} us/text; "
                  f"wrong: {dict(wrong.most_common(6))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
