//! `herold init`: a new site that builds at once, with the pages a public body needs, in German
//! or English; a folder that holds anything is refused and left untouched.

mod common;

use std::path::Path;

use common::{herold, read};

fn init(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    herold()
        .arg("init")
        .arg(dir)
        .args(args)
        .args(["--now", "2026-12-03T09:00:00Z"])
        .assert()
}

fn build(root: &Path) {
    herold()
        .args([
            "build",
            "--now",
            "2026-12-03T12:00:00Z",
            "--deny-warnings",
            "--root",
        ])
        .arg(root)
        .assert()
        .success();
}

#[test]
fn a_new_german_site_builds_with_its_required_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("presse");
    init(&root, &[]).success();
    for file in [
        "config.toml",
        ".gitignore",
        "README.md",
        "content/releases/2026-12-03-willkommen.md",
        "content/programmes/beispielprogramm.toml",
        "content/municipalities/stuttgart.toml",
        "content/pages/impressum.md",
        "content/pages/datenschutz.md",
        "content/pages/barrierefreiheit.md",
        "content/pages/leichte-sprache.md",
    ] {
        assert!(root.join(file).is_file(), "{file} missing");
    }
    let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    // Every key is explained; the optional ones are commented out.
    for key in [
        "title = ",
        "base_url = ",
        "language = \"de\"",
        "# per_page",
        "# theme",
        "[paths]",
        "[outputs]",
    ] {
        assert!(config.contains(key), "{key} missing in config.toml");
    }
    let ignore = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(ignore.contains("/public/") && ignore.contains("/.public.herold-*"));
    let release =
        std::fs::read_to_string(root.join("content/releases/2026-12-03-willkommen.md")).unwrap();
    assert!(release.contains("number = \"001/2026\""), "{release}");

    build(&root);
    let out = root.join("public");
    let home = read(&out, "index.html");
    // The home page (like every page) links the accessibility statement and Leichte Sprache.
    assert!(
        home.contains("href=\"/barrierefreiheit/\">Erklärung zur Barrierefreiheit</a>"),
        "{home}"
    );
    assert!(home.contains("href=\"/leichte-sprache/\">Leichte Sprache</a>"));
    let statement = read(&out, "barrierefreiheit/index.html");
    for part in [
        "Feedback und Kontaktangaben",
        "Schlichtungsverfahren",
        "Schlichtungsstelle",
        "L-BGG",
    ] {
        assert!(statement.contains(part), "{part} missing in the statement");
    }
    assert!(out.join("impressum/index.html").is_file());
    assert!(out.join("datenschutz/index.html").is_file());
    assert!(out
        .join("pressemitteilungen/2026/willkommen/index.html")
        .is_file());
    assert!(out.join("kommunen/stuttgart/index.html").is_file());
}

#[test]
fn an_english_site_has_english_words_and_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("press");
    init(&root, &["--language", "en"]).success();
    build(&root);
    let out = root.join("public");
    let home = read(&out, "index.html");
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains("href=\"/accessibility/\">Accessibility statement</a>"));
    assert!(home.contains("href=\"/easy-read/\">Easy read</a>"));
    assert!(out.join("releases/2026/welcome/index.html").is_file());
    assert!(out.join("municipalities/stuttgart/index.html").is_file());
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("notizen.txt"), "meine Notizen").unwrap();
    let out = init(&root, &[]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("nicht leer"), "{stderr}");
    let entries: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().collect();
    assert_eq!(entries.len(), 1, "nothing written");
    assert_eq!(
        std::fs::read_to_string(root.join("notizen.txt")).unwrap(),
        "meine Notizen"
    );

    // A hidden file counts too; an empty folder is fine.
    let hidden = tmp.path().join("hidden");
    std::fs::create_dir(&hidden).unwrap();
    std::fs::write(hidden.join(".git"), "").unwrap();
    init(&hidden, &[]).code(1);
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    init(&empty, &[]).success();
}

#[test]
fn a_page_role_must_be_one_the_theme_knows() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("presse");
    init(&root, &[]).success();
    let page = root.join("content/pages/barrierefreiheit.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("role = \"accessibility\"", "role = \"barrierefrei\""),
    )
    .unwrap();
    let out = herold()
        .args(["check", "--root"])
        .arg(&root)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("content/pages/barrierefreiheit.md:5:8"),
        "{stderr}"
    );
    assert!(stderr.contains("\"easy-language\""), "{stderr}");
}
