"""The record types Dyad reads and writes: one place for the PLOVER vocabulary and the record fields.

The dashboard imports this module too; nothing here does I/O.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

EXTRACTOR_VERSION = "0.1.0"

# PLOVER roots in the order of their quad classes (Halterman et al., PLOVER codebook).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",          # verbal cooperation
    "COOPERATE", "AID", "RETREAT",                     # material cooperation
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",         # verbal conflict
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",  # material conflict
)
QUAD_CLASS: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}
# +1 cooperation, -1 conflict: what the map's "net cooperation" sums.
COOPERATION_SIGN: dict[str, int] = {t: (1 if QUAD_CLASS[t].endswith("cooperation") else -1) for t in PLOVER_TYPES}

STATUSES: tuple[str, ...] = ("occurred", "planned", "ongoing", "negated", "hypothetical")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "decade", "vague")
RECORD_KINDS: tuple[str, ...] = ("event", "figure")
FIGURE_INDICATORS: tuple[str, ...] = (
    "trade_share", "export_share", "import_share",
    "trade_value", "export_value", "import_value",
    "trade_partner_rank", "export_partner_rank", "import_partner_rank",
    "trade_balance",
)

# The fields of a record, in output order (docs/contract.md); extra fields may follow.
RECORD_FIELDS: tuple[str, ...] = (
    "record_id", "article_id", "kind", "source", "target", "source_text", "target_text",
    "event_type", "mode", "context", "status",
    "indicator", "value", "unit", "approximate", "period",
    "date_start", "date_end", "date_text", "date_precision",
    "evidence", "sentence_index", "char_start", "char_end", "confidence",
)


@dataclass(slots=True)
class Article:
    """One news article as the pipeline sees it, after ingest and cleaning."""
    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    origin: str | None = None  # where it was read from: "path" or "path:line"
    extra: dict = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Mention:
    """A place in a text that names a country, by whatever means (name, capital, leader ...)."""
    start: int
    end: int
    text: str
    country: str
    how: str  # name | capital | demonym | leader | institution | person | alias ...
    # Whether the words act for the state (a ministry, an official in office, the army) or not (a city,
    # a party in opposition, rebels, a former leader); None when the words do not say.
    state_actor: bool | None = None


def record_id(article_id: str, kind: str, sentence_index: int, source: str, target: str,
              label: str, char_start: int) -> str:
    """A stable id: the same article processed twice gives the same ids."""
    key = "\x1f".join((article_id, kind, str(sentence_index), source, target, label, str(char_start)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def empty_record() -> dict:
    return dict.fromkeys(RECORD_FIELDS)
