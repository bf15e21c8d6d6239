"""Load: N concurrent browser sessions (Playwright contexts in one Debian chromium) on a large store
while an ingest commits into the same store; prints page-ready latency p50/p95, errors, and whether
any session saw a store that was not a committed version (a half-written store).

By default the dashboard is served as `make serve` does (`python -m dashboard.serve`, sign-in on, a
real OpenID Connect provider on 127.0.0.1) and every session first signs in as its own user through
the provider's form; `--no-sign-in` serves it as `make run` does.

    .venv/bin/python -m bench.load_dashboard                       # 20 signed-in sessions, 1 M records
    .venv/bin/python -m bench.load_dashboard --sessions 5 --records 100000 --loads 3

Run it as a module from the repository root (it uses tests/browser_kit.py and tests/signin_kit.py).
Loopback only; bounded by --loads per session and --max-seconds. The store is built once with
`python -m pipeline synth` and reused (delete it or pass --rebuild to start again)."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.browser_kit import CHROMIUM, CHROMIUM_ARGS, free_port, start_dashboard, stop_dashboard
from tests.signin_kit import oidc_provider, serve

ROOT = Path(__file__).resolve().parents[1]


SHARED = Path(os.environ.get("DYAD_SHARED", ROOT.parent / "shared"))
PY = sys.executable
# (url path + query, the page's h1): deep links, as a shared link would be opened.
PAGES = [("/", "Map"), ("/pair?pair=KOR-CHN", "Pair view"), ("/counts?country=USA", "Event counts"),
         ("/records?country=JPN", "Records explorer"), ("/trade", "Trade shares")]
CAPTION = re.compile(r"([\d,]+) articles · ([\d,]+) records · ([\d,]+) events")


def build_store(store: Path, records: int) -> None:
    t0 = time.monotonic()
    subprocess.run([PY, "-m", "pipeline", "synth", "--records", str(records), "--store", str(store)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"built a {records:,}-record synthetic store in {time.monotonic() - t0:.0f} s: {store}")


def ingest_corpus(path: Path, n: int) -> int:
    """Reuters stories for the concurrent ingest (a real extraction load), as contract JSONL."""
    k = 0
    with gzip.open(SHARED / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh, \
            open(path, "w", encoding="utf-8") as out:
        for line in fh:
            obj = json.loads(line)
            if (obj.get("text") or "").strip():
                out.write(json.dumps({k2: obj.get(k2) for k2 in ("id", "published", "title", "text")}) + "\n")
                k += 1
                if k == n:
                    break
    return k


def committed_counts(store: Path, manifest: dict) -> tuple[int, int, int]:
    """(articles, records, events) of one manifest version, from the Parquet footers."""
    import pyarrow.parquet as pq

    def rows(table: str) -> int:
        return sum(pq.ParquetFile(store / rel).metadata.num_rows for rel in manifest["parts"].get(table, []))
    return rows("articles"), rows("records"), rows("events")


class ManifestWatch(threading.Thread):
    """Records the counts of every manifest version the store passes through (polled every 20 ms)."""

    def __init__(self, store: Path):
        super().__init__(daemon=True)
        self.store, self.versions, self.stop = store, {}, threading.Event()

    def poll(self) -> None:
        try:
            m = json.loads((self.store / "manifest.json").read_text("utf-8"))
        except (OSError, ValueError):
            return
        v = int(m["version"])
        if v not in self.versions:
            try:
                self.versions[v] = committed_counts(self.store, m)
            except OSError:
                pass

    def run(self) -> None:
        while not self.stop.is_set():
            self.poll()
            time.sleep(0.02)


class IngestLoop(threading.Thread):
    """Ingest the corpus slice by slice (one `python -m pipeline ingest` per slice) until stopped,
    so the store keeps committing new versions for as long as the sessions run."""

    def __init__(self, corpus: Path, store: Path, batch: int, slice_size: int):
        super().__init__(daemon=True)
        self.corpus, self.store, self.batch, self.slice_size = corpus, store, batch, slice_size
        self.stop, self.runs, self.summaries = threading.Event(), 0, []

    def run(self) -> None:
        lines = self.corpus.read_text("utf-8").splitlines(keepends=True)
        for start in range(0, len(lines), self.slice_size):
            if self.stop.is_set():
                return
            part = self.corpus.with_name(f"{self.corpus.stem}.{start}.jsonl")
            part.write_text("".join(lines[start:start + self.slice_size]), "utf-8")
            proc = subprocess.run([PY, "-m", "pipeline", "ingest", str(part), "--store", str(self.store),
                                   "--batch-size", str(self.batch), "--no-progress"], cwd=ROOT,
                                  capture_output=True, text=True)
            self.runs += 1
            tail = proc.stderr.strip().splitlines()[-1:] or [""]
            self.summaries.append(f"exit {proc.returncode}: {tail[0]}")


async def page_ready(page, title: str, timeout_ms: int) -> str:
    """Wait until the page's title is drawn and Streamlit's run has finished; return the body text."""
    await page.wait_for_selector(f'h1:has-text("{title}")', timeout=timeout_ms)
    await page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)
    await page.wait_for_selector('[data-testid="stSidebar"] >> text=/records ·/', timeout=timeout_ms)
    return await page.inner_text("body")


async def sign_in(context, page, base: str, email: str, timeout_ms: int) -> None:
    """Through Dyad's sign-in page and the provider's form, back to a signed-in page."""
    await context.route("**/*", lambda route: route.continue_() if "//127.0.0.1:" in route.request.url
                        else route.abort())   # the provider's form links a CDN stylesheet: nothing leaves
    await page.goto(base + "/", timeout=timeout_ms)
    await page.get_by_role("button", name="Sign in").click(timeout=timeout_ms)
    await page.get_by_placeholder("sub").fill(email, timeout=timeout_ms)
    await page.get_by_role("button", name="Authorize").click(timeout=timeout_ms)
    await page.wait_for_selector('[data-testid="stSidebar"] >> text=Signed in as', timeout=timeout_ms)


async def session(browser, base: str, sid: int, loads: int, deadline: float, timeout_ms: int, log: list,
                  signing_in: bool, sign_in_ms: int) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message))
    try:
        if signing_in:
            t0 = time.monotonic()
            try:
                await sign_in(context, page, base, f"analyst{sid}@load.example.org", sign_in_ms)
                log.append({"session": sid, "sign_in": time.monotonic() - t0, "ok": True})
            except Exception as err:
                log.append({"session": sid, "sign_in": time.monotonic() - t0, "ok": False,
                            "error": f"sign-in: {type(err).__name__}: {str(err).splitlines()[0][:120]}"})
                return
        for i in range(loads):
            if time.monotonic() > deadline:
                break
            path, title = PAGES[(sid + i) % len(PAGES)]
            t0 = time.monotonic()
            entry = {"session": sid, "page": path, "ok": False}
            try:
                await page.goto(base + path, timeout=timeout_ms)
                body = await page_ready(page, title, timeout_ms)
                entry["seconds"] = time.monotonic() - t0
                m = CAPTION.search(body)
                entry["seen"] = tuple(int(x.replace(",", "")) for x in m.groups()) if m else None
                bad = await page.locator('[data-testid="stException"]').count()
                entry["ok"] = bad == 0 and m is not None and "Traceback" not in body
                if not entry["ok"]:
                    entry["error"] = "no store caption"
                    if bad:
                        text = await page.locator('[data-testid="stException"]').first.inner_text()
                        entry["error"] = "exception on page: " + " | ".join(text.splitlines()[:3])[:300]
            except Exception as err:  # a timeout or a crashed page is an error to count, not to stop on
                entry["seconds"] = time.monotonic() - t0
                entry["error"] = f"{type(err).__name__}: {str(err).splitlines()[0][:120]}"
            log.append(entry)
    finally:
        await context.close()
    if dialogs:
        log.append({"session": sid, "ok": False, "error": f"dialogs: {dialogs}"})


async def run_sessions(base: str, n: int, loads: int, max_seconds: float, timeout_ms: int,
                       signing_in: bool, sign_in_ms: int) -> list[dict]:
    from playwright.async_api import async_playwright

    log: list[dict] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # One warm-up visit: the first run registers the app's pages and loads the snapshot.
        ctx = await browser.new_context()
        page = await ctx.new_page()
        t0 = time.monotonic()
        if signing_in:
            await sign_in(ctx, page, base, "warmup@load.example.org", sign_in_ms)
        await page.goto(base + "/", timeout=timeout_ms)
        await page_ready(page, "Map", timeout_ms)
        print(f"warm-up (first load, snapshot into memory): {time.monotonic() - t0:.1f} s")
        await ctx.close()
        deadline = time.monotonic() + max_seconds
        await asyncio.gather(*(session(browser, base, i, loads, deadline, timeout_ms, log, signing_in, sign_in_ms)
                               for i in range(n)))
        await browser.close()
    return log


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, default=Path("/tmp/dyad_load_store"))
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--rebuild", action="store_true", help="rebuild the synthetic store first")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--loads", type=int, default=5, help="page loads per session (default 5)")
    ap.add_argument("--max-seconds", type=float, default=600, help="stop starting new loads after this")
    ap.add_argument("--timeout", type=float, default=120, help="seconds before one page load is an error")
    ap.add_argument("--ingest-articles", type=int, default=3000, help="Reuters stories to ingest meanwhile (at most)")
    ap.add_argument("--ingest-slice", type=int, default=200, help="stories per ingest run")
    ap.add_argument("--batch-size", type=int, default=25, help="ingest articles per commit")
    ap.add_argument("--no-sign-in", action="store_true", help="serve as `make run` does (no sign-in)")
    ap.add_argument("--sign-in-timeout", type=float, default=360,
                    help="seconds before a sign-in is an error (it is two Dyad pages and two of the provider's)")
    args = ap.parse_args()
    signing_in = not args.no_sign_in

    if args.rebuild and args.store.exists():
        shutil.rmtree(args.store)
    if not (args.store / "manifest.json").exists():
        build_store(args.store, args.records)
    watch = ManifestWatch(args.store)
    watch.poll()
    start_version = max(watch.versions)
    a0, r0, e0 = watch.versions[start_version]
    print(f"store {args.store}: version {start_version}, {a0:,} articles, {r0:,} records, {e0:,} events")

    stack = contextlib.ExitStack()
    if signing_in:
        tmp = args.store.parent / "dyad_load_signin"
        tmp.mkdir(exist_ok=True)
        issuer = stack.enter_context(oidc_provider(tmp))
        served = serve(args.store, tmp, issuer, "@load.example.org")
        base, dash = served.url, served.proc
    else:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        dash = start_dashboard(args.store, port)
    corpus = args.store.parent / "dyad_load_ingest.jsonl"
    n_ingest = ingest_corpus(corpus, args.ingest_articles)
    watch.start()
    writer = IngestLoop(corpus, args.store, args.batch_size, args.ingest_slice)
    try:
        writer.start()
        t0 = time.monotonic()
        log = asyncio.run(run_sessions(base, args.sessions, args.loads, args.max_seconds, int(args.timeout * 1000),
                                       signing_in, int(args.sign_in_timeout * 1000)))
        wall = time.monotonic() - t0
    finally:
        writer.stop.set()
        writer.join(timeout=1800)
        stop_dashboard(dash)
        stack.close()
        watch.stop.set()
        watch.join(timeout=5)
    watch.poll()

    loads = [e for e in log if "page" in e]
    sign_ins = sorted(e["sign_in"] for e in log if "sign_in" in e and e["ok"])
    ok = [e for e in loads if e["ok"]]
    errors = [e for e in log if not e["ok"]]
    secs = sorted(e["seconds"] for e in ok)
    committed = {(a, r, ev) for a, r, ev in watch.versions.values()}
    committed_ar = {(a, r) for a, r, _ in committed}
    seen = [e["seen"] for e in ok if e.get("seen")]
    half = [s for s in seen if (s[0], s[1]) not in committed_ar]
    versions_seen = sorted({next((v for v, c in watch.versions.items() if c == s), -1) for s in seen})
    print(f"\n{args.sessions} sessions x {args.loads} loads over {len(PAGES)} pages in {wall:.0f} s "
          f"(ingest of up to {n_ingest} Reuters stories running meanwhile)")
    if signing_in:
        print(f"sign-ins through the OIDC provider: {len(sign_ins)} of {args.sessions} ok"
              + (f", p50 {pct(sign_ins, 50):.1f} s, max {sign_ins[-1]:.1f} s" if sign_ins else ""))
    print(f"page loads: {len(loads)}, ok {len(ok)}, errors {len(errors)}")
    if secs:
        print(f"page-ready latency s: p50 {pct(secs, 50):.1f}, p95 {pct(secs, 95):.1f}, max {secs[-1]:.1f}, "
              f"min {secs[0]:.1f}")
    for title in sorted({p for _, p in PAGES}):
        path = next(p for p, t in PAGES if t == title)
        s = sorted(e["seconds"] for e in ok if e["page"] == path)
        if s:
            print(f"  {title:17s} n={len(s):3d} p50 {pct(s, 50):5.1f} p95 {pct(s, 95):5.1f}")
    print(f"store versions committed during the run: {len(watch.versions) - 1} "
          f"(v{start_version} -> v{max(watch.versions)}); versions seen by sessions: {versions_seen}")
    print(f"sessions that saw a non-committed (half-written) store: {len(half)}" + (f" {half[:5]}" if half else ""))
    print(f"ingest runs during the load: {writer.runs} (each {args.ingest_slice} stories, batch {args.batch_size})")
    for line in writer.summaries:
        print("  ", line)
    for e in errors[:10]:
        print("  error:", e)
    return 0 if not errors and not half else 1


if __name__ == "__main__":
    sys.exit(main())
