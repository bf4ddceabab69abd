//! The built site in memory ([`Output`]) and its commit to disk.
//!
//! Every output file goes through [`Output::insert`], which refuses two files at one path (a
//! static file colliding with a page, two aliases…). [`commit`] writes everything into a
//! staging folder beside the output folder and swaps it in only when all writes succeeded, so
//! a failed build never damages the published site. A marker file identifies herold output, so
//! herold never replaces a folder it did not make.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::Diagnostic;

/// Name of the marker file herold puts into every output folder.
pub const MARKER: &str = ".herold-output";

/// One output file.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Its bytes.
    pub bytes: Arc<[u8]>,
    /// What made it (a source file, a template, "feed"), for collision reports.
    pub origin: String,
}

/// The whole built site: output path (relative, `/`-separated) → file.
#[derive(Debug, Clone, Default)]
pub struct Output {
    files: BTreeMap<String, OutFile>,
}

impl Output {
    /// An empty output.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; a second file at the same path is an error naming both origins.
    pub fn insert(
        &mut self,
        path: String,
        bytes: impl Into<Arc<[u8]>>,
        origin: impl Into<String>,
    ) -> Result<(), Box<Diagnostic>> {
        let origin = origin.into();
        if let Some(existing) = self.files.get(&path) {
            return Err(Box::new(
                Diagnostic::error(None, format!("two files for the output path {path}: from {} and from {origin}", existing.origin))
                    .with_help("rename one of them (a static file, a page slug or an alias) so each URL is made once"),
            ));
        }
        self.files.insert(
            path,
            OutFile {
                bytes: bytes.into(),
                origin,
            },
        );
        Ok(())
    }

    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&OutFile> {
        self.files.get(path)
    }

    /// All files, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &OutFile)> {
        self.files.iter()
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

fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    // Not there yet: canonicalize the parent and append the name.
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolute(parent).join(name),
        _ => std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf()),
    }
}

/// Writes `output` to `out` through a staging folder and swaps it in.
pub fn commit(output: &Output, root: &Path, out: &Path) -> Result<(), CommitError> {
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
    let staging = parent.join(format!(".{name}.herold-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.herold-old-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io_err("remove", &staging))?;
    }
    let result = write_all(output, &staging).and_then(|()| swap(&staging, &out, &old));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(output: &Output, staging: &Path) -> Result<(), CommitError> {
    std::fs::create_dir_all(staging).map_err(io_err("create", staging))?;
    let mut dirs: Vec<PathBuf> = output
        .iter()
        .filter_map(|(p, _)| Path::new(p).parent().map(|d| staging.join(d)))
        .collect();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(io_err("create", d))?;
    }
    output.files.par_iter().try_for_each(|(p, f)| {
        let path = staging.join(p);
        std::fs::write(&path, &f.bytes).map_err(io_err("write", &path))
    })?;
    let marker = staging.join(MARKER);
    std::fs::write(
        &marker,
        b"This folder was written by herold; herold replaces it on every build.\n",
    )
    .map_err(io_err("write", &marker))
}

fn swap(staging: &Path, out: &Path, old: &Path) -> Result<(), CommitError> {
    let had_old = out.exists();
    if had_old {
        if old.exists() {
            std::fs::remove_dir_all(old).map_err(io_err("remove", old))?;
        }
        std::fs::rename(out, old).map_err(io_err("move aside", out))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        return Err(io_err("move into place", out)(e));
    }
    if had_old {
        // The new site is in place; failing to delete the old copy loses nothing.
        let _ = std::fs::remove_dir_all(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_are_reported_with_both_origins() {
        let mut o = Output::new();
        o.insert("a/index.html".into(), b"1".to_vec(), "content/pages/a.md")
            .unwrap();
        let e = o
            .insert("a/index.html".into(), b"2".to_vec(), "static/a/index.html")
            .unwrap_err();
        assert!(
            e.message.contains("content/pages/a.md") && e.message.contains("static/a/index.html")
        );
    }

    #[test]
    fn commit_replaces_own_output_and_refuses_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let out = root.join("public");
        let mut o = Output::new();
        o.insert("x/index.html".into(), b"one".to_vec(), "t")
            .unwrap();
        commit(&o, &root, &out).unwrap();
        assert_eq!(std::fs::read(out.join("x/index.html")).unwrap(), b"one");
        let mut o2 = Output::new();
        o2.insert("y.txt".into(), b"two".to_vec(), "t").unwrap();
        commit(&o2, &root, &out).unwrap();
        assert!(!out.join("x/index.html").exists());
        assert!(out.join("y.txt").exists());

        let foreign = tmp.path().join("foreign");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), b"mine").unwrap();
        assert!(matches!(
            commit(&o2, &root, &foreign),
            Err(CommitError::Refused { .. })
        ));
        assert!(matches!(
            commit(&o2, &root, &root),
            Err(CommitError::Refused { .. })
        ));
        assert!(matches!(
            commit(&o2, &root, &root.join("content")),
            Err(CommitError::Refused { .. })
        ));
        assert!(matches!(
            commit(&o2, &root, tmp.path()),
            Err(CommitError::Refused { .. })
        ));
        assert_eq!(std::fs::read(foreign.join("keep.txt")).unwrap(), b"mine");
    }
}
