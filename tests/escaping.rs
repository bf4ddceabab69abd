//! Escaping: hostile strings in every field of front matter, records and config come out
//! escaped for their context (HTML text and attributes, URLs, XML, JSON, iCalendar), and raw
//! HTML in Markdown is sanitised unless the site trusts it.

mod common;

use common::{check_xml, site, Site};

/// A string that breaks out of every context it is not escaped for. "H1" marks it: wherever
/// it appears in the output, an entity must follow, never a raw quote or `<`.
const H: &str = "H1\"'><script>alert(1)</script></title>]]>&amp;&<!--x";

/// Markdown with raw HTML and unsafe links, for bodies and descriptions.
const MD: &str = r#"Text <script>alert(1)</script> und <img src=x onerror="alert(1)"> <iframe src="https://evil.example/"></iframe>

[klick](javascript:alert(1)) ![bild](data:image/svg+xml;base64,PHN2Zz4=) <a href="JaVaScRiPt:alert(1)" onclick="alert(1)">a</a> [auto](<javascript:alert(1)>)

<style>body{display:none}</style>

## Titel {onclick=alert(1)}

<div onmouseover="alert(1)"><form action="https://evil.example/"><input name="p"></form>x</div>
"#;

/// `s` as a TOML basic string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `s` as a TOML multi-line basic string.
fn qq(s: &str) -> String {
    format!("\"\"\"\n{}\"\"\"", s.replace('\\', "\\\\"))
}

/// The `full` fixture with `H` in every string field and `MD` in every Markdown field.
fn hostile_site(config_extra: &str) -> Site {
    let s = site("full");
    let h = q(H);
    s.write(
        "config.toml",
        format!("title = {h}\nbase_url = \"https://presse.example.org/\"\ndescription = {h}\n{config_extra}\n[extra]\nk = {h}\n"),
    );
    s.write(
        "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md",
        format!(
            r#"+++
title = {h}
subtitle = {h}
kicker = {h}
number = {h}
joint = true
issuers = [{h}, {h}]
location = {h}
summary = {h}
date = 2018-05-28
updated = 2018-05-30
change_note = {h}
programmes = ["prozessbegleitung"]
municipalities = ["loeffingen"]
aliases = ["/alt/pfad/"]

[image]
src = "foto.png"
alt = {h}
caption = {h}
credit = {h}

[[attachments]]
title = {h}
file = "programm.pdf"

[[contacts]]
name = {h}
role = {h}
phone = {h}
email = {h}

[event]
name = {h}
start = 2018-06-12T10:00:00+02:00
place = {h}

[extra]
k = {h}
+++

{MD}"#
        ),
    );
    s.write(
        "content/releases/2017-11-10-sauldorf-startet-dialog.md",
        format!(
            "+++\ntitle = {h}\ndate = 2017-11-10\nmunicipalities = [\"sauldorf\"]\n+++\n\n{MD}"
        ),
    );
    s.write(
        "content/programmes/prozessbegleitung.toml",
        format!(
            "name = {h}\nshort = {h}\nowner = {h}\nparent = \"pakt-fuer-integration\"\nwebsite = {}\ndescription = {}\n\n[[participants]]\nmunicipality = \"loeffingen\"\nyear = 2018\nfunding_eur = 40000\nproject = {h}\n",
            q(&format!("https://example.org/?q={H}")),
            qq(MD)
        ),
    );
    s.write(
        "content/municipalities/loeffingen.toml",
        format!(
            "name = {h}\nkind = {h}\nstate = {h}\ndistrict = \"landkreis-breisgau-hochschwarzwald\"\nwebsite = {}\ndescription = {}\n",
            q(&format!("https://example.org/{H}")),
            qq(MD)
        ),
    );
    s.write(
        "content/pages/impressum.md",
        format!("+++\ntitle = {h}\nsummary = {h}\n+++\n\n{MD}"),
    );
    s
}

/// Every output file that is text, path → content.
fn text_files(s: &Site) -> Vec<(String, String)> {
    s.output_files()
        .into_iter()
        .filter_map(|(path, bytes)| Some((path, String::from_utf8(bytes).ok()?)))
        .collect()
}

/// Checks that every start tag's attributes are `name` or `name="value"` with no `<` or `"`
/// inside the value.
fn check_html_attributes(html: &str) -> Result<(), String> {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .ok_or("unclosed tag")?;
        let mut attrs = &rest[name_end..];
        loop {
            attrs = attrs.trim_start();
            if let Some(after) = attrs.strip_prefix('>').or(attrs.strip_prefix("/>")) {
                rest = after;
                break;
            }
            let n = attrs
                .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
                .ok_or("unclosed tag")?;
            let name = &attrs[..n];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(format!(
                    "bad attribute name in {:?}",
                    &attrs[..attrs.len().min(80)]
                ));
            }
            attrs = &attrs[n..];
            if let Some(v) = attrs.strip_prefix('=') {
                let v = v.strip_prefix('"').ok_or_else(|| {
                    format!("unquoted value of {name}: {:?}", &v[..v.len().min(80)])
                })?;
                let end = v.find('"').ok_or("unclosed attribute value")?;
                if v[..end].contains('<') {
                    return Err(format!("< in the value of {name}: {:?}", &v[..end]));
                }
                attrs = &v[end + 1..];
            }
        }
    }
    Ok(())
}

/// `text` without the script elements herold writes itself: JSON-LD blocks (each checked to
/// parse as JSON and to hold no `<`, so nothing can end it early) and the theme's own script
/// files (`<script src="/js/…" defer></script>`, no inline code).
fn without_own_scripts(path: &str, text: &str) -> String {
    const LD: &str = "<script type=\"application/ld+json\">";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<script") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail
            .find("</script>")
            .unwrap_or_else(|| panic!("unclosed script in {path}"));
        let element = &tail[..end];
        if let Some(json) = element.strip_prefix(LD) {
            assert!(!json.contains('<'), "< inside JSON-LD of {path}");
            serde_json::from_str::<serde_json::Value>(json)
                .unwrap_or_else(|e| panic!("JSON-LD of {path} does not parse: {e}"));
        } else {
            // `<script src="/js/…" defer>` and nothing inside.
            let open_tag = element.split_once('>').map_or(element, |(tag, _)| tag);
            let own = open_tag.contains(" src=\"/js/")
                && !open_tag.contains(" on")
                && element.len() == open_tag.len() + 1;
            assert!(own, "a script in {path}: {element:?}");
        }
        rest = &tail[end + "</script>".len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn hostile_strings_are_escaped_everywhere() {
    let s = hostile_site("");
    s.build();
    let files = text_files(&s);
    assert!(files.len() > 20, "{}", files.len());
    let mut marker_seen = 0;
    for (path, text) in &files {
        // JSON and iCalendar carry the strings as data, escaped by their own rules (see
        // `hostile_strings_stay_data_in_json_and_icalendar`).
        if path.ends_with(".json") || path.ends_with(".ics") {
            continue;
        }
        let text = &without_own_scripts(path, text);
        let lower = text.to_lowercase();
        for bad in [
            "<script",
            "<iframe",
            "<style",
            "<form",
            "<input",
            "javascript:",
            "data:image",
            "onerror",
            "onclick",
            "onmouseover",
        ] {
            // The search page's own form and field (exactly one each) are allowed; its script
            // went with the theme's others above.
            let own = path == "suche/index.html" && ["<form", "<input"].contains(&bad);
            if own {
                assert_eq!(lower.matches(bad).count(), 1, "{bad} in {path}");
            } else {
                assert!(!lower.contains(bad), "{bad} in {path}");
            }
        }
        for (at, _) in text.match_indices("H1") {
            marker_seen += 1;
            let after = &text[at + 2..];
            assert!(
                after.starts_with('&')
                    || after.starts_with("%22")
                    || (path.ends_with(".json") && after.starts_with("\\\"")),
                "unescaped hostile string in {path}: {:?}",
                &text[at..(at + 60).min(text.len())]
            );
        }
        if path.ends_with(".xml") {
            check_xml(text).unwrap_or_else(|e| panic!("{path} is not well-formed XML: {e}"));
        }
        if path.ends_with(".html") {
            check_html_attributes(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    assert!(
        marker_seen > 100,
        "the hostile strings reached the output {marker_seen} times"
    );

    // The fields reached the pages they belong on.
    let release = s.read("pressemitteilungen/2018/pakt-fuer-integration/index.html");
    let escaped = "H1&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/title&gt;]]&gt;&amp;amp;&amp;&lt;!--x";
    assert!(release.contains(&format!("<title>{escaped}")), "{release}");
    assert!(release.contains(&format!("alt=\"{escaped}\"")), "{release}");
    assert!(
        release.contains(&format!("href=\"mailto:{escaped}\"")),
        "{release}"
    );
    assert!(
        release.contains("<p>Text  und"),
        "the script element is gone: {release}"
    );
    assert!(
        release.contains(">klick<"),
        "the link text stays: {release}"
    );
    let feed = s.read("feed.xml");
    assert!(feed.contains("H1&quot;&apos;&gt;&lt;script&gt;"), "{feed}");
    let programme = s.read("programme/prozessbegleitung/index.html");
    assert!(
        programme.contains(&format!("href=\"https://example.org/?q={escaped}\"")),
        "{programme}"
    );
    check_xml(&s.read("sitemap.xml")).unwrap();
}

#[test]
fn hostile_strings_stay_data_in_json_and_icalendar() {
    use icalendar::{Component, EventLike};
    let s = hostile_site("");
    s.build();
    let json = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&s.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let releases = json("daten/pressemitteilungen.json");
    let release = releases["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == H)
        .expect("the hostile release");
    for key in ["title", "subtitle", "kicker", "summary"] {
        assert_eq!(release[key], H, "{key}");
    }
    assert_eq!(release["event"]["name"], H);
    assert_eq!(release["event"]["place"], H);
    assert_eq!(json("daten/pressemitteilungen.json")["source"]["title"], H);
    let programmes = json("daten/programme.json");
    assert!(programmes["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == H && p["participants"][0]["project"] == H));
    let municipalities = json("daten/kommunen.json");
    assert!(municipalities["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["name"] == H && m["kind"] == H && m["state"] == H));

    let text = s.read("pressemitteilungen/2018/pakt-fuer-integration/termin.ics");
    assert!(
        text.split("\r\n").all(|l| l.len() <= 75),
        "folded lines: {text}"
    );
    let cal: icalendar::Calendar = text.parse().unwrap();
    let event = cal.components[0].as_event().expect("a VEVENT");
    assert_eq!(event.get_summary(), Some(H));
    assert_eq!(event.get_location(), Some(H));
    assert!(event.get_description().unwrap().starts_with(H));
    assert!(text.contains("X-WR-CALNAME:H1\"'><script>alert(1)</script></title>]]>&amp\\;&<!--x"));
}

#[test]
fn trusted_html_keeps_raw_html() {
    let s = hostile_site("trusted_html = true");
    s.build();
    let release = s.read("pressemitteilungen/2018/pakt-fuer-integration/index.html");
    assert!(release.contains("<script>alert(1)</script>"), "{release}");
    assert!(
        release.contains("<div onmouseover=\"alert(1)\">"),
        "{release}"
    );
    let page = s.read("impressum/index.html");
    assert!(page.contains("<style>body{display:none}</style>"), "{page}");
    // Front matter strings are escaped all the same: trust is for the Markdown only.
    assert!(!release.contains("H1\""), "{release}");
}

#[test]
fn javascript_websites_are_refused() {
    let s = site("full");
    s.write(
        "content/programmes/weltoffene-kommunen.toml",
        "name = \"Weltoffene Kommunen\"\nwebsite = \"javascript:alert(1)\"\n",
    );
    s.write(
        "content/municipalities/sauldorf.toml",
        "name = \"Sauldorf\"\nwebsite = \" JavaScript:alert(1)//https://x.de/\"\n",
    );
    s.write(
        "content/municipalities/titisee-neustadt.toml",
        "name = \"Titisee-Neustadt\"\nwebsite = \"data:text/html,<script>alert(1)</script>\"\n",
    );
    let before = s.output_files();
    s.english();
    let e = s.build_fails();
    for expected in [
        "content/programmes/weltoffene-kommunen.toml:2:11: website = \"javascript:alert(1)\" is not a web address",
        "content/municipalities/sauldorf.toml:2:11: website = \" JavaScript:alert(1)//https://x.de/\" is not a web address",
        "content/municipalities/titisee-neustadt.toml:2:11: website = \"data:text/html,<script>alert(1)</script>\" is not a web address",
    ] {
        assert!(e.contains(expected), "{expected}\n{e}");
    }
    assert_eq!(s.output_files(), before, "a failed build writes nothing");
}
