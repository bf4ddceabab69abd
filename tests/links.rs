//! Back-links between releases, programmes and municipalities, the roll-up of member releases
//! onto districts and associations, and the integrity of every internal link.

mod common;

use common::{attr_values, fragment, main_of, site, Site};

fn built() -> Site {
    let s = site("full");
    s.build();
    s
}

/// The cards of a municipality page's one release list, split into its own releases and
/// those listed for a member (the roll-up, marked "über MEMBER"), each in list order.
fn sections(html: &str) -> (String, String) {
    let main = main_of(html);
    let list = fragment(
        main,
        r#"<section aria-labelledby="s-mitteilungen">"#,
        "</section>",
    );
    assert!(
        !main.contains("mitglieder-mitteilungen"),
        "one list, no roll-up section of its own"
    );
    let (mut own, mut rollup) = (String::new(), String::new());
    for card in list.split("<article").skip(1) {
        let card = &card[..card.find("</article>").expect("closed card")];
        if card.contains(" · über <a") {
            rollup.push_str(card);
        } else {
            own.push_str(card);
        }
    }
    (own, rollup)
}

#[test]
fn a_release_naming_a_town_rolls_up_to_its_district_marked_with_the_town() {
    let s = built();
    let (own, rollup) = sections(&s.read("kommunen/loeffingen/index.html"));
    assert!(own.contains("Nachbarschaftshilfe über Kreisgrenzen"));
    assert!(rollup.is_empty(), "a town has no roll-up:\n{rollup}");

    let html = s.read("kommunen/landkreis-breisgau-hochschwarzwald/index.html");
    assert!(
        main_of(&html).contains("3 Mitteilungen, davon 2 über Mitgliedskommunen"),
        "{html}"
    );
    let (own, rollup) = sections(&html);
    let card = fragment(&rollup, "Nachbarschaftshilfe über Kreisgrenzen", "</p>");
    assert!(
        card.contains(r#"über <a href="/kommunen/loeffingen/">Löffingen</a>"#),
        "{card}"
    );
    assert!(
        !own.contains("Nachbarschaftshilfe"),
        "the member's release is not the district's own:\n{own}"
    );
    assert!(own.contains("Kreistag beschließt Integrationsplan"));
    assert!(
        !rollup.contains("Kreistag"),
        "the district's own release is not rolled up"
    );
    // One list, newest first: the district's own release of 2018-08-20 stands between the
    // members' of 2019-03-01 and 2018-05-28.
    let main = main_of(&html);
    let at = |t: &str| main.find(t).unwrap_or_else(|| panic!("{t} not listed"));
    assert!(at("Nachbarschaftshilfe über Kreisgrenzen") < at("Kreistag beschließt"));
    assert!(at("Kreistag beschließt") < at("Pakt für Integration: Land"));
    // The district's feed lists only its own releases.
    let feed = s.read("kommunen/landkreis-breisgau-hochschwarzwald/feed.xml");
    assert!(feed.contains("Kreistag") && !feed.contains("Nachbarschaftshilfe"));
}

#[test]
fn members_of_an_association_roll_up_to_it_and_to_their_district_once() {
    let s = built();
    let (own, rollup) = sections(&s.read("kommunen/gvv-messkirch/index.html"));
    assert!(
        own.is_empty(),
        "the association has no releases of its own:\n{own}"
    );
    let sauldorf = fragment(&rollup, "Sauldorf startet Bürgerdialog", "</p>");
    assert!(sauldorf.contains(r#"über <a href="/kommunen/sauldorf/">Sauldorf</a>"#));
    let pakt = fragment(&rollup, "Pakt für Integration: Land", "</p>");
    assert!(pakt.contains(r#"über <a href="/kommunen/messkirch/">Meßkirch</a>"#));

    // Sauldorf and Meßkirch lie in Landkreis Sigmaringen; so does the GVV. Each release once.
    let (_, rollup) = sections(&s.read("kommunen/landkreis-sigmaringen/index.html"));
    assert_eq!(
        rollup.matches("Sauldorf startet Bürgerdialog").count(),
        1,
        "{rollup}"
    );
    assert_eq!(
        rollup.matches("Pakt für Integration: Land").count(),
        1,
        "{rollup}"
    );
}

#[test]
fn a_release_naming_district_and_town_is_the_districts_own() {
    let s = site("full");
    let p = "content/releases/2018-08-20-kreistag-beschliesst-integrationsplan.md";
    let text = std::fs::read_to_string(s.root.join(p)).unwrap();
    s.write(
        p,
        text.replace(
            r#"["landkreis-breisgau-hochschwarzwald"]"#,
            r#"["landkreis-breisgau-hochschwarzwald", "loeffingen"]"#,
        ),
    );
    s.build();
    let html = s.read("kommunen/landkreis-breisgau-hochschwarzwald/index.html");
    let (own, rollup) = sections(&html);
    assert!(own.contains("Kreistag beschließt"));
    assert!(
        !rollup.contains("Kreistag beschließt"),
        "listed twice:\n{rollup}"
    );
    assert_eq!(common::count(main_of(&html), "Kreistag beschließt"), 1);
    let (own, _) = sections(&s.read("kommunen/loeffingen/index.html"));
    assert!(own.contains("Kreistag beschließt"));
}

#[test]
fn programme_pages_list_their_releases_newest_first() {
    let s = built();
    let html = s.read("programme/pakt-fuer-integration/index.html");
    let list = fragment(
        main_of(&html),
        r#"<section aria-labelledby="s-mitteilungen">"#,
        "</section>",
    );
    let newer = list.find("Kreistag beschließt").expect("Kreistag");
    let older = list.find("Pakt für Integration: Land").expect("Pakt");
    assert!(newer < older);
    assert!(!list.contains("Nachbarschaftshilfe"));
    // A release about the module is not listed on the parent unless it names the parent too.
    let html = s.read("programme/weltoffene-kommunen/index.html");
    assert!(main_of(&html).contains("Nachbarschaftshilfe über Kreisgrenzen"));
}

#[test]
fn municipality_lists_the_programmes_it_takes_part_in() {
    let s = built();
    let html = s.read("kommunen/messkirch/index.html");
    let table = fragment(
        main_of(&html),
        "Beteiligung an Förderprogrammen",
        "</table>",
    );
    assert!(table.contains(r#"<a href="/programme/prozessbegleitung/">Prozessbegleitung</a></th><td>2018</td><td class="num">38.500 €</td><td>Willkommenskultur</td>"#), "{table}");
    assert!(!table.contains("Weltoffene"));
    // Without participations, no programme table.
    let html = s.read("kommunen/sauldorf/index.html");
    assert!(!main_of(&html).contains("Beteiligung an Förderprogrammen"));
}

/// Maps a root-relative URL path to the output file a static server would send.
fn target_file(path: &str) -> String {
    let path = path
        .split(['#', '?'])
        .next()
        .unwrap()
        .trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[test]
fn every_internal_link_and_source_points_at_an_output_file() {
    let s = built();
    let files = s.output_files();
    let mut checked = 0;
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        for attr in ["href", "src"] {
            for v in attr_values(&html, attr) {
                if v.starts_with('/') {
                    let t = target_file(v);
                    assert!(
                        files.contains_key(&t),
                        "{name}: {attr}=\"{v}\" points at missing {t}"
                    );
                    checked += 1;
                } else if let Some(id) = v.strip_prefix('#') {
                    assert!(
                        html.contains(&format!("id=\"{id}\"")),
                        "{name}: no id for {v}"
                    );
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} links checked");
}
