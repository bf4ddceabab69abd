//! The releases of programme and municipality pages, paginated like the archive with
//! `per_page = 2`: page 1 is the record's page with its facts, pages 2..N
//! (`…/SLUG/seite/N/`) list only their releases, name the record and link back to it. A
//! district lists its own releases and its members' as one list, newest first.

mod common;

use common::{count, empty_site, fragment, main_of, Site};

/// The records under test: their output folders and names.
const PROGRAMME: &str = "programme/foerderung";
const TOWN: &str = "kommunen/teststadt";
const DISTRICT: &str = "kommunen/testkreis";
const RECORDS: [(&str, &str); 3] = [
    (PROGRAMME, "Förderprogramm Test"),
    (TOWN, "Teststadt"),
    (DISTRICT, "Landkreis Testkreis"),
];

/// A site with `per_page = 2`, a programme, a town, a district and a village in it, and `n`
/// releases, one a day from 2020-01-01 on. Each names the programme and the town; the odd
/// ones name the village (so they reach the district by roll-up), the even ones the district
/// itself. So the programme, the town and the district each list all `n`.
fn site_with(n: usize) -> Site {
    let s = empty_site("per_page = 2\n");
    s.write(
        "content/programmes/foerderung.toml",
        "name = \"Förderprogramm Test\"\nowner = \"Testministerium\"\ndescription = \"Beschreibung des Programms.\"\n\n[[participants]]\nmunicipality = \"teststadt\"\nyear = 2020\nfunding_eur = 1000\n",
    );
    s.write(
        "content/municipalities/teststadt.toml",
        "name = \"Teststadt\"\nkind = \"Stadt\"\npopulation = 12345\ndescription = \"Beschreibung der Stadt.\"\n",
    );
    s.write(
        "content/municipalities/testkreis.toml",
        "name = \"Landkreis Testkreis\"\nkind = \"Landkreis\"\nags = \"08999000\"\n",
    );
    s.write(
        "content/municipalities/testdorf.toml",
        "name = \"Testdorf\"\nkind = \"Gemeinde\"\ndistrict = \"testkreis\"\n",
    );
    for i in 1..=n {
        let other = if i % 2 == 1 { "testdorf" } else { "testkreis" };
        s.write(
            &format!("content/releases/2020-01-{i:02}-mitteilung-{i}.md"),
            format!(
                "+++\ntitle = \"Mitteilung Nummer {i}\"\ndate = 2020-01-{i:02}\nprogrammes = [\"foerderung\"]\nmunicipalities = [\"teststadt\", \"{other}\"]\n+++\n\nText {i}.\n"
            ),
        );
    }
    s.build();
    s
}

/// The output file of page `n` of the record at `dir`.
fn page_file(dir: &str, n: usize) -> String {
    if n == 1 {
        format!("{dir}/index.html")
    } else {
        format!("{dir}/seite/{n}/index.html")
    }
}

/// Every page of the record at `dir`, from page 1 on, as far as they exist.
fn pages(s: &Site, dir: &str) -> Vec<String> {
    (1..)
        .map(|n| page_file(dir, n))
        .take_while(|f| s.has(f))
        .map(|f| s.read(&f))
        .collect()
}

/// The numbers of the releases a page lists, in its order.
fn listed(html: &str) -> Vec<usize> {
    let main = main_of(html);
    main.split("\">Mitteilung Nummer ")
        .skip(1)
        .map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().expect("a release number")
        })
        .collect()
}

/// The releases `n` releases give, newest first, cut into pages of two.
fn expected_pages(n: usize) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (1..=n).rev().collect();
    if all.is_empty() {
        return vec![Vec::new()];
    }
    all.chunks(2).map(<[usize]>::to_vec).collect()
}

/// Checks the pages of every record for a site of `n` releases: how many, which releases on
/// which, the links between them, facts only on page 1, and the sitemap.
fn check_records(s: &Site, n: usize) {
    let want = expected_pages(n);
    let sitemap = s.read("sitemap.xml");
    for (dir, name) in RECORDS {
        let got = pages(s, dir);
        assert_eq!(
            got.len(),
            want.len(),
            "{dir}: number of pages for {n} releases"
        );
        for (i, (html, releases)) in got.iter().zip(&want).enumerate() {
            let k = i + 1;
            assert_eq!(&listed(html), releases, "{dir}: releases on page {k}");
            check_links(dir, name, html, k, want.len());
            check_facts(dir, html, k);
            let loc = format!("<loc>https://presse.example.org/{dir}/{}</loc>", {
                if k == 1 {
                    String::new()
                } else {
                    format!("seite/{k}/")
                }
            });
            assert_eq!(count(&sitemap, &loc), 1, "{dir}: {loc} in the sitemap");
        }
        let after = format!(
            "<loc>https://presse.example.org/{dir}/seite/{}/",
            want.len() + 1
        );
        assert!(!sitemap.contains(&after), "{dir}: {after} in the sitemap");
        assert!(
            !s.has(&format!("{dir}/seite/1/index.html")),
            "{dir}: page 1 is the record's page"
        );
    }
}

/// Page `k` of `total` of the record at `dir` named `name`: heading, title, canonical URL,
/// the previous/next links and the link back to the record.
fn check_links(dir: &str, name: &str, html: &str, k: usize, total: usize) {
    let main = main_of(html);
    let url = |n: usize| {
        if n == 1 {
            format!("/{dir}/")
        } else {
            format!("/{dir}/seite/{n}/")
        }
    };
    let canonical = format!(
        r#"<link rel="canonical" href="https://presse.example.org{}">"#,
        url(k)
    );
    assert!(html.contains(&canonical), "{dir} page {k}: {canonical}");
    let next = format!(r#"<a href="{}" rel="next">"#, url(k + 1));
    assert_eq!(main.contains(&next), k < total, "{dir} page {k}: {next}");
    let prev = format!(r#"<a href="{}" rel="prev">"#, url(k.max(2) - 1));
    assert_eq!(main.contains(&prev), k > 1, "{dir} page {k}: {prev}");
    assert_eq!(
        main.contains(r#"class="pagination""#),
        total > 1,
        "{dir} page {k}: page navigation"
    );
    if total > 1 {
        let current = format!(r#"<a href="{}" aria-current="page">"#, url(k));
        assert!(main.contains(&current), "{dir} page {k}: {current}\n{main}");
    }
    if k == 1 {
        assert!(html.contains(&format!("<title>{name} – Testpresse</title>")));
        assert!(main.contains(&format!("<h1>{name}</h1>")), "{main}");
        assert!(!main.contains("back-link"));
    } else {
        assert!(
            html.contains(&format!("<title>{name} – Seite {k} – Testpresse</title>")),
            "{dir} page {k}: title"
        );
        assert!(
            main.contains(&format!(
                "<h1>{name} <span class=\"page-of\">– Seite {k} von {total}</span></h1>"
            )),
            "{dir} page {k}: heading\n{main}"
        );
        let back = format!(r#"Zurück zu <a href="/{dir}/">{name}</a>"#);
        assert!(main.contains(&back), "{dir} page {k}: {back}\n{main}");
        assert_eq!(count(main, "<h1"), 1);
    }
    // Every page announces the record's feed.
    assert!(html.contains(&format!(r#"href="/{dir}/feed.xml""#)));
}

/// The record's facts, description, participants and programmes stand on page 1 only.
fn check_facts(dir: &str, html: &str, k: usize) {
    let main = main_of(html);
    let facts = [
        r#"<dl class="facts">"#,
        "Beschreibung d",
        "s-teilnehmer",
        "s-programme",
        "s-mitglieder",
    ];
    if k == 1 {
        assert!(main.contains(facts[0]), "{dir}: facts on page 1");
        if dir == DISTRICT {
            assert!(main.contains(facts[4]), "{dir}: members on page 1");
        } else {
            assert!(main.contains(facts[1]), "{dir}: description on page 1");
            assert!(
                main.contains(facts[2]) || main.contains(facts[3]),
                "{dir}: the participation table on page 1"
            );
        }
    } else {
        for f in facts {
            assert!(!main.contains(f), "{dir} page {k} shows {f}:\n{main}");
        }
    }
}

#[test]
fn without_releases_a_record_has_one_page_that_says_so() {
    let s = site_with(0);
    check_records(&s, 0);
    for (dir, _) in RECORDS {
        let html = s.read(&page_file(dir, 1));
        assert!(main_of(&html).contains("Keine Pressemitteilungen"), "{dir}");
        assert!(!main_of(&html).contains("count-line"), "{dir}");
    }
}

#[test]
fn one_release_fits_on_the_record_page() {
    let s = site_with(1);
    check_records(&s, 1);
}

#[test]
fn exactly_per_page_releases_make_no_second_page() {
    let s = site_with(2);
    check_records(&s, 2);
    for (dir, _) in RECORDS {
        assert!(!s.has(&page_file(dir, 2)), "{dir}");
    }
}

#[test]
fn one_more_than_per_page_makes_a_second_page_with_one_release() {
    let s = site_with(3);
    check_records(&s, 3);
    for (dir, _) in RECORDS {
        assert_eq!(listed(&s.read(&page_file(dir, 2))), [1], "{dir}");
        assert!(!s.has(&page_file(dir, 3)), "{dir}");
    }
    // The village has the two odd releases: one page.
    assert_eq!(pages(&s, "kommunen/testdorf").len(), 1);
    assert_eq!(listed(&s.read("kommunen/testdorf/index.html")), [3, 1]);
}

#[test]
fn a_middle_page_links_both_ways_and_every_release_is_on_one_page() {
    let s = site_with(5);
    check_records(&s, 5);
    for (dir, _) in RECORDS {
        let all: Vec<usize> = pages(&s, dir).iter().flat_map(|p| listed(p)).collect();
        assert_eq!(all, [5, 4, 3, 2, 1], "{dir}");
    }
}

#[test]
fn a_district_lists_its_own_and_its_members_releases_as_one_list() {
    let s = site_with(5);
    let pages = pages(&s, DISTRICT);
    // Own: 4 and 2 (they name the district); 5, 3 and 1 name its member, the village.
    let first = main_of(&pages[0]);
    assert!(
        first.contains("5 Mitteilungen, davon 3 über Mitgliedskommunen"),
        "{first}"
    );
    let via = r#" · über <a href="/kommunen/testdorf/">Testdorf</a>"#;
    for (k, page) in pages.iter().enumerate() {
        let main = main_of(page);
        for card in main.split(r#"<article class="card">"#).skip(1) {
            let card = fragment(card, "card__title", "</article>");
            let n = listed(&format!("<main>{card}</main>"))[0];
            assert_eq!(
                card.contains(via),
                n % 2 == 1,
                "page {}: release {n} marked with the member or not:\n{card}",
                k + 1
            );
        }
    }
    // The village's page lists only its own releases, unmarked.
    let village = s.read("kommunen/testdorf/index.html");
    assert_eq!(listed(&village), [5, 3]);
    assert!(!main_of(&village).contains(" · über "));
    assert_eq!(listed(&s.read("kommunen/testdorf/seite/2/index.html")), [1]);
    // The district's feed stays with its own releases.
    let feed = s.read("kommunen/testkreis/feed.xml");
    assert_eq!(count(&feed, "<entry>"), 2);
    assert!(feed.contains("Mitteilung Nummer 4") && feed.contains("Mitteilung Nummer 2"));
}

#[test]
fn record_pages_honour_the_path_words_and_a_sub_path() {
    let s = empty_site("per_page = 1\n");
    let config = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write(
        "config.toml",
        config.replace("https://presse.example.org/", "https://example.org/presse/")
            + "\n[paths]\nprogrammes = \"foerderprogramme\"\npage = \"teil\"\n",
    );
    s.write("content/programmes/p.toml", "name = \"P\"\n");
    for i in 1..=2 {
        s.write(
            &format!("content/releases/2020-01-0{i}-r{i}.md"),
            format!(
                "+++\ntitle = \"R{i}\"\ndate = 2020-01-0{i}\nprogrammes = [\"p\"]\n+++\n\nText.\n"
            ),
        );
    }
    s.build();
    let second = s.read("foerderprogramme/p/teil/2/index.html");
    assert!(main_of(&second).contains(r#"<a href="/presse/foerderprogramme/p/" rel="prev">"#));
    assert!(second.contains(
        r#"<link rel="canonical" href="https://example.org/presse/foerderprogramme/p/teil/2/">"#
    ));
    assert!(main_of(&s.read("foerderprogramme/p/index.html"))
        .contains(r#"<a href="/presse/foerderprogramme/p/teil/2/" rel="next">"#));
    assert!(s
        .read("sitemap.xml")
        .contains("<loc>https://example.org/presse/foerderprogramme/p/teil/2/</loc>"));
}
