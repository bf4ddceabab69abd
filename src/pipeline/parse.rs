//! Parsing the files read into the loaded site: every release, record and page, in parallel,
//! with what can be reused: the parse cache on disk ([`ParseFiles`]: bodies and front matters
//! of the last build) and, in the preview server, the parses of the last run
//! ([`ReleaseCache`]).

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::cache::BodyCache;
use crate::model::release::{FrontCache, ParseCache};
use crate::resolve::Loaded;
use crate::{model, source};

/// The parse cache on disk (the bodies and front matters of the last build), opened for one
/// run.
pub(super) struct ParseFiles {
    bodies: BodyCache,
    fronts: FrontCache,
}

impl ParseFiles {
    /// The parse cache in the cache folder `folder`; written at the end of the parse when
    /// `writes`.
    pub(super) fn open(folder: &std::path::Path, writes: bool) -> Self {
        if writes {
            // Once per run that writes to the cache folder, whatever it then writes.
            crate::cachefile::remove_temporaries(folder);
        }
        ParseFiles {
            bodies: BodyCache::open(folder, writes),
            fronts: FrontCache::open(folder, writes),
        }
    }

    pub(super) fn cache(&self) -> ParseCache<'_> {
        ParseCache {
            bodies: &self.bodies,
            fronts: &self.fronts,
        }
    }
}

/// Parsed releases of earlier runs, by source file, with the key of what they were parsed
/// from (text, bundle files, static file names, base path, raw-HTML trust): the preview
/// server re-parses only the files that changed.
#[derive(Debug, Default)]
pub struct ReleaseCache {
    /// A cache of a one-off build: it keeps no parsed release for a next run.
    one_off: bool,
    entries: FxHashMap<String, Parsed>,
    programmes: TextCache<model::record::Programme>,
    municipalities: TextCache<model::record::Municipality>,
    pages: TextCache<model::page::Page>,
}

impl ReleaseCache {
    /// A cache for one build only: nothing is copied into it for a next run.
    pub(super) fn one_off() -> Self {
        ReleaseCache {
            one_off: true,
            ..ReleaseCache::default()
        }
    }
}

/// Records or pages parsed by earlier runs, by source file: reused while the file's text is
/// the very same (not re-read) and the context (base path, raw-HTML trust) is unchanged.
#[derive(Debug)]
struct TextCache<T> {
    entries: FxHashMap<String, Cached<T>>,
}

/// One file's parse: the text it was parsed from, the context, the result, its problems.
type Cached<T> = (Arc<str>, u64, Option<T>, Vec<Diagnostic>);

impl<T> Default for TextCache<T> {
    fn default() -> Self {
        TextCache {
            entries: FxHashMap::default(),
        }
    }
}

impl<T: Clone + Send + Sync> TextCache<T> {
    /// Parses every file with `load` in parallel, or takes its earlier result; each file's
    /// problems are collected, none stops the others.
    fn parse(
        &mut self,
        files: &[source::SourceText],
        context: u64,
        load: impl Fn(&source::SourceText, &mut Diagnostics) -> Option<T> + Sync + Send,
        diags: &mut Diagnostics,
    ) -> Vec<T> {
        // Markdown's trust in raw HTML (config.toml) is per thread: hand it to the workers.
        let trusted = crate::markdown::trusted_html();
        let fresh: Vec<Option<(Option<T>, Vec<Diagnostic>)>> = files
            .par_iter()
            .map(|f| {
                let cached = self.entries.get(&f.rel);
                if cached.is_some_and(|c| c.1 == context && Arc::ptr_eq(&c.0, &f.text)) {
                    return None;
                }
                let mut d = Diagnostics::new();
                let v = crate::markdown::with_trusted_html(trusted, || load(f, &mut d));
                Some((v, d.into_iter().collect()))
            })
            .collect();
        let mut out = Vec::with_capacity(files.len());
        let mut entries = FxHashMap::with_capacity_and_hasher(files.len(), Default::default());
        for (f, fresh) in files.iter().zip(fresh) {
            let entry = match fresh {
                Some((v, d)) => (Arc::clone(&f.text), context, v, d),
                None => match self.entries.remove(&f.rel) {
                    Some(e) => e,
                    None => continue, // cannot happen: it was just found
                },
            };
            diags.extend(entry.3.iter().cloned());
            out.extend(entry.2.clone());
            entries.insert(f.rel.clone(), entry);
        }
        self.entries = entries;
        out
    }
}

/// One release file parsed: the key of its inputs, the release (if it parsed), its problems.
/// One release file parsed, with what it was parsed from.
#[derive(Debug)]
struct Parsed {
    /// What the release was parsed with: base path, raw-HTML trust, static file names.
    context: u64,
    /// The text it was parsed from (the very same `Arc` while the file is not re-read).
    text: Arc<str>,
    /// Hash of the text, the bundle's files and `context`.
    key: u64,
    release: Option<Arc<model::release::Release>>,
    problems: Vec<Diagnostic>,
}

impl Parsed {
    /// True when this is the result for `r` in `context`: the same text object (not even
    /// hashing is needed then), or inputs with the same hash.
    fn is_for(&self, r: &source::ReleaseSource, context: u64, key: impl Fn() -> u64) -> bool {
        let same_text = r.assets.is_empty() && Arc::ptr_eq(&self.text, &r.file.text);
        self.context == context && (same_text || self.key == key())
    }
}

fn release_key(r: &source::ReleaseSource, context: u64) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&context.to_le_bytes());
    h.update(r.file.text.as_bytes());
    for a in &r.assets {
        h.update(a.rel.as_bytes());
        h.update(&xxhash_rust::xxh3::xxh3_64(&a.bytes).to_le_bytes());
    }
    h.digest()
}

/// Parses every file in parallel; each file's problems are collected, none stops the others.
pub fn parse_all(s: &source::Sources, base_path: &str, diags: &mut Diagnostics) -> Loaded {
    parse_all_cached(s, base_path, &mut ReleaseCache::default(), None, diags)
}

/// [`parse_all`], reusing releases from `cache` whose inputs did not change (and refreshing it),
/// and release bodies and front matters from the parse cache on disk, `parse`.
pub fn parse_all_cached(
    s: &source::Sources,
    base_path: &str,
    cache: &mut ReleaseCache,
    parse: Option<ParseCache<'_>>,
    diags: &mut Diagnostics,
) -> Loaded {
    let trusted = crate::markdown::trusted_html();
    let record_context = xxhash_rust::xxh3::xxh3_64(base_path.as_bytes()) ^ u64::from(trusted);
    let parse_releases = |s: &source::Sources,
                          base_path: &str,
                          cache: &mut ReleaseCache,
                          diags: &mut Diagnostics| {
        let mut context = xxhash_rust::xxh3::Xxh3::new();
        context.update(base_path.as_bytes());
        context.update(&[u8::from(trusted)]);
        for name in s.static_files.keys() {
            context.update(name.as_bytes());
        }
        let context = context.digest();
        // Each release: its cached parse when its inputs did not change, else parsed now.
        let results: Vec<Result<&Parsed, Parsed>> = s
            .releases
            .par_iter()
            .map(|r| {
                let key = || release_key(r, context);
                if let Some(p) = cache.entries.get(&r.file.rel) {
                    if p.is_for(r, context, key) {
                        return Ok(p);
                    }
                }
                let mut d = Diagnostics::new();
                let release = crate::markdown::with_trusted_html(trusted, || {
                    model::release::load(r, &s.static_files, base_path, parse, &mut d).map(Arc::new)
                });
                Err(Parsed {
                    context,
                    text: Arc::clone(&r.file.text),
                    // A one-off build drops the parse at once: no key to look it up by.
                    key: if cache.one_off { 0 } else { key() },
                    release,
                    problems: d.into_sorted().iter().cloned().collect(),
                })
            })
            .collect();
        let mut out = Vec::with_capacity(results.len());
        let mut fresh = Vec::new();
        for (r, result) in s.releases.iter().zip(results) {
            let parsed = match result {
                Ok(p) => p,
                // A one-off build keeps nothing: the parse is used and dropped.
                Err(p) if cache.one_off => {
                    diags.extend(p.problems);
                    out.extend(p.release);
                    continue;
                }
                Err(p) => {
                    fresh.push((r.file.rel.clone(), p));
                    &fresh[fresh.len() - 1].1
                }
            };
            diags.extend(parsed.problems.iter().cloned());
            out.extend(parsed.release.clone());
        }
        cache.entries.extend(fresh);
        // Forget the files that are gone (rare: the cache is only rebuilt then).
        if cache.entries.len() > s.releases.len() {
            let present: std::collections::HashSet<&str> =
                s.releases.iter().map(|r| r.file.rel.as_str()).collect();
            cache
                .entries
                .retain(|rel, _| present.contains(rel.as_str()));
        }
        out
    };
    Loaded {
        releases: parse_releases(s, base_path, cache, diags),
        programmes: cache.programmes.parse(
            &s.programmes,
            record_context,
            |f, d| model::record::load_programme(f, base_path, d),
            diags,
        ),
        municipalities: cache.municipalities.parse(
            &s.municipalities,
            record_context,
            |f, d| model::record::load_municipality(f, base_path, d),
            diags,
        ),
        pages: cache.pages.parse(
            &s.pages,
            record_context,
            |f, d| model::page::load(f, base_path, d),
            diags,
        ),
        templates: s.templates.clone(),
        static_files: s.static_files.clone(),
    }
}
