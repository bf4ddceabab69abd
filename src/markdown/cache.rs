//! The parse cache on disk: release bodies rendered by earlier builds, so that a build after
//! `git pull` (or any build into an emptied output folder) re-renders only the bodies whose
//! text changed.
//!
//! Rendering a body ([`super::render_with`]) is a pure function of its Markdown text, the base
//! path and the trust in raw HTML, so its result is kept under a 128-bit hash of those three.
//! The cache lives in one file, `bodies`, in the folder `.NAME.herold-cache` beside the output
//! folder `NAME` ([`crate::output::disk::cache_folder`]; `/.public.herold-*` in a site's
//! `.gitignore` already covers it); deleting it is always safe, it only costs the next build
//! time.
//!
//! The file holds the entries one after the other and, at its end, an index of their hashes,
//! places, lengths and checksums. A build reads the index, then each entry it needs with one
//! positioned read straight into the buffer that becomes the body's HTML, so the cache costs
//! the memory of the bodies it hands out, not of the file. A build that reused every entry
//! and rendered nothing leaves the file as it is; any other build writes it anew with exactly
//! the bodies it rendered (written as they come) or reused (copied from the old file at the
//! end), so entries of deleted releases go, under a temporary name that is then renamed over
//! the old file: a build killed midway leaves the old cache or none, never half a one.
//!
//! The cache can never change what a build writes: a file made by another herold (the
//! header names a fingerprint of the rendering code and its dependencies' versions), a
//! damaged file and an entry whose checksum or layout is wrong are all ignored, and the body
//! is rendered again. Failing to read or write the cache (a read-only site, a full disk) is
//! not an error either: the build then renders every body, as without a cache.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex, PoisonError};

use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use super::Rendered;

/// The name of the cache file inside the cache folder.
const FILE: &str = "bodies";
/// Starts and ends a cache file.
const MAGIC: &[u8; 8] = b"HEROLDMD";
/// The layout of the file; raised when it changes.
const FORMAT: u32 = 2;
/// Header: magic, format, code fingerprint.
const HEADER_LEN: u64 = 8 + 4 + 8;
/// Footer: index offset, index checksum, magic.
const FOOTER_LEN: u64 = 8 + 8 + 8;
/// One index row: key, offset, length, checksum.
const ROW_LEN: usize = 16 + 8 + 4 + 8;

/// A fingerprint of the code that renders Markdown (this module's parent, the sanitiser, the
/// slugs of heading ids) and of every dependency's exact version: a herold whose rendering
/// may differ does not trust the file.
static CODE: LazyLock<u64> = LazyLock::new(|| {
    crate::cachefile::code_fingerprint(&[
        include_str!("mod.rs"),
        include_str!("../sanitize.rs"),
        include_str!("../slug.rs"),
        include_str!("../../Cargo.lock"),
    ])
});

/// Where one entry stands in the file, and its checksum.
#[derive(Debug, Clone, Copy)]
struct Slot {
    offset: u64,
    len: u32,
    sum: u64,
}

/// The cache file of the last build, with its index.
#[derive(Debug)]
struct Previous {
    file: File,
    index: HashMap<u128, Slot>,
}

/// The cache file this build writes.
#[derive(Debug)]
struct Writer {
    out: BufWriter<File>,
    temp: PathBuf,
    offset: u64,
    /// The entries written, with their place in this file.
    rows: Vec<(u128, Slot)>,
    /// The entries reused, with their place in the last build's file (copied at the end).
    reused: Vec<(u128, Slot)>,
    seen: HashSet<u128>,
    failed: bool,
}

/// Bodies rendered by the last build, and the cache file of this one (see the module docs).
#[derive(Debug)]
pub struct BodyCache {
    folder: PathBuf,
    previous: Option<Previous>,
    writer: Mutex<Option<Writer>>,
    /// Whether this build's file was started (so a fresh body is worth encoding).
    writes: bool,
    hits: AtomicUsize,
    renders: AtomicUsize,
}

impl BodyCache {
    /// Opens the cache in `folder`; with `write`, this build's cache file is started too.
    /// Never fails: a cache that cannot be read is empty, one that cannot be written is not
    /// written.
    pub fn open(folder: &Path, write: bool) -> BodyCache {
        let previous = read_previous(&folder.join(FILE));
        let writer = if write { start(folder).ok() } else { None };
        BodyCache {
            folder: folder.to_path_buf(),
            previous,
            writes: writer.is_some(),
            writer: Mutex::new(writer),
            hits: AtomicUsize::new(0),
            renders: AtomicUsize::new(0),
        }
    }

    /// [`super::render_with`] of `text`, taken from the cache when an earlier build rendered
    /// the same text with the same base path and trust.
    pub fn render(&self, text: &str, base_path: &str, trusted_html: bool) -> Rendered {
        let key = key(text, base_path, trusted_html);
        let cached = self.previous.as_ref().and_then(|p| p.get(key));
        // The prose ranges index the text: an entry whose ranges do not fit it is not its own.
        let fits = |r: &Rendered| r.prose.iter().all(|p| text.get(p.clone()).is_some());
        if let Some((slot, rendered)) = cached.filter(|(_, r)| fits(r)) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            self.with_writer(key, |w| w.reused.push((key, slot)));
            return rendered;
        }
        self.renders.fetch_add(1, Ordering::Relaxed);
        let rendered = super::render_with(text, base_path, trusted_html);
        if self.writes {
            let bytes = encode(&rendered);
            self.with_writer(key, |w| w.append(key, &bytes));
        }
        rendered
    }

    /// How many bodies came from the cache and how many were rendered.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.renders.load(Ordering::Relaxed),
        )
    }

    /// Puts this build's cache file in place of the last one when it differs and was written
    /// without a problem; else the temporary file is removed.
    pub fn finish(&self) {
        let Some(w) = self.take_writer() else {
            return;
        };
        let temp = w.temp.clone();
        let written = finish(w, self.previous.as_ref());
        if !matches!(written, Ok(true)) || std::fs::rename(&temp, self.folder.join(FILE)).is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }

    /// This build's file, unless it was already finished (or never started).
    fn take_writer(&self) -> Option<Writer> {
        self.writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// Runs `f` on this build's file, once per key (a text used twice is one entry).
    fn with_writer(&self, key: u128, f: impl FnOnce(&mut Writer)) {
        let mut guard = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(w) = guard.as_mut().filter(|w| !w.failed) {
            if w.seen.insert(key) {
                f(w);
            }
        }
    }
}

impl Writer {
    /// Adds one encoded entry.
    fn append(&mut self, key: u128, bytes: &[u8]) {
        let Ok(len) = u32::try_from(bytes.len()) else {
            return;
        };
        if self.out.write_all(bytes).is_err() {
            self.failed = true;
            return;
        }
        let sum = xxh3_64(bytes);
        let offset = self.offset;
        self.rows.push((key, Slot { offset, len, sum }));
        self.offset += u64::from(len);
    }
}

impl Drop for BodyCache {
    /// A run that ended before [`BodyCache::finish`] (no `config.toml`, say) leaves no
    /// half-written file behind.
    fn drop(&mut self) {
        if let Some(w) = self.take_writer() {
            let temp = w.temp.clone();
            drop(w);
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// The key of one body: its text, the base path and the trust in raw HTML.
fn key(text: &str, base_path: &str, trusted_html: bool) -> u128 {
    let mut h = Xxh3::new();
    h.update(&(base_path.len() as u64).to_le_bytes());
    h.update(base_path.as_bytes());
    h.update(&[u8::from(trusted_html)]);
    h.update(text.as_bytes());
    h.digest128()
}

/// Bytes after an entry's texts and ranges: the lengths of the HTML and the first paragraph
/// and the number of prose ranges (u32 each).
const TRAILER_LEN: usize = 12;

/// One entry: the HTML first, the first paragraph, each prose range's start and end (u32 each), then the trailer.
fn encode(r: &Rendered) -> Vec<u8> {
    let ranges = r.prose.len() * 8;
    let mut out = Vec::with_capacity(r.html.len() + r.first_paragraph.len() + ranges + TRAILER_LEN);
    out.extend_from_slice(r.html.as_bytes());
    out.extend_from_slice(r.first_paragraph.as_bytes());
    let numbers = r.prose.iter().flat_map(|p| [p.start, p.end]);
    for n in numbers.chain([r.html.len(), r.first_paragraph.len(), r.prose.len()]) {
        out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }
    out
}

/// The entry `bytes` as written by [`encode`]; `None` when its layout is wrong. The texts are
/// checked (simdutf8) and copied out at their exact size: the buffer they were read into is
/// reused for the next entry.
fn decode(bytes: &[u8]) -> Option<Rendered> {
    let u32_at = |at: usize| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(b)).ok()
    };
    let trailer = bytes.len().checked_sub(TRAILER_LEN)?;
    let (html_len, first_len, ranges) =
        (u32_at(trailer)?, u32_at(trailer + 4)?, u32_at(trailer + 8)?);
    let first_end = html_len.checked_add(first_len)?;
    if first_end.checked_add(ranges.checked_mul(8)?)? != trailer {
        return None;
    }
    let mut prose: Vec<Range<usize>> = Vec::with_capacity(ranges);
    for i in 0..ranges {
        let (start, end) = (u32_at(first_end + i * 8)?, u32_at(first_end + i * 8 + 4)?);
        if start > end {
            return None;
        }
        prose.push(start..end);
    }
    let text = |range: Range<usize>| -> Option<String> {
        simdutf8::basic::from_utf8(bytes.get(range)?)
            .ok()
            .map(str::to_owned)
    };
    Some(Rendered {
        html: text(0..html_len)?,
        first_paragraph: text(html_len..first_end)?,
        prose,
    })
}

thread_local! {
    /// The buffer each thread reads cache entries into (kept at the largest entry's size, so
    /// it is neither zeroed nor allocated again for every release).
    static ENTRY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Previous {
    /// The entry of `key`, decoded, with its place in the file; `None` when it is missing or
    /// damaged.
    fn get(&self, key: u128) -> Option<(Slot, Rendered)> {
        let slot = *self.index.get(&key)?;
        let len = usize::try_from(slot.len).ok()?;
        ENTRY.with_borrow_mut(|buf| {
            if buf.len() < len {
                buf.resize(len, 0);
            }
            let bytes = &mut buf[..len];
            self.file.read_exact_at(bytes, slot.offset).ok()?;
            if xxh3_64(bytes) != slot.sum {
                return None;
            }
            let decoded = decode(bytes);
            // A rare large body does not keep its buffer for the life of the thread.
            if buf.capacity() > 1 << 20 {
                *buf = Vec::new();
            }
            Some((slot, decoded?))
        })
    }
}

/// The header every cache file starts with.
fn header() -> Vec<u8> {
    let mut h = Vec::with_capacity(HEADER_LEN as usize);
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&FORMAT.to_le_bytes());
    h.extend_from_slice(&CODE.to_le_bytes());
    h
}

/// The last build's cache file with its index, if it is one this herold wrote and intact.
fn read_previous(path: &Path) -> Option<Previous> {
    let file = File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    if size < HEADER_LEN + FOOTER_LEN {
        return None;
    }
    let mut head = vec![0; HEADER_LEN as usize];
    file.read_exact_at(&mut head, 0).ok()?;
    if head != header() {
        return None;
    }
    let mut foot = [0u8; FOOTER_LEN as usize];
    file.read_exact_at(&mut foot, size - FOOTER_LEN).ok()?;
    let (index_at, rest) = foot.split_at(8);
    let (index_sum, magic) = rest.split_at(8);
    let index_at = u64::from_le_bytes(index_at.try_into().ok()?);
    if magic != MAGIC || index_at < HEADER_LEN || index_at > size - FOOTER_LEN {
        return None;
    }
    let mut rows = vec![0; usize::try_from(size - FOOTER_LEN - index_at).ok()?];
    file.read_exact_at(&mut rows, index_at).ok()?;
    if xxh3_64(&rows).to_le_bytes() != index_sum || rows.len() % ROW_LEN != 0 {
        return None;
    }
    let mut index = HashMap::with_capacity(rows.len() / ROW_LEN);
    for row in rows.chunks_exact(ROW_LEN) {
        let key = u128::from_le_bytes(row[0..16].try_into().ok()?);
        let offset = u64::from_le_bytes(row[16..24].try_into().ok()?);
        let len = u32::from_le_bytes(row[24..28].try_into().ok()?);
        let sum = u64::from_le_bytes(row[28..36].try_into().ok()?);
        if offset < HEADER_LEN || offset + u64::from(len) > index_at {
            return None;
        }
        index.insert(key, Slot { offset, len, sum });
    }
    Some(Previous { file, index })
}

/// Starts this build's cache file under a temporary name in `folder` (made if missing; the
/// temporary files of killed builds are removed by [`crate::cachefile::remove_temporaries`]).
fn start(folder: &Path) -> io::Result<Writer> {
    std::fs::create_dir_all(folder)?;
    let temp = folder.join(format!("{FILE}.new-{}", std::process::id()));
    let mut out = BufWriter::with_capacity(1 << 18, File::create(&temp)?);
    out.write_all(&header())?;
    Ok(Writer {
        out,
        temp,
        offset: HEADER_LEN,
        rows: Vec::new(),
        reused: Vec::new(),
        seen: HashSet::new(),
        failed: false,
    })
}

/// Completes this build's file: the reused entries copied from `previous`, the index and the
/// footer. `Ok(false)` when the last build's file already holds exactly this build's entries
/// (nothing rendered, everything reused): it stays, this one is not needed.
fn finish(mut w: Writer, previous: Option<&Previous>) -> io::Result<bool> {
    if w.failed {
        return Err(io::Error::other("an entry could not be written"));
    }
    match previous {
        Some(p) if w.rows.is_empty() && w.reused.len() == p.index.len() => return Ok(false),
        Some(p) => copy_reused(&mut w, &p.file)?,
        None => {}
    }
    w.rows.sort_unstable_by_key(|r| r.0);
    let mut rows = Vec::with_capacity(w.rows.len() * ROW_LEN);
    for (key, s) in &w.rows {
        rows.extend_from_slice(&key.to_le_bytes());
        rows.extend_from_slice(&s.offset.to_le_bytes());
        rows.extend_from_slice(&s.len.to_le_bytes());
        rows.extend_from_slice(&s.sum.to_le_bytes());
    }
    w.out.write_all(&rows)?;
    w.out.write_all(&w.offset.to_le_bytes())?;
    w.out.write_all(&xxh3_64(&rows).to_le_bytes())?;
    w.out.write_all(MAGIC)?;
    w.out.flush()?;
    Ok(true)
}

/// Copies the reused entries from the last build's file `old` to the end of this build's, in
/// runs of entries that stand together there (mostly the whole file in a few copies).
fn copy_reused(w: &mut Writer, mut old: &File) -> io::Result<()> {
    let mut reused = std::mem::take(&mut w.reused);
    reused.sort_unstable_by_key(|(_, s)| s.offset);
    let mut i = 0;
    while i < reused.len() {
        let start = reused[i].1.offset;
        let mut end = start;
        let mut j = i;
        while j < reused.len() && reused[j].1.offset == end {
            end += u64::from(reused[j].1.len);
            j += 1;
        }
        old.seek(SeekFrom::Start(start))?;
        if io::copy(&mut old.take(end - start), &mut w.out)? != end - start {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        for (key, slot) in &reused[i..j] {
            let offset = w.offset + (slot.offset - start);
            w.rows.push((*key, Slot { offset, ..*slot }));
        }
        w.offset += end - start;
        i = j;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str =
        "# Titel\n\nErster Absatz mit [Link](/dokumente/a.pdf).\n\n`code` und Text.\n";

    fn reopen(dir: &Path) -> BodyCache {
        BodyCache::open(dir, true)
    }

    #[test]
    fn a_body_rendered_once_comes_from_the_cache_the_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let first = reopen(dir.path());
        let fresh = first.render(BODY, "/", false);
        assert_eq!(first.counts(), (0, 1));
        first.finish();

        let second = reopen(dir.path());
        assert_eq!(second.render(BODY, "/", false), fresh);
        assert_eq!(second.counts(), (1, 0));
        second.finish();
        // Reused entries are written again, so a third build still finds them.
        let third = reopen(dir.path());
        assert_eq!(third.render(BODY, "/", false), fresh);
        assert_eq!(third.counts(), (1, 0));
    }

    #[test]
    fn reused_entries_are_copied_beside_new_ones_and_an_unchanged_file_stays() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let inode = || std::fs::metadata(dir.path().join(FILE)).unwrap().ino();
        let first = reopen(dir.path());
        let (a, b) = (
            first.render("A *a*", "/", false),
            first.render("B", "/", false),
        );
        first.finish();
        let written = inode();

        let same = reopen(dir.path());
        same.render("A *a*", "/", false);
        same.render("B", "/", false);
        same.finish();
        assert_eq!(
            inode(),
            written,
            "a build that changed nothing rewrote the file"
        );

        let mixed = reopen(dir.path());
        assert_eq!(mixed.render("A *a*", "/", false), a);
        let c = mixed.render("C", "/", false);
        assert_eq!(mixed.counts(), (1, 1));
        mixed.finish();
        assert_ne!(inode(), written);

        let next = reopen(dir.path());
        assert_eq!(next.render("C", "/", false), c);
        assert_eq!(next.render("A *a*", "/", false), a);
        assert_eq!(next.render("B", "/", false), b);
        assert_eq!(next.counts(), (2, 1), "B was dropped, A copied, C written");
    }

    #[test]
    fn base_path_and_trust_are_part_of_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let first = reopen(dir.path());
        first.render(BODY, "/", false);
        first.finish();
        let second = reopen(dir.path());
        let sub = second.render(BODY, "/presse/", false);
        assert!(
            sub.html.contains("href=\"/presse/dokumente/a.pdf\""),
            "{}",
            sub.html
        );
        second.render(BODY, "/", true);
        assert_eq!(second.counts(), (0, 2));
    }

    #[test]
    fn entries_of_bodies_no_build_used_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = reopen(dir.path());
        first.render("alt", "/", false);
        first.finish();
        let second = reopen(dir.path());
        second.render("neu", "/", false);
        second.finish();
        let third = reopen(dir.path());
        third.render("alt", "/", false);
        assert_eq!(third.counts(), (0, 1));
    }

    #[test]
    fn a_damaged_or_foreign_file_is_rendered_around() {
        let dir = tempfile::tempdir().unwrap();
        let first = reopen(dir.path());
        let fresh = first.render(BODY, "/", false);
        first.finish();
        let path = dir.path().join(FILE);
        let good = std::fs::read(&path).unwrap();
        let html_at = usize::try_from(HEADER_LEN).unwrap();
        let damaged = [
            // a flipped byte inside the HTML: the entry's checksum fails
            {
                let mut b = good.clone();
                b[html_at] ^= 0x20;
                b
            },
            // cut short: no footer
            good[..good.len() - 3].to_vec(),
            // another herold's rendering code
            {
                let mut b = good.clone();
                b[12] ^= 1;
                b
            },
            Vec::new(),
        ];
        for bytes in damaged {
            std::fs::write(&path, &bytes).unwrap();
            let cache = BodyCache::open(dir.path(), false);
            assert_eq!(cache.render(BODY, "/", false), fresh);
            assert_eq!(cache.counts(), (0, 1));
        }
    }

    #[test]
    fn entries_decode_only_when_their_layout_is_whole() {
        let r = crate::markdown::render_with(BODY, "/", false);
        let bytes = encode(&r);
        assert_eq!(decode(&bytes), Some(r));
        for cut in [0, 5, 12, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), None, "{cut}");
        }
        let mut longer = bytes.clone();
        longer.insert(0, b'x');
        assert_eq!(decode(&longer), None);
    }

    #[test]
    fn a_cache_dropped_unfinished_leaves_the_last_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let first = reopen(dir.path());
        first.render(BODY, "/", false);
        first.finish();
        let unfinished = reopen(dir.path());
        unfinished.render("anders", "/", false);
        drop(unfinished);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, [FILE]);
        let third = reopen(dir.path());
        third.render(BODY, "/", false);
        assert_eq!(third.counts(), (1, 0));
    }

    #[test]
    fn a_read_only_cache_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let cache = BodyCache::open(&dir.path().join("c"), false);
        cache.render(BODY, "/", false);
        cache.finish();
        assert!(!dir.path().join("c").exists());
    }
}
