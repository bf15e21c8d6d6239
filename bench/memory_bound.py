"""Memory bound: stream a generated JSONL corpus far larger than we would want to hold (GBs) through
`python -m pipeline extract - -o OUT` on standard input, and print the child's resident memory at
intervals. Flat RSS while bytes keep flowing = streaming; RSS growing with bytes fed = buffering.

    .venv/bin/python bench/memory_bound.py --gb 2 --jobs 1
    .venv/bin/python bench/memory_bound.py --gb 1 --jobs 2 --limit-mb 1500   # address-space cap

The corpus is made on the fly by a seeded generator (nothing is written to disk but the output):
mostly ordinary articles about one or two countries, a few long ones, some broken lines."""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COUNTRIES = ["France", "Germany", "China", "Japan", "South Korea", "the United States", "Brazil", "India",
             "Egypt", "Turkey", "Canada", "Mexico", "Nigeria", "Indonesia", "Australia", "Russia"]
VERBS = ["held talks with", "agreed with", "accused", "signed a trade deal with", "imposed sanctions on",
         "sent aid to", "criticised", "met officials from"]
FILLER = ("Markets were calm as traders waited for the quarterly figures, and analysts expected little "
          "change in the weeks ahead. The committee will meet again next month to review the data. ")


def articles(seed: int) -> Iterator[bytes]:
    """An endless, seeded stream of JSONL lines (bytes, newline-terminated)."""
    rng = random.Random(seed)
    n = 0
    while True:
        n += 1
        roll = rng.random()
        if roll < 0.01:
            yield b"{broken json line\n"
            continue
        a, b = rng.sample(COUNTRIES, 2)
        body = [f"{a} {rng.choice(VERBS)} {b} on Tuesday, officials said."]
        body += [FILLER] * rng.randint(10, 40)
        if roll > 0.99:  # a long feature piece
            body += [FILLER] * 400
        body.append(f"{b} said it would respond in {rng.choice(['January', 'March', 'June'])}.")
        obj = {"id": f"gen-{seed}-{n}", "published": f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
               "title": f"{a} and {b}", "text": " ".join(body)}
        yield (json.dumps(obj) + "\n").encode("utf-8")


def status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in kB, summed over it and its children (workers)."""
    out = {"rss": 0, "hwm": 0}
    pids = [pid]
    try:
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out["rss"] += int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    out["hwm"] += int(line.split()[1])
        except OSError:
            continue
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gb", type=float, default=2.0, help="gigabytes of JSONL to stream (default 2)")
    ap.add_argument("--jobs", type=int, default=1, help="extract --jobs (default 1)")
    ap.add_argument("--interval", type=float, default=10.0, help="seconds between samples (default 10)")
    ap.add_argument("--limit-mb", type=int, default=0, help="RLIMIT_AS for the extractor (0 = none)")
    ap.add_argument("--max-seconds", type=float, default=3600, help="stop feeding after this long")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.devnull, help="records output (default: discarded)")
    ap.add_argument("--quarantine", default="/tmp/dyad_memory_bound.quarantine.jsonl")
    args = ap.parse_args()

    target = int(args.gb * 1e9)

    def limit():
        if args.limit_mb:
            cap = args.limit_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    cmd = [sys.executable, "-m", "pipeline", "extract", "-", "-o", args.out, "--no-progress", "--jobs", str(args.jobs),
           "--quarantine", args.quarantine]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit)
    fed = {"bytes": 0, "lines": 0, "done": False}
    t0 = time.monotonic()

    def feed():
        try:
            for line in articles(args.seed):
                proc.stdin.write(line)
                fed["bytes"] += len(line)
                fed["lines"] += 1
                if fed["bytes"] >= target or time.monotonic() - t0 > args.max_seconds:
                    break
            proc.stdin.close()
        except BrokenPipeError:
            pass
        fed["done"] = True

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    print(f"streaming {args.gb:g} GB of generated JSONL into: {' '.join(cmd[1:])}"
          + (f" (RLIMIT_AS {args.limit_mb} MB)" if args.limit_mb else ""))
    print(f"{'seconds':>8} {'MB fed':>9} {'lines fed':>10} {'RSS MB':>8} {'peak MB':>8}")
    samples = []
    while proc.poll() is None:
        time.sleep(min(args.interval, 1.0) if not samples else args.interval)
        st = status(proc.pid)
        if proc.poll() is not None:
            break
        samples.append((time.monotonic() - t0, fed["bytes"], st["rss"], st["hwm"]))
        print(f"{samples[-1][0]:8.0f} {fed['bytes'] / 1e6:9.0f} {fed['lines']:10,} {st['rss'] / 1024:8.0f} "
              f"{st['hwm'] / 1024:8.0f}", flush=True)
    stderr = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
    secs = time.monotonic() - t0
    summary = stderr[-1] if stderr else ""
    print(f"exit {proc.returncode} after {secs:.0f} s; {fed['bytes'] / 1e6:,.0f} MB, {fed['lines']:,} lines fed")
    print(f"extractor: {summary}")
    if samples:
        rss = [s[2] / 1024 for s in samples]
        half = len(rss) // 2
        print(f"RSS MB: min {min(rss):.0f}, max {max(rss):.0f}; first half max {max(rss[:half] or rss):.0f}, "
              f"second half max {max(rss[half:]):.0f}; peak (HWM) {max(s[3] for s in samples) / 1024:.0f}")
        print(f"throughput: {fed['bytes'] / 1e6 / secs:.1f} MB/s")
    return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
