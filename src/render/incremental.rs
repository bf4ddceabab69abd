//! Incremental rendering: each page's and feed's inputs are fingerprinted, so a rebuild (the
//! preview server's, after one saved file) renders only what changed and keeps the previous
//! bytes of everything else.
//!
//! A fingerprint hashes everything a page's view reads: the versions (hashes of the source
//! files) of the releases and records it shows, their ids and order, pagination numbers, and
//! the site-wide inputs (configuration, templates, footer pages, herold's own version). It is
//! cheap — no view is built, no template run — and errs on the side of re-rendering.

use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

use xxhash_rust::xxh3::Xxh3;

use super::views::Record;
use super::{feeds, FeedOf, Job, Renderer};
use crate::site::{MunicipalityId, ProgrammeId, ReleaseId, Site};
use crate::urls::Target;

/// Fingerprints of a build's pages and feeds, by output file.
///
/// A render also remembers its pages in the order of its jobs, with where each went: the next
/// render of a site with the same layout (see `layout` in this module; the preview's rebuild
/// after a text edit) then neither places its pages again nor looks their fingerprints up by
/// file name.
#[derive(Debug, Default)]
pub struct Fingerprints {
    /// Feeds and the sitemap; and pages when there is no `pages` (read from a manifest).
    files: FxHashMap<String, u64>,
    /// The pages of the render that made these fingerprints.
    pages: Option<Pages>,
    /// `files` and `pages` together, by file: made when first asked for a page by name.
    index: OnceLock<FxHashMap<String, u64>>,
    /// The open-data entries of the render that made these fingerprints.
    data: Option<Arc<super::opendata::Fragments>>,
}

/// A render's pages, in the order of its jobs.
#[derive(Debug)]
pub(super) struct Pages {
    /// What the places depend on (see [`layout`]).
    pub(super) layout: u64,
    /// Where each page went, and what made it: shared by the renders of one layout.
    pub(super) places: Arc<[(Target, String)]>,
    /// Each page's fingerprint.
    pub(super) fps: Vec<u64>,
}

impl Fingerprints {
    /// No fingerprints: everything is rendered.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fingerprints by output file (from an output folder's manifest).
    pub fn from_files(files: FxHashMap<String, u64>) -> Self {
        Fingerprints {
            files,
            ..Self::default()
        }
    }

    /// The fingerprint of the file at `path`, if it has one.
    pub fn get(&self, path: &str) -> Option<u64> {
        // Feeds and the sitemap are found without making the index of all pages.
        if let Some(fp) = self.files.get(path) {
            return Some(*fp);
        }
        self.pages.as_ref()?;
        self.index
            .get_or_init(|| self.to_files())
            .get(path)
            .copied()
    }

    /// Every file's fingerprint.
    pub fn to_files(&self) -> FxHashMap<String, u64> {
        let mut all = self.files.clone();
        if let Some(pages) = &self.pages {
            all.extend(
                pages
                    .places
                    .iter()
                    .map(|p| p.0.file.clone())
                    .zip(pages.fps.iter().copied()),
            );
        }
        all
    }

    /// Takes over the fingerprints of the files (not pages) of `other`.
    pub(super) fn absorb(&mut self, other: Fingerprints) {
        self.index = OnceLock::new();
        self.files.extend(other.files);
    }

    /// Records the fingerprint of a file that is not one of the pages.
    pub(super) fn insert(&mut self, path: String, fp: u64) {
        self.index = OnceLock::new();
        self.files.insert(path, fp);
    }

    /// Records the rendered pages.
    pub(super) fn set_pages(&mut self, pages: Pages) {
        self.index = OnceLock::new();
        self.pages = Some(pages);
    }

    /// The open-data entries of the render that made these fingerprints.
    pub(super) fn data(&self) -> Option<&super::opendata::Fragments> {
        self.data.as_deref()
    }

    /// The same, shared.
    pub(super) fn data_shared(&self) -> Option<Arc<super::opendata::Fragments>> {
        self.data.clone()
    }

    /// Records the open-data entries of this render.
    pub(super) fn set_data(&mut self, data: Option<Arc<super::opendata::Fragments>>) {
        self.data = data;
    }

    /// The pages of the previous render, if it had the same `layout` and as many pages.
    pub(super) fn pages_of(&self, layout: u64, jobs: usize) -> Option<&Pages> {
        self.pages
            .as_ref()
            .filter(|p| p.layout == layout && p.places.len() == jobs && p.fps.len() == jobs)
    }
}

/// What decides the pages a site has and where each goes: the site-wide inputs (`global`, which
/// holds the configuration), and every release's, record's, page's, year's and topic's
/// identity and place, and how many pages each record's releases fill. A text edit leaves it unchanged; a new release, a changed date or slug
/// change it.
pub(super) fn layout(site: &Site, global: u64) -> u64 {
    let mut fp = Fp::new(global, "layout");
    fp.n(site.releases.len() as u64);
    for r in &site.releases {
        // An event gives the release a calendar file (a job of its own).
        fp.n(r.date.date.year() as u64)
            .s(&r.slug)
            .s(&r.source)
            .n(u64::from(r.event.is_some()));
    }
    for (year, list) in &site.links.years {
        fp.n(*year as u64).n(list.len() as u64);
    }
    fp.n(site.links.topics.len() as u64);
    for t in &site.links.topics {
        fp.s(&t.slug).n(t.releases.len() as u64);
    }
    // A record has a page per `per_page` releases of its list.
    fp.n(site.programmes.len() as u64);
    for (i, p) in site.programmes.iter().enumerate() {
        let pages = Record::Programme(ProgrammeId(i as u32)).pages(site);
        fp.s(&p.slug).s(&p.source).n(pages as u64);
    }
    fp.n(site.municipalities.len() as u64);
    for (i, m) in site.municipalities.iter().enumerate() {
        let pages = Record::Municipality(MunicipalityId(i as u32)).pages(site);
        fp.s(&m.slug).s(&m.source).n(pages as u64);
    }
    fp.n(site.pages.len() as u64);
    for p in &site.pages {
        fp.s(&p.slug).s(&p.source);
    }
    fp.done()
}

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

/// A page's inputs, gathered as bytes and hashed at the end: one-shot hashing of a short
/// buffer is several times cheaper than a streaming hasher, and this runs for every page of
/// every rebuild.
struct Fp(Vec<u8>);

impl Fp {
    fn new(global: u64, kind: &str) -> Self {
        let mut buf = Vec::with_capacity(256);
        buf.extend_from_slice(&global.to_le_bytes());
        buf.extend_from_slice(kind.as_bytes());
        Fp(buf)
    }

    fn n(&mut self, x: u64) -> &mut Self {
        self.0.extend_from_slice(&x.to_le_bytes());
        self
    }

    fn s(&mut self, x: &str) -> &mut Self {
        self.n(x.len() as u64);
        self.0.extend_from_slice(x.as_bytes());
        self
    }

    /// A release by its version alone: versions differ between files (they hash the path), so
    /// a list of versions also tells the order; and a release page does not change when a
    /// release elsewhere moves all the ids behind it (a new release, a moved date).
    fn release(&mut self, site: &Site, id: ReleaseId) -> &mut Self {
        self.n(site.release(id).version)
    }

    fn releases(&mut self, site: &Site, ids: &[ReleaseId]) -> &mut Self {
        self.n(ids.len() as u64);
        for id in ids {
            self.release(site, *id);
        }
        self
    }

    /// Page `n` of a record's releases: how many there are in all (the count line and the
    /// page navigation show it), and the releases of the page with the members they are
    /// listed for.
    fn listing(&mut self, site: &Site, record: Record, n: usize) -> &mut Self {
        let shown = record.listing(site, n);
        self.n(n as u64)
            .n(record.listed(site) as u64)
            .n(shown.len() as u64);
        for (id, via) in shown {
            self.release(site, id);
            if let Some(m) = via {
                self.municipality(site, m);
            }
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
        xxhash_rust::xxh3::xxh3_64(&self.0)
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
        h.update(format!("{:?}", p.role).as_bytes());
    }
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
                fp.n(s.releases.len() as u64);
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
            Job::Search => Fp::new(global, "search").done(),
            Job::Release(id) => {
                let mut fp = Fp::new(global, "release");
                fp.release(s, id);
                fp.programmes(s, &l.release_programmes[id.index()])
                    .municipalities(s, &l.release_municipalities[id.index()])
                    .releases(s, &l.related[id.index()])
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
            Job::Programme(id, n) if n > 1 => {
                self.record_page_fingerprint(global, Record::Programme(id), n)
            }
            Job::Programme(id, _) => {
                let i = id.index();
                let mut fp = Fp::new(global, "programme");
                fp.programme(s, id);
                fp.programmes(s, l.programme_parent[i].as_slice())
                    .programmes(s, &l.programme_children[i])
                    .municipalities(s, &l.programme_participants[i]);
                fp.listing(s, Record::Programme(id), 1).done()
            }
            Job::Municipality(id, n) if n > 1 => {
                self.record_page_fingerprint(global, Record::Municipality(id), n)
            }
            Job::Municipality(id, _) => {
                let i = id.index();
                let mut fp = Fp::new(global, "municipality");
                fp.municipality(s, id);
                fp.municipalities(s, l.municipality_district[i].as_slice())
                    .municipalities(s, &l.municipality_members[i])
                    .municipalities(s, &l.municipality_associations[i]);
                for p in &l.municipality_programmes[i] {
                    fp.programme(s, p.programme).n(p.row as u64);
                }
                fp.listing(s, Record::Municipality(id), 1).done()
            }
            Job::Page(i) => Fp::new(global, "page").n(s.pages[i].version).done(),
            Job::Feed(of) => self.feed_fingerprint(global, of),
            // The events page and calendar show the releases with events, in the order of
            // the upcoming/past split at `now`: when an event passes, both change.
            Job::Calendar | Job::CalendarIcs => {
                let mut fp = Fp::new(
                    global,
                    if matches!(job, Job::Calendar) {
                        "calendar"
                    } else {
                        "calendar.ics"
                    },
                );
                fp.releases(s, &self.events.upcoming)
                    .releases(s, &self.events.past)
                    .done()
            }
            Job::ReleaseIcs(id) => Fp::new(global, "release.ics").release(s, id).done(),
            Job::DataPage => {
                let mut fp = Fp::new(global, "data");
                fp.n(s.releases.len() as u64)
                    .n(s.programmes.len() as u64)
                    .n(s.municipalities.len() as u64)
                    .done()
            }
            Job::Data(set) => self.data_fingerprint(global, set),
        }
    }

    /// The fingerprint of page `n` (2..N) of a record's releases: the record (its name heads
    /// the page) and that page's part of the list.
    fn record_page_fingerprint(&self, global: u64, record: Record, n: usize) -> u64 {
        let s = self.site;
        let mut fp = Fp::new(global, "record page");
        match record {
            Record::Programme(id) => fp.s("programme").programme(s, id),
            Record::Municipality(id) => fp.s("municipality").municipality(s, id),
        };
        fp.listing(s, record, n).done()
    }

    /// The fingerprint of an open-data file: the versions of everything it lists and of the
    /// records it names.
    fn data_fingerprint(&self, global: u64, set: super::opendata::DataSet) -> u64 {
        use super::opendata::DataSet;
        let s = self.site;
        let mut fp = Fp::new(global, set.file());
        let municipalities = |fp: &mut Fp| {
            fp.n(s.municipalities.len() as u64);
            for m in &s.municipalities {
                fp.n(m.version);
            }
        };
        let programmes = |fp: &mut Fp| {
            fp.n(s.programmes.len() as u64);
            for p in &s.programmes {
                fp.n(p.version);
            }
        };
        match set {
            DataSet::Releases => {
                fp.releases(s, &self.all);
                programmes(&mut fp);
                municipalities(&mut fp);
            }
            DataSet::Programmes => {
                programmes(&mut fp);
                municipalities(&mut fp);
            }
            DataSet::Municipalities => municipalities(&mut fp),
        }
        fp.done()
    }

    /// The fingerprint of the sitemap: the pages it lists (their [`layout`]) and the
    /// releases' dates.
    pub(super) fn sitemap_fingerprint(&self, global: u64, layout: u64) -> u64 {
        let mut fp = Fp::new(global, "sitemap");
        fp.n(layout);
        for r in &self.site.releases {
            let d = r.modified().date;
            fp.n(d.year() as u64).n(d.month() as u64).n(d.day() as u64);
        }
        fp.done()
    }

    /// The fingerprint of a feed: its record and the releases it shows.
    fn feed_fingerprint(&self, global: u64, of: FeedOf) -> u64 {
        let s = self.site;
        let mut fp = Fp::new(global, "feed");
        let ids = match of {
            FeedOf::Site => &self.all[..],
            FeedOf::Programme(id) => {
                fp.s("programme").programme(s, id);
                &s.links.programme_releases[id.index()][..]
            }
            FeedOf::Municipality(id) => {
                fp.s("municipality").municipality(s, id);
                &s.links.municipality_releases[id.index()][..]
            }
        };
        let shown = &ids[..ids.len().min(feeds::FEED_ENTRIES)];
        fp.releases(s, shown);
        // An empty feed is dated by the site's newest release.
        if shown.is_empty() && !self.site.releases.is_empty() {
            fp.release(self.site, ReleaseId(0));
        }
        fp.done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(file: &str) -> (Target, String) {
        let t = Target {
            path: format!("/{file}"),
            file: file.to_string(),
        };
        (t, "origin".to_string())
    }

    #[test]
    fn pages_are_found_by_file_and_by_layout() {
        let mut fps = Fingerprints::new();
        fps.insert("feed.xml".into(), 7);
        fps.set_pages(Pages {
            layout: 42,
            places: vec![target("a/index.html"), target("b/index.html")].into(),
            fps: vec![1, 2],
        });
        assert_eq!(fps.get("b/index.html"), Some(2));
        assert_eq!(fps.get("feed.xml"), Some(7));
        assert_eq!(fps.get("c/index.html"), None);
        // A file added after the index was made is found too.
        fps.insert("sitemap.xml".into(), 9);
        assert_eq!(fps.get("sitemap.xml"), Some(9));
        assert_eq!(fps.to_files().len(), 4);
        assert!(fps.pages_of(42, 2).is_some());
        assert!(fps.pages_of(43, 2).is_none(), "another layout");
        assert!(fps.pages_of(42, 3).is_none(), "other jobs");
    }

    #[test]
    fn fingerprints_from_a_manifest_have_no_pages() {
        let fps = Fingerprints::from_files(FxHashMap::from_iter([("a/index.html".to_string(), 3)]));
        assert_eq!(fps.get("a/index.html"), Some(3));
        assert!(fps.pages_of(0, 1).is_none());
    }
}
