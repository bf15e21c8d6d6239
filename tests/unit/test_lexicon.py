"""The lexicon tables load, and a bad row is refused with its file and line (a pattern defined twice,
an unknown root, flag or word group), instead of silently winning or vanishing."""
from __future__ import annotations

import shutil

import pytest

from pipeline import lexicon
from pipeline.events.lexicon import _INDEX, _verb_forms
from pipeline.schema import PLOVER_TYPES


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A copy of the lexicon folder to break on purpose; the loaders read it instead."""
    for f in lexicon.DATA_DIR.glob("*.tsv"):
        shutil.copy(f, tmp_path / f.name)
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    for fn in (lexicon.triggers, lexicon.word_classes, lexicon.inflections, lexicon.context_words):
        fn.cache_clear()
    yield tmp_path
    for fn in (lexicon.triggers, lexicon.word_classes, lexicon.inflections, lexicon.context_words):
        fn.cache_clear()


def _append(path, line):
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def test_the_shipped_tables_load_and_cover_every_plover_root():
    rows = lexicon.triggers()
    assert len(rows) > 600
    assert {r.root for r in rows} == set(PLOVER_TYPES)
    assert len({r.pattern for r in rows}) == len(rows)
    assert "expelled" in _INDEX and any(e.root == "SANCTION" for e in _INDEX["expelled"])
    assert {"met", "meets", "meeting"} <= _verb_forms("meet")
    assert "said" in lexicon.words("reporting")


def test_a_pattern_defined_twice_is_refused_with_both_lines(scratch):
    _append(scratch / "triggers.tsv", "V:expel\tCONSULT\t\t\t")
    with pytest.raises(lexicon.LexiconError, match=r"triggers.tsv:\d+: pattern 'V:expel' is defined twice \(first at line \d+\)"):
        lexicon.triggers()


@pytest.mark.parametrize("row, why", [
    ("V:frobnicate\tBEFRIEND\t\t\t", "not a PLOVER root"),
    ("V:frobnicate\tCONSULT\t\t\tsz", "unknown flags 'z'"),
    ("V:frobnicate * @nosuchgroup\tCONSULT\t\t\t", "unknown word group"),
    ("* V:frobnicate\tCONSULT\t\t\t", "cannot start or end"),
    ("V:frobnicate\tCONSULT\t\t\t\textra", "6 columns, 5 expected"),
])
def test_bad_trigger_rows_are_refused(scratch, row, why):
    _append(scratch / "triggers.tsv", row)
    with pytest.raises(lexicon.LexiconError, match=why):
        lexicon.triggers()


def test_a_word_twice_in_a_class_and_an_unknown_class_are_refused(scratch):
    with pytest.raises(lexicon.LexiconError, match="no class 'nosuchclass'"):
        lexicon.words("nosuchclass")
    lexicon.word_classes.cache_clear()
    _append(scratch / "words.tsv", "negation\tnever")
    with pytest.raises(lexicon.LexiconError, match=r"words.tsv:\d+: 'never' is in negation already"):
        lexicon.word_classes()


def test_a_wrong_header_is_refused(scratch):
    text = (scratch / "contexts.tsv").read_text("utf-8").replace("word\tcontext", "word\tdomain")
    (scratch / "contexts.tsv").write_text(text, "utf-8")
    with pytest.raises(lexicon.LexiconError, match="header"):
        lexicon.context_words()
