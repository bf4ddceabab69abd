//! The language of herold's messages: the site's `language` (German by default), read even
//! from a config.toml with mistakes; when no language can be read from it, `--lang`, then
//! `LANG`, then German. The summary lines and the command line's own errors follow it too.

mod common;

use common::{assert_german, herold, site, Run, Site, NOW};

/// `herold check` on `s` with `args`, and `LANG` set to `lang` (or unset).
fn check(s: &Site, lang: Option<&str>, args: &[&str]) -> Run {
    let mut cmd = herold();
    cmd.arg("check")
        .arg("--root")
        .arg(&s.root)
        .args(["--now", NOW])
        .args(args);
    match lang {
        Some(l) => cmd.env("LANG", l),
        None => cmd.env_remove("LANG"),
    };
    let o = cmd.output().expect("run herold");
    Run {
        code: o.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// True when the report is English, false when German (and then without English).
fn english(r: &Run) -> bool {
    let en = r.stderr.contains("error: [") && r.stderr.contains("check failed: ");
    let de = r.stderr.contains("Fehler: [") && r.stderr.contains("Prüfung fehlgeschlagen: ");
    assert!(en != de, "not one language:\n{}", r.stderr);
    if de {
        assert_german(&r.stderr);
    }
    en
}

#[test]
fn without_a_config_toml_lang_option_then_lang_variable_decide() {
    let s = site("minimal");
    s.remove("config.toml");
    assert!(english(&check(&s, None, &["--lang", "en"])));
    assert!(english(&check(&s, Some("en_US.UTF-8"), &[])));
    assert!(!english(&check(&s, Some("de_DE.UTF-8"), &[])));
    assert!(
        !english(&check(&s, Some("C.UTF-8"), &[])),
        "German when LANG says neither"
    );
    assert!(!english(&check(&s, None, &[])), "German without LANG");
    // --lang wins over LANG.
    assert!(!english(&check(&s, Some("en_US.UTF-8"), &["--lang", "de"])));
    let r = check(&s, Some("en_US.UTF-8"), &[]);
    assert!(
        r.stderr.contains("error: [1/1] no config.toml in "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("check failed: 1 error(s), 0 warning(s)"),
        "{}",
        r.stderr
    );
    let r = check(&s, None, &[]);
    assert!(
        r.stderr
            .contains("Prüfung fehlgeschlagen: 1 Fehler, 0 Warnungen"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_config_toml_that_is_no_toml_still_gives_its_language() {
    let s = site("minimal");
    // Broken TOML (an unclosed string), but its language line can be read.
    s.write(
        "config.toml",
        "language = \"en\"\ntitle = \"Testpresse\nbase_url = \"https://presse.example.org/\"\n",
    );
    let r = check(&s, Some("de_DE.UTF-8"), &["--lang", "de"]);
    assert!(english(&r));
    assert!(
        r.stderr.contains("error: [1/1] config.toml:2:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("invalid TOML in config.toml"),
        "{}",
        r.stderr
    );
    // Without a language line: --lang, then LANG.
    s.write(
        "config.toml",
        "title = \"Testpresse\nbase_url = \"https://presse.example.org/\"\n",
    );
    assert!(english(&check(&s, None, &["--lang", "en"])));
    assert!(english(&check(&s, Some("en_GB.UTF-8"), &[])));
    let r = check(&s, Some("de_DE.UTF-8"), &[]);
    assert!(!english(&r));
    assert!(
        r.stderr.contains("Fehler: [1/1] config.toml:1:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Ungültiges TOML in der config.toml"),
        "{}",
        r.stderr
    );
    // A language herold does not know cannot be read either: --lang decides.
    s.write(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"https://presse.example.org/\"\nlanguage = \"fr\"\n",
    );
    let r = check(&s, None, &["--lang", "en"]);
    assert!(english(&r));
    assert!(
        r.stderr.contains("unknown value `\"fr\"` for `language`"),
        "{}",
        r.stderr
    );
    assert!(!english(&check(&s, None, &["--lang", "de"])));
}

#[test]
fn a_config_with_a_mistake_elsewhere_keeps_its_language() {
    let s = site("minimal");
    s.write(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"https://presse.example.org/\"\nlanguage = \"en\"\nper_page = 0\nlanguge = \"x\"\n",
    );
    let r = check(&s, Some("de_DE.UTF-8"), &["--lang", "de"]);
    assert!(
        english(&r),
        "the config's language wins over --lang and LANG"
    );
    // A readable config without `language` is German, whatever --lang and LANG say.
    s.write(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"https://presse.example.org/\"\nlanguge = \"x\"\n",
    );
    let r = check(&s, Some("en_US.UTF-8"), &["--lang", "en"]);
    assert!(!english(&r));
    assert!(
        r.stderr.contains(
            "Fehler: [1/1] config.toml:3:1: Unbekannter Schlüssel `languge` in der config.toml"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn summary_lines_in_both_languages() {
    let s = site("minimal");
    s.write(
        "content/releases/2020-01-01-doppelt.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-01\nmunicipalities = [\"loeffingen\", \"loeffingen\"]\n+++\n",
    );
    let ok = s.build_with(&[]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let last = ok.stderr.lines().last().unwrap_or_default();
    assert!(
        last.contains("Dateien (") && last.ends_with(", 1 Warnung"),
        "{last}"
    );
    let denied = s.build_with(&["--deny-warnings"]);
    assert!(
        denied.stderr.contains(
            "Nicht gebaut, die bisherige Ausgabe bleibt unverändert: 0 Fehler, 1 Warnung (--deny-warnings)"
        ),
        "{}",
        denied.stderr
    );
    assert_german(&denied.stderr);
    let checked = s.check_with(&["--deny-warnings"]);
    assert!(
        checked
            .stderr
            .contains("Prüfung fehlgeschlagen: 0 Fehler, 1 Warnung (--deny-warnings)"),
        "{}",
        checked.stderr
    );
    s.english();
    let ok = s.build_with(&[]);
    let last = ok.stderr.lines().last().unwrap_or_default();
    assert!(
        last.contains(" files (") && last.ends_with(", 1 warning"),
        "{last}"
    );
    let denied = s.build_with(&["--deny-warnings"]);
    assert!(
        denied.stderr.contains(
            "build failed; the previous output was left unchanged: 0 error(s), 1 warning(s) (--deny-warnings)"
        ),
        "{}",
        denied.stderr
    );
    let checked = s.check_with(&["--deny-warnings"]);
    assert!(
        checked
            .stderr
            .contains("check failed: 0 error(s), 1 warning(s) (--deny-warnings)"),
        "{}",
        checked.stderr
    );
}

#[test]
fn the_embargo_note_follows_the_site() {
    let s = site("minimal");
    s.write(
        "content/releases/2030-01-01-spaeter.md",
        "+++\ntitle = \"Später\"\ndate = 2025-06-01\nembargo = 2030-01-01T10:00:00+01:00\n+++\n",
    );
    let r = s.check_with(&[]);
    assert!(
        r.stderr.contains("Hinweis: Die nächste Pressemitteilung mit Sperrfrist oder künftigem Datum wird am 2030-01-01T09:00:00Z öffentlich"),
        "{}",
        r.stderr
    );
    s.english();
    let r = s.check_with(&[]);
    assert!(
        r.stderr.contains("note: the next embargoed or future-dated release becomes public at 2030-01-01T09:00:00Z"),
        "{}",
        r.stderr
    );
}

#[test]
fn command_line_errors_follow_lang() {
    let s = site("minimal");
    let bad_now = |lang: &str| {
        let o = herold()
            .args(["check", "--now", "gestern", "--root"])
            .arg(&s.root)
            .env("LANG", lang)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    assert!(bad_now("de_DE.UTF-8").contains("schreiben Sie z. B. 2024-05-01T10:00:00+02:00"));
    assert!(bad_now("en_US.UTF-8").contains("write e.g. 2024-05-01T10:00:00+02:00"));
    let bad_lang = herold()
        .args(["check", "--lang", "fr", "--root"])
        .arg(&s.root)
        .env("LANG", "de_DE.UTF-8")
        .output()
        .unwrap();
    assert_eq!(bad_lang.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_lang.stderr).contains("Erlaubt sind de und en"));
    // The output folder refused before the build: German by default.
    std::fs::create_dir_all(&s.out).unwrap();
    std::fs::write(s.out.join("fremd.txt"), "x").unwrap();
    let r = s.build_with(&[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Fehler: [1/1] herold schreibt nicht in ")
            && r.stderr
                .contains("Er ist nicht leer und wurde nicht von herold angelegt"),
        "{}",
        r.stderr
    );
    assert_german(&r.stderr);
}
