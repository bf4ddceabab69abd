//! herold: a static site generator for public-sector press offices.
//!
//! The pipeline runs one way:
//! [`source`] (read files) → [`model`] (parse and check each file) → [`resolve`] (references,
//! publication filter, back-links → [`site::Site`]) → [`render`] (templates, feeds, sitemap →
//! [`output::Output`] in memory) → [`output::commit`] (staging folder, then swap).
//!
//! The library never prints and never exits: [`build`] and [`check`] return a [`Report`] with
//! every [`diag::Diagnostic`], and the binary decides what to show and which exit code to use.
//! Every source of nondeterminism, the clock included, comes in through [`BuildOptions`].

pub mod config;
pub mod diag;
pub mod frontmatter;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod resolve;
pub mod site;
pub mod slug;
pub mod source;
pub mod theme;
pub mod toml_de;
pub mod urls;

use std::path::PathBuf;

use jiff::Timestamp;
use rayon::prelude::*;

use config::Config;
use diag::{Diagnostic, Diagnostics};
use resolve::{Loaded, Publish};

/// Everything a build depends on besides the files.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holds config.toml and content/).
    pub root: PathBuf,
    /// The output folder; `None` means ROOT/public.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of config.toml.
    pub base_url: Option<String>,
    /// Publish drafts too.
    pub drafts: bool,
    /// The instant embargoes are checked against.
    pub now: Timestamp,
}

impl BuildOptions {
    /// The output folder: `--output`, or ROOT/public.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Published releases.
    pub releases: usize,
    /// Programme records.
    pub programmes: usize,
    /// Municipality records.
    pub municipalities: usize,
    /// Files written (0 for `check`).
    pub files: usize,
}

/// The outcome of `build` or `check`.
#[derive(Debug, Default)]
pub struct Report {
    /// All problems found, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// What was built.
    pub counts: Counts,
    /// When the next embargoed (or future-dated) release becomes public.
    pub next_embargo: Option<Timestamp>,
    /// Why the output could not be written, if that failed.
    pub commit_error: Option<String>,
    /// Wall time of each phase, for `HEROLD_TIMINGS=1` and benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

impl Report {
    /// True when the build or check failed (any error, or the output could not be written).
    pub fn failed(&self) -> bool {
        self.commit_error.is_some()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == diag::Severity::Error)
    }
}

/// Loads, checks and renders the site in memory. Shared by `build`, `check` and (later) `serve`.
pub fn render_site(opts: &BuildOptions) -> (Option<output::Output>, Report) {
    let mut diags = Diagnostics::new();
    let mut report = Report::default();
    let result = load_and_resolve(opts, &mut diags, &mut report.timings);
    let started = std::time::Instant::now();
    let out = result.and_then(|resolved| {
        report.next_embargo = resolved.next_embargo;
        let site = resolved.site;
        report.counts = Counts {
            releases: site.releases.len(),
            programmes: site.programmes.len(),
            municipalities: site.municipalities.len(),
            files: 0,
        };
        render::render(&site, &mut diags)
    });
    report.timings.push(("render", started.elapsed()));
    let out = if diags.has_errors() { None } else { out };
    report.diagnostics = diags.into_sorted();
    (out, report)
}

/// `herold check`: everything `build` does except writing.
pub fn check(opts: &BuildOptions) -> Report {
    render_site(opts).1
}

/// `herold build`: render the site and, when there is no error, replace the output folder.
pub fn build(opts: &BuildOptions) -> Report {
    let (out, mut report) = render_site(opts);
    if let Some(out) = out {
        let started = std::time::Instant::now();
        match output::commit(&out, &opts.root, &opts.output_dir()) {
            Ok(()) => report.counts.files = out.len(),
            Err(e) => report.commit_error = Some(e.to_string()),
        }
        report.timings.push(("write", started.elapsed()));
    }
    report
}

fn load_and_resolve(
    opts: &BuildOptions,
    diags: &mut Diagnostics,
    timings: &mut Vec<(&'static str, std::time::Duration)>,
) -> Option<resolve::Resolved> {
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let config_src = source::read_config(&opts.root, diags)?;
    let config = match Config::parse(&config_src.text, opts.base_url.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            diags.extend(e);
            return None;
        }
    };
    if let Some(out) = &opts.output {
        if let Err(e) = output::check_target(&opts.root, out) {
            diags.push(
                Diagnostic::error(None, e.to_string()).with_help("pass another --output folder"),
            );
        }
    } else if let Err(e) = output::check_target(&opts.root, &opts.output_dir()) {
        diags.push(
            Diagnostic::error(None, e.to_string())
                .with_help("empty or remove the public/ folder, or pass --output"),
        );
    }
    let sources = source::read_site(&opts.root, config.theme.as_deref(), diags);
    lap("read");
    let loaded = parse_all(&sources, &config.base_path, diags);
    lap("parse");
    let resolved = resolve::resolve(
        config,
        loaded,
        Publish {
            now: opts.now,
            drafts: opts.drafts,
        },
        diags,
    );
    lap("resolve");
    resolved
}

/// Parses every file in parallel; each file's problems are collected, none stops the others.
fn parse_all(s: &source::Sources, base_path: &str, diags: &mut Diagnostics) -> Loaded {
    fn par<T: Send, S: Sync>(
        items: &[S],
        f: impl Fn(&S, &mut Diagnostics) -> Option<T> + Sync + Send,
        diags: &mut Diagnostics,
    ) -> Vec<T> {
        let results: Vec<(Option<T>, Diagnostics)> = items
            .par_iter()
            .map(|x| {
                let mut d = Diagnostics::new();
                (f(x, &mut d), d)
            })
            .collect();
        let mut out = Vec::with_capacity(results.len());
        for (v, d) in results {
            diags.extend(d);
            out.extend(v);
        }
        out
    }
    Loaded {
        releases: par(
            &s.releases,
            |r, d| model::release::load(r, &s.static_files, base_path, d),
            diags,
        ),
        programmes: par(
            &s.programmes,
            |f, d| model::record::load_programme(f, base_path, d),
            diags,
        ),
        municipalities: par(
            &s.municipalities,
            |f, d| model::record::load_municipality(f, base_path, d),
            diags,
        ),
        pages: par(&s.pages, |f, d| model::page::load(f, base_path, d), diags),
        templates: s.templates.clone(),
        static_files: s.static_files.clone(),
    }
}
