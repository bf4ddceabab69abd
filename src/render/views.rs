//! Typed views: what each template gets, borrowed from the [`Site`] where possible.
//!
//! Every template receives `site`, `t` (UI words) and `page` (the current page's URL, canonical
//! URL, title and feed links), plus one view named after its template (see the README's
//! template section). Dates and amounts arrive formatted for the site's language.

use serde::Serialize;

use crate::config::Language;
use crate::locale::{self, Strings};
use crate::model::release::{Contact, FileRef, Release};
use crate::site::{MunicipalityId, ProgrammeId, ReleaseId, Site};
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
    /// Plain pages for the footer.
    pub footer_pages: Vec<Link<'a>>,
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
}

/// Builds the card of every release once; lists then pick from this.
pub fn release_cards<'a>(site: &'a Site, urls: &Urls) -> Vec<ReleaseCard<'a>> {
    let lang = site.config.language;
    site.releases
        .iter()
        .map(|r| ReleaseCard {
            title: &r.title,
            url: urls.release(r.date.date.year(), &r.slug).path,
            date: locale::date(r.date.date, lang),
            date_iso: r.date.html(),
            kicker: r.kicker.as_deref(),
            topic_url: r.topic.as_ref().map(|t| urls.topic(t, 1).path),
            summary: shorten(&r.summary, 300),
            number: r.number.as_deref(),
            via: None,
        })
        .collect()
}

/// Releases on a record page: the most recent as cards, the older ones as one-line links, so a
/// city named in a thousand releases still gets a readable, light page.
#[derive(Debug, Serialize)]
pub struct ReleaseGroup<'a> {
    /// The newest releases, with summary.
    pub recent: Vec<ReleaseCard<'a>>,
    /// The rest: title, date, link.
    pub older: Vec<CompactCard<'a>>,
    /// Number of releases in the group.
    pub total: usize,
}

/// A release as one line.
#[derive(Debug, Serialize)]
pub struct CompactCard<'a> {
    /// Headline.
    pub title: &'a str,
    /// Page URL.
    pub url: &'a str,
    /// Date in words.
    pub date: &'a str,
    /// Date for `<time datetime>`.
    pub date_iso: &'a str,
    /// For roll-up lists: the member municipality the release is about.
    pub via: Option<Link<'a>>,
}

/// Releases shown as full cards on record pages before the list turns compact.
pub const RECENT_CARDS: usize = 10;

/// Groups `ids` (newest first) into recent cards and compact older lines; `via` marks roll-ups.
pub fn release_group<'a>(
    cards: &'a [ReleaseCard<'a>],
    ids: impl ExactSizeIterator<Item = (ReleaseId, Option<Link<'a>>)>,
) -> ReleaseGroup<'a> {
    let total = ids.len();
    let mut recent = Vec::with_capacity(total.min(RECENT_CARDS));
    let mut older = Vec::with_capacity(total.saturating_sub(RECENT_CARDS));
    for (i, (id, via)) in ids.enumerate() {
        let c = &cards[id.index()];
        if i < RECENT_CARDS {
            recent.push(ReleaseCard { via, ..c.clone() });
        } else {
            older.push(CompactCard {
                title: c.title,
                url: &c.url,
                date: &c.date,
                date_iso: &c.date_iso,
                via,
            });
        }
    }
    ReleaseGroup {
        recent,
        older,
        total,
    }
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

/// A full release page.
#[derive(Debug, Serialize)]
pub struct ReleaseView<'a> {
    /// The card data (title, url, date, kicker…).
    #[serde(flatten)]
    pub card: ReleaseCard<'a>,
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
    /// Programmes of this release.
    pub programmes: Vec<Link<'a>>,
    /// Municipalities of this release.
    pub municipalities: Vec<Link<'a>>,
    /// Free-form front matter values.
    pub extra: &'a toml::Table,
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
    cards: &[ReleaseCard<'a>],
    id: ReleaseId,
) -> ReleaseView<'a> {
    let r = site.release(id);
    let lang = site.config.language;
    let dt = |d: &crate::model::dates::DateValue| date_time(d, lang);
    ReleaseView {
        card: cards[id.index()].clone(),
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
        event: r.event.as_ref().map(|e| EventView {
            name: &e.name,
            start: dt(&e.start),
            start_iso: e.start.html(),
            end: e.end.as_ref().map(dt),
            end_iso: e.end.as_ref().map(|x| x.html()),
            place: e.place.as_deref(),
        }),
        updated: r.updated.as_ref().map(dt),
        updated_iso: r.updated.as_ref().map(|u| u.html()),
        change_note: r.change_note.as_deref(),
        programmes: site.links.release_programmes[id.index()]
            .iter()
            .map(|p| programme_link(site, urls, *p))
            .collect(),
        municipalities: site.links.release_municipalities[id.index()]
            .iter()
            .map(|m| municipality_link(site, urls, *m))
            .collect(),
        extra: &r.extra,
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

/// Link to a programme page.
pub fn programme_link<'a>(site: &'a Site, urls: &Urls, id: ProgrammeId) -> Link<'a> {
    let p = site.programme(id);
    Link {
        title: &p.name,
        url: urls.programme(&p.slug).path,
    }
}

/// Link to a municipality page.
pub fn municipality_link<'a>(site: &'a Site, urls: &Urls, id: MunicipalityId) -> Link<'a> {
    let m = site.municipality(id);
    Link {
        title: &m.name,
        url: urls.municipality(&m.slug).path,
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

/// The view of `release_list.html`: archive, year and topic pages.
#[derive(Debug, Serialize)]
pub struct ListView<'a> {
    /// "archive", "year" or "topic".
    pub kind: &'static str,
    /// Heading.
    pub title: String,
    /// The releases of this page.
    pub items: Vec<&'a ReleaseCard<'a>>,
    /// Number of releases in the whole list.
    pub total: usize,
    /// Page navigation.
    pub pagination: Pagination,
    /// Year navigation.
    pub years: Vec<YearLink>,
}

/// A programme in a list.
#[derive(Debug, Serialize)]
pub struct ProgrammeCard<'a> {
    /// Name.
    pub name: &'a str,
    /// Short name.
    pub short: Option<&'a str>,
    /// URL.
    pub url: String,
    /// Number of releases.
    pub release_count: usize,
    /// Number of participants.
    pub participant_count: usize,
    /// Modules (one level, for the index).
    pub children: Vec<ProgrammeCard<'a>>,
}

/// The card of programme `id`, with its modules as children down to `depth` levels.
pub fn programme_card<'a>(
    site: &'a Site,
    urls: &Urls,
    id: ProgrammeId,
    depth: usize,
) -> ProgrammeCard<'a> {
    let p = site.programme(id);
    let l = &site.links;
    ProgrammeCard {
        name: &p.name,
        short: p.short.as_deref(),
        url: urls.programme(&p.slug).path,
        release_count: l.programme_releases[id.index()].len(),
        participant_count: p.participants.len(),
        children: if depth == 0 {
            Vec::new()
        } else {
            l.programme_children[id.index()]
                .iter()
                .map(|c| programme_card(site, urls, *c, depth - 1))
                .collect()
        },
    }
}

/// A participant row.
#[derive(Debug, Serialize)]
pub struct ParticipantRow<'a> {
    /// The municipality.
    pub municipality: Link<'a>,
    /// Its kind.
    pub kind: Option<&'a str>,
    /// Year.
    pub year: Option<i32>,
    /// Funding, formatted.
    pub funding: Option<String>,
    /// Project.
    pub project: Option<&'a str>,
}

/// The view of `programme.html`.
#[derive(Debug, Serialize)]
pub struct ProgrammeView<'a> {
    /// Name.
    pub name: &'a str,
    /// Short name.
    pub short: Option<&'a str>,
    /// Description HTML.
    pub description_html: Option<&'a str>,
    /// Parent programme.
    pub parent: Option<Link<'a>>,
    /// Modules.
    pub children: Vec<Link<'a>>,
    /// Owner.
    pub owner: Option<&'a str>,
    /// Start, formatted.
    pub start: Option<String>,
    /// End, formatted.
    pub end: Option<String>,
    /// Website.
    pub website: Option<&'a str>,
    /// Budget, formatted.
    pub budget: Option<String>,
    /// Participant table.
    pub participants: Vec<ParticipantRow<'a>>,
    /// Sum of all funding, formatted (when any row has an amount).
    pub funding_total: Option<String>,
    /// Releases about the programme.
    pub releases: ReleaseGroup<'a>,
    /// The programme's feed.
    pub feed_url: String,
}

/// Builds the view of programme `id`.
pub fn programme_view<'a>(
    site: &'a Site,
    urls: &Urls,
    cards: &'a [ReleaseCard<'a>],
    id: ProgrammeId,
) -> ProgrammeView<'a> {
    let p = site.programme(id);
    let l = &site.links;
    let lang = site.config.language;
    let rows: Vec<ParticipantRow<'a>> = p
        .participants
        .iter()
        .zip(&l.programme_participants[id.index()])
        .map(|(row, m)| ParticipantRow {
            municipality: municipality_link(site, urls, *m),
            kind: site.municipality(*m).kind.as_deref(),
            year: row.year,
            funding: row.funding_eur.map(|f| locale::euros(f, lang)),
            project: row.project.as_deref(),
        })
        .collect();
    let amounts: Vec<u64> = p
        .participants
        .iter()
        .filter_map(|r| r.funding_eur)
        .collect();
    ProgrammeView {
        name: &p.name,
        short: p.short.as_deref(),
        description_html: p.description_html.as_deref(),
        parent: l.programme_parent[id.index()].map(|x| programme_link(site, urls, x)),
        children: l.programme_children[id.index()]
            .iter()
            .map(|c| programme_link(site, urls, *c))
            .collect(),
        owner: p.owner.as_deref(),
        start: p.start.map(|d| locale::date(d.date, lang)),
        end: p.end.map(|d| locale::date(d.date, lang)),
        website: p.website.as_deref(),
        budget: p.budget_eur.map(|b| locale::euros(b, lang)),
        participants: rows,
        funding_total: (!amounts.is_empty()).then(|| locale::euros(amounts.iter().sum(), lang)),
        releases: release_group(
            cards,
            l.programme_releases[id.index()].iter().map(|r| (*r, None)),
        ),
        feed_url: urls.programme_feed(&p.slug).path,
    }
}

/// A municipality in a list.
#[derive(Debug, Serialize)]
pub struct MunicipalityCard<'a> {
    /// Name.
    pub name: &'a str,
    /// URL.
    pub url: String,
    /// Kind.
    pub kind: Option<&'a str>,
    /// Number of releases naming it.
    pub release_count: usize,
}

/// The card of municipality `id`.
pub fn municipality_card<'a>(
    site: &'a Site,
    urls: &Urls,
    id: MunicipalityId,
) -> MunicipalityCard<'a> {
    let m = site.municipality(id);
    MunicipalityCard {
        name: &m.name,
        url: urls.municipality(&m.slug).path,
        kind: m.kind.as_deref(),
        release_count: site.links.municipality_releases[id.index()].len(),
    }
}

/// A programme a municipality takes part in.
#[derive(Debug, Serialize)]
pub struct ParticipationView<'a> {
    /// The programme.
    pub programme: Link<'a>,
    /// Year.
    pub year: Option<i32>,
    /// Funding, formatted.
    pub funding: Option<String>,
    /// Project.
    pub project: Option<&'a str>,
}

/// The view of `municipality.html`.
#[derive(Debug, Serialize)]
pub struct MunicipalityView<'a> {
    /// Name.
    pub name: &'a str,
    /// Kind.
    pub kind: Option<&'a str>,
    /// District.
    pub district: Option<Link<'a>>,
    /// Official key.
    pub ags: Option<&'a str>,
    /// Population, formatted.
    pub population: Option<String>,
    /// State.
    pub state: Option<&'a str>,
    /// Coordinates, formatted.
    pub coordinates: Option<String>,
    /// Latitude for machine use.
    pub lat: Option<f64>,
    /// Longitude for machine use.
    pub lon: Option<f64>,
    /// Website.
    pub website: Option<&'a str>,
    /// Description HTML.
    pub description_html: Option<&'a str>,
    /// Members (district or association).
    pub members: Vec<Link<'a>>,
    /// Associations it belongs to.
    pub member_of: Vec<Link<'a>>,
    /// Programmes with year and funding.
    pub programmes: Vec<ParticipationView<'a>>,
    /// Releases naming it.
    pub releases: ReleaseGroup<'a>,
    /// Releases naming its members (roll-up), each marked with the member.
    pub member_releases: ReleaseGroup<'a>,
    /// Its feed.
    pub feed_url: String,
}

/// Builds the view of municipality `id`.
pub fn municipality_view<'a>(
    site: &'a Site,
    urls: &Urls,
    cards: &'a [ReleaseCard<'a>],
    id: MunicipalityId,
) -> MunicipalityView<'a> {
    let m = site.municipality(id);
    let l = &site.links;
    let lang = site.config.language;
    MunicipalityView {
        name: &m.name,
        kind: m.kind.as_deref(),
        district: l.municipality_district[id.index()].map(|d| municipality_link(site, urls, d)),
        ags: m.ags.as_deref(),
        population: m.population.map(|p| locale::integer(p, lang)),
        state: m.state.as_deref(),
        coordinates: m.coordinates.map(|(lat, lon)| {
            format!(
                "{}, {}",
                locale::decimal(lat, 4, lang),
                locale::decimal(lon, 4, lang)
            )
        }),
        lat: m.coordinates.map(|c| c.0),
        lon: m.coordinates.map(|c| c.1),
        website: m.website.as_deref(),
        description_html: m.description_html.as_deref(),
        members: l.municipality_members[id.index()]
            .iter()
            .map(|x| municipality_link(site, urls, *x))
            .collect(),
        member_of: l.municipality_associations[id.index()]
            .iter()
            .map(|x| municipality_link(site, urls, *x))
            .collect(),
        programmes: l.municipality_programmes[id.index()]
            .iter()
            .map(|p| {
                let row = &site.programme(p.programme).participants[p.row];
                ParticipationView {
                    programme: programme_link(site, urls, p.programme),
                    year: row.year,
                    funding: row.funding_eur.map(|f| locale::euros(f, lang)),
                    project: row.project.as_deref(),
                }
            })
            .collect(),
        releases: release_group(
            cards,
            l.municipality_releases[id.index()]
                .iter()
                .map(|r| (*r, None)),
        ),
        member_releases: release_group(
            cards,
            l.municipality_rollup[id.index()]
                .iter()
                .map(|ru| (ru.release, Some(municipality_link(site, urls, ru.via)))),
        ),
        feed_url: urls.municipality_feed(&m.slug).path,
    }
}

/// A group of municipalities (by letter, kind or district).
#[derive(Debug, Serialize)]
pub struct MunicipalityGroup<'a> {
    /// Group heading.
    pub name: String,
    /// Anchor id.
    pub id: String,
    /// Members.
    pub items: Vec<MunicipalityCard<'a>>,
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
