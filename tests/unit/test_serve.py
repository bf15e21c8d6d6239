"""`make serve` checks the settings and the secrets file before it starts anything, one line per
problem, and never puts a secret on the command line."""
from __future__ import annotations

import pytest

from dashboard.serve import command
from pipeline.errors import DyadError

GOOD = """[auth]
redirect_uri = "https://example.org/dyad/oauth2callback"
cookie_secret = "0123456789abcdef0123456789abcdef-cookie"
client_id = "dyad"
client_secret = "the-client-secret-value"
server_metadata_url = "https://idp.example.org/.well-known/openid-configuration"
"""


@pytest.fixture()
def env(monkeypatch, tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(GOOD, "utf-8")
    monkeypatch.setenv("DYAD_SECRETS", str(path))
    monkeypatch.setenv("DYAD_ALLOWED_USERS", "@example.org")
    monkeypatch.setenv("DYAD_PUBLIC_URL", "https://example.org/dyad")
    monkeypatch.setenv("DYAD_SERVE_PORT", "8600")
    return path


def _arg(cmd: list[str], flag: str) -> str:
    return cmd[cmd.index(flag) + 1]


def test_the_command_has_the_address_port_base_path_and_no_secret(env):
    cmd = command()
    assert _arg(cmd, "--server.port") == "8600" and _arg(cmd, "--server.address") == "127.0.0.1"
    assert _arg(cmd, "--server.baseUrlPath") == "dyad" and _arg(cmd, "--secrets.files") == str(env)
    assert _arg(cmd, "--server.enableAgentApi") == "false" and _arg(cmd, "--server.enableXsrfProtection") == "true"
    assert not any("the-client-secret-value" in a or "cookie" in a.lower() for a in cmd)


@pytest.mark.parametrize("change, words", [
    (lambda p, mp: p.unlink(), "does not exist"),
    (lambda p, mp: p.write_text("[auth\n", "utf-8"), "not readable TOML"),
    (lambda p, mp: p.write_text(GOOD.replace("client_id", "x_id"), "utf-8"), "names no provider"),
    (lambda p, mp: p.write_text(GOOD.replace("0123456789abcdef0123456789abcdef-", ""), "utf-8"), "shorter than 32"),
    (lambda p, mp: p.write_text(GOOD.replace("dyad", "REPLACE"), "utf-8"), "placeholders"),
    (lambda p, mp: mp.setenv("DYAD_PUBLIC_URL", "https://other.example.org"), "redirect_uri must be"),
    (lambda p, mp: mp.setenv("DYAD_ALLOWED_USERS", " "), "nobody could see data"),
    (lambda p, mp: mp.setenv("DYAD_PUBLIC_URL", "example.org/dyad"), "expected http(s)"),
])
def test_each_problem_is_one_line_before_anything_starts(env, monkeypatch, change, words):
    change(env, monkeypatch)
    with pytest.raises(DyadError) as err:
        command()
    assert words in str(err.value) and "\n" not in str(err.value)
    assert "the-client-secret-value" not in str(err.value)
