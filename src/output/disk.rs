//! Writing a build to disk without ever damaging the published site, and writing as little
//! as possible.
//!
//! [`Staging`] is the sink of `herold build`. Each file goes, the moment it is rendered, into
//! the staging folder `.NAME.herold-new-PID` beside the output folder `NAME`, so the site is
//! never held in memory whole. [`Staging::commit`] then exchanges the staging folder and the
//! output folder in one atomic `renameat2(RENAME_EXCHANGE)`: at any instant, even if the
//! process is killed, the output folder holds either the complete old site or the complete
//! new one. Left-over staging folders of killed builds are removed by the next build.
//!
//! The replaced site is not deleted but kept as the spare `.NAME.herold-spare`, and the next
//! build starts from it: a file whose bytes it already has is left alone, one the live site
//! has is hard-linked, and only the rest is written; files of the spare that the new build
//! lacks are deleted. Pages whose inputs did not change (same fingerprint as recorded in the
//! live site's manifest, see [`super::manifest`]) are not even rendered. So a rebuild after
//! one edit touches a few dozen files, not ten thousand. Files are only ever replaced, never
//! changed in place, so a file shared by hard link can never change the live site.
//!
//! herold only ever replaces a folder it made: the marker file `.herold-output` identifies it
//! and lists the files herold wrote, so files added by hand are never deleted silently.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rustc_hash::{FxHashMap, FxHashSet};

use super::manifest::{self, has_bytes, Entry, Manifest, Stamps, MARKER};
use super::swap::{remove_leftovers, remove_tree, swap_in};
use super::{Claims, Content, Sink};
use crate::diag::{io_reason, Diagnostic};
use crate::msg;

use super::target::{absolute, foreign_files, io_err};
pub use super::target::{check_target, Action, CommitError};

/// The build's sink on disk: a staging folder beside the output folder.
#[derive(Debug)]
pub struct Staging {
    /// The output folder (the live site).
    out: PathBuf,
    /// The staging folder.
    dir: PathBuf,
    /// Where the replaced site is kept for the next build.
    spare: PathBuf,
    /// The live site's manifest.
    live: Manifest,
    /// What the staging folder held when the build began (the spare's manifest, or nothing).
    base: Manifest,
    /// Stamps of the files of both, to tell whether a file is as herold left it.
    stamps: Mutex<Stamps>,
    /// Where the stamps are kept.
    stamps_file: PathBuf,
    claims: Claims,
    entries: Mutex<Vec<(String, Entry)>>,
    made_dirs: Mutex<FxHashSet<String>>,
    changed: AtomicUsize,
    /// The staging folder started empty (no spare): nothing is in the way of a new file, so
    /// none is looked for (a cold build writes ten thousand files).
    fresh: bool,
}

/// What a commit changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommitStats {
    /// Files in the new output.
    pub files: usize,
    /// Files added, changed or removed compared with the previous output.
    pub changed: usize,
}

/// The folder beside the output folder `out` where builds keep their parse cache,
/// `.NAME.herold-cache` (see [`crate::markdown::cache`]); a build never removes it.
pub fn cache_folder(out: &Path) -> PathBuf {
    let (parent, name) = parent_and_name(out);
    parent.join(format!(".{name}.herold-cache"))
}

/// The folder that holds the output folder `out`, and `out`'s name: herold's working files
/// stand beside it as `.NAME.herold-*`.
fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

impl Staging {
    /// Prepares a staging folder for replacing `out` with a build of the site at `root`: the
    /// spare copy of the site before last, if there is one, else an empty folder.
    pub fn new(root: &Path, out: &Path) -> Result<Staging, CommitError> {
        check_target(root, out)?;
        let out = absolute(out);
        let (parent, name) = parent_and_name(&out);
        std::fs::create_dir_all(&parent).map_err(io_err(Action::Create, &parent))?;
        let spare = parent.join(format!(".{name}.herold-spare"));
        let stamps_file = parent.join(format!(".{name}.herold-stamps"));
        remove_leftovers(&parent, &name, &[&spare, &stamps_file, &cache_folder(&out)]);
        let dir = parent.join(format!(".{name}.herold-new-{}", std::process::id()));
        let live = Manifest::read(&out).unwrap_or_default();
        let foreign = foreign_files(&out, &live);
        if !live.files.is_empty() && !foreign.is_empty() {
            let files: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
            let files = files.join(", ");
            let why = if foreign.len() > 5 {
                msg!(
                    "refuse-foreign-more",
                    files = files,
                    more = foreign.len() - 5
                )
            } else {
                msg!("refuse-foreign", files = files)
            };
            return Err(CommitError::Refused { path: out, why });
        }
        let base = take_spare(&spare, &dir);
        std::fs::create_dir_all(&dir).map_err(io_err(Action::Create, &dir))?;
        let fresh = base.files.is_empty()
            && std::fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_none());
        // The stamps describe files of the live site and the spare: with neither there, they
        // have nothing to vouch for (a first build, or one into an emptied folder).
        let stamps = if live.files.is_empty() && base.files.is_empty() {
            Stamps::default()
        } else {
            Stamps::read(&stamps_file)
        };
        Ok(Staging {
            live,
            base,
            stamps: Mutex::new(stamps),
            stamps_file,
            out,
            dir,
            spare,
            claims: Claims::default(),
            entries: Mutex::new(Vec::new()),
            made_dirs: Mutex::new(FxHashSet::default()),
            changed: AtomicUsize::new(0),
            fresh,
        })
    }

    /// The fingerprints of the live site's pages and feeds: a page whose inputs still have
    /// the same fingerprint is kept (see [`Sink::keep`]) instead of rendered.
    pub fn fingerprints(&self) -> FxHashMap<String, u64> {
        self.live.fingerprints()
    }

    fn ensure_parent(&self, rel: &str, path: &Path) -> io::Result<()> {
        let Some((parent_rel, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        // Keyed by the relative folder as text: hashing paths component by component cost
        // more than the system call for each of the ten thousand folders.
        if self
            .made_dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(parent_rel)
        {
            return Ok(());
        }
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        // Mostly only the last folder is missing: one `mkdir` (`create_dir_all` compares the
        // path with "" component by component first, for every page).
        let made = match std::fs::create_dir(parent) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && parent.is_dir() => Ok(()),
            Err(_) => std::fs::create_dir_all(parent),
        };
        if made.is_err() {
            // The spare may have a file where this build needs a folder.
            self.clear_files_above(path);
            std::fs::create_dir_all(parent)?;
        }
        self.made_dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(parent_rel.to_string());
        Ok(())
    }

    /// Removes the files of the spare that stand where this build needs a folder for `path`.
    fn clear_files_above(&self, path: &Path) {
        for a in path.ancestors().skip(1).take_while(|a| *a != self.dir) {
            if std::fs::symlink_metadata(a).is_ok_and(|m| !m.is_dir()) {
                let _ = std::fs::remove_file(a);
            }
        }
    }

    fn stamps(&self) -> std::sync::MutexGuard<'_, Stamps> {
        self.stamps.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// True when the file at `path` holds the bytes that hash to `hash`: trusted by its stamp,
    /// or read (outside the lock, in parallel with other pages) and then stamped.
    fn holds(&self, path: &Path, hash: u64) -> bool {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return false;
        };
        if !meta.is_file() {
            return false;
        }
        if self.stamps().trusts(&meta, hash) {
            return true;
        }
        let same = has_bytes(path, meta.len(), hash);
        if same {
            self.stamps().note(&meta, hash);
        }
        same
    }

    /// Makes `rel` in the staging folder a hard link to the live site's file, if that is
    /// intact and has the bytes hashing to `hash`. Files are never changed in place (only
    /// replaced), so a file shared by both sites can never change the live one.
    fn link_live(&self, rel: &str, hash: u64) -> bool {
        let source = self.out.join(rel);
        let target = self.dir.join(rel);
        self.holds(&source, hash)
            && self.ensure_parent(rel, &target).is_ok()
            && remove_file(&target).is_ok()
            && std::fs::hard_link(&source, &target).is_ok()
    }

    /// True when the staging folder's file `rel` is intact and has the bytes hashing to
    /// `hash`.
    fn staged(&self, rel: &str, hash: u64) -> bool {
        self.base.get(rel).is_some_and(|e| e.hash == Some(hash))
            && self.holds(&self.dir.join(rel), hash)
    }

    /// Puts `bytes` at `rel` in the staging folder, touching the disk as little as possible:
    /// nothing when the staging folder already holds them, a hard link when the live site
    /// does, a write otherwise. Returns the hash of the bytes.
    fn store(&self, rel: &str, bytes: &[u8]) -> io::Result<u64> {
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        let in_live = self.live.get(rel).is_some_and(|e| e.hash == Some(hash));
        if !in_live {
            self.changed.fetch_add(1, Ordering::Relaxed);
        }
        if self.staged(rel, hash) || (in_live && self.link_live(rel, hash)) {
            return Ok(hash);
        }
        let target = self.dir.join(rel);
        self.ensure_parent(rel, &target)?;
        if !self.fresh {
            remove_file(&target)?;
        }
        let mut file = std::fs::File::create(&target)?;
        std::io::Write::write_all(&mut file, bytes)?;
        let meta = file.metadata()?;
        self.stamps().note(&meta, hash);
        Ok(hash)
    }

    fn record(&self, path: String, hash: u64) {
        let entry = Entry {
            hash: Some(hash),
            fingerprint: None,
        };
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((path, entry));
    }

    /// Writes the manifest (with the new `fingerprints` of pages and feeds) and swaps the
    /// staging folder in. Consumes the staging.
    pub fn commit(self, fingerprints: &FxHashMap<String, u64>) -> Result<CommitStats, CommitError> {
        let result = self.finish(fingerprints);
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        result
    }

    fn finish(&self, fingerprints: &FxHashMap<String, u64>) -> Result<CommitStats, CommitError> {
        let mut entries =
            std::mem::take(&mut *self.entries.lock().unwrap_or_else(PoisonError::into_inner));
        for (path, e) in &mut entries {
            e.fingerprint = fingerprints.get(path.as_str()).copied();
        }
        // Nothing to compare with when the build started from nothing (no live site, no
        // spare): ten thousand paths need not be hashed then.
        let removed = if self.live.files.is_empty() && self.base.files.is_empty() {
            0
        } else {
            let kept: HashSet<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
            self.remove_stale(&kept);
            self.live
                .files
                .keys()
                .filter(|p| !kept.contains(p.as_str()))
                .count()
        };
        let stats = CommitStats {
            files: entries.len(),
            changed: self.changed.load(Ordering::Relaxed) + removed,
        };
        let marker = self.dir.join(MARKER);
        // Stamps of files long gone are pruned once they outnumber the files of both sites.
        let inodes = (self.stamps().len() > 3 * entries.len()).then(|| self.inodes(&entries));
        let keep = |i| inodes.as_ref().is_none_or(|set| set.contains(&i));
        // The two texts side by side: this is the last work of a build, on one core otherwise.
        let (text, stamps) = rayon::join(
            || manifest::render(&mut entries),
            || self.stamps().render(keep),
        );
        remove_file(&marker)
            .and_then(|()| std::fs::write(&marker, text))
            .map_err(io_err(Action::Write, &marker))?;
        swap_in(&self.dir, &self.out, &self.spare)?;
        // Only hints: failing to keep them costs the next build speed, nothing else.
        let _ = Stamps::write_text(&self.stamps_file, &stamps);
        Ok(stats)
    }

    /// The inodes of the files of the new site and the old one (the next spare), whose
    /// stamps are worth keeping.
    fn inodes(&self, entries: &[(String, Entry)]) -> HashSet<u64> {
        use rayon::prelude::*;
        let new = entries.par_iter().map(|(p, _)| self.dir.join(p));
        let old = self.live.files.par_iter().map(|(p, _)| self.out.join(p));
        new.chain(old)
            .filter_map(|p| Stamps::inode(&p))
            .collect::<Vec<u64>>()
            .into_iter()
            .collect()
    }

    /// Deletes the files of the spare site that this build does not have, and the folders
    /// that leaves empty.
    fn remove_stale(&self, kept: &HashSet<&str>) {
        let mut folders = HashSet::new();
        for path in self
            .base
            .files
            .keys()
            .filter(|p| !kept.contains(p.as_str()))
        {
            let file = self.dir.join(path);
            if std::fs::remove_file(&file).is_ok() {
                folders.extend(file.ancestors().skip(1).map(Path::to_path_buf));
            }
        }
        let mut folders: Vec<PathBuf> = folders
            .into_iter()
            .filter(|f| f.starts_with(&self.dir) && *f != self.dir)
            .collect();
        // Deepest first, so a parent is tried after its children.
        folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        for f in folders {
            let _ = std::fs::remove_dir(f); // fails, as it should, when not empty
        }
    }

    /// Removes the staging folder without touching the output (after a failed build).
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Sink for Staging {
    fn put(&self, path: String, content: Content, origin: String) -> Result<(), Box<Diagnostic>> {
        self.claims.claim(&path, &origin)?;
        match self.store(&path, content.as_slice()) {
            Ok(hash) => {
                self.record(path, hash);
                Ok(())
            }
            Err(e) => Err(Box::new(
                Diagnostic::error(
                    None,
                    msg!(
                        "output-write-failed",
                        path = path,
                        dir = self.dir.display().to_string(),
                        reason = io_reason(&e)
                    ),
                )
                .with_help(msg!("output-write-failed-help")),
            )),
        }
    }

    /// Keeps the live site's file when it is intact: as it is if the staging folder already
    /// has the same bytes, else as a hard link.
    fn keep(&self, path: &str, origin: &str) -> Result<bool, Box<Diagnostic>> {
        let Some(hash) = self.live.get(path).and_then(|e| e.hash) else {
            return Ok(false);
        };
        if !(self.staged(path, hash) || self.link_live(path, hash)) {
            return Ok(false);
        }
        self.claims.claim(path, origin)?;
        self.record(path.to_string(), hash);
        Ok(true)
    }
}

/// Takes the spare copy of an earlier site as the staging folder `dir`, returning what it
/// holds; an empty manifest when there is no usable spare.
fn take_spare(spare: &Path, dir: &Path) -> Manifest {
    if !spare.exists() {
        return Manifest::default();
    }
    match Manifest::read(spare) {
        Some(m) if std::fs::rename(spare, dir).is_ok() => m,
        _ => {
            remove_tree(spare);
            Manifest::default()
        }
    }
}

/// Makes way for a new file at `path`: removes the file there, or the folder (the spare may
/// have a folder where this build has a file); nothing there is fine.
fn remove_file(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(s: &Staging, path: &str, bytes: &[u8]) {
        s.put(path.into(), Content::Owned(bytes.to_vec()), "t".into())
            .unwrap();
    }

    fn commit(s: Staging) -> CommitStats {
        s.commit(&FxHashMap::default()).unwrap()
    }

    /// A site root with a content folder, and its output folder `public/`.
    fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let out = root.join("public");
        (tmp, root, out)
    }

    /// One build that puts `files` and commits.
    fn build(root: &Path, out: &Path, files: &[(&str, &[u8])]) -> CommitStats {
        let s = Staging::new(root, out).unwrap();
        for (p, b) in files {
            put(&s, p, b);
        }
        commit(s)
    }

    fn stats(files: usize, changed: usize) -> CommitStats {
        CommitStats { files, changed }
    }

    /// The folders beside the output that herold left.
    fn beside(root: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("herold-"))
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    fn inode(p: &Path) -> u64 {
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap())
    }

    #[test]
    fn rebuild_replaces_own_output_and_links_unchanged_files() {
        let (_tmp, root, out) = site();
        let s = Staging::new(&root, &out).unwrap();
        put(&s, "x/index.html", b"one");
        put(&s, "keep.txt", b"same");
        assert_eq!(commit(s), stats(2, 2));
        assert_eq!(std::fs::read(out.join("x/index.html")).unwrap(), b"one");

        let s = Staging::new(&root, &out).unwrap();
        put(&s, "keep.txt", b"same");
        put(&s, "y.txt", b"two");
        // y.txt added, x/index.html removed; keep.txt linked.
        assert_eq!(commit(s), stats(2, 2));
        assert!(!out.join("x/index.html").exists());
        assert_eq!(std::fs::read(out.join("y.txt")).unwrap(), b"two");
        assert_eq!(std::fs::read(out.join("keep.txt")).unwrap(), b"same");
        assert_eq!(
            beside(&root),
            [".public.herold-spare", ".public.herold-stamps"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_spare_is_brought_up_to_date_with_few_writes() {
        let (_tmp, root, out) = site();
        let build = |files: &[(&str, &[u8])]| build(&root, &out, files);
        build(&[
            ("a.html", b"a1"),
            ("b/c.html", b"c1"),
            ("gone/x.html", b"x"),
        ]);
        build(&[
            ("a.html", b"a2"),
            ("b/c.html", b"c1"),
            ("gone/x.html", b"x"),
        ]);
        let c_inode = inode(&out.join("b/c.html"));
        // The third build starts from the first (the spare): c.html is unchanged there and
        // stays the same file, a.html changes back, gone/ goes.
        assert_eq!(
            build(&[("a.html", b"a1"), ("b/c.html", b"c1")]),
            stats(2, 2)
        );
        assert_eq!(inode(&out.join("b/c.html")), c_inode);
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"a1");
        assert!(!out.join("gone").exists(), "emptied folders are removed");
        // The spare now holds the second build, untouched by the third.
        let spare = root.join(".public.herold-spare");
        assert_eq!(std::fs::read(spare.join("a.html")).unwrap(), b"a2");
        assert!(spare.join("gone/x.html").is_file());
    }

    #[test]
    fn a_file_of_the_spare_may_become_a_folder_and_back() {
        let (_tmp, root, out) = site();
        let build = |files: &[(&str, &[u8])]| build(&root, &out, files);
        build(&[("a", b"file"), ("q/index.html", b"folder")]);
        build(&[("x", b"other")]);
        // Starts from the first build: `a` was a file there, `q` a folder.
        build(&[("a/index.html", b"now a folder"), ("q", b"now a file")]);
        assert_eq!(
            std::fs::read(out.join("a/index.html")).unwrap(),
            b"now a folder"
        );
        assert_eq!(std::fs::read(out.join("q")).unwrap(), b"now a file");
    }

    #[test]
    fn a_file_changed_by_hand_is_never_trusted() {
        let (_tmp, root, out) = site();
        for _ in 0..2 {
            let s = Staging::new(&root, &out).unwrap();
            put(&s, "a.html", b"good");
            commit(s);
        }
        // Changed in place (shared by the live site and the spare), at once: same size, and
        // possibly the same modification time.
        std::fs::write(out.join("a.html"), b"evil").unwrap();
        let s = Staging::new(&root, &out).unwrap();
        assert!(
            !s.keep("a.html", "t").unwrap(),
            "a damaged file is not kept"
        );
        put(&s, "a.html", b"good");
        commit(s);
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"good");
    }

    #[test]
    fn keep_takes_the_live_file_and_claims_its_path() {
        let (_tmp, root, out) = site();
        let s = Staging::new(&root, &out).unwrap();
        put(&s, "a.html", b"page");
        let fps = FxHashMap::from_iter([("a.html".to_string(), 42)]);
        s.commit(&fps).unwrap();
        let s = Staging::new(&root, &out).unwrap();
        assert_eq!(s.fingerprints(), fps);
        assert!(s.keep("a.html", "t").unwrap());
        assert!(!s.keep("missing.html", "t").unwrap());
        assert!(s
            .put("a.html".into(), Content::Owned(vec![1]), "u".into())
            .is_err());
        assert_eq!(s.commit(&fps).unwrap(), stats(1, 0));
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"page");
    }

    #[test]
    fn refuses_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let foreign = tmp.path().join("foreign");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), b"mine").unwrap();
        for target in [
            foreign.clone(),
            root.clone(),
            root.join("content"),
            tmp.path().to_path_buf(),
        ] {
            assert!(
                matches!(
                    Staging::new(&root, &target),
                    Err(CommitError::Refused { .. })
                ),
                "{target:?}"
            );
        }
        assert_eq!(std::fs::read(foreign.join("keep.txt")).unwrap(), b"mine");
    }

    #[test]
    fn collisions_name_both_origins() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(tmp.path(), &tmp.path().join("out")).unwrap();
        s.put(
            "a".into(),
            Content::Owned(vec![1]),
            "content/pages/a.md".into(),
        )
        .unwrap();
        let e = s
            .put("a".into(), Content::Owned(vec![2]), "static/a".into())
            .unwrap_err();
        let message = e.message.to_string();
        assert!(message.contains("content/pages/a.md") && message.contains("static/a"));
        s.abandon();
    }
}
