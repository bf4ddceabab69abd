//! Where rendered files go: every output file passes through one [`Sink`].
//!
//! - [`Output`] keeps the whole site in memory (the preview server serves from it);
//! - [`disk::Staging`] writes each file at once into a staging folder beside the output folder
//!   (hard-linking files whose bytes did not change) and swaps it in when the build succeeded;
//! - [`Discard`] keeps nothing (`check`).
//!
//! All three refuse two files at one path (a static file colliding with a page, two aliases…)
//! with a diagnostic naming both origins.

pub mod disk;
pub mod manifest;
pub mod relative;
mod swap;
mod target;

use std::collections::hash_map::Entry;
use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;

use crate::diag::{Arg, Diagnostic};
use crate::msg;

pub use disk::{check_target, Action, CommitError};
pub use manifest::MARKER;

/// The bytes of one output file: freshly rendered, or shared with a source file.
#[derive(Debug, Clone)]
pub enum Content {
    /// Rendered bytes.
    Owned(Vec<u8>),
    /// Bytes of a static file or bundle asset, shared with the source.
    Shared(Arc<[u8]>),
}

impl Content {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Content::Owned(v) => v,
            Content::Shared(a) => a,
        }
    }

    fn into_arc(self) -> Arc<[u8]> {
        match self {
            Content::Owned(v) => Arc::from(v),
            Content::Shared(a) => a,
        }
    }
}

impl From<String> for Content {
    fn from(s: String) -> Self {
        Content::Owned(s.into_bytes())
    }
}

/// Receives the files of a build, from many threads at once.
pub trait Sink: Sync {
    /// Accepts the file at `path` (relative, `/`-separated), made by `origin` (a source file,
    /// a template or "feed", for reports).
    fn put(&self, path: String, content: Content, origin: String) -> Result<(), Box<Diagnostic>>;

    /// Keeps the previous build's file at `path` as it is, if this sink still has it (the
    /// renderer found its inputs unchanged). Returns false when the file must be rendered.
    fn keep(&self, _path: &str, _origin: &str) -> Result<bool, Box<Diagnostic>> {
        Ok(false)
    }
}

/// The error for two files at one path. Pages render in parallel, so which came first is
/// chance: the origins are named in sorted order to keep reports deterministic.
fn collision(path: &str, a: &str, b: &str) -> Box<Diagnostic> {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    Box::new(
        Diagnostic::error(
            None,
            msg!(
                "output-two-files",
                path = path.to_string(),
                first = origin_arg(first),
                second = origin_arg(second)
            ),
        )
        .with_help(msg!("output-two-files-help")),
    )
}

/// An origin as a report shows it: a source file as it is; the renderer's names of the pages
/// it generates ("home page", "feed", "year 2018", "alias in …") in the report's language.
fn origin_arg(origin: &str) -> Arg {
    let named = match origin {
        "home page" => msg!("origin-home"),
        "archive" => msg!("origin-archive"),
        "archive page 1" => msg!("origin-archive-first"),
        "topic index" => msg!("origin-topic-index"),
        "programme index" => msg!("origin-programme-index"),
        "municipality index" => msg!("origin-municipality-index"),
        "404 page" => msg!("origin-not-found"),
        "search page" => msg!("origin-search"),
        "feed" => msg!("origin-feed"),
        "events page" => msg!("origin-events"),
        "calendar" => msg!("origin-calendar"),
        "open-data page" => msg!("origin-data-page"),
        "open data" => msg!("origin-data"),
        other => {
            if let Some(source) = other.strip_prefix("alias in ") {
                msg!("origin-alias", source = source.to_string())
            } else if let Some(year) = other.strip_prefix("year ") {
                msg!("origin-year", year = year.to_string())
            } else if let Some(topic) = other.strip_prefix("topic ") {
                msg!("origin-topic", topic = topic.to_string())
            } else {
                return Arg::from(other.to_string());
            }
        }
    };
    named.into()
}

/// The paths claimed so far and by whom: the collision check every sink shares.
#[derive(Debug, Default)]
pub struct Claims {
    owners: Mutex<FxHashMap<String, String>>,
}

impl Claims {
    /// Claims `path` for `origin`; a second claim is an error naming both.
    pub fn claim(&self, path: &str, origin: &str) -> Result<(), Box<Diagnostic>> {
        let mut owners = self.owners.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(existing) = owners.get(path) {
            return Err(collision(path, existing, origin));
        }
        owners.insert(path.to_string(), origin.to_string());
        Ok(())
    }

    /// Number of claimed paths.
    pub fn len(&self) -> usize {
        self.owners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// True when nothing was claimed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A sink that keeps nothing but the collision check (for `check`).
#[derive(Debug, Default)]
pub struct Discard {
    claims: Claims,
}

impl Discard {
    /// Number of files that would have been written.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// True when no file would have been written.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }
}

impl Sink for Discard {
    fn put(&self, path: String, _content: Content, origin: String) -> Result<(), Box<Diagnostic>> {
        self.claims.claim(&path, &origin)
    }
}

/// One output file in memory.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Its bytes.
    pub bytes: Arc<[u8]>,
    /// What made it (a source file, a template, "feed"), for collision reports.
    pub origin: Arc<str>,
}

/// The whole built site in memory: output path (relative, `/`-separated) → file.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// Hashed, not sorted: the preview looks files up by path, and a rebuild adds every page
    /// again (kept or new), which a sorted map makes much slower. Paths are shared with the
    /// next build, which keeps most files.
    files: FxHashMap<Arc<str>, OutFile>,
}

impl Output {
    /// An empty output.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; a second file at the same path is an error naming both origins.
    pub fn insert(
        &mut self,
        path: impl Into<Arc<str>>,
        bytes: impl Into<Arc<[u8]>>,
        origin: impl Into<Arc<str>>,
    ) -> Result<(), Box<Diagnostic>> {
        let origin = origin.into();
        match self.files.entry(path.into()) {
            Entry::Occupied(e) => Err(collision(e.key(), &e.get().origin, &origin)),
            Entry::Vacant(e) => {
                e.insert(OutFile {
                    bytes: bytes.into(),
                    origin,
                });
                Ok(())
            }
        }
    }

    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&OutFile> {
        self.files.get(path)
    }

    /// All files, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &OutFile)> {
        let mut files: Vec<(&str, &OutFile)> = self.iter_unsorted().collect();
        files.sort_unstable_by(|a, b| a.0.cmp(b.0));
        files.into_iter()
    }

    /// All files, in no particular order.
    pub fn iter_unsorted(&self) -> impl Iterator<Item = (&str, &OutFile)> {
        self.files.iter().map(|(p, f)| (&**p, f))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A sink that collects the site in memory, for the preview server and tests.
///
/// The files go into several maps by a hash of their path, so the workers that render and
/// keep pages in parallel seldom wait for each other; [`Memory::into_output`] joins them.
#[derive(Debug)]
pub struct Memory {
    shards: Vec<Mutex<Output>>,
    previous: Option<Arc<Output>>,
    /// The paths put (rendered or copied) rather than kept from `previous`.
    fresh: Mutex<Vec<String>>,
}

/// Number of maps [`Memory`] spreads its files over.
const SHARDS: usize = 16;

impl Default for Memory {
    fn default() -> Self {
        Memory::with_previous(None)
    }
}

impl Memory {
    /// A sink that can keep unchanged files from `previous`, the last good build.
    pub fn with_previous(previous: Option<Arc<Output>>) -> Self {
        let capacity = previous.as_ref().map_or(0, |p| p.len() / SHARDS);
        Memory {
            shards: (0..SHARDS)
                .map(|_| {
                    Mutex::new(Output {
                        files: FxHashMap::with_capacity_and_hasher(capacity, Default::default()),
                    })
                })
                .collect(),
            previous,
            fresh: Mutex::new(Vec::new()),
        }
    }

    /// The collected site, and the paths that differ from the previous build's (added,
    /// removed or with other bytes), sorted: what the preview reloads.
    pub fn into_output(self) -> (Output, Vec<String>) {
        let fresh = self
            .fresh
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let output = Self::join(self.shards);
        let changed = match &self.previous {
            Some(previous) => changes(previous, &output, fresh),
            None => {
                let mut all: Vec<String> = output.files.keys().map(|p| p.to_string()).collect();
                all.sort_unstable();
                all
            }
        };
        (output, changed)
    }

    fn join(shards: Vec<Mutex<Output>>) -> Output {
        let shards: Vec<FxHashMap<Arc<str>, OutFile>> = shards
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner).files)
            .collect();
        let mut files = FxHashMap::with_capacity_and_hasher(
            shards.iter().map(FxHashMap::len).sum(),
            Default::default(),
        );
        // Paths are unique across shards: each path has one shard.
        shards.into_iter().for_each(|shard| files.extend(shard));
        Output { files }
    }

    fn shard(&self, path: &str) -> std::sync::MutexGuard<'_, Output> {
        let i = xxhash_rust::xxh3::xxh3_64(path.as_bytes()) as usize % SHARDS;
        self.shards[i]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// The paths that differ between `previous` and `output`, given the paths `fresh` put into
/// `output` (every other file of `output` was kept from `previous`, bytes and all).
fn changes(previous: &Output, output: &Output, fresh: Vec<String>) -> Vec<String> {
    // Files of `previous` that are in `output`: the kept ones, and the fresh ones it had.
    let mut carried = output.len() - fresh.len();
    let mut changed = Vec::new();
    for path in fresh {
        match (previous.get(&path), output.get(&path)) {
            (Some(old), Some(new)) => {
                carried += 1;
                if old.bytes != new.bytes {
                    changed.push(path);
                }
            }
            _ => changed.push(path),
        }
    }
    // Only when files are gone (rare) is the previous build searched for them.
    if carried < previous.len() {
        changed.extend(
            previous
                .files
                .keys()
                .filter(|p| output.get(p).is_none())
                .map(|p| p.to_string()),
        );
    }
    changed.sort_unstable();
    changed
}

impl Sink for Memory {
    fn put(&self, path: String, content: Content, origin: String) -> Result<(), Box<Diagnostic>> {
        let bytes = content.into_arc();
        let fresh = path.clone();
        self.shard(&path).insert(path, bytes, origin)?;
        self.fresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(fresh);
        Ok(())
    }

    fn keep(&self, path: &str, origin: &str) -> Result<bool, Box<Diagnostic>> {
        let Some((path, old)) = self
            .previous
            .as_ref()
            .and_then(|p| p.files.get_key_value(path))
        else {
            return Ok(false);
        };
        // The path and (mostly) the origin are the previous build's, shared.
        let origin = if *old.origin == *origin {
            Arc::clone(&old.origin)
        } else {
            Arc::from(origin)
        };
        let (bytes, path) = (Arc::clone(&old.bytes), Arc::clone(path));
        self.shard(&path).insert(path, bytes, origin).map(|()| true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_keeps_files_of_the_previous_build_and_refuses_a_second_file_at_a_path() {
        let first = Memory::default();
        for i in 0..100 {
            first
                .put(
                    format!("p{i}/index.html"),
                    format!("{i}").into(),
                    "t".into(),
                )
                .unwrap();
        }
        let previous = Arc::new(first.into_output().0);
        assert_eq!(previous.len(), 100);
        let next = Memory::with_previous(Some(Arc::clone(&previous)));
        assert!(next.keep("p7/index.html", "t").unwrap());
        assert!(!next.keep("missing.html", "t").unwrap());
        assert!(next
            .put("p7/index.html".into(), "x".to_string().into(), "u".into())
            .is_err());
        next.put("new.html".into(), "n".to_string().into(), "u".into())
            .unwrap();
        let (out, changed) = next.into_output();
        assert_eq!(changed.len(), 100, "new.html added, 99 files gone");
        assert!(!changed.iter().any(|p| p == "p7/index.html"), "kept");
        let paths: Vec<&str> = out.iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            ["new.html", "p7/index.html"],
            "sorted, only what this build made"
        );
        assert!(Arc::ptr_eq(
            &out.get("p7/index.html").unwrap().bytes,
            &previous.get("p7/index.html").unwrap().bytes
        ));
    }
}
