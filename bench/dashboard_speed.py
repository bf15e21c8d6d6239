"""Dashboard speed over a synthetic 1 M-record store: server time of full page runs and filter
changes (Streamlit AppTest), the query layer alone, and the time until the map is drawn in Chromium.

    .venv/bin/python -m bench.dashboard_speed [--store DIR] [--records N] [--no-browser] [--trade-only]
    [--trade-reporters N]

(As a module from the repository root: the browser timing uses tests/browser_kit.py.)

Builds the store with pipeline.synth (through Store.add_batch) when DIR has none. Prints figures
only; targets (< 1 s filter change, < 3 s first full view) are judged by the reader.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from pipeline.store import Store

ROOT = Path(__file__).resolve().parents[1]


APP = str(ROOT / "dashboard" / "app.py")


def timed(fn, repeat: int = 1) -> float:
    """Median wall time of fn() in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def ensure_store(root: Path, records: int, seed: int) -> None:
    if Store(root).snapshot().version > 0:
        print(f"store: {root} (version {Store(root).snapshot().version}, reused)")
        return
    from pipeline.synth import write_synth

    t = time.perf_counter()
    write_synth(root, records, seed=seed)
    print(f"store: built {records:,} synthetic records in {time.perf_counter() - t:.1f} s -> {root}")


def wait_for_background_load() -> None:
    for th in threading.enumerate():
        if th.name.startswith("dyad-load-"):
            th.join()


def bench_apptest(root: Path) -> list[tuple[str, float]]:
    from streamlit.testing.v1 import AppTest

    os.environ["DYAD_STORE"] = str(root)
    out = []

    def run(target):
        """target: an AppTest, or a widget whose value was just set (its .run() reruns the app)."""
        at = target.run()
        assert not at.exception, [e.value for e in at.exception]

    at = AppTest.from_file(APP, default_timeout=300)
    out.append(("map page, cold server (snapshot load + aggregates + page)", timed(lambda: run(at))))
    t = time.perf_counter()
    wait_for_background_load()
    out.append(("  background copy of records into memory finished after", time.perf_counter() - t))
    fresh = AppTest.from_file(APP, default_timeout=300)
    out.append(("map page, new session on a warm server (first full view)", timed(lambda: run(fresh))))
    top = fresh.dataframe[0].value["country"].tolist()
    a, b = top[0], top[1]
    sel = fresh.selectbox(key="w_country")
    out.append((f"filter change: focus country -> {a}", timed(lambda: run(sel.set_value(a)))))
    out.append(("filter change: types -> CONSULT, AGREE",
                timed(lambda: run(fresh.multiselect(key="w_types").set_value(["CONSULT", "AGREE"])))))
    out.append(("filter change: metric -> net", timed(lambda: run(fresh.radio(key="w_metric").set_value("net")))))
    for page in ("views/counts.py", "views/pair.py", "views/trade.py", "views/records.py"):
        at2 = AppTest.from_file(APP, default_timeout=300)
        at2.query_params["pair"] = f"{a}-{b}"
        at2.query_params["reporter"] = a
        at2.run()
        at2.switch_page(page)
        out.append((f"{page.split('/')[1][:-3]} page, shared link with pair {a}-{b}", timed(lambda at2=at2: run(at2))))
        if page.endswith("counts.py"):
            out.append(("  filter change: granularity -> day",
                        timed(lambda at2=at2: run(at2.radio(key="w_granularity").set_value("day")))))
            out.append(("  filter change: count reports", timed(lambda at2=at2: run(at2.radio(key="w_unit")
                                                                            .set_value("reports")))))
        if page.endswith("records.py"):
            out.append(("  filter change: search 'sanctions'",
                        timed(lambda at2=at2: run(at2.text_input(key="w_q").set_value("sanctions")))))
    return out


def bench_queries(root: Path) -> list[tuple[str, float]]:
    from dashboard import queries as Q
    from dashboard.urlstate import ViewState

    t = time.perf_counter()
    con = Q.connect(Store(root).snapshot(), in_memory=False)
    out = [("connect: views + pre-aggregated daily counts", time.perf_counter() - t)]
    out.append(("materialize records/events/articles in memory", timed(lambda: Q.materialize(con))))
    a, b = Q.pair_totals(con, ViewState(), 1)[["a", "b"]].iloc[0]
    cases = {
        "country_totals (map)": lambda: Q.country_totals(con, ViewState()),
        "pair_totals top 40 (arcs)": lambda: Q.pair_totals(con, ViewState(), 40),
        "counts_over_time by day": lambda: Q.counts_over_time(con, ViewState(granularity="day")),
        f"pair_timeline {a}-{b}": lambda: Q.pair_timeline(con, ViewState(pair=(a, b))),
        "records newest 1000": lambda: Q.records(con, ViewState()),
        "records search 'sanctions'": lambda: Q.records(con, ViewState(q="sanctions")),
        f"figures reporter {a}": lambda: Q.figures(con, ViewState(), a, "trade_share"),
    }
    out += [(f"query {k}", timed(f, repeat=5)) for k, f in cases.items()]
    return out


def _sample(codes: list[str], n: int) -> list[str]:
    """n codes spread evenly over the sorted list (deterministic)."""
    if n >= len(codes):
        return list(codes)
    step = len(codes) / n
    return [codes[int(i * step)] for i in range(n)]


def _spread(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return f"median {statistics.median(times):.3f} s, p95 {p95:.3f} s, max {times[-1]:.3f} s over {len(times)}"


def bench_trade(root: Path, n_reporters: int) -> list[tuple[str, str]]:
    """The trade shares page for a sample of official reporters, with the official table already
    loaded and the records in memory: the page's queries alone for every reporter, then the server
    time of a full page run (Streamlit AppTest) per sampled reporter."""
    from streamlit.testing.v1 import AppTest

    from dashboard import queries as Q
    from dashboard import trade_queries as TQ

    os.environ["DYAD_STORE"] = str(root)
    out: list[tuple[str, str]] = []
    t = time.perf_counter()
    ref = TQ.reference(root)
    out.append(("trade: load the official table (trade_facts)", f"{time.perf_counter() - t:.2f} s"))
    reporters = TQ.official_reporters(ref)
    out.append(("trade: reporters with official shares", f"{len(reporters)}"))
    con = Q.connect(Store(root).snapshot())
    n_figs = con.execute("SELECT count(*) FROM records WHERE kind = 'figure'").fetchone()[0]
    out.append(("trade: figure records in the store", f"{n_figs:,}"))
    q_times, most = [], (0, "")
    for code in reporters:
        t = time.perf_counter()
        figs = TQ.figures(con, reporter=code)
        tv = TQ.trade_view(ref, figs, code, "trade_share", None)
        TQ.trade_table(tv)
        q_times.append(time.perf_counter() - t)
        most = max(most, (len(figs), code))
    out.append(("trade: page queries, every reporter (figures + official + compare + table)", _spread(q_times)))
    out.append(("  most reported figures for one reporter", f"{most[0]:,} ({most[1]})"))

    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params["reporter"] = reporters[0]
    at.run()
    at.switch_page("views/trade.py").run()
    assert not at.exception, [e.value for e in at.exception]
    wait_for_background_load()
    page_times = []
    sample = _sample(reporters, n_reporters)
    if most[1] not in sample:
        sample.append(most[1])
    for code in sample:
        box = at.selectbox(key="w_reporter")
        t = time.perf_counter()
        box.set_value(code).run()
        page_times.append(time.perf_counter() - t)
        assert not at.exception, [e.value for e in at.exception]
        assert at.subheader and at.query_params.get("reporter") == code
    out.append(("trade: full page run (AppTest server time), sampled reporters", _spread(page_times)))
    slow = sorted(zip(page_times, sample, strict=True), reverse=True)[:3]
    out.append(("  slowest page runs", ", ".join(f"{c} {t:.3f} s" for t, c in slow)))
    out.append(("  sampled reporters", " ".join(sample)))
    return out


def bench_browser(root: Path) -> list[tuple[str, float]]:
    from playwright.sync_api import sync_playwright

    from tests.browser_kit import CHROMIUM, CHROMIUM_ARGS, free_port, start_dashboard, stop_dashboard

    port = free_port()
    t = time.perf_counter()
    proc = start_dashboard(root, port)
    out = [("streamlit server start", time.perf_counter() - t)]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for label in ("cold server", "warm server"):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                seen: dict[str, float] = {}
                t = time.perf_counter()

                def note(resp, seen=seen, t=t):
                    # where the browser's time goes: plotly.js chunk, then the map shapes
                    for key in ("PlotlyChart", "world_50m"):
                        if key in resp.url and key not in seen:
                            seen[key] = time.perf_counter() - t

                page.on("response", note)
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector("path.choroplethlocation", timeout=300_000)
                out.append((f"map drawn in browser, {label}", time.perf_counter() - t))
                out.append(("  plotly.js chunk received after", seen.get("PlotlyChart", float("nan"))))
                out.append(("  world_50m.json received after", seen.get("world_50m", float("nan"))))
                page.close()
            browser.close()
    finally:
        stop_dashboard(proc)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default="/tmp/dyad_bench_store_1m", help="store directory (built if empty)")
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium measurement")
    ap.add_argument("--browser-only", action="store_true", help="only the Chromium measurement")
    ap.add_argument("--trade-only", action="store_true", help="only the trade page measurement")
    ap.add_argument("--trade-reporters", type=int, default=24, help="reporters sampled for the trade page (default 24)")
    args = ap.parse_args()
    root = Path(args.store).resolve()
    ensure_store(root, args.records, args.seed)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    if args.trade_only:
        for k, v in bench_trade(root, args.trade_reporters):
            print(f"{k}: {v}")
        print(f"load average {os.getloadavg()[0]:.1f} at end")
        return 0
    if args.browser_only:
        rows = bench_browser(root)
    else:
        rows = bench_queries(root)
        if not args.no_browser:
            rows += bench_browser(root)
        rows += bench_apptest(root)
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v:7.2f} s")
    if not args.browser_only:
        for k, v in bench_trade(root, args.trade_reporters):
            print(f"{k}: {v}")
    print(f"load average {os.getloadavg()[0]:.1f} at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
