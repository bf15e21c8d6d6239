"""Build data/names_i18n.tsv: country names, capitals, demonyms and institutions in other languages,
from CLDR (through Babel) and the hand-written data/names_i18n_curated.tsv. Deterministic.

    .venv/bin/python -m pipeline.gazetteer.build_i18n [--check]

CLDR gives each territory's name per locale, and the city of each time zone, which is the capital
where the zone's city is the capital in countries.tsv. The inflected forms news uses (Russian cases,
the German genitive, Romance gender and number, Arabic nisba adjectives with and without the article)
are generated here by the rules below from the base forms; Arabic clitics (و ب ل ك ف) are left to
the matcher. CLDR data: Copyright Unicode, Inc., Unicode License v3 (https://www.unicode.org/license.txt);
Babel: BSD-3-Clause. `--check` exits 1 when the committed table differs from a fresh build.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
OUT = DATA_DIR / "names_i18n.tsv"
CURATED = DATA_DIR / "names_i18n_curated.tsv"
BLOCKED = DATA_DIR / "not_countries_i18n.tsv"

# The table's languages and the CLDR locales read for each (regional variants add their spellings).
LOCALES: dict[str, tuple[str, ...]] = {
    "es": ("es", "es_419", "es_MX"), "fr": ("fr", "fr_CA"), "de": ("de", "de_CH"), "pt": ("pt", "pt_PT"),
    "it": ("it",), "ru": ("ru",), "tr": ("tr",), "ar": ("ar",), "ja": ("ja",),
    "zh": ("zh", "zh_Hant", "zh_Hant_HK"),
}
LATIN = frozenset({"es", "fr", "de", "pt", "it", "tr"})
HOWS = ("name", "capital", "institution", "demonym")
# On a clash between two rows of one text, the better-attested kind wins; a tie drops the text.
_RANK = {"curated": 0, "cldr": 1, "cldr-tz": 2}
HEADER = ("lang", "text", "iso3", "how", "source")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


# --- inflection -----------------------------------------------------------------------------------

_RU_ADJ = {  # nominative ending -> nom, gen, dat, acc, instr, prep
    "ая": ("ая", "ой", "ой", "ую", "ой", "ой"), "яя": ("яя", "ей", "ей", "юю", "ей", "ей"),
    "ый": ("ый", "ого", "ому", "ый", "ым", "ом"), "ой": ("ой", "ого", "ому", "ой", "ым", "ом"),
    "ое": ("ое", "ого", "ому", "ое", "ым", "ом"), "ые": ("ые", "ых", "ым", "ые", "ыми", "ых"),
    "ие": ("ие", "их", "им", "ие", "ими", "их"),
}
_RU_SOFT_ADJ = ("ий", "его", "ему", "ий", "им", "ем")
_RU_K_ADJ = ("ий", "ого", "ому", "ий", "им", "ом")
_RU_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def _ru_adj_cases(word: str) -> list[set[str]] | None:
    for end, forms in _RU_ADJ.items():
        if word.endswith(end) and len(word) > len(end) + 2:
            return [{word[: -len(end)] + f} for f in forms]
    if word.endswith("ий") and len(word) > 4:
        forms = _RU_K_ADJ if word[-3] in "гкхжшчщ" else _RU_SOFT_ADJ
        return [{word[:-2] + f} for f in forms]
    return None


def _ru_noun_cases(word: str) -> list[set[str]]:
    """Six case forms (nom, gen, dat, acc, instr, prep) of a proper noun; one form if it does not decline."""
    if word.isupper() or len(word) < 3 or not word[-1].isalpha():
        return [{word}] * 6
    s1, s2 = word[:-1], word[:-2]
    if word.endswith("ия"):
        ends = ("ия", "ии", "ии", "ию", "ией", "ии")
        return [{s2 + e} for e in ends]
    if word.endswith("ея"):
        return [{s2 + e} for e in ("ея", "еи", "ее", "ею", "еей", "ее")]
    if word.endswith("я"):
        return [{s1 + e} for e in ("я", "и", "е", "ю", "ей", "е")]
    if word.endswith("а"):
        gen = "и" if s1[-1] in "гкхжшчщ" else "ы"
        instr = "ей" if s1[-1] in "жшчщц" else "ой"
        return [{s1 + e} for e in ("а", gen, "е", "у", instr, "е")]
    if word.endswith("й"):
        return [{s1 + e} for e in ("й", "я", "ю", "й", "ем", "е")]
    if word.endswith("ь"):
        return [{s1 + e} for e in ("ь", "я", "ю", "ь", "ем", "е")]
    if word.endswith("ы"):  # plural names: Нидерланды, Филиппины, Штаты
        return [{word}, {s1 + "ов", s1}, {s1 + "ам"}, {word}, {s1 + "ами"}, {s1 + "ах"}]
    if word[-1] in _RU_CONSONANTS:
        instr = "ем" if word[-1] in "жшчщц" else "ом"
        return [{word}, {word + "а"}, {word + "у"}, {word}, {word + instr}, {word + "е"}]
    return [{word}] * 6  # -о -е -и -у -ю: foreign names that do not decline (Того, Чили, Перу)


def ru_noun(name: str) -> set[str]:
    """A Russian name in all cases: leading adjectives agree with the head noun ("Южной Кореи"), words
    after the head stay as they are ("Республики Корея")."""
    words = name.split(" ")
    cases = [{""} for _ in range(6)]
    head_done = False
    for w in words:
        if head_done:
            per = [{w}] * 6
        else:
            adj = _ru_adj_cases(w) if len(words) > 1 else None
            if adj is None:
                per = _ru_noun_cases(w)
                if "-" in w:  # Эр-Рияда (the last part declines), Гвинеи-Бисау (the first one does)
                    first, _, last = w.partition("-")
                    per = [a | {f"{first}-{x}" for x in b} | {f"{x}-{last}" for x in c}
                           for a, b, c in zip(per, _ru_noun_cases(last), _ru_noun_cases(first), strict=True)]
                head_done = True
            else:
                per = adj
        cases = [{(a + " " + b).strip() for a in acc for b in add} for acc, add in zip(cases, per, strict=True)]
    out = set().union(*cases)
    return out | {f.replace("ё", "е") for f in out}


def ru_adj(word: str) -> set[str]:
    """A Russian adjective (российский, американский) in every gender, number and case."""
    if word.endswith(("ский", "цкий", "кий")):
        stem, ends = word[:-2], ("ий", "ая", "ое", "ие", "ого", "ому", "им", "ом", "ой", "ую", "их", "ими")
    elif word.endswith("ый"):
        stem, ends = word[:-2], ("ый", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ой", "ую", "ых", "ыми")
    else:
        raise ValueError(f"ru-adj: {word!r} is not a -ский/-ый adjective")
    out = {stem + e for e in ends}
    return out | {f.replace("ё", "е") for f in out}


def de_gen(name: str) -> set[str]:
    """German names take -s in the genitive (Chinas, Russlands), except after a sibilant or -e."""
    if " " in name or name.isupper() or name.endswith(("s", "x", "z", "ß", "e", "ei")):
        return {name}
    return {name, name + "s"}


def de_adj(stem: str) -> set[str]:
    return {stem + e for e in ("", "e", "en", "er", "es", "em")}


def _strip_accent(s: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s)
                                                if not unicodedata.combining(c)))


def es_adj(w: str) -> set[str]:
    if w.endswith("o"):
        return {w, w[:-1] + "a", w + "s", w[:-1] + "as"}
    for end in ("és", "án", "ín", "ón"):
        if w.endswith(end):
            s = w[:-2] + _strip_accent(end)
            return {w, s + "a", s + "es", s + "as"}
    if w.endswith("í"):
        return {w, w + "es", w + "s"}
    if w.endswith(("e", "a")):  # estadounidense, vietnamita
        return {w, w + "s"}
    return {w, w + "a", w + "es", w + "as"}  # español, española, españoles, españolas


def pt_adj(w: str) -> set[str]:
    if w.endswith("ão"):  # alemão, alemã, alemães
        s = w[:-2]
        return {w, s + "ã", s + "ãs", s + "ães", s + "ãos"}
    if w.endswith("o"):
        return {w, w[:-1] + "a", w + "s", w[:-1] + "as"}
    if w.endswith("ês"):
        s = w[:-2] + "es"
        return {w, s + "a", s + "es", s + "as"}
    if w.endswith(("e", "a")):  # canadense, saudita, vietnamita
        return {w, w + "s"}
    return {w, w + "a", w + "s", w + "as"}


def fr_adj(w: str) -> set[str]:
    for end, fem in (("ien", "ienne"), ("éen", "éenne")):
        if w.endswith(end):
            return {w, w[: -len(end)] + fem, w + "s", w[: -len(end)] + fem + "s"}
    if w.endswith(("ais", "ois")):
        return {w, w + "e", w + "es"}
    if w.endswith("c"):  # turc, turque
        return {w, w[:-1] + "que", w + "s", w[:-1] + "ques"}
    if w.endswith("e"):
        return {w, w + "s"}
    return {w, w + "e", w + "s", w + "es"}  # allemand, américain, marocain, espagnol, chinois (above)


def it_adj(w: str) -> set[str]:
    if w.endswith("ico"):  # britannico, britannici
        return {w, w[:-1] + "a", w[:-1] + "i", w[:-1] + "he"}
    if w.endswith(("co", "go")):  # tedesco, tedeschi; turco, turchi
        return {w, w[:-1] + "a", w[:-1] + "hi", w[:-1] + "he"}
    if w.endswith("a"):  # saudita, sauditi, saudite
        return {w, w[:-1] + "i", w[:-1] + "e"}
    if w.endswith("o"):
        return {w, w[:-1] + "a", w[:-1] + "i", w[:-1] + "e"}
    if w.endswith("e"):
        return {w, w[:-1] + "i"}
    return {w}


def ar_nisba(w: str) -> set[str]:
    """An Arabic nisba adjective (صيني) in both genders and the plurals, with and without the article."""
    if not w.endswith("ي"):
        raise ValueError(f"ar-nisba: {w!r} does not end in ي")
    forms = {w, w[:-1] + "ية", w + "ون", w + "ين", w[:-1] + "يات"}
    return forms | {"ال" + f for f in forms}


INFLECT = {"": lambda w: {w}, "ru-noun": ru_noun, "ru-adj": ru_adj, "de-gen": de_gen, "de-adj": de_adj,
           "es-adj": es_adj, "pt-adj": pt_adj, "fr-adj": fr_adj, "it-adj": it_adj, "ar-nisba": ar_nisba}
# What CLDR's base forms get in each language (names and capitals).
NAME_INFLECT = {"ru": "ru-noun", "de": "de-gen"}


# --- sources --------------------------------------------------------------------------------------

def _iso3_codes() -> set[str]:
    with open(DATA_DIR / "countries.tsv", encoding="utf-8") as fh:
        return {line.split("\t")[0] for line in fh.read().splitlines()[1:] if line.strip()}


def _capitals() -> dict[str, str]:
    with open(DATA_DIR / "countries.tsv", encoding="utf-8") as fh:
        rows = [line.split("\t") for line in fh.read().splitlines()[1:] if line.strip()]
    return {r[0]: r[2] for r in rows if r[2]}


def _alpha2_to_iso3(known: set[str]) -> dict[str, str]:
    from babel.core import get_global

    out = {"XK": "XKX"}  # Kosovo: a user-assigned code in both systems
    for alpha3, targets in sorted(get_global("territory_aliases").items()):
        if len(alpha3) == 3 and alpha3.isalpha() and alpha3 in known and len(targets) == 1:
            out[targets[0]] = alpha3
    return out


def _name_forms(name: str) -> set[str]:
    """CLDR's display name and the shorter forms news writes: without a bracketed gloss
    ("Myanmar (Birmanie)" -> "Myanmar"), before a comma ("Hong Kong, RAE da China" -> "Hong Kong"),
    and "Congo - Kinshasa" as "Congo-Kinshasa"."""
    name = name.replace("’", "'").strip()
    out = {name}
    base = re.sub(r"\s*\([^)]*\)\s*", " ", name).strip()
    base = re.sub(r"\s*（[^）]*）\s*", "", base).strip()
    if base:
        out.add(base)
    if ", " in base:
        out.add(base.split(", ")[0])
    out |= {o.replace(" - ", "-") for o in out}
    return {o for o in out if o}


def cldr_rows(known: set[str]) -> list[tuple[str, str, str, str, str]]:
    from babel.core import Locale, get_global

    a2 = _alpha2_to_iso3(known)
    capitals = {iso3: _fold(c) for iso3, c in _capitals().items()}
    en_zones = Locale.parse("en").time_zones
    capital_zones = {}  # zone -> iso3, where the zone's city is the country's capital
    for zone, terr in sorted(get_global("zone_territories").items()):
        iso3 = a2.get(terr)
        city = (en_zones.get(zone) or {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if iso3 and capitals.get(iso3) == _fold(city):
            capital_zones[zone] = iso3
    rows = []
    for lang, locales in LOCALES.items():
        rule = INFLECT[NAME_INFLECT.get(lang, "")]
        for loc in locales:
            locale = Locale.parse(loc)
            for code, name in sorted(locale.territories.items()):
                iso3 = a2.get(code)
                if iso3 is None:
                    continue
                for form in sorted(_name_forms(name)):
                    for text in sorted(rule(form)):
                        rows.append((lang, text, iso3, "name", "cldr" if text == form else f"cldr+{NAME_INFLECT[lang]}"))
            zones = locale.time_zones
            for zone, iso3 in sorted(capital_zones.items()):
                city = (zones.get(zone) or {}).get("city")
                if not city and lang in LATIN:
                    # no translation: CLDR's own fallback is the zone's city as in the zone ID ("Paris")
                    city = zone.rsplit("/", 1)[-1].replace("_", " ")
                if not city:
                    continue
                city = city.replace("’", "'")
                for text in sorted(rule(city)):
                    rows.append((lang, text, iso3, "capital",
                                 "cldr-tz" if text == city else f"cldr-tz+{NAME_INFLECT[lang]}"))
    return rows


def _read_tsv(path: Path, header: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    if not body or tuple(body[0][1].split("\t")) != header:
        raise ValueError(f"{path.name}: the first row must be the header {' '.join(header)}")
    out = []
    for lineno, line in body[1:]:
        cells = line.split("\t")
        if len(cells) < len(header) - 1 or len(cells) > len(header):
            raise ValueError(f"{path.name}:{lineno}: {len(cells)} columns, expected {len(header)}")
        out.append((lineno, (cells + [""])[: len(header)]))
    return out


CURATED_HEADER = ("lang", "iso3", "how", "inflect", "forms", "note")
BLOCKED_HEADER = ("lang", "text", "why")


def curated_rows(known: set[str]) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for lineno, (lang, iso3, how, inflect, forms, _note) in _read_tsv(CURATED, CURATED_HEADER):
        where = f"{CURATED.name}:{lineno}"
        if lang not in LOCALES or iso3 not in known or how not in HOWS or inflect not in INFLECT:
            raise ValueError(f"{where}: bad lang/iso3/how/inflect {lang!r} {iso3!r} {how!r} {inflect!r}")
        for form in forms.split("|"):
            form = form.strip().replace("’", "'")
            if not form:
                raise ValueError(f"{where}: empty form")
            for text in sorted(INFLECT[inflect](form)):
                rows.append((lang, text, iso3, how, "curated"))
    return rows


def blocked() -> set[tuple[str, str]]:
    out = set()
    for lineno, (lang, text, _why) in _read_tsv(BLOCKED, BLOCKED_HEADER):
        if lang not in LOCALES or not text.strip():
            raise ValueError(f"{BLOCKED.name}:{lineno}: bad row")
        out.add((lang, text.replace("’", "'")))
    return out


def build() -> tuple[list[tuple[str, ...]], list[str]]:
    """The table's rows, sorted, one per (lang, text); and what was dropped as ambiguous, for the log."""
    from pipeline.gazetteer.i18n import match_key

    known = _iso3_codes()
    block = {(lang, match_key(lang, text)) for lang, text in blocked()}
    by_text: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for row in curated_rows(known) + cldr_rows(known):
        lang, text = row[0], row[1]
        key = (lang, match_key(lang, text))  # compared as the matcher compares: "عُمان" is "عمان"
        if key in block or len(text) < 2 and lang not in ("zh", "ja"):
            continue
        by_text.setdefault(key, []).append(row)
    out, dropped = [], []
    for key in sorted(by_text):
        cands = by_text[key]
        best = min(_RANK[c[4].split("+")[0]] for c in cands)
        top = [c for c in cands if _RANK[c[4].split("+")[0]] == best]
        if best == 0 and len({c[2] for c in top}) > 1:
            raise ValueError(f"{CURATED.name}: {key[1]!r} ({key[0]}) is given to {sorted({c[2] for c in top})}")
        if len({c[2] for c in top}) > 1:
            dropped.append(f"{key[0]}\t{key[1]}\t{' '.join(sorted({c[2] for c in top}))}")
            continue
        # one country: the plainest reading of it (name before capital before institution before demonym)
        out.append(min(top, key=lambda c: (HOWS.index(c[3]), c[4], c[1])))
    out.sort()
    return out, dropped


def render(rows: list[tuple[str, ...]]) -> str:
    import babel

    head = (f"# Built by pipeline/gazetteer/build_i18n.py from Babel {babel.__version__} (CLDR territory and "
            "time-zone city names, Unicode License v3) and names_i18n_curated.tsv. Do not edit: edit those.\n")
    return head + "\t".join(HEADER) + "\n" + "".join("\t".join(r) + "\n" for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed table is not what a build gives")
    args = ap.parse_args(argv)
    rows, dropped = build()
    text = render(rows)
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'up to date' if same else 'STALE: run python -m pipeline.gazetteer.build_i18n'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.name}: {len(rows)} rows; {len(dropped)} texts dropped as ambiguous", file=sys.stderr)
    for d in dropped:
        print(f"  dropped\t{d}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
