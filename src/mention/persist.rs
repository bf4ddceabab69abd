//! The names found in each release, on disk: what the scan of the last build found
//! ([`Hit`]s), kept beside the parse cache (`.NAME.herold-cache/mentions`) so that the next
//! build, in a new process, scans only the releases it does not find there.
//!
//! What the scan finds depends on the release's file (its version) and on the records' names
//! (the digest of all records, which the file is written for), so each release's hits are
//! kept under its version. Like the parse cache, the file can never change what a build
//! reports: a file made by another herold (code fingerprint), for other records, or damaged
//! (checksum) is ignored as a whole, and every release is scanned (see [`crate::cachefile`]).
//! It is written only when it would differ from what was loaded.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap;

use super::Hit;
use crate::cachefile::{self, Kind, Reader, Writer};

/// The file's name inside the cache folder.
const FILE: &str = "mentions";
/// Starts and ends the file.
const MAGIC: &[u8; 8] = b"HEROLDMN";
/// The layout of the file; raised when it changes.
const FORMAT: u32 = 1;

/// A fingerprint of the code that finds names and makes a release's prose (the mention check,
/// front matter and Markdown).
static CODE: LazyLock<u64> = LazyLock::new(|| {
    cachefile::code_fingerprint(&[
        include_str!("mod.rs"),
        include_str!("text.rs"),
        include_str!("persist.rs"),
        include_str!("../cachefile.rs"),
        include_str!("../frontmatter.rs"),
        include_str!("../markdown/mod.rs"),
        include_str!("../model/mod.rs"),
        include_str!("../model/release.rs"),
        include_str!("../../Cargo.lock"),
    ])
});

/// What the file is, for the records whose digest is `records`.
fn kind(records: u64) -> Kind<'static> {
    Kind {
        name: FILE,
        magic: MAGIC,
        format: FORMAT,
        code: *CODE,
        made_for: records,
    }
}

/// The hits of the last build by release version, if it left a usable file for the records
/// whose digest is `records`.
pub(super) fn load(folder: &Path, records: u64) -> Option<FxHashMap<u64, Arc<[Hit]>>> {
    let mut r = Reader::open(folder, &kind(records))?;
    let n = r.count()?;
    let mut out = FxHashMap::default();
    // Each entry takes at least its version and count, each hit 13 bytes.
    out.reserve(r.capacity(n, 12));
    for _ in 0..n {
        let version = r.u64()?;
        let count = r.count()?;
        let mut hits = Vec::with_capacity(r.capacity(count, 13));
        for _ in 0..count {
            hits.push(Hit {
                start: r.u32()?,
                end: r.u32()?,
                pattern: r.u32()?,
                family: r.u8()?,
            });
        }
        out.insert(version, Arc::from(hits));
    }
    r.finish().then_some(out)
}

/// Writes the hits of every release (by version) for the records with digest `records`.
pub(super) fn save(folder: &Path, records: u64, hits: &[(u64, Arc<[Hit]>)]) {
    let Ok(mut w) = Writer::create(folder, &kind(records)) else {
        return;
    };
    w.count(hits.len());
    for (version, list) in hits {
        w.u64(*version);
        w.count(list.len());
        for h in list.iter() {
            w.u32(h.start);
            w.u32(h.end);
            w.u32(h.pattern);
            w.u8(h.family);
        }
    }
    w.finish();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<(u64, Arc<[Hit]>)> {
        let hit = |start, end, pattern, family| Hit {
            start,
            end,
            pattern,
            family,
        };
        vec![
            (
                1,
                Arc::from(vec![
                    hit(3, 11, 0, super::super::NO_FAMILY),
                    hit(20, 31, 7, 2),
                ]),
            ),
            (2, Arc::from(Vec::new())),
        ]
    }

    #[test]
    fn hits_come_back_by_version() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), 5, &sample());
        let back = load(dir.path(), 5).unwrap();
        assert_eq!(back.len(), 2);
        for (version, hits) in sample() {
            assert_eq!(back[&version], hits);
        }
    }

    #[test]
    fn a_file_whose_count_is_damaged_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::create(dir.path(), &kind(5)).unwrap();
        w.count(u32::MAX as usize);
        w.u64(1);
        w.count(u32::MAX as usize);
        w.finish();
        assert!(load(dir.path(), 5).is_none());
    }

    #[test]
    fn hits_for_other_records_are_not_used() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), 5, &sample());
        assert!(load(dir.path(), 6).is_none());
    }
}
