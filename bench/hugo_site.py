#!/usr/bin/env python3
"""Converts a herold site (as made by ../shared/bench/gen_corpus.py) into an equivalent Hugo site.

Usage:
    python3 bench/hugo_site.py SRC OUT [--paginate-terms]

SRC is a herold site root (config.toml, content/releases, content/programmes,
content/municipalities, optionally content/pages and static/). OUT is created (an OUT made
by this script earlier is replaced; any other non-empty folder is refused). Build it with
`hugo --source OUT --destination PUBLIC`. Used by `build_bench.py --hugo` to time Hugo on the
same corpus as herold. Standard library only; stable output for identical input.

What is equivalent (checked with hugo_check.py on the 1,000- and 10,000-release corpora
against herold's output: the same HTML pages at the same URLs, every release body identical
but for heading ids, and every archive, year, topic, programme and municipality page linking
the same releases, records and topics in the same order; also run on the example site in the
repository root, with drafts, an embargo, plain pages, modules and associations):
  - one page per release, /pressemitteilungen/YYYY/SLUG/: the release files are copied byte
    for byte (Hugo reads TOML front matter between +++ natively and ignores keys it does not
    know; `date = 2025-12-31`, a TOML local date, parses) to
    content/pressemitteilungen/YEAR/SLUG.md, YEAR being the year of `date` and SLUG herold's
    slug (file stem or bundle folder without a leading YYYY-MM-DD-); bundles are copied as
    Hugo leaf bundles. Only a release with `embargo` or `updated` gets a line added
    (`publishDate`, `lastmod`: Hugo's words for them). The page shows kicker (linked to its
    topic), title, subtitle, date, number, issuers, location, the Markdown body, and links
    to its programmes and municipalities by their record names;
  - the archive /pressemitteilungen/ and year pages /pressemitteilungen/YYYY/, paginated
    with config's per_page (20) under /seite/N/ with herold's pager (first, last, two either
    side), newest first and same-day releases by slug as herold sorts them; cards with
    kicker, title, date, number and summary; the year list with counts;
  - topics: a Hugo taxonomy on the `kicker` key itself (a string value is one term), term
    pages /themen/SLUG/ paginated like the archive, and the index /themen/ with counts;
  - programmes and municipalities: Hugo taxonomies `programmes` and `municipalities` on the
    release keys of the same names; each record becomes its term's content page
    (content/programmes/SLUG/_index.md, JSON front matter: title = name, slug, the other
    fields under params, description as the Markdown body), so every record has its page at
    /programme/SLUG/ and /kommunen/SLUG/ even without releases. As in herold, a record page
    shows the record's facts, all its releases (ten newest as cards, the older ones one line
    each; --paginate-terms pages them 20 a page instead, which herold does not do), a
    programme's participants table (municipality, kind, year, funding, project, total) and
    modules, a municipality's district, associations and the programmes it takes part in,
    and for a district or association its members and the releases naming a member but
    not itself, each marked with that member (the roll-up). The reverse indexes (members,
    participations, modules) and each list's sort are computed once per build in cached
    partials, as herold computes them once;
  - index pages: /programme/ (with release counts), /kommunen/ (A-Z, by kind, by district),
    home page (latest 10 releases, the 12 programmes with most releases, topics, the 24
    most-named municipalities), 404.html;
  - feeds: the site feed (20 newest, full text) and one per programme and municipality (20
    newest, summaries; Hugo's built-in RSS template), none for sections and topics (herold
    has none either); sitemap.xml (Hugo's built-in), robots.txt; one stylesheet;
  - Markdown: Goldmark with tables, footnotes and strikethrough (Hugo's defaults), raw HTML
    omitted (herold sanitises it), typographer off (herold keeps quotes as typed).

What differs:
  - Feeds are RSS 2.0 named index.xml (herold: Atom, feed.xml).
  - Hugo also writes /seite/1/ redirect pages for the year and topic lists (herold only for
    the archive): 32 small extra files. herold writes its .herold-output manifest (one file
    more). The sitemaps list different sets (Hugo: pages and term pages; herold also the
    paginated list pages).
  - herold checks everything (references, slugs, required keys, the mention check over all
    release texts, embargo instants against --now) and reports every mistake with
    file:line:column; Hugo checks none of it (an unknown municipality slug just makes a new
    term), so the Hugo build does less work. Drafts and future dates are dropped by both;
    Hugo compares with the clock, not with a --now.
  - Heading ids keep umlauts in Hugo ("finanzierung-im-überblick"); herold transliterates
    ("finanzierung-im-ueberblick"). Dates use Hugo's localised ":date_long" ("22. Dezember
    2025") and lang.FormatCurrency, both German like herold's.
  - Topic slugs are Hugo's urlize of the kicker (same as herold's for the corpus' kickers;
    umlauts would stay). A release slug is made here with a simple transliteration
    (ä→ae, ö→oe, ü→ue, ß→ss, other accents dropped), like herold's for plain file names.
  - Markup details (class names, the /kommunen/ index's headings, the home page's layout)
    are close to herold's default theme, not identical. Release images, attachments,
    contacts and events (absent from the corpus) are not rendered; aliases are Hugo's
    redirect pages; embargo becomes publishDate.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import tomllib
import unicodedata
from pathlib import Path

MARKER = ".herold-hugo-site"
IGNORED = re.compile(r"(^\.|~$|^#.*#$|\.(swp|bak|tmp)$)")


def split_front_matter(text: str) -> tuple[str, str]:
    """Returns (TOML front matter, body) of a `+++`-fenced file."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        raise ValueError("no +++ front matter")
    for i in range(1, len(lines)):
        if lines[i].strip() == "+++":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:])
    raise ValueError("unterminated +++ front matter")


def slugify(text: str) -> str:
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def instant(v) -> dt.datetime:
    """A TOML date or offset date-time as an aware instant (a date counts from 00:00 UTC)."""
    if isinstance(v, dt.datetime):
        return v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc)
    return dt.datetime(v.year, v.month, v.day, tzinfo=dt.timezone.utc)


def toml_value(v) -> str:
    """A date/datetime from tomllib back to TOML (for the added publishDate/lastmod lines)."""
    return v.isoformat()


def jsonable(v):
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def write_index(path: Path, front: dict, body: str = "") -> None:
    """Writes a content file with JSON front matter (Hugo reads a leading JSON object)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(front, ensure_ascii=False, indent=1, sort_keys=True) + "\n" + body,
                    encoding="utf-8")


def convert_releases(src: Path, dst: Path, word: str) -> int:
    """Copies releases to content/WORD/YEAR/SLUG.md (or SLUG/ as a bundle); returns the count."""
    root = src / "content" / "releases"
    now = dt.datetime.now(dt.timezone.utc)  # Hugo, too, holds back future dates by the clock
    years: set[int] = set()
    n = 0
    for f in sorted(root.rglob("*.md")):
        if any(IGNORED.search(part) for part in f.relative_to(root).parts):
            continue
        bundle = f.name == "index.md" and f.parent != root
        stem = f.parent.name if bundle else f.stem
        text = f.read_text(encoding="utf-8")
        fm_text, _ = split_front_matter(text)
        fm = tomllib.loads(fm_text)
        slug = fm.get("slug") or slugify(re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem))
        year = fm["date"].year
        if not fm.get("draft") and instant(fm["date"]) <= now and instant(fm.get("embargo", fm["date"])) <= now:
            years.add(year)  # no year page for a year with only held-back releases
        extra = []
        if "embargo" in fm:
            extra.append(f"publishDate = {toml_value(fm['embargo'])}")
        if "updated" in fm:
            extra.append(f"lastmod = {toml_value(fm['updated'])}")
        if extra:
            head, rest = text.split("\n", 1)
            text = "\n".join([head, *extra, rest])
        ydir = dst / "content" / word / str(year)
        if bundle:
            shutil.copytree(f.parent, ydir / slug, dirs_exist_ok=False)
            (ydir / slug / "index.md").write_text(text, encoding="utf-8")
        else:
            ydir.mkdir(parents=True, exist_ok=True)
            (ydir / f"{slug}.md").write_text(text, encoding="utf-8")
        n += 1
    for y in years:
        write_index(dst / "content" / word / str(y) / "_index.md", {"title": str(y)})
    return n


def convert_records(src: Path, dst: Path, kind: str) -> int:
    """Each content/KIND/SLUG.toml becomes the term page content/KIND/SLUG/_index.md."""
    n = 0
    for f in sorted((src / "content" / kind).glob("*.toml")):
        rec = tomllib.loads(f.read_text(encoding="utf-8"))
        body = rec.pop("description", "")
        front = {"title": rec.pop("name"), "slug": f.stem, "params": jsonable(rec)}
        write_index(dst / "content" / kind / f.stem / "_index.md", front, body + "\n" if body else "")
        n += 1
    return n


def convert_pages(src: Path, dst: Path) -> int:
    n = 0
    for f in sorted((src / "content" / "pages").glob("*.md")):
        text = f.read_text(encoding="utf-8")
        fm = tomllib.loads(split_front_matter(text)[0])
        slug = fm.get("slug") or slugify(f.stem)
        (dst / "content" / f"{slug}.md").write_text(text, encoding="utf-8")
        n += 1
    return n


def hugo_config(cfg: dict, paginate_terms: bool) -> str:
    paths = {"releases": "pressemitteilungen", "programmes": "programme", "municipalities": "kommunen",
             "topics": "themen", "page": "seite", **cfg.get("paths", {})}
    q = json.dumps
    base = cfg["base_url"].rstrip("/") + "/"
    return f"""baseURL = {q(base)}
title = {q(cfg["title"])}
locale = {q(cfg.get("language", "de"))}
defaultContentLanguage = {q(cfg.get("language", "de"))}
enableRobotsTXT = true
disableHugoGeneratorInject = true
capitalizeListTitles = false

[params]
description = {q(cfg.get("description", ""))}
paginateTerms = {str(paginate_terms).lower()}
releases = {q(paths["releases"])}

[pagination]
pagerSize = {int(cfg.get("per_page", 20))}
path = {q(paths["page"])}

[taxonomies]
programme = "programmes"
municipality = "municipalities"
topic = "kicker"

[permalinks.taxonomy]
programmes = "/{paths["programmes"]}/"
municipalities = "/{paths["municipalities"]}/"
kicker = "/{paths["topics"]}/"

[permalinks.term]
programmes = "/{paths["programmes"]}/:slug/"
municipalities = "/{paths["municipalities"]}/:slug/"
kicker = "/{paths["topics"]}/:slug/"

[outputs]
home = ["html", "rss"]
page = ["html"]
section = ["html"]
taxonomy = ["html"]
term = ["html", "rss"]

[services.rss]
limit = 20

[markup.goldmark.renderer]
unsafe = false

[markup.goldmark.extensions.typographer]
disable = true
"""


# --------------------------------------------------------------------------------------------
# templates (Hugo >= 0.146 template layout)

LAYOUTS = {}

LAYOUTS["baseof.html"] = """<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ block "title" . }}{{ .Title }}{{ end }} – {{ site.Title }}{{ end }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .RelPermalink }}">{{ end }}
{{ if and .IsBranch (not .IsHome) }}{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ $.Title }}" href="{{ .RelPermalink }}">{{ end }}{{ end }}
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:site_name" content="{{ site.Title }}">
</head>
<body>
<a class="skip-link" href="#inhalt">Zum Inhalt springen</a>
<header class="site-header">
  <div class="wrap site-header__inner">
    <p class="site-title"><a href="{{ "/" | relURL }}">{{ site.Title }}</a></p>
    <nav class="site-nav" aria-label="Hauptnavigation">
      <ul>
        {{- $s := .Section }}
        <li><a href="{{ (site.GetPage site.Params.releases).RelPermalink }}"{{ if eq $s site.Params.releases }} aria-current="page"{{ end }}>Pressemitteilungen</a></li>
        <li><a href="{{ (site.GetPage "/programmes").RelPermalink }}"{{ if eq $s "programmes" }} aria-current="page"{{ end }}>Förderprogramme</a></li>
        <li><a href="{{ (site.GetPage "/municipalities").RelPermalink }}"{{ if eq $s "municipalities" }} aria-current="page"{{ end }}>Kommunen</a></li>
        <li><a href="{{ (site.GetPage "/kicker").RelPermalink }}"{{ if eq $s "kicker" }} aria-current="page"{{ end }}>Themen</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="inhalt" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
{{ partialCached "footer.html" . }}
</body>
</html>
"""

LAYOUTS["_partials/footer.html"] = """<footer class="site-footer">
  <div class="wrap">
    <p class="site-footer__title">{{ site.Title }}</p>
    {{ with site.Home.RegularPages.ByWeight }}<ul class="footer-pages">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
    {{ with site.Home.OutputFormats.Get "rss" }}<p><a href="{{ .RelPermalink }}">Feed abonnieren (RSS)</a></p>{{ end }}
  </div>
</footer>
"""

# a release card; context: dict p (page) h (heading element)
LAYOUTS["_partials/card.html"] = """{{ $p := .p }}<li><article class="card">
  {{- range first 1 ($p.GetTerms "kicker") }}
  <p class="kicker"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></p>{{ end }}
  {{ if eq .h "h3" }}<h3 class="card__title"><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></h3>{{ else }}<h2 class="card__title"><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></h2>{{ end }}
  <p class="card__meta"><time datetime="{{ $p.Date.Format "2006-01-02" }}">{{ $p.Date | time.Format ":date_long" }}</time>{{ with $p.Params.number }} · Nr. {{ . }}{{ end }}{{ with .via }} · über {{ range $i, $m := . }}{{ if $i }}, {{ end }}<a href="{{ $m.RelPermalink }}">{{ $m.LinkTitle }}</a>{{ end }}{{ end }}</p>
  <p class="card__summary">{{ $p.Summary | plainify }}</p>
</article></li>
"""

# releases of a record: ten newest as cards, the rest one line each; context: dict pages (Pages)
# and via (for a roll-up: the members' slugs; a release is marked with the member it names, the
# first by name if several)
LAYOUTS["_partials/releases.html"] = """{{ $via := .via }}{{ with .pages }}<ul class="card-list">
{{ range first 10 . }}{{ $names := slice }}{{ if $via }}{{ range .GetTerms "municipalities" }}{{ if in $via .Data.Term }}{{ $names = $names | append . }}{{ end }}{{ end }}{{ end }}
{{- partial "card.html" (dict "p" . "h" "h3" "via" (first 1 (sort $names "Title"))) }}{{ end }}
</ul>
{{ with after 10 . }}<details class="older">
  <summary>Ältere Mitteilungen ({{ len . }})</summary>
  <ul class="older-list">
  {{- range . }}
    <li><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>: <a href="{{ .RelPermalink }}">{{ .Title }}</a>
    {{- if $via }}{{ $names := slice }}{{ range .GetTerms "municipalities" }}{{ if in $via .Data.Term }}{{ $names = $names | append .LinkTitle }}{{ end }}{{ end }}
    {{- with $names }} <span class="meta">(über {{ index (sort .) 0 }})</span>{{ end }}{{ end }}</li>
  {{- end }}
  </ul>
</details>{{ end }}
{{ else }}<p>Keine Mitteilungen.</p>{{ end }}
"""

# paginated card list (archive, year, topic, and record pages with paginateTerms); context: page
LAYOUTS["_partials/paged.html"] = """{{ $pager := .Paginator }}
<ul class="card-list">
{{ range $pager.Pages }}{{ partial "card.html" (dict "p" . "h" "h2") }}{{ end }}
</ul>
{{ if gt $pager.TotalPages 1 }}<nav class="pagination" aria-label="Seitennavigation">
  <ul>
    {{- with $pager.Prev }}
    <li><a href="{{ .URL }}" rel="prev">← Vorherige Seite</a></li>{{ end }}
    {{- /* first, last, and two either side of the current page, like herold */}}
    {{- $c := $pager.PageNumber }}{{ $last := $pager.TotalPages }}
    {{- $lo := cond (gt $c 3) (sub $c 2) 2 }}{{ $hi := cond (lt $c (sub $last 2)) (add $c 2) (sub $last 1) }}
    {{- $nums := slice 1 }}{{ if le $lo $hi }}{{ $nums = $nums | append (seq $lo $hi) }}{{ end }}{{ $nums = $nums | append $last }}
    {{- $prev := 0 }}
    {{- range $nums }}
    {{- if gt . (add $prev 1) }}
    <li aria-hidden="true">…</li>{{ end }}
    {{- with index $pager.Pagers (sub . 1) }}
    <li><a href="{{ .URL }}"{{ if eq .PageNumber $c }} aria-current="page"{{ end }}><span class="visually-hidden">Seite </span>{{ .PageNumber }}</a></li>{{ end }}
    {{- $prev = . }}
    {{- end }}
    {{- with $pager.Next }}
    <li><a href="{{ .URL }}" rel="next">Nächste Seite →</a></li>{{ end }}
  </ul>
</nav>{{ end }}
"""

# releases of a section or term, newest first, same day by slug (herold's order); once per list
LAYOUTS["_partials/newest.html"] = """{{ $pages := cond .IsSection .RegularPagesRecursive .Pages }}
{{ return sort (sort $pages "File.ContentBaseName") "Date" "desc" }}
"""

# the year list: counted once per build (partialCached), marked per page
LAYOUTS["_partials/years.html"] = """{{ $years := slice }}
{{- range (site.GetPage site.Params.releases).Sections.ByTitle.Reverse }}
  {{- $years = $years | append (dict "title" .Title "url" .RelPermalink "count" (len .RegularPages)) }}
{{- end }}
{{ return $years }}
"""

LAYOUTS["_partials/yearnav.html"] = """<nav class="year-nav" aria-labelledby="s-jahre">
  <h2 id="s-jahre">Archiv</h2>
  <ul>
  {{- range partialCached "years.html" "all" }}
    <li><a href="{{ .url }}"{{ if eq .url $.RelPermalink }} aria-current="page"{{ end }}>{{ .title }}</a> <span class="count">({{ .count }})</span></li>
  {{- end }}
  </ul>
</nav>
"""

# reverse indexes, computed once per build (partialCached): members of districts and
# associations, programmes a municipality takes part in, modules of a programme
LAYOUTS["_partials/indexes.html"] = """{{ $s := newScratch }}
{{ range (site.GetPage "/municipalities").Pages }}
  {{ $m := . }}
  {{ with .Params.district }}{{ $s.Add (printf "members/%s" .) (slice $m) }}{{ end }}
  {{ range .Params.members }}{{ with site.GetPage (printf "/municipalities/%s" .) }}{{ $s.Add (printf "members/%s" $m.Data.Term) (slice .) }}{{ $s.Add (printf "memberof/%s" .Data.Term) (slice $m) }}{{ end }}{{ end }}
{{ end }}
{{ range (site.GetPage "/programmes").Pages.ByTitle }}
  {{ $p := . }}
  {{ with .Params.parent }}{{ $s.Add (printf "modules/%s" .) (slice $p) }}{{ end }}
  {{ range .Params.participants }}
    {{ $s.Add (printf "programmes/%s" .municipality) (slice (dict "programme" $p "year" .year "funding" .funding_eur "project" .project)) }}
  {{ end }}
{{ end }}
{{ return $s }}
"""

LAYOUTS["home.html"] = """{{ define "main" }}
{{ $s := site.GetPage site.Params.releases }}{{ $all := partialCached "newest.html" $s $s.Path }}
<h1>{{ site.Title }}</h1>
{{ with site.Params.description }}<p class="lead">{{ . }}</p>{{ end }}
<section aria-labelledby="s-neu">
  <h2 id="s-neu">Neueste Mitteilungen</h2>
  <ul class="card-list">{{ range first 10 $all }}{{ partial "card.html" (dict "p" . "h" "h3") }}{{ end }}</ul>
  <p><a href="{{ (site.GetPage site.Params.releases).RelPermalink }}">Alle {{ len $all }} Pressemitteilungen</a></p>
</section>
<section aria-labelledby="s-programme">
  <h2 id="s-programme">Förderprogramme</h2>
  <ul class="link-list">{{ range first 12 site.Taxonomies.programmes.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">({{ .Count }})</span></li>{{ end }}</ul>
</section>
<section aria-labelledby="s-themen">
  <h2 id="s-themen">Themen</h2>
  <ul class="tag-list">{{ range site.Taxonomies.kicker.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">({{ .Count }})</span></li>{{ end }}</ul>
</section>
<section aria-labelledby="s-kommunen">
  <h2 id="s-kommunen">Kommunen</h2>
  {{ $top := slice }}{{ range first 24 site.Taxonomies.municipalities.ByCount }}{{ $top = $top | append .Page }}{{ end }}
  <ul class="tag-list">{{ range sort $top "Title" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</section>
{{ end }}
"""

LAYOUTS["page.html"] = """{{ define "main" }}
{{ if eq .Section site.Params.releases }}
<article class="release">
  <header class="release__header">
    {{- range first 1 (.GetTerms "kicker") }}
    <p class="kicker"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></p>{{ end }}
    <h1>{{ .Title }}</h1>
    {{ with .Params.subtitle }}<p class="release__subtitle">{{ . }}</p>{{ end }}
    <p class="release__meta">
      <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>
      {{- with .Params.number }} <span class="sep">·</span> <span>Nr. {{ . }}</span>{{ end }}
      {{- with .Params.location }} <span class="sep">·</span> <span>{{ . }}</span>{{ end }}
    </p>
    {{ if .Params.joint }}<p class="release__joint">Gemeinsame Pressemitteilung</p>{{ end }}
    {{ with .Params.issuers }}<p class="release__issuers"><span class="label">Herausgegeben von:</span> {{ delimit . ", " }}</p>{{ end }}
  </header>
  <div class="release__body prose">
{{ .Content }}
  </div>
  {{ if .Params.updated }}<p class="release__updated">Aktualisiert am {{ .Lastmod | time.Format ":date_long" }}{{ with .Params.change_note }}: {{ . }}{{ end }}</p>{{ end }}
  <footer class="release__links">
    {{ with .GetTerms "programmes" }}<section aria-labelledby="s-rel-programme">
      <h2 id="s-rel-programme">Förderprogramme in dieser Mitteilung</h2>
      <ul class="tag-list">
        {{- range . }}
        <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
      </ul>
    </section>{{ end }}
    {{ with .GetTerms "municipalities" }}<section aria-labelledby="s-rel-kommunen">
      <h2 id="s-rel-kommunen">Kommunen in dieser Mitteilung</h2>
      <ul class="tag-list">
        {{- range . }}
        <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
      </ul>
    </section>{{ end }}
  </footer>
</article>
{{ else }}
<article class="page"><h1>{{ .Title }}</h1><div class="prose">{{ .Content }}</div></article>
{{ end }}
{{ end }}
"""

# archive and year pages
LAYOUTS["section.html"] = """{{ define "title" }}{{ $pager := .Paginate (partialCached "newest.html" . .Path) }}{{ if eq .Parent site.Home }}Pressemitteilungen{{ else }}Pressemitteilungen {{ .Title }}{{ end }} – Seite {{ $pager.PageNumber }}{{ end }}
{{ define "main" }}
{{ $pager := .Paginate (partialCached "newest.html" . .Path) }}
<h1>{{ if eq .Parent site.Home }}Alle Pressemitteilungen{{ else }}Pressemitteilungen {{ .Title }}{{ end }}{{ if gt $pager.TotalPages 1 }} <span class="page-of">– Seite {{ $pager.PageNumber }} von {{ $pager.TotalPages }}</span>{{ end }}</h1>
<p class="count-line">{{ $pager.TotalNumberOfElements }} Mitteilungen</p>
<div class="list-layout">
  <div class="list-main">
{{ partial "paged.html" . }}
  </div>
{{ partial "yearnav.html" . }}
</div>
{{ end }}
"""

# topic pages
LAYOUTS["kicker/term.html"] = """{{ define "title" }}{{ $pager := .Paginate (partialCached "newest.html" . .Path) }}Thema: {{ .Title }} – Seite {{ $pager.PageNumber }}{{ end }}
{{ define "main" }}
{{ $pager := .Paginate (partialCached "newest.html" . .Path) }}
<h1>Thema: {{ .Title }}{{ if gt $pager.TotalPages 1 }} <span class="page-of">– Seite {{ $pager.PageNumber }} von {{ $pager.TotalPages }}</span>{{ end }}</h1>
<p class="count-line">{{ $pager.TotalNumberOfElements }} Mitteilungen</p>
<div class="list-layout">
  <div class="list-main">
{{ partial "paged.html" . }}
  </div>
{{ partial "yearnav.html" . }}
</div>
{{ end }}
"""

LAYOUTS["kicker/taxonomy.html"] = """{{ define "main" }}
<h1>Themen</h1>
<ul class="topic-list">
{{- range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">({{ .Count }})</span></li>
{{- end }}
</ul>
{{ end }}
"""

LAYOUTS["_partials/record_releases.html"] = """<section aria-labelledby="s-mitteilungen">
  <h2 id="s-mitteilungen">Pressemitteilungen</h2>
  {{ if site.Params.paginateTerms }}{{ $pager := .Paginate (partialCached "newest.html" . .Path) }}{{ partial "paged.html" . }}{{ else }}{{ partial "releases.html" (dict "pages" (partialCached "newest.html" . .Path) "via" slice) }}{{ end }}
  {{ with .OutputFormats.Get "rss" }}<p class="feed-link"><a href="{{ .RelPermalink }}">Feed abonnieren (RSS)</a></p>{{ end }}
</section>
"""

LAYOUTS["programmes/term.html"] = """{{ define "main" }}
{{ $slug := .Data.Term }}
{{ $idx := partialCached "indexes.html" "all" }}
<article class="record">
  <header>
    {{ with .Params.parent }}{{ with site.GetPage (printf "/programmes/%s" .) }}<p class="kicker">Modul von <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></p>{{ end }}{{ end }}
    <h1>{{ .Title }}</h1>
    {{ with .Params.short }}<p class="record__short">{{ . }}</p>{{ end }}
  </header>
  {{ with .Content }}<div class="prose">
{{ . }}
  </div>{{ end }}
  <dl class="facts">
    {{ with .Params.owner }}<dt>Träger</dt><dd>{{ . }}</dd>{{ end }}
    {{ if or .Params.start .Params.end }}<dt>Laufzeit</dt><dd>{{ with .Params.start }}{{ time.AsTime . | time.Format ":date_long" }}{{ end }} – {{ with .Params.end }}{{ time.AsTime . | time.Format ":date_long" }}{{ end }}</dd>{{ end }}
    {{ with .Params.budget_eur }}<dt>Budget</dt><dd class="num">{{ lang.FormatCurrency 0 "EUR" . }}</dd>{{ end }}
    {{ with .Params.website }}<dt>Website</dt><dd><a href="{{ . }}">{{ . }}</a></dd>{{ end }}
  </dl>
  {{ with $idx.Get (printf "modules/%s" $slug) }}<section aria-labelledby="s-module">
    <h2 id="s-module">Module</h2>
    <ul class="tag-list">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
  </section>{{ end }}
  {{ with .Params.participants }}<section aria-labelledby="s-teilnehmer">
    <h2 id="s-teilnehmer">Geförderte Kommunen ({{ len . }})</h2>
    <div class="table-scroll" role="region" aria-labelledby="s-teilnehmer" tabindex="0">
    <table>
      <thead><tr><th scope="col">Kommune</th><th scope="col">Art</th><th scope="col">Jahr</th><th scope="col" class="num">Förderung</th><th scope="col">Projekt</th></tr></thead>
      <tbody>
      {{- $total := 0 }}
      {{- range . }}
        {{- $total = add $total (.funding_eur | default 0) }}
        {{- $m := site.GetPage (printf "/municipalities/%s" .municipality) }}
        <tr><th scope="row"><a href="{{ $m.RelPermalink }}">{{ $m.LinkTitle }}</a></th><td>{{ $m.Params.kind }}</td><td>{{ .year }}</td><td class="num">{{ with .funding_eur }}{{ lang.FormatCurrency 0 "EUR" . }}{{ end }}</td><td>{{ .project }}</td></tr>
      {{- end }}
      </tbody>
      <tfoot><tr><th scope="row" colspan="3">Summe</th><td class="num">{{ lang.FormatCurrency 0 "EUR" $total }}</td><td></td></tr></tfoot>
    </table>
    </div>
  </section>{{ end }}
  {{ partial "record_releases.html" . }}
</article>
{{ end }}
"""

LAYOUTS["programmes/taxonomy.html"] = """{{ define "main" }}
<h1>Förderprogramme</h1>
{{ $top := slice }}{{ range .Pages.ByTitle }}{{ if not .Params.parent }}{{ $top = $top | append . }}{{ end }}{{ end }}
{{ partial "programme_tree.html" $top }}
{{ end }}
"""

# programmes with their modules, recursively; context: the programmes of one level
LAYOUTS["_partials/programme_tree.html"] = """<ul class="programme-tree">
{{- range . }}
  <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> <span class="count">({{ len .Pages }})</span>
  {{- with (partialCached "indexes.html" "all").Get (printf "modules/%s" .Data.Term) }}{{ partial "programme_tree.html" (sort . "Title") }}{{ end }}</li>
{{- end }}
</ul>
"""

LAYOUTS["municipalities/term.html"] = """{{ define "main" }}
{{ $slug := .Data.Term }}
{{ $idx := partialCached "indexes.html" "all" }}
<article class="record">
  <header>
    {{ with .Params.kind }}<p class="kicker">{{ . }}</p>{{ end }}
    <h1>{{ .Title }}</h1>
  </header>
  <dl class="facts">
    {{ with .Params.kind }}<dt>Art</dt><dd>{{ . }}</dd>{{ end }}
    {{ with .Params.district }}{{ with site.GetPage (printf "/municipalities/%s" .) }}<dt>Landkreis</dt><dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>{{ end }}{{ end }}
    {{ with $idx.Get (printf "memberof/%s" $slug) }}<dt>Mitglied in</dt><dd>{{ range $i, $m := sort . "Title" }}{{ if $i }}, {{ end }}<a href="{{ $m.RelPermalink }}">{{ $m.LinkTitle }}</a>{{ end }}</dd>{{ end }}
    {{ with .Params.ags }}<dt>Amtlicher Gemeindeschlüssel</dt><dd>{{ . }}</dd>{{ end }}
    {{ with .Params.population }}<dt>Einwohnerinnen und Einwohner</dt><dd class="num">{{ lang.FormatNumber 0 . }}</dd>{{ end }}
    {{ with .Params.state }}<dt>Land</dt><dd>{{ . }}</dd>{{ end }}
    {{ with .Params.coordinates }}<dt>Koordinaten</dt><dd>{{ lang.FormatNumber 4 (index . 0) }}, {{ lang.FormatNumber 4 (index . 1) }}</dd>{{ end }}
    {{ with .Params.website }}<dt>Website</dt><dd><a href="{{ . }}">{{ . }}</a></dd>{{ end }}
  </dl>
  {{ with .Content }}<div class="prose">
{{ . }}
  </div>{{ end }}
  {{ $members := $idx.Get (printf "members/%s" $slug) }}
  {{ with $members }}<section aria-labelledby="s-mitglieder">
    <h2 id="s-mitglieder">Mitgliedskommunen ({{ len . }})</h2>
    <ul class="tag-list">
      {{- range sort . "Title" }}
      <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
    </ul>
  </section>{{ end }}
  {{ with $idx.Get (printf "programmes/%s" $slug) }}<section aria-labelledby="s-programme">
    <h2 id="s-programme">Beteiligung an Förderprogrammen</h2>
    <div class="table-scroll" role="region" aria-labelledby="s-programme" tabindex="0">
    <table>
      <thead><tr><th scope="col">Förderprogramme</th><th scope="col">Jahr</th><th scope="col" class="num">Förderung</th><th scope="col">Projekt</th></tr></thead>
      <tbody>
      {{- range . }}
        <tr><th scope="row"><a href="{{ .programme.RelPermalink }}">{{ .programme.LinkTitle }}</a></th><td>{{ .year }}</td><td class="num">{{ with .funding }}{{ lang.FormatCurrency 0 "EUR" . }}{{ end }}</td><td>{{ .project }}</td></tr>
      {{- end }}
      </tbody>
    </table>
    </div>
  </section>{{ end }}
  {{ partial "record_releases.html" . }}
  {{ with $members }}
    {{ $rel := slice }}{{ $slugs := slice }}
    {{ range . }}{{ $slugs = $slugs | append .Data.Term }}{{ with index site.Taxonomies.municipalities .Data.Term }}{{ $rel = $rel | append .Pages }}{{ end }}{{ end }}
    <section aria-labelledby="s-mitglieder-mitteilungen">
      <h2 id="s-mitglieder-mitteilungen">Mitteilungen über Mitgliedskommunen</h2>
      {{ partial "releases.html" (dict "pages" (sort (sort (complement $.Pages ($rel | uniq)) "File.ContentBaseName") "Date" "desc") "via" $slugs) }}
    </section>
  {{ end }}
</article>
{{ end }}
"""

LAYOUTS["municipalities/taxonomy.html"] = """{{ define "main" }}
{{ $all := .Pages.ByTitle }}
<h1>Kommunen</h1>
<p class="count-line">{{ len $all }} Kommunen</p>
<section aria-labelledby="s-az">
  <h2 id="s-az">A–Z</h2>
  {{ $letter := "" }}
  {{- range $all }}
    {{- $l := upper (substr .Title 0 1) }}
    {{- if ne $l $letter }}{{ if $letter }}</ul>{{ end }}<h3>{{ $l }}</h3><ul class="tag-list">{{ $letter = $l }}{{ end }}
    <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
  {{- end }}{{ if $letter }}</ul>{{ end }}
</section>
<section aria-labelledby="s-art">
  <h2 id="s-art">Nach Art</h2>
  {{ range $all.GroupByParam "kind" }}<h3>{{ .Key }} ({{ len .Pages }})</h3>
  <ul class="tag-list">{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</section>
<section aria-labelledby="s-kreis">
  <h2 id="s-kreis">Nach Landkreis</h2>
  {{ range $all.GroupByParam "district" }}{{ $d := site.GetPage (printf "/municipalities/%s" .Key) }}<h3><a href="{{ $d.RelPermalink }}">{{ $d.LinkTitle }}</a></h3>
  <ul class="tag-list">{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</section>
{{ end }}
"""

LAYOUTS["404.html"] = """{{ define "main" }}
<h1>Seite nicht gefunden</h1>
<p>Diese Seite gibt es nicht (mehr). <a href="{{ "/" | relURL }}">Zur Startseite</a></p>
{{ end }}
"""

# the site feed with full text, like herold's /feed.xml (the term feeds use Hugo's built-in one)
LAYOUTS["home.rss.xml"] = """{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\" standalone=\\"yes\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{{ site.Title }}</title>
    <link>{{ .Permalink }}</link>
    <description>{{ with site.Params.description }}{{ . }}{{ else }}{{ site.Title }}{{ end }}</description>
    <language>{{ site.Language.Lang }}</language>
    {{ $s := site.GetPage site.Params.releases }}{{ $pages := first 20 (partialCached "newest.html" $s $s.Path) }}
    {{ with index $pages 0 }}<lastBuildDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</lastBuildDate>{{ end }}
    {{ with .OutputFormats.Get "RSS" }}<atom:link href="{{ .Permalink }}" rel="self" type="{{ .MediaType }}" />{{ end }}
    {{- range $pages }}
    <item>
      <title>{{ .Title }}</title>
      <link>{{ .Permalink }}</link>
      <pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
      <guid>{{ .Permalink }}</guid>
      <description>{{ .Content | transform.XMLEscape | safeHTML }}</description>
    </item>
    {{- end }}
  </channel>
</rss>
"""

CSS = """:root{--fg:#1a1a1a;--bg:#fff;--accent:#0b5394}
*{box-sizing:border-box}body{margin:0;font:1rem/1.55 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}.skip-link{position:absolute;left:-999px}
.skip-link:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}a{color:var(--accent)}
a:focus-visible{outline:3px solid #f90;outline-offset:2px}.site-header{border-bottom:1px solid #ccc}
.site-nav ul,.tag-list,.card-list,.pagination ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem}
.card-list{display:block}.card{border-bottom:1px solid #ddd;padding:.75rem 0}.kicker{font-size:.85rem;text-transform:uppercase;margin:0}
.card__meta,.release__meta,.count-line{color:#555}.list-layout{display:grid;grid-template-columns:1fr 14rem;gap:2rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}.num{text-align:right}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table{border-collapse:collapse}th,td{padding:.25rem .5rem;border-bottom:1px solid #ddd;text-align:left}
@media print{.site-nav,.year-nav,.pagination{display:none}}
"""


def convert(src: Path, out: Path, paginate_terms: bool = False) -> dict:
    """Writes the Hugo site for the herold site src into out; returns counts."""
    cfg = tomllib.loads((src / "config.toml").read_text(encoding="utf-8"))
    if out.exists():
        if (out / MARKER).exists():
            shutil.rmtree(out)
        elif any(out.iterdir()):
            sys.exit(f"refusing to replace {out}: not empty and not made by {Path(__file__).name}")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(f"made by bench/hugo_site.py from {src}\n", encoding="utf-8")
    paths = {"releases": "pressemitteilungen", **cfg.get("paths", {})}
    (out / "hugo.toml").write_text(hugo_config(cfg, paginate_terms), encoding="utf-8")
    for name, text in LAYOUTS.items():
        p = out / "layouts" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    if (src / "static").is_dir():
        shutil.copytree(src / "static", out / "static")
    (out / "static" / "css").mkdir(parents=True, exist_ok=True)
    (out / "static" / "css" / "site.css").write_text(CSS, encoding="utf-8")
    c = out / "content"
    write_index(c / paths["releases"] / "_index.md", {"title": "Pressemitteilungen"})
    write_index(c / "programmes" / "_index.md", {"title": "Förderprogramme"})
    write_index(c / "municipalities" / "_index.md", {"title": "Kommunen"})
    # topics have no feeds in herold: HTML only, for the index and every term page
    write_index(c / "kicker" / "_index.md", {"title": "Themen", "outputs": ["html"],
                                               "cascade": [{"outputs": ["html"]}]})
    return {
        "releases": convert_releases(src, out, paths["releases"]),
        "programmes": convert_records(src, out, "programmes"),
        "municipalities": convert_records(src, out, "municipalities"),
        "pages": convert_pages(src, out) if (src / "content" / "pages").is_dir() else 0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path, help="herold site root")
    ap.add_argument("out", type=Path, help="folder for the Hugo site")
    ap.add_argument("--paginate-terms", action="store_true",
                    help="page programme and municipality releases 20 a page (herold does not)")
    a = ap.parse_args()
    counts = convert(a.src, a.out, a.paginate_terms)
    print(f"{a.out}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
