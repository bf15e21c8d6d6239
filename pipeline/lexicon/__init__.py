"""The word lists the extractors read, as validated data: PLOVER trigger patterns (triggers.tsv),
closed word classes (words.tsv), verb inflections (inflections.tsv) and context words (contexts.tsv).

Each table is read once, on first use, and checked: a bad row is an error naming its file and line
(a pattern defined twice, an unknown PLOVER root or flag, a word group that does not exist)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.datafiles import read_tsv
from pipeline.schema import PLOVER_TYPES

DATA_DIR = Path(__file__).resolve().parent
FLAGS = frozenset("sgrnwpxkc")  # see the header of triggers.tsv


class LexiconError(ValueError):
    """A lexicon table that cannot be used: the message names the file and line."""


@dataclass(frozen=True, slots=True)
class TriggerRow:
    pattern: str
    root: str
    mode: str | None
    context: tuple[str, ...]
    flags: str
    line: int


def read_table(name: str, columns: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    """(line number, fields) of a table in this folder (pipeline.datafiles.read_tsv; trailing fields may be empty)."""
    return read_tsv(DATA_DIR / name, columns, LexiconError, pad=True)


@lru_cache(maxsize=1)
def word_classes() -> dict[str, tuple[str, ...]]:
    """class -> its entries in table order (words.tsv)."""
    out: dict[str, list[str]] = {}
    seen: dict[tuple[str, str], int] = {}
    for lineno, (cls, entry) in read_table("words.tsv", ("class", "entry")):
        if not cls or not entry or entry != entry.strip():
            raise LexiconError(f"words.tsv:{lineno}: empty class or entry, or stray spaces")
        if (cls, entry) in seen:
            raise LexiconError(f"words.tsv:{lineno}: {entry!r} is in {cls} already (line {seen[cls, entry]})")
        seen[cls, entry] = lineno
        out.setdefault(cls, []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


def words(cls: str) -> frozenset[str]:
    """The entries of one word class; an unknown class is an error (a typo must not give an empty list)."""
    classes = word_classes()
    if cls not in classes:
        raise LexiconError(f"words.tsv has no class {cls!r}")
    return frozenset(classes[cls])


def _check_pattern(pattern: str, lineno: int) -> None:
    classes = word_classes()
    parts = pattern.split(" ")
    if not pattern or pattern != pattern.strip() or "" in parts:
        raise LexiconError(f"triggers.tsv:{lineno}: empty pattern or stray spaces in {pattern!r}")
    if parts[0] == "*" or parts[-1] == "*":
        raise LexiconError(f"triggers.tsv:{lineno}: a pattern cannot start or end with '*': {pattern!r}")
    for part in parts:
        for alt in part.split("|"):
            if not alt or alt.startswith("@") and alt[1:] not in classes:
                raise LexiconError(f"triggers.tsv:{lineno}: unknown word group or empty alternative in {pattern!r}")


@lru_cache(maxsize=1)
def triggers() -> tuple[TriggerRow, ...]:
    """Every trigger pattern, in table order (which breaks ties between equally long matches)."""
    out: list[TriggerRow] = []
    first: dict[str, int] = {}
    for lineno, (pattern, root, mode, context, flags) in read_table(
            "triggers.tsv", ("pattern", "root", "mode", "context", "flags")):
        _check_pattern(pattern, lineno)
        if pattern in first:
            raise LexiconError(f"triggers.tsv:{lineno}: pattern {pattern!r} is defined twice "
                               f"(first at line {first[pattern]}); keep one row")
        first[pattern] = lineno
        if root not in PLOVER_TYPES:
            raise LexiconError(f"triggers.tsv:{lineno}: {root!r} is not a PLOVER root")
        if set(flags) - FLAGS:
            raise LexiconError(f"triggers.tsv:{lineno}: unknown flags {''.join(sorted(set(flags) - FLAGS))!r}")
        ctx = tuple(c for c in context.split(",") if c)
        out.append(TriggerRow(pattern, root, mode or None, ctx, flags, lineno))
    return tuple(out)


@lru_cache(maxsize=1)
def inflections() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """(irregular verb -> its forms, verbs that double their last consonant)."""
    irregular: dict[str, tuple[str, ...]] = {}
    doubles: set[str] = set()
    for lineno, (kind, verb, forms) in read_table("inflections.tsv", ("kind", "verb", "forms")):
        if kind == "irregular" and verb and forms:
            if verb in irregular:
                raise LexiconError(f"inflections.tsv:{lineno}: {verb!r} listed twice")
            irregular[verb] = tuple(f for f in forms.split(",") if f)
        elif kind == "doubles" and verb and not forms:
            doubles.add(verb)
        else:
            raise LexiconError(f"inflections.tsv:{lineno}: expected 'irregular VERB FORMS' or 'doubles VERB'")
    return irregular, frozenset(doubles)


@lru_cache(maxsize=1)
def context_words() -> dict[str, str]:
    out: dict[str, str] = {}
    for lineno, (word, context) in read_table("contexts.tsv", ("word", "context")):
        if not word or not context or word in out:
            raise LexiconError(f"contexts.tsv:{lineno}: empty or repeated word {word!r}")
        out[word] = context
    return out
