//! The parsed front matters of the last build, on disk (`.NAME.herold-cache/fronts`): beside
//! the bodies, the other half of the parse cache. A build in a new process takes the front
//! matter of each release whose front matter text is unchanged from there (see [`super::codec`])
//! and parses the TOML only of the others.
//!
//! A parsed front matter depends on its text alone (and on the code that parses it), so each
//! is kept under a 128-bit hash of that text. The whole file is read at the start of the parse
//! (about 0.7 KB per release) and dropped at its end. Like the other cache files it can never
//! change what a build makes or reports: a file of another herold (code fingerprint), or
//! damaged (checksum), is ignored as a whole, an entry that does not decode is parsed again,
//! and the checks run on the decoded front matter exactly as on a parsed one. It is written
//! only when this build's entries differ from the file's.

use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex, PoisonError, RwLock};

use rustc_hash::FxHashMap;

use super::{codec, FrontMatter};
use crate::cachefile::{self, Kind, Reader, Writer};

/// The file's name inside the cache folder.
const FILE: &str = "fronts";
/// Starts and ends the file.
const MAGIC: &[u8; 8] = b"HEROLDFM";
/// The layout of the file; raised when it changes.
const FORMAT: u32 = 1;

/// A fingerprint of the code that parses front matters and writes them as bytes.
static CODE: LazyLock<u64> = LazyLock::new(|| {
    cachefile::code_fingerprint(&[
        include_str!("../release.rs"),
        include_str!("../history.rs"),
        include_str!("codec.rs"),
        include_str!("cache.rs"),
        include_str!("../../cachefile.rs"),
        include_str!("../../../Cargo.lock"),
    ])
});

fn kind() -> Kind<'static> {
    Kind {
        name: FILE,
        magic: MAGIC,
        format: FORMAT,
        code: *CODE,
        made_for: 0,
    }
}

/// The key of a front matter: the hash of its text.
pub(super) fn key(front: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(front.as_bytes())
}

/// A cache file's entries: where each key's bytes stand in `bytes`.
#[derive(Debug, Default)]
struct Entries {
    index: FxHashMap<u128, (usize, usize)>,
    bytes: Vec<u8>,
}

impl Entries {
    fn get(&self, key: &u128) -> Option<&[u8]> {
        let &(start, end) = self.index.get(key)?;
        self.bytes.get(start..end)
    }
}

/// A front matter this build used: its key, and its bytes when they are new.
type Used = (u128, Option<Box<[u8]>>);

/// The last build's file: being read on a thread of its own, read, or dropped.
#[derive(Debug)]
enum Previous {
    Loading(std::thread::JoinHandle<Option<Entries>>),
    Ready(Entries),
    Gone,
}

impl Previous {
    /// The entries, once the thread reading them is done; `None` once they are dropped.
    fn ready(&mut self) -> Option<&Entries> {
        if let Previous::Loading(_) = self {
            if let Previous::Loading(thread) = std::mem::replace(self, Previous::Gone) {
                *self = Previous::Ready(thread.join().ok().flatten().unwrap_or_default());
            }
        }
        match self {
            Previous::Ready(entries) => Some(entries),
            _ => None,
        }
    }
}

/// The front matters of the last build, and those of this one (see the module docs).
#[derive(Debug)]
pub struct FrontCache {
    folder: PathBuf,
    writes: bool,
    /// The last build's entries (dropped by [`FrontCache::finish`]).
    previous: RwLock<Previous>,
    /// This build's entries: the key of each front matter it used, with its bytes when they
    /// were not in the last build's file (`None`: taken from there).
    used: Mutex<Vec<Used>>,
}

impl FrontCache {
    /// The cache of the folder `folder`; with `writes`, [`FrontCache::finish`] writes this
    /// build's entries there (`check` only reads). The file is read on a thread of its own
    /// while the site's files are read.
    pub fn open(folder: &Path, writes: bool) -> FrontCache {
        let at = folder.to_path_buf();
        let previous = match std::thread::Builder::new().spawn(move || load(&at)) {
            Ok(thread) => Previous::Loading(thread),
            Err(_) => Previous::Ready(load(folder).unwrap_or_default()),
        };
        FrontCache {
            folder: folder.to_path_buf(),
            writes,
            previous: RwLock::new(previous),
            used: Mutex::new(Vec::new()),
        }
    }

    /// The front matter with text hash `key`, if the last build kept one that decodes.
    pub(super) fn get(&self, key: u128) -> Option<FrontMatter> {
        let fm = {
            let previous = self.previous.read().unwrap_or_else(PoisonError::into_inner);
            match &*previous {
                Previous::Ready(entries) => codec::decode(entries.get(&key)?)?,
                Previous::Gone => return None,
                Previous::Loading(_) => {
                    drop(previous);
                    let mut previous = self
                        .previous
                        .write()
                        .unwrap_or_else(PoisonError::into_inner);
                    codec::decode(previous.ready()?.get(&key)?)?
                }
            }
        };
        self.note(key, None);
        Some(fm)
    }

    /// Keeps `fm`, parsed from the text with hash `key`, for the next build (if it can be
    /// kept).
    pub(super) fn keep(&self, key: u128, fm: &FrontMatter) {
        if self.writes {
            if let Some(bytes) = codec::encode(fm) {
                self.note(key, Some(bytes.into_boxed_slice()));
            }
        }
    }

    fn note(&self, key: u128, bytes: Option<Box<[u8]>>) {
        if self.writes {
            self.used
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((key, bytes));
        }
    }

    /// Writes this build's entries when they differ from the last build's file, and drops
    /// the last build's.
    pub fn finish(&self) {
        let previous = {
            let mut guard = self
                .previous
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            guard.ready();
            // Dropped here, before the render, whether or not it is written.
            match std::mem::replace(&mut *guard, Previous::Gone) {
                Previous::Ready(entries) => entries,
                _ => Entries::default(),
            }
        };
        let mut used =
            std::mem::take(&mut *self.used.lock().unwrap_or_else(PoisonError::into_inner));
        if !self.writes {
            return;
        }
        used.sort_unstable_by_key(|(k, _)| *k);
        used.dedup_by_key(|(k, _)| *k);
        if used.len() == previous.index.len() && used.iter().all(|(_, fresh)| fresh.is_none()) {
            return;
        }
        let entries = used.iter().filter_map(|(k, fresh)| {
            let bytes = fresh.as_deref().or_else(|| previous.get(k))?;
            Some((*k, bytes))
        });
        save(&self.folder, entries.collect());
    }
}

/// The entries of the last build's file, if it left a usable one.
fn load(folder: &Path) -> Option<Entries> {
    let size = std::fs::metadata(folder.join(FILE)).ok()?.len();
    let mut r = Reader::open(folder, &kind())?;
    let n = r.count()?;
    let mut out = Entries::default();
    // Each entry takes at least its key and length.
    out.index.reserve(r.capacity(n, 20));
    // The entries take all but the header, the keys and the lengths: allocated once.
    out.bytes.reserve(
        usize::try_from(size)
            .ok()?
            .saturating_sub(n.saturating_mul(20)),
    );
    for _ in 0..n {
        let key = u128::from(r.u64()?) | (u128::from(r.u64()?) << 64);
        let len = r.count()?;
        let start = out.bytes.len();
        out.bytes.extend_from_slice(r.take(len)?);
        out.index.insert(key, (start, out.bytes.len()));
    }
    r.finish().then_some(out)
}

/// Writes `entries` as the cache file.
fn save(folder: &Path, entries: Vec<(u128, &[u8])>) {
    let Ok(mut w) = Writer::create(folder, &kind()) else {
        return;
    };
    w.count(entries.len());
    for (key, bytes) in entries {
        w.u64(key as u64);
        w.u64((key >> 64) as u64);
        w.count(bytes.len());
        w.bytes(bytes);
    }
    w.finish();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(front: &str) -> FrontMatter {
        toml::from_str(front).unwrap()
    }

    #[test]
    fn front_matters_come_back_in_the_next_build_and_unused_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (
            "title = \"A\"\ndate = 2020-01-01\n",
            "title = \"B\"\ndate = 2021-02-03\n",
        );
        let first = FrontCache::open(dir.path(), true);
        assert!(first.get(key(a)).is_none());
        first.keep(key(a), &parse(a));
        first.keep(key(b), &parse(b));
        first.finish();
        let second = FrontCache::open(dir.path(), true);
        let back = second.get(key(a)).unwrap();
        assert_eq!(format!("{back:?}"), format!("{:?}", parse(a)));
        second.finish();
        // `b` was not used: the file now holds `a` only.
        let third = FrontCache::open(dir.path(), false);
        assert!(third.get(key(a)).is_some());
        assert!(third.get(key(b)).is_none());
    }

    #[test]
    fn a_build_that_only_reads_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = "title = \"A\"\ndate = 2020-01-01\n";
        let check = FrontCache::open(dir.path(), false);
        check.keep(key(a), &parse(a));
        check.finish();
        assert!(!dir.path().join(FILE).exists());
    }
}
