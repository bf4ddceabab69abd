//! `herold new`: the next release number across years, gaps and unnumbered releases; records
//! filled from the official table with `--ags`; nothing is ever overwritten; what it writes
//! builds; messages follow the site's language.

mod common;

use common::{empty_site, herold, site, Site};

fn new(s: &Site, args: &[&str]) -> assert_cmd::assert::Assert {
    herold()
        .arg("new")
        .args(args)
        .arg("--root")
        .arg(&s.root)
        .env("LANG", "de_DE.UTF-8")
        .assert()
}

fn release(s: &Site, rel: &str, number: Option<&str>, date: &str) {
    let number = number.map_or(String::new(), |n| format!("number = \"{n}\"\n"));
    s.write(
        rel,
        format!("+++\ntitle = \"T\"\ndate = {date}\n{number}+++\n\nText.\n"),
    );
}

/// The path `herold new` printed, and the number in the file it wrote.
fn written(out: &[u8]) -> (std::path::PathBuf, String) {
    let path = std::path::PathBuf::from(String::from_utf8_lossy(out).trim());
    let text = std::fs::read_to_string(&path).unwrap();
    let number = text
        .lines()
        .find_map(|l| l.strip_prefix("number = "))
        .unwrap_or("")
        .trim_matches('"')
        .to_string();
    (path, number)
}

#[test]
fn the_next_number_follows_the_highest_of_the_year() {
    let s = empty_site("");
    release(&s, "content/releases/a.md", Some("007/2025"), "2025-03-01");
    // A gap: 012 is the highest, 008–011 do not exist.
    release(
        &s,
        "content/releases/2025/b.md",
        Some("012/2025"),
        "2025-05-01",
    );
    // Other years and unnumbered releases do not count.
    release(&s, "content/releases/c.md", Some("099/2024"), "2024-12-30");
    release(&s, "content/releases/d.md", None, "2025-06-01");
    release(
        &s,
        "content/releases/e.md",
        Some("Sonderausgabe"),
        "2025-06-02",
    );
    let out = new(
        &s,
        &["release", "Neue Förderung", "--now", "2025-07-01T09:00:00Z"],
    )
    .success();
    let (path, number) = written(&out.get_output().stdout);
    assert_eq!(number, "013/2025");
    assert!(
        path.ends_with("content/releases/2025-07-01-neue-foerderung.md"),
        "{}",
        path.display()
    );
    // The new release counts for the next one, and a new year starts at 001.
    let out = new(&s, &["release", "Zweite", "--now", "2025-07-02T09:00:00Z"]).success();
    assert_eq!(written(&out.get_output().stdout).1, "014/2025");
    let out = new(&s, &["release", "Neujahr", "--now", "2026-01-02T09:00:00Z"]).success();
    assert_eq!(written(&out.get_output().stdout).1, "001/2026");
}

#[test]
fn a_new_release_is_a_draft_that_builds_once_published() {
    let s = site("full");
    let out = new(
        &s,
        &[
            "release",
            "Land fördert Löffingen",
            "--now",
            "2025-07-01T09:00:00Z",
        ],
    )
    .success();
    let (path, _) = written(&out.get_output().stdout);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("title = \"Land fördert Löffingen\""),
        "{text}"
    );
    assert!(text.contains("date = 2025-07-01"));
    assert!(text.contains("# kicker = "), "commented keys: {text}");
    assert!(text.contains("# programmes = []"));
    assert!(text.contains("# municipalities = []"));
    // A draft appears nowhere…
    s.build();
    assert!(!s.has("pressemitteilungen/2025/land-foerdert-loeffingen/index.html"));
    // …until its draft line is deleted.
    std::fs::write(&path, text.replace("draft = true\n", "")).unwrap();
    s.build();
    assert!(s.has("pressemitteilungen/2025/land-foerdert-loeffingen/index.html"));
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let s = site("full");
    s.write("content/programmes/heimat.toml", "name = \"Alt\"\n");
    let err = new(&s, &["programme", "Heimat"]).code(1);
    let stderr = String::from_utf8_lossy(&err.get_output().stderr).to_string();
    assert!(stderr.contains("heimat.toml gibt es schon"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(s.root.join("content/programmes/heimat.toml")).unwrap(),
        "name = \"Alt\"\n"
    );
}

#[test]
fn a_municipality_is_filled_from_the_official_key() {
    let s = site("full");
    // Löffingen exists in the fixture: a neighbour of the same district.
    let out = new(&s, &["municipality", "--ags", "08315039"]).success();
    let (path, _) = written(&out.get_output().stdout);
    assert!(path.ends_with("content/municipalities/friedenweiler.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    for line in [
        "name = \"Friedenweiler\"",
        "kind = \"Gemeinde\"",
        "ags = \"08315039\"",
        "district = \"landkreis-breisgau-hochschwarzwald\"",
        "population = ",
        "coordinates = [47.",
    ] {
        assert!(text.contains(line), "{line} missing in\n{text}");
    }
    // The record is valid: the site still builds, with the new municipality page.
    s.build();
    assert!(s.has("kommunen/friedenweiler/index.html"));

    // A district without a record: the line is commented, with a note.
    let out = new(&s, &["municipality", "--ags", "08425141"]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("alb-donau-kreis"), "{stderr}");
    let (path, _) = written(&out.get_output().stdout);
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("# district = \"alb-donau-kreis\""), "{text}");
    s.build();

    let err = new(&s, &["municipality", "--ags", "09162000"]).code(1);
    let stderr = String::from_utf8_lossy(&err.get_output().stderr).to_string();
    assert!(stderr.contains("09162000"), "{stderr}");
}

#[test]
fn messages_follow_the_site_language_and_lang_outside_a_site() {
    let s = empty_site("language = \"en\"\n");
    s.write("content/programmes/x.toml", "name = \"X\"\n");
    let err = new(&s, &["programme", "X"]).code(1);
    let stderr = String::from_utf8_lossy(&err.get_output().stderr).to_string();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("exists already"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let run = |lang: &str| {
        let out = herold()
            .args(["new", "programme", "X", "--root"])
            .arg(dir.path())
            .env("LANG", lang)
            .assert()
            .code(1);
        String::from_utf8_lossy(&out.get_output().stderr).to_string()
    };
    assert!(run("de_DE.UTF-8").contains("keine config.toml"));
    assert!(run("en_GB.UTF-8").contains("has no config.toml"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
