"""One place for what every real-browser test and benchmark needs: Debian's Chromium and its flags,
a free loopback port, and `streamlit run dashboard/app.py` started (and stopped) on a store."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"  # Debian's package; never `playwright install`
# Without the background-networking flags Chromium tries Google's hosts at start: nothing may leave.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def require_chromium() -> None:
    """Skip a browser test on a machine without Debian's chromium; in CI (which installs it) fail."""
    import pytest

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium for the browser tests")
        pytest.skip(f"Debian chromium not installed at {CHROMIUM}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _streamlit() -> str:
    local = Path(sys.executable).with_name("streamlit")
    return str(local) if local.exists() else (shutil.which("streamlit") or str(local))


def start_dashboard(store: Path, port: int, timeout: float = 90) -> subprocess.Popen:
    """The dashboard on 127.0.0.1:port over `store`, run from the repository root (static serving
    needs its .streamlit/config.toml); returns once the health endpoint answers."""
    cmd = [_streamlit(), "run", "dashboard/app.py", "--server.address", "127.0.0.1", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "DYAD_STORE": str(store)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited: " + proc.stderr.read().decode(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    stop_dashboard(proc)
    raise RuntimeError(f"streamlit did not answer within {timeout:g} s")


def stop_dashboard(proc: subprocess.Popen) -> None:
    proc.terminate()  # the process we started, by its handle
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
