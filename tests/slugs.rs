//! Slugs: German transliteration of file names, kickers and headings.

mod common;

use common::{empty_site, site};

#[test]
fn municipality_file_stem_is_its_slug() {
    let s = site("full");
    s.build();
    let html = s.read("kommunen/loeffingen/index.html");
    assert!(html.contains("<h1>Löffingen</h1>"));
    assert!(s
        .read("kommunen/messkirch/index.html")
        .contains("<h1>Meßkirch</h1>"));
}

#[test]
fn release_file_names_are_transliterated_german_style() {
    let s = site("full");
    s.write(
        "content/releases/2018-05-28-Meßkirch fördert Löffingen.md",
        "+++\ntitle = \"Meßkirch fördert Löffingen\"\ndate = 2018-05-28\n+++\n\nText.\n",
    );
    // A file name as macOS writes it (NFD: o + combining diaeresis).
    s.write(
        "content/releases/2020-02-02-Mo\u{308}ssingen & Ülm – Café Çelik.md",
        "+++\ntitle = \"NFD\"\ndate = 2020-02-02\n+++\n",
    );
    s.write(
        "content/releases/2020-03-03-egal.md",
        "+++\ntitle = \"Eigener Slug\"\ndate = 2020-03-03\nslug = \"mein-slug-2\"\n+++\n",
    );
    s.write(
        "content/releases/ohne-datum-praefix.md",
        "+++\ntitle = \"Ohne Präfix\"\ndate = 2020-04-04\n+++\n",
    );
    s.build();
    assert!(s
        .read("pressemitteilungen/2018/messkirch-foerdert-loeffingen/index.html")
        .contains("<h1>Meßkirch fördert Löffingen</h1>"));
    assert!(s
        .read("pressemitteilungen/2019/messkirch-foerdert-loeffingen/index.html")
        .contains("Nachbarschaftshilfe"));
    assert!(s.has("pressemitteilungen/2020/moessingen-uelm-cafe-celik/index.html"));
    assert!(s.has("pressemitteilungen/2020/mein-slug-2/index.html"));
    assert!(!s.has("pressemitteilungen/2020/egal/index.html"));
    assert!(s.has("pressemitteilungen/2020/ohne-datum-praefix/index.html"));
    // A bundle's folder name is its slug.
    assert!(s.has("pressemitteilungen/2018/pakt-fuer-integration/index.html"));
}

#[test]
fn kicker_becomes_a_transliterated_topic_slug() {
    let s = site("full");
    s.build();
    let html = s.read("themen/buergerbeteiligung-ehrenamt/index.html");
    assert!(html.contains("Bürgerbeteiligung &amp; Ehrenamt"));
    let release = s.read("pressemitteilungen/2019/messkirch-foerdert-loeffingen/index.html");
    assert!(release.contains(
        r#"<a href="/themen/buergerbeteiligung-ehrenamt/">Bürgerbeteiligung &amp; Ehrenamt</a>"#
    ));
}

#[test]
fn kickers_differing_only_in_case_and_punctuation_share_a_topic() {
    let s = empty_site("");
    for (i, k) in ["Straßenbau", "STRASSENBAU", "Straßenbau!"]
        .iter()
        .enumerate()
    {
        s.write(
            &format!("content/releases/2020-01-0{}-r{i}.md", i + 1),
            format!(
                "+++\ntitle = \"R{i}\"\ndate = 2020-01-0{}\nkicker = \"{k}\"\n+++\n",
                i + 1
            ),
        );
    }
    s.build();
    let topics: Vec<_> = std::fs::read_dir(s.out.join("themen"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        topics.len(),
        2,
        "{topics:?}: index.html and one topic folder"
    );
    let html = s.read("themen/strassenbau/index.html");
    assert!(html.contains("3 Mitteilungen"), "{html}");
}

#[test]
fn heading_ids_are_slugs() {
    let s = empty_site("");
    s.write(
        "content/releases/2020-01-01-x.md",
        "+++\ntitle = \"X\"\ndate = 2020-01-01\n+++\n\nText.\n\n## Über die Förderung\n\n## Über die Förderung\n",
    );
    s.build();
    let html = s.read("pressemitteilungen/2020/x/index.html");
    assert!(
        html.contains(r#"<h2 id="ueber-die-foerderung">Über die Förderung</h2>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"id="ueber-die-foerderung-"#),
        "second heading needs its own id"
    );
}
