//! The plumbing of the files builds keep for the next build in the cache folder
//! (`.NAME.herold-cache`, see [`crate::output::disk::cache_folder`]): the search documents
//! ([`crate::search::persist`]), the names found in each release
//! ([`crate::mention::persist`]), the related releases (`resolve::persist`) and the parsed
//! front matters ([`crate::model::release::FrontCache`]). The rendered bodies have a file of
//! their own making ([`crate::markdown::cache`]: read an entry at a time, by index).
//!
//! A file is a header (magic, layout, a fingerprint of the code that made it, and a
//! fingerprint of what its entries were made for), the entries, and a footer with a checksum
//! of all before it and the magic again. It is read and written as a stream, a buffer at a
//! time (the search documents of 100,000 releases take 160 MB, which a build must not hold
//! twice), and its entries are used only when the header matches and the checksum, known
//! only at the end, holds. A file is written under a temporary name and renamed over the old
//! one, so a build killed midway leaves the old file or none. Neither failing to read nor
//! failing to write is an error: the file only saves the next build time.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

/// Bytes read from a file at a time.
const CHUNK: usize = 1 << 16;
/// Bytes of the footer: checksum and magic.
const FOOTER_LEN: u64 = 16;

/// Where a run finds the files of the last build, and whether it writes its own.
#[derive(Debug, Clone)]
pub struct Disk {
    /// The cache folder (`.NAME.herold-cache`).
    pub folder: PathBuf,
    /// Whether the files are written when they would change (`build` does; `check` and the
    /// preview server only read them).
    pub write: bool,
}

/// What a file holds and was made by: its name in the cache folder, its magic and layout,
/// the fingerprint of the code that makes its entries, and of what they were made for.
#[derive(Debug, Clone, Copy)]
pub struct Kind<'a> {
    /// File name.
    pub name: &'a str,
    /// First and last eight bytes.
    pub magic: &'a [u8; 8],
    /// Layout, raised when it changes.
    pub format: u32,
    /// See [`code_fingerprint`].
    pub code: u64,
    /// What the entries depend on besides the code (the site's context).
    pub made_for: u64,
}

impl Kind<'_> {
    fn header(&self) -> Vec<u8> {
        let mut h = Vec::with_capacity(28);
        h.extend_from_slice(self.magic);
        h.extend_from_slice(&self.format.to_le_bytes());
        h.extend_from_slice(&self.code.to_le_bytes());
        h.extend_from_slice(&self.made_for.to_le_bytes());
        h
    }
}

/// Removes the temporary files that builds killed while writing left in `folder` (those of
/// this process excepted): run once per build that writes, whether or not it then writes a
/// file.
pub fn remove_temporaries(folder: &Path) {
    let ours = format!(".new-{}", std::process::id());
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.contains(".new-") && !name.ends_with(&ours) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Runs `load` on one of rayon's worker threads (where the build's pages were made) and
/// returns what it read. The allocator keeps freed memory with the thread (arena) that freed
/// it: read on the main thread, the search documents of 100,000 releases (160 MB) would be new
/// memory on top of the pages' freed memory, and raise the build's peak by as much.
pub fn on_worker<T: Send>(load: impl FnOnce() -> T + Send) -> T {
    // Called outside the pool, `join` runs both closures on a worker; inside, right here.
    rayon::join(load, || ()).0
}

/// A fingerprint of `parts` (sources of the code that makes a file's entries, and
/// `Cargo.lock`), with herold's version: a file made by other code is not trusted.
pub fn code_fingerprint(parts: &[&str]) -> u64 {
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for part in parts {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.digest()
}

/// A file being written: entries go through a buffer into a temporary file and into the
/// checksum; [`Writer::finish`] puts it in place.
pub struct Writer {
    out: BufWriter<File>,
    temp: PathBuf,
    target: PathBuf,
    magic: [u8; 8],
    hash: Xxh3,
    failed: bool,
}

impl Writer {
    /// Starts the file `kind` in `folder` (made if missing), header written.
    pub fn create(folder: &Path, kind: &Kind<'_>) -> io::Result<Writer> {
        std::fs::create_dir_all(folder)?;
        let temp = folder.join(format!("{}.new-{}", kind.name, std::process::id()));
        let mut w = Writer {
            out: BufWriter::with_capacity(CHUNK, File::create(&temp)?),
            temp,
            target: folder.join(kind.name),
            magic: *kind.magic,
            hash: Xxh3::new(),
            failed: false,
        };
        w.bytes(&kind.header());
        Ok(w)
    }

    /// Appends `b`.
    pub fn bytes(&mut self, b: &[u8]) {
        if !self.failed {
            self.hash.update(b);
            self.failed = self.out.write_all(b).is_err();
        }
    }

    /// Appends a byte.
    pub fn u8(&mut self, v: u8) {
        self.bytes(&[v]);
    }

    /// Appends a little-endian `u32`.
    pub fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }

    /// Appends a little-endian `u64`.
    pub fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }

    /// Appends a count or length (a `u32`; larger ones fail the file).
    pub fn count(&mut self, n: usize) {
        match u32::try_from(n) {
            Ok(n) => self.u32(n),
            Err(_) => self.failed = true,
        }
    }

    /// Appends `s` as its length and its bytes, as [`Reader::str`] reads it.
    pub fn str(&mut self, s: &str) {
        self.count(s.len());
        self.bytes(s.as_bytes());
    }

    /// Writes the footer and renames the file over the old one; on any failure the
    /// temporary file is removed and the old one stays.
    pub fn finish(mut self) {
        let sum = self.hash.digest();
        let magic = self.magic;
        let done = !self.failed
            && self.out.write_all(&sum.to_le_bytes()).is_ok()
            && self.out.write_all(&magic).is_ok()
            && self.out.flush().is_ok()
            && std::fs::rename(&self.temp, &self.target).is_ok();
        if !done {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// A file being read, a buffer at a time, each byte into the checksum as it comes in. Its
/// fields are read in order (`None` past the end); [`Reader::finish`] says whether the whole
/// file was read and its checksum holds, and only then may what was read be used.
pub struct Reader {
    file: File,
    /// Bytes of the file before the footer not yet loaded into `buf`.
    left: u64,
    buf: Vec<u8>,
    at: usize,
    hash: Xxh3,
    sum: [u8; 8],
}

impl Reader {
    /// Opens the file `kind` in `folder` if it is one with the same header; its entries
    /// follow.
    pub fn open(folder: &Path, kind: &Kind<'_>) -> Option<Reader> {
        let file = File::open(folder.join(kind.name)).ok()?;
        let size = file.metadata().ok()?.len();
        let body = size.checked_sub(FOOTER_LEN)?;
        let mut foot = [0u8; FOOTER_LEN as usize];
        file.read_exact_at(&mut foot, body).ok()?;
        let (sum, magic) = foot.split_at(8);
        if magic != kind.magic {
            return None;
        }
        let mut r = Reader {
            file,
            left: body,
            buf: Vec::with_capacity(CHUNK),
            at: 0,
            hash: Xxh3::new(),
            sum: sum.try_into().ok()?,
        };
        let header = kind.header();
        (r.take(header.len())? == header.as_slice()).then_some(r)
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&[u8]> {
        while self.buf.len() - self.at < n {
            if self.left == 0 {
                return None;
            }
            self.buf.drain(..self.at);
            self.at = 0;
            let want = (n.max(CHUNK) as u64).min(self.left) as usize;
            let from = self.buf.len();
            self.buf.resize(from + want, 0);
            self.file.read_exact(&mut self.buf[from..]).ok()?;
            self.hash.update(&self.buf[from..]);
            self.left -= want as u64;
        }
        let s = &self.buf[self.at..self.at + n];
        self.at += n;
        Some(s)
    }

    /// The next byte.
    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    /// The next little-endian `u32`.
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// The next little-endian `u64`.
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// The next count or length.
    pub fn count(&mut self) -> Option<usize> {
        usize::try_from(self.u32()?).ok()
    }

    /// `n`, a count read from the file, capped at how many items of at least `each` bytes the
    /// rest of the file can hold: what may be reserved for them (a damaged count must not ask
    /// for gigabytes before the missing bytes are noticed).
    pub fn capacity(&self, n: usize, each: usize) -> usize {
        let rest = self.left + (self.buf.len() - self.at) as u64;
        let fits = rest / each.max(1) as u64;
        n.min(usize::try_from(fits).unwrap_or(usize::MAX))
    }

    /// The next string, written as its length and its bytes.
    pub fn str(&mut self) -> Option<&str> {
        let n = self.count()?;
        simdutf8::basic::from_utf8(self.take(n)?).ok()
    }

    /// True when every byte before the footer was read and the checksum holds.
    pub fn finish(self) -> bool {
        self.left == 0 && self.at == self.buf.len() && self.hash.digest().to_le_bytes() == self.sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: Kind<'static> = Kind {
        name: "t",
        magic: b"HEROLDTT",
        format: 1,
        code: 2,
        made_for: 3,
    };

    fn write_sample(folder: &Path, long: &str) {
        let mut w = Writer::create(folder, &KIND).unwrap();
        w.str("Löffingen");
        w.u8(7);
        w.str(long);
        w.u64(u64::MAX);
        w.finish();
    }

    fn read_sample(folder: &Path, kind: &Kind<'_>) -> Option<(String, u8, String, u64)> {
        let mut r = Reader::open(folder, kind)?;
        let got = (
            r.str()?.to_string(),
            r.u8()?,
            r.str()?.to_string(),
            r.u64()?,
        );
        r.finish().then_some(got)
    }

    #[test]
    fn a_damaged_count_reserves_no_more_than_the_file_holds() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::create(dir.path(), &KIND).unwrap();
        w.count(u32::MAX as usize);
        w.bytes(&[0; 40]);
        w.finish();
        let mut r = Reader::open(dir.path(), &KIND).unwrap();
        let n = r.count().unwrap();
        assert_eq!(n, u32::MAX as usize);
        assert_eq!(r.capacity(n, 4), 10);
        assert_eq!(r.capacity(3, 4), 3);
    }

    #[test]
    fn a_file_reads_back_only_when_whole_and_made_for_the_same() {
        let dir = tempfile::tempdir().unwrap();
        // Longer than a buffer, so fields cross the buffer's end.
        let long = "ä".repeat(CHUNK);
        write_sample(dir.path(), &long);
        assert_eq!(
            read_sample(dir.path(), &KIND),
            Some(("Löffingen".into(), 7, long.clone(), u64::MAX))
        );
        // Other layout, code or purpose.
        for other in [
            Kind { format: 2, ..KIND },
            Kind { code: 9, ..KIND },
            Kind {
                made_for: 9,
                ..KIND
            },
        ] {
            assert!(read_sample(dir.path(), &other).is_none());
        }
        // Damaged anywhere, or cut.
        let path = dir.path().join("t");
        let good = std::fs::read(&path).unwrap();
        for bad in [
            {
                let mut b = good.clone();
                b[good.len() / 2] ^= 1;
                b
            },
            good[..good.len() - 1].to_vec(),
            Vec::new(),
        ] {
            std::fs::write(&path, bad).unwrap();
            assert!(read_sample(dir.path(), &KIND).is_none());
        }
        // Reading stops short of the end: not whole.
        write_sample(dir.path(), &long);
        let mut r = Reader::open(dir.path(), &KIND).unwrap();
        assert_eq!(r.str(), Some("Löffingen"));
        assert!(!r.finish());
        // No temporary file is left; those of killed builds are removed.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        std::fs::write(dir.path().join("t.new-1"), "halb").unwrap();
        remove_temporaries(dir.path());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
