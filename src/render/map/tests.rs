//! Tests of the projection, the state test and the map view.

use super::*;
use crate::config::Language;
use crate::locale::strings;

fn place(name: &'static str, coordinates: Option<(f64, f64)>) -> Place<'static> {
    Place {
        name,
        url: format!("/kommunen/{}/", name.to_lowercase()),
        coordinates,
    }
}

const STUTTGART: (f64, f64) = (48.775817, 9.177734);
const FREIBURG: (f64, f64) = (47.994786, 7.849877);
const MUENCHEN: (f64, f64) = (48.137154, 11.576124);

#[test]
fn a_known_town_lies_inside_the_outline_box_and_north_is_up() {
    let b = state_bounds();
    assert!(b.min_lat < STUTTGART.0 && STUTTGART.0 < b.max_lat);
    assert!(b.min_lon < STUTTGART.1 && STUTTGART.1 < b.max_lon);
    let p = Projection::new(b);
    let (x, y) = p.project(STUTTGART.0, STUTTGART.1);
    assert!(x > 0.0 && x < WIDTH && y > 0.0 && y < p.height(), "{x} {y}");
    // Freiburg lies south-west of Stuttgart: left of it and below it.
    let (fx, fy) = p.project(FREIBURG.0, FREIBURG.1);
    assert!(fx < x && fy > y);
    // The same distance in kilometres is (about) the same length both ways.
    let (x0, y0) = p.project(48.6, 9.0);
    let north = p.project(48.6 + 0.1, 9.0);
    let east = p.project(48.6, 9.0 + 0.1 / 48.6f64.to_radians().cos());
    let (dn, de) = (y0 - north.1, east.0 - x0);
    assert!((dn - de).abs() < 0.02 * dn, "{dn} {de}");
}

#[test]
fn the_state_holds_its_border_towns_and_not_its_neighbours() {
    for (lat, lon) in [
        STUTTGART,
        FREIBURG,
        (47.552535, 7.948758),  // Bad Säckingen, southernmost
        (49.759581, 9.516823),  // Wertheim, northernmost
        (47.731696, 7.556809),  // Bad Bellingen, westernmost
        (48.850164, 10.434643), // Riesbürg, easternmost
    ] {
        assert!(in_state(lat, lon), "{lat} {lon}");
    }
    for (lat, lon) in [
        MUENCHEN,
        (48.8566, 2.3522),
        (47.3769, 8.5417),
        (50.1109, 8.6821),
    ] {
        assert!(!in_state(lat, lon), "{lat} {lon}");
    }
}

#[test]
fn places_in_the_state_are_drawn_over_its_outline() {
    let t = strings(Language::De);
    let m = map(
        "Kommunen",
        vec![
            place("Freiburg", Some(FREIBURG)),
            place("Ohne", None),
            place("Stuttgart", Some(STUTTGART)),
        ],
        t,
    )
    .unwrap();
    assert!(m
        .outline
        .as_deref()
        .is_some_and(|d| d.starts_with('M') && d.ends_with('Z')));
    assert!(m.water.is_some());
    assert_eq!(m.attribution, Some(t.map_attribution));
    let names: Vec<&str> = m.points.iter().map(|p| p.name).collect();
    assert_eq!(names, ["Freiburg", "Stuttgart"], "in the order given");
    assert_eq!(m.points[1].url, "/kommunen/stuttgart/");
    assert_eq!(m.missing.len(), 1);
    assert_eq!(m.missing[0].title, "Ohne");
    assert_eq!(m.title, "Karte: Kommunen");
    assert!(m.description.ends_with(" 2."), "{}", m.description);
    assert_eq!(m.view_box, format!("0 0 800 {}", m.height));
    for p in &m.points {
        assert!(p.x > 0.0 && p.x < m.width && p.y > 0.0 && p.y < m.height);
    }
}

#[test]
fn places_outside_the_state_get_their_bounding_box() {
    let t = strings(Language::En);
    let m = map(
        "Places",
        vec![
            place("Stuttgart", Some(STUTTGART)),
            place("München", Some(MUENCHEN)),
        ],
        t,
    )
    .unwrap();
    assert!(m.outline.is_none() && m.water.is_none() && m.attribution.is_none());
    let (s, mu) = (&m.points[0], &m.points[1]);
    // A margin of a tenth of the span on either side.
    assert!(
        (s.x - WIDTH * MARGIN / (1.0 + 2.0 * MARGIN)).abs() < 0.2,
        "{}",
        s.x
    );
    assert!((mu.x - WIDTH * (1.0 + MARGIN) / (1.0 + 2.0 * MARGIN)).abs() < 0.2);
    assert!(mu.y > s.y, "München lies south of Stuttgart");
    // One point alone gets a box of MIN_SPAN around it, with the point in the middle.
    let one = map("Places", vec![place("München", Some(MUENCHEN))], t).unwrap();
    assert!((one.points[0].x - WIDTH / 2.0).abs() < 0.2);
    assert!((one.points[0].y - one.height / 2.0).abs() < 0.2);
    assert!(one.height > 100.0);
}

#[test]
fn no_coordinates_no_map() {
    let t = strings(Language::De);
    assert!(map("Kommunen", vec![place("Ohne", None)], t).is_none());
    assert!(map("Kommunen", Vec::new(), t).is_none());
}

#[test]
#[ignore = "reads ../shared/data; run by hand after changing the outline"]
fn every_municipality_of_the_state_lies_in_it() {
    let csv = std::fs::read_to_string("../shared/data/bw-municipalities.csv").unwrap();
    let outside: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let n = f.len();
            !in_state(f[n - 2].parse().unwrap(), f[n - 1].parse().unwrap())
        })
        .collect();
    assert!(outside.is_empty(), "{outside:#?}");
}
