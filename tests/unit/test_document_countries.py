"""Document-level country detection: title and dateline mentions join the article's country index
(the Reuters figures themselves are a suite in measures.py, held to floors.json)."""
from pipeline.extract import extract_article
from pipeline.ingest import article_from_record


def test_title_mentions_are_indexed_apart_from_the_text():
    art = article_from_record({"id": "t1", "title": "U.S. AND JAPAN AGREE ON CHIP PACT",
                               "text": "The two sides signed the accord in Tokyo on Friday."}, "t")
    mentions = extract_article(art).mentions
    by_field = {(m["field"], m["country"]) for m in mentions}
    assert ("title", "JPN") in by_field and ("title", "USA") in by_field
    title_mention = next(m for m in mentions if m["field"] == "title" and m["country"] == "USA")
    assert art.title[title_mention["char_start"]:title_mention["char_end"]] == title_mention["text"]
