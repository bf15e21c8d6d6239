"""Article text -> the sentences worth reading, each with its character span in the text.

Page boilerplate (captions with photo credits, bylines, "You may be interested in", lone "/") is
skipped rather than deleted, so every span still points into the article text exactly as stored."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Lines that are never article prose. Matched against a stripped line.
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        [\W_]{0,3}                                   # "/", "*", "---", empty
      | (?:you\ may\ (?:also\ )?be\ interested\ in|read\ more|related(?:\ (?:articles?|stories|coverage))?
          |more\ from\ \w+|recommended(?:\ for\ you)?|advertisement|sponsored(?:\ content)?|share\ this(?:\ article)?
          |follow\ us\b.*|sign\ up\b.*|subscribe\b.*|click\ here\b.*|watch:.*|listen:.*|trending(?:\ now)?
          |source:\ *[\w .&-]{1,40}|for\ all\ the\ latest\b.*|last\ update(?:d)?:.*)\W*
      | by\ [A-Z][\w.'-]+(?:\ [A-Z][\w.'-]+){0,3}(?:(?:,|\ and)\ [A-Z][\w.'-]+(?:\ [A-Z][\w.'-]+){0,3}){0,4}\W*
      | this\ (?:article|story|report)\ was\ (?:produced|written|prepared|first\ published)\b.*
      | (?:it\ )?has\ not\ been\ edited\ by\b.*
      | \(?(?:reporting|writing|additional\ reporting|editing)\ by\b.*
      | (?:photo|image|file\ photo|caption)\s*:.*
      | [^.!?]{5,160}(?:\.\.\.|…)                    # a truncated headline: a link to another story
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# "REUTERS/Kim Hong-Ji/File Photo", "(Photo by X/AFP via Getty Images)": a picture's caption line.
_PHOTO_CREDIT = re.compile(
    r"(?:\b[A-Z]{2,}/[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)*(?:/File Photo)?\s*$|\bGetty Images\b|\(Photo(?:graph)? by\b"
    r"|\bFile Photo\s*$|\bAP Photo/)"
)
_TERMINAL = re.compile(r"[.!?\"'\u201d\u2019)]\s*$")
_LINKS_MARKER = re.compile(r"(?i)^(?:read\s+more|related(?:\s+(?:articles?|stories|news|coverage|posts?|reading))?|"
                           r"also\s+read|read\s+also|see\s+also|more\s+on\s+this(?:\s+story)?|you\s+might\s+also\s+like|"
                           r"more\s+stories|latest\s+news|recommended(?:\s+stories)?|top\s+stories|trending(?:\s+now)?)\s*:?\s*$")

# Sentence boundary candidates: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt gov sen rep rev st mt ft jr sr sens reps hon h.e amb
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd plc bros no nos vs etc al approx dept est fig vol pp ed eds min max
    u.s u.k u.n e.u u.s.a u.a.e e.g i.e a.m p.m d.c n.y l.a s.a n.v a.g g.m.b.h ph.d""".split()
)
# Words that start a new sentence even right after "U.S." or another abbreviation-like token.
_SENTENCE_STARTERS = frozenset(
    """The A An It He She They We I In On At But And Yet So This That These Those There Its His Her
    Their Our Meanwhile However Officials Last Earlier Later Analysts Mr Mrs Ms""".split()
)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    heading: bool  # a title or sub-heading line: mentions count, but no records come from it


def _is_caption(line: str) -> bool:
    return bool(_PHOTO_CREDIT.search(line))


def content_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the text that are article prose, in order: boilerplate lines are left out.

    A block is a paragraph; in hard-wrapped text (newswire) lines inside a paragraph are joined."""
    lines = []  # (start, end, stripped)
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append((pos, pos + len(body), body))
        pos += len(raw)
    if not lines:
        return []
    wrapped = _looks_hard_wrapped(lines)
    keep = [True] * len(lines)
    for i, (_, _, body) in enumerate(lines):
        s = body.strip()
        if _BOILERPLATE_LINE.match(s) or _is_caption(s):
            keep[i] = False
            # A caption's own title sits on the line before it, unpunctuated: an image headline.
            if _is_caption(s) and i > 0:
                j = i - 1
                while j > 0 and not lines[j][2].strip():
                    j -= 1
                prev = lines[j][2].strip()
                if prev and not _TERMINAL.search(prev) and j > 0:
                    keep[j] = False
    # A trailing run of "You may be interested in" / link lists: cut everything after the marker.
    for i, (_, _, body) in enumerate(lines):
        if re.match(r"^\s*you may (?:also )?be interested in\b", body, re.I):
            for k in range(i, len(lines)):
                keep[k] = False
            break
    # "Read more:" / "Related:" followed by headlines: the links are other stories, not this one's text.
    # Skip the headline-like lines after the marker until prose (a line with terminal punctuation) resumes.
    for i, (_, _, body) in enumerate(lines):
        if not _LINKS_MARKER.match(body.strip()):
            continue
        for k in range(i + 1, len(lines)):
            line = lines[k][2].strip()
            if not line:
                continue
            if _TERMINAL.search(line) and len(line) > 60:
                break
            keep[k] = False

    blocks: list[tuple[int, int]] = []
    cur: list[int] | None = None
    for i, (start, _end, body) in enumerate(lines):
        s = body.strip()
        if not keep[i] or not s:
            cur = None
            continue
        # A new paragraph: after a blank/skipped line, an indented newswire line, or (in
        # unwrapped text) any new line.
        new_para = cur is None or not wrapped or body[:1].isspace()
        if new_para:
            lead = len(body) - len(body.lstrip())
            cur = [start + lead, start + len(body.rstrip())]
            blocks.append(cur)  # type: ignore[arg-type]
        else:
            cur[1] = start + len(body.rstrip())
    return [(a, b) for a, b in blocks]


def _looks_hard_wrapped(lines: list[tuple[int, int, str]]) -> bool:
    """Newswire text wraps prose at ~70 columns with single newlines; web text does not."""
    lengths = [len(b) for _, _, b in lines if b.strip()]
    if len(lengths) < 4:
        return False
    lengths.sort()
    median = lengths[len(lengths) // 2]
    continued = sum(1 for _, _, b in lines if b.strip() and b[:1].islower()) + sum(
        1 for _, _, b in lines if b.strip() and not _TERMINAL.search(b))
    return median <= 90 and continued >= len(lengths) // 3


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        if cut >= end:
            break
        if text[m.start()] == "." and m.end() - m.start() == 1 or text[m.start():m.end()].startswith("."):
            # The token the period ends: an abbreviation or an initial does not end a sentence,
            # unless what follows is plainly a sentence start ("... the U.S. The talks ...").
            k = m.start()
            w = k
            while w > s and not text[w - 1].isspace() and text[w - 1] not in "(\"'\u201c":
                w -= 1
            token = text[w:k].lower().strip("(\"'\u201c")
            nxt = re.match(r"\s+[\"'\u201c\u2018(\[]?([A-Za-z]+)", text[cut:end])
            next_word = nxt.group(1) if nxt else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
                if not (token in {"u.s", "u.k", "u.n", "e.u", "u.a.e", "etc", "inc", "corp", "co", "ltd", "plc", "d.c"}
                        and next_word in _SENTENCE_STARTERS):
                    continue
        seg_start = s
        while seg_start < cut and text[seg_start].isspace():
            seg_start += 1
        if seg_start < cut:
            spans.append((seg_start, cut))
        s = cut
    while s < end and text[s].isspace():
        s += 1
    if s < end:
        spans.append((s, end))
    return spans


_LOWER = re.compile(r"[a-z]")
_UPPER = re.compile(r"[A-Z]")


def _is_heading(sentence: str) -> bool:
    """An all-caps line (a sub-heading or wire headline): no prose to read records from."""
    if len(sentence) > 300:
        return False
    upper = len(_UPPER.findall(sentence))
    return upper >= 8 and upper > 6 * len(_LOWER.findall(sentence))


def sentences(text: str) -> list[Sentence]:
    """The article's sentences, in order, with spans into `text` (boilerplate skipped).

    The first block of a text that opens with an unpunctuated line is the headline: kept and
    read for records (it states the news), but an all-caps line is treated as a heading."""
    out: list[Sentence] = []
    for b_start, b_end in content_blocks(text):
        for s, e in _split_block(text, b_start, b_end):
            chunk = text[s:e]
            out.append(Sentence(len(out), s, e, chunk, _is_heading(chunk)))
    return out
