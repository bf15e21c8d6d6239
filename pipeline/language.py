"""The language of an article (ISO 639-1): its own `language` field when it has one, else detected on a
bounded prefix of the text, plain-ASCII English by a count of English function words, the rest by CLD2.

CLD2 (pycld2, Apache-2.0) was chosen over py3langid, langdetect and lingua on the dev articles, short
texts and Reuters (bench/language_detectors.py): it never called a Reuters story another language.
"""
from __future__ import annotations

import re
from collections import Counter

PREFIX_CHARS = 600  # detection reads no further: the cost per article is bounded whatever its size
# Words that are frequent in English and rare as words of other Latin-script languages ("in", "on",
# "was", "will", "a", "of", "to" are left out: German, French, Dutch, Spanish or Polish use them too).
_ENGLISH_WORDS = frozenset("""the and that with said from which this were have has been would their they
there what about after also than into could should because while other those these when who""".split())
_FAST_MIN_WORDS = 25
_FAST_MIN_SHARE = 0.06  # English news runs at 0.10-0.20; non-English ASCII text near 0
_FAST_MAX_EXTRA_BYTES = 0.10
_WORD = re.compile(r"[a-z]+")
# CLD2's own codes that are not ISO 639-1 for the language meant.
_CLD2_CODES = {"iw": "he", "jw": "jv", "in": "id", "zh-Hant": "zh", "mo": "ro", "sh": "sr"}
_GIVEN = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


def normalize(code: object) -> str | None:
    """'en', 'EN', 'en-US', 'pt_BR', 'zh-Hant' -> 'en', 'en', 'en', 'pt', 'zh'; anything else -> None."""
    if not isinstance(code, str):
        return None
    code = code.strip()
    if code in _CLD2_CODES:
        return _CLD2_CODES[code]
    m = _GIVEN.match(code)
    if not m:
        return None
    base = m.group(1).lower()
    return _CLD2_CODES.get(base, base)


def looks_english(prefix: str) -> bool:
    """The fast path: Latin text, ASCII but for a few curly quotes, dashes or accented names, in which
    English function words are frequent. Safe because it only ever says yes to English, and only on
    text with enough words to count; everything else goes to the detector."""
    if not prefix.isascii():
        # UTF-8 bytes beyond one per character: a handful in English copy, one or two per letter in
        # Cyrillic, Greek, Arabic or CJK text (surrogatepass: a lone surrogate must not raise here)
        if len(prefix.encode("utf-8", "surrogatepass")) - len(prefix) > _FAST_MAX_EXTRA_BYTES * len(prefix):
            return False
    words = _WORD.findall(prefix.lower())
    if len(words) < _FAST_MIN_WORDS:
        return False
    return sum(1 for w in words if w in _ENGLISH_WORDS) >= _FAST_MIN_SHARE * len(words)


def _cld2(prefix: str) -> str | None:
    import pycld2  # imported on the first text the fast path cannot decide: a cost only when needed

    try:
        _reliable, _bytes, details = pycld2.detect(prefix, isPlainText=True)
    except Exception:  # invalid UTF-8 (lone surrogates) or an internal CLD2 error: undecided, never fatal
        try:
            _reliable, _bytes, details = pycld2.detect(prefix.encode("utf-8", "replace").decode("utf-8"),
                                                       isPlainText=True)
        except Exception:
            return None
    code = details[0][1] if details else "un"
    if code in ("un", "xxx") and not prefix.isascii():
        # too short for a reliable answer (a headline): CLD2's best guess beats none for other scripts
        try:
            code = pycld2.detect(prefix, isPlainText=True, bestEffort=True)[2][0][1]
        except Exception:
            return None
    return None if code in ("un", "xxx") else normalize(code)


def detect(text: str) -> str | None:
    """The language of `text` from its first PREFIX_CHARS characters; None when nothing can be said.
    An undecided plain-ASCII text is English (what the pipeline assumed before it knew languages)."""
    prefix = (text or "")[:PREFIX_CHARS]
    if not prefix.strip():
        return None
    if looks_english(prefix):
        return "en"
    found = _cld2(prefix)
    if found is None and prefix.isascii():
        return "en"
    return found


def article_language(given: object, text: str) -> str | None:
    """An article's language: the `language` it came with wins over detection."""
    return normalize(given) or detect(text)


def is_english(lang: str | None) -> bool:
    """English, or unknown: both go through the English pipeline (events, figures)."""
    return lang is None or lang == "en"


# --- the run summary --------------------------------------------------------------------------------

def tally(counter: Counter, lang: str | None, records: list[dict], mentions: list[dict]) -> None:
    """Count one processed article into `counter`, keyed by (language, what)."""
    lang = lang or "unknown"
    counter[(lang, "articles")] += 1
    for rec in records:
        counter[(lang, rec.get("kind") or "record")] += 1
    counter[(lang, "mention")] += len(mentions)


def language_summary(counter: Counter) -> str:
    """'languages: en 19,043 articles (4,576 event, 64 figure, 61,000 mentions); es 2 articles (...)',
    most articles first; what each language's articles gave, so a silent language shows as zeros."""
    langs = sorted({lang for lang, _ in counter}, key=lambda k: (-counter[(k, "articles")], k))
    parts = []
    for lang in langs:
        n = counter[(lang, "articles")]
        got = ", ".join(f"{counter[(lang, what)]:,} {what}{'s' if what == 'mention' else ''}"
                        for what in ("event", "figure", "mention"))
        parts.append(f"{lang} {n:,} article{'s' if n != 1 else ''} ({got})")
    return "languages: " + ("; ".join(parts) if parts else "none")
