//! Replays every input kept under `tests/fuzz_regressions/<target>/` through the checks of the
//! fuzz target of the same name (`fuzz/checks.rs`, shared with `fuzz/fuzz_targets/`): the
//! crash inputs the fuzzers found (`crash-*`, each fixed since) and a small seed corpus
//! (`seed-*`), so no folder is ever empty. The fuzzers themselves run outside `cargo test`; see
//! "Fuzzing" in the README.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// Runs `check` on every file in `tests/fuzz_regressions/<target>/` (and in `extra`), and fails
/// with the list of the inputs that panicked.
fn replay(target: &str, extra: &[PathBuf], check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        files.iter().any(|f| file_name(f).starts_with("seed-")),
        "{}: the seed corpus is missing",
        dir.display()
    );
    files.extend_from_slice(extra);
    let failed: Vec<String> = files
        .iter()
        .filter(|f| {
            let data = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            std::panic::catch_unwind(|| check(&data)).is_err()
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: these inputs panic: {failed:#?}"
    );
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn frontmatter_inputs() {
    // The example site's releases are seeds too.
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/releases");
    let mut releases: Vec<PathBuf> = std::fs::read_dir(&content)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    releases.sort();
    replay("frontmatter", &releases, checks::frontmatter);
}

#[test]
fn slug_inputs() {
    replay("slug", &[], checks::slug);
}

#[test]
fn markdown_inputs() {
    replay("markdown", &[], checks::markdown);
}
