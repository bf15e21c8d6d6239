from pipeline.text import content_blocks, sentences
from tests.conftest import SEED_TXT


def test_seed_boilerplate_is_skipped_and_spans_point_into_the_text():
    text = SEED_TXT.read_text("utf-8")
    sents = sentences(text)
    joined = " ".join(s.text for s in sents)
    assert "You may be interested in" not in joined
    assert "REUTERS/Kim Hong-Ji" not in joined
    assert "By Joyce Lee" not in joined
    assert "This article was produced by" not in joined
    assert not any(s.text.strip() == "/" for s in sents)
    for s in sents:
        assert text[s.start:s.end] == s.text
    assert sents[0].text.startswith("South Korea's President Lee to visit China")
    visit = [s for s in sents if "will make a state visit" in s.text]
    assert len(visit) == 1 and visit[0].text.endswith("restore ties.")


def test_abbreviations_do_not_end_sentences():
    text = ("Mr. Kim met U.S. officials on Jan. 5 in Washington. The talks ended. "
            "He said the U.S. The allies agreed.")
    got = [s.text for s in sentences(text)]
    assert got[0] == "Mr. Kim met U.S. officials on Jan. 5 in Washington."
    assert got[1] == "The talks ended."
    assert got[2] == "He said the U.S."
    assert got[3] == "The allies agreed."


def test_all_caps_subheading_is_marked_heading():
    text = "First sentence here.\n\nLEE BALANCING SEOUL'S TIES WITH BOTH US AND CHINA\n\nLee will visit."
    sents = sentences(text)
    assert [s.heading for s in sents] == [False, True, False]


def test_hard_wrapped_newswire_joins_lines_within_a_paragraph():
    text = ("Japan and the United States\nagreed on Tuesday to cut tariffs on\nsemiconductors, officials said.\n"
            "    Trade talks will resume\nnext month in Tokyo.\n")
    sents = sentences(text)
    assert len(sents) == 2
    assert sents[0].text.startswith("Japan and the United States\nagreed")
    assert sents[1].text.startswith("Trade talks will resume")


def test_empty_and_whitespace_give_no_sentences():
    assert sentences("") == []
    assert sentences("   \n\n  ") == []
    assert content_blocks("/\n/\n/") == []
