//! The views of programme and municipality pages and of their cards in lists and indexes,
//! and the paginated list of a record's releases.
//!
//! A record's releases are one list, newest first, cut into pages of `per_page` like the
//! archive: page 1 is the record's page with its facts, pages 2..N (`…/SLUG/seite/N/`) show
//! only their part of the list. A district's or association's list holds its own releases and
//! its members' (the roll-up) merged, each of a member marked with the member's name.

use serde::Serialize;

use super::{
    municipality_link, municipality_map, programme_link, strings, CardHtml, Cards, Heading, Link,
    ListView, Pagination, ReleaseCard,
};
use crate::locale;
use crate::render::map::MapView;
use crate::site::{Listed, MunicipalityId, ProgrammeId, Site};
use crate::urls::{Target, Urls};

/// A record with a page of its own and a paginated list of releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// A programme: the releases naming it.
    Programme(ProgrammeId),
    /// A municipality: the releases naming it or (roll-up) one of its members.
    Municipality(MunicipalityId),
}

impl Record {
    /// The record's name.
    pub fn name(self, site: &Site) -> &str {
        match self {
            Record::Programme(id) => &site.programme(id).name,
            Record::Municipality(id) => &site.municipality(id).name,
        }
    }

    /// Number of releases in the record's list.
    pub fn listed(self, site: &Site) -> usize {
        match self {
            Record::Programme(id) => site.links.programme_releases[id.index()].len(),
            Record::Municipality(id) => site.links.municipality_listed(id),
        }
    }

    /// Number of the record's pages (at least 1, the record's own page).
    pub fn pages(self, site: &Site) -> usize {
        self.listed(site).div_ceil(site.config.per_page).max(1)
    }

    /// The releases on page `n` (1-based), newest first, each rolled-up one with its member.
    pub fn listing(self, site: &Site, n: usize) -> Vec<Listed> {
        let per = site.config.per_page;
        let from = (n.max(1) - 1) * per;
        match self {
            Record::Programme(id) => site.links.programme_releases[id.index()]
                .iter()
                .skip(from)
                .take(per)
                .map(|r| (*r, None))
                .collect(),
            Record::Municipality(id) => site.links.municipality_listing(id, from, per),
        }
    }

    /// Where page `n` goes: the record's page for 1, `…/SLUG/seite/N/` after.
    pub fn page(self, site: &Site, urls: &Urls, n: usize) -> Target {
        match self {
            Record::Programme(id) => urls.programme_page(&site.programme(id).slug, n),
            Record::Municipality(id) => urls.municipality_page(&site.municipality(id).slug, n),
        }
    }

    /// The record's main page as a link.
    pub fn link<'a>(self, site: &'a Site, urls: &Urls) -> Link<'a> {
        match self {
            Record::Programme(id) => programme_link(site, urls, id),
            Record::Municipality(id) => municipality_link(site, urls, id),
        }
    }
}

/// Page `n` of a record's releases, as page 1 shows it below the record's facts.
#[derive(Debug, Serialize)]
pub struct RecordReleases {
    /// The cards of this page's releases, newest first; a member's marked with `via`.
    pub items: Vec<CardHtml>,
    /// Number of releases on all pages.
    pub total: usize,
    /// How many of them are listed because they name a member (the roll-up).
    pub from_members: usize,
    /// Page navigation (as the archive's).
    pub pagination: Pagination,
}

/// Page `n` of the releases of `record`, their cards titled with `heading`.
pub fn record_releases<'a>(
    site: &'a Site,
    urls: &Urls,
    cards: &'a Cards<'_>,
    (record, n): (Record, usize),
    heading: Heading,
) -> RecordReleases {
    RecordReleases {
        items: record_cards(site, urls, cards, (record, n), heading),
        total: record.listed(site),
        from_members: match record {
            Record::Programme(_) => 0,
            Record::Municipality(id) => site.links.municipality_rollup[id.index()].len(),
        },
        pagination: Pagination::new(n, record.pages(site), |k| record.page(site, urls, k).path),
    }
}

/// Page `n` (2..N) of the releases of `record`: its own list page, which names the record and
/// links back to the record's page.
pub fn record_list<'a>(
    site: &'a Site,
    urls: &Urls,
    cards: &'a Cards<'_>,
    record: Record,
    n: usize,
) -> ListView<'a> {
    let RecordReleases {
        items,
        total,
        pagination,
        ..
    } = record_releases(site, urls, cards, (record, n), Heading::H2);
    ListView {
        kind: match record {
            Record::Programme(_) => "programme",
            Record::Municipality(_) => "municipality",
        },
        title: record.name(site).to_string(),
        record: Some(record.link(site, urls)),
        items,
        total,
        pagination,
        years: Vec::new(),
    }
}

/// The cards of page `n` of `record`'s releases: those of a member marked with it.
fn record_cards<'a>(
    site: &'a Site,
    urls: &Urls,
    cards: &'a Cards<'_>,
    (record, n): (Record, usize),
    heading: Heading,
) -> Vec<CardHtml> {
    record
        .listing(site, n)
        .into_iter()
        .map(|(id, via)| match via {
            None => cards.html(id.index(), heading),
            Some(m) => cards.html_of(
                &ReleaseCard {
                    via: Some(municipality_link(site, urls, m)),
                    ..cards[id.index()].clone()
                },
                heading,
            ),
        })
        .collect()
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
        url: urls.programme_path(&p.slug),
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
    /// Map of the participants (when maps are on and any has coordinates).
    pub map: Option<MapView<'a>>,
    /// The first page of the releases about the programme.
    pub releases: RecordReleases,
    /// The programme's feed.
    pub feed_url: String,
}

/// Builds the view of programme `id`.
pub fn programme_view<'a>(
    site: &'a Site,
    urls: &Urls,
    cards: &'a Cards<'_>,
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
        map: municipality_map(
            site,
            urls,
            strings(lang).participants,
            l.programme_participants[id.index()].iter().copied(),
        ),
        releases: record_releases(site, urls, cards, (Record::Programme(id), 1), Heading::H3),
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
        url: urls.municipality_path(&m.slug),
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
    #[serde(serialize_with = "crate::render::views::whole_number_opt")]
    pub lat: Option<f64>,
    /// Longitude for machine use.
    #[serde(serialize_with = "crate::render::views::whole_number_opt")]
    pub lon: Option<f64>,
    /// Website.
    pub website: Option<&'a str>,
    /// Description HTML.
    pub description_html: Option<&'a str>,
    /// Members (district or association).
    pub members: Vec<Link<'a>>,
    /// Map of the members (when maps are on and any has coordinates).
    pub map: Option<MapView<'a>>,
    /// Associations it belongs to.
    pub member_of: Vec<Link<'a>>,
    /// Programmes with year and funding.
    pub programmes: Vec<ParticipationView<'a>>,
    /// The first page of the releases naming it or (for a district or association) one of
    /// its members, those marked with the member.
    pub releases: RecordReleases,
    /// Its feed.
    pub feed_url: String,
}

/// Builds the view of municipality `id`.
pub fn municipality_view<'a>(
    site: &'a Site,
    urls: &Urls,
    cards: &'a Cards<'_>,
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
        map: municipality_map(
            site,
            urls,
            strings(lang).members,
            l.municipality_members[id.index()].iter().copied(),
        ),
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
        releases: record_releases(
            site,
            urls,
            cards,
            (Record::Municipality(id), 1),
            Heading::H3,
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
