//! The command line's reporting flags: `--deny-warnings`, `--all-warnings`, `--quiet`.

mod common;

use common::site;

/// A site whose only problem is a warning (a municipality listed twice).
fn site_with_a_warning() -> common::Site {
    let s = site("minimal");
    s.write(
        "content/releases/2020-01-01-doppelt.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-01\nmunicipalities = [\"loeffingen\", \"loeffingen\"]\n+++\n",
    );
    s
}

#[test]
fn deny_warnings_fails_and_writes_nothing() {
    let s = site_with_a_warning();
    let r = s.build_with(&["--deny-warnings"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("(--deny-warnings)"), "{}", r.stderr);
    assert!(!s.out.exists(), "nothing may be written");
    assert_eq!(
        s.build_with(&[]).code,
        0,
        "without the flag the warning does not fail"
    );
    assert!(s.has("index.html"));
}

#[test]
fn quiet_prints_problems_but_no_summary() {
    let s = site_with_a_warning();
    let r = s.build_with(&["--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("steht zweimal"), "{}", r.stderr);
    assert!(!r.stderr.contains("Dateien"), "{}", r.stderr);
    let loud = s.build_with(&[]);
    assert!(
        loud.stderr.contains("Pressemitteilungen") && loud.stderr.contains("Dateien ("),
        "{}",
        loud.stderr
    );
}

#[test]
fn only_a_hundred_warnings_are_printed_unless_all_are_asked_for() {
    let s = site("minimal");
    for i in 0..120 {
        s.write(
            &format!("content/releases/2020-01-01-w{i}.md"),
            "+++\ntitle = \"A\"\ndate = 2020-01-01\nmunicipalities = [\"loeffingen\", \"loeffingen\"]\n+++\n",
        );
    }
    let r = s.build_with(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Hinweis: 20 weitere Warnungen nicht angezeigt (--all-warnings zeigt alle)"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches("steht zweimal").count(), 100);
    let all = s.build_with(&["--all-warnings"]);
    assert_eq!(all.stderr.matches("steht zweimal").count(), 120);
    s.english();
    let r = s.build_with(&[]);
    assert!(
        r.stderr
            .contains("note: 20 more warnings not shown (--all-warnings shows them)"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches("listed twice").count(), 100);
}
