//! The content model: releases, records and pages as loaded and checked from their files.
//!
//! Each submodule owns one kind of file: its strict serde struct as written, and the checked
//! plain-data type the rest of herold uses. References between files are kept as
//! [`Reference`]s (slug plus position) until [`crate::resolve`] turns them into ids.

pub mod dates;
mod history;
pub mod page;
pub mod record;
pub mod release;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use toml::value::Datetime;
use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::slug::{is_slug, slugify};
use crate::source::Asset;
use dates::{Accept, DateError, DateValue};
use release::FileRef;

/// A slug written in a file, with where it was written (for "unknown slug" errors).
#[derive(Debug, Clone)]
pub struct Reference {
    /// The slug as written.
    pub slug: String,
    /// Where it was written.
    pub location: Location,
}

/// Helper for checking the values of one file and reporting problems at their positions.
pub(crate) struct Checker<'a> {
    file: &'a str,
    text: &'a Arc<str>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(file: &'a str, text: &'a Arc<str>) -> Self {
        Checker { file, text }
    }

    pub(crate) fn loc(&self, span: Range<usize>) -> Location {
        Location::span(self.file, self.text, span)
    }

    pub(crate) fn error(&self, span: Range<usize>, msg: impl Into<Arc<str>>) -> Diagnostic {
        Diagnostic::error(Some(self.loc(span)), msg)
    }

    pub(crate) fn reference(&self, r: &Spanned<String>, off: usize) -> Reference {
        Reference {
            slug: r.get_ref().clone(),
            location: self.loc(shift(r.span(), off)),
        }
    }

    /// Converts a TOML datetime, reporting a clear error when it is of the wrong kind.
    pub(crate) fn date(
        &self,
        v: &Spanned<Datetime>,
        off: usize,
        key: &str,
        accept: Accept,
        diags: &mut Diagnostics,
    ) -> Option<DateValue> {
        match dates::convert(v.get_ref(), accept) {
            Ok(d) => Some(d),
            Err(e) => {
                let (msg, help) = match e {
                    DateError::NoOffset if accept == Accept::InstantOnly => (
                        format!("{key} = {} has no UTC offset", v.get_ref()),
                        format!("an embargo must say its time zone, e.g. {key} = 2024-05-01T10:00:00+02:00 (summer) or +01:00 (winter)"),
                    ),
                    DateError::NoOffset => (
                        format!("{key} = {} has a time but no UTC offset", v.get_ref()),
                        format!("write a date ({key} = 2024-05-01) or add the offset ({key} = 2024-05-01T10:00:00+02:00)"),
                    ),
                    DateError::NoDate if accept == Accept::InstantOnly => (
                        format!("{key} = {} is a time without a date", v.get_ref()),
                        format!("write date, time and UTC offset, e.g. {key} = 2024-05-01T10:00:00+02:00"),
                    ),
                    DateError::NoDate => (
                        format!("{key} = {} is a time without a date", v.get_ref()),
                        format!("write a date, e.g. {key} = 2024-05-01"),
                    ),
                    DateError::Invalid(why) => (
                        format!("{key} = {} is not a valid date: {why}", v.get_ref()),
                        "check day and month, e.g. 2024-02-29 exists only in leap years".into(),
                    ),
                };
                diags.push(self.error(shift(v.span(), off), msg).with_help(help));
                None
            }
        }
    }

    /// Checks a value that must already be a slug.
    pub(crate) fn slug(
        &self,
        v: &Spanned<String>,
        off: usize,
        key: &str,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        let s = v.get_ref();
        if is_slug(s) {
            return Some(s.clone());
        }
        let suggestion = slugify(s);
        let help = if suggestion.is_empty() {
            "use lower-case letters a-z, digits and hyphens only".to_string()
        } else {
            format!("use lower-case letters a-z, digits and hyphens only, e.g. {key} = \"{suggestion}\"")
        };
        diags.push(
            self.error(
                shift(v.span(), off),
                format!("{key} = \"{s}\" is not a valid slug"),
            )
            .with_help(help),
        );
        None
    }

    /// Checks alias paths: absolute site paths that stay inside the site.
    pub(crate) fn aliases(
        &self,
        list: &[Spanned<String>],
        off: usize,
        diags: &mut Diagnostics,
    ) -> Vec<Reference> {
        let mut out = Vec::new();
        for a in list {
            let s = a.get_ref();
            let segments_ok = alias_ok(s);
            if segments_ok {
                out.push(self.reference(a, off));
            } else {
                diags.push(
                    self.error(shift(a.span(), off), format!("alias \"{s}\" is not a path inside the site"))
                        .with_help("an alias is the old URL's path below the site's base path, starting with /, e.g. \"/2018/pakt.html\" or \"/alt/pakt/\" (no .., no names starting with a dot, no backslashes, no http://)"),
                );
            }
        }
        out
    }

    /// Resolves a file named in the front matter: first in the bundle, then in `static/`.
    pub(crate) fn file_ref(
        &self,
        v: &Spanned<String>,
        off: usize,
        bundle: &BTreeMap<&str, &Asset>,
        statics: &BTreeMap<String, Asset>,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<(FileRef, u64)> {
        let raw = v.get_ref().trim();
        let rel = raw.trim_start_matches("./");
        let bad = raw.is_empty()
            || raw.contains("://")
            || raw.contains('\\')
            || rel.split('/').any(|s| s == "..");
        if !bad {
            if let Some(a) = bundle.get(rel) {
                return Some((FileRef::Bundle(rel.to_string()), a.bytes.len() as u64));
            }
            let st = rel.trim_start_matches('/');
            if let Some(a) = statics.get(st) {
                return Some((FileRef::Static(st.to_string()), a.bytes.len() as u64));
            }
        }
        let msg = if bad {
            format!("the {what} \"{raw}\" is not a file path of this site")
        } else {
            format!("the {what} file \"{raw}\" does not exist")
        };
        let mut candidates: Vec<&str> = bundle.keys().copied().collect();
        candidates.extend(statics.keys().map(String::as_str));
        let help = match crate::diag::did_you_mean(rel, candidates) {
            Some(best) => format!("did you mean \"{best}\"? Files are looked up in the release's bundle folder, then in static/"),
            None => "put the file next to the release's index.md (make the release a folder) or in static/, and give its path".into(),
        };
        diags.push(self.error(shift(v.span(), off), msg).with_help(help));
        None
    }
}

/// True when an alias is an absolute path that stays inside the output folder.
fn alias_ok(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('/') else {
        return false;
    };
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    !inner.is_empty()
        && inner
            .split('/')
            .all(|seg| !seg.is_empty() && !seg.starts_with('.'))
        && s.chars()
            .all(|c| !c.is_control() && !matches!(c, '\\' | '?' | '#' | ':' | '%'))
}

/// The fingerprint of a file: its path (the slug may come from it), its text and the files
/// of its bundle (names and bytes).
pub(crate) fn version(path: &str, text: &str, assets: &[Asset]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(path.as_bytes());
    h.update(&[0]);
    h.update(text.as_bytes());
    for a in assets {
        h.update(a.rel.as_bytes());
        h.update(&xxhash_rust::xxh3::xxh3_64(&a.bytes).to_le_bytes());
    }
    h.digest()
}

/// Shifts a span inside a TOML block by the block's offset in the file.
pub(crate) fn shift(span: Range<usize>, off: usize) -> Range<usize> {
    (span.start + off)..(span.end + off)
}
