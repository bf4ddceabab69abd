//! Which pages a change affects: the preview rebuilds through one `Builder` and must never
//! serve a stale list, feed or record page. Each test renders a fixture, changes a file, tells
//! the builder (`changed`), renders again and compares the two in-memory outputs.

mod serve_support;

use std::sync::Arc;

use herold::output::Output;
use herold::pipeline::Builder;
use herold::serve::changed_paths;
use herold::BuildOptions;
use serve_support::TempSite;

const RELEASE: &str = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
const OLD_TITLE: &str =
    "Pakt für Integration: Land fördert Prozessbegleitung in Meßkirch und Löffingen";
const NEW_TITLE: &str = "Zukunftspakt 4711 beschlossen";

fn builder(site: &TempSite) -> Builder {
    Builder::new(BuildOptions {
        root: site.root.clone(),
        output: Some(site.tmp.path().join("out")),
        base_url: None,
        drafts: false,
        now: "2026-01-01T00:00:00Z".parse().unwrap(),
        relative_urls: false,
    })
}

fn render(b: &mut Builder) -> Arc<Output> {
    let (out, report) = b.render();
    out.unwrap_or_else(|| panic!("build failed: {:#?}", report.diagnostics))
}

/// Renders again after `previous` (the builder's last good render), checking that the
/// changed files the render reports are exactly those that differ.
fn render_after(b: &mut Builder, previous: &Output) -> Arc<Output> {
    let (out, report) = b.render();
    let out = out.unwrap_or_else(|| panic!("build failed: {:#?}", report.diagnostics));
    assert_eq!(report.changed_files, changed_paths(previous, &out));
    out
}

fn text(out: &Output, path: &str) -> String {
    let f = out
        .get(path)
        .unwrap_or_else(|| panic!("no {path} in the output"));
    String::from_utf8_lossy(&f.bytes).into_owned()
}

/// Every page that shows the release: itself, the lists, the record pages, the feeds.
const SHOWING_THE_RELEASE: [&str; 12] = [
    "pressemitteilungen/2018/pakt-fuer-integration/index.html",
    "pressemitteilungen/index.html",
    "pressemitteilungen/2018/index.html",
    "themen/integration/index.html",
    "index.html",
    "programme/prozessbegleitung/index.html",
    "programme/prozessbegleitung/feed.xml",
    "kommunen/loeffingen/index.html",
    "kommunen/loeffingen/feed.xml",
    "kommunen/messkirch/index.html",
    "kommunen/landkreis-breisgau-hochschwarzwald/index.html",
    "feed.xml",
];

#[test]
fn a_title_edit_changes_the_release_the_lists_the_records_and_the_feeds() {
    let site = TempSite::new("full");
    let mut b = builder(&site);
    let before = render(&mut b);
    for page in SHOWING_THE_RELEASE {
        assert!(
            text(&before, page).contains("Pakt für Integration"),
            "{page} does not show the release before the edit"
        );
    }

    site.edit(RELEASE, OLD_TITLE, NEW_TITLE);
    b.changed([site.path(RELEASE)]);
    let after = render_after(&mut b, &before);

    let changed = changed_paths(&before, &after);
    for page in SHOWING_THE_RELEASE {
        assert!(
            changed.iter().any(|p| p == page),
            "{page} was not rewritten"
        );
        let t = text(&after, page);
        assert!(t.contains(NEW_TITLE), "{page} lacks the new title");
        assert!(!t.contains(OLD_TITLE), "{page} still shows the old title");
    }
    // The release stays at its URL; nothing appeared or vanished.
    let paths = |o: &Output| o.iter().map(|(p, _)| p.to_string()).collect::<Vec<_>>();
    assert_eq!(paths(&before), paths(&after));
}

#[test]
fn a_new_slug_moves_the_page_and_updates_sitemap_and_links() {
    let site = TempSite::new("full");
    let mut b = builder(&site);
    let before = render(&mut b);
    let old = "pressemitteilungen/2018/pakt-fuer-integration/index.html";
    let new = "pressemitteilungen/2018/neuer-pakt/index.html";
    assert!(
        text(&before, "sitemap.xml").contains("/pressemitteilungen/2018/pakt-fuer-integration/")
    );

    site.edit(RELEASE, "aliases = [", "slug = \"neuer-pakt\"\naliases = [");
    b.changed([site.path(RELEASE)]);
    let after = render(&mut b);

    assert!(after.get(old).is_none(), "the old page is still served");
    assert!(after.get(new).is_some());
    let sitemap = text(&after, "sitemap.xml");
    assert!(sitemap.contains("/pressemitteilungen/2018/neuer-pakt/"));
    assert!(!sitemap.contains("/pressemitteilungen/2018/pakt-fuer-integration/"));
    for page in [
        "pressemitteilungen/index.html",
        "kommunen/loeffingen/index.html",
        "feed.xml",
    ] {
        let t = text(&after, page);
        assert!(t.contains("/pressemitteilungen/2018/neuer-pakt/"), "{page}");
        assert!(
            !t.contains("/pressemitteilungen/2018/pakt-fuer-integration/"),
            "{page}"
        );
    }
}

#[test]
fn created_and_deleted_releases_appear_in_and_vanish_from_every_list() {
    let site = TempSite::new("full");
    let mut b = builder(&site);
    let before = render(&mut b);

    let added = "content/releases/2019-06-01-neu-in-sauldorf.md";
    site.write(
        added,
        "+++\ntitle = \"Neu in Sauldorf 0815\"\ndate = 2019-06-01\nkicker = \"Integration\"\nmunicipalities = [\"sauldorf\"]\n+++\n\nText.\n",
    );
    b.changed([site.path(added)]);
    let with_new = render(&mut b);
    let page = "pressemitteilungen/2019/neu-in-sauldorf/index.html";
    assert!(before.get(page).is_none());
    assert!(text(&with_new, page).contains("Neu in Sauldorf 0815"));
    for list in [
        "pressemitteilungen/index.html",
        "pressemitteilungen/2019/index.html",
        "themen/integration/index.html",
        "kommunen/sauldorf/index.html",
        "feed.xml",
        "index.html",
    ] {
        assert!(
            text(&with_new, list).contains("Neu in Sauldorf 0815"),
            "{list}"
        );
    }
    assert!(text(&with_new, "sitemap.xml").contains("/pressemitteilungen/2019/neu-in-sauldorf/"));

    std::fs::remove_file(site.path(added)).unwrap();
    b.changed([site.path(added)]);
    let gone = render_after(&mut b, &with_new);
    assert!(gone.get(page).is_none());
    for (path, f) in gone.iter() {
        assert!(
            !String::from_utf8_lossy(&f.bytes).contains("Neu in Sauldorf 0815"),
            "{path} still names the deleted release"
        );
    }
    assert!(
        changed_paths(&before, &gone).is_empty(),
        "deleting it restores the old site"
    );
}

#[test]
fn a_record_edit_changes_the_pages_that_show_the_record() {
    let site = TempSite::new("full");
    let mut b = builder(&site);
    let before = render(&mut b);
    let record = "content/municipalities/loeffingen.toml";
    site.edit(
        record,
        "name = \"Löffingen\"",
        "name = \"Löffingen im Schwarzwald\"",
    );
    b.changed([site.path(record)]);
    let after = render_after(&mut b, &before);
    let changed = changed_paths(&before, &after);
    for page in [
        "kommunen/loeffingen/index.html",
        "kommunen/index.html",
        "pressemitteilungen/2018/pakt-fuer-integration/index.html",
        "kommunen/landkreis-breisgau-hochschwarzwald/index.html",
    ] {
        assert!(
            changed.iter().any(|p| p == page),
            "{page} was not rewritten"
        );
        assert!(
            text(&after, page).contains("Löffingen im Schwarzwald"),
            "{page}"
        );
    }
}

#[test]
fn a_broken_file_fails_the_build_and_the_fix_builds_again() {
    let site = TempSite::new("full");
    let mut b = builder(&site);
    let before = render(&mut b);
    let good = site.read(RELEASE);
    // Without the closing +++ the whole file is front matter.
    let close = good.rfind("\n+++").unwrap();
    site.write(
        RELEASE,
        &format!("{}{}", &good[..close], &good[close + 4..]),
    );
    b.changed([site.path(RELEASE)]);
    let (out, report) = b.render();
    assert!(out.is_none());
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.location.as_ref().is_some_and(|l| &*l.file == RELEASE)));
    site.write(RELEASE, &good);
    b.changed([site.path(RELEASE)]);
    let again = render_after(&mut b, &before);
    assert!(changed_paths(&before, &again).is_empty());
}

#[test]
fn a_release_that_fills_a_record_page_moves_the_older_ones_to_a_new_page_and_back() {
    let site = TempSite::new("full");
    let config = site.read("config.toml");
    site.write("config.toml", &format!("{config}per_page = 1\n"));
    let mut b = builder(&site);
    let before = render(&mut b);
    // Sauldorf has one release, its association and district two: full pages.
    let second = "kommunen/sauldorf/seite/2/index.html";
    assert!(before.get(second).is_none());

    let added = "content/releases/2019-06-01-neu-in-sauldorf.md";
    site.write(
        added,
        "+++\ntitle = \"Neu in Sauldorf 0815\"\ndate = 2019-06-01\nmunicipalities = [\"sauldorf\"]\n+++\n\nText.\n",
    );
    b.changed([site.path(added)]);
    let with_new = render_after(&mut b, &before);
    let changed = changed_paths(&before, &with_new);
    for page in [
        "kommunen/sauldorf/index.html",
        second,
        "kommunen/gvv-messkirch/index.html",
        "kommunen/gvv-messkirch/seite/2/index.html",
        "kommunen/gvv-messkirch/seite/3/index.html",
        "kommunen/landkreis-sigmaringen/index.html",
        "kommunen/landkreis-sigmaringen/seite/3/index.html",
        "sitemap.xml",
    ] {
        assert!(
            changed.iter().any(|p| p == page),
            "{page} was not rewritten"
        );
    }
    // The new release leads page 1; the one it pushed off is on the new page 2.
    assert!(text(&with_new, "kommunen/sauldorf/index.html").contains("Neu in Sauldorf 0815"));
    let moved = text(&with_new, second);
    assert!(moved.contains("Sauldorf startet Bürgerdialog") && !moved.contains("Neu in Sauldorf"));
    assert!(text(&with_new, "sitemap.xml").contains("/kommunen/sauldorf/seite/2/</loc>"));
    // Meßkirch's pages show nothing of Sauldorf's: they are kept.
    assert!(!changed.iter().any(|p| p.starts_with("kommunen/messkirch/")));

    std::fs::remove_file(site.path(added)).unwrap();
    b.changed([site.path(added)]);
    let gone = render_after(&mut b, &with_new);
    assert!(
        gone.get(second).is_none(),
        "the emptied page is still served"
    );
    assert!(gone
        .get("kommunen/landkreis-sigmaringen/seite/3/index.html")
        .is_none());
    assert!(!text(&gone, "sitemap.xml").contains("/kommunen/sauldorf/seite/2/"));
    assert!(
        changed_paths(&before, &gone).is_empty(),
        "deleting it restores the old site"
    );
}
