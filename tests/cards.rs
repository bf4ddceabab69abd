//! Release cards are made by the `card.html` template, once per release, and every list shows
//! them: the home page, the archive and the pages of programmes and municipalities. A site's
//! own `templates/card.html` changes the card everywhere.

mod common;

use common::{main_of, site};

/// A card template that shows what it was given: the heading level and the member a card is
/// listed for.
const CARD: &str = "<article class=\"mine\" data-heading=\"{{ heading }}\">{{ card.title }}{% if card.via %} via {{ card.via.title }}{% endif %}</article>\n";

#[test]
fn a_sites_card_template_makes_the_cards_of_every_list() {
    let s = site("full");
    s.write("templates/card.html", CARD);
    s.build();
    let card = |heading: &str, title: &str| {
        format!("<li><article class=\"mine\" data-heading=\"{heading}\">{title}</article></li>")
    };
    // The archive's list is the page's main content: h2; the home page's is below a heading.
    let archive = s.read("pressemitteilungen/index.html");
    assert!(
        archive.contains(&card("h2", "Nachbarschaftshilfe über Kreisgrenzen")),
        "{}",
        main_of(&archive)
    );
    let home = s.read("index.html");
    assert!(
        home.contains(&card("h3", "Nachbarschaftshilfe über Kreisgrenzen")),
        "{}",
        main_of(&home)
    );
    let programme = s.read("programme/pakt-fuer-integration/index.html");
    assert!(programme.contains(&card("h3", "Kreistag beschließt Integrationsplan")));
    // The default card is gone everywhere.
    for html in [&archive, &home, &programme] {
        assert!(!html.contains("class=\"card__title\""), "{html}");
    }
}

#[test]
fn a_district_lists_its_members_releases_with_the_member_named() {
    let s = site("full");
    s.write("templates/card.html", CARD);
    s.build();
    let district = s.read("kommunen/landkreis-breisgau-hochschwarzwald/index.html");
    assert!(
        district.contains(
            "<li><article class=\"mine\" data-heading=\"h3\">Nachbarschaftshilfe über Kreisgrenzen via Löffingen</article></li>"
        ),
        "{}",
        main_of(&district)
    );
    // The same release on the member's own page is not marked.
    let member = s.read("kommunen/loeffingen/index.html");
    assert!(member.contains(
        "<li><article class=\"mine\" data-heading=\"h3\">Nachbarschaftshilfe über Kreisgrenzen</article></li>"
    ));
}

#[test]
fn a_broken_card_template_fails_the_build_and_names_the_template() {
    let s = site("full");
    s.write(
        "templates/card.html",
        "<article>{{ card.titel }}</article>\n",
    );
    let stderr = s.build_fails();
    assert!(stderr.contains("templates/card.html"), "{stderr}");
    assert!(stderr.contains("card.titel"), "{stderr}");
    assert!(
        stderr.contains("card.title"),
        "did-you-mean missing:\n{stderr}"
    );
    assert!(!s.out.exists(), "a failed build must not write the output");
}

#[test]
fn a_theme_without_a_card_template_is_told_to_add_one() {
    let s = site("minimal");
    // Every template a theme must have, and the search page, except the card.
    let required = herold::render::templates::REQUIRED;
    let others = required
        .iter()
        .chain([&herold::render::templates::SEARCH])
        .filter(|name| **name != "card.html");
    for name in others {
        s.write(&format!("themes/eigen/templates/{name}"), "<p>x</p>\n");
    }
    s.write(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"https://presse.example.org/\"\nlanguage = \"en\"\ntheme = \"eigen\"\n",
    );
    let stderr = s.build_fails();
    assert!(
        stderr.contains("the theme has no template card.html"),
        "{stderr}"
    );
    assert!(stderr.contains("templates/card.html"), "{stderr}");
}
