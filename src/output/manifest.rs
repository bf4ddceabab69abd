//! What herold knows about the files of an output folder, so a rebuild on disk can skip work.
//!
//! - The **manifest**, in the marker file `.herold-output` inside the output folder, lists
//!   every file herold wrote there with a hash of its bytes and, for pages and feeds, the
//!   fingerprint of the inputs it was rendered from. A page whose inputs are unchanged (same
//!   fingerprint) is not rendered again; a file whose bytes are unchanged (same hash) is not
//!   written again. It is deterministic, like the rest of the output.
//! - The **stamps**, in `.NAME.herold-stamps` beside the output folder, record each file's
//!   size and modification time by inode, as herold left it. A file whose stamp differs was
//!   changed by someone else, and its recorded hash says nothing about its bytes: it is never
//!   trusted. Stamps are hints: a missing or outdated stamps file only costs speed.

use std::collections::HashMap;
use std::path::Path;

/// Name of the marker file in every output folder; it also holds the manifest of the build.
pub const MARKER: &str = ".herold-output";

/// First line of the current manifest format.
const HEADER: &str = "herold-output 4: written by herold, replaced on every build. Files:";

/// First line of the previous format, which listed only paths (still read, so an output
/// folder made by an older herold is recognised as herold's).
const HEADER_V3: &str = "herold-output 3: written by herold, replaced on every build. Files:";

/// First line of the stamps file.
const STAMPS_HEADER: &str = "herold-stamps 1";

/// What the manifest records about one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// xxh3 hash of the file's bytes; `None` when unknown (older manifest format).
    pub hash: Option<u64>,
    /// Fingerprint of the inputs the file was rendered from (pages and feeds only).
    pub fingerprint: Option<u64>,
}

/// The files of one output folder, by path relative to it (with `/`).
#[derive(Debug, Default)]
pub struct Manifest {
    /// The recorded files.
    pub files: HashMap<String, Entry>,
}

impl Manifest {
    /// Reads the manifest of the output folder `dir`: `None` when it has no marker file or one
    /// herold did not write.
    pub fn read(dir: &Path) -> Option<Manifest> {
        Manifest::parse(&std::fs::read_to_string(dir.join(MARKER)).ok()?)
    }

    /// Parses a marker file's text (see [`Manifest::read`]).
    pub fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        let header = lines.next()?;
        let lines = lines.filter(|l| !l.is_empty());
        let files = if header == HEADER_V3 {
            let unknown = Entry {
                hash: None,
                fingerprint: None,
            };
            lines.map(|path| (path.to_string(), unknown)).collect()
        } else if header == HEADER {
            lines.map(parse_line).collect::<Option<_>>()?
        } else {
            return None;
        };
        Some(Manifest { files })
    }

    /// The entry of `path`.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.files.get(path)
    }

    /// True when the manifest lists `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The recorded fingerprints, by path: what a rebuild compares its pages' inputs with.
    pub fn fingerprints(&self) -> rustc_hash::FxHashMap<String, u64> {
        self.files
            .iter()
            .filter_map(|(p, e)| Some((p.clone(), e.fingerprint?)))
            .collect()
    }
}

/// One line: `HASH FINGERPRINT PATH`, numbers in hex, `-` for no fingerprint; the path comes
/// last because it may contain spaces.
fn parse_line(line: &str) -> Option<(String, Entry)> {
    let mut parts = line.splitn(3, ' ');
    let hex = |s: &str| u64::from_str_radix(s, 16).ok();
    let hash = Some(hex(parts.next()?)?);
    let fingerprint = match parts.next()? {
        "-" => None,
        f => Some(hex(f)?),
    };
    let path = parts.next().filter(|p| !p.is_empty())?;
    Some((path.to_string(), Entry { hash, fingerprint }))
}

/// The marker file's text for `entries` (sorted by path for a deterministic file).
pub fn render(entries: &mut [(String, Entry)]) -> String {
    use rayon::slice::ParallelSliceMut;
    entries.par_sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::with_capacity(80 + entries.len() * 80);
    text.push_str(HEADER);
    text.push('\n');
    for (path, e) in entries.iter() {
        let Some(hash) = e.hash else { continue };
        push_hex(&mut text, hash);
        text.push(' ');
        match e.fingerprint {
            Some(f) => {
                push_hex(&mut text, f);
                text.push(' ');
            }
            None => text.push_str("- "),
        }
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// Appends `n` in lowercase hexadecimal without leading zeros, as `{n:x}` writes it (without
/// the formatting machinery: a manifest has two numbers per file of the site).
fn push_hex(out: &mut String, n: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    let mut rest = n;
    loop {
        i -= 1;
        buf[i] = DIGITS[(rest & 0xf) as usize];
        rest >>= 4;
        if rest == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

/// Size and modification time of a file, as herold left it, with the hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Length in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: i128,
    /// Hash of the bytes.
    pub hash: u64,
}

/// The inode of a file and its stamp with `hash`; `None` where files have no inodes (they
/// are then always compared by content).
fn look(meta: &std::fs::Metadata, hash: u64) -> Option<(u64, Stamp)> {
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos() as i128;
    let stamp = Stamp {
        size: meta.len(),
        mtime,
        hash,
    };
    Some((inode_of(meta)?, stamp))
}

#[cfg(unix)]
fn inode_of(meta: &std::fs::Metadata) -> Option<u64> {
    Some(std::os::unix::fs::MetadataExt::ino(meta))
}

#[cfg(not(unix))]
fn inode_of(_meta: &std::fs::Metadata) -> Option<u64> {
    None
}

/// How close before the stamps file a file's modification time may be for the file still to
/// count as possibly changed after herold wrote it. File times tick coarsely (up to 10 ms),
/// so a change right after herold's write may leave size and time as they were (git's "racy"
/// index entries); such files are compared by content instead. Ten ticks of margin.
const RACY_NANOS: i128 = 100_000_000;

/// True when the file at `path`, `len` bytes long, holds the bytes that hash to `hash` (read
/// to make sure).
pub fn has_bytes(path: &Path, len: u64, hash: u64) -> bool {
    len < 1 << 26 && std::fs::read(path).is_ok_and(|b| xxhash_rust::xxh3::xxh3_64(&b) == hash)
}

/// Stamps of the files of the live site and its spare, by inode (files shared by hard link
/// have one inode).
#[derive(Debug, Default)]
pub struct Stamps {
    by_inode: HashMap<u64, Stamp>,
    /// When the stamps file was written, nanoseconds since the epoch.
    written: i128,
}

impl Stamps {
    /// Reads the stamps file at `path`; empty when it is missing or damaged.
    pub fn read(path: &Path) -> Stamps {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Stamps::default();
        };
        let mut lines = text.lines();
        let written = lines
            .next()
            .and_then(|l| l.strip_prefix(STAMPS_HEADER))
            .and_then(|l| l.trim().parse::<i128>().ok());
        let Some(written) = written else {
            return Stamps::default();
        };
        let by_inode = lines
            .map(|l| {
                let mut n = l.split(' ').map(|x| u128::from_str_radix(x, 16).ok());
                let (inode, size, mtime, hash) = (n.next()??, n.next()??, n.next()??, n.next()??);
                let stamp = Stamp {
                    size: size as u64,
                    mtime: mtime as i128,
                    hash: hash as u64,
                };
                Some((inode as u64, stamp))
            })
            .collect::<Option<_>>()
            .unwrap_or_default();
        Stamps { by_inode, written }
    }

    /// Records the file just written or linked with `meta` and `hash`.
    pub fn note(&mut self, meta: &std::fs::Metadata, hash: u64) {
        if let Some((inode, stamp)) = look(meta, hash) {
            self.by_inode.insert(inode, stamp);
        }
    }

    /// True when the file with `meta` looks exactly as herold left it holding the bytes that
    /// hash to `hash`, and was written long enough before the stamps that a later change would
    /// show in its modification time. Otherwise only its content can tell ([`has_bytes`]).
    pub fn trusts(&self, meta: &std::fs::Metadata, hash: u64) -> bool {
        look(meta, hash).is_some_and(|(inode, now)| {
            self.by_inode.get(&inode) == Some(&now) && now.mtime + RACY_NANOS < self.written
        })
    }

    /// Writes the stamps of the files with these inodes (the others are forgotten) to `path`.
    pub fn write(&self, path: &Path, keep: impl Fn(u64) -> bool) -> std::io::Result<()> {
        Self::write_text(path, &self.render(keep))
    }

    /// Writes `text`, made by [`Stamps::render`], to `path`.
    pub fn write_text(path: &Path, text: &str) -> std::io::Result<()> {
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)
    }

    /// The text of the stamps of the files with these inodes (the others are forgotten).
    pub fn render(&self, keep: impl Fn(u64) -> bool) -> String {
        use std::fmt::Write;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut text = format!("{STAMPS_HEADER} {now}\n");
        let mut rows: Vec<_> = self.by_inode.iter().filter(|(i, _)| keep(**i)).collect();
        rows.sort_by_key(|(i, _)| **i);
        for (inode, s) in rows {
            let _ = writeln!(text, "{inode:x} {:x} {:x} {:x}", s.size, s.mtime, s.hash);
        }
        text
    }

    /// Number of files with a stamp.
    pub fn len(&self) -> usize {
        self.by_inode.len()
    }

    /// True when no file has a stamp.
    pub fn is_empty(&self) -> bool {
        self.by_inode.is_empty()
    }

    /// The inode of the file at `path`.
    pub fn inode(path: &Path) -> Option<u64> {
        inode_of(&std::fs::symlink_metadata(path).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_written_as_format_writes_it() {
        for n in [0, 1, 9, 10, 15, 16, 255, 0xdead_beef, u64::MAX] {
            let mut out = String::from("x");
            push_hex(&mut out, n);
            assert_eq!(out, format!("x{n:x}"));
        }
    }

    #[test]
    fn manifest_round_trips_and_rejects_foreign_text() {
        let mut entries = vec![
            (
                "b/index.html".to_string(),
                Entry {
                    hash: Some(7),
                    fingerprint: Some(u64::MAX),
                },
            ),
            (
                "a file.pdf".to_string(),
                Entry {
                    hash: Some(1),
                    fingerprint: None,
                },
            ),
        ];
        let text = render(&mut entries);
        assert_eq!(text, render(&mut entries.clone()), "deterministic");
        let m = Manifest::parse(&text).unwrap();
        assert_eq!(m.files.len(), 2);
        assert_eq!(m.get("a file.pdf"), Some(&entries[0].1));
        assert_eq!(m.fingerprints().get("b/index.html"), Some(&u64::MAX));
        assert!(Manifest::parse("hello\nworld\n").is_none());
        assert!(Manifest::parse(&format!("{HEADER}\nzz - x\n")).is_none());
        let old = Manifest::parse(&format!("{HEADER_V3}\nindex.html\n")).unwrap();
        assert!(old.contains("index.html") && old.get("index.html").unwrap().hash.is_none());
    }

    #[test]
    fn stamps_trust_untouched_files_and_catch_changed_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("a.html");
        std::fs::write(&file, b"one").unwrap();
        let hash = xxhash_rust::xxh3::xxh3_64(b"one");
        let mut stamps = Stamps::default();
        stamps.note(&std::fs::metadata(&file).unwrap(), hash);
        let at = tmp.path().join("stamps");
        stamps.write(&at, |_| true).unwrap();
        let read = Stamps::read(&at);
        let meta = std::fs::metadata(&file).unwrap();
        // Written just now: only the content can tell.
        assert!(!read.trusts(&meta, hash));
        assert!(has_bytes(&file, meta.len(), hash));
        // Changed at once, in place, same size: the time may not tick, the content check
        // catches it.
        std::fs::write(&file, b"two").unwrap();
        assert!(!has_bytes(&file, 3, hash));
        // Written long before the stamps: trusted as long as it looks the same.
        let mut old = Stamps::default();
        old.note(&std::fs::metadata(&file).unwrap(), 7);
        old.written = i128::MAX;
        assert!(old.trusts(&std::fs::metadata(&file).unwrap(), 7));
        assert!(!old.trusts(&std::fs::metadata(&file).unwrap(), 8));
    }
}
