"""Country mentions in text that is not English: one compiled pass per language over the text, with the
word boundaries of each script (accented Latin and Cyrillic words, Arabic words after their clitics,
katakana runs, Han with no spaces at all). Tables load on the first article of a language.

Same guarantees as actors.find_mentions: sorted, non-overlapping, spans into the text as given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from pipeline import actors
from pipeline.datafiles import surface_char, trie
from pipeline.gazetteer import i18n
from pipeline.schema import Mention

LATIN = frozenset({"es", "fr", "de", "pt", "it", "tr"})
_KANA = "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # katakana, its small letters and the long-vowel mark
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A one-character short form (中, 美, 日, 韩) stands for its country only where the language uses it
# so: next to another one (中美, 日中韓), before the word for "side" (中方, 米側), after "visit" or
# "stationed in" (访美, 驻华大使, 訪日). 华/華 is also China after the function characters of 对华, 来华, 在华.
_SIDE = {"zh": "方", "ja": "側"}
_VISIT = {"zh": "访訪驻駐赴", "ja": "訪駐来在"}
_CHINA = "华華"
_CHINA_AFTER = "对對来來在涉援反亲親侵抵离離"
# Arabic clitics written onto the next word: و ف (and, so), then ب ك ل (in, like, to). ل before the
# article drops its alef: ل + الصين = للصين.
_AR_CLITICS = "(?:[وف]?[بكل]?)"
# Country names that are also first names: not a mention when the next word continues a person's or a
# company's name ("Israel Katz", "Chad Smith"); as in the English finder.
PERSON_RISKY = frozenset("Israel Jordan Chad Georgia Kenya Niger Panama Tonga Guinea Cuba Jersey Mali Chile "
                         "Francia Colombia".split())
_NEXT_WORD = re.compile(r"[ \t]+([A-ZÀ-ÖØ-Þ][\w'’-]*)")


@dataclass(slots=True, frozen=True)
class _Info:
    iso3: str
    how: str
    blocked: bool = False


@dataclass(slots=True)
class _Index:
    pattern: re.Pattern
    table: dict[str, _Info]
    short: frozenset[str]  # keys that are one Han character


def _upper(lang: str, text: str) -> str:
    if lang == "tr":  # Turkish dotted and dotless i: "Türkiye" -> "TÜRKİYE"
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


def _variants(lang: str, text: str, how: str) -> set[str]:
    """The spellings the text may use for one table entry: a lower-case adjective at the start of a
    sentence ("Chinesische"), a name in a capitals headline ("DIŞİŞLERİ ... TÜRKİYE")."""
    out = {text}
    if lang in LATIN or lang == "ru":
        if text[:1].islower():
            out.add(text[:1].upper() + text[1:])
        if how == "name" and sum(c.isalpha() for c in text) >= 4:
            out.add(_upper(lang, text))
    return out


def _end(last: str) -> str:
    """What may not follow a surface: a letter after a word (Иран|а is another form), a katakana after
    katakana (マリ in マリオ); nothing after Han, which has no spaces."""
    if re.match(f"[{_KANA}]", last):
        return f"(?![{_KANA}])"
    if _HAN.match(last) or not (last.isalnum() or last == "_"):
        return ""
    return r"(?!\w)"


def _trie(surfaces) -> str:
    return trie(surfaces, end=_end, char=surface_char)


@cache
def _index(lang: str) -> _Index:
    table: dict[str, _Info] = {}
    for n in i18n.names_for(lang):
        for v in _variants(lang, n.text, n.how):
            table.setdefault(i18n.match_key(lang, v), _Info(n.iso3, n.how))
    for phrase in i18n.blocked_for(lang):
        for v in _variants(lang, phrase, "name"):
            table[i18n.match_key(lang, v)] = _Info("", "", blocked=True)
    word, kana, han = [], [], []
    for key in table:
        first = key[0]
        (kana if re.match(f"[{_KANA}]", first) else han if _HAN.match(first) else word).append(key)
    parts = []
    if word:
        if lang == "ar":
            with_article = [k[1:] for k in word if k.startswith("ال")]
            parts.append(r"(?<!\w)" + _AR_CLITICS + "(?P<w>" + _trie(word) + ")")
            parts.append(r"(?<!\w)(?P<ll>[وف]?ل" + _trie(with_article) + ")")
        else:
            parts.append(r"(?<!\w)(?P<w>" + _trie(word) + ")")
    if kana:
        parts.append(f"(?<![{_KANA}])(?P<k>" + _trie(kana) + ")")
    if han:
        parts.append("(?P<h>" + _trie(han) + ")")
    short = frozenset(k for k in han if len(k) == 1)
    return _Index(re.compile("|".join(parts) if parts else "(?!)"), table, short)


def _arabic_view(text: str) -> tuple[str, list[int] | None]:
    """The text as the Arabic table is compared (letters folded one for one, vowel marks dropped) and,
    when marks were dropped, where each remaining character sits in the original."""
    folded = text.translate(i18n.AR_LETTERS)
    if not i18n.AR_MARKS.search(folded):
        return folded, None
    keep = [i for i, c in enumerate(folded) if not i18n.AR_MARKS.match(c)]
    return "".join(folded[i] for i in keep), keep


def _short_ok(text: str, lang: str, pos: int, iso3: str, shorts: dict[int, str]) -> bool:
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if shorts.get(pos - 1, iso3) != iso3 or shorts.get(pos + 1, iso3) != iso3:
        return True
    if after and after in _SIDE.get(lang, ""):
        return True
    if before and before in _VISIT.get(lang, ""):
        return True
    return bool(before) and text[pos] in _CHINA and before in _CHINA_AFTER


def _person_like(text: str, end: int, table: dict[str, _Info], lang: str) -> bool:
    nxt = _NEXT_WORD.match(text, end)
    return bool(nxt) and i18n.match_key(lang, nxt.group(1)) not in table


def find_mentions(text: str, lang: str | None, published: date | None = None) -> list[Mention]:
    """Every place `text`, written in `lang` (ISO 639-1), names a country: by name, capital, demonym or
    seat of government from names_i18n.tsv, and, in Latin-script languages, by a leader's full name
    (leaders are written the same in Spanish as in English). Sorted, non-overlapping, spans into `text`."""
    if not text:
        return []
    if lang not in i18n.LANGUAGES:
        return _english_names(text, published)
    idx = _index(lang)
    view, where = _arabic_view(text) if lang == "ar" else (text, None)
    found: list[tuple[int, int, _Info]] = []
    shorts: dict[int, str] = {}
    for m in idx.pattern.finditer(view):
        group = m.lastgroup
        s, e = m.span(group)
        key = i18n.match_key(lang, view[s:e]) if group != "ll" else None
        if group == "ll":  # للصين: the table has الصين
            core = view[s:e].lstrip("وف")[1:]
            key = "ا" + core
        info = idx.table.get(key)
        if info is None or info.blocked:
            continue
        if key in idx.short:
            shorts[s] = info.iso3
        found.append((s, e, info))
    out = []
    for s, e, info in found:
        if e - s == 1 and s in shorts and not _short_ok(view, lang, s, info.iso3, shorts):
            continue
        if lang in LATIN and info.how == "name" and view[s:e] in PERSON_RISKY and _person_like(view, e, idx.table, lang):
            continue
        if where is not None:  # back to the original offsets, with the vowel marks on the last letter
            s, e = where[s], where[e - 1] + 1
            while e < len(text) and i18n.AR_MARKS.match(text[e]):
                e += 1
        out.append(Mention(s, e, text[s:e], info.iso3, info.how))
    if lang in LATIN:
        out = _with_leaders(text, out, published)
    return out


def _with_leaders(text: str, mentions: list[Mention], published: date | None) -> list[Mention]:
    """Leaders named in full ("Luiz Inácio Lula da Silva", "Xi Jinping") from the English finder, where
    no table mention overlaps them; a bare surname needs English context to resolve, so not those."""
    leaders = [m for m in actors.find_mentions(text, published) if m.how == "leader" and " " in m.text.strip()]
    if not leaders:
        return mentions
    kept = [m for m in leaders if not any(m.start < o.end and o.start < m.end for o in mentions)]
    return sorted(mentions + kept, key=lambda m: m.start)


def _english_names(text: str, published: date | None) -> list[Mention]:
    """A language without a table (Dutch, Indonesian, Polish ...): in Latin script it still writes many
    country names and every leader's name as English does ("Iran", "China", "Vladimir Putin"), so the
    English finder's names, capitals, institutions and full leader names are kept; its demonyms and bare
    surnames are English words and are not. Nothing for other scripts."""
    letters = [c for c in text[:2000] if c.isalpha()]
    if not letters or sum(c.isascii() for c in letters) < 0.8 * len(letters):
        return []
    return [m for m in actors.find_mentions(text, published)
            if m.how in ("name", "capital", "institution") or (m.how == "leader" and " " in m.text.strip())]
