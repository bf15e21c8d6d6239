"""The per-article orchestrator: text -> sentences -> country mentions -> events and figures ->
dated records with provenance. `process` is pure and picklable, so processes or Dask can map it."""
from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import actors, dates, errors, events, figures, geo
from pipeline.ingest import Quarantined, read_inputs
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

ARTICLE_TIME_LIMIT = float(os.environ.get("DYAD_ARTICLE_SECONDS", 30))

# How sure a mention is that it means the state (a name more than a demonym).
_HOW_WEIGHT = {"name": 1.0, "capital": 0.95, "institution": 0.95, "leader": 0.95, "person": 0.9,
               "demonym": 0.85, "city": 0.7, "located": 0.6}
# Places below the country level that --geocode looks up (countries have gazetteer coordinates).
GEOCODED = frozenset({"city", "located"})
# Words right before a date that make it the date of the report, not of the event ("said on Tuesday").
_REPORTING = ("said", "says", "told", "announced", "reported", "confirmed", "added", "stated", "briefing")


@dataclass(slots=True)
class ArticleResult:
    article: Article
    records: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    seconds: float = 0.0


# --- dates for records -----------------------------------------------------------------------

def _is_report_date(sentence: str, span: dates.DateSpan) -> bool:
    before = sentence[max(0, span.start - 24):span.start].lower()
    return any(w in before.split()[-3:] for w in _REPORTING) if before.strip() else False


def _clause_apart(sentence: str, span: dates.DateSpan, anchor: tuple[int, int]) -> bool:
    """A clause boundary (comma, semicolon, dash) lies between the date and the trigger, and the
    date is not a short fronted phrase like "On Monday," that dates the whole sentence."""
    lo, hi = (span.end, anchor[0]) if span.end <= anchor[0] else (anchor[1], span.start)
    if not any(c in sentence[lo:hi] for c in ",;\u2014"):
        return False
    seg_start = max(sentence.rfind(c, 0, span.start) for c in ",;\u2014") + 1
    ends = [i for i in (sentence.find(c, span.end) for c in ",;\u2014") if i >= 0]
    seg_end = min(ends) if ends else len(sentence)
    other_words = len(sentence[seg_start:span.start].split()) + len(sentence[span.end:seg_end].split())
    return other_words > 3


def pick_date(sentence: str, spans: list[dates.DateSpan], anchor: tuple[int, int]) -> dates.DateSpan | None:
    """The date expression that belongs to the event's trigger, or None.

    The nearest one in the same clause; a date in another clause ("since he took office in June,
    Lee will ...") or the date of the statement reporting it ("..., the ministry said on Tuesday")
    is not the event's date, unless it sits right at the trigger."""
    a0, a1 = anchor

    def distance(s: dates.DateSpan) -> int:
        if s.end <= a0:
            return a0 - s.end
        if s.start >= a1:
            return s.start - a1
        return 0

    usable = [s for s in spans
              if distance(s) <= 160 and not _clause_apart(sentence, s, anchor)
              and (distance(s) <= 20 or not _is_report_date(sentence, s))]
    return min(usable, key=distance) if usable else None


def _tense_hint(status: str | None) -> str | None:
    if status == "planned":
        return "future"
    if status in ("occurred", "negated"):
        return "past"
    return None


# --- one article -------------------------------------------------------------------------------

def _sentence_mentions(sent: Sentence, mentions: list[Mention], lo: int) -> tuple[list[Mention], int]:
    """The mentions inside a sentence, with offsets relative to it; `lo` walks the sorted list."""
    while lo < len(mentions) and mentions[lo].start < sent.start:
        lo += 1
    hi = lo
    inside = []
    while hi < len(mentions) and mentions[hi].end <= sent.end:
        m = mentions[hi]
        inside.append(Mention(m.start - sent.start, m.end - sent.start, m.text, m.country, m.how))
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


def extract_article(article: Article) -> ArticleResult:
    """All records and country mentions of one article. Pure: same article, same output."""
    t0 = time.perf_counter()
    text = article.text
    published = article.published
    mentions = actors.find_mentions(text, published)
    result = ArticleResult(article)
    result.mentions = [_mention_line(article.id, m, "text") for m in mentions]
    # A title or dateline kept apart from the text still says which countries the story is about:
    # its mentions join the article's country index (offsets into that field), not its records.
    for name, value in (("title", article.title), ("dateline", article.extra.get("dateline"))):
        if isinstance(value, str) and value.strip() and not text.lstrip().startswith(value.strip()):
            result.mentions.extend(_mention_line(article.id, m, name) for m in actors.find_mentions(value, published))
    if len({m.country for m in mentions}) < 2:
        result.seconds = time.perf_counter() - t0
        return result
    lo = 0
    seen: set[str] = set()
    fctx = figures.FigureContext()  # what figures remember of the sentences before ("the two countries")
    for sent in sentences(text):
        local, lo = _sentence_mentions(sent, mentions, lo)
        if sent.heading:
            continue
        found = figures.find_figures(sent.text, local, published, language=article.language, context=fctx)
        fctx = fctx.after(sent.text, local, found, article.language)
        pair = len({m.country for m in local}) >= 2
        partials = (events.find_events(sent.text, local, published) if pair else []) + found
        if not partials:
            continue
        spans_by_tense: dict[str | None, list[dates.DateSpan]] = {}
        for partial in partials:
            if not partial.get("source") or not partial.get("target") or partial["source"] == partial["target"]:
                continue  # a country never pairs with itself
            tense = _tense_hint(partial.get("status"))
            if tense not in spans_by_tense:
                spans_by_tense[tense] = dates.find_dates(sent.text, published, tense=tense)
            rec = _finish(article, sent, partial, spans_by_tense[tense], local)
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
    import threading

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


def process(item: Article | Quarantined, time_limit: float = ARTICLE_TIME_LIMIT) -> ArticleResult | Quarantined:
    """The per-article unit of work for every engine: never raises for a bad article."""
    if isinstance(item, Quarantined):
        return item
    try:
        _warm_up()
        with _time_limit(time_limit):
            return extract_article(item)
    except ArticleTimeout:
        return Quarantined(item.origin or item.id, f"article took longer than {time_limit:g} s (time limit)",
                           item.id, item.text[:200])
    except RecursionError:
        return Quarantined(item.origin or item.id, "article too deeply nested to analyse", item.id, item.text[:200])
    except Exception as err:  # a bug on one article must not lose the others: keep it, with its reason
        return Quarantined(item.origin or item.id, f"extractor failed: {type(err).__name__}: {str(err)[:160]}",
                           item.id, item.text[:200])


# --- the `extract` command -------------------------------------------------------------------------

def quarantine_line(q: Quarantined) -> dict:
    return {"origin": q.origin, "article_id": q.article_id, "reason": q.reason, "excerpt": q.excerpt}


def _open_out(path: str):
    if path == "-":
        return sys.stdout
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8")
    except OSError as err:
        raise errors.bad_output(path, err.strerror or str(err)) from None


def json_line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str) + "\n"


def ordered(rec: dict) -> dict:
    out = {k: rec.get(k) for k in RECORD_FIELDS}
    out.update({k: v for k, v in rec.items() if k not in out})
    return out


def run_cli(args) -> int:
    items = read_inputs(args.inputs)
    first = next(items, None)  # raises a one-line usage error for missing inputs before any output exists
    if first is None:
        raise errors.no_inputs()
    out = _open_out(args.output)
    qpath = args.quarantine or (None if args.output == "-" else f"{args.output}.quarantine.jsonl")
    qfh = _open_out(qpath) if qpath else None
    from tqdm import tqdm

    def chain():
        yield first
        yield from items

    counts: Counter = Counter()
    words = 0
    t0 = time.perf_counter()
    bar = tqdm(desc="articles", unit=" art", disable=args.no_progress or None, file=sys.stderr, mininterval=0.5)
    try:
        from pipeline.engines import map_articles

        for res in map_articles(chain(), engine="local", jobs=args.jobs):
            bar.update(1)
            if isinstance(res, Quarantined):
                counts["quarantined"] += 1
                line = quarantine_line(res)
                if qfh:
                    qfh.write(json_line(line))
                else:
                    print(f"quarantined {res.origin}: {res.reason}", file=sys.stderr)
                continue
            counts["articles"] += 1
            words += len(res.article.text.split())
            for rec in res.records:
                counts[rec["kind"]] += 1
                out.write(json_line(ordered(rec)))
            if args.mentions:
                for m in res.mentions:
                    counts["mention"] += 1
                    if args.geocode and m["how"] in GEOCODED:
                        m["lat"], m["lon"] = geo.geocode(m["text"], args.geocode_cache) or (None, None)
                    out.write(json_line(m))
    finally:
        bar.close()
        if out is not sys.stdout:
            out.close()
        if qfh:
            qfh.close()
    secs = time.perf_counter() - t0
    summary = (f"extract: {counts['articles'] + counts['quarantined']} articles read, {counts['articles']} processed, "
               f"{counts['quarantined']} quarantined; records: {counts['event']} event, {counts['figure']} figure"
               + (f", {counts['mention']} mentions" if args.mentions else "")
               + f"; {words:,} words in {secs:.1f} s")
    if counts["quarantined"] and qpath:
        summary += f"; quarantine: {qpath}"
    print(summary, file=sys.stderr)
    return 0
