"""The figure vocabulary tables (pipeline/lexicon/figures_<lang>.tsv): they load, validate and say
where each fact comes from; bad rows are refused with their file and line."""
from __future__ import annotations

import re

import pytest

from pipeline.figures.grammar import grammar
from pipeline.figures.lexicon import HEADER, LexiconError, languages, lexicon, read_table


def test_every_language_table_loads_and_compiles():
    assert set(languages()) >= {"en", "es", "fr", "de", "ru", "ar", "pt"}
    for lang in languages():
        g = grammar(lang)
        assert g.head_rx is not None and g.templates, lang
        assert all(row.source.strip() for rows in lexicon(lang).rows.values() for row in rows)


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "ru", "ar", "pt"])
def test_every_head_and_rank_kind_passes_the_gate(lang):
    # The gate skips a sentence before any parsing: it must not skip a sentence with a head in it.
    g = grammar(lang)
    lex = lexicon(lang)
    samples = {"en": ["exports", "imports", "trade", "surplus", "deficit", "trade gap", "shipments", "sold", "bought",
                      "trading partner", "customer", "supplier", "commerce"],
               "es": ["exportaciones", "importaciones", "comercio", "intercambio", "superávit", "déficit", "socio comercial", "proveedor"],
               "fr": ["exportations", "importations", "échanges", "commerce", "excédent", "déficit", "partenaire", "fournisseur"],
               "de": ["Exporte", "Einfuhren", "Handel", "Warenaustausch", "Importüberschuss", "ausgeführt", "Handelspartner", "Lieferant"],
               "ru": ["экспорт", "импорт", "поставки", "товарооборот", "торговли", "профицит", "партнером", "поставщиком"],
               "ar": ["الصادرات", "الواردات", "التبادل التجاري", "الفائض التجاري", "العجز", "شريك", "مورد"],
               "pt": ["exportações", "importações", "comércio", "superávit", "parceiro comercial", "fornecedor"]}[lang]
    for word in samples:
        assert g.gate.search(word.lower()), (lang, word)
        assert g.head_rx.search(word) or re.search(lex.alt("rank_kind"), word, re.I), (lang, word)


def _write(tmp_path, *rows: str):
    path = tmp_path / "figures_xx.tsv"
    path.write_text("\n".join(["\t".join(HEADER), *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("row, message", [
    ("nonsense\tx\t\t\tsrc", "unknown kind"),
    ("scale\t(billion)\t1e9\t\tsrc", "capturing group"),
    ("scale\tbillion\tlots\t\tsrc", "not a number"),
    ("head\texports\tsideways\t\tsrc", "not one of"),
    ("head\texports\texport\tloud\tsrc", "unknown flags"),
    ("head\texports\texport\t\t", "empty source"),
    ("currency_post\tdollars\tUS\t\tsrc", "bad currency code"),
    ("currency_post\tcrowns\t- NOK\t\tsrc", "bad local currency"),
    ("percent\t(?:%)?\t\t\tsrc", "empty string"),
    ("scale\tbil[lion\t1e9\t\tsrc", "bad pattern"),
])
def test_bad_rows_are_refused_with_their_line(tmp_path, row, message):
    with pytest.raises(LexiconError, match=message) as err:
        read_table(_write(tmp_path, row))
    assert "figures_xx.tsv:2" in str(err.value)


def test_a_space_in_a_pattern_means_any_whitespace(tmp_path):
    (row,) = read_table(_write(tmp_path, "head\ttrade gap\tdeficit\t\tsrc"))
    assert re.fullmatch(row.regex, "trade \n gap") and not re.fullmatch(row.regex, "tradegap")
