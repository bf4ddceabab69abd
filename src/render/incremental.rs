//! Incremental rendering: each page's and feed's inputs are fingerprinted, so a rebuild (the
//! preview server's, after one saved file) renders only what changed and keeps the previous
//! bytes of everything else.
//!
//! A fingerprint hashes everything a page's view reads: the versions (hashes of the source
//! files) of the releases and records it shows, their ids and order, pagination numbers, and
//! the site-wide inputs (configuration, templates, footer pages, herold's own version). It is
//! cheap — no view is built, no template run — and errs on the side of re-rendering.

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3;

use super::{feeds, Job, Renderer};
use crate::site::{MunicipalityId, ProgrammeId, ReleaseId, Site};
use crate::urls::Target;

/// Fingerprints of a build's pages and feeds, by output file.
pub type Fingerprints = HashMap<String, u64>;

/// Changes whenever herold itself changes what it writes.
const CODE_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/1");

/// Identifies this herold program: its version and its executable's size and modification
/// time. Fingerprints are stored in the output folder's manifest and compared by the next
/// build, which may be run by another herold: pages of another program are rendered anew.
fn program_identity() -> u64 {
    static IDENTITY: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *IDENTITY.get_or_init(|| {
        let mut h = Xxh3::new();
        h.update(CODE_VERSION.as_bytes());
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        match exe {
            Ok(meta) => {
                h.update(&meta.len().to_le_bytes());
                let mtime = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                h.update(&mtime.to_le_bytes());
            }
            // Unknown program: never match a stored fingerprint.
            Err(_) => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                h.update(&now.to_le_bytes());
            }
        }
        h.digest()
    })
}

/// A running hash of a page's inputs.
struct Fp(Xxh3);

impl Fp {
    fn new(global: u64, kind: &str) -> Self {
        let mut h = Xxh3::new();
        h.update(&global.to_le_bytes());
        h.update(kind.as_bytes());
        Fp(h)
    }

    fn n(&mut self, x: u64) -> &mut Self {
        self.0.update(&x.to_le_bytes());
        self
    }

    fn s(&mut self, x: &str) -> &mut Self {
        self.n(x.len() as u64);
        self.0.update(x.as_bytes());
        self
    }

    fn release(&mut self, site: &Site, id: ReleaseId) -> &mut Self {
        self.n(u64::from(id.0)).n(site.release(id).version)
    }

    fn releases(&mut self, site: &Site, ids: &[ReleaseId]) -> &mut Self {
        self.n(ids.len() as u64);
        for id in ids {
            self.release(site, *id);
        }
        self
    }

    fn programme(&mut self, site: &Site, id: ProgrammeId) -> &mut Self {
        self.n(u64::from(id.0)).n(site.programme(id).version)
    }

    fn municipality(&mut self, site: &Site, id: MunicipalityId) -> &mut Self {
        self.n(u64::from(id.0)).n(site.municipality(id).version)
    }

    fn programmes(&mut self, site: &Site, ids: &[ProgrammeId]) -> &mut Self {
        self.n(ids.len() as u64);
        for id in ids {
            self.programme(site, *id);
        }
        self
    }

    fn municipalities(&mut self, site: &Site, ids: &[MunicipalityId]) -> &mut Self {
        self.n(ids.len() as u64);
        for id in ids {
            self.municipality(site, *id);
        }
        self
    }

    fn done(&self) -> u64 {
        self.0.digest()
    }
}

/// The site-wide inputs every page depends on.
pub(super) fn global(site: &Site) -> u64 {
    let mut h = Xxh3::new();
    h.update(&program_identity().to_le_bytes());
    h.update(format!("{:?}", site.config).as_bytes());
    for (name, t) in &site.templates {
        h.update(name.as_bytes());
        h.update(t.text.as_bytes());
    }
    for p in &site.pages {
        h.update(p.slug.as_bytes());
        h.update(p.title.as_bytes());
    }
    h.update(&(site.releases.len() as u64).to_le_bytes());
    h.digest()
}

impl Renderer<'_> {
    /// The fingerprint of a page's inputs.
    pub(super) fn fingerprint(&self, job: Job, global: u64) -> u64 {
        let s = self.site;
        let l = &s.links;
        let per = s.config.per_page;
        let page_of = |ids: &[ReleaseId], n: usize| -> Vec<ReleaseId> {
            ids.iter().skip((n - 1) * per).take(per).copied().collect()
        };
        let years = |fp: &mut Fp| {
            for (y, list) in &l.years {
                fp.n(*y as u64).n(list.len() as u64);
            }
        };
        // The indexes show every record (or topic) with its number of releases.
        let all_programmes = |fp: &mut Fp| {
            for (i, p) in s.programmes.iter().enumerate() {
                fp.n(p.version).n(l.programme_releases[i].len() as u64);
            }
        };
        let all_municipalities = |fp: &mut Fp| {
            for (i, m) in s.municipalities.iter().enumerate() {
                fp.n(m.version).n(l.municipality_releases[i].len() as u64);
            }
        };
        let all_topics = |fp: &mut Fp| {
            for t in &l.topics {
                fp.s(&t.slug).s(&t.name).n(t.releases.len() as u64);
            }
        };
        match job {
            Job::Home => {
                let mut fp = Fp::new(global, "home");
                let latest: Vec<ReleaseId> = (0..s.releases.len().min(super::HOME_RELEASES))
                    .map(|i| ReleaseId(i as u32))
                    .collect();
                fp.releases(s, &latest);
                all_programmes(&mut fp);
                all_municipalities(&mut fp);
                all_topics(&mut fp);
                fp.done()
            }
            Job::TopicIndex => {
                let mut fp = Fp::new(global, "topics");
                all_topics(&mut fp);
                fp.done()
            }
            Job::ProgrammeIndex => {
                let mut fp = Fp::new(global, "programmes");
                all_programmes(&mut fp);
                fp.done()
            }
            Job::MunicipalityIndex => {
                let mut fp = Fp::new(global, "municipalities");
                all_municipalities(&mut fp);
                fp.done()
            }
            Job::NotFound => Fp::new(global, "404").done(),
            Job::Release(id) => {
                let mut fp = Fp::new(global, "release");
                fp.release(s, id);
                fp.programmes(s, &l.release_programmes[id.index()])
                    .municipalities(s, &l.release_municipalities[id.index()])
                    .done()
            }
            Job::Archive(n) => {
                let shown: Vec<ReleaseId> = ((n - 1) * per..(n * per).min(s.releases.len()))
                    .map(|i| ReleaseId(i as u32))
                    .collect();
                let mut fp = Fp::new(global, "archive");
                fp.n(n as u64).releases(s, &shown);
                years(&mut fp);
                fp.done()
            }
            Job::Year(i, n) => {
                let (year, ids) = &l.years[i];
                let mut fp = Fp::new(global, "year");
                fp.n(*year as u64)
                    .n(n as u64)
                    .n(ids.len() as u64)
                    .releases(s, &page_of(ids, n));
                years(&mut fp);
                fp.done()
            }
            Job::Topic(i, n) => {
                let t = &l.topics[i];
                let mut fp = Fp::new(global, "topic");
                fp.s(&t.slug)
                    .s(&t.name)
                    .n(n as u64)
                    .n(t.releases.len() as u64)
                    .releases(s, &page_of(&t.releases, n));
                years(&mut fp);
                fp.done()
            }
            Job::Programme(id) => {
                let i = id.index();
                let mut fp = Fp::new(global, "programme");
                fp.programme(s, id);
                fp.programmes(s, l.programme_parent[i].as_slice())
                    .programmes(s, &l.programme_children[i])
                    .municipalities(s, &l.programme_participants[i])
                    .releases(s, &l.programme_releases[i])
                    .done()
            }
            Job::Municipality(id) => {
                let i = id.index();
                let mut fp = Fp::new(global, "municipality");
                fp.municipality(s, id);
                fp.municipalities(s, l.municipality_district[i].as_slice())
                    .municipalities(s, &l.municipality_members[i])
                    .municipalities(s, &l.municipality_associations[i]);
                for p in &l.municipality_programmes[i] {
                    fp.programme(s, p.programme).n(p.row as u64);
                }
                fp.releases(s, &l.municipality_releases[i]);
                for r in &l.municipality_rollup[i] {
                    fp.release(s, r.release).municipality(s, r.via);
                }
                fp.done()
            }
            Job::Page(i) => Fp::new(global, "page").n(s.pages[i].version).done(),
        }
    }

    /// The fingerprint of the sitemap listing `pages`: their paths and the releases' dates.
    pub(super) fn sitemap_fingerprint(&self, global: u64, pages: &[Target]) -> u64 {
        let mut fp = Fp::new(global, "sitemap");
        fp.n(pages.len() as u64);
        for p in pages {
            fp.s(&p.path);
        }
        for r in &self.site.releases {
            fp.s(&r.updated.unwrap_or(r.date).date.to_string());
        }
        fp.done()
    }

    /// The fingerprint of a feed showing `ids` about the record with `version`.
    pub(super) fn feed_fingerprint(
        &self,
        global: u64,
        target: &Target,
        version: u64,
        ids: &[ReleaseId],
    ) -> u64 {
        let shown: Vec<ReleaseId> = ids.iter().take(feeds::FEED_ENTRIES).copied().collect();
        let mut fp = Fp::new(global, "feed");
        fp.s(&target.file).n(version).releases(self.site, &shown);
        fp.done()
    }
}
