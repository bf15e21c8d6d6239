"""A small stand-in country finder for non-English test sentences and dev runs of pipeline.figures.

Not product code: the product's non-English mentions come from pipeline.mentions_i18n (another
worktree). This only lets figure templates be tested on `Mention` objects now; it knows a few dozen
countries' names, demonyms and inflections (Russian cases, Arabic clitics) and nothing else."""
from __future__ import annotations

import re
from functools import cache

from pipeline.schema import Mention

# language -> ISO3 -> (names, demonyms); regex fragments, matched case-sensitively on word boundaries.
_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "es": {
        "USA": ("Estados Unidos|EE\\.? ?UU\\.?|EEUU|Washington", "estadounidenses?|norteamerican[oa]s?"),
        "MEX": ("México|Ciudad de México", "mexican[oa]s?"), "CAN": ("Canadá|Ottawa", "canadienses?"),
        "CHN": ("China|Pekín|Beijing", "chin[oa]s?"), "JPN": ("Japón|Tokio", "japones(?:a|es|as)?"),
        "BRA": ("Brasil|Brasilia", "brasileñ[oa]s?"), "ARG": ("Argentina|Buenos Aires", "argentin[oa]s?"),
        "ESP": ("España|Madrid", "español(?:a|es|as)?"), "DEU": ("Alemania|Berlín", "aleman(?:a|es|as)?"),
        "RUS": ("Rusia|Moscú", "rus[oa]s?"), "IND": ("India|Nueva Delhi", "indi[oa]s?"), "COL": ("Colombia", "colombian[oa]s?"),
        "CHL": ("Chile", "chilen[oa]s?"), "PER": ("Perú", "peruan[oa]s?"), "KOR": ("Corea del Sur", "surcorean[oa]s?"),
    },
    "pt": {
        "BRA": ("Brasil|Brasília", "brasileir[oa]s?"), "PRT": ("Portugal|Lisboa", "portugues(?:a|es|as)?"),
        "CHN": ("China|Pequim", "chines(?:a|es|as)?"), "USA": ("Estados Unidos|EUA|Washington", "americanos?|norte-american[oa]s?"),
        "ARG": ("Argentina", "argentin[oa]s?"), "ANG": ("Angola", "angolan[oa]s?"),
    },
    "fr": {
        "CHN": ("Chine|Pékin", "chinois(?:e|es)?"), "ZAF": ("Afrique du Sud|Pretoria", "sud-africain(?:e|s|es)?"),
        "FRA": ("France|Paris", "français(?:e|es)?"), "DEU": ("Allemagne|Berlin", "allemand(?:e|s|es)?"),
        "USA": ("États-Unis|Etats-Unis|Washington", "américain(?:e|s|es)?"), "NGA": ("Nigeria|Nigéria", "nigérian(?:e|s|es)?"),
        "AGO": ("Angola", "angolais(?:e|es)?"), "COD": ("République démocratique du Congo|RDC", ""),
        "MAR": ("Maroc|Rabat", "marocain(?:e|s|es)?"), "SEN": ("Sénégal|Dakar", "sénégalais(?:e|es)?"),
        "CIV": ("Côte d['’]Ivoire", "ivoirien(?:ne|s|nes)?"), "DZA": ("Algérie|Alger", "algérien(?:ne|s|nes)?"),
        "GIN": ("Guinée", "guinéen(?:ne|s|nes)?"), "JPN": ("Japon|Tokyo", "japonais(?:e|es)?"), "IND": ("Inde", "indien(?:ne|s|nes)?"),
        "CAN": ("Canada|Ottawa", "canadien(?:ne|s|nes)?"), "RUS": ("Russie|Moscou", "russes?"),
    },
    "de": {
        "DEU": ("Deutschlands?|Bundesrepublik|Berlin", "deutsche[nrsm]?"), "CHN": ("Chinas?|Peking", "chinesische[nrsm]?"),
        "USA": ("USA|Vereinigten Staaten|Vereinigte Staaten|Washington", "amerikanische[nrsm]?|US-amerikanische[nrsm]?"),
        "FRA": ("Frankreichs?|Paris", "französische[nrsm]?"), "JPN": ("Japans?|Tokio", "japanische[nrsm]?"),
        "RUS": ("Russlands?|Moskau", "russische[nrsm]?"), "NLD": ("Niederlande|Niederlanden", "niederländische[nrsm]?"),
        "ITA": ("Italiens?|Rom", "italienische[nrsm]?"), "GBR": ("Großbritanniens?|London", "britische[nrsm]?"),
    },
    "ru": {
        "RUS": ("Росси(?:я|и|ю|ей)|Москв[аыеу]|РФ", "российск\\w+|русск\\w+"),
        "IND": ("Инди(?:я|и|ю|ей)|Дели|Нью-Дели", "индийск\\w+"), "CHN": ("Кита[йяюе]|Китаем|Пекин\\w*|КНР", "китайск\\w+"),
        "USA": ("США|Соединенн\\w+ Штат\\w+|Вашингтон\\w*", "американск\\w+"),
        "DEU": ("Германи(?:я|и|ю|ей)|Берлин\\w*", "германск\\w+|немецк\\w+"), "TUR": ("Турци(?:я|и|ю|ей)|Анкар\\w+", "турецк\\w+"),
        "KAZ": ("Казахстан\\w*", "казахстанск\\w+"), "BLR": ("Беларус\\w+|Белорусси\\w+|Минск\\w*", "белорусск\\w+"),
        "JPN": ("Япони(?:я|и|ю|ей)|Токио", "японск\\w+"),
    },
    "ar": {
        "JPN": ("(?:ل|لل|و|ب)?اليابان|لليابان|طوكيو", "(?:ال)?ياباني(?:ة)?"),
        "CHN": ("(?:ل|و|ب)?الصين|للصين|بكين", "(?:ال)?صيني(?:ة)?"),
        "USA": ("(?:ل|و|ب)?الولايات المتحدة(?: الأمريكية)?|للولايات المتحدة|واشنطن", "(?:ال)?أمريكي(?:ة)?|(?:ال)?أميركي(?:ة)?"),
        "SAU": ("(?:ل|و|ب)?السعودية|للسعودية|المملكة العربية السعودية|الرياض", "(?:ال)?سعودي(?:ة)?"),
        "EGY": ("(?:ل|و|ب)?مصر|القاهرة", "(?:ال)?مصري(?:ة)?"), "ARE": ("(?:ل|و|ب)?الإمارات|للإمارات|أبوظبي", "(?:ال)?إماراتي(?:ة)?"),
        "IND": ("(?:ل|و|ب)?الهند|للهند|نيودلهي", "(?:ال)?هندي(?:ة)?"), "TUR": ("(?:ل|و|ب)?تركيا|أنقرة", "(?:ال)?تركي(?:ة)?"),
        "RUS": ("(?:ل|و|ب)?روسيا|موسكو", "(?:ال)?روسي(?:ة)?"), "IRN": ("(?:ل|و|ب)?إيران|طهران", "(?:ال)?إيراني(?:ة)?"),
    },
}


@cache
def _compiled(lang: str) -> list[tuple[re.Pattern, str, str]]:
    out = []
    for iso3, (names, demonyms) in _NAMES.get(lang, {}).items():
        for pat, how in ((names, "name"), (demonyms, "demonym")):
            if pat:
                out.append((re.compile(rf"(?<!\w)(?:{pat})(?!\w)"), iso3, how))
    return out


def find_mentions(text: str, lang: str) -> list[Mention]:
    """Country mentions in a non-English `text` (longest first where they overlap)."""
    found = []
    for rx, iso3, how in _compiled(lang):
        for m in rx.finditer(text):
            found.append(Mention(m.start(), m.end(), m[0], iso3, how))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    end = -1
    for m in found:
        if m.start >= end:
            out.append(m)
            end = m.end
    return out
