//! Reading a site from disk: walk the site root, classify each file, read it.
//!
//! This is the only module (besides the final commit in [`crate::output`]) that touches the file
//! system. Everything it reads is kept in memory as [`SourceText`]s and [`Asset`]s; later stages
//! work on those and never open files. Hidden files and editor backups are skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{display_path, io_reason, Diagnostic, Diagnostics, Location};
use crate::msg;
use crate::theme;

mod reread;
mod walk;

pub use reread::reread;
use walk::walk;

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

/// Reads and decodes one text file; invalid UTF-8 is reported at its line and column.
pub fn read_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceText> {
    let rel = display_path(root, path);
    // Read into the thread's buffer, which the text is then copied out of: one fresh
    // allocation per file instead of two (ten thousand releases are 46 MB).
    READ_BUFFER.with_borrow_mut(|buf| {
        buf.clear();
        let read = std::fs::File::open(path).and_then(|mut f| {
            use std::io::Read;
            f.read_to_end(buf)
        });
        let text = match read {
            Ok(_) => decode_text(rel, buf, diags),
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        Some(Location::file(rel)),
                        msg!("source-read-failed", reason = io_reason(&e)),
                    )
                    .with_help(msg!("source-read-failed-help")),
                );
                None
            }
        };
        // A rare large file does not keep its buffer for the life of the thread.
        if buf.capacity() > MAX_KEPT_BUFFER {
            *buf = Vec::new();
        }
        text
    })
}

/// The largest read buffer a thread keeps between files.
const MAX_KEPT_BUFFER: usize = 1 << 20;

thread_local! {
    /// The buffer each thread reads files into (see [`read_text`]).
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The text of the file `rel` read as `bytes`, without a byte order mark; invalid UTF-8 is
/// reported at its line and column.
fn decode_text(rel: String, bytes: &[u8], diags: &mut Diagnostics) -> Option<SourceText> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Checked sixteen or more bytes at a time (simdutf8): every text of the site passes here;
    // std's check, which says where the bad byte is, only for a file that fails.
    let checked = match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => std::str::from_utf8(bytes),
    };
    match checked {
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
