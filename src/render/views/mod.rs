//! Typed views: what each template gets, borrowed from the [`Site`] where possible.
//!
//! Every template receives `site`, `t` (UI words) and `page` (the current page's URL, canonical
//! URL, title and feed links), plus one view named after its template (see the README's
//! template section). Dates and amounts arrive formatted for the site's language.

mod cards;
mod events;
mod index;
mod map;
mod records;
mod release;
mod structured;

pub use cards::*;
pub use events::*;
pub use index::*;
pub use map::*;
pub use records::*;
pub use release::*;
pub use structured::*;

use serde::Serialize;

use crate::config::Language;
use crate::locale::{self, Strings};
use crate::site::{MunicipalityId, ProgrammeId, Site};
use crate::urls::Urls;

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    /// Link text.
    pub title: &'a str,
    /// Root-relative URL.
    pub url: String,
}

/// A link with an owned text.
#[derive(Debug, Clone, Serialize)]
pub struct OwnedLink {
    /// Link text.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
}

/// The site-wide part of every context.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Site name.
    pub title: &'a str,
    /// Site description.
    pub description: Option<&'a str>,
    /// `de` or `en`.
    pub lang: &'static str,
    /// Base path (`/` or `/presse/`).
    pub base_path: &'a str,
    /// Home page URL.
    pub home_url: String,
    /// Site feed URL.
    pub feed_url: String,
    /// Main navigation.
    pub nav: Vec<NavItem<'a>>,
    /// Links for the footer: the plain pages, then the events page and the open data when
    /// they are switched on.
    pub footer_pages: Vec<Link<'a>>,
    /// The accessibility statement, linked from every page (a page with
    /// `role = "accessibility"`).
    pub accessibility: Option<Link<'a>>,
    /// Information in Leichte Sprache, linked from every page (`role = "easy-language"`).
    pub easy_language: Option<Link<'a>>,
    /// The events page, when calendars are switched on.
    pub calendar_url: Option<String>,
    /// The open-data page, when the JSON files are switched on.
    pub data_url: Option<String>,
    /// `[extra]` of config.toml.
    pub extra: &'a toml::Table,
}

/// One entry of the main navigation.
#[derive(Debug, Serialize)]
pub struct NavItem<'a> {
    /// Text.
    pub title: &'a str,
    /// URL.
    pub url: String,
    /// Section key, compared with `page.section` to mark the current entry.
    pub section: &'static str,
}

/// The per-page part of every context.
#[derive(Debug, Serialize)]
pub struct PageMeta {
    /// Text of `<title>` (before the site name).
    pub title: String,
    /// Root-relative URL of this page.
    pub url: String,
    /// Full canonical URL.
    pub canonical: String,
    /// `<meta name="description">`.
    pub description: String,
    /// Section key of the main navigation this page belongs to.
    pub section: &'static str,
    /// Feeds for `<link rel="alternate">`.
    pub feeds: Vec<OwnedLink>,
}

/// A release in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseCard<'a> {
    /// Headline.
    pub title: &'a str,
    /// Page URL.
    pub url: String,
    /// Date in words.
    pub date: String,
    /// Date for `<time datetime>`.
    pub date_iso: String,
    /// Kicker.
    pub kicker: Option<&'a str>,
    /// Topic page of the kicker.
    pub topic_url: Option<String>,
    /// Teaser, shortened to about 300 characters at a word boundary.
    pub summary: std::borrow::Cow<'a, str>,
    /// Release number.
    pub number: Option<&'a str>,
    /// For roll-up lists: the member municipality the release is about.
    pub via: Option<Link<'a>>,
    /// The release was withdrawn (lists mark it).
    pub withdrawn: bool,
}

/// `text` cut at the last word boundary before `max` characters, with "…" when cut.
pub fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head.rfind(char::is_whitespace).map_or(head, |i| &head[..i]);
            std::borrow::Cow::Owned(format!(
                "{} …",
                head.trim_end_matches(|c: char| c.is_whitespace() || c == ',')
            ))
        }
    }
}

/// Link to a programme page.
pub fn programme_link<'a>(site: &'a Site, urls: &Urls, id: ProgrammeId) -> Link<'a> {
    let p = site.programme(id);
    Link {
        title: &p.name,
        url: urls.programme_path(&p.slug),
    }
}

/// Link to a municipality page.
pub fn municipality_link<'a>(site: &'a Site, urls: &Urls, id: MunicipalityId) -> Link<'a> {
    let m = site.municipality(id);
    Link {
        title: &m.name,
        url: urls.municipality_path(&m.slug),
    }
}

/// Pagination of a list.
#[derive(Debug, Serialize)]
pub struct Pagination {
    /// Current page (1-based).
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page URL.
    pub prev_url: Option<String>,
    /// Next page URL.
    pub next_url: Option<String>,
    /// The pages to offer: the first, the last, and two either side of the current one, with
    /// a gap entry (`gap = true`) where pages are left out. Never all pages: an archive of 500
    /// pages would otherwise carry 500 links on each of its 500 pages.
    pub pages: Vec<PageLink>,
}

/// One entry of the page list.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// Page number (0 for a gap).
    pub number: usize,
    /// URL (empty for a gap).
    pub url: String,
    /// Is this the current page?
    pub current: bool,
    /// Stands for left-out pages ("…").
    pub gap: bool,
}

/// How many pages either side of the current one the page list offers.
const PAGE_WINDOW: usize = 2;

impl Pagination {
    /// Pagination for page `current` of `total`, with `url(n)` the URL of page n.
    pub fn new(current: usize, total: usize, url: impl Fn(usize) -> String) -> Self {
        Pagination {
            current,
            total,
            prev_url: (current > 1).then(|| url(current - 1)),
            next_url: (current < total).then(|| url(current + 1)),
            pages: page_window(current, total)
                .into_iter()
                .map(|n| match n {
                    Some(n) => PageLink {
                        number: n,
                        url: url(n),
                        current: n == current,
                        gap: false,
                    },
                    None => PageLink {
                        number: 0,
                        url: String::new(),
                        current: false,
                        gap: true,
                    },
                })
                .collect(),
        }
    }
}

/// Page numbers to show for page `current` of `total`; `None` marks a gap.
fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let lo = current.saturating_sub(PAGE_WINDOW).max(1);
    let hi = (current + PAGE_WINDOW).min(total);
    let mut out = Vec::with_capacity(2 * PAGE_WINDOW + 5);
    if lo > 1 {
        out.push(Some(1));
        if lo > 2 {
            out.push(None);
        }
    }
    out.extend((lo..=hi).map(Some));
    if hi < total {
        if hi + 1 < total {
            out.push(None);
        }
        out.push(Some(total));
    }
    out
}

/// A year in the archive navigation.
#[derive(Debug, Serialize)]
pub struct YearLink {
    /// The year.
    pub year: i16,
    /// Year archive URL.
    pub url: String,
    /// Number of releases.
    pub count: usize,
    /// Is this the year shown?
    pub current: bool,
}

/// The view of `release_list.html`: archive, year and topic pages, and the pages 2..N of a
/// programme's or municipality's releases.
#[derive(Debug, Serialize)]
pub struct ListView<'a> {
    /// "archive", "year", "topic", "programme" or "municipality".
    pub kind: &'static str,
    /// Heading.
    pub title: String,
    /// The record whose releases these are (its main page), on the pages 2..N of a
    /// programme or municipality: the list links back to it.
    pub record: Option<Link<'a>>,
    /// The releases of this page, as their cards' HTML.
    pub items: Vec<CardHtml>,
    /// Number of releases in the whole list.
    pub total: usize,
    /// Page navigation.
    pub pagination: Pagination,
    /// Year navigation.
    pub years: Vec<YearLink>,
}

/// A topic in the topic index.
#[derive(Debug, Serialize)]
pub struct TopicCard<'a> {
    /// Kicker.
    pub name: &'a str,
    /// URL.
    pub url: String,
    /// Number of releases.
    pub count: usize,
}

/// The view of `page.html`.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// Title.
    pub title: &'a str,
    /// Body HTML.
    pub body_html: &'a str,
    /// Free-form values.
    pub extra: &'a toml::Table,
}

/// The UI words.
pub fn strings(lang: Language) -> &'static Strings {
    locale::strings(lang)
}

/// Serializes a whole number (`9.0`) as the integer `9`, other numbers as they are. Tera 2
/// prints a float as `9.0`, where herold's pages (the map's `r="9"`, `cx="175"`) have always
/// said `9`; the number the template gets is the same.
pub(crate) fn whole_number<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    // Beyond 2^53 every f64 is whole anyway, and far beyond any coordinate.
    if x.fract() == 0.0 && x.abs() < 1e15 {
        s.serialize_i64(*x as i64)
    } else {
        s.serialize_f64(*x)
    }
}

/// [`whole_number`] for an optional number (`None` stays null).
pub(crate) fn whole_number_opt<S: serde::Serializer>(
    x: &Option<f64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => whole_number(x, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_window_has_first_last_and_gaps() {
        let show = |c, t| {
            page_window(c, t)
                .into_iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(show(1, 1), "1");
        assert_eq!(show(1, 3), "1 2 3");
        assert_eq!(show(5, 10), "1 … 3 4 5 6 7 … 10");
        assert_eq!(show(4, 10), "1 2 3 4 5 6 … 10");
        assert_eq!(show(10, 10), "1 … 8 9 10");
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("kurz", 10), "kurz");
        assert_eq!(
            shorten("ein langer Satz mit vielen Wörtern", 12),
            "ein langer …"
        );
    }
}
