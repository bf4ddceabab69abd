//! Structured data on release pages: the schema.org `NewsArticle` JSON-LD parses as JSON and
//! says what the release says (even with `</script>` in its title), and the OpenGraph and
//! Twitter card tags are there.

mod common;

use common::{fragment, site};

/// The JSON-LD block of a page, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let block = fragment(html, "<script type=\"application/ld+json\">", "</script>");
    let json = block
        .trim_start_matches("<script type=\"application/ld+json\">")
        .trim_end_matches("</script>");
    serde_json::from_str(json).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{json}"))
}

const PAKT: &str = "pressemitteilungen/2018/pakt-fuer-integration/index.html";

#[test]
fn a_release_page_describes_itself_as_a_news_article() {
    let s = site("full");
    s.build();
    let html = s.read(PAKT);
    let ld = json_ld(&html);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["headline"],
        "Pakt für Integration: Land fördert Prozessbegleitung in Meßkirch und Löffingen"
    );
    assert_eq!(ld["datePublished"], "2018-05-28");
    assert_eq!(ld["dateModified"], "2018-05-30", "from `updated`");
    assert_eq!(ld["identifier"], "047/2018");
    assert_eq!(ld["inLanguage"], "de");
    let url = "https://presse.example.org/pressemitteilungen/2018/pakt-fuer-integration/";
    assert_eq!(ld["url"], url);
    assert_eq!(ld["mainEntityOfPage"], url);
    assert_eq!(
        ld["image"][0],
        "https://presse.example.org/pressemitteilungen/2018/pakt-fuer-integration/foto.png"
    );
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(
        ld["publisher"]["name"],
        "Pressemitteilungen Testministerium"
    );
    let authors: Vec<&str> = ld["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        authors,
        [
            "Ministerium für Soziales und Integration",
            "Staatsministerium Baden-Württemberg"
        ]
    );
    let about: Vec<&str> = ld["about"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(about.len(), 2, "{about:?}");
    assert!(about.iter().any(|n| n.contains("Prozessbegleitung")));
    let places = ld["contentLocation"].as_array().unwrap();
    let loeffingen = places
        .iter()
        .find(|p| p["name"] == "Löffingen")
        .expect("Löffingen is a content location");
    assert_eq!(loeffingen["@type"], "Place");
    assert_eq!(
        loeffingen["url"],
        "https://presse.example.org/kommunen/loeffingen/"
    );
    assert_eq!(loeffingen["geo"]["@type"], "GeoCoordinates");
    assert!(loeffingen["geo"]["latitude"].as_f64().unwrap() > 47.0);

    for tag in [
        "<meta property=\"og:type\" content=\"article\">",
        &format!("<meta property=\"og:url\" content=\"{url}\">"),
        "<meta property=\"og:image\" content=\"https://presse.example.org/pressemitteilungen/2018/pakt-fuer-integration/foto.png\">",
        "<meta property=\"og:image:alt\" content=\"Gruppenbild der Bürgermeister vor dem Rathaus\">",
        "<meta property=\"article:published_time\" content=\"2018-05-28\">",
        "<meta property=\"article:modified_time\" content=\"2018-05-30\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "<meta property=\"og:locale\" content=\"de_DE\">",
    ] {
        assert!(html.contains(tag), "missing {tag}");
    }
    assert_eq!(common::count(&html, "property=\"og:type\""), 1);
    assert_eq!(common::count(&html, "<link rel=\"canonical\""), 1);
}

#[test]
fn a_script_end_in_the_title_cannot_end_the_json_ld() {
    let s = site("full");
    let file = "content/releases/2018-08-20-kreistag-beschliesst-integrationsplan.md";
    let text = std::fs::read_to_string(s.root.join(file)).unwrap();
    let title = "Plan </script><script>alert(1)</script> & <!-- Ende";
    let changed: String = text
        .lines()
        .map(|l| {
            if l.starts_with("title = ") {
                format!("title = \"{}\"", title.replace('"', "\\\""))
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    s.write(file, changed + "\n");
    s.build();
    let html = s.read("pressemitteilungen/2018/kreistag-beschliesst-integrationsplan/index.html");
    // Exactly one script block, and the hostile title only escaped inside it.
    assert_eq!(common::count(&html, "<script"), 1);
    assert!(!html.contains("<script>alert(1)"));
    let ld = json_ld(&html);
    assert_eq!(ld["headline"], title);
    // No issuers: the site is the author.
    assert_eq!(
        ld["author"][0]["name"],
        "Pressemitteilungen Testministerium"
    );
    // No image: a summary card and no og:image.
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert!(!html.contains("og:image"));
}

#[test]
fn other_pages_are_websites_without_json_ld() {
    let s = site("full");
    s.build();
    let home = s.read("index.html");
    assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
    assert!(!home.contains("application/ld+json"));
}
