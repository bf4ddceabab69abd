//! German and English dates, numbers, amounts and UI words.

mod common;

use common::{main_of, site, Site};

fn built(language: Option<&str>) -> Site {
    let s = site("full");
    if let Some(lang) = language {
        let cfg = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
        s.write(
            "config.toml",
            cfg.replace("language = \"de\"", &format!("language = \"{lang}\"")),
        );
    }
    s.build();
    s
}

#[test]
fn german_dates_numbers_and_words() {
    let s = built(None);
    let release = s.read("pressemitteilungen/2018/pakt-fuer-integration/index.html");
    assert!(release.contains(r#"<html lang="de">"#));
    assert!(release.contains(">28. Mai 2018</time>"));
    assert!(release.contains("Gemeinsame Pressemitteilung"));
    assert!(release.contains("(PDF, 2,5 KB)"));
    assert!(release.contains(">12. Juni 2018, 10:00 Uhr</time>"));
    let march = s.read("pressemitteilungen/2019/messkirch-foerdert-loeffingen/index.html");
    assert!(march.contains(r#"<time datetime="2019-03-01">1. März 2019</time>"#));
    let programme = s.read("programme/prozessbegleitung/index.html");
    assert!(programme.contains(r#"<td class="num">40.000 €</td>"#));
    assert!(programme.contains("120.000 €"));
    assert!(s
        .read("programme/pakt-fuer-integration/index.html")
        .contains("1.500.000 €"));
    let district = s.read("kommunen/landkreis-breisgau-hochschwarzwald/index.html");
    assert!(district.contains(r#"<dd class="num">233.040</dd>"#));
    assert!(s
        .read("kommunen/loeffingen/index.html")
        .contains(r#"<dd class="num">7.675</dd>"#));
    let home = s.read("index.html");
    assert!(home.contains("Aktuelle Pressemitteilungen") && home.contains("Zum Inhalt springen"));
    assert!(s.read("feed.xml").contains(r#"xml:lang="de""#));
}

#[test]
fn english_dates_numbers_and_words() {
    let s = built(Some("en"));
    let release = s.read("pressemitteilungen/2018/pakt-fuer-integration/index.html");
    let main = main_of(&release);
    assert!(release.contains(r#"<html lang="en">"#));
    assert!(main.contains(r#"<time datetime="2018-05-28">28 May 2018</time>"#));
    assert!(main.contains("No. 047/2018"));
    assert!(main.contains("Joint press release"));
    assert!(!main.contains("Gemeinsame Pressemitteilung"));
    assert!(main.contains("(PDF, 2.5 KB)"));
    assert!(main.contains("Updated on"));
    let march = s.read("pressemitteilungen/2019/messkirch-foerdert-loeffingen/index.html");
    assert!(march.contains(">1 March 2019</time>"));
    let programme = s.read("programme/prozessbegleitung/index.html");
    assert!(
        programme.contains(r#"<td class="num">€40,000</td>"#),
        "{}",
        main_of(&programme)
    );
    assert!(!programme.contains("40.000 €"));
    assert!(s
        .read("kommunen/landkreis-breisgau-hochschwarzwald/index.html")
        .contains(r#"<dd class="num">233,040</dd>"#));
    let home = s.read("index.html");
    assert!(home.contains("Press releases"));
    assert!(home.contains("Latest press releases"));
    assert!(!home.contains("Aktuelle Pressemitteilungen"));
    let archive = s.read("pressemitteilungen/index.html");
    assert!(main_of(&archive).contains("<h1>All press releases</h1>"));
    assert!(s.read("404.html").contains("Page not found"));
    assert!(s.read("feed.xml").contains(r#"xml:lang="en""#));
    // The URL words stay as configured (the defaults), whatever the language.
    assert!(s.has("pressemitteilungen/2018/pakt-fuer-integration/index.html"));
}

#[test]
fn path_words_of_the_config_change_the_urls() {
    let s = site("full");
    let cfg = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write(
        "config.toml",
        format!("{cfg}per_page = 1\n[paths]\nreleases = \"news\"\nprogrammes = \"programmes\"\nmunicipalities = \"towns\"\ntopics = \"topics\"\npage = \"page\"\n"),
    );
    s.build();
    for f in [
        "news/index.html",
        "news/page/2/index.html",
        "news/2018/pakt-fuer-integration/index.html",
        "programmes/prozessbegleitung/index.html",
        "programmes/prozessbegleitung/feed.xml",
        "towns/loeffingen/index.html",
        "towns/loeffingen/feed.xml",
        "topics/integration/index.html",
        "topics/index.html",
    ] {
        assert!(s.has(f), "{f} missing");
    }
    assert!(!s.out.join("pressemitteilungen").exists());
    assert!(s
        .read("news/2018/pakt-fuer-integration/index.html")
        .contains(r#"<a href="/towns/loeffingen/">Löffingen</a>"#));
}
