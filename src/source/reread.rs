//! Re-reading only the files the preview server's watcher names, when that is enough to bring
//! the sources up to date (see [`reread`]).

use std::path::{Path, PathBuf};

use super::{ext_is, is_noise, read_text, ReleaseSource, SourceText, Sources};
use crate::diag::{display_path, Diagnostics};

/// Re-reads the files at `changed` (absolute paths) into `sources` when that alone brings it
/// up to date: each is a file `sources` already holds as text (a release outside a bundle, a
/// record, a page or a template) and still reads cleanly, or a release outside a bundle that
/// was created or deleted. Returns false, leaving `sources` as it was, when a full
/// [`super::read_site`] is needed instead: any other file created or deleted, a bundle file, a static
/// file, `config.toml`, or one that cannot be read now.
///
/// The preview server saves itself a walk over ten thousand files per keystroke (and per new
/// release) this way.
pub fn reread(root: &Path, sources: &mut Sources, changed: &[PathBuf]) -> bool {
    let mut fresh = Vec::with_capacity(changed.len());
    let mut gone = Vec::new();
    for path in changed {
        let mut ignored = Diagnostics::new();
        let rel = display_path(root, path);
        let held = sources.holds_text(&rel);
        let single = sources.may_hold_single_release(&rel);
        let meta = std::fs::symlink_metadata(path).ok();
        if rel == "config.toml" || !(held || single) {
            return false;
        }
        if meta.is_none() && single {
            gone.push(rel);
            continue;
        }
        // A new release must be a plain file, as the walk of a full read would find it.
        if !held && !meta.is_some_and(|m| m.is_file()) {
            return false;
        }
        match read_text(root, path, &mut ignored) {
            Some(text) if ignored.is_empty() => fresh.push(text),
            _ => return false,
        }
    }
    sources.releases.retain(|r| !gone.contains(&r.file.rel));
    for text in fresh {
        if sources.holds_text(&text.rel) {
            sources.replace_text(text);
        } else {
            sources.add_single_release(text);
        }
    }
    true
}

impl Sources {
    /// Every text slot of the sources (releases outside bundles, records, pages, templates).
    fn texts_mut(&mut self) -> impl Iterator<Item = &mut SourceText> {
        let releases = self
            .releases
            .iter_mut()
            .filter(|r| r.bundle_name.is_none())
            .map(|r| &mut r.file);
        releases
            .chain(self.programmes.iter_mut())
            .chain(self.municipalities.iter_mut())
            .chain(self.pages.iter_mut())
            .chain(self.templates.values_mut())
    }

    /// True when the sources hold the text file `rel` (relative to the site root).
    fn holds_text(&mut self, rel: &str) -> bool {
        self.texts_mut().any(|t| t.rel == rel)
    }

    /// True when `rel` is where a release outside a bundle may be: a Markdown file below
    /// `content/releases/`, not named `index.md`, with no hidden or backup name on its way, and
    /// not inside a bundle folder.
    fn may_hold_single_release(&self, rel: &str) -> bool {
        let Some(inner) = rel.strip_prefix("content/releases/") else {
            return false;
        };
        let name = inner.rsplit('/').next().unwrap_or(inner);
        let in_bundle = self.releases.iter().any(|r| {
            r.bundle_name.is_some()
                && r.file
                    .rel
                    .strip_suffix("index.md")
                    .is_some_and(|dir| rel.starts_with(dir))
        });
        ext_is(Path::new(name), "md")
            && name != "index.md"
            && !inner.split('/').any(is_noise)
            && !in_bundle
    }

    /// Adds a release outside a bundle, among the others in path order.
    fn add_single_release(&mut self, file: SourceText) {
        let singles = self
            .releases
            .iter()
            .take_while(|r| r.bundle_name.is_none())
            .count();
        let at = self.releases[..singles].partition_point(|r| r.file.rel < file.rel);
        self.releases.insert(
            at,
            ReleaseSource {
                file,
                bundle_name: None,
                assets: Vec::new(),
            },
        );
    }

    /// Puts `text` in the slot of the file with the same path.
    fn replace_text(&mut self, text: SourceText) {
        if let Some(slot) = self.texts_mut().find(|t| t.rel == text.rel) {
            *slot = text;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::read_site;

    /// A site with one release outside a bundle and one bundle with an image.
    fn site() -> (tempfile::TempDir, PathBuf, Sources) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let releases = root.join("content/releases");
        std::fs::create_dir_all(releases.join("2020/b")).unwrap();
        std::fs::write(root.join("config.toml"), "title = \"x\"\n").unwrap();
        std::fs::write(releases.join("2020/a.md"), "a").unwrap();
        std::fs::write(releases.join("2020/b/index.md"), "b").unwrap();
        std::fs::write(releases.join("2020/b/bild.png"), [0u8]).unwrap();
        let sources = read_site(&root, None, None, &mut Diagnostics::new());
        (tmp, root, sources)
    }

    fn rels(s: &Sources) -> Vec<&str> {
        s.releases.iter().map(|r| r.file.rel.as_str()).collect()
    }

    #[test]
    fn a_new_or_deleted_release_outside_a_bundle_is_read_alone() {
        let (_tmp, root, mut s) = site();
        let new = root.join("content/releases/2020/0-neu.md");
        std::fs::write(&new, "neu").unwrap();
        assert!(reread(&root, &mut s, std::slice::from_ref(&new)));
        let full = read_site(&root, None, None, &mut Diagnostics::new());
        assert_eq!(
            rels(&s),
            rels(&full),
            "as a full read finds them, in its order"
        );
        std::fs::remove_file(&new).unwrap();
        assert!(reread(&root, &mut s, &[new]));
        assert_eq!(
            rels(&s),
            [
                "content/releases/2020/a.md",
                "content/releases/2020/b/index.md"
            ]
        );
    }

    #[test]
    fn other_new_files_need_a_full_read() {
        let (_tmp, root, mut s) = site();
        let before = rels(&s).len();
        for (path, bytes) in [
            ("content/releases/2020/b/notiz.md", "in a bundle"),
            ("content/releases/2020/c/index.md", "a new bundle"),
            ("content/releases/2020/.versteckt.md", "hidden"),
            ("content/releases/2020/bild.png", "not Markdown"),
            ("content/programmes/neu.toml", "a record"),
            ("content/releases/2020/kaputt.md", "\u{0}"),
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            let bytes: &[u8] = if path.ends_with("kaputt.md") {
                &[0xff, 0xfe]
            } else {
                bytes.as_bytes()
            };
            std::fs::write(&p, bytes).unwrap();
            assert!(!reread(&root, &mut s, std::slice::from_ref(&p)), "{path}");
            std::fs::remove_file(&p).unwrap();
        }
        // A deleted bundle asset or bundle text too.
        let asset = root.join("content/releases/2020/b/bild.png");
        std::fs::remove_file(&asset).unwrap();
        assert!(!reread(&root, &mut s, &[asset]));
        assert_eq!(
            rels(&s).len(),
            before,
            "nothing changed by the refused calls"
        );
    }
}
