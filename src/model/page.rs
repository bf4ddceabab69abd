//! Plain pages (`content/pages/*.md`): Impressum, Datenschutz, Kontakt. Each becomes `/SLUG/`
//! and is linked in the footer, ordered by `weight`.

use serde::Deserialize;
use toml::Spanned;

use super::{Checker, Reference};
use crate::diag::Diagnostics;
use crate::frontmatter;
use crate::markdown;
use crate::msg;
use crate::slug::slugify;
use crate::source::SourceText;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: Spanned<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    slug: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    role: Option<PageRole>,
    #[serde(default)]
    extra: toml::Table,
}

/// What a page is for, when the theme links it specially (`role = "…"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageRole {
    /// The accessibility statement (Erklärung zur Barrierefreiheit), linked from every page.
    Accessibility,
    /// Information in easy-to-read language (Leichte Sprache), linked from every page.
    EasyLanguage,
}

/// A plain page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Fingerprint of everything read from its files, so a rebuild can tell it changed.
    pub version: u64,
    /// Source file.
    pub source: String,
    /// URL slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Description for `<meta name="description">`.
    pub summary: String,
    /// Order in the footer (smaller first).
    pub weight: i64,
    /// Never published unless `--drafts`.
    pub draft: bool,
    /// Old URLs that redirect here.
    pub aliases: Vec<Reference>,
    /// Body as HTML.
    pub body_html: String,
    /// What the page is for, if the theme links it specially.
    pub role: Option<PageRole>,
    /// Free-form values for templates.
    pub extra: toml::Table,
}

/// Parses and checks a page file.
pub fn load(file: &SourceText, base_path: &str, diags: &mut Diagnostics) -> Option<Page> {
    let c = Checker::new(&file.rel, &file.text);
    let split = match frontmatter::split(&file.text) {
        Ok(s) => s,
        Err(e) => {
            diags.push(c.error(e.span, e.message).with_help(e.help));
            return None;
        }
    };
    let raw: RawPage = match crate::toml_de::parse(
        &file.rel,
        &file.text,
        split.front,
        split.front_offset,
        || msg!("toml-in-page-front-matter"),
    ) {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let off = split.front_offset;
    let slug = match &raw.slug {
        Some(s) => c.slug(s, off, "slug", diags)?,
        None => {
            let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            let s = slugify(stem);
            if s.is_empty() {
                diags.push(
                    c.error(0..0, msg!("file-name-no-slug", name = name.to_string()))
                        .with_help(msg!("page-no-slug-help")),
                );
                return None;
            }
            s
        }
    };
    let aliases = c.aliases(&raw.aliases, off, diags);
    if aliases.len() != raw.aliases.len() {
        return None;
    }
    let rendered = markdown::render(split.body, base_path);
    Some(Page {
        version: super::version(&file.rel, &file.text, &[]),
        source: file.rel.clone(),
        slug,
        title: raw.title.into_inner(),
        summary: raw.summary.unwrap_or(rendered.first_paragraph),
        weight: raw.weight,
        draft: raw.draft,
        aliases,
        body_html: rendered.html,
        role: raw.role,
        extra: raw.extra,
    })
}
