"""What the sign-in tests and the load benchmark need: a real OpenID Connect provider on 127.0.0.1
(oidc-provider-mock from PyPI, started as a process of its own), a secrets file pointing at it, Dyad
served through `python -m dashboard.serve` (sign-in on), and a browser that signs in through it."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.browser_kit import ROOT, free_port, stop_dashboard

# Distinctive on purpose: a test searches pages, URLs, websocket frames and logs for them.
CLIENT_SECRET = "dyad-test-client-secret-7f3a9c1e5b"
COOKIE_SECRET = "dyad-test-cookie-secret-0d4e8b2a6c91f7e3a5b8c2d4"
TIMEOUT_MS = 120_000


def _wait_http(url: str, proc: subprocess.Popen, timeout: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text("utf-8", errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{what} exited ({proc.returncode}): {tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{what} did not answer within {timeout:g} s")


@contextmanager
def oidc_provider(tmp: Path):
    """The mock provider on a free loopback port; yields its issuer URL. Any client id and secret is
    accepted; the person signs in by typing an e-mail address into its form."""
    port = free_port()
    log = tmp / "oidc.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port",
                                 str(port)], stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    issuer = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{issuer}/.well-known/openid-configuration", proc, 60, "oidc-provider-mock", log)
        yield issuer
    finally:
        stop_dashboard(proc)  # the process we started, by its handle


def write_secrets(path: Path, public_url: str, issuer: str) -> Path:
    path.write_text(f"""[auth]
redirect_uri = "{public_url}/oauth2callback"
cookie_secret = "{COOKIE_SECRET}"
client_id = "dyad-test"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{issuer}/.well-known/openid-configuration"
client_kwargs = {{ timeout = 30 }}
""", "utf-8")
    return path


class Served:
    """Dyad behind sign-in: `url` (the public address, base path included), `log` (its stderr)."""

    def __init__(self, proc: subprocess.Popen, url: str, log: Path):
        self.proc, self.url, self.log = proc, url, log

    def logs(self) -> str:
        return self.log.read_text("utf-8", errors="replace")


def serve(store: Path, tmp: Path, issuer: str, allowed: str, base_path: str = "", timeout: float = 120,
          port: int | None = None) -> Served:
    """`python -m dashboard.serve` on a loopback port, free unless given (what `make serve` runs)."""
    port = port or free_port()
    public = f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else "")
    secrets = write_secrets(tmp / f"secrets-{port}.toml", public, issuer)
    env = {**os.environ, "DYAD_STORE": str(store), "DYAD_SERVE_PORT": str(port), "DYAD_SECRETS": str(secrets),
           "DYAD_ALLOWED_USERS": allowed, "DYAD_PUBLIC_URL": public, "DYAD_SERVE_ADDRESS": "127.0.0.1"}
    log = tmp / f"dyad-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "dashboard.serve"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_http(f"{public}/_stcore/health", proc, timeout, "dashboard.serve", log)
    except BaseException:
        stop_dashboard(proc)
        raise
    served = Served(proc, public, log)
    served.port = port
    return served


def loopback_only(context) -> None:
    """Abort any request off 127.0.0.1 (the mock provider's form links a stylesheet on a CDN); nothing
    leaves the machine."""
    from urllib.parse import urlsplit

    context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                  else route.abort())


def sign_in(page, email: str) -> None:
    """From Dyad's sign-in page, through the provider's form, back to Dyad (the page then loads)."""
    page.get_by_role("button", name="Sign in").click(timeout=TIMEOUT_MS)
    page.get_by_placeholder("sub").fill(email, timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Authorize").click(timeout=TIMEOUT_MS)


def signed_in_state(browser, url: str, email: str) -> dict:
    """Cookies of a browser that signed in as `email` (Playwright storage state), so later contexts
    start signed in without going through the provider again."""
    context = browser.new_context()
    loopback_only(context)
    try:
        page = context.new_page()
        page.goto(url + "/")
        sign_in(page, email)
        page.wait_for_selector('[data-testid="stSidebar"] >> text=Signed in as', timeout=TIMEOUT_MS)
        return context.storage_state()
    finally:
        context.close()
