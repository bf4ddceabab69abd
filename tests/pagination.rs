//! Archive pagination with `per_page = 2`: page boundaries and prev/next links.

mod common;

use common::{count, empty_site, main_of, Site};

/// A site with `n` releases, one per day from 2020-01-01 on, all with the kicker "Haushalt".
fn site_with(n: usize) -> Site {
    let s = empty_site("per_page = 2\n");
    for i in 1..=n {
        s.write(
            &format!("content/releases/2020-01-{i:02}-mitteilung-{i}.md"),
            format!("+++\ntitle = \"Mitteilung Nummer {i}\"\ndate = 2020-01-{i:02}\nkicker = \"Haushalt\"\n+++\n\nText {i}.\n"),
        );
    }
    s.build();
    s
}

fn cards(html: &str) -> usize {
    count(main_of(html), r#"<article class="card">"#)
}

#[test]
fn no_releases_gives_an_empty_archive_without_page_two() {
    let s = site_with(0);
    let html = s.read("pressemitteilungen/index.html");
    assert!(
        main_of(&html).contains("Keine Pressemitteilungen"),
        "{html}"
    );
    assert_eq!(cards(&html), 0);
    assert!(!main_of(&html).contains(r#"class="pagination""#));
    assert!(!s.has("pressemitteilungen/seite/2/index.html"));
    assert!(!s.out.join("pressemitteilungen/2020").exists());
    assert_eq!(count(&s.read("feed.xml"), "<entry>"), 0);
    assert!(main_of(&s.read("index.html")).contains("Keine Pressemitteilungen"));
}

#[test]
fn one_release_fits_on_one_page() {
    let s = site_with(1);
    let html = s.read("pressemitteilungen/index.html");
    assert_eq!(cards(&html), 1);
    assert!(!main_of(&html).contains(r#"class="pagination""#));
    assert!(!s.has("pressemitteilungen/seite/2/index.html"));
}

#[test]
fn exactly_per_page_releases_make_no_second_page() {
    let s = site_with(2);
    let html = s.read("pressemitteilungen/index.html");
    assert_eq!(cards(&html), 2);
    assert!(!main_of(&html).contains(r#"rel="next""#));
    assert!(!s.has("pressemitteilungen/seite/2/index.html"));
    assert!(!s.has("pressemitteilungen/2020/seite/2/index.html"));
    assert!(!s.has("themen/haushalt/seite/2/index.html"));
}

#[test]
fn one_more_than_per_page_makes_a_second_page_with_one_release() {
    let s = site_with(3);
    let first = s.read("pressemitteilungen/index.html");
    let main = main_of(&first);
    assert_eq!(cards(&first), 2);
    assert!(main.contains("Mitteilung Nummer 3") && main.contains("Mitteilung Nummer 2"));
    assert!(
        main.contains(r#"<a href="/pressemitteilungen/seite/2/" rel="next">"#),
        "{main}"
    );
    assert!(!main.contains(r#"rel="prev""#));
    assert!(main.contains("Seite 1 von 2"));

    let second = s.read("pressemitteilungen/seite/2/index.html");
    let main = main_of(&second);
    assert_eq!(cards(&second), 1);
    assert!(main.contains("Mitteilung Nummer 1"));
    assert!(
        main.contains(r#"<a href="/pressemitteilungen/" rel="prev">"#),
        "{main}"
    );
    assert!(!main.contains(r#"rel="next""#));
    assert!(main.contains("Seite 2 von 2"));
    assert!(second.contains(
        r#"<link rel="canonical" href="https://presse.example.org/pressemitteilungen/seite/2/">"#
    ));
    assert!(!s.has("pressemitteilungen/seite/3/index.html"));

    // Year and topic lists paginate the same way.
    assert!(s.has("pressemitteilungen/2020/seite/2/index.html"));
    assert!(!s.has("pressemitteilungen/2020/seite/3/index.html"));
    assert!(main_of(&s.read("pressemitteilungen/2020/index.html"))
        .contains(r#"<a href="/pressemitteilungen/2020/seite/2/" rel="next">"#));
    assert!(s.has("themen/haushalt/seite/2/index.html"));
    assert_eq!(cards(&s.read("themen/haushalt/seite/2/index.html")), 1);
}

#[test]
fn a_middle_page_links_both_ways() {
    let s = site_with(5);
    let html = s.read("pressemitteilungen/seite/2/index.html");
    let main = main_of(&html);
    assert_eq!(cards(&html), 2);
    assert!(main.contains("Mitteilung Nummer 3") && main.contains("Mitteilung Nummer 2"));
    assert!(main.contains(r#"<a href="/pressemitteilungen/" rel="prev">"#));
    assert!(main.contains(r#"<a href="/pressemitteilungen/seite/3/" rel="next">"#));
    assert!(main.contains(r#"<a href="/pressemitteilungen/seite/2/" aria-current="page">"#));
    assert_eq!(cards(&s.read("pressemitteilungen/seite/3/index.html")), 1);
    assert!(!s.has("pressemitteilungen/seite/4/index.html"));
    // Every release is on exactly one archive page.
    let all: String = [
        "pressemitteilungen/index.html",
        "pressemitteilungen/seite/2/index.html",
        "pressemitteilungen/seite/3/index.html",
    ]
    .iter()
    .map(|p| s.read(p))
    .collect();
    for i in 1..=5 {
        assert_eq!(
            count(&all, &format!("Mitteilung Nummer {i}<")),
            1,
            "release {i}"
        );
    }
}

#[test]
fn feed_and_home_show_only_the_newest_releases() {
    let s = site_with(25);
    let feed = s.read("feed.xml");
    assert_eq!(count(&feed, "<entry>"), 20);
    assert!(
        feed.contains("<title>Mitteilung Nummer 25</title>")
            && feed.contains("<title>Mitteilung Nummer 6</title>")
    );
    assert!(!feed.contains("<title>Mitteilung Nummer 5</title>"));
    let home = s.read("index.html");
    assert_eq!(cards(&home), 10);
    assert!(
        main_of(&home).contains("Mitteilung Nummer 16<")
            && !main_of(&home).contains("Mitteilung Nummer 15<")
    );
    assert!(
        s.has("pressemitteilungen/seite/13/index.html")
            && !s.has("pressemitteilungen/seite/14/index.html")
    );
}
