//! Reusing the last resolve: when a rebuild's inputs differ from the last successful one's
//! only in what resolving does not read (a release's title, text, summary…), the releases'
//! order and every back-link are the same, so they are taken over instead of computed again.
//!
//! Resolving is a function of the configuration, the loaded files and the publishing clock.
//! Its inputs are summarised in two keys: one for everything but the releases (configuration,
//! records, pages, `--drafts`), one per release for the fields resolving reads (file, dates,
//! slug, topic, references, aliases, draft and whether it is public now). Equal keys mean an
//! equal result. Only a resolve without errors is kept. Its one warning, a reference listed
//! twice, is checked here release by release, and again only for the releases that changed.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use jiff::Timestamp;

use super::{check_duplicates, Loaded, Publish, Resolved};
use crate::cachefile::Disk;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::release::Release;
use crate::model::Reference;
use crate::site::{Links, Site};

/// What the last successful resolve was made from, and what it made; and the cache folder,
/// where the related releases of the last build are kept (see [`super::persist`]).
#[derive(Debug, Default)]
pub struct Cache {
    last: Option<Last>,
    disk: Option<Disk>,
}

impl Cache {
    /// Reads the related releases from (and, if `disk.write`, writes them to) the cache folder
    /// `disk` in the runs that follow; `None` keeps them in memory only.
    pub fn use_disk(&mut self, disk: Option<Disk>) {
        self.disk = disk;
    }
}

#[derive(Debug)]
struct Last {
    /// The key of everything but the releases (see [`inputs_key`]).
    inputs: u64,
    /// The clock it was resolved at, and when the next held-back release became public.
    now: Timestamp,
    next_embargo: Option<Timestamp>,
    /// Each loaded release, in loading order, with its key (see [`release_key`]) and its
    /// warnings.
    releases: Vec<Checked>,
    /// The loading index of each published release, newest first.
    order: Vec<usize>,
    links: Arc<Links>,
}

/// A release with its key and its warnings.
#[derive(Debug)]
struct Checked {
    release: Arc<Release>,
    key: u64,
    warnings: Vec<Diagnostic>,
}

impl Checked {
    fn new(release: &Arc<Release>, publish: Publish) -> Self {
        let mut d = Diagnostics::new();
        check_duplicates(&release.programmes, "programmes", &mut d);
        check_duplicates(&release.municipalities, "municipalities", &mut d);
        Checked {
            release: Arc::clone(release),
            key: release_key(release, publish),
            warnings: d.into_iter().collect(),
        }
    }
}

/// Resolves `loaded` (see [`super::resolve`]), reusing the last result kept in `cache` when
/// the inputs resolving reads are unchanged.
pub(super) fn resolve_cached(
    config: Config,
    loaded: Loaded,
    publish: Publish,
    diags: &mut Diagnostics,
    cache: &mut Cache,
) -> Option<Resolved> {
    let inputs = inputs_key(&config, &loaded, publish);
    let last = cache.last.take();
    // Keys and warnings of the releases that are not the very same as last time.
    let releases: Vec<Checked> = loaded
        .releases
        .par_iter()
        .enumerate()
        .map(
            |(i, r)| match last.as_ref().and_then(|l| l.releases.get(i)) {
                Some(c) if Arc::ptr_eq(&c.release, r) => Checked {
                    release: Arc::clone(r),
                    key: c.key,
                    warnings: c.warnings.clone(),
                },
                _ => Checked::new(r, publish),
            },
        )
        .collect();
    for c in &releases {
        diags.extend(c.warnings.iter().cloned());
    }
    if let Some(last) = last.filter(|l| l.reusable_for(inputs, publish, &releases)) {
        let resolved = reuse(config, loaded, publish, &last);
        cache.last = Some(Last { releases, ..last });
        return Some(resolved);
    }
    // Each loaded release by its address, to find the order resolving puts them in.
    let index: HashMap<usize, usize> = loaded
        .releases
        .iter()
        .enumerate()
        .map(|(i, r)| (Arc::as_ptr(r) as usize, i))
        .collect();
    // The related releases the last build left on disk, if it resolved the same inputs.
    let digest = inputs_digest(inputs, &releases);
    let known = cache
        .disk
        .as_ref()
        .and_then(|d| super::persist::load(&d.folder, digest));
    let known_len = known.as_ref().map(Vec::len);
    let resolved = super::resolve_all(config, loaded, publish, diags, known)?;
    if let Some(d) = cache.disk.as_ref().filter(|d| d.write) {
        if known_len != Some(resolved.site.releases.len()) {
            super::persist::save(&d.folder, digest, &resolved.site.links.related);
        }
    }
    let order = resolved
        .site
        .releases
        .iter()
        .map(|r| index.get(&(Arc::as_ptr(r) as usize)).copied())
        .collect::<Option<Vec<usize>>>();
    cache.last = order.map(|order| Last {
        inputs,
        now: publish.now,
        next_embargo: resolved.next_embargo,
        releases,
        order,
        links: Arc::clone(&resolved.site.links),
    });
    Some(resolved)
}

impl Last {
    /// True when resolving `releases` with `inputs` at `publish` gives this result again: the
    /// same inputs and release keys, and no release became public (or private again) since.
    fn reusable_for(&self, inputs: u64, publish: Publish, releases: &[Checked]) -> bool {
        self.inputs == inputs
            && publish.now >= self.now
            && self.next_embargo.is_none_or(|t| publish.now < t)
            && self.releases.len() == releases.len()
            && self
                .releases
                .iter()
                .zip(releases)
                .all(|(a, b)| a.key == b.key)
    }
}

/// The last resolve's result for `loaded`, whose keys equal the last ones.
fn reuse(config: Config, loaded: Loaded, publish: Publish, last: &Last) -> Resolved {
    let Loaded {
        releases,
        mut programmes,
        mut municipalities,
        mut pages,
        templates,
        static_files,
    } = loaded;
    super::sort_records(&mut programmes, &mut municipalities);
    super::publish_pages(&mut pages, publish);
    let next_embargo = releases.iter().filter_map(|r| publish.lifts_at(r)).min();
    Resolved {
        site: Site {
            config,
            releases: last
                .order
                .iter()
                .map(|&i| Arc::clone(&releases[i]))
                .collect(),
            programmes,
            municipalities,
            pages,
            links: Arc::clone(&last.links),
            templates,
            static_files,
            now: publish.now,
        },
        next_embargo,
    }
}

/// Everything resolving reads besides the releases: the configuration, the records and
/// pages (by file and version), and whether drafts are shown.
fn inputs_key(config: &Config, loaded: &Loaded, publish: Publish) -> u64 {
    let mut h = Xxh3::new();
    h.update(format!("{config:?}").as_bytes());
    h.update(&[u8::from(publish.drafts)]);
    let records = loaded
        .programmes
        .iter()
        .map(|p| (&p.source, p.version))
        .chain(loaded.municipalities.iter().map(|m| (&m.source, m.version)))
        .chain(loaded.pages.iter().map(|p| (&p.source, p.version)));
    for (source, version) in records {
        h.update(source.as_bytes());
        h.update(&[0]);
        h.update(&version.to_le_bytes());
    }
    h.update(&(loaded.releases.len() as u64).to_le_bytes());
    h.digest()
}

/// The digest of all that resolving reads: `inputs` (see [`inputs_key`]) and each release's
/// key, in loading order.
fn inputs_digest(inputs: u64, releases: &[Checked]) -> u64 {
    let mut h = Xxh3::new();
    h.update(&inputs.to_le_bytes());
    for c in releases {
        h.update(&c.key.to_le_bytes());
    }
    h.digest()
}

/// The fields of a release that resolving reads, and whether it is public at this build's
/// `now` (a lifted embargo changes the key).
fn release_key(r: &Release, publish: Publish) -> u64 {
    let mut buf: Vec<u8> = Vec::with_capacity(256);
    let mut s = |x: &str| {
        buf.extend_from_slice(&(x.len() as u64).to_le_bytes());
        buf.extend_from_slice(x.as_bytes());
    };
    s(&r.source);
    s(&r.slug);
    s(r.topic.as_deref().unwrap_or("\u{0}"));
    s(r.kicker.as_deref().unwrap_or("\u{0}"));
    let refs = |buf: &mut Vec<u8>, list: &[Reference]| {
        buf.extend_from_slice(&(list.len() as u64).to_le_bytes());
        for x in list {
            buf.extend_from_slice(&(x.slug.len() as u64).to_le_bytes());
            buf.extend_from_slice(x.slug.as_bytes());
        }
    };
    refs(&mut buf, &r.programmes);
    refs(&mut buf, &r.municipalities);
    refs(&mut buf, &r.aliases);
    buf.extend_from_slice(&r.date.instant.as_nanosecond().to_le_bytes());
    buf.extend_from_slice(&r.date.date.year().to_le_bytes());
    let embargo = r.embargo.map_or(i128::MIN, |e| e.instant.as_nanosecond());
    buf.extend_from_slice(&embargo.to_le_bytes());
    buf.push(u8::from(r.draft));
    buf.push(u8::from(publish.release_is_public(r)));
    xxhash_rust::xxh3::xxh3_64(&buf)
}
