//! Release cards: the data of each release's card, and its HTML, each made once per render.
//!
//! A card appears on up to a dozen list pages (archive, year, topic, the programmes' and
//! municipalities' pages, the home page). Its HTML is made by the `card.html` template the
//! first time a page needs it and then reused, so a list page serialises and interprets one
//! string per release instead of a dozen fields; a preview rebuild that renders a few pages
//! makes only their cards.

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use super::{shorten, ReleaseCard};
use crate::diag::Diagnostic;
use crate::locale;
use crate::site::Site;
use crate::urls::Urls;

/// The level of a card's title: `h2` where the card list is the page's main content (the
/// archive, year, topic and later record pages), `h3` below a section heading (the home page,
/// a record's first page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    /// `<h2>`.
    H2,
    /// `<h3>`.
    H3,
}

impl Heading {
    /// The element name, as `card.html` gets it in `heading`.
    pub fn tag(self) -> &'static str {
        match self {
            Heading::H2 => "h2",
            Heading::H3 => "h3",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A card in a list, as templates get it: `html`, made by `card.html`.
#[derive(Debug, Serialize)]
pub struct CardHtml {
    /// The card's HTML, marked safe (made by a template with escaping on). A Tera value, so
    /// the dozen pages listing a card share its text instead of each copying it into its
    /// context.
    pub html: tera::Value,
}

/// What makes a card's HTML from its data: the `card.html` template (see `render`).
pub type Painter<'p> =
    dyn Fn(&ReleaseCard<'_>, Heading) -> Result<tera::Value, Box<Diagnostic>> + Sync + 'p;

/// The card of every release and its HTML, each made the first time a page shows it (and only
/// once): a rebuild that renders a dozen pages builds a few dozen cards, not ten thousand.
pub struct Cards<'a> {
    site: &'a Site,
    urls: Urls,
    cells: Vec<OnceLock<ReleaseCard<'a>>>,
    html: Vec<[OnceLock<tera::Value>; 2]>,
    painter: Option<&'a Painter<'a>>,
    /// The first failure of `card.html` (every page with cards then fails with it).
    failed: OnceLock<Box<Diagnostic>>,
}

impl std::fmt::Debug for Cards<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cards")
            .field("releases", &self.cells.len())
            .finish_non_exhaustive()
    }
}

impl<'a> Cards<'a> {
    /// The cards of the releases of `site`, none built yet; their HTML is made by `painter`
    /// (without one, every card's HTML is empty: for views that do not show cards).
    pub fn new(site: &'a Site, urls: &Urls, painter: Option<&'a Painter<'a>>) -> Self {
        let n = site.releases.len();
        Cards {
            site,
            urls: urls.clone(),
            cells: (0..n).map(|_| OnceLock::new()).collect(),
            html: (0..n).map(|_| Default::default()).collect(),
            painter,
            failed: OnceLock::new(),
        }
    }

    fn build(&self, i: usize) -> ReleaseCard<'a> {
        let r = &self.site.releases[i];
        let urls = &self.urls;
        ReleaseCard {
            title: &r.title,
            url: urls.release_path(r.date.date.year(), &r.slug),
            date: locale::date(r.date.date, self.site.config.language),
            date_iso: r.date.html(),
            kicker: r.kicker.as_deref(),
            topic_url: r.topic.as_ref().map(|t| urls.topic_path(t)),
            summary: shorten(&r.summary, 300),
            number: r.number.as_deref(),
            via: None,
            withdrawn: r.withdrawn.is_some(),
        }
    }

    /// The HTML of the card of the release with index `i`.
    pub fn html(&self, i: usize, heading: Heading) -> CardHtml {
        let html = self.html[i][heading.index()].get_or_init(|| self.paint(&self[i], heading));
        CardHtml { html: html.clone() }
    }

    /// The HTML of a card not kept (a copy marked with the member it is listed for).
    pub fn html_of(&self, card: &ReleaseCard<'_>, heading: Heading) -> CardHtml {
        CardHtml {
            html: self.paint(card, heading),
        }
    }

    fn paint(&self, card: &ReleaseCard<'_>, heading: Heading) -> tera::Value {
        let Some(painter) = self.painter else {
            return tera::Value::safe_string("");
        };
        match painter(card, heading) {
            Ok(html) => html,
            Err(e) => {
                let _ = self.failed.set(e);
                tera::Value::safe_string("")
            }
        }
    }

    /// Frees every card and its HTML made so far (they are made again if asked for): the
    /// render calls it once the pages are done, so the search index, made next, does not
    /// share the memory with ten thousand cards it never reads. They are freed on every core:
    /// ten thousand cards take milliseconds to free, and nothing else runs meanwhile.
    pub fn forget(&mut self) {
        rayon::join(
            || {
                self.cells.par_iter_mut().for_each(|cell| {
                    cell.take();
                })
            },
            || {
                self.html.par_iter_mut().for_each(|[h2, h3]| {
                    h2.take();
                    h3.take();
                })
            },
        );
    }

    /// Why `card.html` failed, if it did: a page showing cards must not be written then.
    pub fn failure(&self) -> Option<&Diagnostic> {
        self.failed.get().map(|d| &**d)
    }
}

impl<'a> std::ops::Index<usize> for Cards<'a> {
    type Output = ReleaseCard<'a>;

    /// The card of the release with index `i`.
    fn index(&self, i: usize) -> &ReleaseCard<'a> {
        self.cells[i].get_or_init(|| self.build(i))
    }
}
