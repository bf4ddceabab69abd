//! Order of lists: releases newest first, records in German alphabetical order.

mod common;

use common::{fragment, main_of, site};

#[test]
fn releases_of_one_day_keep_a_stable_order_and_datetimes_count() {
    let s = site("minimal");
    s.write(
        "content/releases/2020-01-01-morgens.md",
        "+++\ntitle = \"Morgens\"\ndate = 2020-01-01T08:00:00+01:00\n+++\n",
    );
    s.write(
        "content/releases/2020-01-01-abends.md",
        "+++\ntitle = \"Abends\"\ndate = 2020-01-01T20:00:00+01:00\n+++\n",
    );
    s.write(
        "content/releases/2020-01-01-ganztags.md",
        "+++\ntitle = \"Ganztags\"\ndate = 2020-01-01\n+++\n",
    );
    s.build();
    let html = s.read("pressemitteilungen/index.html");
    let main = main_of(&html);
    let pos = |t: &str| {
        main.find(&format!(">{t}</a>"))
            .unwrap_or_else(|| panic!("{t}"))
    };
    assert!(
        pos("Abends") < pos("Morgens") && pos("Morgens") < pos("Ganztags"),
        "{main}"
    );
    assert!(main.contains(r#"<time datetime="2020-01-01T20:00:00+01:00">1. Januar 2020</time>"#));
}

#[test]

fn municipalities_are_sorted_in_german_alphabetical_order() {
    let s = site("minimal");
    for (slug, name) in [
        ("ulm", "Ulm"),
        ("ueberlingen", "Überlingen"),
        ("zell", "Zell"),
        ("oehringen", "Öhringen"),
        ("offenburg", "Offenburg"),
    ] {
        s.write(
            &format!("content/municipalities/{slug}.toml"),
            format!("name = \"{name}\"\nkind = \"Stadt\"\n"),
        );
    }
    s.build();
    let html = s.read("kommunen/index.html");
    let u = fragment(main_of(&html), r#"<h3 id="buchstabe-u">"#, "</ul>");
    assert!(
        u.find("Überlingen").unwrap() < u.find("Ulm").unwrap(),
        "{u}"
    );
    let o = fragment(main_of(&html), r#"<h3 id="buchstabe-o">"#, "</ul>");
    assert!(
        o.find("Öhringen").unwrap() < o.find("Offenburg").unwrap(),
        "{o}"
    );
    let stadt = fragment(main_of(&html), r#"<h3 id="art-stadt">"#, "</ul>");
    assert!(
        stadt.find("Überlingen").unwrap() < stadt.find("Zell").unwrap(),
        "{stadt}"
    );
}
