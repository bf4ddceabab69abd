//! Every page type of the rich fixture is produced and shows what it should.

mod common;

use common::{check_xml, count, fragment, main_of, site, Site};

fn built() -> Site {
    let s = site("full");
    s.build();
    s
}

const PAKT: &str = "pressemitteilungen/2018/pakt-fuer-integration/index.html";

#[test]
fn home_lists_latest_releases_programmes_and_municipalities() {
    let s = built();
    let html = s.read("index.html");
    let main = main_of(&html);
    assert!(main.contains("<h1>Pressemitteilungen Testministerium</h1>"));
    // Latest releases, newest first.
    let newest = main.find("Nachbarschaftshilfe über Kreisgrenzen").unwrap();
    let older = main.find("Kreistag beschließt Integrationsplan").unwrap();
    let oldest = main.find("Sauldorf startet Bürgerdialog").unwrap();
    assert!(newest < older && older < oldest);
    // Top-level programmes and the municipalities named in releases.
    assert!(main.contains(r#"href="/programme/pakt-fuer-integration/">Pakt für Integration</a>"#));
    assert!(main.contains(r#"href="/programme/weltoffene-kommunen/">Weltoffene Kommunen</a>"#));
    assert!(main.contains(r#"href="/kommunen/loeffingen/">Löffingen</a>"#));
    assert!(main.contains(r#"href="/kommunen/messkirch/">Meßkirch</a>"#));
    assert!(main.contains(r#"href="/pressemitteilungen/">Alle Pressemitteilungen (4)</a>"#));
    assert!(html.contains(r#"<link rel="canonical" href="https://presse.example.org/">"#));
    // The plain page is linked in the footer.
    assert!(html.contains(r#"<a href="/impressum/">Impressum</a>"#));
}

#[test]
fn release_page_shows_every_part_of_the_front_matter() {
    let s = built();
    let html = s.read(PAKT);
    // The release's own article (related releases follow it).
    let art = fragment(&html, r#"<article class="release">"#, "</article>\n");
    // Exactly one <h1> on the page, holding the title; the kicker comes before it.
    assert_eq!(count(&html, "<h1"), 1);
    assert!(art.contains(
        "<h1>Pakt für Integration: Land fördert Prozessbegleitung in Meßkirch und Löffingen</h1>"
    ));
    let kicker = art
        .find(r#"<p class="kicker"><a href="/themen/integration/">Integration</a></p>"#)
        .expect("kicker");
    assert!(
        kicker < art.find("<h1>").unwrap(),
        "kicker must be above the title"
    );
    assert!(
        art.contains(r#"<p class="subtitle">Minister: „Integration gelingt nur gemeinsam“</p>"#)
    );
    assert!(art.contains(r#"<time datetime="2018-05-28">28. Mai 2018</time>"#));
    assert!(art.contains("Nr. 047/2018"));
    assert!(art.contains("Gemeinsame Pressemitteilung"));
    assert!(art
        .contains("Ministerium für Soziales und Integration; Staatsministerium Baden-Württemberg"));
    assert!(art.contains("<span>Stuttgart</span>"));
    // Body: Markdown rendered, `#`-level headings below the page's h1.
    assert!(art.contains("<strong>Prozessbegleitung</strong>"));
    assert!(art.contains(r#"<h2 id="hintergrund">Hintergrund</h2>"#));
    // Image with alt, caption and credit; the bundle's image is published beside the page.
    assert!(art.contains(r#"<img src="/pressemitteilungen/2018/pakt-fuer-integration/foto.png" alt="Gruppenbild der Bürgermeister vor dem Rathaus">"#));
    assert!(art.contains("Die Bürgermeister bei der Übergabe"));
    assert!(art.contains("Max Mustermann"));
    let png = std::fs::read(
        s.out
            .join("pressemitteilungen/2018/pakt-fuer-integration/foto.png"),
    )
    .unwrap();
    assert_eq!(
        png,
        std::fs::read(
            s.root
                .join("content/releases/2018/2018-05-28-pakt-fuer-integration/foto.png")
        )
        .unwrap()
    );
    // Attachments: from the bundle and from static/, with type and size.
    assert!(art.contains(r#"<a href="/pressemitteilungen/2018/pakt-fuer-integration/programm.pdf" download>Programmflyer</a> <span class="file-info">(PDF, 2,5 KB)</span>"#));
    assert!(art.contains(r#"<a href="/dokumente/a.pdf" download>Förderrichtlinie</a> <span class="file-info">(PDF, 35 Byte)</span>"#));
    assert!(s.has("pressemitteilungen/2018/pakt-fuer-integration/programm.pdf"));
    assert!(s.has("dokumente/a.pdf"));
    // Contacts.
    assert!(art.contains("<strong>Erika Beispiel</strong>, Pressesprecherin"));
    assert!(art.contains(r#"<a href="tel:0711123456">0711 123 456</a>"#));
    assert!(art.contains(r#"<a href="mailto:presse@example.org">presse@example.org</a>"#));
    // Event box.
    assert!(art.contains("Termin: Auftaktveranstaltung"));
    assert!(art
        .contains(r#"<time datetime="2018-06-12T10:00:00+02:00">12. Juni 2018, 10:00 Uhr</time>"#));
    assert!(art.contains("Rathaus Meßkirch"));
    // Correction note.
    assert!(art.contains(r#"Aktualisiert am <time datetime="2018-05-30">30. Mai 2018</time></strong>: Die Fördersumme für Meßkirch wurde berichtigt."#));
    // Links to its programmes and municipalities.
    assert!(art.contains(r#"<a href="/programme/prozessbegleitung/">Prozessbegleitung</a>"#));
    assert!(art.contains(r#"<a href="/programme/pakt-fuer-integration/">Pakt für Integration</a>"#));
    assert!(art.contains(r#"<a href="/kommunen/messkirch/">Meßkirch</a>"#));
    assert!(art.contains(r#"<a href="/kommunen/loeffingen/">Löffingen</a>"#));
    assert!(html.contains(r#"<link rel="canonical" href="https://presse.example.org/pressemitteilungen/2018/pakt-fuer-integration/">"#));
}

#[test]
fn a_release_without_optional_fields_shows_none_of_their_parts() {
    let s = built();
    let html = s.read("pressemitteilungen/2017/sauldorf-startet-dialog/index.html");
    // The release's own article: the related releases after it have kickers of their own.
    let main = fragment(&html, r#"<article class="release">"#, "</article>\n");
    assert!(main.contains("<h1>Sauldorf startet Bürgerdialog</h1>"));
    for absent in [
        "Gemeinsame Pressemitteilung",
        "Nr.",
        "Aktualisiert am",
        "<figure",
        "Downloads",
        "Pressekontakt",
        "Termin",
        r#"class="kicker""#,
        r#"class="subtitle""#,
    ] {
        assert!(!main.contains(absent), "unexpected {absent:?} in:\n{main}");
    }
}

#[test]
fn archive_and_year_archives() {
    let s = built();
    let html = s.read("pressemitteilungen/index.html");
    let main = main_of(&html);
    assert!(main.contains("4 Mitteilungen"));
    let order: Vec<usize> = [
        "Nachbarschaftshilfe",
        "Kreistag beschließt",
        "Pakt für Integration: Land",
        "Sauldorf startet",
    ]
    .iter()
    .map(|t| main.find(t).unwrap_or_else(|| panic!("{t} missing")))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "archive not newest first"
    );
    for y in ["2017", "2018", "2019"] {
        assert!(main.contains(&format!(r#"<a href="/pressemitteilungen/{y}/">{y}</a>"#)));
    }
    assert!(!s.has("pressemitteilungen/seite/2/index.html"));

    let y2018 = s.read("pressemitteilungen/2018/index.html");
    let main = main_of(&y2018);
    assert!(main.contains("<h1>Pressemitteilungen 2018"));
    assert!(main.contains("Kreistag beschließt Integrationsplan"));
    assert!(main.contains("Pakt für Integration: Land"));
    assert!(!main.contains("Nachbarschaftshilfe"));
    assert!(!main.contains("Sauldorf startet"));
    assert!(main.contains(r#"<a href="/pressemitteilungen/2018/" aria-current="page">2018</a>"#));
}

#[test]
fn topic_pages_and_topic_index() {
    let s = built();
    let index = s.read("themen/index.html");
    let main = main_of(&index);
    assert!(main.contains(
        r#"<a href="/themen/integration/">Integration <span class="count">(2)</span></a>"#
    ));
    assert!(main.contains(r#"<a href="/themen/buergerbeteiligung-ehrenamt/">Bürgerbeteiligung &amp; Ehrenamt <span class="count">(1)</span></a>"#));

    let topic = s.read("themen/integration/index.html");
    let main = main_of(&topic);
    assert!(main.contains("<h1>Integration"));
    assert!(main.contains("Kreistag beschließt Integrationsplan"));
    assert!(main.contains("Pakt für Integration: Land"));
    assert!(!main.contains("Nachbarschaftshilfe"));
    assert!(!main.contains("Sauldorf"));
}

#[test]
fn programme_index_and_pages() {
    let s = built();
    let index = s.read("programme/index.html");
    let main = main_of(&index);
    // The module is nested under its parent.
    let tree = fragment(
        main,
        r#"<a href="/programme/pakt-fuer-integration/">"#,
        "</ul>",
    );
    assert!(
        tree.contains(r#"<a href="/programme/prozessbegleitung/">Prozessbegleitung</a>"#),
        "{tree}"
    );

    let parent = s.read("programme/pakt-fuer-integration/index.html");
    let main = main_of(&parent);
    assert!(main.contains("<h1>Pakt für Integration <span class=\"short\">(PIK)</span></h1>"));
    assert!(main.contains("Der <strong>Pakt für Integration</strong> mit den Kommunen"));
    assert!(main.contains("<dd>Land Baden-Württemberg</dd>"));
    assert!(main.contains("27. April 2017 – 31. Dezember 2021"));
    assert!(main.contains("1.500.000 €"));
    let modules = fragment(main, "Module und Säulen", "</ul>");
    assert!(modules.contains(r#"<a href="/programme/prozessbegleitung/">Prozessbegleitung</a>"#));
    assert!(main.contains("Kreistag beschließt Integrationsplan"));
    assert!(main.contains(r#"href="/programme/pakt-fuer-integration/feed.xml""#));

    let child = s.read("programme/prozessbegleitung/index.html");
    let main = main_of(&child);
    assert!(main.contains(
        r#"Teil von: <a href="/programme/pakt-fuer-integration/">Pakt für Integration</a>"#
    ));
    assert!(main.contains("Begleitung kommunaler Integrationsprozesse."));
    let table = fragment(main, "<table>", "</table>");
    assert!(table.contains(r#"<th scope="row"><a href="/kommunen/loeffingen/">Löffingen</a></th><td>Stadt</td><td>2018</td><td class="num">40.000 €</td><td>Integrationskonzept Löffingen</td>"#), "{table}");
    assert!(table.contains(r#"<a href="/kommunen/messkirch/">Meßkirch</a></th><td>Stadt</td><td>2018</td><td class="num">38.500 €</td>"#));
    assert!(table.contains("<td>2019</td><td class=\"num\">120.000 €</td>"));
    assert!(table.contains("198.500 €"), "sum of the funding");
}

#[test]
fn municipality_index_groups_a_to_z_by_kind_and_by_district() {
    let s = built();
    let html = s.read("kommunen/index.html");
    let main = main_of(&html);
    assert!(main.contains("7 Kommunen"));
    let az = fragment(main, r#"<section aria-labelledby="a-z">"#, "</section>");
    let l = fragment(az, r#"<h3 id="buchstabe-l">L</h3>"#, "</ul>");
    assert!(l.contains("Löffingen") && l.contains("Landkreis Sigmaringen"));
    let m = fragment(az, r#"<h3 id="buchstabe-m">M</h3>"#, "</ul>");
    assert!(m.contains(r#"<a href="/kommunen/messkirch/">Meßkirch</a>"#));

    let kinds = fragment(
        main,
        r#"<section aria-labelledby="nach-art">"#,
        "</section>",
    );
    let stadt = fragment(kinds, "Stadt <span class=\"count\">(3)</span>", "</ul>");
    assert!(
        stadt.contains("Löffingen")
            && stadt.contains("Meßkirch")
            && stadt.contains("Titisee-Neustadt")
    );
    let gvv = fragment(kinds, "Gemeindeverwaltungsverband <span", "</ul>");
    assert!(gvv.contains("GVV Meßkirch"));

    let districts = fragment(
        main,
        r#"<section aria-labelledby="nach-kreis">"#,
        "</section>",
    );
    let bh = fragment(
        districts,
        "Landkreis Breisgau-Hochschwarzwald <span class=\"count\">(2)</span>",
        "</ul>",
    );
    assert!(
        bh.contains("Löffingen") && bh.contains("Titisee-Neustadt") && !bh.contains("Meßkirch")
    );
    let sig = fragment(
        districts,
        "Landkreis Sigmaringen <span class=\"count\">(3)</span>",
        "</ul>",
    );
    assert!(sig.contains("Meßkirch") && sig.contains("Sauldorf") && sig.contains("GVV Meßkirch"));
}

#[test]
fn municipality_page_shows_its_facts_programmes_and_releases() {
    let s = built();
    let html = s.read("kommunen/loeffingen/index.html");
    let main = main_of(&html);
    assert!(main.contains("<h1>Löffingen</h1>"));
    assert!(main.contains("<dt>Art</dt><dd>Stadt</dd>"));
    assert!(main.contains(r#"<dt>Landkreis</dt><dd><a href="/kommunen/landkreis-breisgau-hochschwarzwald/">Landkreis Breisgau-Hochschwarzwald</a></dd>"#));
    assert!(main.contains("<dd>08315070</dd>"));
    assert!(main.contains(r#"<dd class="num">7.675</dd>"#));
    assert!(main.contains("47,8838, 8,3439"));
    let programmes = fragment(main, "Beteiligung an Förderprogrammen", "</table>");
    assert!(programmes.contains(r#"<a href="/programme/prozessbegleitung/">Prozessbegleitung</a></th><td>2018</td><td class="num">40.000 €</td><td>Integrationskonzept Löffingen</td>"#), "{programmes}");
    assert!(programmes.contains(r#"<a href="/programme/weltoffene-kommunen/">Weltoffene Kommunen</a></th><td>2019</td><td class="num">5.000 €</td>"#));
    let releases = fragment(
        main,
        r#"<section aria-labelledby="s-mitteilungen">"#,
        "</section>",
    );
    assert!(releases.contains("Nachbarschaftshilfe über Kreisgrenzen"));
    assert!(releases.contains("Pakt für Integration: Land"));
    assert!(!releases.contains("Kreistag"));
    assert!(releases.contains(r#"href="/kommunen/loeffingen/feed.xml""#));

    // An association lists its members.
    let gvv = s.read("kommunen/gvv-messkirch/index.html");
    let members = fragment(main_of(&gvv), "Mitgliedskommunen (2)", "</ul>");
    assert!(members.contains(r#"<a href="/kommunen/messkirch/">Meßkirch</a>"#));
    assert!(members.contains(r#"<a href="/kommunen/sauldorf/">Sauldorf</a>"#));
    // …and a member names its association.
    let messkirch = s.read("kommunen/messkirch/index.html");
    assert!(main_of(&messkirch).contains(
        r#"<dt>Mitglied in</dt><dd><a href="/kommunen/gvv-messkirch/">GVV Meßkirch</a></dd>"#
    ));
}

#[test]
fn plain_page_and_404() {
    let s = built();
    let page = s.read("impressum/index.html");
    let main = main_of(&page);
    assert!(main.contains("<h1>Impressum</h1>"));
    assert!(main.contains("Else-Josenhans-Straße 6"));
    assert!(page.contains(r#"<a href="/impressum/" aria-current="page">Impressum</a>"#));

    let nf = s.read("404.html");
    assert!(main_of(&nf).contains("<h1>Seite nicht gefunden</h1>"));
    assert!(main_of(&nf).contains(r#"<a href="/">Startseite</a>"#));
    assert!(!s.has("404/index.html"));
}

#[test]
fn feeds_are_well_formed_atom_with_the_right_entries() {
    let s = built();
    let feed = s.read("feed.xml");
    let names = check_xml(&feed).unwrap_or_else(|e| panic!("feed.xml: {e}\n{feed}"));
    assert_eq!(names[0], "feed");
    assert!(feed.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">"#));
    assert_eq!(count(&feed, "<entry>"), 4);
    assert!(feed.contains(
        "<id>https://presse.example.org/pressemitteilungen/2018/pakt-fuer-integration/</id>"
    ));
    assert!(feed.contains(r#"label="Bürgerbeteiligung &amp; Ehrenamt""#));
    // The correction date is the entry's update time.
    let pakt = fragment(&feed, "<title>Pakt für Integration: Land", "</entry>");
    assert!(pakt.contains("<published>2018-05-28T00:00:00Z</published>"));
    assert!(pakt.contains("<updated>2018-05-30T00:00:00Z</updated>"));

    let cases = [
        ("programme/pakt-fuer-integration/feed.xml", 2),
        ("programme/prozessbegleitung/feed.xml", 1),
        ("programme/weltoffene-kommunen/feed.xml", 1),
        ("kommunen/loeffingen/feed.xml", 2),
        ("kommunen/messkirch/feed.xml", 1),
        ("kommunen/landkreis-breisgau-hochschwarzwald/feed.xml", 1),
        ("kommunen/titisee-neustadt/feed.xml", 0),
    ];
    for (path, entries) in cases {
        let xml = s.read(path);
        check_xml(&xml).unwrap_or_else(|e| panic!("{path}: {e}\n{xml}"));
        assert_eq!(count(&xml, "<entry>"), entries, "{path}");
        assert!(xml.contains(&format!(r#"<link rel="self" type="application/atom+xml" href="https://presse.example.org/{path}"/>"#)), "{path}");
    }
    let m = s.read("kommunen/messkirch/feed.xml");
    assert!(m.contains("Pakt für Integration: Land") && !m.contains("Nachbarschaftshilfe"));
}

#[test]
fn sitemap_lists_absolute_urls_and_robots_names_it() {
    let s = built();
    let sitemap = s.read("sitemap.xml");
    check_xml(&sitemap).unwrap_or_else(|e| panic!("sitemap.xml: {e}"));
    for path in [
        "",
        "pressemitteilungen/",
        "pressemitteilungen/2018/pakt-fuer-integration/",
        "pressemitteilungen/2019/messkirch-foerdert-loeffingen/",
        "pressemitteilungen/2017/sauldorf-startet-dialog/",
        "pressemitteilungen/2018/kreistag-beschliesst-integrationsplan/",
        "programme/prozessbegleitung/",
        "kommunen/loeffingen/",
        "themen/integration/",
        "impressum/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://presse.example.org/{path}</loc>")),
            "{path} missing from the sitemap"
        );
    }
    assert_eq!(
        count(
            &sitemap,
            "<loc>https://presse.example.org/pressemitteilungen/20"
        ),
        7,
        "3 years + 4 releases"
    );
    // Redirects and the 404 page are not pages to index.
    assert!(!sitemap.contains("alt/pfad"));
    assert!(!sitemap.contains("404"));
    assert!(sitemap.contains("<loc>https://presse.example.org/pressemitteilungen/2018/pakt-fuer-integration/</loc><lastmod>2018-05-30</lastmod>"));

    let robots = s.read("robots.txt");
    assert!(
        robots.contains("Sitemap: https://presse.example.org/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn alias_becomes_a_redirect_page_to_the_absolute_url() {
    let s = built();
    let html = s.read("alt/pfad/index.html");
    assert!(html.contains(r#"<meta http-equiv="refresh" content="0; url=https://presse.example.org/pressemitteilungen/2018/pakt-fuer-integration/">"#), "{html}");
    assert!(html.contains(r#"<link rel="canonical" href="https://presse.example.org/pressemitteilungen/2018/pakt-fuer-integration/">"#));
    assert!(html.contains(r#"<a href="/pressemitteilungen/2018/pakt-fuer-integration/">"#));
}

#[test]
fn alias_ending_in_html_is_a_file() {
    let s = site("full");
    let p = "content/releases/2018-08-20-kreistag-beschliesst-integrationsplan.md";
    let text = std::fs::read_to_string(s.root.join(p)).unwrap();
    s.write(
        p,
        text.replacen(
            "summary =",
            "aliases = [\"/presse/2018/kreistag.html\"]\nsummary =",
            1,
        ),
    );
    s.build();
    let html = s.read("presse/2018/kreistag.html");
    assert!(html.contains("url=https://presse.example.org/pressemitteilungen/2018/kreistag-beschliesst-integrationsplan/"));
}

#[test]
fn every_page_is_a_folder_with_index_html() {
    let s = built();
    let files = s.output_files();
    for f in files.keys().filter(|f| f.ends_with(".html")) {
        assert!(
            f.ends_with("/index.html") || f == "index.html" || f == "404.html",
            "page not at DIR/index.html: {f}"
        );
    }
    assert!(files.contains_key(".herold-output"));
}
