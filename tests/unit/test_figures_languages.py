"""pipeline.figures in Spanish, French, German, Russian, Arabic and Portuguese sentences.

Country mentions come from the product's own non-English finder (pipeline.mentions_i18n), so these
tests check the templates on what the extractor really gives them."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.figures import FigureContext, find_amounts, find_figures, parse_money
from pipeline.figures.lexicon import lexicon
from pipeline.mentions_i18n import find_mentions


def figs(sentence: str, lang: str, published: date | None = None) -> list[dict]:
    return find_figures(sentence, find_mentions(sentence, lang), published, language=lang)


def brief(f: dict) -> tuple:
    return f["source"], f["target"], f["indicator"], f["value"], f["unit"]


def read_article(sents: list[str], lang: str) -> list[list[dict]]:
    ctx = FigureContext()
    out = []
    for s in sents:
        ms = find_mentions(s, lang)
        found = find_figures(s, ms, None, language=lang, context=ctx)
        ctx = ctx.after(s, ms, found, lang)
        out.append(found)
    return out


# --- numbers as each language writes them ------------------------------------------------------------

@pytest.mark.parametrize("text, lang, value, code", [
    ("39 mil 543 millones de dólares", "es", 39543e6, "USD"),
    ("356 mil 252 millones de dólares", "es", 356252e6, "USD"),
    ("1.500 millones de euros", "es", 1.5e9, "EUR"),
    ("2,5 billones de pesos mexicanos", "es", 2.5e12, "MXN"),
    ("56,74 milliards de dollars", "fr", 56.74e9, "USD"),
    ("1 500 milliards d’euros", "fr", 1.5e12, "EUR"),
    ("rund 85 Milliarden Euro", "de", 85e9, "EUR"),
    ("1.250 Millionen US-Dollar", "de", 1.25e9, "USD"),
    ("54,7 миллиарда долларов", "ru", 54.7e9, "USD"),
    ("3,3 млрд долларов США", "ru", 3.3e9, "USD"),
    ("3ر1 تريليون ين", "ar", 1.3e12, "JPY"),
    ("6ر683 مليار ين", "ar", 683.6e9, "JPY"),
    ("٢٫٥ مليار دولار", "ar", 2.5e9, "USD"),
    ("US$ 2,3 bilhões", "pt", 2.3e9, "USD"),
    ("R$ 15,4 bilhões", "pt", 15.4e9, "BRL"),
])
def test_money_as_written(text, lang, value, code):
    got = parse_money(text, lang)
    assert got is not None and got[0] == pytest.approx(value) and got[1] == code


@pytest.mark.parametrize("text, lang, value", [
    ("15.7 por ciento", "es", 15.7), ("15,3 %", "es", 15.3), ("11,2%", "fr", 11.2), ("20 pour cent", "fr", 20.0),
    ("4,4 Prozent", "de", 4.4), ("48,2 процента", "ru", 48.2), ("4ر9%", "ar", 9.4), ("9ر10٪", "ar", 10.9),
])
def test_percentages_as_written(text, lang, value):
    found = [a for a in find_amounts(text, lexicon(lang)) if a.kind == "percent"]
    assert [a.value for a in found] == [pytest.approx(value)]


def test_the_arabic_fraction_first_is_never_read_the_other_way():
    assert parse_money("5ر1 تريليون ين", "ar")[0] == pytest.approx(1.5e12)  # not 5.1 trillion


# --- Spanish ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Las exportaciones de México hacia Estados Unidos sumaron 45 mil 120 millones de dólares en octubre.",
     ("MEX", "USA", "export_value", 45120e6, "USD")),
    ("Las importaciones de Chile desde China alcanzaron 25.300 millones de dólares en 2022.",
     ("CHL", "CHN", "import_value", 25.3e9, "USD")),
    ("El comercio entre Argentina y Brasil llegó a 28.000 millones de dólares.", ("ARG", "BRA", "trade_value", 28e9, "USD")),
    ("El superávit comercial de México con Estados Unidos fue de 152 mil millones de dólares.",
     ("MEX", "USA", "trade_balance", 152e9, "USD")),
    ("El déficit comercial de Colombia con China ascendió a 11.000 millones de dólares.",
     ("COL", "CHN", "trade_balance", -11e9, "USD")),
])
def test_spanish_values(sentence, expected):
    assert [brief(f) for f in figs(sentence, "es")] == [expected]


def test_spanish_earlier_value_de_x_a_y():
    found = figs("Las exportaciones de Perú a China pasaron de 20.000 millones de dólares a 24.500 millones de dólares.", "es")
    assert [f["value"] for f in found] == [20e9, 24.5e9]


def test_spanish_ranking_with_shares():
    sentence = ("México volvió a ser el principal socio comercial de Estados Unidos, pues representó el 15,7 por ciento "
                "del total; en segundo lugar quedó Canadá, con 15,3 por ciento; mientras que el tercer lugar lo ocupó "
                "China con 11,1 por ciento.")
    got = sorted((f["target"], f["indicator"], f["value"]) for f in figs(sentence, "es"))
    assert got == [("CAN", "trade_partner_rank", 2.0), ("CAN", "trade_share", 15.3), ("CHN", "trade_partner_rank", 3.0),
                   ("CHN", "trade_share", 11.1), ("MEX", "trade_partner_rank", 1.0), ("MEX", "trade_share", 15.7)]
    assert {f["source"] for f in figs(sentence, "es")} == {"USA"}


@pytest.mark.parametrize("sentence", [
    "Las exportaciones de México a Estados Unidos crecieron 4,3 por ciento en septiembre.",   # growth
    "México y Canadá buscan elevar su comercio bilateral a 100 mil millones de dólares para 2030.",  # target
    "Las ventas de Brasil a China superaron los 100.000 millones de dólares por primera vez.",  # threshold
    "China es uno de los principales socios comerciales de Argentina.",                      # one of
    "Brasil es el principal socio comercial de Argentina en América Latina.",                 # regional
])
def test_spanish_not_figures(sentence):
    assert figs(sentence, "es") == []


def test_spanish_neighbouring_country_and_restated_value():
    found = read_article([
        "La Oficina del Censo de Estados Unidos publicó los datos de las exportaciones de México hacia el país vecino, "
        "que ascendieron a 39 mil 543 millones de dólares.",
        "Las exportaciones mexicanas, que alcanzaron los 39 mil 543 millones de dólares en septiembre, acumulan de enero "
        "a septiembre 356 mil 252 millones de dólares.",
    ], "es")
    assert [brief(f)[:4] for f in found[0]] == [("MEX", "USA", "export_value", 39543e6)]
    assert [brief(f)[:4] for f in found[1]] == [("MEX", "USA", "export_value", 39543e6), ("MEX", "USA", "export_value", 356252e6)]


# --- French -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Les exportations de la France vers l’Allemagne ont atteint 120,5 milliards d’euros.",
     ("FRA", "DEU", "export_value", 120.5e9, "EUR")),
    ("Les échanges commerciaux entre le Maroc et la France se sont élevés à 14,8 milliards d’euros en 2023.",
     ("MAR", "FRA", "trade_value", 14.8e9, "EUR")),
    ("Les importations chinoises en provenance du Nigeria ont atteint 4,2 milliards de dollars.",
     ("CHN", "NGA", "import_value", 4.2e9, "USD")),
    ("L’excédent commercial de la Chine avec la France s’élève à 40 milliards d’euros.",
     ("CHN", "FRA", "trade_balance", 40e9, "EUR")),
])
def test_french_values(sentence, expected):
    assert [brief(f) for f in figs(sentence, "fr")] == [expected]


def test_french_ranks():
    f = figs("La Chine est le premier partenaire commercial de l’Afrique du Sud.", "fr")
    assert [brief(f)[:4] for f in f] == [("ZAF", "CHN", "trade_partner_rank", 1.0)]
    f = figs("L’Allemagne reste le deuxième client de la France.", "fr")
    assert [brief(f)[:4] for f in f] == [("FRA", "DEU", "export_partner_rank", 2.0)]
    assert figs("La Chine n’est plus le premier partenaire commercial du Sénégal.", "fr") == []


def test_french_their_bilateral_trade_and_the_continent():
    found = read_article([
        "Par exemple, l’Afrique du Sud représente à elle seule 20% du commerce total de la Chine avec le continent.",
        "Leurs échanges bilatéraux ont atteint 56,74 milliards de dollars en 2022.",
    ], "fr")
    assert found[0] == []  # a share of trade with a continent
    assert [(f["source"], f["target"], f["indicator"], f["value"], f["period"]) for f in found[1]] == [
        ("ZAF", "CHN", "trade_value", 56.74e9, "2022")]


@pytest.mark.parametrize("sentence", [
    "Les exportations de la France vers l’Allemagne ont augmenté de 11,2% en glissement annuel.",
    "Les exportations vers l’Afrique se sont chiffrées à 164,49 milliards de dollars.",
    "La Chine a supprimé les droits de douane sur 98% des produits importés de Guinée.",
    "Le Maroc vise des échanges avec la France de 20 milliards d’euros d’ici 2030.",
])
def test_french_not_figures(sentence):
    assert figs(sentence, "fr") == []


# --- German -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Insgesamt habe China Waren im Wert von 192 Milliarden Euro nach Deutschland ausgeführt.",
     ("CHN", "DEU", "export_value", 192e9, "EUR")),
    ("Deutschland hat Waren im Wert von 70 Milliarden Euro aus Frankreich eingeführt.",
     ("DEU", "FRA", "import_value", 70e9, "EUR")),
    ("Der Handelsüberschuss Deutschlands mit den USA stieg auf 63 Milliarden Euro.",
     ("DEU", "USA", "trade_balance", 63e9, "EUR")),
    ("Die Exporte Deutschlands in die USA erreichten 158 Milliarden Euro.", ("DEU", "USA", "export_value", 158e9, "EUR")),
    ("Der Handel zwischen Deutschland und Russland betrug 2021 knapp 60 Milliarden Euro.",
     ("DEU", "RUS", "trade_value", 60e9, "EUR")),
])
def test_german_values(sentence, expected):
    assert [brief(f) for f in figs(sentence, "de")] == [expected]


def test_german_import_surplus_from_the_sentence_before():
    found = read_article([
        "Dabei habe Deutschland deutlich mehr Waren aus China eingeführt als dorthin exportiert.",
        "Der sogenannte Importüberschuss stieg den Angaben zufolge 2022 auf einen neuen Spitzenwert von rund 85 Milliarden Euro.",
    ], "de")
    assert [(f["source"], f["target"], f["value"], f["qualifier"], f["period"]) for f in found[1]] == [
        ("DEU", "CHN", -85e9, "about", "2022")]


def test_german_ranks_and_not_figures():
    assert [brief(f)[:4] for f in figs("China ist Deutschlands wichtigster Handelspartner.", "de")] == [
        ("DEU", "CHN", "trade_partner_rank", 1.0)]
    assert [brief(f)[:4] for f in figs("Die USA sind der größte Absatzmarkt Deutschlands.", "de")] == [
        ("DEU", "USA", "export_partner_rank", 1.0)]
    assert figs("China ist nicht mehr der wichtigste Handelspartner Deutschlands.", "de") == []
    assert figs("Die Exporte Deutschlands nach China stiegen um 5 Prozent.", "de") == []


# --- Russian -----------------------------------------------------------------------------------------

def test_russian_turnover_between_the_countries_and_the_flows():
    found = read_article([
        "Товарооборот России и Индии за десять месяцев 2023 года вырос вдвое.",
        "Товарооборот между странами составил 54,7 миллиарда долларов.",
        "Дели нарастил импорт российских товаров до 51,4 миллиарда долларов, а поставки собственной продукции в Россию — до 3,3 миллиарда долларов.",
    ], "ru")
    assert found[0] == []
    assert [(f["indicator"], f["value"]) for f in found[1]] == [("trade_value", 54.7e9)]
    assert {found[1][0]["source"], found[1][0]["target"]} == {"RUS", "IND"}
    assert [brief(f)[:4] for f in found[2]] == [("IND", "RUS", "import_value", 51.4e9), ("IND", "RUS", "export_value", 3.3e9)]


@pytest.mark.parametrize("sentence, expected", [
    ("Экспорт России в Китай составил 129 млрд долларов.", ("RUS", "CHN", "export_value", 129e9, "USD")),
    ("Товарооборот России и Китая достиг 240 млрд долларов в 2023 году.", ("RUS", "CHN", "trade_value", 240e9, "USD")),
])
def test_russian_values(sentence, expected):
    assert [brief(f) for f in figs(sentence, "ru")] == [expected]


def test_russian_ranks():
    found = figs("Такой рост торговли позволяет России оставаться не только четвертым крупнейшим торговым партнером "
                 "Индии, но и вторым важнейшим поставщиком.", "ru")
    assert [brief(f)[:4] for f in found] == [("IND", "RUS", "trade_partner_rank", 4.0), ("IND", "RUS", "import_partner_rank", 2.0)]
    assert figs("Китай является одним из крупнейших партнеров России.", "ru") == []
    assert figs("Экспорт России в Китай вырос на 12 процентов.", "ru") == []


# --- Arabic --------------------------------------------------------------------------------------------

def test_arabic_rank_exports_and_imports():
    sentence = ("وانخفضت الصادرات إلى الصين، أكبر شريك تجاري لليابان، بنسبة 4ر9% على أساس سنوي لتصل إلى 3ر1 تريليون ين، "
                "بينما قفزت الواردات بنسبة 9ر10% إلى نحو 5ر1 تريليون ين")
    got = [(f["source"], f["target"], f["indicator"], f["value"]) for f in figs(sentence, "ar")]
    assert got == [("JPN", "CHN", "trade_partner_rank", 1.0), ("JPN", "CHN", "export_value", 1.3e12),
                   ("JPN", "CHN", "import_value", 1.5e12)]


def test_arabic_surplus_with_exports_and_imports():
    sentence = ("وزاد الفائض التجاري لليابان مع الولايات المتحدة بنسبة 8ر9% عن العام السابق ليصل إلى 6ر683 مليار ين "
                "مع ارتفاع الصادرات بنسبة 4ر4% إلى 4ر1 تريليون ين والواردات بنسبة 2ر0% إلى 2ر732 مليار ين.")
    got = [(f["source"], f["target"], f["indicator"], f["value"]) for f in figs(sentence, "ar")]
    assert got == [("JPN", "USA", "trade_balance", 683.6e9), ("JPN", "USA", "export_value", 1.4e12),
                   ("JPN", "USA", "import_value", 732.2e9)]


def test_arabic_total_surplus_is_no_pair():
    found = read_article([
        "وانخفضت الصادرات إلى الصين، أكبر شريك تجاري لليابان، لتصل إلى 3ر1 تريليون ين",
        "وارتفع إجمالي الواردات اليابانية بنسبة نحو 1ر1% إلى 67ر6 تريليون ين، مما أنتج فائضا تجاريا بقيمة 5ر528 مليار ين.",
    ], "ar")
    assert found[1] == []


# --- Portuguese ----------------------------------------------------------------------------------------

def test_portuguese_values_and_rank():
    found = figs("As exportações do Brasil para a China somaram US$ 89,4 bilhões em 2022.", "pt")
    assert [brief(f) for f in found] == [("BRA", "CHN", "export_value", 89.4e9, "USD")]
    found = figs("A China é o maior parceiro comercial do Brasil.", "pt")
    assert [brief(f)[:4] for f in found] == [("BRA", "CHN", "trade_partner_rank", 1.0)]


# --- English words inside another language's article ---------------------------------------------------

def test_english_quotes_in_other_articles_are_read_but_hashtags_are_not():
    assert [brief(f)[:3] for f in figs("Japan's exports to China rose to $120 billion.", "es")] == []  # no es names
    found = read_article([
        "Las exportaciones de México hacia Estados Unidos ascendieron a 39 mil 543 millones de dólares.",
        "#TradeDeficit in September 2023 up 4.9% to $61.5B. #Exports up 2.2% to $261.1B.",
    ], "es")
    assert found[1] == []


@pytest.mark.parametrize("lang, sentence, expected", [
    ("es", "China es el principal socio comercial de Perú, con un intercambio de 36.000 millones de dólares.",
     [("PER", "CHN", "trade_partner_rank", 1.0, "rank"), ("PER", "CHN", "trade_value", 36e9, "USD")]),
    ("es", "En 2023, las exportaciones de Colombia a Estados Unidos fueron de 14.500 millones de dólares, frente a "
           "16.200 millones de dólares en 2022.",
     [("COL", "USA", "export_value", 14.5e9, "USD"), ("COL", "USA", "export_value", 16.2e9, "USD")]),
    ("es", "Estados Unidos compró a México bienes por 475 mil millones de dólares.",
     [("USA", "MEX", "import_value", 475e9, "USD")]),
    ("es", "Brasil es el segundo mayor socio comercial de Chile.", [("CHL", "BRA", "trade_partner_rank", 2.0, "rank")]),
    ("fr", "Les exportations françaises vers la Chine ont atteint 24 milliards d'euros en 2023, contre 23 milliards un an plus tôt.",
     [("FRA", "CHN", "export_value", 24e9, "EUR"), ("FRA", "CHN", "export_value", 23e9, "EUR")]),
    ("fr", "La France est le troisième fournisseur du Maroc.", [("MAR", "FRA", "import_partner_rank", 3.0, "rank")]),
    ("fr", "Le déficit commercial de la France avec la Chine s'est établi à 46 milliards d'euros.",
     [("FRA", "CHN", "trade_balance", -46e9, "EUR")]),
    ("de", "Die deutschen Exporte nach China sanken 2023 um 8,8 Prozent auf 97,3 Milliarden Euro.",
     [("DEU", "CHN", "export_value", 97.3e9, "EUR")]),
    ("de", "Frankreich ist der zweitgrößte Handelspartner Deutschlands.", [("DEU", "FRA", "trade_partner_rank", 2.0, "rank")]),
    ("ru", "Объем торговли между Россией и Китаем в 2023 году достиг 240 млрд долларов.",
     [("RUS", "CHN", "trade_value", 240e9, "USD")]),
    ("ru", "Китай остается крупнейшим торговым партнером России.", [("RUS", "CHN", "trade_partner_rank", 1.0, "rank")]),
    ("ar", "بلغ حجم التبادل التجاري بين السعودية والصين 97 مليار دولار في عام 2023.",
     [("SAU", "CHN", "trade_value", 97e9, "USD")]),
    ("ar", "الصين هي أكبر شريك تجاري للسعودية.", [("SAU", "CHN", "trade_partner_rank", 1.0, "rank")]),
    ("ar", "وارتفعت صادرات مصر إلى الإمارات لتصل إلى 2ر3 مليار دولار.", [("EGY", "ARE", "export_value", 3.2e9, "USD")]),
    ("pt", "O comércio entre Brasil e Argentina somou US$ 28 bilhões em 2023.", [("BRA", "ARG", "trade_value", 28e9, "USD")]),
])
def test_more_phrasings_per_language(lang, sentence, expected):
    assert [brief(f) for f in figs(sentence, lang)] == expected


@pytest.mark.parametrize("lang, sentence", [
    ("es", "El intercambio comercial entre España y Marruecos superó los 20.000 millones de euros."),  # threshold
    ("fr", "Les exportations de la France vers la Chine portent sur 2 millions de tonnes de blé."),      # tonnes
    ("de", "Die Exporte Deutschlands nach Frankreich sollen bis 2030 auf 150 Milliarden Euro steigen."),  # target
    ("ru", "Россия и Китай планируют довести товарооборот до 300 млрд долларов к 2030 году."),          # target
    ("ar", "وارتفعت صادرات مصر إلى الإمارات بنسبة 5ر12%."),                                              # growth
])
def test_more_non_figures_per_language(lang, sentence):
    assert figs(sentence, lang) == []
