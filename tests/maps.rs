//! SVG maps on the municipality index, programme pages and district pages, built from the
//! `maps` fixture: Freiburg (in a district, with coordinates), Ohne Ort (same district,
//! without), Stuttgart, and München outside Baden-Württemberg.

mod common;

use common::{attr_values, check_xml, count, fragment, site};

/// The map section of a page, if it has one.
fn map_of(html: &str) -> Option<&str> {
    html.contains("<section class=\"map\"")
        .then(|| fragment(html, "<section class=\"map\"", "</section>"))
}

/// The accessible names of the map's points, in order.
fn point_names(map: &str) -> Vec<&str> {
    attr_values(fragment(map, "<svg", "</svg>"), "aria-label")
}

#[test]
fn a_programme_in_the_state_is_drawn_over_its_outline() {
    let s = site("maps");
    s.build();
    let html = s.read("programme/pakt/index.html");
    let map = map_of(&html).expect("a map");
    let svg = fragment(map, "<svg", "</svg>");
    check_xml(svg).unwrap_or_else(|e| panic!("{e}:\n{svg}"));
    assert!(svg.contains("<title id=\"karte-titel\">Karte: Geförderte Kommunen</title>"));
    assert!(
        svg.contains("<desc id=\"karte-text\">"),
        "a text alternative"
    );
    assert!(svg.contains("class=\"map__land\""), "the state's outline");
    assert!(map.contains("GeoBasis-DE / BKG"), "its source note");
    // Each participant once, in name order, each point a link with its name.
    assert_eq!(point_names(map), ["Freiburg im Breisgau", "Stuttgart"]);
    assert_eq!(
        attr_values(svg, "href"),
        ["/kommunen/freiburg/", "/kommunen/stuttgart/"]
    );
    // The same places in a list beside the map, and the one without coordinates named.
    let list = fragment(map, "<ul class=\"map__list\">", "</ul>");
    assert_eq!(
        attr_values(list, "href"),
        ["/kommunen/freiburg/", "/kommunen/stuttgart/"]
    );
    let missing = fragment(map, "<p class=\"map__missing\">", "</p>");
    assert!(missing.contains("<a href=\"/kommunen/ohne-ort/\">Ohne Ort</a>"));
    assert!(svg.contains("viewBox=\"0 0 800 "));
}

#[test]
fn places_outside_the_state_get_a_map_of_their_own_box() {
    let s = site("maps");
    s.build();
    let html = s.read("programme/grenzenlos/index.html");
    let map = map_of(&html).expect("a map");
    assert!(!map.contains("map__land") && !map.contains("GeoBasis"));
    assert_eq!(point_names(map), ["München", "Stuttgart"]);
    assert!(!map.contains("map__missing"));
}

#[test]
fn the_index_and_a_district_show_their_municipalities() {
    let s = site("maps");
    s.build();
    let index = s.read("kommunen/index.html");
    let map = map_of(&index).expect("a map on the index");
    assert_eq!(
        point_names(map),
        ["Freiburg im Breisgau", "München", "Stuttgart"]
    );
    assert!(map.contains("Landkreis Breisgau</a>, <a href=\"/kommunen/ohne-ort/\">Ohne Ort"));
    let kreis = s.read("kommunen/kreis/index.html");
    let map = map_of(&kreis).expect("a map of the members");
    assert_eq!(point_names(map), ["Freiburg im Breisgau"]);
    assert!(map.contains("Ohne Ort"));
    // A town without members has no map; nor a district whose members lack coordinates.
    assert!(map_of(&s.read("kommunen/freiburg/index.html")).is_none());
    s.write(
        "content/municipalities/freiburg.toml",
        "name = \"Freiburg im Breisgau\"\ndistrict = \"kreis\"\n",
    );
    s.build();
    assert!(map_of(&s.read("kommunen/kreis/index.html")).is_none());
}

#[test]
fn maps_switched_off_leave_no_trace() {
    let s = site("maps");
    s.build();
    assert!(s.read("kommunen/index.html").contains("<svg"));
    s.write(
        "config.toml",
        "title = \"Kartenpresse\"\nbase_url = \"https://presse.example.org/\"\n[outputs]\nmap = false\n",
    );
    s.build();
    for (path, bytes) in s.output_files() {
        if path.ends_with(".css") {
            continue; // the theme's styles for maps stay, unused
        }
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(count(&text, "<svg"), 0, "{path}");
        assert!(!text.contains("map__"), "{path}");
    }
}
