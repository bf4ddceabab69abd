//! Markdown to HTML with pulldown-cmark, in small event passes.
//!
//! - tables, footnotes, strikethrough and `{#id}` heading attributes are on; "smart
//!   punctuation" is off, so German quotes „…“ stay exactly as written;
//! - headings get ids (slugs of their text, made unique) and `#` becomes `<h2>`: the page's
//!   one `<h1>` is the title;
//! - site-absolute links and images (`/static/x.pdf`) get the base path, for sub-path hosting;
//! - the first paragraph is also returned as plain text, the default summary.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::slug::slugify;

/// The result of rendering one Markdown text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The first paragraph as plain text (whitespace collapsed).
    pub first_paragraph: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `text` to HTML; `base_path` (`/` or `/presse/`) is put before site-absolute links.
pub fn render(text: &str, base_path: &str) -> Rendered {
    let events: Vec<Event<'_>> = Parser::new_ext(text, options()).collect();
    let first_paragraph = first_paragraph(&events);
    let events = heading_ids(events);
    let events = events.into_iter().map(|e| rebase_links(e, base_path));
    let mut html = String::with_capacity(text.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    Rendered {
        html,
        first_paragraph,
    }
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

/// Gives every heading an id (its text as a slug, unique in the document and not one of
/// [`RESERVED_IDS`]) and demotes `<h1>`.
fn heading_ids(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
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
            out.push(Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(unique)),
                classes: classes.clone(),
                attrs: attrs.clone(),
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
}
