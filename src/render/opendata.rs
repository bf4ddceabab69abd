//! Open data: every published release, programme and municipality as JSON
//! (`daten/pressemitteilungen.json`, `daten/programme.json`, `daten/kommunen.json`), each with
//! `"version": 1`, its licence and a JSON Schema (draft 2020-12) written beside it
//! (`daten/schema/*.schema.json`).
//!
//! Every key is always present (`null` when a value is not given), so a consumer need not
//! guess; dates are written as in the files (`2018-05-28`, or RFC 3339 with the offset as
//! written); URLs are permalinks.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::views::{self, DataFileView, DataView};
use crate::config::DataLicense;
use crate::diag::Diagnostics;
use crate::locale;
use crate::model::dates::DateValue;
use crate::output::Sink;
use crate::site::{MunicipalityId, Site};
use crate::urls::Urls;

/// Version of the files' format; a change that breaks consumers raises it.
pub(super) const VERSION: u32 = 1;

/// One of the three open-data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DataSet {
    /// `pressemitteilungen.json`.
    Releases,
    /// `programme.json`.
    Programmes,
    /// `kommunen.json`.
    Municipalities,
}

impl DataSet {
    /// All three, in the order the data page lists them.
    pub(super) const ALL: [DataSet; 3] = [
        DataSet::Releases,
        DataSet::Programmes,
        DataSet::Municipalities,
    ];

    /// The file name.
    pub(super) fn file(self) -> &'static str {
        match self {
            DataSet::Releases => "pressemitteilungen.json",
            DataSet::Programmes => "programme.json",
            DataSet::Municipalities => "kommunen.json",
        }
    }

    /// The file name of its schema.
    pub(super) fn schema_file(self) -> &'static str {
        match self {
            DataSet::Releases => "pressemitteilungen.schema.json",
            DataSet::Programmes => "programme.schema.json",
            DataSet::Municipalities => "kommunen.schema.json",
        }
    }

    /// The JSON Schema (draft 2020-12), the same for every site.
    pub(super) fn schema(self) -> &'static str {
        match self {
            DataSet::Releases => include_str!("schema/pressemitteilungen.schema.json"),
            DataSet::Programmes => include_str!("schema/programme.schema.json"),
            DataSet::Municipalities => include_str!("schema/kommunen.schema.json"),
        }
    }

    /// The key of its list of entries.
    fn key(self) -> &'static str {
        match self {
            DataSet::Releases => "releases",
            DataSet::Programmes => "programmes",
            DataSet::Municipalities => "municipalities",
        }
    }

    /// Number of entries it holds.
    pub(super) fn count(self, site: &Site) -> usize {
        match self {
            DataSet::Releases => site.releases.len(),
            DataSet::Programmes => site.programmes.len(),
            DataSet::Municipalities => site.municipalities.len(),
        }
    }
}

/// Writes the JSON Schema of each file (the same bytes for every site and build).
pub(super) fn schemas(urls: &Urls, sink: &dyn Sink, diags: &mut Diagnostics) {
    for set in DataSet::ALL {
        super::push(
            sink,
            urls.data_schema(set.schema_file()).file,
            set.schema().to_string().into(),
            "open-data schema".into(),
            diags,
        );
    }
}

/// The view of the open-data page: each file with its schema and size, and the licence.
pub(super) fn data_view<'a>(site: &'a Site, urls: &Urls) -> DataView<'a> {
    let t = views::strings(site.config.language);
    let files = DataSet::ALL
        .iter()
        .map(|set| {
            let (title, description) = match set {
                DataSet::Releases => (t.releases, t.data_releases),
                DataSet::Programmes => (t.programmes, t.data_programmes),
                DataSet::Municipalities => (t.municipalities, t.data_municipalities),
            };
            DataFileView {
                title,
                description,
                url: urls.data_file(set.file()).path,
                schema_url: urls.data_schema(set.schema_file()).path,
                count: locale::integer(set.count(site) as u64, site.config.language),
            }
        })
        .collect();
    DataView {
        files,
        license: &site.config.data_license,
    }
}

/// The head of a document, before its list of entries.
#[derive(Serialize)]
struct Head<'a> {
    #[serde(rename = "$schema")]
    schema: String,
    version: u32,
    license: &'a DataLicense,
    /// The site's title and home page.
    source: Source<'a>,
}

#[derive(Serialize)]
struct Source<'a> {
    title: &'a str,
    url: String,
}

/// A record named by slug and name.
#[derive(Serialize)]
struct Ref<'a> {
    slug: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct ReleaseEntry<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    date: String,
    number: Option<&'a str>,
    url: String,
    summary: &'a str,
    kicker: Option<&'a str>,
    topic: Option<&'a str>,
    programmes: Vec<Ref<'a>>,
    municipalities: Vec<Ref<'a>>,
    updated: Option<String>,
    changes: Vec<NoteEntry<'a>>,
    withdrawn: Option<NoteEntry<'a>>,
    event: Option<EventEntry<'a>>,
}

/// A dated note: one change of a release, or its withdrawal and the reason.
#[derive(Serialize)]
struct NoteEntry<'a> {
    date: String,
    note: &'a str,
}

#[derive(Serialize)]
struct EventEntry<'a> {
    name: &'a str,
    start: String,
    end: Option<String>,
    place: Option<&'a str>,
}

#[derive(Serialize)]
struct ProgrammeEntry<'a> {
    slug: &'a str,
    name: &'a str,
    short: Option<&'a str>,
    parent: Option<Ref<'a>>,
    owner: Option<&'a str>,
    start: Option<String>,
    end: Option<String>,
    website: Option<&'a str>,
    budget_eur: Option<u64>,
    url: String,
    participants: Vec<ParticipantEntry<'a>>,
    /// The years of its participants' funding, ascending, each once.
    years: Vec<i32>,
    /// The sum of its participants' `funding_eur`.
    funding_total_eur: u64,
}

#[derive(Serialize)]
struct ParticipantEntry<'a> {
    municipality: Ref<'a>,
    year: Option<i32>,
    funding_eur: Option<u64>,
    project: Option<&'a str>,
}

#[derive(Serialize)]
struct MunicipalityEntry<'a> {
    slug: &'a str,
    name: &'a str,
    ags: Option<&'a str>,
    kind: Option<&'a str>,
    state: Option<&'a str>,
    district: Option<Ref<'a>>,
    members: Vec<Ref<'a>>,
    population: Option<u64>,
    coordinates: Option<Coordinates>,
    website: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct Coordinates {
    lat: f64,
    lon: f64,
}

/// The JSON text of `programme.json` or `kommunen.json` (for the releases see
/// [`releases_json`]).
pub(super) fn json(site: &Site, urls: &Urls, set: DataSet) -> String {
    // Serialising these plain structs cannot fail (string keys; non-finite coordinates,
    // which JSON cannot hold, were left out).
    match set {
        DataSet::Programmes => document(site, urls, set, |out| {
            out.push_str(&serde_json::to_string(&programmes(site, urls)).unwrap_or_default());
        }),
        DataSet::Municipalities => document(site, urls, set, |out| {
            out.push_str(&serde_json::to_string(&municipalities(site, urls)).unwrap_or_default());
        }),
        DataSet::Releases => releases_json(site, urls, 0, None).0,
    }
}

/// The document of `set`, its list of entries written by `list`, as text.
fn document(site: &Site, urls: &Urls, set: DataSet, list: impl FnOnce(&mut String)) -> String {
    let head = Head {
        schema: urls.permalink(&urls.data_schema(set.schema_file()).path),
        version: VERSION,
        license: &site.config.data_license,
        source: Source {
            title: &site.config.title,
            url: urls.permalink(&urls.home().path),
        },
    };
    // Room for the whole file at once (about 1 KB a release): growing a 10 MB buffer step
    // by step would copy it several times. Built as text, so it is never checked for UTF-8.
    let mut text = String::with_capacity(4096 + set.count(site) * 1024);
    text.push_str(&serde_json::to_string(&head).unwrap_or_default());
    if text.pop() == Some('}') {
        text.push_str(&format!(",\"{}\":", set.key()));
        list(&mut text);
        text.push('}');
    }
    text.push('\n');
    text
}

/// The JSON text of one entry.
type Part = Arc<str>;

/// The JSON of each release's entry in the last render, by the key of its inputs (see
/// [`entry_key`]): a rebuild after a text edit serialises one entry, not ten thousand.
#[derive(Default)]
pub(super) struct Fragments(HashMap<u64, Part>);

impl std::fmt::Debug for Fragments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fragments({} entries)", self.0.len())
    }
}

/// What release `i`'s entry shows: the site-wide inputs `global` (URLs, configuration), the
/// release's version and those of the records it names.
fn entry_key(site: &Site, global: u64, i: usize) -> u64 {
    let l = &site.links;
    let mut buf = Vec::with_capacity(64);
    buf.extend_from_slice(&global.to_le_bytes());
    buf.extend_from_slice(&site.releases[i].version.to_le_bytes());
    for p in &l.release_programmes[i] {
        buf.extend_from_slice(&site.programme(*p).version.to_le_bytes());
    }
    buf.push(0);
    for m in &l.release_municipalities[i] {
        buf.extend_from_slice(&site.municipality(*m).version.to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_64(&buf)
}

/// `pressemitteilungen.json`, reusing the entries of `previous` (made with the same
/// `global`) whose inputs did not change; also returns its entries for the next render.
pub(super) fn releases_json(
    site: &Site,
    urls: &Urls,
    global: u64,
    previous: Option<&Fragments>,
) -> (String, Fragments) {
    let entries: Vec<(u64, Part)> = (0..site.releases.len())
        .into_par_iter()
        .map(|i| {
            let key = entry_key(site, global, i);
            let json = match previous.and_then(|f| f.0.get(&key)) {
                Some(json) => Arc::clone(json),
                None => serde_json::to_string(&release_entry(site, urls, i))
                    .unwrap_or_default()
                    .into(),
            };
            (key, json)
        })
        .collect();
    let text = document(site, urls, DataSet::Releases, |out| {
        out.push('[');
        for (n, (_, json)) in entries.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(json);
        }
        out.push(']');
    });
    (text, Fragments(entries.into_iter().collect()))
}

fn muni_ref(site: &Site, id: MunicipalityId) -> Ref<'_> {
    let m = site.municipality(id);
    Ref {
        slug: &m.slug,
        name: &m.name,
    }
}

/// The entry of release `i`.
fn release_entry<'a>(site: &'a Site, urls: &Urls, i: usize) -> ReleaseEntry<'a> {
    let l = &site.links;
    let r = &site.releases[i];
    ReleaseEntry {
        title: &r.title,
        subtitle: r.subtitle.as_deref(),
        date: r.date.html(),
        number: r.number.as_deref(),
        url: urls.permalink(&urls.release_path(r.date.date.year(), &r.slug)),
        summary: &r.summary,
        kicker: r.kicker.as_deref(),
        topic: r.topic.as_deref(),
        programmes: l.release_programmes[i]
            .iter()
            .map(|p| {
                let p = site.programme(*p);
                Ref {
                    slug: &p.slug,
                    name: &p.name,
                }
            })
            .collect(),
        municipalities: l.release_municipalities[i]
            .iter()
            .map(|m| muni_ref(site, *m))
            .collect(),
        updated: r.updated.as_ref().map(DateValue::html),
        changes: r
            .changes
            .iter()
            .map(|c| NoteEntry {
                date: c.date.html(),
                note: &c.note,
            })
            .collect(),
        withdrawn: r.withdrawn.as_ref().map(|w| NoteEntry {
            date: w.date.html(),
            note: &w.reason,
        }),
        event: r.event.as_ref().map(|e| EventEntry {
            name: &e.name,
            start: e.start.html(),
            end: e.end.as_ref().map(DateValue::html),
            place: e.place.as_deref(),
        }),
    }
}

fn programmes<'a>(site: &'a Site, urls: &Urls) -> Vec<ProgrammeEntry<'a>> {
    let l = &site.links;
    site.programmes
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut years: Vec<i32> = p.participants.iter().filter_map(|x| x.year).collect();
            years.sort_unstable();
            years.dedup();
            ProgrammeEntry {
                slug: &p.slug,
                name: &p.name,
                short: p.short.as_deref(),
                parent: l.programme_parent[i].map(|id| {
                    let parent = site.programme(id);
                    Ref {
                        slug: &parent.slug,
                        name: &parent.name,
                    }
                }),
                owner: p.owner.as_deref(),
                start: p.start.as_ref().map(DateValue::html),
                end: p.end.as_ref().map(DateValue::html),
                website: p.website.as_deref(),
                budget_eur: p.budget_eur,
                url: urls.permalink(&urls.programme_path(&p.slug)),
                participants: p
                    .participants
                    .iter()
                    .zip(&l.programme_participants[i])
                    .map(|(x, m)| ParticipantEntry {
                        municipality: muni_ref(site, *m),
                        year: x.year,
                        funding_eur: x.funding_eur,
                        project: x.project.as_deref(),
                    })
                    .collect(),
                years,
                funding_total_eur: p
                    .participants
                    .iter()
                    .filter_map(|x| x.funding_eur)
                    .fold(0u64, u64::saturating_add),
            }
        })
        .collect()
}

fn municipalities<'a>(site: &'a Site, urls: &Urls) -> Vec<MunicipalityEntry<'a>> {
    let l = &site.links;
    site.municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| MunicipalityEntry {
            slug: &m.slug,
            name: &m.name,
            ags: m.ags.as_deref(),
            kind: m.kind.as_deref(),
            state: m.state.as_deref(),
            district: l.municipality_district[i].map(|d| muni_ref(site, d)),
            // Only the members the record lists (a district's towns name it instead).
            members: m
                .members
                .iter()
                .filter_map(|r| {
                    l.municipality_members[i]
                        .iter()
                        .find(|id| site.municipality(**id).slug == r.slug)
                        .map(|id| muni_ref(site, *id))
                })
                .collect(),
            population: m.population,
            coordinates: m
                .coordinates
                .filter(|(lat, lon)| lat.is_finite() && lon.is_finite())
                .map(|(lat, lon)| Coordinates { lat, lon }),
            website: m.website.as_deref(),
            url: urls.permalink(&urls.municipality_path(&m.slug)),
        })
        .collect()
}
