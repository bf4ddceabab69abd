//! Resolving: slug tables, reference checks, cycle checks, publication filter, back-links.
//!
//! Every reference in every file (drafts included, so a draft is correct before it goes out) is
//! checked against the slug tables; an unknown slug names the closest existing ones. Then
//! drafts and embargoed releases are dropped, and the back-links of [`Links`] are computed
//! from the published releases only.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use jiff::Timestamp;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::diag::{Diagnostics, Msg};
use crate::model::page::Page;
use crate::model::record::{Municipality, Programme};
use crate::model::release::Release;
use crate::model::Reference;
use crate::msg;
use crate::site::{
    Links, MunicipalityId, Participation, ProgrammeId, ReleaseId, RollUp, Site, Topic,
};
use crate::slug::sort_key;

mod checks;
mod persist;
pub mod related;
mod reuse;

pub use reuse::Cache;

use crate::source::{Asset, SourceText};
use checks::{check_cycles, check_duplicates, check_held_back_paths, check_release_urls, lookup};

/// Everything loaded, before resolving.
#[derive(Debug, Default)]
pub struct Loaded {
    /// All releases that parsed, drafts and embargoed ones included.
    pub releases: Vec<Arc<Release>>,
    /// All programmes.
    pub programmes: Vec<Programme>,
    /// All municipalities.
    pub municipalities: Vec<Municipality>,
    /// All pages.
    pub pages: Vec<Page>,
    /// Templates by name.
    pub templates: BTreeMap<String, SourceText>,
    /// Static files by output path.
    pub static_files: BTreeMap<String, Asset>,
}

/// What publishes: the clock and whether drafts are shown.
#[derive(Debug, Clone, Copy)]
pub struct Publish {
    /// The build's "now" (from `--now` or the clock, read once in the binary).
    pub now: Timestamp,
    /// `--drafts`: show drafts (never embargoed releases).
    pub drafts: bool,
}

impl Publish {
    /// True when `r` may appear in the output at `now`.
    pub fn release_is_public(&self, r: &Release) -> bool {
        (self.drafts || !r.draft)
            && r.embargo.is_none_or(|e| e.instant <= self.now)
            && r.date.instant <= self.now
    }

    /// When `r` becomes public, if it is held back only by time (not a draft).
    pub fn lifts_at(&self, r: &Release) -> Option<Timestamp> {
        if r.draft && !self.drafts {
            return None;
        }
        let at = r
            .embargo
            .map_or(r.date.instant, |e| e.instant.max(r.date.instant));
        (at > self.now).then_some(at)
    }
}

/// The resolved site plus when the next held-back release becomes public.
#[derive(Debug)]
pub struct Resolved {
    /// The site.
    pub site: Site,
    /// The earliest embargo (or future date) still ahead of `now`.
    pub next_embargo: Option<Timestamp>,
}

/// Checks all references and builds the [`Site`]. `cache` holds the last result, which is
/// taken over when only what resolving does not read changed (see `resolve::reuse`).
pub fn resolve(
    config: Config,
    loaded: Loaded,
    publish: Publish,
    diags: &mut Diagnostics,
    cache: &mut Cache,
) -> Option<Resolved> {
    reuse::resolve_cached(config, loaded, publish, diags, cache)
}

/// Resolves everything afresh (except the duplicate-reference warnings, which
/// [`reuse::resolve_cached`] checks release by release).
fn resolve_all(
    config: Config,
    loaded: Loaded,
    publish: Publish,
    diags: &mut Diagnostics,
    known_related: Option<Vec<Vec<ReleaseId>>>,
) -> Option<Resolved> {
    let Loaded {
        mut releases,
        mut programmes,
        mut municipalities,
        mut pages,
        templates,
        static_files,
    } = loaded;
    sort_records(&mut programmes, &mut municipalities);
    let prog_ids: FxHashMap<&str, ProgrammeId> = programmes
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), ProgrammeId(i as u32)))
        .collect();
    let muni_ids: FxHashMap<&str, MunicipalityId> = municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| (m.slug.as_str(), MunicipalityId(i as u32)))
        .collect();
    let errors_before = diags.error_count();

    let p_lookup = |r: &Reference, unknown: fn(&str) -> Msg, diags: &mut Diagnostics| {
        lookup(&prog_ids, r, unknown, "content/programmes/", diags)
    };
    let m_lookup = |r: &Reference, unknown: fn(&str) -> Msg, diags: &mut Diagnostics| {
        lookup(&muni_ids, r, unknown, "content/municipalities/", diags)
    };
    let programme: fn(&str) -> Msg = |slug| msg!("ref-unknown-programme", slug = slug.to_string());
    let municipality: fn(&str) -> Msg =
        |slug| msg!("ref-unknown-municipality", slug = slug.to_string());

    // Newest first; checked over all releases, drafts included, so a clash shows before the
    // draft goes out.
    releases.sort_by(|a, b| {
        b.date
            .instant
            .cmp(&a.date.instant)
            .then_with(|| a.slug.cmp(&b.slug))
            .then_with(|| a.source.cmp(&b.source))
    });
    // Each release's references as ids, looked up once, in parallel.
    let refs: Vec<(ReleaseRefs, Diagnostics)> = releases
        .par_iter()
        .map(|r| {
            let mut d = Diagnostics::new();
            let ids = ReleaseRefs {
                programmes: r
                    .programmes
                    .iter()
                    .filter_map(|x| p_lookup(x, programme, &mut d))
                    .collect(),
                municipalities: r
                    .municipalities
                    .iter()
                    .filter_map(|x| m_lookup(x, municipality, &mut d))
                    .collect(),
            };
            (ids, d)
        })
        .collect();
    let mut release_refs = Vec::with_capacity(refs.len());
    for (ids, d) in refs {
        diags.extend(d);
        release_refs.push(ids);
    }
    let programme_parent: Vec<Option<ProgrammeId>> = programmes
        .iter()
        .map(|p| {
            p.parent.as_ref().and_then(|r| {
                let parent = |slug: &str| msg!("ref-unknown-parent", slug = slug.to_string());
                p_lookup(r, parent, diags)
            })
        })
        .collect();
    let mut programme_participants = Vec::with_capacity(programmes.len());
    for p in &programmes {
        programme_participants.push(
            p.participants
                .iter()
                .filter_map(|x| m_lookup(&x.municipality, municipality, diags))
                .collect::<Vec<_>>(),
        );
    }
    let municipality_district: Vec<Option<MunicipalityId>> = municipalities
        .iter()
        .map(|m| {
            m.district.as_ref().and_then(|r| {
                let district = |slug: &str| msg!("ref-unknown-district", slug = slug.to_string());
                m_lookup(r, district, diags)
            })
        })
        .collect();
    let member_lists: Vec<Vec<MunicipalityId>> = municipalities
        .iter()
        .map(|m| {
            m.members
                .iter()
                .filter_map(|r| {
                    let member = |slug: &str| msg!("ref-unknown-member", slug = slug.to_string());
                    m_lookup(r, member, diags)
                })
                .collect()
        })
        .collect();
    check_cycles(
        &programme_parent,
        |i| programmes[i].parent.as_ref(),
        "parent",
        diags,
    );
    check_cycles(
        &municipality_district,
        |i| municipalities[i].district.as_ref(),
        "district",
        diags,
    );
    if diags.error_count() > errors_before {
        return None;
    }

    // Two independent checks over all releases, each on a core.
    let (urls_checked, paths_checked) = rayon::join(
        || {
            let mut d = Diagnostics::new();
            check_release_urls(&releases, &mut d);
            d
        },
        || {
            let mut d = Diagnostics::new();
            let urls = crate::urls::Urls::new(&config);
            check_held_back_paths(&releases, &pages, publish, &urls, &mut d);
            d
        },
    );
    diags.extend(urls_checked);
    diags.extend(paths_checked);
    if diags.error_count() > errors_before {
        return None;
    }
    let next_embargo = releases.iter().filter_map(|r| publish.lifts_at(r)).min();
    let (releases, release_refs): (Vec<Arc<Release>>, Vec<ReleaseRefs>) = releases
        .into_iter()
        .zip(release_refs)
        .filter(|(r, _)| publish.release_is_public(r))
        .unzip();
    publish_pages(&mut pages, publish);

    let (release_programmes, release_municipalities) = release_refs
        .into_iter()
        .map(|r| (r.programmes, r.municipalities))
        .unzip();
    let n_rel = releases.len();
    let mut links = Links {
        release_programmes,
        release_municipalities,
        programme_releases: vec![Vec::new(); programmes.len()],
        programme_children: vec![Vec::new(); programmes.len()],
        municipality_releases: vec![Vec::new(); municipalities.len()],
        municipality_members: vec![Vec::new(); municipalities.len()],
        municipality_associations: vec![Vec::new(); municipalities.len()],
        municipality_programmes: vec![Vec::new(); municipalities.len()],
        ..Links::default()
    };
    for rid in 0..n_rel {
        let id = ReleaseId(rid as u32);
        for p in &links.release_programmes[rid] {
            links.programme_releases[p.index()].push(id);
        }
        for m in &links.release_municipalities[rid] {
            links.municipality_releases[m.index()].push(id);
        }
    }
    for (i, parent) in programme_parent.iter().enumerate() {
        if let Some(p) = parent {
            links.programme_children[p.index()].push(ProgrammeId(i as u32));
        }
    }
    for (i, rows) in programme_participants.iter().enumerate() {
        for (row, m) in rows.iter().enumerate() {
            links.municipality_programmes[m.index()].push(Participation {
                programme: ProgrammeId(i as u32),
                row,
            });
        }
    }
    for (i, d) in municipality_district.iter().enumerate() {
        if let Some(d) = d {
            links.municipality_members[d.index()].push(MunicipalityId(i as u32));
        }
    }
    for (i, members) in member_lists.iter().enumerate() {
        for m in members {
            if !links.municipality_members[i].contains(m) {
                links.municipality_members[i].push(*m);
            }
            links.municipality_associations[m.index()].push(MunicipalityId(i as u32));
        }
    }
    // The roll-ups of the districts and associations, and beside them topics and years.
    let (rollups, ((topics, release_topic), years)) = rayon::join(
        || {
            (0..municipalities.len())
                .into_par_iter()
                .map(|i| rollup(&links, i))
                .collect()
        },
        || rayon::join(|| topics(&releases), || years(&releases)),
    );
    links.municipality_rollup = rollups;
    links.programme_parent = programme_parent;
    links.programme_participants = programme_participants;
    links.municipality_district = municipality_district;
    (links.topics, links.release_topic) = (topics, release_topic);
    links.years = years;
    // Kept from the last build when it resolved the same inputs (see `persist`).
    links.related = match known_related {
        Some(known) if known.len() == releases.len() => known,
        _ => related::related(&releases, &links),
    };

    Some(Resolved {
        site: Site {
            config,
            releases,
            programmes,
            municipalities,
            pages,
            links: Arc::new(links),
            templates,
            static_files,
            now: publish.now,
        },
        next_embargo,
    })
}

/// Sorts programmes and municipalities by name (then slug), as the site lists them.
fn sort_records(programmes: &mut [Programme], municipalities: &mut [Municipality]) {
    programmes.sort_by_cached_key(|p| (sort_key(&p.name), p.slug.clone()));
    municipalities.sort_by_cached_key(|m| (sort_key(&m.name), m.slug.clone()));
}

/// Drops draft pages (unless drafts are shown) and sorts the rest by weight, then title.
fn publish_pages(pages: &mut Vec<Page>, publish: Publish) {
    pages.retain(|p| publish.drafts || !p.draft);
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));
}

/// The records one release refers to.
struct ReleaseRefs {
    programmes: Vec<ProgrammeId>,
    municipalities: Vec<MunicipalityId>,
}

/// Releases of a district's or association's members that do not name it directly.
fn rollup(links: &Links, i: usize) -> Vec<RollUp> {
    let members = &links.municipality_members[i];
    if members.is_empty() {
        return Vec::new();
    }
    let direct = &links.municipality_releases[i];
    let mut out: BTreeMap<ReleaseId, MunicipalityId> = BTreeMap::new();
    for m in members {
        for r in &links.municipality_releases[m.index()] {
            if direct.binary_search(r).is_err() {
                out.entry(*r).or_insert(*m);
            }
        }
    }
    out.into_iter()
        .map(|(release, via)| RollUp { release, via })
        .collect()
}

fn topics(releases: &[Arc<Release>]) -> (Vec<Topic>, Vec<Option<usize>>) {
    let mut by_slug: BTreeMap<&str, (BTreeMap<&str, usize>, Vec<ReleaseId>)> = BTreeMap::new();
    for (i, r) in releases.iter().enumerate() {
        if let (Some(slug), Some(kicker)) = (&r.topic, &r.kicker) {
            let e = by_slug.entry(slug).or_default();
            *e.0.entry(kicker).or_default() += 1;
            e.1.push(ReleaseId(i as u32));
        }
    }
    let index: HashMap<&str, usize> = by_slug.keys().enumerate().map(|(i, s)| (*s, i)).collect();
    let release_topic = releases
        .iter()
        .map(|r| r.topic.as_deref().and_then(|t| index.get(t).copied()))
        .collect();
    let topics = by_slug
        .into_iter()
        .map(|(slug, (spellings, releases))| {
            let name = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(n, _)| (*n).to_string())
                .unwrap_or_default();
            Topic {
                slug: slug.to_string(),
                name,
                releases,
            }
        })
        .collect();
    (topics, release_topic)
}

/// Years with their releases, newest year first (releases keep their newest-first order).
fn years(releases: &[Arc<Release>]) -> Vec<(i16, Vec<ReleaseId>)> {
    let mut by_year: BTreeMap<std::cmp::Reverse<i16>, Vec<ReleaseId>> = BTreeMap::new();
    for (i, r) in releases.iter().enumerate() {
        by_year
            .entry(std::cmp::Reverse(r.date.date.year()))
            .or_default()
            .push(ReleaseId(i as u32));
    }
    by_year.into_iter().map(|(y, list)| (y.0, list)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::record::{load_municipality, load_programme};
    use crate::model::release::load;
    use crate::source::{ReleaseSource, SourceText};
    use std::sync::Arc;

    /// A source file `rel` with text `t` (also used by the related-release tests).
    pub(super) fn text(rel: &str, t: &str) -> SourceText {
        SourceText {
            rel: rel.into(),
            text: Arc::from(t),
        }
    }

    /// The release file `name` with the front matter `front`, loaded without problems.
    pub(super) fn release(name: &str, front: &str) -> Arc<Release> {
        let src = ReleaseSource {
            file: text(
                &format!("content/releases/{name}.md"),
                &format!("+++\n{front}\n+++\nText.\n"),
            ),
            bundle_name: None,
            assets: Vec::new(),
        };
        let mut d = Diagnostics::new();
        let r = load(&src, &BTreeMap::new(), "/", None, &mut d);
        assert!(d.is_empty(), "{:?}", d.into_sorted());
        Arc::new(r.unwrap())
    }

    fn municipality(slug: &str, body: &str) -> Municipality {
        let mut d = Diagnostics::new();
        load_municipality(
            &text(&format!("content/municipalities/{slug}.toml"), body),
            "/",
            &mut d,
        )
        .unwrap()
    }

    fn programme(slug: &str, body: &str) -> Programme {
        let mut d = Diagnostics::new();
        load_programme(
            &text(&format!("content/programmes/{slug}.toml"), body),
            "/",
            &mut d,
        )
        .unwrap()
    }

    fn config() -> Config {
        Config::parse(
            &Arc::from("title = \"T\"\nbase_url = \"https://e.org\"\n"),
            None,
        )
        .unwrap()
    }

    fn now(s: &str) -> Publish {
        Publish {
            now: s.parse().unwrap(),
            drafts: false,
        }
    }

    #[test]
    fn embargo_boundary_and_drafts() {
        let r = release(
            "a",
            "title = \"A\"\ndate = 2030-06-01\nembargo = 2030-06-01T10:00:00+02:00",
        );
        let d = release("b", "title = \"B\"\ndate = 2020-01-01\ndraft = true");
        assert!(!now("2030-06-01T07:59:59Z").release_is_public(&r));
        assert!(now("2030-06-01T08:00:00Z").release_is_public(&r));
        assert_eq!(
            now("2030-06-01T07:59:59Z").lifts_at(&r),
            Some("2030-06-01T08:00:00Z".parse().unwrap())
        );
        assert!(!now("2030-01-01T00:00:00Z").release_is_public(&d));
        assert!(Publish {
            drafts: true,
            ..now("2030-01-01T00:00:00Z")
        }
        .release_is_public(&d));
        assert_eq!(now("2030-01-01T00:00:00Z").lifts_at(&d), None);
    }

    #[test]
    fn roll_up_lists_member_releases_not_named_directly() {
        let loaded = Loaded {
            releases: vec![
                release(
                    "town",
                    "title = \"T\"\ndate = 2020-01-02\nmunicipalities = [\"town\"]",
                ),
                release(
                    "both",
                    "title = \"B\"\ndate = 2020-01-01\nmunicipalities = [\"town\", \"kreis\"]",
                ),
            ],
            municipalities: vec![
                municipality("kreis", "name = \"Landkreis K\"\nkind = \"Landkreis\""),
                municipality("town", "name = \"Town\"\ndistrict = \"kreis\""),
            ],
            ..Loaded::default()
        };
        let mut d = Diagnostics::new();
        let site = resolve_all(config(), loaded, now("2026-01-01T00:00:00Z"), &mut d, None)
            .unwrap()
            .site;
        let kreis = site
            .municipalities
            .iter()
            .position(|m| m.slug == "kreis")
            .unwrap();
        let town = site
            .municipalities
            .iter()
            .position(|m| m.slug == "town")
            .unwrap();
        let l = &site.links;
        assert_eq!(
            l.municipality_members[kreis],
            vec![MunicipalityId(town as u32)]
        );
        assert_eq!(l.municipality_releases[kreis].len(), 1);
        let rollup = &l.municipality_rollup[kreis];
        assert_eq!(rollup.len(), 1);
        assert_eq!(site.release(rollup[0].release).slug, "town");
        assert_eq!(rollup[0].via, MunicipalityId(town as u32));
    }

    #[test]
    fn unknown_slugs_and_cycles_are_errors() {
        let loaded = Loaded {
            releases: vec![release(
                "r",
                "title = \"R\"\ndate = 2020-01-01\nprogrammes = [\"pakt-integration\"]",
            )],
            programmes: vec![
                programme(
                    "pakt-fuer-integration",
                    "name = \"Pakt\"\nparent = \"modul\"",
                ),
                programme(
                    "modul",
                    "name = \"Modul\"\nparent = \"pakt-fuer-integration\"",
                ),
            ],
            ..Loaded::default()
        };
        let mut d = Diagnostics::new();
        assert!(resolve_all(config(), loaded, now("2026-01-01T00:00:00Z"), &mut d, None).is_none());
        let all: Vec<String> = d.into_sorted().iter().map(|x| format!("{x}")).collect();
        assert!(
            all.iter()
                .any(|m| m.contains("unknown programme \"pakt-integration\"")
                    && m.contains("did you mean \"pakt-fuer-integration\"")),
            "{all:#?}"
        );
        assert_eq!(
            all.iter()
                .filter(|m| m.contains("leads in a circle"))
                .count(),
            2,
            "{all:#?}"
        );
    }
}
