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

use crate::diag::{Arg, Diagnostic, Diagnostics, Location, Msg};
use crate::msg;
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

    pub(crate) fn error(&self, span: Range<usize>, message: Msg) -> Diagnostic {
        Diagnostic::error(Some(self.loc(span)), message)
    }

    pub(crate) fn reference(&self, r: &Spanned<String>, off: usize) -> Reference {
        Reference {
            slug: r.get_ref().clone(),
            location: self.loc(shift(r.span(), off)),
        }
    }

    /// Converts a TOML datetime, reporting a clear error when it is of the wrong kind. `key`
    /// names the value in the message: a key as written (`"date"`), or a message for keys
    /// inside tables (`msg!("key-event-start")`).
    pub(crate) fn date(
        &self,
        v: &Spanned<Datetime>,
        off: usize,
        key: impl FnOnce() -> Arg,
        accept: Accept,
        diags: &mut Diagnostics,
    ) -> Option<DateValue> {
        match dates::convert(v.get_ref(), accept) {
            Ok(d) => Some(d),
            Err(e) => {
                let key = key();
                let value = v.get_ref().to_string();
                let (message, help) = match e {
                    DateError::NoOffset if accept == Accept::InstantOnly => (
                        msg!("date-no-offset-embargo", key = key.clone(), value = value),
                        msg!("date-no-offset-embargo-help", key = key),
                    ),
                    DateError::NoOffset => (
                        msg!("date-no-offset", key = key.clone(), value = value),
                        msg!("date-no-offset-help", key = key),
                    ),
                    DateError::NoDate if accept == Accept::InstantOnly => (
                        msg!("date-no-date", key = key.clone(), value = value),
                        msg!("date-no-date-embargo-help", key = key),
                    ),
                    DateError::NoDate => (
                        msg!("date-no-date", key = key.clone(), value = value),
                        msg!("date-no-date-help", key = key),
                    ),
                    DateError::Invalid(why) => (
                        msg!("date-invalid", key = key, value = value, why = why),
                        msg!("date-invalid-help"),
                    ),
                };
                diags.push(self.error(shift(v.span(), off), message).with_help(help));
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
            msg!("slug-chars")
        } else {
            msg!(
                "slug-invalid-help",
                key = key.to_string(),
                suggestion = suggestion
            )
        };
        diags.push(
            self.error(
                shift(v.span(), off),
                msg!("slug-invalid", key = key.to_string(), value = s),
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
                    self.error(shift(a.span(), off), msg!("alias-invalid", alias = s))
                        .with_help(msg!("alias-invalid-help")),
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
        what: FileKind,
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
        let path = raw.to_string();
        let message = match (what, bad) {
            (FileKind::Image, true) => msg!("file-image-bad-path", path = path),
            (FileKind::Attachment, true) => msg!("file-attachment-bad-path", path = path),
            (FileKind::Image, false) => msg!("file-image-missing", path = path),
            (FileKind::Attachment, false) => msg!("file-attachment-missing", path = path),
        };
        let mut candidates: Vec<&str> = bundle.keys().copied().collect();
        candidates.extend(statics.keys().map(String::as_str));
        let help = match crate::diag::did_you_mean(rel, candidates) {
            Some(best) => msg!("file-did-you-mean", best = best.to_string()),
            None => msg!("file-missing-help"),
        };
        diags.push(self.error(shift(v.span(), off), message).with_help(help));
        None
    }
}

/// What a file named in the front matter is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `[image] src`.
    Image,
    /// `[[attachments]] file`.
    Attachment,
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
