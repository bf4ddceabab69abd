//! The related releases of the last build, on disk (`.NAME.herold-cache/related`), so that a
//! build in a new process (after `git pull`, in CI) does not score ten thousand releases again
//! when nothing that relatedness reads changed.
//!
//! Related releases are a function of what resolving reads (see [`super::reuse`]): the key of
//! the configuration, records and pages, and each release's key (file, dates, slug, topic,
//! references, aliases, draft, public now), in loading order. The file is written for the
//! digest of all of them, so an edit of a release's text keeps it, and a changed reference,
//! date or record does not. Like the other cache files it can never change what a build makes:
//! a file made by another herold (code fingerprint), for other inputs, or damaged (checksum), or
//! naming a release that does not exist, is ignored, and the related releases are computed.

use std::path::Path;
use std::sync::LazyLock;

use crate::cachefile::{self, Kind, Reader, Writer};
use crate::site::ReleaseId;

/// The file's name inside the cache folder.
const FILE: &str = "related";
/// Starts and ends the file.
const MAGIC: &[u8; 8] = b"HEROLDRL";
/// The layout of the file; raised when it changes.
const FORMAT: u32 = 1;

/// A fingerprint of the code that resolves and scores releases (and of this file's layout).
static CODE: LazyLock<u64> = LazyLock::new(|| {
    cachefile::code_fingerprint(&[
        include_str!("mod.rs"),
        include_str!("related.rs"),
        include_str!("reuse.rs"),
        include_str!("persist.rs"),
        include_str!("../cachefile.rs"),
        include_str!("../site.rs"),
        include_str!("../../Cargo.lock"),
    ])
});

/// What the file is, for the inputs whose digest is `inputs`.
fn kind(inputs: u64) -> Kind<'static> {
    Kind {
        name: FILE,
        magic: MAGIC,
        format: FORMAT,
        code: *CODE,
        made_for: inputs,
    }
}

/// The related releases of each published release, if the last build left a usable file for
/// the inputs with digest `inputs`.
pub(super) fn load(folder: &Path, inputs: u64) -> Option<Vec<Vec<ReleaseId>>> {
    let mut r = Reader::open(folder, &kind(inputs))?;
    let releases = r.count()?;
    // Each list takes at least its count, each id four bytes.
    let mut out = Vec::with_capacity(r.capacity(releases, 4));
    for _ in 0..releases {
        let n = r.count()?;
        let mut list = Vec::with_capacity(r.capacity(n, 4));
        for _ in 0..n {
            let id = r.u32()?;
            if usize::try_from(id).ok()? >= releases {
                return None;
            }
            list.push(ReleaseId(id));
        }
        out.push(list);
    }
    r.finish().then_some(out)
}

/// Writes `related` (of every published release) for the inputs with digest `inputs`.
pub(super) fn save(folder: &Path, inputs: u64, related: &[Vec<ReleaseId>]) {
    let Ok(mut w) = Writer::create(folder, &kind(inputs)) else {
        return;
    };
    w.count(related.len());
    for list in related {
        w.count(list.len());
        for id in list {
            w.u32(id.0);
        }
    }
    w.finish();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Vec<ReleaseId>> {
        vec![
            vec![ReleaseId(2), ReleaseId(1)],
            Vec::new(),
            vec![ReleaseId(0)],
        ]
    }

    #[test]
    fn related_releases_come_back_for_the_same_inputs_only() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), 7, &sample());
        assert_eq!(load(dir.path(), 7), Some(sample()));
        assert_eq!(load(dir.path(), 8), None);
    }

    #[test]
    fn a_file_whose_count_is_damaged_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::create(dir.path(), &kind(7)).unwrap();
        w.count(u32::MAX as usize);
        w.count(u32::MAX as usize);
        w.finish();
        assert_eq!(load(dir.path(), 7), None);
    }

    #[test]
    fn a_file_naming_a_release_that_does_not_exist_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), 7, &[vec![ReleaseId(5)]]);
        assert_eq!(load(dir.path(), 7), None);
    }
}
