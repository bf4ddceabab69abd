//! Tests of the related-release scoring, on sites resolved from real files.

use std::sync::Arc;

use super::*;
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::model::record::{load_municipality, load_programme};
use crate::resolve::tests::text;
use crate::resolve::{resolve_all, Loaded, Publish};
use crate::site::{Site, Topic};

/// A release `name` of `date` with more front matter lines `front`.
fn release(name: &str, date: &str, front: &str) -> Arc<Release> {
    crate::resolve::tests::release(name, &format!("title = \"{name}\"\ndate = {date}\n{front}"))
}

/// A site of `releases` with the programmes `modul` (part of `pakt`), `modul2` (also part of
/// `pakt`), `pakt` and `anderes`, and the towns `a` and `b` in the district `kreis` and `c`
/// outside it.
fn site(releases: Vec<Arc<Release>>) -> Site {
    let mut d = Diagnostics::new();
    let programme = |slug: &str, body: &str| {
        load_programme(
            &text(&format!("content/programmes/{slug}.toml"), body),
            "/",
            &mut Diagnostics::new(),
        )
        .unwrap()
    };
    let municipality = |slug: &str, body: &str| {
        load_municipality(
            &text(&format!("content/municipalities/{slug}.toml"), body),
            "/",
            &mut Diagnostics::new(),
        )
        .unwrap()
    };
    let loaded = Loaded {
        releases,
        programmes: vec![
            programme("pakt", "name = \"Pakt\""),
            programme("modul", "name = \"Modul\"\nparent = \"pakt\""),
            programme("modul2", "name = \"Modul 2\"\nparent = \"pakt\""),
            programme("anderes", "name = \"Anderes\""),
        ],
        municipalities: vec![
            municipality("kreis", "name = \"Kreis\"\nkind = \"Landkreis\""),
            municipality("a", "name = \"A\"\ndistrict = \"kreis\""),
            municipality("b", "name = \"B\"\ndistrict = \"kreis\""),
            municipality("c", "name = \"C\""),
        ],
        ..Loaded::default()
    };
    let config = Config::parse(
        &Arc::from("title = \"T\"\nbase_url = \"https://e.org\"\n"),
        None,
    )
    .unwrap();
    let publish = Publish {
        now: "2030-01-01T00:00:00Z".parse().unwrap(),
        drafts: false,
    };
    let site = resolve_all(config, loaded, publish, &mut d, None)
        .unwrap()
        .site;
    assert_eq!(d.error_count(), 0);
    site
}

/// The titles of the related releases of the release titled `name`.
fn related_of(site: &Site, name: &str) -> Vec<String> {
    let i = site.releases.iter().position(|r| r.title == name).unwrap();
    site.links.related[i]
        .iter()
        .map(|r| site.release(*r).title.clone())
        .collect()
}

#[test]
fn a_shared_programme_beats_a_shared_topic_even_when_older() {
    let s = site(vec![
        release(
            "x",
            "2020-06-01",
            "kicker = \"Bau\"\nprogrammes = [\"anderes\"]",
        ),
        release("programm", "2018-01-01", "programmes = [\"anderes\"]"),
        release("thema", "2020-06-02", "kicker = \"Bau\""),
        release("nichts", "2020-06-01", "kicker = \"Sport\""),
    ]);
    assert_eq!(related_of(&s, "x"), ["programm", "thema"]);
    assert_eq!(related_of(&s, "nichts"), Vec::<String>::new());
}

#[test]
fn a_parent_programme_and_a_district_count() {
    let s = site(vec![
        release(
            "x",
            "2020-06-01",
            "programmes = [\"modul\"]\nmunicipalities = [\"a\"]",
        ),
        release("eltern", "2020-01-01", "programmes = [\"pakt\"]"),
        release("geschwister", "2015-01-01", "programmes = [\"modul2\"]"),
        release("kreis", "2020-05-01", "municipalities = [\"kreis\"]"),
        release("nachbar", "2020-05-02", "municipalities = [\"b\"]"),
        release(
            "fern",
            "2020-06-01",
            "municipalities = [\"c\"]\nprogrammes = [\"anderes\"]",
        ),
    ]);
    // The district (2, + 2 within a month) named by one release and reached through the
    // neighbour town by the other tie with the parent (3, + 1 within a year): the nearer in
    // time first; the sibling module (3, years apart) last.
    assert_eq!(
        related_of(&s, "x"),
        ["nachbar", "kreis", "eltern", "geschwister"]
    );
    assert!(related_of(&s, "fern").is_empty());
}

#[test]
fn ties_go_to_the_nearer_then_the_newer_release() {
    let s = site(vec![
        release("x", "2020-06-10", "kicker = \"Bau\""),
        release("davor", "2020-06-05", "kicker = \"Bau\""),
        release("danach", "2020-06-15", "kicker = \"Bau\""),
        release("nah", "2020-06-09", "kicker = \"Bau\""),
    ]);
    assert_eq!(related_of(&s, "x"), ["nah", "danach", "davor"]);
    let again = site(vec![
        release("danach", "2020-06-15", "kicker = \"Bau\""),
        release("nah", "2020-06-09", "kicker = \"Bau\""),
        release("x", "2020-06-10", "kicker = \"Bau\""),
        release("davor", "2020-06-05", "kicker = \"Bau\""),
    ]);
    assert_eq!(related_of(&again, "x"), related_of(&s, "x"));
}

#[test]
fn never_the_release_itself_and_at_most_five() {
    let releases = (1..=12)
        .map(|d| {
            release(
                &format!("r{d}"),
                &format!("2020-01-{d:02}"),
                "programmes = [\"pakt\"]",
            )
        })
        .collect();
    let s = site(releases);
    for (i, list) in s.links.related.iter().enumerate() {
        assert_eq!(list.len(), MAX_RELATED);
        assert!(!list.contains(&ReleaseId(i as u32)));
        let mut unique = list.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), list.len());
    }
    // The nearest in time, on both sides.
    assert_eq!(related_of(&s, "r6"), ["r7", "r5", "r8", "r4", "r9"]);
}

#[test]
fn more_shared_features_score_more() {
    let a = [
        key(PROGRAMME, 0, true),
        key(PROGRAMME, 1, false),
        key(MUNICIPALITY, 3, true),
        key(TOPIC, 0, true),
    ];
    let b = [
        key(PROGRAMME, 0, true),
        key(PROGRAMME, 1, true),
        key(MUNICIPALITY, 3, false),
        key(TOPIC, 0, true),
    ];
    let links = Links {
        programme_parent: vec![None; 4],
        municipality_district: vec![None; 4],
        topics: vec![Topic {
            slug: "t".into(),
            name: "T".into(),
            releases: Vec::new(),
        }],
        ..Links::default()
    };
    let mut marks = Marks::new(&links);
    marks.set(ReleaseId(0), &a);
    assert_eq!(
        marks.score(ReleaseId(0), &b),
        SHARED_PROGRAMME + SHARED_PARENT + SHARED_REGION + SHARED_TOPIC
    );
    assert_eq!(marks.score(ReleaseId(0), &[]), 0);
    // Marks of an earlier release do not count for the next one.
    marks.set(ReleaseId(1), &[key(PROGRAMME, 3, true)]);
    assert_eq!(marks.score(ReleaseId(1), &b), 0);
    // The same id in another kind is another feature.
    assert_eq!(marks.score(ReleaseId(1), &[key(MUNICIPALITY, 3, true)]), 0);
    assert_eq!(
        marks.score(ReleaseId(1), &[key(PROGRAMME, 3, false)]),
        SHARED_PARENT
    );
    assert!(time_bonus(400) < time_bonus(100) && time_bonus(100) < time_bonus(3));
    assert!(time_bonus(0) < SHARED_REGION.min(SHARED_TOPIC) + 1);
}

#[test]
fn a_direct_entry_wins_over_an_indirect_one() {
    let keys = direct_first(vec![
        key(MUNICIPALITY, 2, false),
        key(PROGRAMME, 1, false),
        key(MUNICIPALITY, 2, true),
        key(PROGRAMME, 1, false),
    ]);
    assert_eq!(keys, [key(PROGRAMME, 1, false), key(MUNICIPALITY, 2, true)]);
}
