//! `--relative-urls` / `relative_urls = true`: every internal link of every HTML file is
//! relative to it and names a file that exists, so the build browses from the file system;
//! feeds, sitemap and canonical links keep full URLs.

mod common;

use std::path::Path;

use common::{attr_values, site, walk};

/// Every link of every HTML page under `out` that is not external, checked to name a file
/// of the output. Returns how many were checked.
fn check_links(out: &Path) -> usize {
    let files = walk(out);
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for attr in ["href", "src", "action"] {
            for value in attr_values(&html, attr) {
                if value.starts_with("https://")
                    || value.starts_with("http://")
                    || value.starts_with('#')
                    || value.starts_with("mailto:")
                    || value.starts_with("tel:")
                {
                    continue;
                }
                assert!(
                    !value.starts_with('/'),
                    "{path}: {attr}=\"{value}\" is root-relative"
                );
                let target = value.split(['#', '?']).next().unwrap_or(value);
                let resolved = normalise(&dir.join(target));
                assert!(
                    files.contains_key(&resolved),
                    "{path}: {attr}=\"{value}\" → {resolved}, which is not in the output"
                );
                checked += 1;
            }
        }
    }
    checked
}

/// `a/b/../c` → `a/c`, as a browser resolves a relative link.
fn normalise(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn every_internal_link_is_relative_and_names_an_existing_file() {
    let s = site("full");
    s.build_with(&["--relative-urls"]);
    let checked = check_links(&s.out);
    assert!(checked > 200, "only {checked} links checked");
    let release = s.read("pressemitteilungen/2018/pakt-fuer-integration/index.html");
    assert!(
        release.contains("href=\"../../../css/herold.css\""),
        "{release}"
    );
    assert!(release.contains("href=\"../../../kommunen/loeffingen/index.html\""));
    assert!(
        release.contains("src=\"../../../pressemitteilungen/2018/pakt-fuer-integration/foto.png\"")
    );
    // What other sites read stays absolute.
    assert!(release.contains(
        "<link rel=\"canonical\" href=\"https://presse.example.org/pressemitteilungen/2018/pakt-fuer-integration/\">"
    ));
    assert!(s
        .read("feed.xml")
        .contains("href=\"https://presse.example.org/"));
    assert!(s
        .read("sitemap.xml")
        .contains("<loc>https://presse.example.org/"));
    // A redirect page goes to its target relatively.
    let alias = s.read("alt/pfad/index.html");
    assert!(
        alias.contains("url=../../pressemitteilungen/2018/pakt-fuer-integration/index.html\""),
        "{alias}"
    );
}

#[test]
fn a_sub_path_site_and_the_config_switch_work_too() {
    let s = site("full");
    let config = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write(
        "config.toml",
        config.replace(
            "base_url = \"https://presse.example.org/\"",
            "base_url = \"https://www.example.de/presse/\"\nrelative_urls = true",
        ),
    );
    s.build();
    assert!(check_links(&s.out) > 200);
    let home = s.read("index.html");
    assert!(home.contains("href=\"css/herold.css\""), "{home}");
}

#[test]
fn without_the_switch_links_stay_root_relative() {
    let s = site("full");
    s.build();
    let home = s.read("index.html");
    assert!(home.contains("href=\"/css/herold.css\""));
}

#[test]
fn the_later_pages_of_records_link_relatively_too() {
    let s = site("full");
    let config = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write("config.toml", format!("{config}per_page = 1\n"));
    s.build_with(&["--relative-urls"]);
    assert!(check_links(&s.out) > 200);
    let second = s.read("kommunen/landkreis-breisgau-hochschwarzwald/seite/2/index.html");
    assert!(
        second.contains(
            r#"<a href="../../../../kommunen/landkreis-breisgau-hochschwarzwald/index.html" rel="prev">"#
        ),
        "{second}"
    );
    assert!(second.contains(
        r#"<a href="../../../../kommunen/landkreis-breisgau-hochschwarzwald/seite/3/index.html" rel="next">"#
    ));
    let first = s.read("programme/pakt-fuer-integration/index.html");
    assert!(first.contains(
        r#"<a href="../../programme/pakt-fuer-integration/seite/2/index.html" rel="next">"#
    ));
}
