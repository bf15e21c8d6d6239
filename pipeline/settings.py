"""Every setting Dyad reads from the environment, in one table (name, default, meaning), read in one place.

Values are read when asked for, not at import, so a test or a command can set one and the next call
sees it; a value that cannot be used is a one-line error (E004) naming the setting, never a traceback.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from pipeline import errors


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    kind: type  # str, int, float or bool
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    Setting("DYAD_STORE", "data/store", str,
            "store directory the commands and the dashboard use when no --store is given"),
    Setting("DYAD_ARTICLE_SECONDS", "30", float,
            "per-article time limit of the extractor; an article over it is quarantined (0 = no limit)"),
    Setting("DYAD_MAX_CHARS", "2000000", int,
            "largest article text accepted, in characters; longer ones are quarantined"),
    Setting("DYAD_REFRESH_SECONDS", "10", float,
            "the dashboard adopts a newer store version at most this often (0 = at once)"),
    Setting("DYAD_OFFLINE", "0", bool,
            "1 = never use the network (extract --geocode skips its look-ups with one note)"),
    Setting("DYAD_KEEP_DAYS", "90", float,
            "an older store version stays readable this many days after a newer one replaced it, so a "
            "link keeps its numbers; parts only such versions need are removed after that"),
    Setting("DYAD_PUBLIC_URL", "", str,
            "the address people open the dashboard at, base path included (`https://dyad.example.org/dyad`); "
            "every \"Link to this view\" starts with it (empty = the address the browser used)"),
    Setting("DYAD_SIGN_IN", "0", bool,
            "1 = only people signed in through OpenID Connect (`[auth]` in the secrets file) and on "
            "DYAD_ALLOWED_USERS see data; `make serve` sets it"),
    Setting("DYAD_ALLOWED_USERS", "", str,
            "who may see data when signing in is on: comma-separated e-mail addresses and `@domain`s "
            "(`ana@example.org,@example.org`); `*` = anyone the provider signs in; empty = nobody"),
    Setting("DYAD_SERVE_ADDRESS", "127.0.0.1", str,
            "`make serve`: the address to listen on (`0.0.0.0` = every interface; keep 127.0.0.1 behind a proxy)"),
    Setting("DYAD_SERVE_PORT", "8501", int, "`make serve`: the port to listen on"),
    Setting("DYAD_SECRETS", ".streamlit/secrets.toml", str,
            "`make serve`: the secrets file with the `[auth]` section (keep it out of git)"),
)
_BY_NAME = {s.name: s for s in SETTINGS}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def parse(setting: Setting, raw: str):
    """The typed value of one setting from its text; ValueError when it cannot be one."""
    raw = raw.strip()
    if setting.kind is bool:
        low = raw.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError("expected 0 or 1")
    if setting.kind is int:
        value = int(raw.replace("_", ""))
    elif setting.kind is float:
        value = float(raw)
    else:
        return raw
    if value < 0:
        raise ValueError("must not be negative")
    return value


def get(name: str):
    """The current value of a setting: the environment's, else the table's default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(name)
    if raw is None or (raw.strip() == "" and setting.kind is not bool):
        raw = setting.default
    try:
        return parse(setting, raw)
    except ValueError as err:
        raise errors.bad_setting(name, raw, str(err)) from None


def table_markdown() -> str:
    """The settings as a Markdown table (the README lists them; a test keeps the two equal)."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {f'`{s.default}`' if s.default else '(empty)'} | {s.meaning} |" for s in SETTINGS]
    return "\n".join(rows)
