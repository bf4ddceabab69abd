//! The view of a release page: the release with its image, attachments, event, correction
//! and links to its programmes and municipalities.

use serde::Serialize;

use super::{municipality_link, programme_link, Cards, Link, ReleaseCard};
use crate::config::Language;
use crate::locale;
use crate::model::release::{Contact, FileRef, Release};
use crate::site::{ReleaseId, Site};
use crate::urls::Urls;

/// A full release page.
#[derive(Debug, Serialize)]
pub struct ReleaseView<'a> {
    /// The card data (title, url, date, kicker…).
    #[serde(flatten)]
    pub card: &'a ReleaseCard<'a>,
    /// Second headline.
    pub subtitle: Option<&'a str>,
    /// Joint release.
    pub joint: bool,
    /// Issuing bodies.
    pub issuers: &'a [String],
    /// Place.
    pub location: Option<&'a str>,
    /// Body HTML.
    pub body_html: &'a str,
    /// Lead image.
    pub image: Option<ImageView<'a>>,
    /// Downloads.
    pub attachments: Vec<AttachmentView<'a>>,
    /// Press contacts.
    pub contacts: &'a [Contact],
    /// Event box.
    pub event: Option<EventView<'a>>,
    /// Correction date in words.
    pub updated: Option<String>,
    /// Correction date for `<time>`.
    pub updated_iso: Option<String>,
    /// What the correction changed.
    pub change_note: Option<&'a str>,
    /// The public change history, newest first.
    pub changes: Vec<ChangeView<'a>>,
    /// The withdrawal, if the release was withdrawn.
    pub withdrawn: Option<ChangeView<'a>>,
    /// Programmes of this release.
    pub programmes: Vec<Link<'a>>,
    /// Municipalities of this release.
    pub municipalities: Vec<Link<'a>>,
    /// Related releases ("Weitere Meldungen"), best first.
    pub related: Vec<RelatedCard<'a>>,
    /// Free-form front matter values.
    pub extra: &'a toml::Table,
    /// JSON-LD and the values of the social media tags.
    pub structured: super::Structured,
}

/// A dated note: one change of the history, or the withdrawal and its reason.
#[derive(Debug, Serialize)]
pub struct ChangeView<'a> {
    /// The date in words.
    pub date: String,
    /// The date for `<time>`.
    pub date_iso: String,
    /// What changed, or why the release was withdrawn.
    pub note: &'a str,
}

/// A related release: only what its card shows (a context is serialised for every page, so
/// the other fields of [`ReleaseCard`] are left out).
#[derive(Debug, Serialize)]
pub struct RelatedCard<'a> {
    /// Headline.
    pub title: &'a str,
    /// Page URL.
    pub url: &'a str,
    /// Date in words.
    pub date: &'a str,
    /// Date for `<time datetime>`.
    pub date_iso: &'a str,
    /// Kicker.
    pub kicker: Option<&'a str>,
}

/// The lead image.
#[derive(Debug, Serialize)]
pub struct ImageView<'a> {
    /// Image URL.
    pub src: String,
    /// Alt text.
    pub alt: &'a str,
    /// Caption.
    pub caption: Option<&'a str>,
    /// Credit.
    pub credit: Option<&'a str>,
}

/// A download.
#[derive(Debug, Serialize)]
pub struct AttachmentView<'a> {
    /// Link text.
    pub title: &'a str,
    /// File URL.
    pub url: String,
    /// "PDF".
    pub kind: &'a str,
    /// "1,2 MB".
    pub size: String,
}

/// An announced event.
#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    /// Name.
    pub name: &'a str,
    /// Start in words.
    pub start: String,
    /// Start for `<time>`.
    pub start_iso: String,
    /// End in words.
    pub end: Option<String>,
    /// End for `<time>`.
    pub end_iso: Option<String>,
    /// Place.
    pub place: Option<&'a str>,
    /// Its iCalendar file ("In den Kalender"), when calendars are switched on.
    pub ics_url: Option<String>,
}

/// The event box of release `r`, if it announces one.
pub fn event_view<'a>(site: &Site, urls: &Urls, r: &'a Release) -> Option<EventView<'a>> {
    let lang = site.config.language;
    let dt = |d: &crate::model::dates::DateValue| date_time(d, lang);
    r.event.as_ref().map(|e| EventView {
        name: &e.name,
        start: dt(&e.start),
        start_iso: e.start.html(),
        end: e.end.as_ref().map(dt),
        end_iso: e.end.as_ref().map(|x| x.html()),
        place: e.place.as_deref(),
        ics_url: site
            .config
            .outputs
            .calendar
            .then(|| urls.release_ics(r.date.date.year(), &r.slug).path),
    })
}

/// The URL of a file referenced by a release.
pub fn file_url(urls: &Urls, r: &Release, f: &FileRef) -> String {
    match f {
        FileRef::Bundle(rel) => urls.release_asset(r.date.date.year(), &r.slug, rel).path,
        FileRef::Static(rel) => urls.static_file(rel).path,
    }
}

/// Builds the view of release `id`.
pub fn release_view<'a>(
    site: &'a Site,
    urls: &Urls,
    (cards, linked): (&'a Cards<'_>, &super::LinkedData),
    id: ReleaseId,
) -> ReleaseView<'a> {
    let r = site.release(id);
    let lang = site.config.language;
    let dt = |d: &crate::model::dates::DateValue| date_time(d, lang);
    ReleaseView {
        card: &cards[id.index()],
        subtitle: r.subtitle.as_deref(),
        joint: r.joint,
        issuers: &r.issuers,
        location: r.location.as_deref(),
        body_html: &r.body_html,
        image: r.image.as_ref().map(|i| ImageView {
            src: file_url(urls, r, &i.src),
            alt: &i.alt,
            caption: i.caption.as_deref(),
            credit: i.credit.as_deref(),
        }),
        attachments: r
            .attachments
            .iter()
            .map(|a| AttachmentView {
                title: &a.title,
                url: file_url(urls, r, &a.file),
                kind: &a.kind,
                size: locale::file_size(a.size, lang),
            })
            .collect(),
        contacts: &r.contacts,
        event: event_view(site, urls, r),
        updated: r.updated.as_ref().map(dt),
        updated_iso: r.updated.as_ref().map(|u| u.html()),
        change_note: r.change_note.as_deref(),
        changes: r
            .changes
            .iter()
            .map(|c| ChangeView {
                date: dt(&c.date),
                date_iso: c.date.html(),
                note: &c.note,
            })
            .collect(),
        withdrawn: r.withdrawn.as_ref().map(|w| ChangeView {
            date: dt(&w.date),
            date_iso: w.date.html(),
            note: &w.reason,
        }),
        programmes: site.links.release_programmes[id.index()]
            .iter()
            .map(|p| programme_link(site, urls, *p))
            .collect(),
        municipalities: site.links.release_municipalities[id.index()]
            .iter()
            .map(|m| municipality_link(site, urls, *m))
            .collect(),
        related: site.links.related[id.index()]
            .iter()
            .map(|x| {
                let c = &cards[x.index()];
                RelatedCard {
                    title: c.title,
                    url: &c.url,
                    date: &c.date,
                    date_iso: &c.date_iso,
                    kicker: c.kicker,
                }
            })
            .collect(),
        extra: &r.extra,
        structured: super::structured(site, urls, linked, id),
    }
}

/// A date in words, with the time ("28. Mai 2018, 10:00 Uhr") when one was given.
fn date_time(d: &crate::model::dates::DateValue, lang: Language) -> String {
    let day = locale::date(d.date, lang);
    match d.offset {
        Some(off) => {
            let local = d.instant.to_zoned(off.to_time_zone());
            match lang {
                Language::De => format!("{day}, {} Uhr", local.strftime("%H:%M")),
                Language::En => format!("{day}, {}", local.strftime("%H:%M")),
            }
        }
        None => day,
    }
}
