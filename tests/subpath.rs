//! A site under a sub-path (`https://example.org/presse/`): every internal link honours it.

mod common;

use common::{attr_values, site, Site};

const BASE: &str = "https://example.org/presse/";

/// The rich fixture, with site-absolute Markdown links in a release, a programme, a
/// municipality and a page.
fn fixture() -> Site {
    let s = site("full");
    let add = |rel: &str, from: &str, to: &str| {
        let t = std::fs::read_to_string(s.root.join(rel)).unwrap();
        assert!(t.contains(from), "{rel}");
        s.write(rel, t.replacen(from, to, 1));
    };
    add(
        "content/programmes/pakt-fuer-integration.toml",
        "unterstützt die Integration vor Ort.",
        "unterstützt die Integration vor Ort. Siehe [Richtlinie](/dokumente/a.pdf).",
    );
    s.write(
        "content/municipalities/titisee-neustadt.toml",
        "name = \"Titisee-Neustadt\"\nkind = \"Stadt\"\ndistrict = \"landkreis-breisgau-hochschwarzwald\"\ndescription = \"Siehe [Plan](/dokumente/a.pdf).\"\n",
    );
    add(
        "content/pages/impressum.md",
        "Verantwortlich:",
        "![Logo](/dokumente/logo.png)\n\nVerantwortlich:",
    );
    s.write("static/dokumente/logo.png", b"not really a png");
    s
}

fn assert_all_links_under_presse(s: &Site) {
    let files = s.output_files();
    let mut n = 0;
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        for attr in ["href", "src", "action"] {
            for v in attr_values(&html, attr) {
                n += 1;
                let ok = v.starts_with("/presse/")
                    || v.starts_with(BASE)
                    || v.starts_with('#')
                    || v.starts_with("mailto:")
                    || v.starts_with("tel:")
                    || (v.starts_with("https://") && !v.starts_with("https://example.org/"));
                assert!(ok, "{name}: {attr}=\"{v}\" ignores the sub-path");
            }
        }
        for canonical in html.match_indices(r#"rel="canonical" href=""#) {
            assert!(
                html[canonical.0 + canonical.1.len()..].starts_with(BASE),
                "{name}: canonical"
            );
        }
        if name != "404.html" && !name.starts_with("alt/") && !name.contains("seite/1/") {
            assert!(
                html.contains(r#"<link rel="stylesheet" href="/presse/css/herold.css">"#),
                "{name}"
            );
        }
    }
    assert!(n > 300, "only {n} links checked");
    // Files stay at the top of the output folder; only URLs carry the sub-path.
    assert!(s.has("index.html") && s.has("css/herold.css") && !s.out.join("presse").exists());

    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".xml")) {
        let xml = String::from_utf8(bytes.clone()).unwrap();
        for v in attr_values(&xml, "href") {
            assert!(v.starts_with(BASE), "{name}: href=\"{v}\"");
        }
        for tag in ["<id>", "<loc>"] {
            for (i, _) in xml.match_indices(tag) {
                assert!(
                    xml[i + tag.len()..].starts_with(BASE),
                    "{name}: {tag} not under {BASE}"
                );
            }
        }
        // Links inside the escaped HTML content of feed entries.
        for (i, m) in xml.match_indices("href=&quot;/") {
            assert!(
                xml[i + m.len()..].starts_with("presse/"),
                "{name}: escaped link ignores the sub-path"
            );
        }
    }
    let robots = s.read("robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.org/presse/sitemap.xml"),
        "{robots}"
    );

    let release = s.read("pressemitteilungen/2018/pakt-fuer-integration/index.html");
    assert!(
        release.contains(r#"<a href="/presse/dokumente/a.pdf">Förderrichtlinie</a>"#),
        "Markdown link"
    );
    assert!(release
        .contains(r#"<img src="/presse/pressemitteilungen/2018/pakt-fuer-integration/foto.png""#));
    assert!(
        release.contains(r#"<a href="/presse/dokumente/a.pdf" download>"#),
        "attachment from static/"
    );
    assert!(release.contains(r#"<link rel="canonical" href="https://example.org/presse/pressemitteilungen/2018/pakt-fuer-integration/">"#));
    assert!(release.contains(r#"<link rel="alternate" type="application/atom+xml" title="Pressemitteilungen Testministerium – Pressemitteilungen" href="/presse/feed.xml">"#));
    assert!(s
        .read("programme/pakt-fuer-integration/index.html")
        .contains(r#"<a href="/presse/dokumente/a.pdf">Richtlinie</a>"#));
    assert!(s
        .read("kommunen/titisee-neustadt/index.html")
        .contains(r#"<a href="/presse/dokumente/a.pdf">Plan</a>"#));
    assert!(s
        .read("impressum/index.html")
        .contains(r#"<img src="/presse/dokumente/logo.png" alt="Logo""#));
    let alias = s.read("alt/pfad/index.html");
    assert!(
        alias.contains(
            "url=https://example.org/presse/pressemitteilungen/2018/pakt-fuer-integration/"
        ),
        "{alias}"
    );
    let feed = s.read("feed.xml");
    assert!(feed.contains(r#"<link rel="self" type="application/atom+xml" href="https://example.org/presse/feed.xml"/>"#));
    assert!(feed.contains(
        r#"<link rel="alternate" type="text/html" href="https://example.org/presse/"/>"#
    ));
}

#[test]
fn base_url_option_puts_every_link_under_the_sub_path() {
    let s = fixture();
    let r = s.build_with(&["--base-url", BASE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_all_links_under_presse(&s);
}

#[test]
fn base_url_in_config_without_trailing_slash_works_the_same() {
    let s = fixture();
    let cfg = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write(
        "config.toml",
        cfg.replace("https://presse.example.org/", "https://example.org/presse"),
    );
    s.build();
    assert_all_links_under_presse(&s);
}

#[test]
fn base_url_option_overrides_the_config() {
    let s = site("full");
    let r = s.build_with(&["--base-url", "https://staging.example.net/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s
        .read("sitemap.xml")
        .contains("<loc>https://staging.example.net/pressemitteilungen/</loc>"));
    assert!(!s.read("feed.xml").contains("presse.example.org"));
}

#[test]
fn unusable_base_url_option_is_an_error() {
    let s = site("full");
    s.english();
    let r = s.build_with(&["--base-url", "ftp://example.org/"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("base_url `ftp://example.org/` is not usable"),
        "{}",
        r.stderr
    );
    assert!(!s.out.exists());
}
