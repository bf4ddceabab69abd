//! Walking a folder of the site: every regular file below it, sorted as a walk with each
//! folder's entries sorted by name gives them, noise (hidden files, editor backups) skipped.
//! A folder without symbolic links is walked from its listings alone; one with links is
//! walked following them, and loops and links that lead nowhere are reported.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::is_noise;
use crate::diag::{display_path, io_reason, Diagnostic, Diagnostics, Location, Msg};
use crate::msg;

/// Walks `dir` (if it exists), skipping noise, and returns every regular file path, sorted.
pub(super) fn walk(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walk_plain(dir).unwrap_or_else(|| walk_links(root, dir, diags))
}

/// [`walk`] of a folder without symbolic links below it: the file types come from the folder
/// listings, so no file is looked at on its own (a walk that follows links must look at
/// every one, ten thousand calls to the system for ten thousand releases). `None` as soon as
/// a link (or anything walkdir cannot read) is met: the careful walk then starts over.
fn walk_plain(dir: &Path) -> Option<Vec<PathBuf>> {
    // The folders of the first level (the years of `content/releases`) are walked in
    // parallel.
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let e = entry.ok()?;
        if is_noise(&e.file_name().to_string_lossy()) {
            continue;
        }
        let kind = e.file_type().ok()?;
        if kind.is_symlink() {
            return None;
        }
        if kind.is_dir() {
            folders.push(e.path());
        } else if kind.is_file() {
            files.push(e.path());
        }
    }
    let below: Vec<Vec<PathBuf>> = folders
        .par_iter()
        .map(|f| walk_folder(f))
        .collect::<Option<_>>()?;
    files.extend(below.into_iter().flatten());
    // The order of a walk with each folder's entries sorted by name (as `walk_links` walks):
    // paths compared name by name, which is their bytes compared with the separator as the
    // smallest byte. Sorted once here, where walkdir would take every name apart again for
    // each comparison.
    let mut keyed: Vec<(Vec<u8>, PathBuf)> = files
        .into_iter()
        .map(|p| {
            let key = p
                .as_os_str()
                .as_encoded_bytes()
                .iter()
                .map(|&b| if b == b'/' { 0 } else { b })
                .collect();
            (key, p)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Some(keyed.into_iter().map(|(_, p)| p).collect())
}

/// Every regular file below `dir`, in no particular order (noise skipped); `None` as soon as a
/// link, or anything that cannot be read, is met.
fn walk_folder(dir: &Path) -> Option<Vec<PathBuf>> {
    let walker = WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_noise(&e.file_name().to_string_lossy()));
    let mut files = Vec::new();
    for entry in walker {
        let e = entry.ok()?;
        let kind = e.file_type();
        if kind.is_symlink() {
            return None;
        }
        if kind.is_file() {
            files.push(e.into_path());
        }
    }
    Some(files)
}

/// [`walk`] following symbolic links, reporting loops and links that lead nowhere.
fn walk_links(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut loops = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_noise(&e.file_name().to_string_lossy()) {
                return false;
            }
            // A link to a folder above it would be walked once before walkdir notices the
            // loop (giving false duplicates): stop at the link itself.
            if e.path_is_symlink() && e.file_type().is_dir() && links_to_ancestor(e.path()) {
                loops.push(e.path().to_path_buf());
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_default();
                let message = if err.loop_ancestor().is_some() {
                    msg!("source-link-loop")
                } else {
                    msg!("source-cannot-read", reason = walk_reason(&err))
                };
                diags.push(
                    Diagnostic::error(Some(Location::file(path)), message)
                        .with_help(msg!("source-fix-link")),
                );
            }
        }
    }
    for l in loops {
        diags.push(
            Diagnostic::error(
                Some(Location::file(display_path(root, &l))),
                msg!("source-link-loop"),
            )
            .with_help(msg!("source-fix-link")),
        );
    }
    files
}

/// True when the symbolic link `link` points at one of the folders containing it.
fn links_to_ancestor(link: &Path) -> bool {
    match (
        link.canonicalize(),
        link.parent().and_then(|p| p.canonicalize().ok()),
    ) {
        (Ok(target), Some(parent)) => parent.starts_with(&target),
        _ => false,
    }
}

fn walk_reason(err: &walkdir::Error) -> Msg {
    err.io_error()
        .map(io_reason)
        .unwrap_or_else(|| msg!("io-other", detail = err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_walk_gives_the_order_of_the_careful_one() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("content");
        for f in [
            "a/z.md",
            "a.md",
            "a-b/x.md",
            "a-b.md",
            "A/y.md",
            "ä/1.md",
            "b/c/d.md",
            "b/c.md",
            "b/c-d/e.md",
            "b.md",
            "2019/x.md",
            "2020/b.md",
            "2020/a b.md",
            "2020/a/c.md",
            ".hidden/x.md",
            "notiz.md~",
        ] {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
        let quick = walk_plain(&dir).unwrap();
        let careful = walk_links(tmp.path(), &dir, &mut Diagnostics::new());
        assert_eq!(quick, careful);
        assert_eq!(quick.len(), 14);
        // A link makes the quick walk give way to the careful one.
        std::os::unix::fs::symlink(dir.join("a.md"), dir.join("link.md")).unwrap();
        assert!(walk_plain(&dir).is_none());
        assert_eq!(walk(tmp.path(), &dir, &mut Diagnostics::new()).len(), 15);
    }
}
