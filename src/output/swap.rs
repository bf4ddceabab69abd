//! Putting a finished staging folder in place, keeping the replaced site as the spare, and
//! clearing what killed builds left beside the output folder.

use std::io;
use std::path::{Path, PathBuf};

use super::target::{io_err, Action, CommitError};

/// Removes staging and old-output folders that killed builds left beside the output folder
/// (not the spare).
pub(super) fn remove_leftovers(parent: &Path, name: &str, keep: &[&Path]) {
    let prefix = format!(".{name}.herold-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(&prefix) && !keep.contains(&&*e.path()) {
            remove_tree(&e.path());
        }
    }
}

/// Puts the folder `staging` at `out` (an atomic exchange when `out` exists) and keeps the
/// replaced site as `spare`, where the next build starts from it.
pub(super) fn swap_in(staging: &Path, out: &Path, spare: &Path) -> Result<(), CommitError> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(io_err(Action::MoveIntoPlace, out));
    }
    match exchange(staging, out) {
        Ok(()) => {}
        Err(e) if matches!(e.raw_os_error(), Some(code) if code == libc_einval() || code == libc_enosys()) =>
        {
            // The file system cannot exchange atomically: fall back to two renames.
            let old = staging.with_extension("old");
            std::fs::rename(out, &old).map_err(io_err(Action::MoveAside, out))?;
            if let Err(e) = std::fs::rename(staging, out) {
                let _ = std::fs::rename(&old, out);
                return Err(io_err(Action::MoveIntoPlace, out)(e));
            }
            keep_as_spare(&old, spare);
            return Ok(());
        }
        Err(e) => return Err(io_err(Action::SwapIn, out)(e)),
    }
    keep_as_spare(staging, spare);
    Ok(())
}

/// Keeps the replaced site `old` as the spare. Failing loses nothing: the next build removes
/// what is left and writes the files the spare would have saved.
fn keep_as_spare(old: &Path, spare: &Path) {
    if spare.exists() {
        remove_tree(spare);
    }
    if std::fs::rename(old, spare).is_err() {
        remove_tree(old);
    }
}

/// Deletes a folder tree, its top-level entries in parallel (thousands of files), or a file.
pub(super) fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    if std::fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()) {
        let _ = std::fs::remove_file(dir);
        return;
    }
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
