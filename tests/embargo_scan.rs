//! Embargo and drafts, proven leak-free: at several `--now` values around the embargo instant
//! every output byte and every output path is scanned for marker strings of an embargoed and a
//! draft release (title, body, summary, kicker, alias, bundle image name and bytes, attachment
//! name and bytes, event name and place: so the calendars and the open-data files are scanned
//! like every page), and for the search index also each marker's search term (the index holds
//! words folded and stemmed, not as written). Before the instant none may appear; from the
//! instant on all of the embargoed release's markers do; the draft's never do (without
//! `--drafts`).

mod common;

use common::{herold, site, Site};

/// One field of a held-back release and the marker it carries.
const FIELDS: &[&str] = &[
    "TITEL",
    "TEXT",
    "TEASER",
    "THEMA",
    "ALIAS",
    "BILDNAME",
    "BILDBYTES",
    "ANHANGNAME",
    "ANHANGBYTES",
    "UNTERTITEL",
    "NUMMER",
    "TERMIN",
    "TERMINORT",
];

/// The marker of `field` in the release with the prefix `p` (lower case: also used in paths).
fn marker(p: &str, field: &str) -> String {
    format!("{p}-{}-x9", field.to_lowercase())
}

/// Writes a bundle release whose every field carries its own marker.
fn add_release(s: &Site, p: &str, date: &str, extra: &str) {
    let m = |f: &str| marker(p, f);
    let dir = format!("content/releases/{date}-{p}");
    s.write(
        &format!("{dir}/{}.png", m("BILDNAME")),
        format!("\u{89}PNG {}", m("BILDBYTES")),
    );
    s.write(
        &format!("{dir}/{}.pdf", m("ANHANGNAME")),
        format!("%PDF-1.4 {}", m("ANHANGBYTES")),
    );
    s.write(
        &format!("{dir}/index.md"),
        format!(
            r#"+++
title = "Titel {titel}"
subtitle = "Untertitel {untertitel}"
kicker = "{thema}"
summary = "Teaser {teaser}"
number = "{nummer}"
date = {date}
{extra}
programmes = ["pakt-fuer-integration"]
municipalities = ["loeffingen"]
aliases = ["/alt/{alias}/"]

[image]
src = "{bildname}.png"
alt = "Ein Bild"

[[attachments]]
title = "Anhang"
file = "{anhangname}.pdf"

[event]
name = "Termin {termin}"
start = 2030-01-01
place = "Ort {terminort}"
+++

Text {text}.
"#,
            titel = m("TITEL"),
            untertitel = m("UNTERTITEL"),
            thema = m("THEMA"),
            teaser = m("TEASER"),
            nummer = m("NUMMER"),
            alias = m("ALIAS"),
            bildname = m("BILDNAME"),
            anhangname = m("ANHANGNAME"),
            text = m("TEXT"),
            termin = m("TERMIN"),
            terminort = m("TERMINORT"),
        ),
    );
}

/// The bytes of a file as lower-case text, with iCalendar's folded lines joined again (a fold
/// could split a marker and hide it from the scan).
fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .replace("\r\n ", "")
        .to_lowercase()
}

/// The search term of a marker: the hyphenated marker is indexed as its parts and as the
/// whole, folded and stemmed.
fn index_term(marker: &str) -> String {
    herold::search::text::Analyzer::new(herold::config::Language::De)
        .term(&marker.replace('-', ""))
        .unwrap_or_default()
}

/// Every field marker of `p` found in the output (paths and bytes, any letter case).
fn found(s: &Site, p: &str) -> Vec<String> {
    let files = s.output_files();
    let mut hits = Vec::new();
    for f in FIELDS {
        let m = marker(p, f);
        for (path, bytes) in &files {
            if path.to_lowercase().contains(&m) {
                hits.push(format!("{f} in the path {path}"));
            }
            if text_of(bytes).contains(&m) {
                hits.push(format!("{f} in the bytes of {path}"));
            }
            let term = format!("\"{}\"", index_term(&m));
            if path.starts_with("suche/") && String::from_utf8_lossy(bytes).contains(&term) {
                hits.push(format!("{f} as the search term {term} in {path}"));
            }
        }
    }
    // The prefix alone (e.g. in a slug or an id) is a leak too.
    for (path, bytes) in &files {
        if path.contains(p) || text_of(bytes).contains(p) {
            hits.push(format!("the prefix {p} in {path}"));
        }
    }
    hits
}

fn assert_absent(s: &Site, p: &str, now: &str) {
    let hits = found(s, p);
    assert!(hits.is_empty(), "{p} leaked at --now {now}: {hits:#?}");
}

fn assert_all_present(s: &Site, p: &str, now: &str) {
    let files = s.output_files();
    for f in FIELDS {
        let m = marker(p, f);
        let there = files
            .iter()
            .any(|(path, bytes)| path.contains(&m) || text_of(bytes).contains(&m));
        assert!(there, "{f} ({m}) of {p} missing at --now {now}");
    }
    // Published, its words are in the search index (so the scan above would see them).
    for f in ["TITEL", "TEXT", "TEASER", "UNTERTITEL"] {
        let term = format!("\"{}\"", index_term(&marker(p, f)));
        let indexed = files.iter().any(|(path, bytes)| {
            path.starts_with("suche/index/t/") && String::from_utf8_lossy(bytes).contains(&term)
        });
        assert!(
            indexed,
            "{f} ({term}) of {p} not in the search index at --now {now}"
        );
    }
}

const EMB1: &str = "sperre-eins";
const EMB2: &str = "sperre-zwei";
const DRAFT: &str = "entwurf-drei";

/// The minimal fixture plus: EMB1 embargoed until 2025-12-31T10:00:00+01:00 (09:00:00Z), EMB2
/// until 2025-07-01T12:00:00+02:00 (10:00:00Z), and a draft.
fn scan_site() -> Site {
    let s = site("minimal");
    add_release(
        &s,
        EMB1,
        "2025-12-31",
        "embargo = 2025-12-31T10:00:00+01:00",
    );
    add_release(
        &s,
        EMB2,
        "2025-07-01",
        "embargo = 2025-07-01T12:00:00+02:00",
    );
    add_release(&s, DRAFT, "2019-06-01", "draft = true");
    s
}

fn build_at(s: &Site, now: &str, args: &[&str]) -> String {
    let r = s.build_at(now, args);
    assert_eq!(r.code, 0, "--now {now}:\n{}", r.stderr);
    r.stderr
}

fn check_at(s: &Site, now: &str) -> String {
    let o = herold()
        .arg("check")
        .arg("--root")
        .arg(&s.root)
        .args(["--now", now])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(0), "{e}");
    e
}

/// The `note: the next embargoed …` line of stderr, if any.
fn note(stderr: &str) -> Option<&str> {
    stderr
        .lines()
        .find(|l| l.starts_with("Hinweis: Die nächste Pressemitteilung mit Sperrfrist"))
}

#[test]
fn around_the_first_embargo_with_a_plus_one_offset() {
    let s = scan_site();
    // One second before, in UTC and written with the embargo's own offset.
    for now in ["2025-12-31T08:59:59Z", "2025-12-31T09:59:59+01:00"] {
        build_at(&s, now, &[]);
        assert_absent(&s, EMB1, now);
        assert_all_present(&s, EMB2, now);
        assert_absent(&s, DRAFT, now);
    }
    // Exactly at the instant, and one second after.
    for now in [
        "2025-12-31T09:00:00Z",
        "2025-12-31T10:00:00+01:00",
        "2025-12-31T11:00:00+02:00",
        "2025-12-31T09:00:01Z",
    ] {
        build_at(&s, now, &[]);
        assert_all_present(&s, EMB1, now);
        assert!(s.has("alt/sperre-eins-alias-x9/index.html"), "{now}");
        // Published, it reaches the calendars and the open data too.
        let termin = marker(EMB1, "TERMIN");
        for file in [
            "termine.ics",
            "termine/index.html",
            "daten/pressemitteilungen.json",
        ] {
            assert!(s.read(file).contains(&termin), "{file} at {now}");
        }
        assert_absent(&s, DRAFT, now);
    }
}

#[test]
fn around_the_second_embargo_with_a_plus_two_offset() {
    let s = scan_site();
    for now in [
        "2025-07-01T09:59:59Z",
        "2025-07-01T11:59:59+02:00",
        "2025-07-01T00:00:00Z",
        "2025-06-30T23:59:59Z",
    ] {
        build_at(&s, now, &[]);
        assert_absent(&s, EMB2, now);
        assert_absent(&s, EMB1, now);
        assert_absent(&s, DRAFT, now);
        // Nothing of 2025 exists yet.
        assert!(!s.out.join("pressemitteilungen/2025").exists(), "{now}");
    }
    for now in [
        "2025-07-01T10:00:00Z",
        "2025-07-01T12:00:00+02:00",
        "2025-07-01T10:00:01Z",
    ] {
        build_at(&s, now, &[]);
        assert_all_present(&s, EMB2, now);
        assert_absent(&s, EMB1, now);
        assert_absent(&s, DRAFT, now);
    }
}

#[test]
fn drafts_never_appear_without_the_drafts_option() {
    let s = scan_site();
    for now in [
        "2019-06-01T00:00:00Z",
        "2026-01-01T00:00:00Z",
        "2099-01-01T00:00:00Z",
    ] {
        build_at(&s, now, &[]);
        assert_absent(&s, DRAFT, now);
    }
    // With --drafts it does appear, but embargoed releases stay held back.
    let now = "2025-07-01T09:59:59Z";
    build_at(&s, now, &["--drafts"]);
    assert_all_present(&s, DRAFT, now);
    assert_absent(&s, EMB1, now);
    assert_absent(&s, EMB2, now);
}

#[test]
fn a_failed_build_before_the_embargo_leaks_nothing_into_the_messages() {
    let s = scan_site();
    s.write(
        "content/releases/2020-01-01-kaputt.md",
        "+++\ntitle = 5\ndate = 2020-01-01\n+++\n",
    );
    let r = s.build_at("2025-07-01T09:59:59Z", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!s.out.exists());
    for p in [EMB1, EMB2, DRAFT] {
        assert!(
            !r.stderr.to_lowercase().contains(&format!("{p}-")),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn build_and_check_say_when_the_next_embargo_lifts() {
    let s = scan_site();
    let cases = [
        ("2025-07-01T09:59:59Z", Some("2025-07-01T10:00:00Z")),
        ("2025-07-01T11:59:59+02:00", Some("2025-07-01T10:00:00Z")),
        ("2025-07-01T10:00:00Z", Some("2025-12-31T09:00:00Z")),
        ("2025-12-31T08:59:59Z", Some("2025-12-31T09:00:00Z")),
        ("2025-12-31T09:00:00Z", None),
    ];
    for (now, lifts) in cases {
        let b = build_at(&s, now, &[]);
        let c = check_at(&s, now);
        assert_eq!(note(&b), note(&c), "build and check differ at {now}");
        match lifts {
            Some(at) => {
                let line = note(&b).unwrap_or_else(|| panic!("no note at {now}:\n{b}"));
                assert!(line.contains(at), "at {now}: {line}");
                assert!(line.contains("bauen Sie die Website dann neu"), "{line}");
            }
            None => assert!(note(&b).is_none(), "at {now}:\n{b}"),
        }
        for p in [EMB1, EMB2, DRAFT] {
            let low = b.to_lowercase() + &c.to_lowercase();
            assert!(!low.contains(&format!("{p}-")), "the note names {p}:\n{b}");
        }
    }
}
