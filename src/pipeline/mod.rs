//! The pipeline from files to a site: read → parse → resolve → render into a sink.
//!
//! [`Builder`] runs it: [`Builder::render`] into memory (the preview server, which keeps one
//! builder across rebuilds), [`Builder::build`] onto disk through a staging folder, and
//! [`Builder::check`] into nothing.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::cachefile::Disk;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::release::ParseCache;
use crate::msg;
use crate::output::disk::{cache_folder, Staging};
use crate::output::relative::Relative;
use crate::output::{Discard, Memory, Output, Sink};
use crate::resolve::{self, Publish};
use crate::{render, source, BuildOptions, Counts, Report};

mod parse;

use parse::ParseFiles;
pub use parse::{parse_all, parse_all_cached, ReleaseCache};

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
