//! Compiling the templates once: the theme's, with the site's `templates/` over them by name.
//!
//! Each template is parsed on its own first, so *every* broken template is reported (with its
//! file, line and column), not just the first one Tera trips over.

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::Tera;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::msg;
use crate::site::Site;
use crate::source::SourceText;

/// The templates every theme must provide (the built-in theme fills the gaps).
pub const REQUIRED: [&str; 13] = [
    "card.html",
    "index.html",
    "release.html",
    "release_list.html",
    "topic_list.html",
    "programme.html",
    "programme_list.html",
    "municipality.html",
    "municipality_list.html",
    "page.html",
    "404.html",
    "calendar.html",
    "data.html",
];

/// The template of the search page, required while `[outputs] search` is on.
pub const SEARCH: &str = "search.html";

/// Compiles all templates into one Tera instance.
pub fn compile(templates: &BTreeMap<String, SourceText>, diags: &mut Diagnostics) -> Option<Tera> {
    let before = diags.error_count();
    for (name, src) in templates {
        if let Err(e) = tera::Template::new(name, None, &src.text) {
            diags.push(template_error(src, &e));
        }
    }
    for name in REQUIRED {
        if !templates.contains_key(name) {
            diags.push(
                Diagnostic::error(None, msg!("template-missing", name = name))
                    .with_help(msg!("template-missing-help", name = name)),
            );
        }
    }
    if diags.error_count() > before {
        return None;
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    let list = templates.iter().map(|(n, s)| (n.as_str(), s.text.as_ref()));
    if let Err(e) = tera.add_raw_templates(list) {
        diags.push(
            Diagnostic::error(None, msg!("template-mismatch", detail = error_chain(&e)))
                .with_help(msg!("template-mismatch-help")),
        );
        return None;
    }
    Some(tera)
}

/// Escapes text for HTML text and attribute values. Unlike Tera's default it leaves `/` alone,
/// so URLs stay readable in the page source.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    // The special characters are ASCII: copy the text between them in one piece each (this
    // runs for every value of every page).
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out
}

/// A diagnostic for a template error, at the line and column Tera names when it names one.
pub fn template_error(src: &SourceText, e: &tera::Error) -> Diagnostic {
    let chain = error_chain(e);
    let location = match find_line_col(&chain) {
        Some((line, col)) => Location::span(
            src.rel.clone(),
            &src.text,
            offset_of(&src.text, line, col)..offset_of(&src.text, line, col),
        ),
        None => Location::file(src.rel.clone()),
    };
    let message = chain
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Diagnostic::error(Some(location), msg!("template-error", detail = message))
        .with_help(msg!("template-error-help"))
}

/// A diagnostic for an error while rendering template `name`. An undefined variable is
/// located where a template uses it and gets a did-you-mean from the names the view has.
pub fn render_error(
    templates: &BTreeMap<String, SourceText>,
    name: &str,
    e: &tera::Error,
    ctx: &tera::Context,
) -> Diagnostic {
    let chain = error_chain(e);
    let var = chain
        .split_once("Variable `")
        .and_then(|(_, rest)| rest.split_once("` not found"))
        .map(|(v, _)| v.to_string());
    let (Some(var), Some(src)) = (var, templates.get(name)) else {
        return templates.get(name).map_or_else(
            || {
                Diagnostic::error(None, msg!("template-error", detail = chain.clone()))
                    .with_help(msg!("template-error-help"))
            },
            |src| template_error(src, e),
        );
    };
    // The variable may sit in a template this one extends or imports.
    let used_in = std::iter::once(src)
        .chain(templates.values())
        .find_map(|t| t.text.find(var.as_str()).map(|at| (t, at)));
    let location = match used_in {
        Some((t, at)) => Location::span(t.rel.clone(), &t.text, at..at + var.len()),
        None => Location::file(src.rel.clone()),
    };
    let help = match suggest(&var, ctx) {
        Some(best) => msg!("template-did-you-mean", best = best),
        None => msg!("template-no-such-value"),
    };
    Diagnostic::error(
        Some(location),
        msg!("template-undefined", file = &src.rel, var = var),
    )
    .with_help(help)
}

/// The closest existing name for a dotted variable path, using the keys the context has.
fn suggest(var: &str, ctx: &tera::Context) -> Option<String> {
    let (parent, last) = match var.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, var),
    };
    let keys: Vec<String> = match parent {
        None => ctx
            .clone()
            .into_json()
            .as_object()?
            .keys()
            .cloned()
            .collect(),
        Some(p) => {
            let mut segs = p.split('.');
            let mut v = ctx.get(segs.next()?)?;
            for seg in segs {
                v = v.get(seg)?;
            }
            v.as_object()?.keys().cloned().collect()
        }
    };
    let best = crate::diag::did_you_mean(last, keys.iter().map(String::as_str))?;
    Some(match parent {
        Some(p) => format!("{p}.{best}"),
        None => best.to_string(),
    })
}

/// The error and all its causes, one per line.
pub fn error_chain(e: &tera::Error) -> String {
    let mut out = e.to_string();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(c) = cur {
        out.push('\n');
        out.push_str(&c.to_string());
        cur = c.source();
    }
    out
}

/// Finds pest's ` --> LINE:COL` marker in an error text.
fn find_line_col(text: &str) -> Option<(usize, usize)> {
    let rest = &text[text.find("--> ")? + 4..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit() && c != ':')
        .unwrap_or(rest.len());
    let (l, c) = rest[..end].split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

fn offset_of(text: &Arc<str>, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset
                + l.char_indices()
                    .nth(col.saturating_sub(1))
                    .map_or(l.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    text.len()
}

/// Templates compiled by an earlier render, reused while their sources are unchanged (the
/// preview server renders many times).
#[derive(Default)]
pub struct Compiled {
    key: u64,
    tera: Option<Tera>,
    /// The search index of the last render, updated by the next.
    search: crate::search::Cache,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled").field("key", &self.key).finish()
    }
}

impl Compiled {
    /// The templates of `site`, compiled (now or by an earlier call); `None` after errors,
    /// which go to `diags`.
    pub(super) fn get(&mut self, site: &Site, diags: &mut Diagnostics) -> Option<&Tera> {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for (name, t) in &site.templates {
            h.update(name.as_bytes());
            h.update(&[0]);
            h.update(t.text.as_bytes());
            h.update(&[0]);
        }
        let key = h.digest();
        if site.config.outputs.search && !site.templates.contains_key(SEARCH) {
            diags.push(
                Diagnostic::error(None, msg!("template-missing", name = SEARCH))
                    .with_help(msg!("template-search-missing-help", name = SEARCH)),
            );
            return None;
        }
        if self.key != key || self.tera.is_none() {
            self.tera = compile(&site.templates, diags);
            self.key = key;
        }
        self.tera.as_ref()
    }

    /// The templates of `site` (as [`Compiled::get`]) and the search index cache.
    pub(super) fn with_search(
        &mut self,
        site: &Site,
        diags: &mut Diagnostics,
    ) -> Option<(&Tera, &mut crate::search::Cache)> {
        self.get(site, diags)?;
        let tera = self.tera.as_ref()?;
        Some((tera, &mut self.search))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_replaces_the_five_special_characters_and_keeps_the_rest() {
        assert_eq!(
            escape_html("Ä<b>&\"ü'/x\u{1F600}>"),
            "Ä&lt;b&gt;&amp;&quot;ü&#39;/x\u{1F600}&gt;"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("Straße"), "Straße");
    }

    fn src(name: &str, text: &str) -> (String, SourceText) {
        (
            name.to_string(),
            SourceText {
                rel: format!("templates/{name}"),
                text: Arc::from(text),
            },
        )
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let t: BTreeMap<_, _> = [src("page.html", "<p>\n{% if x %}\n<b>{{ x }</b>\n")]
            .into_iter()
            .collect();
        let mut d = Diagnostics::new();
        assert!(compile(&t, &mut d).is_none());
        let all = d.into_sorted();
        let syntax = all.iter().find(|x| x.location.is_some()).unwrap();
        assert!(
            syntax.to_string().starts_with("templates/page.html:3:"),
            "{}",
            syntax
        );
        assert!(all
            .iter()
            .any(|x| x.message.to_string().contains("no template index.html")));
    }
}
