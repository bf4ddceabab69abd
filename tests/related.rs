//! Related releases ("Weitere Meldungen") on release pages, built from the `full` fixture.

mod common;

use common::{attr_values, fragment, site};

const PAKT: &str = "pressemitteilungen/2018/pakt-fuer-integration/index.html";

/// The links of the "Weitere Meldungen" section of a built page, in order.
fn related_links(html: &str) -> Vec<String> {
    let section = fragment(html, "<section class=\"related\"", "</section>");
    attr_values(section, "href")
        .into_iter()
        .map(String::from)
        .collect()
}

#[test]
fn a_release_page_lists_the_releases_sharing_most_with_it() {
    let s = site("full");
    s.build();
    let html = s.read(PAKT);
    assert!(html.contains("<h2 id=\"s-weitere\">Weitere Meldungen</h2>"));
    // The same programme, topic and district first; then Löffingen itself (and so its
    // district); last Sauldorf, which shares only the GVV and district of Meßkirch.
    assert_eq!(
        related_links(&html),
        [
            "/pressemitteilungen/2018/kreistag-beschliesst-integrationsplan/",
            "/pressemitteilungen/2019/messkirch-foerdert-loeffingen/",
            "/pressemitteilungen/2017/sauldorf-startet-dialog/",
        ]
    );
    // Each card: kicker, title link and date.
    let section = fragment(&html, "<section class=\"related\"", "</section>");
    assert!(section.contains("Kreistag beschließt Integrationsplan</a></h3>"));
    assert!(section.contains("<time datetime=\"2018-08-20\">20. August 2018</time>"));
    assert!(section.contains("<p class=\"kicker\">Integration</p>"));
    // Related the other way round too, and never the page itself.
    let sauldorf = s.read("pressemitteilungen/2017/sauldorf-startet-dialog/index.html");
    let links = related_links(&sauldorf);
    assert!(links.contains(&"/pressemitteilungen/2018/pakt-fuer-integration/".to_string()));
    assert!(!links.contains(&"/pressemitteilungen/2017/sauldorf-startet-dialog/".to_string()));
}

#[test]
fn a_release_sharing_nothing_has_no_section_and_drafts_are_never_related() {
    let s = site("full");
    s.write(
        "content/releases/2020-01-01-allein.md",
        "+++\ntitle = \"Allein\"\ndate = 2020-01-01\n+++\nText.\n",
    );
    s.write(
        "content/releases/2018-05-29-entwurf.md",
        "+++\ntitle = \"Entwurf 4711\"\ndate = 2018-05-29\ndraft = true\nkicker = \"Integration\"\nprogrammes = [\"pakt-fuer-integration\"]\n+++\nText.\n",
    );
    s.build();
    let alone = s.read("pressemitteilungen/2020/allein/index.html");
    assert!(!alone.contains("Weitere Meldungen"));
    assert!(!s.read(PAKT).contains("Entwurf 4711"));
}
