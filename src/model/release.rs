//! Press releases: the front matter as written (`FrontMatter`, strict serde) and the checked
//! [`Release`] the rest of herold works with.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::dates::{Accept, DateValue};
use super::history::{history, withdrawal, RawChange, RawWithdrawn};
pub use super::history::{Change, Withdrawal};
use super::{Checker, FileKind, Reference};
use crate::diag::Diagnostics;
use crate::frontmatter;
use crate::markdown::cache::BodyCache;
use crate::markdown::{self, Rendered};
use crate::msg;
use crate::slug::slugify;
use crate::source::{Asset, ReleaseSource};

mod cache;
mod codec;

pub use cache::FrontCache;

/// The front matter of a release, exactly as the spec lists it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Spanned<String>,
    date: Spanned<Datetime>,
    #[serde(default)]
    subtitle: Option<Spanned<String>>,
    #[serde(default)]
    kicker: Option<Spanned<String>>,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    joint: bool,
    #[serde(default)]
    issuers: Vec<String>,
    #[serde(default)]
    programmes: Vec<Spanned<String>>,
    #[serde(default)]
    municipalities: Vec<Spanned<String>>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    summary: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    embargo: Option<Spanned<Datetime>>,
    #[serde(default)]
    updated: Option<Spanned<Datetime>>,
    #[serde(default)]
    change_note: Option<String>,
    #[serde(default)]
    slug: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    image: Option<RawImage>,
    #[serde(default)]
    attachments: Vec<RawAttachment>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    event: Option<RawEvent>,
    #[serde(default)]
    withdrawn: Option<RawWithdrawn>,
    #[serde(default)]
    changes: Vec<RawChange>,
    #[serde(default)]
    extra: toml::Table,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImage {
    src: Spanned<String>,
    alt: Option<Spanned<String>>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    credit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttachment {
    title: String,
    file: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    name: String,
    start: Spanned<Datetime>,
    #[serde(default)]
    end: Option<Spanned<Datetime>>,
    #[serde(default)]
    place: Option<String>,
}

/// A press contact named on the release.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Function, e.g. "Pressesprecherin".
    #[serde(default)]
    pub role: Option<String>,
    /// Phone number as written.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
}

/// Where a referenced file (image, attachment) lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRef {
    /// A file in the release's bundle folder (path relative to it).
    Bundle(String),
    /// A file in `static/` (path relative to it).
    Static(String),
}

/// The lead image.
#[derive(Debug, Clone)]
pub struct Image {
    /// The image file.
    pub src: FileRef,
    /// Text alternative (required).
    pub alt: String,
    /// Caption shown under the image.
    pub caption: Option<String>,
    /// Photographer or source.
    pub credit: Option<String>,
}

/// A downloadable file.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Link text.
    pub title: String,
    /// The file.
    pub file: FileRef,
    /// Size in bytes.
    pub size: u64,
    /// Upper-case file type shown to readers ("PDF").
    pub kind: String,
}

/// An event the release announces.
#[derive(Debug, Clone)]
pub struct Event {
    /// Name of the event.
    pub name: String,
    /// When it starts.
    pub start: DateValue,
    /// When it ends.
    pub end: Option<DateValue>,
    /// Where.
    pub place: Option<String>,
}

/// A checked press release, not yet linked to its records.
#[derive(Debug, Clone)]
pub struct Release {
    /// Fingerprint of everything read from its files, so a rebuild can tell it changed.
    pub version: u64,
    /// Source file (relative to the site root).
    pub source: String,
    /// URL slug.
    pub slug: String,
    /// Where `slug = …` was written, if it was (for clash reports).
    pub slug_at: Option<crate::diag::Location>,
    /// Headline.
    pub title: String,
    /// Second headline.
    pub subtitle: Option<String>,
    /// Topic label shown above the title.
    pub kicker: Option<String>,
    /// Slug of the kicker (the topic page).
    pub topic: Option<String>,
    /// Press release number.
    pub number: Option<String>,
    /// A joint release of several issuers.
    pub joint: bool,
    /// Issuing bodies.
    pub issuers: Vec<String>,
    /// Referenced programmes (slugs, checked in resolve).
    pub programmes: Vec<Reference>,
    /// Referenced municipalities (slugs, checked in resolve).
    pub municipalities: Vec<Reference>,
    /// Place of the event or dateline.
    pub location: Option<String>,
    /// Teaser, plain text.
    pub summary: String,
    /// The body as HTML.
    pub body_html: String,
    /// Publication date.
    pub date: DateValue,
    /// Last correction: `updated`, or the newest of `changes` when that is later.
    pub updated: Option<DateValue>,
    /// What the correction changed.
    pub change_note: Option<String>,
    /// The public change history (`[[changes]]`, and `updated` with its `change_note`),
    /// newest first.
    pub changes: Vec<Change>,
    /// Set when the release was withdrawn.
    pub withdrawn: Option<Withdrawal>,
    /// Never published unless `--drafts`.
    pub draft: bool,
    /// Not published before this instant.
    pub embargo: Option<DateValue>,
    /// Old URLs that redirect here.
    pub aliases: Vec<Reference>,
    /// Lead image.
    pub image: Option<Image>,
    /// Downloads.
    pub attachments: Vec<Attachment>,
    /// Press contacts.
    pub contacts: Vec<Contact>,
    /// Announced event.
    pub event: Option<Event>,
    /// Free-form values for templates.
    pub extra: toml::Table,
    /// Files of the bundle folder, copied next to the page when the release is published.
    pub assets: Vec<Asset>,
    /// Title, subtitle, summary and body text as they stand in the file, for the mention check.
    pub prose: crate::mention::Prose,
}

impl Release {
    /// When the release last changed for its readers: the newest of its date, its last
    /// correction and its withdrawal (feeds' `<updated>`, the sitemap's `lastmod`,
    /// `dateModified`).
    pub fn modified(&self) -> DateValue {
        let mut newest = self.date;
        for d in self
            .updated
            .iter()
            .chain(self.withdrawn.as_ref().map(|w| &w.date))
        {
            if d.instant > newest.instant {
                newest = *d;
            }
        }
        newest
    }
}

/// The parse cache on disk: the bodies and the front matters of the last build.
#[derive(Debug, Clone, Copy)]
pub struct ParseCache<'a> {
    /// Rendered bodies.
    pub bodies: &'a BodyCache,
    /// Parsed front matters.
    pub fronts: &'a FrontCache,
}

/// Parses and checks one release file; problems go to `diags`. Its front matter and body are
/// taken from `cache`, the parse cache on disk, when an earlier build parsed the same texts.
pub fn load(
    src: &ReleaseSource,
    statics: &BTreeMap<String, Asset>,
    base_path: &str,
    cache: Option<ParseCache<'_>>,
    diags: &mut Diagnostics,
) -> Option<Release> {
    let file = &src.file;
    let c = Checker::new(&file.rel, &file.text);
    let split = match frontmatter::split(&file.text) {
        Ok(s) => s,
        Err(e) => {
            diags.push(c.error(e.span, e.message).with_help(e.help));
            return None;
        }
    };
    let fm = match front_matter(file, &split, cache.map(|c| c.fronts)) {
        Ok(fm) => fm,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let off = split.front_offset;
    let span = |s: std::ops::Range<usize>| (s.start + off)..(s.end + off);
    let mut ok = true;

    let title = fm.title.get_ref().trim().to_string();
    if title.is_empty() {
        diags.push(
            c.error(span(fm.title.span()), msg!("release-title-empty"))
                .with_help(msg!("release-title-empty-help")),
        );
        ok = false;
    }
    let date = c.date(
        &fm.date,
        off,
        || "date".into(),
        Accept::DateOrInstant,
        diags,
    );
    let embargo = fm
        .embargo
        .as_ref()
        .and_then(|e| c.date(e, off, || "embargo".into(), Accept::InstantOnly, diags));
    let updated = fm
        .updated
        .as_ref()
        .and_then(|e| c.date(e, off, || "updated".into(), Accept::DateOrInstant, diags));
    ok &= fm.embargo.is_none() || embargo.is_some();
    ok &= fm.updated.is_none() || updated.is_some();

    let slug = release_slug(src, &fm, &c, off, diags);
    ok &= slug.is_some();

    let (kicker, topic) = match &fm.kicker {
        Some(k) => {
            let t = slugify(k.get_ref());
            if t.is_empty() {
                diags.push(
                    c.error(
                        span(k.span()),
                        msg!("release-kicker-no-topic", kicker = k.get_ref()),
                    )
                    .with_help(msg!("release-kicker-no-topic-help")),
                );
                ok = false;
            }
            (Some(k.get_ref().trim().to_string()), Some(t))
        }
        None => (None, None),
    };

    let bundle: BTreeMap<&str, &Asset> = src.assets.iter().map(|a| (a.rel.as_str(), a)).collect();
    let image = match &fm.image {
        Some(img) => {
            let src_ref = c.file_ref(&img.src, off, &bundle, statics, FileKind::Image, diags);
            let alt = match &img.alt {
                Some(a) if !a.get_ref().trim().is_empty() => Some(a.get_ref().trim().to_string()),
                Some(a) => {
                    diags.push(
                        c.error(span(a.span()), msg!("release-alt-empty"))
                            .with_help(msg!("release-alt-empty-help")),
                    );
                    None
                }
                None => {
                    diags.push(
                        c.error(span(img.src.span()), msg!("release-alt-missing"))
                            .with_help(msg!("release-alt-missing-help")),
                    );
                    None
                }
            };
            match (src_ref, alt) {
                (Some((src, _)), Some(alt)) => Some(Image {
                    src,
                    alt,
                    caption: img.caption.clone(),
                    credit: img.credit.clone(),
                }),
                _ => {
                    ok = false;
                    None
                }
            }
        }
        None => None,
    };
    let mut attachments = Vec::new();
    for a in &fm.attachments {
        match c.file_ref(&a.file, off, &bundle, statics, FileKind::Attachment, diags) {
            Some((file, size)) => {
                let kind = std::path::Path::new(a.file.get_ref())
                    .extension()
                    .map(|e| e.to_string_lossy().to_uppercase())
                    .unwrap_or_default();
                attachments.push(Attachment {
                    title: a.title.clone(),
                    file,
                    size,
                    kind,
                });
            }
            None => ok = false,
        }
    }
    let event = fm.event.as_ref().and_then(|e| {
        let start_key = || msg!("key-event-start").into();
        let start = c.date(&e.start, off, start_key, Accept::DateOrInstant, diags)?;
        let end_key = || msg!("key-event-end").into();
        let end = match &e.end {
            Some(x) => Some(c.date(x, off, end_key, Accept::DateOrInstant, diags)?),
            None => None,
        };
        Some(Event {
            name: e.name.clone(),
            start,
            end,
            place: e.place.clone(),
        })
    });
    ok &= fm.event.is_none() || event.is_some();
    let withdrawn = fm
        .withdrawn
        .as_ref()
        .and_then(|w| withdrawal(&c, w, date.as_ref(), off, diags));
    ok &= fm.withdrawn.is_none() || withdrawn.is_some();
    let changes = history(
        &c,
        &fm.changes,
        fm.change_note.as_ref(),
        date.as_ref(),
        updated.as_ref(),
        off,
        diags,
    );
    ok &= changes.is_some();
    let aliases = c.aliases(&fm.aliases, off, diags);
    ok &= aliases.len() == fm.aliases.len();

    let Rendered {
        html,
        first_paragraph,
        prose: body_prose,
    } = match cache {
        Some(c) => c
            .bodies
            .render(split.body, base_path, markdown::trusted_html()),
        None => markdown::render(split.body, base_path),
    };
    if !ok {
        return None;
    }
    let (date, slug, changes) = (date?, slug?, changes?);
    // The newest date of the history is the release's last correction.
    let updated = match (updated, changes.first()) {
        (Some(u), Some(c)) if c.date.instant > u.instant => Some(c.date),
        (None, Some(c)) => Some(c.date),
        (u, _) => u,
    };
    let mut prose_ranges: Vec<std::ops::Range<usize>> =
        [Some(&fm.title), fm.subtitle.as_ref(), fm.summary.as_ref()]
            .into_iter()
            .flatten()
            .map(|v| toml_string_content(&file.text, span(v.span())))
            .collect();
    prose_ranges.sort_by_key(|r| r.start);
    prose_ranges.extend(
        body_prose
            .into_iter()
            .map(|r| (r.start + split.body_offset)..(r.end + split.body_offset)),
    );
    let summary = fm
        .summary
        .map(|s| s.get_ref().trim().to_string())
        .unwrap_or(first_paragraph);
    Some(Release {
        version: super::version(&file.rel, &file.text, &src.assets),
        source: file.rel.clone(),
        slug_at: fm.slug.as_ref().map(|s| c.loc(super::shift(s.span(), off))),
        slug,
        title,
        subtitle: fm.subtitle.map(Spanned::into_inner),
        kicker,
        topic,
        number: fm.number,
        joint: fm.joint,
        issuers: fm.issuers,
        programmes: fm.programmes.iter().map(|r| c.reference(r, off)).collect(),
        municipalities: fm
            .municipalities
            .iter()
            .map(|r| c.reference(r, off))
            .collect(),
        location: fm.location,
        summary,
        body_html: html,
        date,
        updated,
        change_note: fm.change_note,
        changes,
        withdrawn,
        draft: fm.draft,
        embargo,
        aliases,
        image,
        attachments,
        contacts: fm.contacts,
        event,
        extra: fm.extra,
        assets: src.assets.clone(),
        prose: crate::mention::Prose {
            text: file.text.clone(),
            ranges: prose_ranges,
        },
    })
}

/// The range of a TOML string's content: its span without the quotes around it.
fn toml_string_content(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let raw = text.get(span.clone()).unwrap_or("");
    let quotes = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else if raw.starts_with(['"', '\'']) {
        1
    } else {
        0
    };
    if raw.len() < 2 * quotes {
        return span;
    }
    (span.start + quotes)..(span.end - quotes)
}

/// The front matter of `file` (split as `split`): from `fronts` when the last build parsed
/// the same text, else parsed (and kept there for the next build).
fn front_matter(
    file: &crate::source::SourceText,
    split: &frontmatter::Split<'_>,
    fronts: Option<&FrontCache>,
) -> Result<FrontMatter, Box<crate::diag::Diagnostic>> {
    let parse = || {
        crate::toml_de::parse(
            &file.rel,
            &file.text,
            split.front,
            split.front_offset,
            || msg!("toml-in-front-matter"),
        )
    };
    let Some(fronts) = fronts else {
        return parse();
    };
    let key = cache::key(split.front);
    if let Some(fm) = fronts.get(key) {
        return Ok(fm);
    }
    let fm = parse()?;
    fronts.keep(key, &fm);
    Ok(fm)
}

/// The slug: `slug = …` if given (must already be a slug), else the file stem or bundle folder
/// name without a leading `YYYY-MM-DD-`, transliterated.
fn release_slug(
    src: &ReleaseSource,
    fm: &FrontMatter,
    c: &Checker<'_>,
    off: usize,
    diags: &mut Diagnostics,
) -> Option<String> {
    if let Some(s) = &fm.slug {
        return c.slug(s, off, "slug", diags);
    }
    let stem = match &src.bundle_name {
        Some(name) => name.as_str(),
        None => {
            let name = src.file.rel.rsplit('/').next().unwrap_or(&src.file.rel);
            name.rsplit_once('.').map_or(name, |(s, _)| s)
        }
    };
    let slug = slugify(strip_date_prefix(stem));
    if slug.is_empty() {
        diags.push(
            c.error(0..0, msg!("file-name-no-slug", name = stem.to_string()))
                .with_help(msg!("release-no-slug-help")),
        );
        return None;
    }
    Some(slug)
}

fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let is_date = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[10] == b'-';
    if is_date {
        &stem[11..]
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefix_is_removed() {
        assert_eq!(
            strip_date_prefix("2018-05-28-pakt-fuer-integration"),
            "pakt-fuer-integration"
        );
        assert_eq!(strip_date_prefix("pakt"), "pakt");
        assert_eq!(strip_date_prefix("2018-05-28"), "2018-05-28");
    }
}
