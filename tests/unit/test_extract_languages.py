"""The extraction policy for languages (pipeline/extract.py): every record carries its article's
language; an article in another language gives country mentions, never English-lexicon events."""
from __future__ import annotations

import json
from datetime import date

from pipeline.extract import extract_article, process
from pipeline.ingest import article_from_record
from pipeline.schema import Article

# An English sentence the event lexicon reads as a planned visit (the seed article's first record).
VISIT = ("South Korean President Lee Jae Myung will make a state visit to China from January 4 to 7, "
         "the presidential office said on Tuesday.")


def test_english_article_gives_events_that_carry_its_language(seed_text):
    res = extract_article(Article("seed", seed_text, date(2025, 12, 30)))
    assert res.language == "en"
    assert any(r["kind"] == "event" for r in res.records)
    assert {r["language"] for r in res.records} == {"en"}


def test_an_article_said_to_be_spanish_gets_no_english_events_but_its_mentions():
    english = extract_article(Article("a", VISIT, date(2025, 12, 30)))
    assert [(r["source"], r["target"], r["event_type"]) for r in english.records] == [("KOR", "CHN", "CONSULT")]
    # the same words under a given language field: the language wins and the English lexicon stays off
    res = extract_article(Article("a", VISIT, date(2025, 12, 30), language="es"))
    assert res.language == "es" and res.records == []
    # "China" is Spanish too and a leader's full name is the same in any Latin script; "South Korean" is not Spanish
    assert [(m["text"], m["country"], m["how"]) for m in res.mentions] == [
        ("Lee Jae Myung", "KOR", "leader"), ("China", "CHN", "name")]


def test_non_english_articles_are_detected_and_indexed():
    text = ("El presidente de Colombia anunció la ruptura de relaciones diplomáticas con Israel. "
            "Israel respondió que suspende las exportaciones de seguridad a Colombia.")
    res = process(Article("es-1", text, date(2024, 5, 1)))
    assert res.language == "es"
    assert res.records == []
    assert [(m["text"], m["country"], m["how"]) for m in res.mentions] == [
        ("Colombia", "COL", "name"), ("Israel", "ISR", "name"), ("Israel", "ISR", "name"),
        ("Colombia", "COL", "name")]
    assert all(text[m["char_start"]:m["char_end"]] == m["text"] for m in res.mentions)


def test_a_non_english_title_is_read_in_the_article_language():
    art = article_from_record({"id": "t", "text": "Товарооборот между странами вырос вдвое.",
                               "title": "Товарооборот России и Индии вырос", "language": "ru"}, "test")
    res = extract_article(art)
    assert [(m["field"], m["country"]) for m in res.mentions] == [("title", "RUS"), ("title", "IND")]


def test_no_event_record_from_any_non_english_dev_article(shared):
    n = 0
    for line in open(shared / "gold" / "modern_dev" / "articles.jsonl", encoding="utf-8"):
        obj = json.loads(line)
        res = extract_article(article_from_record(obj, "dev"))
        if obj["language"] == "en":
            assert {r["language"] for r in res.records} <= {"en"}
            continue
        n += 1
        assert res.language == obj["language"]
        assert not [r for r in res.records if r["kind"] == "event"], obj["id"]
        assert res.mentions, obj["id"]
    assert n == 13
