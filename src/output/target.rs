//! Which folder a build may replace, and why committing into it can fail: the checks made
//! before anything is written (not inside the site's sources, not a folder of someone
//! else's files), and the errors of the final swap.

use std::io;
use std::path::{Path, PathBuf};

use super::manifest::{Manifest, MARKER};
use crate::diag::{io_reason, Msg};
use crate::msg;

/// Why the output could not be committed.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// The output folder is not one herold may replace.
    #[error("{}", self.message())]
    Refused {
        /// The output folder.
        path: PathBuf,
        /// The reason.
        why: Msg,
    },
    /// A file-system operation failed.
    #[error("{}", self.message())]
    Io {
        /// What was being done.
        action: Action,
        /// On which path.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
}

/// The file-system operations of a commit, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Creating a folder.
    Create,
    /// Reading a folder.
    Read,
    /// Writing a file.
    Write,
    /// Moving the old output aside.
    MoveAside,
    /// Moving the new output into place.
    MoveIntoPlace,
    /// Exchanging the staging and output folders.
    SwapIn,
}

impl CommitError {
    /// What went wrong, as a message of the catalogue.
    pub fn message(&self) -> Msg {
        match self {
            CommitError::Refused { path, why } => msg!(
                "commit-refused",
                path = path.display().to_string(),
                why = why.clone()
            ),
            CommitError::Io {
                action,
                path,
                source,
            } => {
                let path = path.display().to_string();
                let reason = io_reason(source);
                match action {
                    Action::Create => msg!("commit-create", path = path, reason = reason),
                    Action::Read => msg!("commit-read", path = path, reason = reason),
                    Action::Write => msg!("commit-write", path = path, reason = reason),
                    Action::MoveAside => msg!("commit-move-aside", path = path, reason = reason),
                    Action::MoveIntoPlace => {
                        msg!("commit-move-into-place", path = path, reason = reason)
                    }
                    Action::SwapIn => msg!("commit-swap-in", path = path, reason = reason),
                }
            }
        }
    }
}

pub(super) fn io_err<'p>(
    action: Action,
    path: &'p Path,
) -> impl FnOnce(io::Error) -> CommitError + 'p {
    move |source| CommitError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Checks that `out` may be replaced by a build of the site at `root`.
pub fn check_target(root: &Path, out: &Path) -> Result<(), CommitError> {
    let refuse = |why: Msg| {
        Err(CommitError::Refused {
            path: out.to_path_buf(),
            why,
        })
    };
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let out_abs = absolute(out);
    if root.starts_with(&out_abs) {
        return refuse(msg!("refuse-site-folder"));
    }
    for own in ["content", "static", "templates", "themes"] {
        if out_abs.starts_with(root.join(own)) {
            return refuse(msg!("refuse-inside", folder = own));
        }
    }
    match std::fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() && !out.join(MARKER).is_file() {
                return refuse(msg!("refuse-not-ours"));
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => refuse(msg!("refuse-file")),
        Err(e) => Err(io_err(Action::Read, out)(e)),
    }
}

/// `p` as an absolute path, resolving symbolic links of the part that exists.
pub(super) fn absolute(p: &Path) -> PathBuf {
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

/// Files in the output folder that the previous build did not write (added by hand).
pub(super) fn foreign_files(out: &Path, manifest: &Manifest) -> Vec<String> {
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
