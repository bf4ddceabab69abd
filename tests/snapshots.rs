//! Snapshots of stable HTML fragments of the rich fixture.

mod common;

use common::{fragment, site, Site};

fn built() -> Site {
    let s = site("full");
    s.build();
    s
}

#[test]
fn release_article() {
    let s = built();
    let html = s.read("pressemitteilungen/2018/pakt-fuer-integration/index.html");
    // The release's own article (related releases follow it).
    insta::assert_snapshot!(fragment(
        &html,
        r#"<article class="release">"#,
        "</article>\n"
    ));
}

#[test]
fn participants_table() {
    let s = built();
    let html = s.read("programme/prozessbegleitung/index.html");
    insta::assert_snapshot!(fragment(
        &html,
        r#"<section aria-labelledby="s-teilnehmer">"#,
        "</section>"
    ));
}

#[test]
fn district_page_with_roll_up() {
    let s = built();
    let html = s.read("kommunen/landkreis-breisgau-hochschwarzwald/index.html");
    insta::assert_snapshot!(fragment(
        &html,
        r#"<article class="record">"#,
        "</article>\n\n</main>"
    ));
}
