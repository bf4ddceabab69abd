//! Markdown to HTML with pulldown-cmark, in small event passes.
//!
//! - tables, footnotes, strikethrough and `{#id}` heading attributes are on; "smart
//!   punctuation" is off, so German quotes „…“ stay exactly as written;
//! - headings get ids (slugs of their text, made unique) and `#` becomes `<h2>`: the page's
//!   one `<h1>` is the title;
//! - site-absolute links and images (`/static/x.pdf`) get the base path, for sub-path hosting;
//! - the first paragraph is also returned as plain text, the default summary;
//! - raw HTML is sanitised unless the site trusts it (`trusted_html = true`): while the events
//!   are walked, raw HTML and links or images with an unsafe URL scheme (`javascript:`) are
//!   noticed, and only such texts go through [`crate::sanitize::clean`] (ammonia), so the
//!   common text without raw HTML costs nothing extra. Heading attributes (`{onclick=…}`) are
//!   limited to ids, classes, `lang`, `dir`, `title` and `data-*`;
//! - the byte ranges of the prose (text outside code and raw HTML) are returned for the
//!   mention check ([`crate::mention`]).

pub mod cache;

use std::cell::Cell;
use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::sanitize;
use crate::slug::slugify;

/// The result of rendering one Markdown text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The first paragraph as plain text (whitespace collapsed).
    pub first_paragraph: String,
    /// Byte ranges of the prose in the Markdown text: text outside code blocks, inline code
    /// and raw HTML, with runs that only line breaks or indentation separate joined into one.
    pub prose: Vec<Range<usize>>,
}

thread_local! {
    static TRUSTED_HTML: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with raw HTML trusted (`true`: kept as written) or sanitised (`false`, the
/// default) for every [`render`] on this thread. The pipeline sets it from `trusted_html` in
/// `config.toml` around each file it parses.
pub fn with_trusted_html<T>(trusted: bool, f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            TRUSTED_HTML.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(TRUSTED_HTML.with(|c| c.replace(trusted)));
    f()
}

/// Whether [`render`] on this thread keeps raw HTML as written (see [`with_trusted_html`]).
pub fn trusted_html() -> bool {
    TRUSTED_HTML.with(Cell::get)
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `text` to HTML; `base_path` (`/` or `/presse/`) is put before site-absolute links.
/// Raw HTML is sanitised unless this thread trusts it ([`with_trusted_html`]).
pub fn render(text: &str, base_path: &str) -> Rendered {
    render_with(text, base_path, trusted_html())
}

/// [`render`] with the trust in raw HTML given explicitly.
pub fn render_with(text: &str, base_path: &str, trusted_html: bool) -> Rendered {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut prose: Vec<Range<usize>> = Vec::new();
    let mut in_code_block = false;
    let mut risky = false;
    for (e, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match &e {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(_) | Event::SoftBreak if !in_code_block => {
                push_prose(&mut prose, text, range)
            }
            Event::Html(_) | Event::InlineHtml(_) => risky = true,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                risky |= !sanitize::url_is_safe(dest_url)
            }
            _ => {}
        }
        events.push(e);
    }
    let first_paragraph = first_paragraph(&events);
    let events = heading_ids(events, trusted_html);
    let events = events.into_iter().map(|e| rebase_links(e, base_path));
    let mut html = String::with_capacity(text.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    if risky && !trusted_html {
        html = sanitize::clean(&html);
    }
    // Every release's body is held until the site is written: no spare capacity.
    html.shrink_to_fit();
    Rendered {
        html,
        first_paragraph,
        prose,
    }
}

/// Adds `range` to the prose ranges, joining it to the previous one when only spaces or tabs
/// lie between them (a soft line break followed by indentation).
fn push_prose(prose: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    if let Some(last) = prose.last_mut() {
        if last.end <= range.start
            && text
                .as_bytes()
                .get(last.end..range.start)
                .is_some_and(|gap| gap.iter().all(|b| matches!(b, b' ' | b'\t')))
        {
            last.end = range.end;
            return;
        }
    }
    prose.push(range);
}

/// Plain text of the first top-level paragraph.
fn first_paragraph(events: &[Event<'_>]) -> String {
    let mut depth = 0usize;
    let mut inside = false;
    let mut out = String::new();
    for e in events {
        match e {
            Event::Start(Tag::Paragraph) if depth == 0 => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Start(_) => depth += usize::from(!inside),
            Event::End(_) => depth = depth.saturating_sub(usize::from(!inside)),
            Event::Text(t) | Event::Code(t) if inside => out.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Ids the page around the text uses: the skip link's target. The default theme's own ids all
/// start with `s-`, which heading slugs of real headings practically never do.
const RESERVED_IDS: [&str; 1] = ["inhalt"];

/// Heading attributes (`{key=value}`) kept when raw HTML is not trusted.
fn heading_attribute_allowed(name: &str) -> bool {
    matches!(name, "lang" | "dir" | "title")
        || name.strip_prefix("data-").is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// Gives every heading an id (its text as a slug, unique in the document and not one of
/// [`RESERVED_IDS`]) and demotes `<h1>`. Unless `trusted_html`, only harmless heading
/// attributes are kept (no `onclick`, no `style`).
fn heading_ids(events: Vec<Event<'_>>, trusted_html: bool) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = &events[i]
        {
            let end = events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| i + p);
            let text: String = events[i + 1..end]
                .iter()
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let base = match id {
                Some(given) => given.to_string(),
                None => {
                    let s = slugify(&text);
                    if s.is_empty() {
                        "abschnitt".to_string()
                    } else {
                        s
                    }
                }
            };
            let mut unique = base.clone();
            let mut n = 2;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            let level = if *level == HeadingLevel::H1 {
                HeadingLevel::H2
            } else {
                *level
            };
            let mut attrs = attrs.clone();
            if !trusted_html {
                attrs.retain(|(name, _)| heading_attribute_allowed(name));
            }
            out.push(Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(unique)),
                classes: classes.clone(),
                attrs,
            }));
            out.extend(events[i + 1..end].iter().cloned());
            out.push(Event::End(TagEnd::Heading(level)));
            i = end + 1;
            continue;
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

/// Prefixes site-absolute link and image targets (`/x`, not `//host/x`) with the base path.
fn rebase_links<'a>(e: Event<'a>, base_path: &str) -> Event<'a> {
    let fix = |url: CowStr<'a>| -> CowStr<'a> {
        if base_path != "/" && url.starts_with('/') && !url.starts_with("//") {
            CowStr::from(format!("{}{}", base_path.trim_end_matches('/'), url))
        } else {
            url
        }
    };
    match e {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: fix(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: fix(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_quotes_kept_and_summary() {
        let r = render("„Integration“ gelingt -- sagte er.\n\nZweiter Absatz.", "/");
        assert!(
            r.html.contains("„Integration“ gelingt -- sagte er."),
            "{}",
            r.html
        );
        assert_eq!(r.first_paragraph, "„Integration“ gelingt -- sagte er.");
    }

    #[test]
    fn headings_get_unique_ids_and_h1_is_demoted() {
        let r = render(
            "# Hintergrund\n\n## Hintergrund\n\n## Zahlen {#zahlen-2024}\n",
            "/",
        );
        assert!(
            r.html.contains("<h2 id=\"hintergrund\">Hintergrund</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"hintergrund-2\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"zahlen-2024\">"), "{}", r.html);
        assert!(!r.html.contains("<h1"));
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~alt~~\n\n[^1]: Fußnote\n",
            "/",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>alt</del>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn absolute_links_get_base_path() {
        let r = render(
            "[PDF](/dokumente/a.pdf) [ext](https://x.de/) [rel](b.pdf) ![x](/bild.jpg)",
            "/presse/",
        );
        assert!(r.html.contains("href=\"/presse/dokumente/a.pdf\""));
        assert!(r.html.contains("href=\"https://x.de/\""));
        assert!(r.html.contains("href=\"b.pdf\""));
        assert!(r.html.contains("src=\"/presse/bild.jpg\""));
    }

    #[test]
    fn summary_skips_leading_heading() {
        let r = render("## Titel\n\nErster *wichtiger* Absatz\nmit Umbruch.\n", "/");
        assert_eq!(r.first_paragraph, "Erster wichtiger Absatz mit Umbruch.");
    }

    const FEATURES: &str = "# Titel {#eigen}\n\n## Zahlen\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\nText[^1] ~~alt~~ `code` [Link](https://x.de/ \"Titel\") ![Bild](/b.png \"T\")\n\n3. drei\n4. vier\n\n```rust\nfn main() {}\n```\n\n[^1]: Fußnote\n";

    #[test]
    fn text_without_raw_html_is_not_touched_by_the_sanitiser() {
        assert_eq!(
            render_with(FEATURES, "/", false),
            render_with(FEATURES, "/", true)
        );
    }

    #[test]
    fn markdown_output_survives_sanitising() {
        let text = format!("{FEATURES}\nEin <span>Wort</span>.\n");
        let html = render_with(&text, "/", false).html;
        assert!(html.contains("<span>Wort</span>"), "{html}");
        for keep in [
            "<h2 id=\"eigen\">Titel</h2>",
            "<h2 id=\"zahlen\">",
            "<th style=\"text-align: left\">a</th>",
            "<th style=\"text-align: center\">b</th>",
            "<td style=\"text-align: right\">3</td>",
            "<del>alt</del>",
            "<code>code</code>",
            "<a href=\"https://x.de/\" title=\"Titel\">Link</a>",
            "src=\"/b.png\"",
            "alt=\"Bild\"",
            "<ol start=\"3\">",
            "<code class=\"language-rust\">",
            "class=\"footnote-reference\"",
            "class=\"footnote-definition\"",
        ] {
            assert!(html.contains(keep), "{keep} missing in {html}");
        }
    }

    #[test]
    fn raw_html_and_unsafe_links_are_sanitised() {
        let text = "Hallo <script>alert(1)</script> <b onclick=\"alert(2)\">fett</b>\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n<style>body{display:none}</style>\n\n[klick](javascript:alert(3)) [auto](<JavaScript:alert(4)>) ![b](data:image/svg+xml,x) <a href=\"jav&#x09;ascript:alert(5)\">a</a>\n\n<img src=x onerror=alert(6)>\n";
        let html = render_with(text, "/", false).html;
        for gone in [
            "<script",
            "alert",
            "onclick",
            "<iframe",
            "<style",
            "javascript",
            "JavaScript",
            "data:",
            "onerror",
        ] {
            assert!(!html.contains(gone), "{gone} survived in {html}");
        }
        assert!(html.contains("<b>fett</b>"), "{html}");
        assert!(html.contains("klick"), "{html}");
        let trusted = render_with(text, "/", true).html;
        assert!(trusted.contains("<script>alert(1)</script>"), "{trusted}");
    }

    #[test]
    fn heading_attributes_are_limited_unless_trusted() {
        let text = "## Hallo {.wichtig onclick=alert(1) data-x=1 style=color:red}\n";
        let html = render_with(text, "/", false).html;
        assert!(
            !html.contains("onclick") && !html.contains("style"),
            "{html}"
        );
        assert!(
            html.contains("class=\"wichtig\"") && html.contains("data-x=\"1\""),
            "{html}"
        );
        assert!(render_with(text, "/", true).html.contains("onclick"));
    }

    #[test]
    fn trust_is_scoped_to_the_thread_and_call() {
        assert!(!trusted_html());
        let html = with_trusted_html(true, || render("<script>x()</script>", "/").html);
        assert!(html.contains("<script>"));
        assert!(!trusted_html());
        assert!(!render("<script>x()</script>", "/").html.contains("<script"));
    }

    #[test]
    fn prose_ranges_skip_code_and_join_wrapped_lines() {
        let text =
            "Freiburg im\n  Breisgau `Tübingen` und **Kassel**.\n\n```\nPotsdam\n```\n\n- Aachen\n";
        let r = render_with(text, "/", false);
        let parts: Vec<&str> = r.prose.iter().map(|x| &text[x.clone()]).collect();
        assert_eq!(parts[0], "Freiburg im\n  Breisgau ");
        assert!(parts.contains(&"Kassel"), "{parts:?}");
        assert!(parts.contains(&"Aachen"), "{parts:?}");
        assert!(
            !parts
                .iter()
                .any(|p| p.contains("Tübingen") || p.contains("Potsdam")),
            "{parts:?}"
        );
    }
}
