"""The one settings table: read when used, bad values are one-line errors, and the README lists it."""
from __future__ import annotations

import pytest

from pipeline import settings
from pipeline.errors import DyadError
from tests.conftest import ROOT


def test_values_are_read_when_asked_for(monkeypatch):
    monkeypatch.delenv("DYAD_ARTICLE_SECONDS", raising=False)
    assert settings.get("DYAD_ARTICLE_SECONDS") == 30.0
    monkeypatch.setenv("DYAD_ARTICLE_SECONDS", "2.5")
    assert settings.get("DYAD_ARTICLE_SECONDS") == 2.5
    monkeypatch.setenv("DYAD_OFFLINE", "yes")
    assert settings.get("DYAD_OFFLINE") is True
    monkeypatch.setenv("DYAD_MAX_CHARS", "1_000")
    assert settings.get("DYAD_MAX_CHARS") == 1000


@pytest.mark.parametrize("name, raw", [("DYAD_ARTICLE_SECONDS", "soon"), ("DYAD_MAX_CHARS", "-5"),
                                       ("DYAD_OFFLINE", "maybe"), ("DYAD_MAX_CHARS", "2.5")])
def test_a_bad_value_is_a_one_line_error_naming_the_setting(monkeypatch, name, raw):
    monkeypatch.setenv(name, raw)
    with pytest.raises(DyadError) as err:
        settings.get(name)
    assert err.value.code == "E004" and name in str(err.value) and "\n" not in str(err.value)


def test_the_readme_lists_exactly_the_settings_table():
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("<!-- settings-table -->\n", 1)[1].split("\n<!-- /settings-table -->", 1)[0]
    assert block == settings.table_markdown()
