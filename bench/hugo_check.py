#!/usr/bin/env python3
"""Compares herold's output with Hugo's for the same corpus (see hugo_site.py).

Usage:
    python3 bench/hugo_check.py HEROLD_OUT HUGO_OUT
    e.g. python3 bench/hugo_check.py /dev/shm/herold-bench/out-10000 /dev/shm/herold-bench/hugo-out-10000

Prints: file counts (all, HTML, XML, bytes) of both; the files only one of them has, with
feed.xml and index.xml counted as the same feed; how many release bodies are identical
(heading ids aside); and per kind of page whether both link the same releases, records and
topics in the same order (inside <main>). Exits 1 if a release page, record page or feed is
missing, or a release body differs. Standard library only.
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

LINK = re.compile(r'href="(/(?:pressemitteilungen|kommunen|programme|themen)/[^"]*)"')
BODY = re.compile(r'<div class="release__body prose">(.*?)\n  </div>\n', re.S)
RELEASE = re.compile(r"pressemitteilungen/\d{4}/(?!seite/)[^/]+/index\.html$")


def files(root: Path) -> dict[str, int]:
    """Relative path (feeds normalised to FEED) → size."""
    out = {}
    for f in root.rglob("*"):
        if f.is_file():
            rel = re.sub(r"(^|/)(feed|index)\.xml$", r"\1FEED", f.relative_to(root).as_posix())
            out[rel] = f.stat().st_size
    return out


def main_part(path: Path) -> str | None:
    t = path.read_text(encoding="utf-8")
    if "<main" not in t:
        return None  # a redirect page
    return t[t.index("<main"):t.index("</main>")]


def links(text: str) -> list[str]:
    return [re.sub(r"(feed|index)\.xml$", "FEED", u) for u in LINK.findall(text)]


def body(text: str) -> str:
    m = BODY.search(text)
    return re.sub(r"\s+", " ", re.sub(r' id="[^"]*"', "", m.group(1))).strip() if m else ""


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    h, g = Path(sys.argv[1]), Path(sys.argv[2])
    fh, fg = files(h), files(g)
    for name, fs in (("herold", fh), ("hugo", fg)):
        print(f"{name:>6}: {len(fs)} files, {sum(1 for p in fs if p.endswith('.html'))} HTML, "
              f"{sum(1 for p in fs if p.endswith('FEED') or p.endswith('.xml'))} XML, "
              f"{sum(fs.values()) / 1e6:.1f} MB")
    only_h, only_g = sorted(fh.keys() - fg.keys()), sorted(fg.keys() - fh.keys())
    for name, only in (("only herold", only_h), ("only hugo", only_g)):
        shown = ", ".join(only[:6]) + (f", … ({len(only)} in all)" if len(only) > 6 else "")
        print(f"{name}: {shown or '-'}")
    bad = [p for p in only_h if RELEASE.search(p) or p.startswith(("kommunen/", "programme/"))]

    same_body = diff_body = 0
    kinds: collections.Counter = collections.Counter()
    for rel in sorted(p for p in fh if p.endswith("index.html") and p in fg):
        a, b = main_part(h / rel), main_part(g / rel)
        if a is None or b is None:
            continue
        if RELEASE.search(rel):
            kind = "release"
            if body(a) == body(b) and body(a):
                same_body += 1
            else:
                diff_body += 1
                bad.append(rel)
        else:
            kind = rel.split("/")[0] if "/" in rel else "home"
        la, lb = links(a), links(b)
        verdict = ("same links, same order" if la == lb else
                   "same links, other order" if collections.Counter(la) == collections.Counter(lb) else
                   "different links")
        kinds[(kind, verdict)] += 1
    print(f"release bodies identical (heading ids aside): {same_body}, different: {diff_body}")
    for (kind, verdict), n in sorted(kinds.items()):
        print(f"  {kind:<20} {verdict:<24} {n}")
    if bad:
        sys.exit(f"problems: {', '.join(bad[:10])}")


if __name__ == "__main__":
    main()
