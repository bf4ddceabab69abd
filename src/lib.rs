//! herold: a static site generator for public-sector press offices.
//!
//! The pipeline runs one way:
//! [`source`] (read files) → [`model`] (parse and check each file) → [`resolve`] (references,
//! publication filter, back-links → [`site::Site`]) → [`render`] (templates, feeds, sitemap →
//! a [`output::Sink`]: memory, or a staging folder on disk that is swapped in when everything succeeded).
//!
//! The library never prints and never exits: [`build`] and [`check`] return a [`Report`] with
//! every [`diag::Diagnostic`], and the binary decides what to show and which exit code to use.
//! Every source of nondeterminism, the clock included, comes in through [`BuildOptions`].

pub mod cachefile;
pub mod config;
pub mod diag;
pub mod escape;
pub mod frontmatter;
pub mod locale;
pub mod markdown;
pub mod mention;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod source;
pub mod theme;
pub mod toml_de;
pub mod urls;

use std::path::PathBuf;

use std::sync::Arc;

use jiff::Timestamp;

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
    /// Internal links relative to each page (`--relative-urls`; or `relative_urls` in
    /// config.toml).
    pub relative_urls: bool,
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
    /// Files in the output (for `check`: the files a build would write).
    pub files: usize,
    /// Files added, changed or removed compared with the previous output.
    pub changed: usize,
}

/// The outcome of `build` or `check`.
#[derive(Debug, Default)]
pub struct Report {
    /// All problems found, sorted.
    pub diagnostics: diag::Problems,
    /// The output paths an in-memory render changed since the builder's last good one
    /// (added, removed or with other bytes), sorted; empty for `build` and `check`.
    pub changed_files: Vec<String>,
    /// What was built.
    pub counts: Counts,
    /// When the next embargoed (or future-dated) release becomes public.
    pub next_embargo: Option<Timestamp>,
    /// Why the output could not be written, if that failed.
    pub commit_error: Option<diag::Msg>,
    /// Wall time of each phase, for `HEROLD_TIMINGS=1` and benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// The language of the site's messages: its `language` (German by default), read even
    /// from a config.toml with mistakes; `None` when config.toml is missing or no language can
    /// be read from it (the caller then decides, e.g. by `--lang` or `LANG`).
    pub language: Option<config::Language>,
    /// True when warnings failed the run (`--deny-warnings`).
    pub warnings_denied: bool,
    /// Release bodies taken from the parse cache on disk and bodies rendered afresh; `None`
    /// when the run did not use the cache.
    pub bodies_reused: Option<(usize, usize)>,
}

impl Report {
    /// True when the build or check failed (any error, or the output could not be written).
    pub fn failed(&self) -> bool {
        self.commit_error.is_some() || self.warnings_denied || self.diagnostics.error_count() > 0
    }
}

/// Loads, checks and renders the site in memory (a one-off [`pipeline::Builder`]).
pub fn render_site(opts: &BuildOptions) -> (Option<Arc<output::Output>>, Report) {
    pipeline::Builder::new(opts.clone()).render()
}

/// `herold check`: everything `build` does except writing.
pub fn check(opts: &BuildOptions) -> Report {
    pipeline::Builder::new(opts.clone()).check()
}

/// `herold build`: render the site into a staging folder and, when there is no error, swap it
/// in for the output folder.
pub fn build(opts: &BuildOptions) -> Report {
    pipeline::Builder::new(opts.clone()).build()
}
