//! Reading a site from disk: walk the site root, classify each file, read it.
//!
//! This is the only module (besides the final commit in [`crate::output`]) that touches the file
//! system. Everything it reads is kept in memory as [`SourceText`]s and [`Asset`]s; later stages
//! work on those and never open files. Hidden files and editor backups are skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{display_path, io_reason, Diagnostic, Diagnostics, Location, Msg};
use crate::msg;
use crate::theme;

/// A text file of the site, read and decoded.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path relative to the site root, `/`-separated (as shown in reports).
    pub rel: String,
    /// The text, without a UTF-8 byte order mark.
    pub text: Arc<str>,
}

/// A binary file that is copied into the output (static files, bundle images and attachments).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the folder it is copied from (`static/`, the theme's `static/`, or the
    /// release bundle), `/`-separated.
    pub rel: String,
    /// Path relative to the site root, for reports.
    pub origin: String,
    /// The file's bytes.
    pub bytes: Arc<[u8]>,
}

/// One release file as found on disk.
#[derive(Debug, Clone)]
pub struct ReleaseSource {
    /// The Markdown file.
    pub file: SourceText,
    /// For a bundle (`NAME/index.md`): the folder name, which is the default slug.
    pub bundle_name: Option<String>,
    /// For a bundle: every other file in its folder.
    pub assets: Vec<Asset>,
}

/// Everything herold reads from a site root.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `config.toml`.
    pub config: Option<SourceText>,
    /// `content/releases/**`.
    pub releases: Vec<ReleaseSource>,
    /// `content/programmes/*.toml`.
    pub programmes: Vec<SourceText>,
    /// `content/municipalities/*.toml`.
    pub municipalities: Vec<SourceText>,
    /// `content/pages/*.md`.
    pub pages: Vec<SourceText>,
    /// Templates by name: the theme's first, then the site's `templates/` over them.
    pub templates: BTreeMap<String, SourceText>,
    /// Static files by output path: the theme's, then the site's `static/` over them.
    pub static_files: BTreeMap<String, Asset>,
}

/// True for files herold never reads: hidden files, editor swap and backup files.
pub fn is_noise(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

fn ext_is(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Reads `config.toml` from `root`.
pub fn read_config(root: &Path, diags: &mut Diagnostics) -> Option<SourceText> {
    let path = root.join(crate::config::CONFIG_FILE);
    if !path.is_file() {
        diags.push(
            Diagnostic::error(
                None,
                msg!("source-no-config", dir = root.display().to_string()),
            )
            .with_help(msg!("source-no-config-help")),
        );
        return None;
    }
    read_text(root, &path, diags)
}

/// Reads the whole site below `root`. `theme` is the configured theme name, if any.
pub fn read_site(
    root: &Path,
    theme_name: Option<&str>,
    theme_at: Option<&Location>,
    diags: &mut Diagnostics,
) -> Sources {
    let mut sources = Sources {
        config: None,
        ..Sources::default()
    };
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(None, msg!("source-no-content"))
                .with_help(msg!("source-no-content-help")),
        );
    }
    read_releases(root, &content.join("releases"), diags, &mut sources);
    sources.programmes = read_flat(root, &content.join("programmes"), "toml", diags);
    sources.municipalities = read_flat(root, &content.join("municipalities"), "toml", diags);
    sources.pages = read_flat(root, &content.join("pages"), "md", diags);
    warn_unknown_content(root, &content, diags);

    read_theme(root, theme_name, theme_at, diags, &mut sources);
    for t in read_flat(root, &root.join("templates"), "html", diags) {
        let name = t.rel.rsplit('/').next().unwrap_or(&t.rel).to_string();
        sources.templates.insert(name, t);
    }
    for a in read_assets(root, &root.join("static"), diags) {
        sources.static_files.insert(a.rel.clone(), a);
    }
    sources
}

fn read_theme(
    root: &Path,
    name: Option<&str>,
    at: Option<&Location>,
    diags: &mut Diagnostics,
    sources: &mut Sources,
) {
    if let Some(n) = name {
        let dir = root.join("themes").join(n);
        if dir.is_dir() {
            for t in read_flat(root, &dir.join("templates"), "html", diags) {
                let name = t.rel.rsplit('/').next().unwrap_or(&t.rel).to_string();
                sources.templates.insert(name, t);
            }
            for a in read_assets(root, &dir.join("static"), diags) {
                sources.static_files.insert(a.rel.clone(), a);
            }
            return;
        }
        if n != theme::BUILTIN_NAME {
            let loc = at
                .cloned()
                .unwrap_or_else(|| Location::file(crate::config::CONFIG_FILE));
            diags.push(
                Diagnostic::error(
                    Some(loc),
                    msg!("source-theme-not-found", name = n.to_string()),
                )
                .with_help(msg!("source-theme-not-found-help")),
            );
            // Go on with the built-in theme, so the content is still checked.
        }
    }
    for (name, text) in theme::TEMPLATES {
        let rel = format!("(built-in theme)/templates/{name}");
        sources.templates.insert(
            (*name).to_string(),
            SourceText {
                rel,
                text: Arc::from(*text),
            },
        );
    }
    for (rel, bytes) in theme::STATIC {
        let origin = format!("(built-in theme)/static/{rel}");
        sources.static_files.insert(
            (*rel).to_string(),
            Asset {
                rel: (*rel).to_string(),
                origin,
                bytes: Arc::from(*bytes),
            },
        );
    }
}

/// Walks `dir` (if it exists), skipping noise, and returns every regular file path, sorted.
fn walk(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
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

/// Reads the files with extension `ext` directly in `dir` (not in sub-folders).
fn read_flat(root: &Path, dir: &Path, ext: &str, diags: &mut Diagnostics) -> Vec<SourceText> {
    let paths: Vec<PathBuf> = walk(root, dir, diags)
        .into_iter()
        .filter(|p| {
            let direct = p.parent() == Some(dir);
            if !ext_is(p, ext) || !direct {
                diags.push(
                    Diagnostic::warning(
                        Some(Location::file(display_path(root, p))),
                        msg!("source-ignored-flat", ext = ext.to_string()),
                    )
                    .with_help(msg!("source-ignored-flat-help", ext = ext.to_string())),
                );
                return false;
            }
            true
        })
        .collect();
    read_texts(root, &paths, diags)
}

fn read_texts(root: &Path, paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<SourceText> {
    let results: Vec<(Option<SourceText>, Diagnostics)> = paths
        .par_iter()
        .map(|p| {
            let mut d = Diagnostics::new();
            (read_text(root, p, &mut d), d)
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for (text, d) in results {
        diags.extend(d);
        out.extend(text);
    }
    out
}

/// Re-reads the files at `changed` (absolute paths) into `sources` when that alone brings it
/// up to date: each is a file `sources` already holds as text (a release outside a bundle, a
/// record, a page or a template) and still reads cleanly, or a release outside a bundle that
/// was created or deleted. Returns false, leaving `sources` as it was, when a full
/// [`read_site`] is needed instead: any other file created or deleted, a bundle file, a static
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

/// Reads and decodes one text file; invalid UTF-8 is reported at its line and column.
pub fn read_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceText> {
    let rel = display_path(root, path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    Some(Location::file(rel)),
                    msg!("source-read-failed", reason = io_reason(&e)),
                )
                .with_help(msg!("source-read-failed-help")),
            );
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(SourceText {
            rel,
            text: Arc::from(s),
        }),
        Err(e) => {
            let valid = e.valid_up_to();
            // Quote the file up to the bad byte (lossy after it) so the position is shown.
            let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
            let prefix_len = String::from_utf8_lossy(&bytes[..valid]).len();
            diags.push(
                Diagnostic::error(
                    Some(Location::span(rel, &lossy, prefix_len..prefix_len + 1)),
                    msg!("source-not-utf8", byte = format!("{:02X}", bytes[valid])),
                )
                .with_help(msg!("source-not-utf8-help")),
            );
            None
        }
    }
}

fn read_assets(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<Asset> {
    let paths = walk(root, dir, diags);
    read_asset_files(root, dir, &paths, diags)
}

fn read_asset_files(
    root: &Path,
    dir: &Path,
    paths: &[PathBuf],
    diags: &mut Diagnostics,
) -> Vec<Asset> {
    let results: Vec<Result<Asset, Box<Diagnostic>>> = paths
        .par_iter()
        .map(|p| {
            let origin = display_path(root, p);
            std::fs::read(p)
                .map(|b| Asset {
                    rel: display_path(dir, p),
                    origin: origin.clone(),
                    bytes: Arc::from(b),
                })
                .map_err(|e| {
                    Box::new(
                        Diagnostic::error(
                            Some(Location::file(origin)),
                            msg!("source-read-failed", reason = io_reason(&e)),
                        )
                        .with_help(msg!("source-read-failed-help")),
                    )
                })
        })
        .collect();
    results
        .into_iter()
        .filter_map(|r| r.map_err(|d| diags.push(*d)).ok())
        .collect()
}

fn read_releases(root: &Path, dir: &Path, diags: &mut Diagnostics, sources: &mut Sources) {
    let paths = walk(root, dir, diags);
    // A folder holding index.md is a bundle; everything else in it belongs to that release.
    let bundle_dirs: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    let bundle_of = |p: &Path| bundle_dirs.iter().find(|d| p.starts_with(d)).cloned();

    let mut singles = Vec::new();
    let mut bundles: BTreeMap<PathBuf, (Option<PathBuf>, Vec<PathBuf>)> = BTreeMap::new();
    for p in paths {
        if let Some(b) = bundle_of(&p) {
            let entry = bundles.entry(b.clone()).or_default();
            if p.parent() == Some(b.as_path()) && p.file_name().is_some_and(|n| n == "index.md") {
                entry.0 = Some(p);
            } else {
                entry.1.push(p);
            }
        } else if ext_is(&p, "md") {
            singles.push(p);
        } else {
            diags.push(
                Diagnostic::warning(
                    Some(Location::file(display_path(root, &p))),
                    msg!("source-ignored-release"),
                )
                .with_help(msg!("source-ignored-release-help")),
            );
        }
    }
    for t in read_texts(root, &singles, diags) {
        sources.releases.push(ReleaseSource {
            file: t,
            bundle_name: None,
            assets: Vec::new(),
        });
    }
    for (dir, (index, others)) in bundles {
        let Some(index) = index else { continue };
        let Some(file) = read_text(root, &index, diags) else {
            continue;
        };
        let assets = read_asset_files(root, &dir, &others, diags);
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sources.releases.push(ReleaseSource {
            file,
            bundle_name: Some(name),
            assets,
        });
    }
}

fn warn_unknown_content(root: &Path, content: &Path, diags: &mut Diagnostics) {
    let Ok(entries) = std::fs::read_dir(content) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !is_noise(n))
        .collect();
    names.sort();
    for n in names {
        if !["releases", "programmes", "municipalities", "pages"].contains(&n.as_str()) {
            diags.push(
                Diagnostic::warning(
                    Some(Location::file(display_path(root, &content.join(&n)))),
                    msg!("source-ignored-content"),
                )
                .with_help(msg!("source-ignored-content-help")),
            );
        }
    }
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
