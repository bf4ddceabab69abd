//! A failed build leaves the previous output exactly as it was; herold never replaces a folder
//! it did not make.

mod common;

use common::{herold, site, walk, NOW};

#[test]
fn a_content_error_leaves_the_previous_output_untouched() {
    let s = site("full");
    s.build();
    let before = s.output_files();
    assert!(before.len() > 40);

    s.write(
        "content/releases/2019-03-01-Meßkirch fördert Löffingen.md",
        "+++\ntitel = \"kaputt\"\ndate = 2019-03-01\n+++\n",
    );
    let stderr = s.build_fails();
    assert!(
        stderr.contains("Nicht gebaut, die bisherige Ausgabe bleibt unverändert: 1 Fehler"),
        "{stderr}"
    );
    let after = s.output_files();
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "file list changed"
    );
    assert!(before == after, "file contents changed");
    // No staging folder is left behind next to the output (the stamps of the first build's
    // files and the parse cache stay, for the next build).
    let mut beside: Vec<String> = std::fs::read_dir(s.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [".out.herold-cache", ".out.herold-stamps", "out", "site"]
    );
}

#[test]
fn a_template_error_leaves_the_previous_output_untouched() {
    let s = site("full");
    s.build();
    let before = s.output_files();
    s.write("templates/release.html", "{% extends \"base.html\" %}\n{% block content %}{{ release.title | nosuchfilter }}{% endblock content %}\n");
    let r = s.build_with(&[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("templates/release.html"), "{}", r.stderr);
    assert!(s.output_files() == before);
}

#[test]
fn a_successful_build_replaces_the_whole_output() {
    let s = site("full");
    s.build();
    assert!(s.has("pressemitteilungen/2017/sauldorf-startet-dialog/index.html"));
    s.remove("content/releases/2017-11-10-sauldorf-startet-dialog.md");
    s.build();
    assert!(
        !s.has("pressemitteilungen/2017/sauldorf-startet-dialog/index.html"),
        "stale page left behind"
    );
    assert!(!s.out.join("pressemitteilungen/2017").exists());
    assert!(s.has(".herold-output"));
}

#[test]
fn default_output_is_root_public() {
    let s = site("minimal");
    let r = herold()
        .arg("build")
        .arg("--root")
        .arg(&s.root)
        .args(["--now", NOW])
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(s
        .root
        .join("public/pressemitteilungen/2018/pakt/index.html")
        .is_file());
    // …and a second build may replace it.
    let r = herold()
        .arg("build")
        .arg("--root")
        .arg(&s.root)
        .args(["--now", NOW])
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
}

#[test]
fn a_foreign_non_empty_output_folder_is_refused_and_kept() {
    let s = site("minimal");
    std::fs::create_dir_all(s.out.join("sub")).unwrap();
    std::fs::write(s.out.join("wichtig.txt"), b"nicht loeschen").unwrap();
    std::fs::write(s.out.join("sub/auch.txt"), b"auch nicht").unwrap();
    let before = walk(&s.out);
    let r = s.build_with(&[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("Fehler: [1/1] herold schreibt nicht in "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("= Hilfe: Geben Sie mit --output einen anderen Ordner an"),
        "{}",
        r.stderr
    );
    assert!(walk(&s.out) == before, "the foreign folder was changed");
}

#[test]
fn an_empty_output_folder_is_fine() {
    let s = site("minimal");
    std::fs::create_dir_all(&s.out).unwrap();
    s.build();
    assert!(s.has("index.html"));
}

#[test]
fn the_site_root_and_its_content_folder_are_refused_as_output() {
    let s = site("minimal");
    let before = walk(&s.root);
    for out in [
        s.root.clone(),
        s.root.join("content"),
        s.root.join("content/neu"),
        s.tmp.path().to_path_buf(),
    ] {
        let r = herold()
            .arg("build")
            .arg("--root")
            .arg(&s.root)
            .arg("--output")
            .arg(&out)
            .args(["--now", NOW])
            .output()
            .unwrap();
        assert_eq!(
            r.status.code(),
            Some(1),
            "{}: {}",
            out.display(),
            String::from_utf8_lossy(&r.stderr)
        );
    }
    assert!(walk(&s.root) == before, "the site was changed");
}
