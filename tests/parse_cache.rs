//! The parse cache on disk (`.NAME.herold-cache` beside the output folder): a build into an
//! emptied output folder takes the release bodies the last build rendered, renders only the
//! changed ones, and writes exactly the files a build without the cache writes, whatever state
//! the cache file is in.

mod common;

use std::path::{Path, PathBuf};

use herold::BuildOptions;

fn options(s: &common::Site) -> BuildOptions {
    BuildOptions {
        root: s.root.clone(),
        output: Some(s.out.clone()),
        base_url: None,
        drafts: false,
        now: common::NOW.parse().unwrap(),
        relative_urls: false,
    }
}

fn cache_file(s: &common::Site) -> PathBuf {
    s.out.with_file_name(".out.herold-cache").join("bodies")
}

/// Builds `s` into an emptied output folder; returns (bodies reused, bodies rendered).
fn cold_build(opts: &BuildOptions) -> (usize, usize) {
    let out = opts.output.clone().unwrap();
    let _ = std::fs::remove_dir_all(&out);
    let report = herold::build(opts);
    assert!(!report.failed(), "{:#?}", report.diagnostics);
    report.bodies_reused.expect("a build uses the parse cache")
}

/// Adds a paragraph to the body of the release `pakt-fuer-integration`.
fn add_paragraph(s: &common::Site, paragraph: &str) {
    let rel = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let text = std::fs::read_to_string(s.root.join(rel)).unwrap();
    s.write(rel, format!("{text}\n{paragraph}\n"));
}

fn releases(root: &Path) -> usize {
    walkdir::WalkDir::new(root.join("content/releases"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count()
}

#[test]
fn a_build_takes_the_last_builds_bodies_and_writes_the_same_files() {
    let s = common::site("full");
    let opts = options(&s);
    let n = releases(&s.root);
    assert_eq!(cold_build(&opts), (0, n));
    let first = common::walk(&s.out);
    assert!(cache_file(&s).is_file());

    assert_eq!(cold_build(&opts), (n, 0));
    assert_eq!(common::walk(&s.out), first);
    // Reused bodies are written again: the next build finds them too.
    assert_eq!(cold_build(&opts), (n, 0));
}

#[test]
fn an_edited_body_is_rendered_again_and_shown() {
    let s = common::site("full");
    let opts = options(&s);
    let n = releases(&s.root);
    cold_build(&opts);
    add_paragraph(&s, "Ein neuer Absatz mit *Betonung*.");

    assert_eq!(cold_build(&opts), (n - 1, 1));
    let page = common::read(
        &s.out,
        "pressemitteilungen/2018/pakt-fuer-integration/index.html",
    );
    assert!(
        page.contains("Ein neuer Absatz mit <em>Betonung</em>."),
        "{page}"
    );
}

#[test]
fn a_damaged_cache_changes_no_output_file() {
    let s = common::site("full");
    let opts = options(&s);
    cold_build(&opts);
    let expected = common::walk(&s.out);
    let good = std::fs::read(cache_file(&s)).unwrap();
    let damaged: Vec<Vec<u8>> = vec![
        // a bit flipped every 61 bytes: every entry fails its checksum
        good.iter()
            .enumerate()
            .map(|(i, b)| if i % 61 == 30 { b ^ 0x04 } else { *b })
            .collect(),
        good[..good.len() / 2].to_vec(),
        b"nicht von herold".to_vec(),
    ];
    for bytes in damaged {
        std::fs::write(cache_file(&s), &bytes).unwrap();
        let (reused, _) = cold_build(&opts);
        assert_eq!(common::walk(&s.out), expected);
        assert!(reused < releases(&s.root), "a damaged cache was trusted");
    }
}

#[test]
fn a_build_under_a_sub_path_renders_its_own_links() {
    let s = common::site("full");
    let mut opts = options(&s);
    let n = releases(&s.root);
    cold_build(&opts);
    opts.base_url = Some("https://www.example.de/presse/".into());
    assert_eq!(cold_build(&opts), (0, n));
    let fresh = tempfile::tempdir().unwrap();
    let mut uncached = opts.clone();
    uncached.output = Some(fresh.path().join("out"));
    cold_build(&uncached);
    assert_eq!(
        common::walk(&s.out),
        common::walk(&fresh.path().join("out"))
    );
}

#[test]
fn check_reads_the_cache_but_writes_none() {
    let s = common::site("full");
    let mut opts = options(&s);
    opts.output = None; // the cache beside ROOT/public
    let report = herold::check(&opts);
    assert!(!report.failed(), "{:#?}", report.diagnostics);
    assert!(!s.root.join(".public.herold-cache").exists());

    let report = herold::build(&opts);
    assert!(!report.failed(), "{:#?}", report.diagnostics);
    assert!(s.root.join(".public.herold-cache/bodies").is_file());
    let report = herold::check(&opts);
    assert_eq!(report.bodies_reused, Some((releases(&s.root), 0)));
}

#[test]
fn builds_keep_the_cache_folder_and_clear_what_killed_builds_left_in_it() {
    let s = common::site("full");
    let opts = options(&s);
    cold_build(&opts);
    let folder = cache_file(&s).parent().unwrap().to_path_buf();
    std::fs::write(folder.join("bodies.new-999999"), b"halb geschrieben").unwrap();
    std::fs::write(folder.join("search.new-999999"), b"halb geschrieben").unwrap();
    // A build over the previous output (not emptied) keeps the cache as well.
    let report = herold::build(&opts);
    assert!(!report.failed());
    assert_eq!(
        cache_names(&folder),
        ["bodies", "fronts", "mentions", "related", "search"]
    );
}

fn cache_names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The files and the messages of a build into an emptied output folder.
fn files_and_messages(
    opts: &BuildOptions,
) -> (std::collections::BTreeMap<String, Vec<u8>>, Vec<String>) {
    let out = opts.output.clone().unwrap();
    let _ = std::fs::remove_dir_all(&out);
    let report = herold::build(opts);
    assert!(!report.failed(), "{:#?}", report.diagnostics);
    let messages = report
        .diagnostics
        .iter()
        .map(|d| format!("{d:?}"))
        .collect();
    (common::walk(&out), messages)
}

#[test]
fn the_search_documents_and_the_names_found_are_kept_and_change_nothing() {
    let s = common::site("full");
    let opts = options(&s);
    let folder = cache_file(&s).parent().unwrap().to_path_buf();
    let first = files_and_messages(&opts);
    assert!(
        first.1.iter().any(|m| m.contains("mention-not-listed")),
        "the fixture names a record it does not list: {:#?}",
        first.1
    );
    let kept = |name: &str| {
        std::fs::metadata(folder.join(name))
            .unwrap()
            .modified()
            .unwrap()
    };
    let names = ["search", "mentions", "fronts"];
    let written = names.map(kept);
    // Taken from the cache: the same files, the same messages, and the files are not
    // written again.
    assert_eq!(files_and_messages(&opts), first);
    assert_eq!(names.map(kept), written);
    // Damaged or foreign files are ignored.
    for name in names {
        let good = std::fs::read(folder.join(name)).unwrap();
        let mut bad = good.clone();
        let middle = bad.len() / 2;
        bad[middle] ^= 0x10;
        for bytes in [bad, good[..good.len() - 3].to_vec(), b"fremd".to_vec()] {
            std::fs::write(folder.join(name), bytes).unwrap();
            assert_eq!(files_and_messages(&opts), first, "{name} damaged");
        }
    }
    // An edited release is analysed again: its new words are found by the search, a
    // municipality it names without listing it is reported.
    add_paragraph(&s, "Auch Sauldorf erhält eine Zuwendung für Wegweiser.");
    let (files, messages) = files_and_messages(&opts);
    assert!(
        messages.iter().any(|m| m.contains("Sauldorf")),
        "{messages:#?}"
    );
    let shards: String = files
        .iter()
        .filter(|(p, _)| p.starts_with("suche/index/t/"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(
        shards.contains("\"wegweis"),
        "the new word is not in the index"
    );
    // ... exactly as a build without any cache finds them.
    let _ = std::fs::remove_dir_all(&folder);
    assert_eq!(files_and_messages(&opts), (files, messages));
}

#[test]
fn a_front_matter_taken_from_the_cache_is_checked_as_a_parsed_one() {
    let s = common::site("full");
    let opts = options(&s);
    let folder = cache_file(&s).parent().unwrap().to_path_buf();
    // Valid TOML, but the checks after parsing find problems: an empty title, a date that
    // is not one, an alias that is not a path.
    s.write(
        "content/releases/2020-02-02-kaputt.md",
        "+++\ntitle = \" \"\ndate = 2020-02-02\nembargo = 2020-02-01\naliases = [\"kein-pfad\"]\nmunicipalities = [\"loeffingen\", \"loeffingen\"]\n+++\nText.\n",
    );
    let messages = || {
        let _ = std::fs::remove_dir_all(&s.out);
        let report = herold::build(&opts);
        assert!(report.failed());
        report
            .diagnostics
            .iter()
            .map(|d| format!("{d:?}"))
            .collect::<Vec<_>>()
    };
    let _ = std::fs::remove_dir_all(&folder);
    let parsed = messages();
    assert!(parsed.iter().any(|m| m.contains("kaputt")), "{parsed:#?}");
    assert!(folder.join("fronts").is_file());
    // Now every front matter comes from the cache: the same problems at the same places.
    assert_eq!(messages(), parsed);
}

/// The titles in the "Weitere Meldungen" section of the release page `file`.
fn related_titles(files: &std::collections::BTreeMap<String, Vec<u8>>, file: &str) -> String {
    let html = String::from_utf8_lossy(&files[file]).into_owned();
    let section = html.split("class=\"related\"").nth(1).unwrap_or("");
    section.split("</section>").next().unwrap_or("").to_string()
}

#[test]
fn related_releases_are_kept_while_only_texts_change() {
    let s = common::site("full");
    let opts = options(&s);
    let folder = cache_file(&s).parent().unwrap().to_path_buf();
    let first = files_and_messages(&opts);
    let written = || {
        std::fs::metadata(folder.join("related"))
            .unwrap()
            .modified()
            .unwrap()
    };
    let page = "pressemitteilungen/2018/kreistag-beschliesst-integrationsplan/index.html";
    let before = related_titles(&first.0, page);
    assert!(before.contains("<a href"), "{before}");
    // A text edit: the related releases are taken from the file, which stays as it is.
    let kept = written();
    add_paragraph(&s, "Ein weiterer Absatz.");
    let edited = files_and_messages(&opts);
    assert_eq!(written(), kept);
    assert_eq!(related_titles(&edited.0, page), before);
    // A changed topic changes what is related: computed again, as without any cache.
    let rel = "content/releases/2019-03-01-Meßkirch fördert Löffingen.md";
    let text = std::fs::read_to_string(s.root.join(rel)).unwrap();
    s.write(
        rel,
        text.replace(
            "kicker = \"Bürgerbeteiligung & Ehrenamt\"",
            "kicker = \"Integration\"",
        ),
    );
    let retopiced = files_and_messages(&opts);
    assert_ne!(written(), kept);
    assert_ne!(related_titles(&retopiced.0, page), before);
    let _ = std::fs::remove_dir_all(&folder);
    assert_eq!(files_and_messages(&opts), retopiced);
    // A damaged file is ignored.
    let good = std::fs::read(folder.join("related")).unwrap();
    for bytes in [good[..good.len() - 3].to_vec(), b"fremd".to_vec()] {
        std::fs::write(folder.join("related"), bytes).unwrap();
        assert_eq!(files_and_messages(&opts), retopiced);
    }
}

#[test]
fn the_preview_reads_the_cache_at_its_start_and_then_keeps_its_own() {
    let s = common::site("full");
    let opts = options(&s);
    let n = releases(&s.root);
    cold_build(&opts);
    let mut preview = herold::pipeline::Builder::new(opts.clone());
    let (out, report) = preview.render();
    assert!(out.is_some(), "{:#?}", report.diagnostics);
    assert_eq!(report.bodies_reused, Some((n, 0)));
    add_paragraph(&s, "Noch ein Absatz.");
    let (out, report) = preview.render();
    assert_eq!(report.bodies_reused, None, "later runs parse in memory");
    let page = out.unwrap();
    let html = page
        .iter()
        .find(|(p, _)| *p == "pressemitteilungen/2018/pakt-fuer-integration/index.html")
        .map(|(_, f)| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap();
    assert!(html.contains("Noch ein Absatz."));
}
