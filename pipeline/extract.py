"""The per-article orchestrator: text -> sentences -> country mentions -> events and figures ->
dated records with provenance. `process` is pure and picklable, so processes or Dask can map it."""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from pipeline import actors, dates, discourse, events, figures, geo, language, mentions_i18n, settings
from pipeline.dates.picking import pick_date, tense_hint
from pipeline.ingest import Quarantined
from pipeline.schema import (
    EXTRACTOR_VERSION,
    QUAD_CLASS,
    RECORD_FIELDS,
    Article,
    Mention,
    empty_record,
    record_id,
)
from pipeline.text import Sentence, sentences

# How sure a mention is that it means the state (a name more than a demonym).
_HOW_WEIGHT = {"name": 1.0, "capital": 0.95, "institution": 0.95, "leader": 0.95, "person": 0.9,
               "demonym": 0.85, "city": 0.7, "located": 0.6, "group": 0.75, "pronoun": 0.7, "speaker": 0.7, "anaphor": 0.65,
               "institution_implied": 0.7}
# Places below the country level that --geocode looks up (countries have gazetteer coordinates).
GEOCODED = frozenset({"city", "located"})


@dataclass(slots=True)
class ArticleResult:
    article: Article
    records: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    language: str | None = None  # ISO 639-1: the article's own field, else detected (pipeline/language.py)


# --- one article -------------------------------------------------------------------------------

def _sentence_mentions(sent: Sentence, mentions: list[Mention], lo: int) -> tuple[list[Mention], int]:
    """The mentions inside a sentence, with offsets relative to it; `lo` walks the sorted list."""
    while lo < len(mentions) and mentions[lo].start < sent.start:
        lo += 1
    hi = lo
    inside = []
    while hi < len(mentions) and mentions[hi].end <= sent.end:
        m = mentions[hi]
        inside.append(Mention(m.start - sent.start, m.end - sent.start, m.text, m.country, m.how, m.state_actor))
        hi += 1
    return inside, hi


def _weight(partial: dict, local: list[Mention]) -> float:
    how = {m.text: m.how for m in local}
    w = min(_HOW_WEIGHT.get(how.get(partial.get("source_text"), "name"), 0.8),
            _HOW_WEIGHT.get(how.get(partial.get("target_text"), "name"), 0.8))
    return round(max(0.0, min(1.0, float(partial.get("confidence", 0.5)) * w)), 3)


def _finish(article: Article, sent: Sentence, partial: dict, spans: list[dates.DateSpan],
            local: list[Mention]) -> dict:
    rec = empty_record()
    for key, value in partial.items():
        if key not in ("anchor", "confidence"):
            rec[key] = value
    kind = rec["kind"]
    anchor = tuple(partial.get("anchor") or (0, len(sent.text)))
    chosen = pick_date(sent.text, spans, anchor)
    if chosen is not None:
        rec.update(date_start=chosen.date_start, date_end=chosen.date_end, date_text=chosen.text,
                   date_precision=chosen.precision)
    label = rec.get("event_type") if kind == "event" else rec.get("indicator")
    rec.update(
        article_id=article.id,
        evidence=" ".join(sent.text.split()),
        sentence_index=sent.index,
        char_start=sent.start,
        char_end=sent.end,
        confidence=_weight(partial, local),
        record_id=record_id(article.id, kind, sent.index, rec["source"], rec["target"], str(label),
                            sent.start + anchor[0]),
        published=article.published.isoformat() if article.published else None,
        distance_km=geo.distance_km(rec["source"], rec["target"]),
        extractor_version=EXTRACTOR_VERSION,
    )
    if kind == "event":
        rec["quad_class"] = QUAD_CLASS.get(rec["event_type"])
        rec["context"] = list(rec.get("context") or [])
    return rec


def _mention_line(article_id: str, m: Mention, field_name: str) -> dict:
    return {"kind": "mention", "article_id": article_id, "country": m.country, "text": m.text,
            "char_start": m.start, "char_end": m.end, "how": m.how, "field": field_name}


def _find_mentions(text: str, lang: str | None, published) -> list[Mention]:
    if language.is_english(lang):
        return actors.find_mentions(text, published)
    return mentions_i18n.find_mentions(text, lang, published)


def extract_article(article: Article) -> ArticleResult:
    """All records and country mentions of one article. Pure: same article, same output.

    An article in another language gets its country mentions only: the event lexicon is English and
    never runs on other languages (figures in other languages are a stage of their own)."""
    t0 = time.perf_counter()
    text = article.text
    published = article.published
    lang = language.article_language(article.language, text)
    mentions = _find_mentions(text, lang, published)
    result = ArticleResult(article, language=lang)
    result.mentions = [_mention_line(article.id, m, "text") for m in mentions]
    # A title or dateline kept apart from the text still says which countries the story is about:
    # its mentions join the article's country index (offsets into that field), not its records.
    for name, value in (("title", article.title), ("dateline", article.extra.get("dateline"))):
        if isinstance(value, str) and value.strip() and not text.lstrip().startswith(value.strip()):
            result.mentions.extend(_mention_line(article.id, m, name) for m in _find_mentions(value, lang, published))
    if len({m.country for m in mentions}) < 2:
        result.seconds = time.perf_counter() - t0
        return result
    lo = 0
    seen: set[str] = set()
    state = discourse.Discourse()
    fctx = figures.FigureContext()  # what figures remember of the sentences before ("the two countries")
    english = language.is_english(lang)
    for sent in sentences(text):
        local, lo = _sentence_mentions(sent, mentions, lo)
        if sent.heading:
            continue
        found = figures.find_figures(sent.text, local, published, language=lang, context=fctx)
        fctx = fctx.after(sent.text, local, found, lang)
        if not english:  # the event lexicon reads English only; figures read each language's own tables
            partials = found
        else:
            implied = discourse.implied_mentions(sent.text, local, state)
            with_implied = sorted(local + implied, key=lambda m: m.start) if implied else local
            countries = {c for m in with_implied for c in m.country.split(discourse.PAIR_SEP)}
            events_found = (events.find_events(sent.text, with_implied, published, state.speaker or state.actor)
                            if len(countries) >= 2 else [])
            state = discourse.observe(state, local, events_found, sent.text)
            partials = events_found + found
        if not partials:
            continue
        spans_by_tense: dict[str | None, list[dates.DateSpan]] = {}
        for partial in partials:
            if not partial.get("source") or not partial.get("target") or partial["source"] == partial["target"]:
                continue  # a country never pairs with itself
            tense = tense_hint(partial.get("status"))
            if tense not in spans_by_tense:
                spans_by_tense[tense] = dates.find_dates(sent.text, published, tense=tense)
            rec = _finish(article, sent, partial, spans_by_tense[tense], local)
            rec["language"] = lang
            if rec["record_id"] in seen:
                continue
            seen.add(rec["record_id"])
            result.records.append(rec)
    result.seconds = time.perf_counter() - t0
    return result


class ArticleTimeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float):
    """Abort one article that runs too long (a pathological input must not stall the run).

    Uses SIGALRM, so it only applies in a process's main thread; elsewhere it is a no-op."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _raise(signum, frame):
        # Re-arm first: an exception raised inside a weakref callback or __del__ is swallowed by
        # the interpreter, so keep firing until one lands in the extractor's own code.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        raise ArticleTimeout()

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


_warmed = False


def _warm_up() -> None:
    """Build the lazily loaded gazetteer matchers before any clock starts: a one-off cost of seconds
    per process that must not count against (and time out) the first article of a run."""
    global _warmed
    if not _warmed:
        actors.find_mentions("", None)
        _warmed = True


def process(item: Article | Quarantined, time_limit: float | None = None,
            extract: Callable[[Article], ArticleResult] = extract_article) -> ArticleResult | Quarantined:
    """The per-article unit of work for every engine: never raises for a bad article.

    time_limit: seconds (default: the DYAD_ARTICLE_SECONDS setting). extract: the per-article
    extraction (a test gives one with a slow step, to check the limit without relying on CPU speed)."""
    if isinstance(item, Quarantined):
        return item
    if time_limit is None:
        time_limit = settings.get("DYAD_ARTICLE_SECONDS")
    try:
        _warm_up()
        with _time_limit(time_limit):
            return extract(item)
    except ArticleTimeout:
        return Quarantined(item.origin or item.id, f"article took longer than {time_limit:g} s (time limit)",
                           item.id, item.text[:200])
    except RecursionError:
        return Quarantined(item.origin or item.id, "article too deeply nested to analyse", item.id, item.text[:200])
    except Exception as err:  # a bug on one article must not lose the others: keep it, with its reason
        return Quarantined(item.origin or item.id, f"extractor failed: {type(err).__name__}: {str(err)[:160]}",
                           item.id, item.text[:200])


# --- output shape ------------------------------------------------------------------------------------

def ordered(rec: dict) -> dict:
    """A record with the contract's fields first, in contract order, then any extra fields."""
    out = {k: rec.get(k) for k in RECORD_FIELDS}
    out.update({k: v for k, v in rec.items() if k not in out})
    return out
