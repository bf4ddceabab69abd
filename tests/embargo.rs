//! Drafts, embargoed and future-dated releases never appear anywhere in the output: not in
//! pages, lists, feeds, the sitemap, topic pages, aliases, copied files or file names.

mod common;

use common::{count, site, Site};

const DRAFT: &str = "GEHEIM-MARKER-4711";
const EMBARGOED: &str = "SPERRFRIST-MARKER-4712";
const FUTURE: &str = "ZUKUNFT-MARKER-4713";

/// The embargo: 2025-12-31T10:00:00+01:00, which is 09:00:00 UTC.
const BEFORE: &str = "2025-12-31T08:59:59Z";
const AT: &str = "2025-12-31T09:00:00Z";

/// Adds a bundle release carrying `marker` everywhere: title, subtitle, kicker, summary, body,
/// slug, alias, image and attachment (file name and bytes).
fn add_secret(s: &Site, marker: &str, date: &str, extra: &str) {
    let low = marker.to_lowercase();
    let dir = format!("content/releases/{date}-{low}-mitteilung");
    s.write(
        &format!("{dir}/bild-{low}.png"),
        format!("\u{89}PNG {marker}"),
    );
    s.write(
        &format!("{dir}/anhang-{low}.pdf"),
        format!("%PDF-1.4 {marker}"),
    );
    s.write(
        &format!("{dir}/index.md"),
        format!(
            r#"+++
title = "Titel {marker}"
subtitle = "Untertitel {marker}"
kicker = "Thema {marker}"
summary = "Teaser {marker}"
number = "{marker}"
date = {date}
{extra}
programmes = ["prozessbegleitung"]
municipalities = ["loeffingen"]
aliases = ["/alt/{low}/"]

[image]
src = "bild-{low}.png"
alt = "Bild {marker}"

[[attachments]]
title = "Anhang {marker}"
file = "anhang-{low}.pdf"
+++

Text {marker}.
"#
        ),
    );
}

fn secret_site() -> Site {
    let s = site("full");
    add_secret(&s, DRAFT, "2019-06-01", "draft = true");
    add_secret(
        &s,
        EMBARGOED,
        "2025-12-31",
        "embargo = 2025-12-31T10:00:00+01:00",
    );
    add_secret(&s, FUTURE, "2027-01-01", "");
    s
}

fn build_at(s: &Site, now: &str, args: &[&str]) {
    let r = s.build_at(now, args);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// Asserts that `marker` (in any letter case) is in no output file name and no output byte.
fn assert_nowhere(s: &Site, marker: &str) {
    let low = marker.to_lowercase();
    for (path, bytes) in s.output_files() {
        assert!(
            !path.to_lowercase().contains(&low),
            "{marker} leaked into the file name {path}"
        );
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(!text.contains(&low), "{marker} leaked into {path}");
    }
}

fn assert_somewhere(s: &Site, marker: &str) {
    let low = marker.to_lowercase();
    assert!(
        s.output_files()
            .iter()
            .any(|(p, b)| p.contains(&low) || String::from_utf8_lossy(b).contains(marker)),
        "{marker} should be published"
    );
}

#[test]
fn before_the_embargo_no_byte_of_a_draft_embargoed_or_future_release_is_published() {
    let s = secret_site();
    build_at(&s, BEFORE, &[]);
    assert_nowhere(&s, DRAFT);
    assert_nowhere(&s, EMBARGOED);
    assert_nowhere(&s, FUTURE);
    assert!(!s.out.join("themen/thema-sperrfrist-marker-4712").exists());
    assert!(
        !s.out.join("pressemitteilungen/2025").exists(),
        "no year archive for a year with only held-back releases"
    );
    assert!(!s.out.join("alt/sperrfrist-marker-4712").exists());
    // Counts and lists are those of the full fixture alone.
    assert!(s
        .read("pressemitteilungen/index.html")
        .contains("4 Mitteilungen"));
    assert!(s.read("index.html").contains("Alle Pressemitteilungen (4)"));
    assert_eq!(count(&s.read("feed.xml"), "<entry>"), 4);
    assert_eq!(
        count(&s.read("programme/prozessbegleitung/feed.xml"), "<entry>"),
        1
    );
    assert_eq!(count(&s.read("kommunen/loeffingen/feed.xml"), "<entry>"), 2);
    assert!(s
        .read("programme/index.html")
        .contains(r#"Prozessbegleitung</a> <span class="count">(1 "#));
}

#[test]
fn at_the_embargo_the_embargoed_release_appears_everywhere_but_the_draft_does_not() {
    let s = secret_site();
    build_at(&s, AT, &[]);
    let page = "pressemitteilungen/2025/sperrfrist-marker-4712-mitteilung/index.html";
    assert!(s
        .read(page)
        .contains(&format!("<h1>Titel {EMBARGOED}</h1>")));
    assert!(s.has(
        "pressemitteilungen/2025/sperrfrist-marker-4712-mitteilung/bild-sperrfrist-marker-4712.png"
    ));
    assert!(s.has("pressemitteilungen/2025/sperrfrist-marker-4712-mitteilung/anhang-sperrfrist-marker-4712.pdf"));
    assert!(s.has("alt/sperrfrist-marker-4712/index.html"));
    assert!(s.has("themen/thema-sperrfrist-marker-4712/index.html"));
    assert!(s
        .read("pressemitteilungen/index.html")
        .contains(&format!("Titel {EMBARGOED}")));
    assert!(s
        .read("pressemitteilungen/2025/index.html")
        .contains(&format!("Titel {EMBARGOED}")));
    for feed in [
        "feed.xml",
        "programme/prozessbegleitung/feed.xml",
        "kommunen/loeffingen/feed.xml",
    ] {
        assert!(
            s.read(feed)
                .contains(&format!("<title>Titel {EMBARGOED}</title>")),
            "{feed}"
        );
    }
    assert!(s
        .read("programme/prozessbegleitung/index.html")
        .contains(&format!("Titel {EMBARGOED}")));
    assert!(s
        .read("kommunen/loeffingen/index.html")
        .contains(&format!("Titel {EMBARGOED}")));
    assert!(
        s.read("kommunen/landkreis-breisgau-hochschwarzwald/index.html")
            .contains(&format!("Titel {EMBARGOED}")),
        "roll-up"
    );
    assert!(s.read("sitemap.xml").contains("<loc>https://presse.example.org/pressemitteilungen/2025/sperrfrist-marker-4712-mitteilung/</loc>"));
    assert_nowhere(&s, DRAFT);
    assert_nowhere(&s, FUTURE);
}

#[test]
fn drafts_option_publishes_drafts_but_not_embargoed_releases() {
    let s = secret_site();
    build_at(&s, BEFORE, &["--drafts"]);
    assert!(s
        .read("pressemitteilungen/2019/geheim-marker-4711-mitteilung/index.html")
        .contains(&format!("<h1>Titel {DRAFT}</h1>")));
    assert_somewhere(&s, DRAFT);
    assert_nowhere(&s, EMBARGOED);
    assert_nowhere(&s, FUTURE);
}

#[test]
fn a_draft_page_is_not_published_without_drafts() {
    let s = site("full");
    s.write(
        "content/pages/kontakt.md",
        format!("+++\ntitle = \"Kontakt {DRAFT}\"\ndraft = true\n+++\n\nText.\n"),
    );
    s.build();
    assert_nowhere(&s, DRAFT);
    assert!(!s.has("kontakt/index.html"));
    let r = s.build_with(&["--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s.has("kontakt/index.html"));
}

#[test]
fn held_back_releases_are_still_checked() {
    let s = site("full");
    s.write("content/releases/2030-01-01-spaeter.md", "+++\ntitle = \"Später\"\ndate = 2030-01-01\ndraft = true\nmunicipalities = [\"loefingen\"]\n+++\n");
    let e = s.build_fails();
    assert!(e.contains("Fehler: [1/1] content/releases/2030-01-01-spaeter.md:5:19: Unbekannte Kommune \"loefingen\""), "{e}");
    s.english();
    let e = s.build_fails();
    assert!(e.contains("error: [1/1] content/releases/2030-01-01-spaeter.md:5:19: unknown municipality \"loefingen\""), "{e}");
}

#[test]
fn the_build_names_when_the_next_embargo_lifts() {
    let s = secret_site();
    let r = s.build_at(BEFORE, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("2025-12-31T09:00:00Z"), "{}", r.stderr);
    assert!(!r.stderr.contains(EMBARGOED) && !r.stdout.contains(EMBARGOED));
}
