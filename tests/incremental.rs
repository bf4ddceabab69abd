//! Incremental rebuilds must give exactly what a fresh build gives. One `Builder` renders the
//! full fixture, then a series of edits is applied; after each, its incremental render is
//! compared file by file with a fresh `Builder`'s render of the same files.

mod common;

use std::collections::BTreeMap;

use herold::pipeline::Builder;
use herold::BuildOptions;

fn options(root: &std::path::Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        now: common::NOW.parse().unwrap(),
        relative_urls: false,
    }
}

fn files(b: &mut Builder) -> BTreeMap<String, Vec<u8>> {
    render(b).0
}

/// The files of a render, and its problems as the terminal shows them.
fn render(b: &mut Builder) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let (out, report) = b.render();
    let out = out.unwrap_or_else(|| panic!("build failed: {:#?}", report.diagnostics));
    let files = out
        .iter()
        .map(|(p, f)| (p.to_string(), f.bytes.to_vec()))
        .collect();
    let problems = report.diagnostics.iter().map(|d| d.to_string()).collect();
    (files, problems)
}

fn assert_same(
    incremental: &BTreeMap<String, Vec<u8>>,
    fresh: &BTreeMap<String, Vec<u8>>,
    step: &str,
) {
    let a: Vec<&String> = incremental.keys().collect();
    let b: Vec<&String> = fresh.keys().collect();
    assert_eq!(
        a, b,
        "{step}: the incremental build has other files than a fresh one"
    );
    for (path, bytes) in fresh {
        assert!(
            incremental[path] == *bytes,
            "{step}: {path} differs from a fresh build (a stale page)"
        );
    }
}

/// A builder for the site `s` that has rendered it once, as the preview has at its start.
fn rendered(s: &common::Site) -> Builder {
    let mut live = Builder::new(options(&s.root));
    files(&mut live);
    live
}

/// Renders with `live` and asserts that the files and the problems are a fresh build's.
fn assert_like_fresh(live: &mut Builder, root: &std::path::Path, step: &str) {
    let (incremental, problems) = render(live);
    let (fresh, fresh_problems) = render(&mut Builder::new(options(root)));
    assert_same(&incremental, &fresh, step);
    assert_eq!(
        problems, fresh_problems,
        "{step}: other problems than a fresh build"
    );
}

/// One edit of the series: its name, the files it touches, and the edit.
type Step<'a> = (&'static str, Vec<&'static str>, Box<dyn Fn() + 'a>);

/// The kinds of edits a press office makes, applied in turn to the `full` fixture.
fn steps(s: &common::Site) -> Vec<Step<'_>> {
    let release = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let text = std::fs::read_to_string(s.root.join(release)).unwrap();
    let new_release = "content/releases/2019-03-01-neu.md";
    let renamed_release = "content/releases/2017-01-01-umbenannt.md";
    let municipality = "content/municipalities/loeffingen.toml";
    let dialog = "content/releases/2017-11-10-sauldorf-startet-dialog.md";
    let dialog_text = std::fs::read_to_string(s.root.join(dialog)).unwrap();
    let with_event = dialog_text.replacen(
        "+++\n\n",
        "[event]\nname = \"Bürgerdialog\"\nstart = 2017-12-01\nplace = \"Sauldorf\"\n+++\n\n",
        1,
    );
    assert_ne!(with_event, dialog_text);
    let twice = text.replacen(
        "municipalities = [\"messkirch\", \"loeffingen\"]",
        "municipalities = [\"messkirch\", \"loeffingen\", \"messkirch\"]",
        1,
    );
    assert_ne!(twice, text);
    vec![
        (
            "title edited",
            vec![release],
            Box::new(move || s.write(release, text.replacen("title = \"", "title = \"Neu: ", 1))),
        ),
        (
            "a municipality listed twice (a warning)",
            vec![release],
            Box::new({
                let twice = twice.clone();
                move || s.write(release, twice.clone())
            }),
        ),
        (
            "a line added above the warning (it moves)",
            vec![release],
            Box::new(move || {
                s.write(
                    release,
                    twice.replacen("+++\n", "+++\n# Hinweis der Redaktion\n", 1),
                )
            }),
        ),
        (
            "body text edited (the search index is patched)",
            vec![release],
            Box::new(move || {
                let t = std::fs::read_to_string(s.root.join(release)).unwrap();
                let at = t.rfind("\n+++\n").unwrap() + 5;
                s.write(
                    release,
                    format!(
                        "{}Ein Suchwort: Zuwanderungsbeirat.\n\n{}",
                        &t[..at],
                        &t[at..]
                    ),
                )
            }),
        ),
        (
            "search switched off",
            vec!["config.toml"],
            Box::new(move || {
                let t = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
                s.write("config.toml", format!("{t}\n[outputs]\nsearch = false\n"));
            }),
        ),
        (
            "search switched on again",
            vec!["config.toml"],
            Box::new(move || {
                let t = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
                s.write(
                    "config.toml",
                    t.replace("\n[outputs]\nsearch = false\n", ""),
                );
            }),
        ),
        (
            "release added",
            vec![new_release],
            Box::new(move || {
                s.write(
                    new_release,
                    "+++\ntitle = \"Ganz neu\"\ndate = 2019-03-01\nkicker = \"Integration\"\nmunicipalities = [\"loeffingen\"]\nprogrammes = [\"prozessbegleitung\"]\n+++\n\nText.\n",
                )
            }),
        ),
        (
            "release date moved",
            vec![new_release],
            Box::new(move || {
                s.write(new_release, "+++\ntitle = \"Ganz neu\"\ndate = 2017-01-01\nmunicipalities = [\"messkirch\"]\n+++\n\nText.\n")
            }),
        ),
        (
            "municipality renamed",
            vec![municipality],
            Box::new(move || {
                let t = std::fs::read_to_string(s.root.join(municipality)).unwrap();
                s.write(
                    municipality,
                    t.replacen(
                        "name = \"Löffingen\"",
                        "name = \"Löffingen (Schwarzwald)\"",
                        1,
                    ),
                );
            }),
        ),
        (
            "municipality moved (the maps change)",
            vec![municipality],
            Box::new(move || {
                let t = std::fs::read_to_string(s.root.join(municipality)).unwrap();
                let moved = t.replacen("47.883793, 8.343862", "48.1, 9.2", 1);
                assert_ne!(moved, t);
                s.write(municipality, moved);
            }),
        ),
        (
            "coordinates removed (a place leaves the maps)",
            vec![municipality],
            Box::new(move || {
                let t = std::fs::read_to_string(s.root.join(municipality)).unwrap();
                let without = t.replacen("coordinates = [48.1, 9.2]\n", "", 1);
                assert_ne!(without, t);
                s.write(municipality, without);
            }),
        ),
        (
            "release file renamed (its slug changes)",
            vec![new_release, renamed_release],
            Box::new(move || {
                std::fs::rename(s.root.join(new_release), s.root.join(renamed_release)).unwrap()
            }),
        ),
        (
            "release removed",
            vec![renamed_release],
            Box::new(move || std::fs::remove_file(s.root.join(renamed_release)).unwrap()),
        ),
        (
            "event added to a release",
            vec![dialog],
            Box::new({
                let with_event = with_event.clone();
                move || s.write(dialog, with_event.clone())
            }),
        ),
        (
            "event place edited",
            vec![dialog],
            Box::new({
                let with_event = with_event.clone();
                move || {
                    s.write(
                        dialog,
                        with_event.replacen("place = \"Sauldorf\"", "place = \"Rathaus\"", 1),
                    )
                }
            }),
        ),
        (
            "event removed",
            vec![dialog],
            Box::new(move || s.write(dialog, dialog_text.clone())),
        ),
        (
            "programme edited (open data)",
            vec!["content/programmes/prozessbegleitung.toml"],
            Box::new(move || {
                let p = "content/programmes/prozessbegleitung.toml";
                let t = std::fs::read_to_string(s.root.join(p)).unwrap();
                s.write(p, t.replacen("name = \"", "name = \"Neu: ", 1));
            }),
        ),
        (
            "a programme's parent removed (related releases change)",
            vec!["content/programmes/prozessbegleitung.toml"],
            Box::new(move || {
                let p = "content/programmes/prozessbegleitung.toml";
                let t = std::fs::read_to_string(s.root.join(p)).unwrap();
                let without = t.replacen("parent = \"pakt-fuer-integration\"\n", "", 1);
                assert_ne!(without, t);
                s.write(p, without);
            }),
        ),
        (
            "config changed",
            vec!["config.toml"],
            Box::new(move || {
                let t = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
                s.write(
                    "config.toml",
                    format!("{t}\n[extra]\nhinweis = \"x\"\n").replacen(
                        "title = \"",
                        "title = \"Amt: ",
                        1,
                    ),
                );
            }),
        ),
        (
            "calendars and open data switched off",
            vec!["config.toml"],
            Box::new(move || {
                let t = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
                assert!(t.contains("[extra]"), "runs after \"config changed\"");
                s.write(
                    "config.toml",
                    t.replacen(
                        "[extra]",
                        "[outputs]\ncalendar = false\njson = false\n\n[extra]",
                        1,
                    ),
                );
            }),
        ),
        (
            "template overridden",
            vec!["templates/404.html"],
            Box::new(move || {
                s.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Weg</h1>{% endblock content %}")
            }),
        ),
    ]
}

#[test]
fn every_kind_of_edit_gives_what_a_fresh_build_gives() {
    let s = common::site("full");
    let mut live = rendered(&s);
    for (step, touched, edit) in steps(&s) {
        edit();
        // As the preview server does: name the changed files, so only those are re-read.
        live.changed(touched.iter().map(|p| s.root.join(p)));
        assert_like_fresh(&mut live, &s.root, step);
    }
}

/// Every file below `dir`, hidden ones included.
fn disk_files(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    common::walk(dir)
}

#[test]
fn every_kind_of_edit_gives_on_disk_what_a_fresh_build_gives() {
    let s = common::site("full");
    let out = s.tmp.path().join("live");
    let build_into = |dir: &std::path::Path| {
        let mut opts = options(&s.root);
        opts.output = Some(dir.to_path_buf());
        let report = Builder::new(opts).build();
        assert!(!report.failed(), "{:#?}", report.diagnostics);
        report.counts
    };
    build_into(&out);
    let total = disk_files(&out).len();
    for (i, (step, _, edit)) in steps(&s).into_iter().enumerate() {
        edit();
        // Each rebuild starts from the spare (the site before last) and the live site.
        let counts = build_into(&out);
        let fresh = s.tmp.path().join(format!("fresh-{i}"));
        build_into(&fresh);
        assert_same(&disk_files(&out), &disk_files(&fresh), step);
        if step == "title edited" {
            assert!(
                counts.changed > 0 && counts.changed < total / 2,
                "{step}: {} of {total} files changed",
                counts.changed
            );
        }
    }
}

/// The `full` fixture with one release per page, so the programme and municipality pages
/// have pages 2..N that appear and vanish as releases come and go.
fn one_per_page() -> common::Site {
    let s = common::site("full");
    let t = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write("config.toml", format!("{t}per_page = 1\n"));
    s
}

/// One edit of the record-page series: its name, the files it touches, the edit, and the
/// record pages that must then exist (`true`) or not (`false`).
type RecordStep<'a> = (
    &'static str,
    Vec<&'static str>,
    Box<dyn Fn() + 'a>,
    Vec<(&'static str, bool)>,
);

/// Edits that move record pages across a page boundary (with `per_page = 1`).
fn record_steps(s: &common::Site) -> Vec<RecordStep<'_>> {
    let new = "content/releases/2019-04-01-neu.md";
    let pakt = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let pakt_text = std::fs::read_to_string(s.root.join(pakt)).unwrap();
    let release = |programmes: &str, municipalities: &str| {
        format!("+++\ntitle = \"Ganz neu\"\ndate = 2019-04-01\nprogrammes = [{programmes}]\nmunicipalities = [{municipalities}]\n+++\n\nText.\n")
    };
    vec![
        (
            "a release added: a town, its district and a programme get a page more",
            vec![new],
            Box::new({
                let text = release("\"prozessbegleitung\"", "\"loeffingen\"");
                move || s.write(new, &text)
            }),
            vec![
                ("kommunen/loeffingen/seite/3/index.html", true),
                ("kommunen/loeffingen/seite/4/index.html", false),
                (
                    "kommunen/landkreis-breisgau-hochschwarzwald/seite/4/index.html",
                    true,
                ),
                ("programme/prozessbegleitung/seite/2/index.html", true),
                ("kommunen/sauldorf/seite/2/index.html", false),
            ],
        ),
        (
            // As many pages vanish as appear: the site has as many pages as before, but
            // others, at other places.
            "a release moved to a town of another district and out of its programme",
            vec![new],
            Box::new({
                let text = release("", "\"sauldorf\"");
                move || s.write(new, &text)
            }),
            vec![
                ("kommunen/loeffingen/seite/3/index.html", false),
                (
                    "kommunen/landkreis-breisgau-hochschwarzwald/seite/4/index.html",
                    false,
                ),
                ("programme/prozessbegleitung/seite/2/index.html", false),
                ("kommunen/sauldorf/seite/2/index.html", true),
                ("kommunen/landkreis-sigmaringen/seite/3/index.html", true),
                ("kommunen/gvv-messkirch/seite/3/index.html", true),
            ],
        ),
        (
            "a title edited that stands on later pages",
            vec![pakt],
            Box::new(move || s.write(pakt, pakt_text.replacen("title = \"", "title = \"Neu: ", 1))),
            vec![("kommunen/loeffingen/seite/2/index.html", true)],
        ),
        (
            "the release removed again",
            vec![new],
            Box::new(move || std::fs::remove_file(s.root.join(new)).unwrap()),
            vec![
                ("kommunen/sauldorf/seite/2/index.html", false),
                ("kommunen/landkreis-sigmaringen/seite/3/index.html", false),
                ("kommunen/landkreis-sigmaringen/seite/2/index.html", true),
            ],
        ),
    ]
}

/// Asserts which record pages `files` has.
fn assert_pages(files: &BTreeMap<String, Vec<u8>>, expect: &[(&str, bool)], step: &str) {
    for (page, exists) in expect {
        assert_eq!(
            files.contains_key(*page),
            *exists,
            "{step}: {page} should {}exist",
            if *exists { "" } else { "not " }
        );
    }
}

#[test]
fn record_pages_that_appear_and_vanish_are_as_in_a_fresh_build() {
    let s = one_per_page();
    let mut live = rendered(&s);
    for (step, touched, edit, expect) in record_steps(&s) {
        edit();
        live.changed(touched.iter().map(|p| s.root.join(p)));
        let (incremental, problems) = render(&mut live);
        let (fresh, fresh_problems) = render(&mut Builder::new(options(&s.root)));
        assert_pages(&fresh, &expect, step);
        assert_same(&incremental, &fresh, step);
        assert_eq!(problems, fresh_problems, "{step}: other problems");
    }
}

#[test]
fn record_pages_that_appear_and_vanish_are_on_disk_as_in_a_fresh_build() {
    let s = one_per_page();
    let out = s.tmp.path().join("live");
    let build_into = |dir: &std::path::Path| {
        let mut opts = options(&s.root);
        opts.output = Some(dir.to_path_buf());
        let report = Builder::new(opts).build();
        assert!(!report.failed(), "{:#?}", report.diagnostics);
    };
    build_into(&out);
    for (i, (step, _, edit, expect)) in record_steps(&s).into_iter().enumerate() {
        edit();
        build_into(&out);
        let fresh = s.tmp.path().join(format!("fresh-{i}"));
        build_into(&fresh);
        let live = disk_files(&out);
        assert_pages(&live, &expect, step);
        assert_same(&live, &disk_files(&fresh), step);
    }
}

#[test]
fn an_event_that_passes_moves_on_the_events_page_without_an_edit() {
    let s = common::site("events");
    let mut opts = options(&s.root);
    // The day of the Kommunalmesse (2026-02-01, all day): still upcoming.
    opts.now = "2026-02-01T12:00:00Z".parse().unwrap();
    let mut live = Builder::new(opts.clone());
    let before = files(&mut live);
    // The clock moves past the end of its day; no file changed.
    let later: jiff::Timestamp = "2026-02-02T00:00:01Z".parse().unwrap();
    live.set_now(later);
    let after = files(&mut live);
    opts.now = later;
    let fresh = files(&mut Builder::new(opts));
    assert_same(&after, &fresh, "an event passed");
    for file in ["termine/index.html", "termine.ics"] {
        assert_ne!(
            before[file], after[file],
            "{file} must change when an event passes"
        );
    }
    // Nothing else shows the split.
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(changed, ["termine.ics", "termine/index.html"]);
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_state_for_the_next_one() {
    let s = common::site("full");
    let mut live = rendered(&s);
    let release = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let good = std::fs::read_to_string(s.root.join(release)).unwrap();
    s.write(release, good.replacen("+++", "", 2));
    assert!(
        live.render().0.is_none(),
        "a broken file must fail the render"
    );
    s.write(
        release,
        good.replacen("title = \"", "title = \"Repariert: ", 1),
    );
    assert_like_fresh(&mut live, &s.root, "after a failed render");
}

#[test]
fn a_new_release_that_could_not_be_read_is_read_again_when_fixed() {
    let s = common::site("full");
    let mut live = rendered(&s);
    let new = "content/releases/2019-04-01-kaputt.md";
    std::fs::write(s.root.join(new), [b'+', b'+', b'+', b'\n', 0xff, b'\n']).unwrap();
    live.changed([s.root.join(new)]);
    let (out, report) = live.render();
    assert!(out.is_none(), "invalid UTF-8 fails the render");
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.message.to_string().contains("UTF-8")));
    s.write(
        new,
        "+++\ntitle = \"Repariert\"\ndate = 2019-04-01\n+++\n\nText.\n",
    );
    live.changed([s.root.join(new)]);
    // The same files and problems as a fresh build: the UTF-8 error is gone.
    assert_like_fresh(&mut live, &s.root, "after fixing a new release");
}

#[test]
fn a_text_edit_rewrites_few_search_index_files() {
    let s = common::site("full");
    let mut live = rendered(&s);
    let release = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let text = std::fs::read_to_string(s.root.join(release)).unwrap();
    s.write(release, text.replacen("title = \"", "title = \"Neu: ", 1));
    live.changed([s.root.join(release)]);
    let (out, report) = live.render();
    assert!(out.is_some(), "{:#?}", report.diagnostics);
    let index: Vec<&String> = report
        .changed_files
        .iter()
        .filter(|p| p.starts_with("suche/index/"))
        .collect();
    assert!(
        index.iter().any(|p| p.starts_with("suche/index/d/")),
        "the fragment with the title: {index:?}"
    );
    assert!(index.len() <= 4, "{index:?}");
    assert!(!report.changed_files.iter().any(|p| p == "suche/index.html"));
}
