#!/usr/bin/env python3
"""Edit → served latency of `herold serve`.

For each site: copy it into a temporary folder, start `herold serve` on a free port, wait for
the first build, then 5 times (``--edits``): change one release's title, and measure from just
before writing the file until an HTTP GET of that release's page returns the new title. Two
ways, 5 edits each:

- live reload: as the open browser tab does, wait on the live-reload poll, and when it says
  "reload", GET the page once;
- polling: GET the page every 2 ms until it changes. On a 2-core machine the client's and the
  server's work for ~500 requests a second competes with the rebuild, so this figure is higher.

Prints each latency and the medians. Timing only: it asserts nothing about speed.

    cargo build --release
    python3 bench/serve_latency.py                       # the example site, and /dev/shm/c10k if present
    python3 bench/serve_latency.py --site /dev/shm/c10k  # one site

The 10,000-release corpus: python3 ../shared/bench/gen_corpus.py /dev/shm/c10k --releases 10000
--municipalities 1100 --programmes 40 --seed 1
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE_PARTS = ["config.toml", "content", "static", "templates", "themes"]
EXAMPLE_RELEASE = "content/releases/2018-05-28-pakt-fuer-integration-23-orte.md"
TITLE = re.compile(r'^title = ".*"$', re.M)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_site(src, parent):
    dst = Path(tempfile.mkdtemp(prefix="herold-latency-", dir=parent))
    for part in SITE_PARTS:
        p = src / part
        if p.is_dir():
            shutil.copytree(p, dst / part)
        elif p.is_file():
            shutil.copy2(p, dst / part)
    return dst


def release_url(root, rel):
    """The page URL (below the base path) of a release file, per the spec's slug rules."""
    text = (root / rel).read_text(encoding="utf-8")
    year = re.search(r"^date = (\d{4})", text, re.M).group(1)
    m = re.search(r'^slug = "([a-z0-9-]+)"', text, re.M)
    if m:
        slug = m.group(1)
    else:
        p = Path(rel)
        stem = p.parent.name if p.name == "index.md" else p.stem
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem)
    return f"pressemitteilungen/{year}/{slug}/"


def pick_release(root):
    if (root / EXAMPLE_RELEASE).is_file():
        return EXAMPLE_RELEASE
    files = sorted(p for p in (root / "content/releases").rglob("*.md"))
    for p in files[len(files) // 2:]:
        t = p.read_text(encoding="utf-8")
        if "draft = true" not in t and "embargo" not in t and re.search(r"^slug|^date = \d{4}-", t, re.M):
            if p.stem.isascii():
                return str(p.relative_to(root))
    raise SystemExit(f"no suitable release in {root}")


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, path):
        for _ in range(2):
            try:
                self.conn.request("GET", path)
                r = self.conn.getresponse()
                return r.status, r.read().decode("utf-8", "replace")
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        raise RuntimeError(f"GET {path} failed")


def generation(poller):
    """The build generation the server is at (a poll since 0 answers at once)."""
    _, body = poller.get("/__herold/reload?since=0")
    return json.loads(body)["generation"]


def edit_and_reload(path, new, marker, page, client, poller):
    """What the browser does: wait on the live-reload poll, then load the page once."""
    since = generation(poller)
    t0 = time.perf_counter()
    path.write_text(new, encoding="utf-8")
    while True:
        _, body = poller.get(f"/__herold/reload?since={since}")
        answer = json.loads(body)
        since = answer["generation"]
        if answer["action"] == "reload":
            _, body = client.get(page)
            if marker in body:
                return time.perf_counter() - t0
        if time.perf_counter() - t0 > 120:
            raise SystemExit("gave up after 120 s")


def edit_and_poll(path, new, marker, page, client):
    """Fetch the page every 2 ms until it shows the change (the polling also loads the CPU)."""
    t0 = time.perf_counter()
    path.write_text(new, encoding="utf-8")
    while True:
        _, body = client.get(page)
        if marker in body:
            return time.perf_counter() - t0
        if time.perf_counter() - t0 > 120:
            raise SystemExit("gave up after 120 s")
        time.sleep(0.002)


def measure(binary, src, edits, tmp_parent):
    root = copy_site(src, tmp_parent)
    rel = pick_release(root)
    port = free_port()
    proc = subprocess.Popen(
        [str(binary), "serve", "--root", str(root), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = []
    threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True).start()
    try:
        line = proc.stdout.readline()
        m = re.search(r"Serving (http://\S+)", line)
        if not m:
            raise SystemExit(f"herold serve did not start: {line!r}")
        base_path = "/" + m.group(1).split("/", 3)[3]
        page = base_path + release_url(root, rel)
        client = Client(port)
        started = time.perf_counter()
        status, _ = client.get(page)
        first = time.perf_counter() - started
        if status != 200:
            raise SystemExit(f"GET {page} → {status}")
        original = (root / rel).read_text(encoding="utf-8")
        poller = Client(port)
        results = {}
        for method in ("reload", "poll"):
            latencies = []
            for i in range(edits):
                marker = f"Latenzmessung {method} {i} {os.getpid()}"
                new = TITLE.sub(f'title = "{marker}"', original, count=1)
                time.sleep(0.5)  # let the previous rebuild settle
                if method == "reload":
                    latencies.append(edit_and_reload(root / rel, new, marker, page, client, poller))
                else:
                    latencies.append(edit_and_poll(root / rel, new, marker, page, client))
            results[method] = [x * 1000 for x in latencies]
        return {
            "site": str(src),
            "release": rel,
            "first_response_s": first,
            "latencies_ms": results,
            "log": log,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(REPO / "target/release/herold"))
    ap.add_argument("--site", action="append", help="site folder (repeatable); default: the example site and /dev/shm/c10k")
    ap.add_argument("--edits", type=int, default=5)
    args = ap.parse_args()
    sites = [Path(s) for s in args.site] if args.site else [REPO] + [p for p in [Path("/dev/shm/c10k")] if p.is_dir()]
    tmp_parent = "/dev/shm" if Path("/dev/shm").is_dir() else None
    for src in sites:
        r = measure(Path(args.bin), src, args.edits, tmp_parent)
        print(f"{r['site']}: {r['release']}")
        print(f"  first build + first GET: {r['first_response_s']:.2f} s")
        for method, label in (("reload", "live reload, then GET"), ("poll", "GET every 2 ms")):
            lat = r["latencies_ms"][method]
            shown = ", ".join(f"{x:.0f}" for x in lat)
            print(f"  edit → served ({label}): median {statistics.median(lat):.0f} ms of {args.edits} edits ({shown} ms)")
        rebuilds = [l.strip() for l in r["log"] if " files rewritten in " in l]
        for l in rebuilds[-2:]:
            print(f"  server: {l}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
