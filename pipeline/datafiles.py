"""Two helpers every data-driven stage uses: reading a validated TSV table (comments, a header that must
be the expected one, a fixed number of columns, errors that name the file and line) and compiling a set
of literal surfaces into one trie-shaped regular expression (the gazetteer, the languages, the dates)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path


def read_tsv(path: Path, header: tuple[str, ...], error: type[Exception] = ValueError,
             pad: bool = False) -> list[tuple[int, list[str]]]:
    """(line number, cells) of each row of a TSV file. '#' lines and blank lines are skipped; the first
    other line must be `header`. Every row has len(header) cells: with `pad`, missing trailing cells
    are empty strings; otherwise a short or long row is an `error` naming the file and line."""
    rows: list[tuple[int, list[str]]] = []
    seen_header = False
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if not seen_header:
                if tuple(cells) != header:
                    raise error(f"{path.name}:{n}: header must be {'<TAB>'.join(header)}, not {line[:80]!r}")
                seen_header = True
                continue
            if len(cells) > len(header) or len(cells) < len(header) and not pad:
                raise error(f"{path.name}:{n}: {len(cells)} columns, {len(header)} expected")
            rows.append((n, cells + [""] * (len(header) - len(cells))))
    if not seen_header:
        raise error(f"{path.name}: no header (an empty table)")
    return rows


def surface_char(ch: str) -> str:
    """One character of a name as news writes it: any run of whitespace for a space, either apostrophe."""
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return "['’]"
    return re.escape(ch)


def trie(surfaces: Iterable[str], end: Callable[[str], str] | None = None,
         char: Callable[[str], str] = re.escape) -> str:
    """A regex for a set of literal strings, shaped as a trie ("J(?:an|u(?:l|n))"): sre follows one
    branch per character instead of trying every string at every position. Branches come before a
    string's end, so the longest string that starts at a position wins. `end(last_char)` is what
    must follow a complete string (e.g. "(?!\\w)" after a letter); `char` writes one character."""
    root: dict = {}
    for s in surfaces:
        node = root
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, last: str) -> str:
        alts = [char(ch) + emit(child, ch) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(end(last) if end else "")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(root, "") if root else "(?!)"
