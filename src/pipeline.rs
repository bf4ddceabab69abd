//! The pipeline from files to a site: read → parse → resolve → render into a sink.
//!
//! [`Builder`] runs it: [`Builder::render`] into memory (the preview server, which keeps one
//! builder across rebuilds), [`Builder::build`] onto disk through a staging folder, and
//! [`Builder::check`] into nothing.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::cachefile::Disk;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::cache::BodyCache;
use crate::model::release::{FrontCache, ParseCache};
use crate::msg;
use crate::output::disk::{cache_folder, Staging};
use crate::output::relative::Relative;
use crate::output::{Discard, Memory, Output, Sink};
use crate::resolve::{self, Loaded, Publish};
use crate::{model, render, source, BuildOptions, Counts, Report};

/// Told about every file a build produces, e.g. to draw a progress bar.
pub trait Progress: Send + Sync {
    /// One more output file is done.
    fn file_done(&self, path: &str);
}

/// A sink that reports each file to a [`Progress`] and passes it on.
struct Reporting<'a> {
    inner: &'a dyn Sink,
    progress: &'a dyn Progress,
}

impl Sink for Reporting<'_> {
    fn put(
        &self,
        path: String,
        content: crate::output::Content,
        origin: String,
    ) -> Result<(), Box<Diagnostic>> {
        self.progress.file_done(&path);
        self.inner.put(path, content, origin)
    }

    fn keep(&self, path: &str, origin: &str) -> Result<bool, Box<Diagnostic>> {
        let kept = self.inner.keep(path, origin)?;
        if kept {
            self.progress.file_done(path);
        }
        Ok(kept)
    }
}

/// Runs the pipeline for one site.
pub struct Builder {
    /// The last good in-memory build and its fingerprints, so the next render can keep
    /// every page whose inputs did not change.
    last: Option<(Arc<Output>, render::Fingerprints)>,
    releases: ReleaseCache,
    /// The last resolve, reused while only release texts change.
    resolved: resolve::Cache,
    mentions: crate::mention::Cache,
    deny_warnings: bool,
    progress: Option<Arc<dyn Progress>>,
    opts: BuildOptions,
    /// The sources of the last run, re-read file by file when the caller names the changes.
    sources: Option<ReadSources>,
    /// Files changed since the last run, if the caller said (see [`Builder::changed`]).
    changed: Option<Vec<PathBuf>>,
    /// The templates, compiled once while they do not change.
    compiled: render::Compiled,
}

/// A site as read, with the problems reading it raised.
struct ReadSources {
    sources: source::Sources,
    problems: Vec<Diagnostic>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("opts", &self.opts)
            .finish_non_exhaustive()
    }
}

impl Builder {
    /// A builder for the site described by `opts`.
    pub fn new(opts: BuildOptions) -> Self {
        Builder {
            last: None,
            releases: ReleaseCache::default(),
            resolved: resolve::Cache::default(),
            mentions: crate::mention::Cache::default(),
            deny_warnings: false,
            progress: None,
            opts,
            sources: None,
            changed: None,
            compiled: render::Compiled::default(),
        }
    }

    /// Tells the builder which files changed since its last run (absolute paths). It then
    /// re-reads only those when it can (see [`source::reread`]); without a call it re-reads
    /// everything.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.changed.get_or_insert_with(Vec::new).extend(paths);
    }

    /// Reports every output file to `progress` (the binary draws a progress bar with it).
    pub fn with_progress(mut self, progress: Arc<dyn Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Makes warnings fail the run like errors (`--deny-warnings`): nothing is written.
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// The options this builder uses.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Sets the instant embargoes are checked against (the preview server moves it forward).
    pub fn set_now(&mut self, now: jiff::Timestamp) {
        self.opts.now = now;
    }

    /// Reads, checks and renders the whole site in memory. The output is `None` when any
    /// error was found; the report lists every problem either way.
    pub fn render(&mut self) -> (Option<Arc<Output>>, Report) {
        self.compiled.rerendered();
        let (previous, fingerprints) = match self.last.take() {
            Some((out, fps)) => (Some(out), fps),
            None => (None, render::Fingerprints::new()),
        };
        let memory = Memory::with_previous(previous.clone());
        // The first run reads the parse cache of `build` and leaves it up to date; later
        // runs have their own parses in memory.
        let first = self.sources.is_none() && previous.is_none();
        let folder = cache_folder(&self.opts.output_dir());
        let parse = first.then(|| ParseFiles::open(&folder, true));
        // The search documents and names found by `build` are read by the first render,
        // never written.
        let disk = first.then_some(Disk {
            folder,
            write: false,
        });
        let (mut report, new_fingerprints) = self.run(
            &memory,
            &fingerprints,
            (parse.as_ref().map(ParseFiles::cache), disk),
            Vec::new(),
        );
        if report.failed() {
            // Keep the last good build for the next attempt.
            self.last = previous.map(|p| (p, fingerprints));
            return (None, report);
        }
        let (out, changed) = memory.into_output();
        let out = Arc::new(out);
        report.changed_files = changed;
        self.last = Some((Arc::clone(&out), new_fingerprints));
        // Freeing the last build's thousands of files and paths takes milliseconds the
        // preview's answer should not wait for.
        drop_in_background((previous, fingerprints));
        (Some(out), report)
    }

    /// Does everything [`Builder::build`] does but writes nothing.
    pub fn check(&mut self) -> Report {
        let discard = Discard::default();
        // `check` writes nothing, the parse cache neither; it only reads it.
        let folder = cache_folder(&self.opts.output_dir());
        let parse = ParseFiles::open(&folder, false);
        let disk = Some(Disk {
            folder,
            write: false,
        });
        let (mut report, _) = self.run(
            &discard,
            &render::Fingerprints::new(),
            (Some(parse.cache()), disk),
            Vec::new(),
        );
        report.counts.files = discard.len();
        report
    }

    /// Builds the site into the output folder: written into a staging folder as it is
    /// rendered, swapped in only when everything succeeded.
    pub fn build(&mut self) -> Report {
        let out_dir = self.opts.output_dir();
        let staging = match Staging::new(&self.opts.root, &out_dir) {
            Ok(s) => s,
            Err(e) => {
                // Still check everything, so the user sees every problem at once.
                let help = if self.opts.output.is_some() {
                    msg!("output-other-help")
                } else {
                    msg!("output-public-help")
                };
                let problem = Diagnostic::error(None, e.message()).with_help(help);
                return self
                    .run(
                        &Discard::default(),
                        &render::Fingerprints::new(),
                        (None, None),
                        vec![problem],
                    )
                    .0;
            }
        };
        // Pages whose inputs are unchanged since the live site was built are kept, not
        // rendered.
        let previous = render::Fingerprints::from_files(staging.fingerprints());
        let folder = cache_folder(&out_dir);
        crate::cachefile::remove_temporaries(&folder);
        let parse = ParseFiles::open(&folder, true);
        let disk = Some(Disk {
            folder,
            write: true,
        });
        let (mut report, fingerprints) =
            self.run(&staging, &previous, (Some(parse.cache()), disk), Vec::new());
        if report.failed() {
            staging.abandon();
            return report;
        }
        let started = Instant::now();
        match staging.commit(&fingerprints.to_files()) {
            Ok(stats) => {
                report.counts.files = stats.files;
                report.counts.changed = stats.changed;
            }
            Err(e) => report.commit_error = Some(e.message()),
        }
        report.timings.push(("commit", started.elapsed()));
        report
    }

    /// Runs the pipeline into `sink`, with release bodies and front matters from the parse
    /// cache `parse` and
    /// search documents and names found from the cache folder `disk`, if given; `early` are
    /// problems found before it started.
    fn run(
        &mut self,
        sink: &dyn Sink,
        previous: &render::Fingerprints,
        (parse, disk): (Option<ParseCache<'_>>, Option<Disk>),
        early: Vec<Diagnostic>,
    ) -> (Report, render::Fingerprints) {
        self.compiled.search_disk(disk.clone());
        self.resolved.use_disk(disk.clone());
        let changed = self.changed.take();
        // Only a builder that renders for the preview keeps its caches from run to run; a
        // one-off build frees them as it goes.
        let keep = self.compiled.is_rerendered();
        let mut diags = Diagnostics::new();
        diags.extend(early);
        let mut report = Report::default();
        let mut fingerprints = render::Fingerprints::new();
        let resolved = load_and_resolve(
            &self.opts,
            Caches {
                sources: &mut self.sources,
                changed: changed.as_deref(),
                releases: keep.then_some(&mut self.releases),
                resolved: &mut self.resolved,
                parse,
            },
            &mut diags,
            &mut report.timings,
            &mut report.language,
        );
        report.bodies_reused = parse.map(|p| p.bodies.counts());
        let started = Instant::now();
        let mut site_to_drop = None;
        if let Some(resolved) = resolved {
            report.next_embargo = resolved.next_embargo;
            let site = site_to_drop.insert(resolved.site);
            report.counts = Counts {
                releases: site.releases.len(),
                programmes: site.programmes.len(),
                municipalities: site.municipalities.len(),
                files: 0,
                changed: 0,
            };
            let relative;
            let sink: &dyn Sink = if site.config.relative_urls {
                relative = Relative {
                    inner: sink,
                    base_path: &site.config.base_path,
                    origin: &site.config.origin,
                };
                &relative
            } else {
                sink
            };
            let reporting;
            let sink: &dyn Sink = match &self.progress {
                Some(p) => {
                    reporting = Reporting {
                        inner: sink,
                        progress: p.as_ref(),
                    };
                    &reporting
                }
                None => sink,
            };
            // The mention check only reports: it runs beside the render, on whichever core is
            // free (with `--deny-warnings` its warnings still fail the build before the commit).
            let mut scratch = crate::mention::Cache::one_off();
            let mentions = if keep {
                &mut self.mentions
            } else {
                &mut scratch
            };
            mentions.use_disk(disk);
            let compiled = &mut self.compiled;
            let site = &site;
            let ((warnings, checked_in), (fps, rendered)) = rayon::join(
                || {
                    let started = Instant::now();
                    let warnings = crate::mention::check_cached(site, mentions);
                    (warnings, started.elapsed())
                },
                || {
                    let mut d = Diagnostics::new();
                    let fps = render::render_with(site, sink, previous, compiled, &mut d);
                    (fps, d)
                },
            );
            diags.extend_shared(warnings.into_lists());
            diags.extend(rendered);
            fingerprints = fps;
            report.timings.push(("mentions", checked_in));
        }
        if let Some(site) = site_to_drop {
            drop_in_background(site);
        }
        report.timings.push(("render", started.elapsed()));
        report.warnings_denied = self.deny_warnings && diags.warning_count() > 0;
        report.diagnostics = diags.into_sorted();
        (report, fingerprints)
    }
}

/// Drops `value` on a worker thread: for large structures (a whole site, a whole output)
/// whose freeing should not delay the caller.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// The parse cache on disk (the bodies and front matters of the last build), opened for one
/// run.
struct ParseFiles {
    bodies: BodyCache,
    fronts: FrontCache,
}

impl ParseFiles {
    /// The parse cache in the cache folder `folder`; written at the end of the parse when
    /// `writes`.
    fn open(folder: &std::path::Path, writes: bool) -> Self {
        ParseFiles {
            bodies: BodyCache::open(folder, writes),
            fronts: FrontCache::open(folder, writes),
        }
    }

    fn cache(&self) -> ParseCache<'_> {
        ParseCache {
            bodies: &self.bodies,
            fronts: &self.fronts,
        }
    }
}

/// What a run may reuse from earlier runs of the same builder.
struct Caches<'a> {
    sources: &'a mut Option<ReadSources>,
    changed: Option<&'a [PathBuf]>,
    /// `None` for a one-off build, which keeps nothing for a next run: the caches are then
    /// made afresh and freed before rendering.
    releases: Option<&'a mut ReleaseCache>,
    resolved: &'a mut resolve::Cache,
    /// The parse cache on disk: release bodies and front matters.
    parse: Option<ParseCache<'a>>,
}

fn load_and_resolve(
    opts: &BuildOptions,
    caches: Caches<'_>,
    diags: &mut Diagnostics,
    timings: &mut Vec<(&'static str, Duration)>,
    language: &mut Option<crate::config::Language>,
) -> Option<resolve::Resolved> {
    let mut clock = Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let config_src = source::read_config(&opts.root, diags)?;
    let config = match Config::parse(&config_src.text, opts.base_url.as_deref()) {
        Ok(mut c) => {
            c.relative_urls |= opts.relative_urls;
            *language = Some(c.language);
            c
        }
        Err(e) => {
            *language = crate::config::Language::of_config(&config_src.text);
            // Go on with defaults so the content's problems are reported too.
            diags.extend(e);
            Config::fallback()
        }
    };
    let sources = read_sources(opts, &config, caches.sources, caches.changed, diags);
    lap("read");
    let loaded = crate::markdown::with_trusted_html(config.trusted_html, || {
        let mut scratch = ReleaseCache::one_off();
        let cache = caches.releases.unwrap_or(&mut scratch);
        parse_all_cached(sources, &config.base_path, cache, caches.parse, diags)
    });
    if let Some(parse) = caches.parse {
        // Both at once: each may write its file.
        rayon::join(|| parse.bodies.finish(), || parse.fronts.finish());
    }
    lap("parse");
    let resolved = resolve::resolve(
        config,
        loaded,
        Publish {
            now: opts.now,
            drafts: opts.drafts,
        },
        diags,
        caches.resolved,
    );
    lap("resolve");
    resolved
}

/// The site's files: the last run's with the `changed` files re-read when that is enough,
/// else read afresh. The problems of reading are added to `diags` either way.
fn read_sources<'c>(
    opts: &BuildOptions,
    config: &Config,
    cache: &'c mut Option<ReadSources>,
    changed: Option<&[PathBuf]>,
    diags: &mut Diagnostics,
) -> &'c source::Sources {
    let reusable = match (changed, cache.as_mut()) {
        // A file the last read complained about is read afresh with everything else, so its
        // problem goes (or stays) with it.
        (Some(paths), Some(c)) if !names_any(&c.problems, &opts.root, paths) => {
            source::reread(&opts.root, &mut c.sources, paths)
        }
        _ => false,
    };
    if !reusable {
        *cache = None;
    }
    let read = match cache {
        Some(c) => c,
        None => {
            let mut problems = Diagnostics::new();
            let sources = source::read_site(
                &opts.root,
                config.theme.as_deref(),
                config.theme_at.as_ref(),
                &mut problems,
            );
            cache.insert(ReadSources {
                sources,
                problems: problems.into_iter().collect(),
            })
        }
    };
    diags.extend(read.problems.iter().cloned());
    &read.sources
}

/// True when one of `problems` is about one of `paths` (absolute).
fn names_any(problems: &[Diagnostic], root: &std::path::Path, paths: &[PathBuf]) -> bool {
    let rels: Vec<String> = paths
        .iter()
        .map(|p| crate::diag::display_path(root, p))
        .collect();
    problems
        .iter()
        .filter_map(|d| d.location.as_ref())
        .any(|l| rels.iter().any(|r| **r == *l.file))
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
    fn one_off() -> Self {
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
