//! Reusing the mention check: the warnings of each release kept in memory from run to run
//! (the preview server re-checks only the releases that changed), and the names found in
//! each release kept on disk between builds (see [`super::persist`]).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::{judge, persist, scan, Hit, Names};
use crate::diag::Diagnostic;
use crate::model::release::Release;
use crate::site::Site;

/// Mention warnings of earlier runs, per release source file, keyed by the release's version
/// and all records' versions and slugs: the preview server re-checks only the releases that
/// changed. The names automaton is kept too, while the records stay the same.
#[derive(Debug, Default)]
pub struct Cache {
    /// The digest of all records' versions, and the names built from those records (`None`
    /// when there were too many for an automaton).
    names: Option<(u64, Option<Names>)>,
    /// Per release source file: the key of its inputs and its warnings, shared so that a
    /// rebuild reuses them without copying the list.
    entries: HashMap<String, (u64, Arc<[Diagnostic]>)>,
    /// The releases of the last run, in order, with their keys and warnings: a release that
    /// is still there, at the same place, is found without looking up its file name. (Holding
    /// the release keeps its address from being reused by another one.)
    last: Vec<(Arc<Release>, u64, Arc<[Diagnostic]>)>,
    /// The names found in each release by the last build, on disk (see [`persist`]).
    disk: Option<crate::cachefile::Disk>,
    /// A cache of a one-off build: nothing is kept for a next run.
    one_off: bool,
}

impl Cache {
    /// A cache for one check only (a one-off build): it keeps nothing for a next run, so
    /// nothing is copied into it.
    pub fn one_off() -> Self {
        Cache {
            one_off: true,
            ..Cache::default()
        }
    }

    /// Makes a check with this (fresh) cache take the names found in each release from the
    /// file the last build left on disk, and (with `write`) leave its own there.
    pub fn use_disk(&mut self, disk: Option<crate::cachefile::Disk>) {
        self.disk = disk;
    }
}

/// One release's outcome in [`check_cached`].
struct Checked {
    key: u64,
    warnings: Arc<[Diagnostic]>,
    /// Checked now (not taken from the cache in memory).
    fresh: bool,
    /// The names found in it, when they are to be written to disk, and whether the scan
    /// found them now (not read from the disk).
    hits: Option<(Arc<[Hit]>, bool)>,
}

/// [`super::check`], reusing the result for every release whose inputs did not change.
pub fn check_cached(site: &Site, cache: &mut Cache) -> Warnings {
    if site.municipalities.is_empty() && site.programmes.is_empty() {
        return Warnings::default();
    }
    // All the names and the warnings take from the records: their files' versions, and their
    // slugs (from the file names).
    let mut records = xxhash_rust::xxh3::Xxh3::new();
    let programmes = site.programmes.iter().map(|p| (p.version, &p.slug));
    let municipalities = site.municipalities.iter().map(|m| (m.version, &m.slug));
    for (version, slug) in programmes.chain(municipalities) {
        records.update(&version.to_le_bytes());
        records.update(slug.as_bytes());
        records.update(&[0]);
    }
    let records = records.digest();
    let names = OnceLock::new();
    if let Some((key, cached)) = cache.names.take() {
        if key == records {
            let _ = names.set(cached);
        }
    }
    // The names found by the last build, when this cache starts empty (a new process).
    let fresh_cache = cache.entries.is_empty() && cache.last.is_empty();
    let on_disk = match &cache.disk {
        Some(d) if fresh_cache => persist::load(&d.folder, records),
        _ => None,
    };
    let keep_hits = cache.disk.as_ref().is_some_and(|d| d.write);
    // Per release: its key, its warnings, whether it was checked afresh, and its names.
    // Each worker collects a release's warnings in its `scratch` list, then moves them into a
    // list of the right size.
    let results: Vec<Checked> = site
        .releases
        .par_iter()
        .enumerate()
        .map_init(Vec::new, |scratch, (i, r)| {
            let key = records ^ r.version.rotate_left(17);
            // Found by the release's place if the same release is there, else by its file.
            let cached = cache
                .last
                .get(i)
                .filter(|(release, k, _)| Arc::ptr_eq(release, r) && *k == key)
                .map(|(_, _, d)| d)
                .or_else(|| {
                    let entry = cache.entries.get(&r.source);
                    entry.filter(|(k, _)| *k == key).map(|(_, d)| d)
                });
            if let Some(d) = cached {
                return Checked {
                    key,
                    warnings: Arc::clone(d),
                    fresh: false,
                    hits: None,
                };
            }
            let mut hits = None;
            if let Some(names) = names.get_or_init(|| Names::new(site)) {
                let (found, scanned) = match on_disk.as_ref().and_then(|m| m.get(&r.version)) {
                    Some(h) => (Arc::clone(h), false),
                    None => (Arc::from(scan(names, r)), true),
                };
                judge(site, names, i, r, &found, scratch);
                hits = keep_hits.then_some((found, scanned));
            }
            Checked {
                key,
                warnings: scratch.drain(..).collect(),
                fresh: true,
                hits,
            }
        })
        .collect();
    cache.names = names.into_inner().map(|n| (records, n));
    if let Some(disk) = cache.disk.as_ref().filter(|d| d.write) {
        save_hits(
            disk,
            records,
            &site.releases,
            &results,
            on_disk.map_or(0, |m| m.len()),
        );
    }
    if cache.one_off {
        return Warnings::new(results.into_iter().map(|c| c.warnings).collect());
    }
    let fresh = results.iter().filter(|c| c.fresh).count();
    cache.entries.reserve(fresh);
    cache.last.clear();
    let mut lists = Vec::with_capacity(results.len());
    for (c, r) in results.into_iter().zip(&site.releases) {
        if c.fresh {
            cache
                .entries
                .insert(r.source.clone(), (c.key, Arc::clone(&c.warnings)));
        }
        cache
            .last
            .push((Arc::clone(r), c.key, Arc::clone(&c.warnings)));
        lists.push(c.warnings);
    }
    // Every release has an entry now; more entries means some releases are gone.
    if cache.entries.len() > site.releases.len() {
        let live: std::collections::HashSet<&str> =
            site.releases.iter().map(|r| r.source.as_str()).collect();
        cache
            .entries
            .retain(|source, _| live.contains(source.as_str()));
    }
    Warnings::new(lists)
}

/// Writes the names found in every release, when each release has them and they differ
/// from the `loaded` ones (some were scanned now, or releases are gone).
fn save_hits(
    disk: &crate::cachefile::Disk,
    records: u64,
    releases: &[Arc<Release>],
    results: &[Checked],
    loaded: usize,
) {
    let Some(all) = results
        .iter()
        .zip(releases)
        .map(|(c, r)| c.hits.as_ref().map(|(h, scanned)| (r.version, h, *scanned)))
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    if all.iter().any(|(_, _, scanned)| *scanned) || all.len() != loaded {
        let hits: Vec<(u64, Arc<[Hit]>)> = all
            .into_iter()
            .map(|(v, h, _)| (v, Arc::clone(h)))
            .collect();
        persist::save(&disk.folder, records, &hits);
    }
}

/// The warnings [`check_cached`] found, release by release: each release's list is shared
/// with the cache, and the warnings are handed out as clones (cheap: their texts are shared).
/// An exact-size iterator, so collecting them allocates once.
#[derive(Debug, Default)]
pub struct Warnings {
    lists: std::vec::IntoIter<Arc<[Diagnostic]>>,
    /// The list being handed out, and the index of its next warning.
    current: Option<(Arc<[Diagnostic]>, usize)>,
    remaining: usize,
}

impl Warnings {
    fn new(lists: Vec<Arc<[Diagnostic]>>) -> Warnings {
        Warnings {
            remaining: lists.iter().map(|l| l.len()).sum(),
            lists: lists.into_iter(),
            current: None,
        }
    }
}

impl Warnings {
    /// The warnings not handed out yet, as the lists shared with the cache (see
    /// [`crate::diag::Diagnostics::extend_shared`]).
    pub fn into_lists(self) -> impl Iterator<Item = Arc<[Diagnostic]>> {
        let rest = self.current.map(|(list, at)| Arc::from(&list[at..]));
        rest.into_iter().chain(self.lists)
    }
}

impl Iterator for Warnings {
    type Item = Diagnostic;

    fn next(&mut self) -> Option<Diagnostic> {
        loop {
            if let Some((list, at)) = &mut self.current {
                if let Some(d) = list.get(*at) {
                    *at += 1;
                    self.remaining -= 1;
                    return Some(d.clone());
                }
            }
            self.current = Some((self.lists.next()?, 0));
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Warnings {}
