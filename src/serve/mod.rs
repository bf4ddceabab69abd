//! `herold serve`: the preview server. Builds the site in memory, serves it from memory, and
//! rebuilds on every save.
//!
//! One [`Builder`] lives for the whole session. On each debounced batch of file changes
//! ([`watch`]) the loop in [`Preview::run`] tells the builder which files changed, moves its
//! clock forward, renders, and on success swaps the served `Arc<Output>` and bumps the build
//! generation, which wakes every waiting reload poll (`http`). A failed build keeps the last
//! good output and shows the problems in an overlay instead; the next good build clears it.
//! Nothing is ever written into `public/`.
//!
//! The builder's base URL is set to the preview's own address (`http://127.0.0.1:1111` plus the
//! base path of `config.toml`), so canonical links, feeds and the sitemap point at the preview,
//! while the sub-path stays exactly as it will be published.
//!
//! The library does not print: [`Preview::run`] reports every build as a [`ServeEvent`] and
//! the binary writes it to the terminal.

mod http;
mod paths;
pub mod watch;

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::config::Config;
use crate::diag::{Diagnostics, Msg, Severity};
use crate::msg;
use crate::output::Output;
use crate::pipeline::Builder;
use crate::{source, BuildOptions};

pub use watch::{Change, ChangeKind};

/// Where the preview's clock comes from: a fixed `--now`, or the wall clock read at each
/// rebuild (so an embargo that passes during the session lifts).
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// What `herold serve` was asked to do.
#[derive(Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The address to listen on (`127.0.0.1`).
    pub bind: String,
    /// The port (`1111`; `0` picks a free one).
    pub port: u16,
    /// Show drafts too.
    pub drafts: bool,
    /// The instant embargoes are checked against, asked anew at every rebuild.
    pub clock: Clock,
    /// The language of messages while config.toml gives none (`--lang`, `LANG`).
    pub lang: crate::config::Language,
}

/// Why the preview could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The site folder does not exist or cannot be read.
    #[error("{}", self.message())]
    Root {
        /// The `--root` folder.
        path: PathBuf,
        /// The OS error.
        reason: Msg,
    },
    /// The address is taken or not ours.
    #[error("{}", self.message())]
    Bind {
        /// `ADDR:PORT`.
        addr: String,
        /// The OS error.
        reason: String,
    },
    /// The file watcher could not be started.
    #[error("{}", self.message())]
    Watch {
        /// The site folder.
        path: PathBuf,
        /// notify's error.
        reason: String,
    },
}

impl ServeError {
    /// What went wrong, as a message of the catalogue.
    pub fn message(&self) -> Msg {
        match self {
            ServeError::Root { path, reason } => msg!(
                "serve-root",
                path = path.display().to_string(),
                reason = reason.clone()
            ),
            ServeError::Bind { addr, reason } => {
                msg!("serve-bind", addr = addr, reason = reason)
            }
            ServeError::Watch { path, reason } => msg!(
                "serve-watch",
                path = path.display().to_string(),
                reason = reason
            ),
        }
    }
}

/// What started a build.
#[derive(Debug, Clone)]
pub enum Cause {
    /// The first build of the session.
    Start,
    /// Files changed.
    Files(Vec<Change>),
    /// The next embargoed or future-dated release became due.
    EmbargoPassed,
    /// The watcher lost events; everything was read again.
    Rescan,
}

/// One build of the session, for the terminal.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// What started it.
    pub cause: Cause,
    /// True when the site built; false when the last good site is still served.
    pub ok: bool,
    /// Output files added, removed or with other bytes than before.
    pub rewritten: usize,
    /// Output files now served.
    pub total: usize,
    /// Wall time from the start of the build to the swap.
    pub took: Duration,
    /// Every problem found (errors and warnings), sorted.
    pub diagnostics: crate::diag::Problems,
    /// True when `diagnostics` differ from the previous build's, so they are worth printing.
    pub new_diagnostics: bool,
    /// The language of the site's messages.
    pub language: crate::config::Language,
}

impl fmt::Display for Rebuild {
    /// One short line: what changed, how many files were rewritten, how long it took.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.took.as_secs_f64() * 1000.0;
        match &self.cause {
            Cause::Start => f.write_str("first build")?,
            Cause::EmbargoPassed => f.write_str("an embargo passed")?,
            Cause::Rescan => f.write_str("files changed (rescan)")?,
            Cause::Files(changes) => match changes.as_slice() {
                [one] => write!(f, "{one}")?,
                many => {
                    let mut kinds: Vec<&str> = many.iter().map(|c| c.kind.label()).collect();
                    kinds.sort_unstable();
                    kinds.dedup();
                    write!(f, "{} files ({})", many.len(), kinds.join(", "))?;
                }
            },
        }
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = self.diagnostics.len() - errors;
        if self.ok {
            write!(
                f,
                " → {} of {} files rewritten in {ms:.0} ms",
                self.rewritten, self.total
            )?;
            if warnings > 0 {
                write!(f, " ({warnings} warning(s))")?;
            }
            Ok(())
        } else if self.total == 0 {
            write!(
                f,
                " → {errors} error(s) in {ms:.0} ms; nothing to serve until they are fixed"
            )
        } else {
            write!(
                f,
                " → {errors} error(s) in {ms:.0} ms; still serving the last good site"
            )
        }
    }
}

/// What [`Preview::run`] reports.
#[derive(Debug, Clone)]
pub enum ServeEvent {
    /// A build finished.
    Rebuilt(Rebuild),
    /// The file watcher had a problem (the server goes on).
    WatchProblem(String),
}

/// Ends [`Preview::run`] from another thread.
#[derive(Debug, Clone)]
pub struct Stopper(Arc<AtomicBool>);

impl Stopper {
    /// Asks the preview to stop; `run` returns within about 100 ms.
    pub fn stop(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// A running preview server: listening, watching, and (in [`Preview::run`]) rebuilding.
pub struct Preview {
    opts: ServeOptions,
    root: PathBuf,
    origin: String,
    base_path: String,
    builder: Builder,
    watcher: watch::SiteWatcher,
    server: Arc<tiny_http::Server>,
    shared: Arc<http::Shared>,
    stop: Arc<AtomicBool>,
    next_embargo: Option<Timestamp>,
    /// The last build's problems, to print them only when they changed.
    last_diagnostics: Option<crate::diag::Problems>,
}

impl Preview {
    /// Binds the address and starts watching; requests wait for the first build, which
    /// [`Preview::run`] makes.
    pub fn start(opts: ServeOptions) -> Result<Preview, ServeError> {
        let root = opts.root.canonicalize().map_err(|e| ServeError::Root {
            path: opts.root.clone(),
            reason: crate::diag::io_reason(&e),
        })?;
        let addr = format!("{}:{}", opts.bind, opts.port);
        let server = listen(&addr).map_err(|reason| ServeError::Bind {
            addr: addr.clone(),
            reason,
        })?;
        let origin = match server.server_addr().to_ip() {
            Some(a) => origin_of(a),
            None => format!("http://{addr}"),
        };
        let watcher = watch::SiteWatcher::new(&root, &root.join("public")).map_err(|e| {
            ServeError::Watch {
                path: root.clone(),
                reason: e.to_string(),
            }
        })?;
        let base_path = read_base_path(&root).unwrap_or_else(|| "/".into());
        let builder = new_builder(&opts, &root, &origin, &base_path);
        let shared = Arc::new(http::Shared::default());
        shared.lock().base_path = base_path.clone();
        let server = Arc::new(server);
        {
            let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
            std::thread::Builder::new()
                .name("herold-accept".into())
                .spawn(move || http::accept_loop(server, shared))
                .map_err(|e| ServeError::Bind {
                    addr,
                    reason: e.to_string(),
                })?;
        }
        Ok(Preview {
            opts,
            root,
            origin,
            base_path,
            builder,
            watcher,
            server,
            shared,
            stop: Arc::new(AtomicBool::new(false)),
            next_embargo: None,
            last_diagnostics: None,
        })
    }

    /// The site's address: `http://127.0.0.1:1111/` plus the base path.
    pub fn url(&self) -> String {
        format!("{}{}", self.origin, self.base_path)
    }

    /// A handle that ends [`Preview::run`].
    pub fn stopper(&self) -> Stopper {
        Stopper(Arc::clone(&self.stop))
    }

    /// Builds the site, then rebuilds on every change until stopped, reporting each build.
    pub fn run(mut self, mut report: impl FnMut(ServeEvent)) {
        report(ServeEvent::Rebuilt(self.rebuild(Cause::Start)));
        while !self.stop.load(Ordering::SeqCst) {
            let batch = self.watcher.next_batch(Duration::from_millis(100));
            for e in &batch.errors {
                report(ServeEvent::WatchProblem(e.clone()));
            }
            let cause = if batch.rescan {
                Cause::Rescan
            } else if !batch.changes.is_empty() {
                Cause::Files(batch.changes)
            } else if self.next_embargo.is_some_and(|t| (self.opts.clock)() >= t) {
                Cause::EmbargoPassed
            } else {
                continue;
            };
            let due = self.next_embargo;
            let rebuilt = self.rebuild(cause);
            if matches!(rebuilt.cause, Cause::EmbargoPassed) && self.next_embargo == due {
                // Not lifted after all (the clock went back?): do not rebuild in a loop.
                self.next_embargo = None;
            }
            report(ServeEvent::Rebuilt(rebuilt));
        }
    }

    fn rebuild(&mut self, cause: Cause) -> Rebuild {
        let started = Instant::now();
        let fresh = match &cause {
            Cause::Rescan => true,
            Cause::Files(changes) => {
                let config_changed = changes.iter().any(|c| c.kind == ChangeKind::Config);
                let base_changed = config_changed
                    && read_base_path(&self.root).is_some_and(|b| b != self.base_path);
                if base_changed {
                    self.base_path = read_base_path(&self.root).unwrap_or_default();
                } else {
                    self.builder.changed(changes.iter().map(|c| c.path.clone()));
                }
                base_changed
            }
            Cause::Start | Cause::EmbargoPassed => false,
        };
        if fresh {
            // The base URL is fixed when a Builder is made, so a new base path needs a new one.
            self.builder = new_builder(&self.opts, &self.root, &self.origin, &self.base_path);
        }
        self.builder.set_now((self.opts.clock)());
        let (output, report) = self.builder.render();
        let language = report.language.unwrap_or(self.opts.lang);
        self.next_embargo = report.next_embargo;
        let previous = self.shared.lock().output.clone();
        let changed = &report.changed_files;
        let (rewritten, css_only) = match (&output, &previous) {
            (Some(_), Some(_)) => {
                let css_only = !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css"));
                (changed.len(), css_only)
            }
            (Some(new), None) => (new.len(), false),
            (None, _) => (0, false),
        };
        let ok = output.is_some();
        let total = output.as_ref().or(previous.as_ref()).map_or(0, |o| o.len());
        {
            let mut state = self.shared.lock();
            state.generation += 1;
            state.base_path = self.base_path.clone();
            state.language = language;
            if let Some(new) = output {
                // The old site is freed after the lock is released, off this thread.
                crate::pipeline::drop_in_background(state.output.replace(new));
                state.overlay = None;
                if css_only {
                    state.css_gen = state.generation;
                } else if rewritten > 0 || fresh {
                    state.reload_gen = state.generation;
                }
            } else {
                state.overlay = Some(Arc::from(http::overlay_html(&report.diagnostics, language)));
            }
            self.shared.changed.notify_all();
        }
        let took = started.elapsed();
        let new_diagnostics = !self
            .last_diagnostics
            .as_ref()
            .is_some_and(|last| last.shows_same_as(&report.diagnostics));
        self.last_diagnostics = Some(report.diagnostics.clone());
        Rebuild {
            cause,
            ok,
            rewritten,
            total,
            took,
            diagnostics: report.diagnostics,
            new_diagnostics,
            language,
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        self.shared.lock().stopping = true;
        self.shared.changed.notify_all();
        self.server.unblock();
    }
}

/// Binds `addr` with `TCP_NODELAY`, which accepted connections inherit. tiny_http writes the
/// head and the body of an answer separately; with Nagle's algorithm the body then waits for
/// the browser's delayed ACK, and every page takes 40 ms longer on a kept-alive connection.
fn listen(addr: &str) -> Result<tiny_http::Server, String> {
    let listener = std::net::TcpListener::bind(addr).map_err(|e| e.to_string())?;
    // Only a speed-up: serve without it if the option cannot be set.
    let _ = socket2::SockRef::from(&listener).set_tcp_nodelay(true);
    tiny_http::Server::from_listener(listener, None).map_err(|e| e.to_string())
}

/// `http://ADDR:PORT` for the address actually bound; an unspecified address (`0.0.0.0`,
/// `::`) is shown as the loopback address, which reaches it.
fn origin_of(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("http://127.0.0.1:{}", addr.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("http://[::1]:{}", addr.port()),
        _ => format!("http://{addr}"),
    }
}

/// The base path of `config.toml` (`/` or `/presse/`), or `None` while it does not parse.
fn read_base_path(root: &Path) -> Option<String> {
    let mut diags = Diagnostics::new();
    let text = source::read_config(root, &mut diags)?;
    Config::parse(&text.text, None).ok().map(|c| c.base_path)
}

fn new_builder(opts: &ServeOptions, root: &Path, origin: &str, base_path: &str) -> Builder {
    Builder::new(BuildOptions {
        root: root.to_path_buf(),
        // Only `render` is used, which writes nothing.
        output: None,
        base_url: Some(format!("{origin}{base_path}")),
        drafts: opts.drafts,
        now: (opts.clock)(),
        relative_urls: false,
    })
}

/// The output paths that differ between two builds: added, removed, or with other bytes;
/// sorted. A full comparison: the preview itself uses the list the render reports
/// ([`crate::Report::changed_files`]); the tests check that list against this one.
pub fn changed_paths(old: &Output, new: &Output) -> Vec<String> {
    let differs = |a: &crate::output::OutFile, b: &crate::output::OutFile| {
        !Arc::ptr_eq(&a.bytes, &b.bytes) && a.bytes != b.bytes
    };
    let mut changed: Vec<String> = new
        .iter_unsorted()
        .filter(|(p, f)| old.get(p).is_none_or(|o| differs(o, f)))
        .chain(old.iter_unsorted().filter(|(p, _)| new.get(p).is_none()))
        .map(|(p, _)| p.to_string())
        .collect();
    changed.sort_unstable();
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        let mut o = Output::new();
        for (p, b) in files {
            o.insert(*p, b.as_bytes().to_vec(), "t").unwrap();
        }
        o
    }

    #[test]
    fn changed_paths_finds_added_removed_and_changed_files() {
        let old = output(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let new = output(&[("b", "2"), ("c", "4"), ("d", "5")]);
        assert_eq!(changed_paths(&old, &new), ["a", "c", "d"]);
        assert!(changed_paths(&new, &new).is_empty());
    }

    #[test]
    fn origins_show_a_reachable_host() {
        let at = |s: &str| origin_of(s.parse().unwrap());
        assert_eq!(at("127.0.0.1:1111"), "http://127.0.0.1:1111");
        assert_eq!(at("0.0.0.0:8080"), "http://127.0.0.1:8080");
        assert_eq!(at("[::1]:1111"), "http://[::1]:1111");
        assert_eq!(at("[::]:1111"), "http://[::1]:1111");
    }

    #[test]
    fn the_terminal_line_is_short() {
        let change = |rel: &str, kind| Change {
            path: PathBuf::from("/s").join(rel),
            rel: rel.into(),
            kind,
            removed: false,
        };
        let mut r = Rebuild {
            cause: Cause::Files(vec![change("content/releases/a.md", ChangeKind::Release)]),
            ok: true,
            rewritten: 7,
            total: 120,
            took: Duration::from_millis(42),
            diagnostics: Default::default(),
            new_diagnostics: false,
            language: crate::config::Language::En,
        };
        assert_eq!(
            r.to_string(),
            "release content/releases/a.md → 7 of 120 files rewritten in 42 ms"
        );
        r.cause = Cause::Files(vec![
            change("content/releases/a.md", ChangeKind::Release),
            change("templates/base.html", ChangeKind::Template),
            change("content/releases/b.md", ChangeKind::Release),
        ]);
        r.ok = false;
        r.diagnostics = vec![crate::diag::Diagnostic::error(None, msg!("fm-empty"))].into();
        assert_eq!(
            r.to_string(),
            "3 files (release, template) → 1 error(s) in 42 ms; still serving the last good site"
        );
    }
}
