#!/usr/bin/env python3
"""Times whole `herold build` runs on generated corpora (median of N runs, peak RSS).

Usage:
    python3 bench/build_bench.py [--sizes 1000,10000,100000] [--runs 5]
                                 [--ram /dev/shm/herold-bench] [--disk /var/tmp/herold-bench]

For each size it generates a corpus with ../shared/bench/gen_corpus.py (seed 1, 1,100
municipalities, 40 programmes; cached between runs), then measures with /usr/bin/time -v:
  - full build in RAM (sources and output in --ram), first build into an empty output folder
    and repeated builds over the previous output (nothing changed);
  - on disk (--disk): a full build into an empty folder, and a rebuild after editing one
    release (what a press office does all day).
Prints a table of medians; no timing is asserted anywhere.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
BIN = REPO / "target" / "release" / "herold"


def run(cmd: list[str]) -> tuple[float, int]:
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS in KiB)."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return wall, int(m.group(1)) if m else 0


def corpus(base: Path, n: int) -> Path:
    root = base / f"corpus-{n}"
    if not (root / "config.toml").exists():
        subprocess.run([sys.executable, str(GEN), str(root), "--releases", str(n),
                        "--municipalities", "1100", "--programmes", "40", "--seed", "1"], check=True)
    return root


def build(root: Path, out: Path) -> list[str]:
    return [str(BIN), "build", "--root", str(root), "--output", str(out), "--now", "2026-06-01T00:00:00Z"]


def median_of(runs: int, cmd: list[str], before=None) -> tuple[float, int]:
    walls, rss = [], []
    for _ in range(runs):
        if before:
            before()
        w, r = run(cmd)
        walls.append(w)
        rss.append(r)
    return statistics.median(walls), max(rss)


def edit_one(root: Path) -> None:
    """Changes the title of one release (alternating), like an author fixing a typo."""
    files = sorted((root / "content" / "releases").rglob("*.md"))
    f = files[len(files) // 2]
    text = f.read_text(encoding="utf-8")
    text = text.replace('title = "', 'title = "Korrigiert: ', 1) if 'title = "Korrigiert: ' not in text \
        else text.replace('title = "Korrigiert: ', 'title = "', 1)
    f.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ram", default="/dev/shm/herold-bench")
    ap.add_argument("--disk", default="/var/tmp/herold-bench")
    ap.add_argument("--no-disk", action="store_true")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    rows = []
    for n in [int(s) for s in a.sizes.split(",")]:
        ram = Path(a.ram)
        root = corpus(ram, n)
        out = ram / f"out-{n}"

        def clean(o=out):
            shutil.rmtree(o, ignore_errors=True)

        cold = median_of(a.runs, build(root, out), before=clean)
        warm = median_of(a.runs, build(root, out))
        rows.append((n, "RAM", "full build, empty output", *cold))
        rows.append((n, "RAM", "rebuild, nothing changed", *warm))
        if not a.no_disk:
            disk = Path(a.disk)
            droot = disk / f"corpus-{n}"
            if not droot.exists():
                shutil.copytree(root, droot)
            dout = disk / f"out-{n}"

            def dclean(o=dout):
                shutil.rmtree(o, ignore_errors=True)
                os.sync()

            dcold = median_of(a.runs, build(droot, dout), before=dclean)
            run(build(droot, dout))
            dedit = median_of(a.runs, build(droot, dout), before=lambda r=droot: edit_one(r))
            rows.append((n, "disk", "full build, empty output", *dcold))
            rows.append((n, "disk", "rebuild after one edit", *dedit))
    print(f"\n{'releases':>9}  {'where':<5} {'what':<28} {'median s':>9} {'peak MiB':>9}")
    for n, where, what, wall, rss in rows:
        print(f"{n:>9}  {where:<5} {what:<28} {wall:>9.2f} {rss / 1024:>9.0f}")


if __name__ == "__main__":
    main()
