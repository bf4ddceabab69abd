//! Generated HTML is sound: unique ids, escaped text, one <h1> per page.

mod common;

use std::collections::BTreeMap;

use common::{attr_values, check_xml, count, site};

fn duplicate_ids(html: &str) -> Vec<String> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for id in attr_values(html, "id") {
        *seen.entry(id).or_default() += 1;
    }
    seen.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id.to_string())
        .collect()
}

#[test]
fn every_page_of_the_fixture_has_unique_ids_and_one_h1() {
    let s = site("full");
    s.build();
    for (path, bytes) in s.output_files() {
        if !path.ends_with(".html") || path.starts_with("alt/") || path.contains("seite/1/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert_eq!(duplicate_ids(&html), Vec::<String>::new(), "{path}");
        assert_eq!(count(&html, "<h1"), 1, "{path}");
        for id in attr_values(&html, "aria-labelledby") {
            assert!(
                html.contains(&format!(" id=\"{id}\"")),
                "{path}: aria-labelledby={id} names no element"
            );
        }
    }
}

#[test]

fn body_headings_do_not_collide_with_the_themes_ids() {
    let s = site("full");
    let p = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let text = std::fs::read_to_string(s.root.join(p)).unwrap();
    s.write(p, format!("{text}\n## Inhalt\n\nA.\n\n## Termin\n\nB.\n\n## Kontakt\n\nC.\n\n## Downloads\n\nD.\n"));
    s.build();
    let html = s.read("pressemitteilungen/2018/pakt-fuer-integration/index.html");
    assert_eq!(duplicate_ids(&html), Vec::<String>::new());
}

#[test]
fn markup_in_titles_is_escaped_in_pages_and_feeds() {
    let s = site("minimal");
    s.write(
        "content/releases/2020-01-01-zeichen.md",
        "+++\ntitle = \"Zahlen <b>fett</b> & \\\"Zitate\\\" – 'Apostroph'\"\ndate = 2020-01-01\nkicker = \"A & B <i>\"\nissuers = [\"Amt <für> & Co\"]\n+++\n\nText & mehr <em>erlaubt</em>.\n",
    );
    s.build();
    let html = s.read("pressemitteilungen/2020/zeichen/index.html");
    assert!(html.contains("<h1>Zahlen &lt;b&gt;fett&lt;/b&gt; &amp; &quot;Zitate&quot; – &#39;Apostroph&#39;</h1>"), "{html}");
    assert!(html.contains(r#"<meta property="og:title" content="Zahlen &lt;b&gt;fett&lt;/b&gt; &amp; &quot;Zitate&quot; – &#39;Apostroph&#39;">"#));
    assert!(!html.contains("<b>fett</b>"));
    // Raw HTML in the Markdown body is the author's and passes through.
    assert!(html.contains("<em>erlaubt</em>"));
    for feed in [
        "feed.xml",
        "programme/pakt-fuer-integration/feed.xml",
        "kommunen/loeffingen/feed.xml",
        "sitemap.xml",
    ] {
        let xml = s.read(feed);
        check_xml(&xml).unwrap_or_else(|e| panic!("{feed}: {e}\n{xml}"));
    }
    let feed = s.read("feed.xml");
    assert!(feed.contains("<title>Zahlen &lt;b&gt;fett&lt;/b&gt; &amp; &quot;Zitate&quot; – &apos;Apostroph&apos;</title>"), "{feed}");
    assert!(feed.contains("<author><name>Amt &lt;für&gt; &amp; Co</name></author>"));
}

#[test]
fn relative_links_in_a_bundle_point_at_its_files() {
    let s = site("full");
    let p = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let text = std::fs::read_to_string(s.root.join(p)).unwrap();
    s.write(
        p,
        format!("{text}\nDer [Flyer](programm.pdf) und ![Foto](foto.png).\n"),
    );
    s.build();
    let html = s.read("pressemitteilungen/2018/pakt-fuer-integration/index.html");
    assert!(html.contains(r#"<a href="programm.pdf">Flyer</a>"#));
    assert!(html.contains(r#"<img src="foto.png" alt="Foto""#));
    assert!(s.has("pressemitteilungen/2018/pakt-fuer-integration/programm.pdf"));
}
