//! Writing a build to disk without ever damaging the published site.
//!
//! [`Staging`] is the sink of `herold build`: each file is written the moment it is rendered
//! into `.NAME.herold-new-PID` beside the output folder `NAME`, so the site is never held in
//! memory whole. A file whose bytes equal the previous build's file (compared byte for byte)
//! is hard-linked from the old output instead of written, so a rebuild after one edit creates
//! almost no new files; the marker file lists the files herold wrote, so files added by hand
//! are never deleted silently. [`Staging::commit`] then exchanges the staging
//! folder and the output folder in one atomic `renameat2(RENAME_EXCHANGE)` and deletes the
//! old copy: at any instant, even if the process is killed, the output folder holds either
//! the complete old site or the complete new one. Left-over staging folders of killed builds
//! are removed by the next build.
//!
//! herold only ever replaces a folder it made: the marker file `.herold-output` identifies it.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::{Claims, Content, Sink};
use crate::diag::Diagnostic;

/// Name of the marker file in every output folder; it also holds the manifest of the build.
pub const MARKER: &str = ".herold-output";

const MARKER_HEADER: &str = "herold-output 3: written by herold, replaced on every build. Files:";

/// Why the output could not be committed.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// The output folder is not one herold may replace.
    #[error("refusing to write into {path}: {why}")]
    Refused {
        /// The output folder.
        path: PathBuf,
        /// The reason.
        why: String,
    },
    /// A file-system operation failed.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
}

fn io_err<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(io::Error) -> CommitError + 'p {
    move |source| CommitError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Checks that `out` may be replaced by a build of the site at `root`.
pub fn check_target(root: &Path, out: &Path) -> Result<(), CommitError> {
    let refuse = |why: &str| {
        Err(CommitError::Refused {
            path: out.to_path_buf(),
            why: why.to_string(),
        })
    };
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let out_abs = absolute(out);
    if root.starts_with(&out_abs) {
        return refuse(
            "it is the site folder or one of its parents; choose a separate folder such as public/",
        );
    }
    for own in ["content", "static", "templates", "themes"] {
        if out_abs.starts_with(root.join(own)) {
            return refuse(&format!(
                "it is inside the site's {own}/ folder; choose a separate folder such as public/"
            ));
        }
    }
    match std::fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() && !out.join(MARKER).is_file() {
                return refuse("it is not empty and was not made by herold (it has no .herold-output marker); empty it or choose another folder");
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => refuse("it is a file, not a folder"),
        Err(e) => Err(io_err("read", out)(e)),
    }
}

/// `p` as an absolute path, resolving symbolic links of the part that exists.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolute(parent).join(name),
        _ => std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf()),
    }
}

/// Reads the list of files of a previous build from its marker file: `None` when the folder
/// has no marker or one written by an older herold.
fn read_manifest(out: &Path) -> Option<HashSet<String>> {
    let text = std::fs::read_to_string(out.join(MARKER)).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(MARKER_HEADER) {
        return None;
    }
    Some(
        lines
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// True when the file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Files in the output folder that the previous build did not write (added by hand).
fn foreign_files(out: &Path, manifest: &HashSet<String>) -> Vec<String> {
    let mut foreign: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| crate::diag::display_path(out, e.path()))
        .filter(|rel| rel != MARKER && !manifest.contains(rel))
        .collect();
    foreign.sort();
    foreign
}

/// The build's sink on disk: a staging folder beside the output folder.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    previous: HashSet<String>,
    claims: Claims,
    manifest: Mutex<Vec<String>>,
    made_dirs: Mutex<HashSet<PathBuf>>,
    written: AtomicUsize,
}

/// What a commit changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommitStats {
    /// Files in the new output.
    pub files: usize,
    /// Files added, changed or removed compared with the previous output.
    pub changed: usize,
}

impl Staging {
    /// Prepares a staging folder for replacing `out` with a build of the site at `root`.
    pub fn new(root: &Path, out: &Path) -> Result<Staging, CommitError> {
        check_target(root, out)?;
        let out = absolute(out);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        std::fs::create_dir_all(&parent).map_err(io_err("create", &parent))?;
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.herold-new-{}", std::process::id()));
        let previous = read_manifest(&out).unwrap_or_default();
        let foreign = foreign_files(&out, &previous);
        if !previous.is_empty() && !foreign.is_empty() {
            let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
            let more = if foreign.len() > 5 {
                format!(" and {} more", foreign.len() - 5)
            } else {
                String::new()
            };
            return Err(CommitError::Refused {
                path: out,
                why: format!(
                    "it holds files herold did not write ({}{more}); a build would delete them. Move them to static/ (herold then publishes them) or delete them",
                    shown.join(", ")
                ),
            });
        }
        std::fs::create_dir_all(&dir).map_err(io_err("create", &dir))?;
        Ok(Staging {
            previous,
            out,
            dir,
            claims: Claims::default(),
            manifest: Mutex::new(Vec::new()),
            made_dirs: Mutex::new(HashSet::new()),
            written: AtomicUsize::new(0),
        })
    }

    fn ensure_parent(&self, path: &Path) -> io::Result<()> {
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        if self
            .made_dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(parent)
        {
            return Ok(());
        }
        std::fs::create_dir_all(parent)?;
        self.made_dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(parent.to_path_buf());
        Ok(())
    }

    /// Puts `bytes` at `rel` in the staging folder: hard-linked from the old output when the
    /// previous build wrote that file and it still holds exactly these bytes (checked, so a
    /// file damaged since is repaired), written otherwise.
    fn store(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.dir.join(rel);
        self.ensure_parent(&target)?;
        let source = self.out.join(rel);
        if self.previous.contains(rel)
            && same_bytes(&source, bytes)
            && std::fs::hard_link(&source, &target).is_ok()
        {
            return Ok(());
        }
        std::fs::write(&target, bytes)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Writes the manifest and swaps the staging folder in. Consumes the staging.
    pub fn commit(self) -> Result<CommitStats, CommitError> {
        let result = self.finish();
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        result
    }

    fn finish(&self) -> Result<CommitStats, CommitError> {
        let mut manifest =
            std::mem::take(&mut *self.manifest.lock().unwrap_or_else(PoisonError::into_inner));
        manifest.sort();
        let mut text = String::with_capacity(64 + manifest.len() * 80);
        text.push_str(MARKER_HEADER);
        text.push('\n');
        for path in &manifest {
            text.push_str(path);
            text.push('\n');
        }
        let marker = self.dir.join(MARKER);
        std::fs::write(&marker, text).map_err(io_err("write", &marker))?;
        let kept: HashSet<&str> = manifest.iter().map(String::as_str).collect();
        let removed = self
            .previous
            .iter()
            .filter(|p| !kept.contains(p.as_str()))
            .count();
        let stats = CommitStats {
            files: manifest.len(),
            changed: self.written.load(Ordering::Relaxed) + removed,
        };
        swap_in(&self.dir, &self.out)?;
        Ok(stats)
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
            Ok(()) => {
                self.manifest
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(path);
                Ok(())
            }
            Err(e) => Err(Box::new(
                Diagnostic::error(
                    None,
                    format!("cannot write {} into {}: {e}", path, self.dir.display()),
                )
                .with_help(
                    "check free disk space and the permissions of the output folder's parent",
                ),
            )),
        }
    }
}

/// Removes staging and old-output folders that killed builds left beside the output folder.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.herold-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Puts the folder `staging` at `out`: an atomic exchange when `out` exists, then the old site
/// (now at `staging`) is deleted.
fn swap_in(staging: &Path, out: &Path) -> Result<(), CommitError> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(io_err("move into place", out));
    }
    match exchange(staging, out) {
        Ok(()) => {}
        Err(e) if matches!(e.raw_os_error(), Some(code) if code == libc_einval() || code == libc_enosys()) =>
        {
            // The file system cannot exchange atomically: fall back to two renames.
            let old = staging.with_extension("old");
            std::fs::rename(out, &old).map_err(io_err("move aside", out))?;
            if let Err(e) = std::fs::rename(staging, out) {
                let _ = std::fs::rename(&old, out);
                return Err(io_err("move into place", out)(e));
            }
            remove_tree(&old);
            return Ok(());
        }
        Err(e) => return Err(io_err("swap in", out)(e)),
    }
    // The new site is in place; failing to delete the old copy loses nothing (the next build
    // removes it).
    remove_tree(staging);
    Ok(())
}

/// Deletes a folder tree, its top-level entries in parallel (thousands of files).
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    if let Ok(entries) = std::fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.par_iter().for_each(|p| {
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(p)
            } else {
                std::fs::remove_file(p)
            };
        });
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

fn libc_einval() -> i32 {
    rustix::io::Errno::INVAL.raw_os_error()
}

fn libc_enosys() -> i32 {
    rustix::io::Errno::NOSYS.raw_os_error()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(s: &Staging, path: &str, bytes: &[u8]) {
        s.put(path.into(), Content::Owned(bytes.to_vec()), "t".into())
            .unwrap();
    }

    #[test]
    fn rebuild_replaces_own_output_and_links_unchanged_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let out = root.join("public");
        let s = Staging::new(&root, &out).unwrap();
        put(&s, "x/index.html", b"one");
        put(&s, "keep.txt", b"same");
        assert_eq!(
            s.commit().unwrap(),
            CommitStats {
                files: 2,
                changed: 2
            }
        );
        assert_eq!(std::fs::read(out.join("x/index.html")).unwrap(), b"one");

        let s = Staging::new(&root, &out).unwrap();
        put(&s, "keep.txt", b"same");
        put(&s, "y.txt", b"two");
        // y.txt added, x/index.html removed; keep.txt linked.
        assert_eq!(
            s.commit().unwrap(),
            CommitStats {
                files: 2,
                changed: 2
            }
        );
        assert!(!out.join("x/index.html").exists());
        assert_eq!(std::fs::read(out.join("y.txt")).unwrap(), b"two");
        assert_eq!(std::fs::read(out.join("keep.txt")).unwrap(), b"same");
        let leftovers: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("herold-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
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
        assert!(e.message.contains("content/pages/a.md") && e.message.contains("static/a"));
        s.abandon();
    }
}
