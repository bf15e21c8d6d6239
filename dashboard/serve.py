"""`make serve`: the dashboard for a team, on a chosen address and port, with sign-in on. Checks the
settings and the secrets file first (one line each when something is wrong), then runs Streamlit.

    python -m dashboard.serve [--check]      # --check: only check, print what would run

Secrets stay in the secrets file: the command line (visible to every user of the machine) names only
its path. TLS is the reverse proxy's job (README, "Serving Dyad to your team").
"""
from __future__ import annotations

import os
import shutil
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from pipeline import errors, settings

ROOT = Path(__file__).resolve().parents[1]
MIN_COOKIE_SECRET = 32


def check_secrets(path: Path, public_url: str) -> str | None:
    """What is wrong with the secrets file for signing in, or None. Never quotes a value."""
    if not path.is_file():
        return f"{path} does not exist (copy .streamlit/secrets.example.toml and fill it in)"
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        return f"{path} is not readable TOML ({type(err).__name__})"
    from dashboard.auth import auth_problem

    problem = auth_problem(data)
    if problem:
        return f"{path}: {problem}"
    auth = data["auth"]
    if "REPLACE" in path.read_text("utf-8"):
        return f"{path} still holds the example's REPLACE placeholders"
    if len(str(auth["cookie_secret"])) < MIN_COOKIE_SECRET:
        return f"{path}: cookie_secret is shorter than {MIN_COOKIE_SECRET} characters (make one with " \
               "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
    redirect = str(auth["redirect_uri"])
    if public_url and redirect.rstrip("/") != public_url.rstrip("/") + "/oauth2callback":
        return f"{path}: redirect_uri must be DYAD_PUBLIC_URL + /oauth2callback ({public_url}/oauth2callback)"
    return None


def command(env: dict[str, str] | None = None) -> list[str]:
    """The streamlit command line for serving with sign-in, from the settings (raises DyadError)."""
    from dashboard.state import public_base

    if env is not None:
        os.environ.update(env)
    public = settings.get("DYAD_PUBLIC_URL")
    public = public_base(public) if public.strip() else ""
    secrets = Path(settings.get("DYAD_SECRETS"))
    secrets = secrets if secrets.is_absolute() else ROOT / secrets
    problem = check_secrets(secrets, public)
    if problem:
        raise errors.bad_setting("DYAD_SECRETS", str(secrets), problem)
    if not settings.get("DYAD_ALLOWED_USERS").strip():
        raise errors.bad_setting("DYAD_ALLOWED_USERS", "", "empty: nobody could see data; list e-mail "
                                 "addresses and @domains, or * for anyone your provider signs in")
    base_path = urlsplit(public).path.strip("/") if public else ""
    streamlit = Path(sys.executable).with_name("streamlit")
    return [str(streamlit) if streamlit.exists() else (shutil.which("streamlit") or "streamlit"),
            "run", str(ROOT / "dashboard" / "app.py"),
            "--server.address", settings.get("DYAD_SERVE_ADDRESS"),
            "--server.port", str(settings.get("DYAD_SERVE_PORT")),
            "--server.baseUrlPath", base_path,
            "--server.headless", "true",
            "--server.enableXsrfProtection", "true",
            "--server.enableAgentApi", "false",      # no HTTP side door into the app
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
            "--secrets.files", str(secrets)]


def main(argv: list[str]) -> int:
    try:
        cmd = command()
    except errors.DyadError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    os.environ["DYAD_SIGN_IN"] = "1"
    if not settings.get("DYAD_PUBLIC_URL").strip():
        print("note: DYAD_PUBLIC_URL is not set; links use the address each browser used", file=sys.stderr)
    if "--check" in argv:
        print(" ".join(cmd))
        return 0
    os.chdir(ROOT)                                   # .streamlit/config.toml: static serving, no usage stats
    os.execv(cmd[0], cmd)                            # Streamlit replaces this process (same pid for the service)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
