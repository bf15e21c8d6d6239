"""pipeline/language.py: an article's language, given or detected, and the run summary by language."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from pipeline import language

# One or two sentences of news in each language, written for these tests.
SAMPLES = {
    "en": "The foreign ministers of the two countries said on Monday that they would meet again in March "
          "to discuss trade, after talks that both sides described as constructive.",
    "es": "El presidente de Colombia anunció este miércoles la ruptura de relaciones diplomáticas con Israel, "
          "una decisión que entrará en vigor el jueves.",
    "fr": "L'ambassadeur de Chine a été convoqué au ministère des Affaires étrangères après des propos jugés "
          "inacceptables par le gouvernement français.",
    "de": "Die Bundesregierung hat den russischen Botschafter einbestellt, nachdem das Außenministerium in "
          "Moskau zwei deutsche Diplomaten ausgewiesen hatte.",
    "pt": "O presidente desembarcou nesta manhã em Lisboa para uma visita oficial, a primeira viagem à Europa "
          "desde o início do seu mandato.",
    "ru": "Министерство иностранных дел России вручило ноту протеста послу и объявило о высылке двух "
          "дипломатов в ответ на недружественные действия.",
    "zh": "中方宣布对所有美国进口商品加征关税，并在世贸组织起诉美方的最新措施。",
    "ar": "بحث وزيرا الخارجية السعودي والإيراني سبل تعزيز العلاقات الثنائية ومتابعة تنفيذ الاتفاق الموقع بين البلدين.",
    "ja": "両国の外相は包括的戦略的パートナーシップを更に強化していくことで一致し、安全保障分野での協力を確認した。",
    "tr": "Dışişleri Bakanı, Amerikalı mevkidaşı ile telefonda görüştü ve iki ülke arasındaki ilişkileri ele aldı.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_each_language_of_the_sample(lang):
    assert language.detect(SAMPLES[lang]) == lang


def test_short_texts_and_headlines():
    assert language.detect("Из России изгоняют американских дипломатов") == "ru"
    assert language.detect("Le commerce entre la Chine et l'Afrique bat des records en 2022") == "fr"
    assert language.detect("中美贸易战升级") == "zh"


def test_english_fast_path_takes_plain_english_and_nothing_else():
    assert language.looks_english(SAMPLES["en"] * 2)
    # curly quotes and an accented name do not take English off the fast path
    assert language.looks_english(("China’s envoy met Mr. Le Drian’s team, which said the talks “were useful” "
                                   "and that they would have more meetings with the ministry. ") * 2)
    assert not language.looks_english(SAMPLES["es"] * 2)
    assert not language.looks_english("Los ministros de los dos paises se reuniran el lunes en la capital "
                                      "para hablar de comercio y de la situacion en la frontera, dijo el portavoz.")
    assert not language.looks_english("the and that")  # too few words to count


def test_undecidable_text():
    assert language.detect("") is None
    assert language.detect("   \n ") is None
    # a Reuters table: plain ASCII with no words to speak of is English, as the pipeline always assumed
    assert language.detect("Shr 1.22 dlrs vs 1.05 dlrs\nNet 12.3 mln vs 10.1 mln\nRevs 150.2 mln vs 140.8 mln") == "en"
    assert language.detect("a lone surrogate \ud800 does not raise " * 3) == "en"


def test_normalize_given_codes():
    assert language.normalize("EN") == "en"
    assert language.normalize("en-US") == "en"
    assert language.normalize("pt_BR") == "pt"
    assert language.normalize("zh-Hant") == "zh"
    assert language.normalize("iw") == "he"
    assert language.normalize("English language") is None
    assert language.normalize(3.5) is None
    assert language.normalize(None) is None


def test_the_given_language_wins_over_detection():
    assert language.article_language("fr", SAMPLES["en"]) == "fr"
    assert language.article_language("de-AT", SAMPLES["en"]) == "de"
    assert language.article_language(None, SAMPLES["es"]) == "es"
    assert language.article_language("", SAMPLES["ru"]) == "ru"
    assert language.article_language("not a code!", SAMPLES["ar"]) == "ar"


def test_detection_reads_a_bounded_prefix():
    # what follows the prefix cannot change the answer, so the cost is bounded per article
    text = SAMPLES["es"] * 8
    assert len(text) > language.PREFIX_CHARS
    assert language.detect(text + SAMPLES["en"] * 200) == "es"


def test_english_pipeline_for_english_and_unknown():
    assert language.is_english("en") and language.is_english(None)
    assert not language.is_english("es")


def test_summary_by_language():
    c: Counter = Counter()
    language.tally(c, "en", [{"kind": "event"}, {"kind": "event"}, {"kind": "figure"}], [{}] * 5)
    language.tally(c, "en", [], [{}])
    language.tally(c, "es", [], [{}] * 3)
    language.tally(c, None, [], [])
    assert language.language_summary(c) == ("languages: en 2 articles (2 event, 1 figure, 6 mentions); "
                                            "es 1 article (0 event, 0 figure, 3 mentions); "
                                            "unknown 1 article (0 event, 0 figure, 0 mentions)")
    assert language.language_summary(Counter()) == "languages: none"


def test_every_dev_article_detected_as_its_gold_language(shared):
    articles = [json.loads(line) for line in open(shared / "gold" / "modern_dev" / "articles.jsonl", encoding="utf-8")]
    wrong = [(a["id"], a["language"], language.detect(a["text"])) for a in articles
             if language.detect(a["text"]) != a["language"]]
    assert len(articles) == 43 and wrong == []
