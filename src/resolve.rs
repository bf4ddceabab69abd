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

use crate::config::Config;
use crate::diag::{closest, Diagnostic, Diagnostics};
use crate::model::page::Page;
use crate::model::record::{Municipality, Programme};
use crate::model::release::Release;
use crate::model::Reference;
use crate::site::{
    Links, MunicipalityId, Participation, ProgrammeId, ReleaseId, RollUp, Site, Topic,
};
use crate::slug::sort_key;
use crate::source::{Asset, SourceText};

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

/// Checks all references and builds the [`Site`].
pub fn resolve(
    config: Config,
    loaded: Loaded,
    publish: Publish,
    diags: &mut Diagnostics,
) -> Option<Resolved> {
    let Loaded {
        mut releases,
        mut programmes,
        mut municipalities,
        mut pages,
        templates,
        static_files,
    } = loaded;
    programmes.sort_by_cached_key(|p| (sort_key(&p.name), p.slug.clone()));
    municipalities.sort_by_cached_key(|m| (sort_key(&m.name), m.slug.clone()));
    let prog_ids: HashMap<&str, ProgrammeId> = programmes
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), ProgrammeId(i as u32)))
        .collect();
    let muni_ids: HashMap<&str, MunicipalityId> = municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| (m.slug.as_str(), MunicipalityId(i as u32)))
        .collect();
    let errors_before = diags.error_count();

    let p_lookup = |r: &Reference, what: &str, diags: &mut Diagnostics| {
        lookup(&prog_ids, r, what, "content/programmes/", diags)
    };
    let m_lookup = |r: &Reference, what: &str, diags: &mut Diagnostics| {
        lookup(&muni_ids, r, what, "content/municipalities/", diags)
    };

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
                    .filter_map(|x| p_lookup(x, "programme", &mut d))
                    .collect(),
                municipalities: r
                    .municipalities
                    .iter()
                    .filter_map(|x| m_lookup(x, "municipality", &mut d))
                    .collect(),
            };
            check_duplicates(&r.programmes, "programmes", &mut d);
            check_duplicates(&r.municipalities, "municipalities", &mut d);
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
            p.parent
                .as_ref()
                .and_then(|r| p_lookup(r, "parent programme", diags))
        })
        .collect();
    let mut programme_participants = Vec::with_capacity(programmes.len());
    for p in &programmes {
        programme_participants.push(
            p.participants
                .iter()
                .filter_map(|x| m_lookup(&x.municipality, "municipality", diags))
                .collect::<Vec<_>>(),
        );
    }
    let municipality_district: Vec<Option<MunicipalityId>> = municipalities
        .iter()
        .map(|m| {
            m.district
                .as_ref()
                .and_then(|r| m_lookup(r, "district", diags))
        })
        .collect();
    let member_lists: Vec<Vec<MunicipalityId>> = municipalities
        .iter()
        .map(|m| {
            m.members
                .iter()
                .filter_map(|r| m_lookup(r, "member municipality", diags))
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

    check_release_urls(&releases, diags);
    check_held_back_paths(
        &releases,
        &pages,
        publish,
        &crate::urls::Urls::new(&config),
        diags,
    );
    if diags.error_count() > errors_before {
        return None;
    }
    let next_embargo = releases.iter().filter_map(|r| publish.lifts_at(r)).min();
    let (releases, release_refs): (Vec<Arc<Release>>, Vec<ReleaseRefs>) = releases
        .into_iter()
        .zip(release_refs)
        .filter(|(r, _)| publish.release_is_public(r))
        .unzip();
    pages.retain(|p| publish.drafts || !p.draft);
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));

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
    links.municipality_rollup = (0..municipalities.len())
        .map(|i| rollup(&links, i))
        .collect();
    links.programme_parent = programme_parent;
    links.programme_participants = programme_participants;
    links.municipality_district = municipality_district;
    (links.topics, links.release_topic) = topics(&releases);
    links.years = years(&releases);

    Some(Resolved {
        site: Site {
            config,
            releases,
            programmes,
            municipalities,
            pages,
            links,
            templates,
            static_files,
        },
        next_embargo,
    })
}

/// The records one release refers to.
struct ReleaseRefs {
    programmes: Vec<ProgrammeId>,
    municipalities: Vec<MunicipalityId>,
}

fn lookup<Id: Copy>(
    ids: &HashMap<&str, Id>,
    r: &Reference,
    what: &str,
    folder: &str,
    diags: &mut Diagnostics,
) -> Option<Id> {
    if let Some(id) = ids.get(r.slug.as_str()) {
        return Some(*id);
    }
    let near = closest(&r.slug, ids.keys().copied(), 3);
    let help = if near.is_empty() {
        format!(
            "create {folder}{}.toml, or fix the slug (it is the record's file name without .toml)",
            r.slug
        )
    } else {
        format!(
            "did you mean {}? (or create {folder}{}.toml)",
            near.iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", "),
            r.slug
        )
    };
    diags.push(
        Diagnostic::error(
            Some(r.location.clone()),
            format!("unknown {what} \"{}\"", r.slug),
        )
        .with_help(help),
    );
    None
}

fn check_duplicates(list: &[Reference], key: &str, diags: &mut Diagnostics) {
    for (i, r) in list.iter().enumerate() {
        if list[..i].iter().any(|x| x.slug == r.slug) {
            diags.push(
                Diagnostic::warning(
                    Some(r.location.clone()),
                    format!("\"{}\" is listed twice in {key}", r.slug),
                )
                .with_help("remove the second entry"),
            );
        }
    }
}

/// Reports every record that is part of a cycle of `parent`/`district` links.
fn check_cycles<'a, Id: Copy + Eq + Into<usize>>(
    next: &[Option<Id>],
    reference: impl Fn(usize) -> Option<&'a Reference>,
    key: &str,
    diags: &mut Diagnostics,
) {
    for start in 0..next.len() {
        let mut seen = vec![start];
        let mut cur = next[start];
        while let Some(id) = cur {
            let i: usize = id.into();
            if i == start {
                if let Some(r) = reference(start) {
                    let chain: Vec<String> = seen
                        .iter()
                        .filter_map(|&j| reference(j).map(|r| r.slug.clone()))
                        .collect();
                    diags.push(Diagnostic::error(Some(r.location.clone()), format!("{key} \"{}\" leads in a circle ({})", r.slug, chain.join(" → ")))
                        .with_help(format!("a record cannot be its own {key}, directly or through others: remove or change one {key} link")));
                }
                break;
            }
            if seen.contains(&i) {
                break; // a cycle further up, reported for its own members
            }
            seen.push(i);
            cur = next[i];
        }
    }
}

impl From<ProgrammeId> for usize {
    fn from(id: ProgrammeId) -> usize {
        id.index()
    }
}

impl From<MunicipalityId> for usize {
    fn from(id: MunicipalityId) -> usize {
        id.index()
    }
}

/// Two releases at the same URL (same year and slug) are an error.
fn check_release_urls(releases: &[Arc<Release>], diags: &mut Diagnostics) {
    let mut seen: HashMap<(i16, &str), &Release> = HashMap::with_capacity(releases.len());
    let mut clashes: BTreeMap<(i16, &str), Vec<&Release>> = BTreeMap::new();
    for r in releases {
        let key = (r.date.date.year(), r.slug.as_str());
        if let Some(first) = seen.insert(key, r) {
            clashes.entry(key).or_insert_with(|| vec![first]).push(r);
        }
    }
    // Each clashing release is reported against the one before it in file-name order.
    for (_, mut group) in clashes {
        group.sort_by(|a, b| a.source.cmp(&b.source));
        for pair in group.windows(2) {
            let (first, r) = (pair[0], pair[1]);
            diags.push(Diagnostic::error(Some(r.slug_at.clone().unwrap_or_else(|| crate::diag::Location::file(r.source.as_str()))), format!("the slug \"{}\" of {} is already used in {} by {}", r.slug, r.source, r.date.date.year(), first.source))
                .with_help("two releases of one year need different slugs: rename one file or set slug = \"…\""));
        }
    }
}

/// Aliases and pages must not land on another release's, page's or alias's file. Clashes that
/// involve a held-back release or draft page are reported here, so they show now rather than in
/// the rebuild that runs when the embargo lifts; clashes between published files are found
/// when the output is assembled, together with clashes with lists and static files.
fn check_held_back_paths(
    releases: &[Arc<Release>],
    pages: &[Page],
    publish: Publish,
    urls: &crate::urls::Urls,
    diags: &mut Diagnostics,
) {
    use crate::diag::Location;
    let page_public = |p: &Page| publish.drafts || !p.draft;
    // The few files pages and aliases claim, in order: (file, origin, public, where).
    let mut claims: Vec<(String, String, bool, Option<&Location>)> = pages
        .iter()
        .map(|p| {
            (
                urls.page(&p.slug).file,
                p.source.clone(),
                page_public(p),
                None,
            )
        })
        .collect();
    let release_aliases = releases
        .iter()
        .map(|r| (&r.source, &r.aliases, publish.release_is_public(r)));
    let page_aliases = pages
        .iter()
        .map(|p| (&p.source, &p.aliases, page_public(p)));
    for (source, aliases, public) in release_aliases.chain(page_aliases) {
        for a in aliases {
            let file = urls.alias(&a.slug).file;
            claims.push((
                file,
                format!("alias in {source}"),
                public,
                Some(&a.location),
            ));
        }
    }
    let claimed: std::collections::HashSet<&str> = claims.iter().map(|c| c.0.as_str()).collect();
    let mut owner: HashMap<String, (String, bool)> = HashMap::new();
    for r in releases {
        let file = urls.release(r.date.date.year(), &r.slug).file;
        if claimed.contains(file.as_str()) {
            owner
                .entry(file)
                .or_insert_with(|| (r.source.clone(), publish.release_is_public(r)));
        }
    }
    for (file, origin, public, location) in claims {
        match owner.get(&file) {
            Some((first, first_public)) => {
                if !(public && *first_public) {
                    diags.push(
                        Diagnostic::error(location.cloned(), format!("two files for the output path {file}: from {first} and from {origin}"))
                            .with_help("rename one of them (a page slug or an alias) so each URL is made once; drafts and embargoed releases count too"),
                    );
                }
            }
            None => {
                owner.insert(file, (origin, public));
            }
        }
    }
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

    fn text(rel: &str, t: &str) -> SourceText {
        SourceText {
            rel: rel.into(),
            text: Arc::from(t),
        }
    }

    fn release(name: &str, front: &str) -> Arc<Release> {
        let src = ReleaseSource {
            file: text(
                &format!("content/releases/{name}.md"),
                &format!("+++\n{front}\n+++\nText.\n"),
            ),
            bundle_name: None,
            assets: Vec::new(),
        };
        let mut d = Diagnostics::new();
        let r = load(&src, &BTreeMap::new(), "/", &mut d);
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
        let site = resolve(config(), loaded, now("2026-01-01T00:00:00Z"), &mut d)
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
        assert!(resolve(config(), loaded, now("2026-01-01T00:00:00Z"), &mut d).is_none());
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
