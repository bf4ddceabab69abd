//! The pipeline from files to an in-memory site: read → parse → resolve → render.
//!
//! [`Builder`] runs it and keeps what one build can hand to the next (the preview server
//! rebuilds many times); `build` and `check` use a fresh one.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::{self, Output};
use crate::resolve::{self, Loaded, Publish};
use crate::{model, render, source, BuildOptions, Counts, Report};

/// Runs the pipeline for one site.
#[derive(Debug)]
pub struct Builder {
    opts: BuildOptions,
    changed: Vec<std::path::PathBuf>,
}

impl Builder {
    /// A builder for the site described by `opts`.
    pub fn new(opts: BuildOptions) -> Self {
        Builder {
            opts,
            changed: Vec::new(),
        }
    }

    /// Tells the builder which files changed since the last [`Builder::render`] (absolute
    /// paths, or relative to the site root). It may then re-read only those; without a call it
    /// re-reads everything. A file it does not know about makes it start afresh.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = std::path::PathBuf>) {
        self.changed.extend(paths);
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
        self.changed.clear();
        let mut diags = Diagnostics::new();
        let mut report = Report::default();
        let result = load_and_resolve(&self.opts, &mut diags, &mut report.timings);
        let started = Instant::now();
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
        let out = if diags.has_errors() {
            None
        } else {
            out.map(Arc::new)
        };
        report.diagnostics = diags.into_sorted();
        (out, report)
    }
}

fn load_and_resolve(
    opts: &BuildOptions,
    diags: &mut Diagnostics,
    timings: &mut Vec<(&'static str, Duration)>,
) -> Option<resolve::Resolved> {
    let mut clock = Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
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
