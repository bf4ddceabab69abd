//! Compiling the templates once: the theme's, with the site's `templates/` over them by name.
//!
//! Each template is parsed on its own first, so *every* broken template is reported (with its
//! file, line and column), not just the first one Tera trips over.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;
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
    let mut missing = false;
    for name in REQUIRED {
        if !templates.contains_key(name) {
            diags.push(
                Diagnostic::error(None, msg!("template-missing", name = name))
                    .with_help(msg!("template-missing-help", name = name)),
            );
            missing = true;
        }
    }
    let mut tera = Tera::new();
    tera.autoescape_on([".html"]);
    tera.set_escape_fn(escape_html_to);
    tera.register_filter("safe", safe);
    let list = templates.iter().map(|(n, s)| (n.as_str(), s.text.as_ref()));
    let Err(e) = tera.add_raw_templates(list) else {
        return (!missing).then_some(tera);
    };
    // Tera stops at the first broken template: each is parsed alone, so that every one is
    // reported; only when none is broken by itself is the set's error the one to report.
    let mut broken = false;
    for (name, src) in templates {
        if let Some(d) = syntax_error(name, src) {
            diags.push(d);
            broken = true;
        }
    }
    if !broken && !missing {
        diags.extend(mismatch(templates, &e));
    }
    None
}

/// The syntax error of one template, if it has one. Tera 2 parses a template only as part of
/// a `Tera`, and stops at the first broken one: each template goes into a throwaway instance
/// of its own, so every broken template is reported. Errors that need the other templates (a
/// missing parent, an unknown component) are left to the whole set.
fn syntax_error(name: &str, src: &SourceText) -> Option<Diagnostic> {
    let mut alone = Tera::new();
    let e = alone.add_raw_template(name, &src.text).err()?;
    let tera::ErrorKind::SyntaxError(report) = e.kind() else {
        return None;
    };
    let location = Location::span(src.rel.clone(), &src.text, report.span().range.clone());
    let help = if looks_like_tera1(&src.text) {
        msg!("template-tera1-help")
    } else {
        msg!("template-error-help")
    };
    Some(
        Diagnostic::error(
            Some(location),
            msg!("template-error", detail = report.message().to_string()),
        )
        .with_help(help),
    )
}

/// True when a template uses Tera 1's macros (`{% macro %}`, `{% import %}`), which Tera 2
/// replaced by components: such a template was written for herold before the switch.
fn looks_like_tera1(text: &str) -> bool {
    ["{% macro", "{%- macro", "{% import", "{%- import"]
        .iter()
        .any(|tag| text.contains(tag))
}

/// The diagnostics for templates that parse but do not fit together. Tera 2 gives a missing
/// parent or a loop as data; references to unknown filters, tests, functions or components it
/// gives only as one text of reports, each naming its `--> template:line:column`, so that text
/// is split and each report located.
fn mismatch(templates: &BTreeMap<String, SourceText>, e: &tera::Error) -> Vec<Diagnostic> {
    let reports = match e.kind() {
        tera::ErrorKind::Msg(text) => text
            .split("\n\nerror: ")
            .filter_map(|r| located_report(templates, r))
            .collect(),
        _ => Vec::new(),
    };
    if !reports.is_empty() {
        return reports;
    }
    vec![
        Diagnostic::error(None, msg!("template-mismatch", detail = error_chain(e)))
            .with_help(msg!("template-mismatch-help")),
    ]
}

/// One of Tera 2's text reports (`error: MESSAGE` then ` --> NAME:LINE:COLUMN`) as a
/// diagnostic at that place; `None` when the text is not such a report.
fn located_report(templates: &BTreeMap<String, SourceText>, report: &str) -> Option<Diagnostic> {
    let mut lines = report.lines();
    let message = lines.next()?.trim_start_matches("error: ").trim();
    let place = lines.find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = place.trim().rsplitn(3, ':');
    let col: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let src = templates.get(parts.next()?)?;
    let at = offset_of(&src.text, line, col);
    Some(
        Diagnostic::error(
            Some(Location::span(src.rel.clone(), &src.text, at..at)),
            msg!("template-error", detail = message.to_string()),
        )
        .with_help(msg!("template-mismatch-help")),
    )
}

/// Escapes text for HTML text and attribute values. Unlike Tera's default it leaves `/` alone,
/// so URLs stay readable in the page source.
pub fn escape_html(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() + s.len() / 8);
    // Writing into a `Vec` cannot fail.
    let _ = escape_html_to(s, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`escape_html`] in the form Tera 2 calls it: writing into the page as it is rendered.
pub fn escape_html_to(s: &str, w: &mut dyn Write) -> std::io::Result<()> {
    // The special characters are ASCII and rare: each is found by `find_marked` and the text
    // between them copied in one piece.
    let bytes = s.as_bytes();
    let mut plain = 0;
    while let Some(at) = next_special(&bytes[plain..]) {
        let i = plain + at;
        w.write_all(&bytes[plain..i])?;
        w.write_all(match bytes[i] {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => b"&#39;",
        })?;
        plain = i + 1;
    }
    w.write_all(&bytes[plain..])
}

/// Tera's `safe` filter, without its copy: a string is marked safe where it is (a release's
/// body and JSON-LD are kilobytes, on every release page); any other value becomes its text,
/// as with Tera's own filter.
fn safe(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.is_string() {
        value.mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

/// The position of the first `&`, `<`, `>`, `"` or `'` in `bytes`.
fn next_special(bytes: &[u8]) -> Option<usize> {
    crate::escape::find_marked(bytes, &HTML_SPECIAL)
}

/// The bytes [`escape_html_to`] replaces.
static HTML_SPECIAL: [bool; 256] = crate::escape::marked(b"&<>\"'");

/// A diagnostic for an error while rendering template `name`. Tera 2 says in which template
/// (perhaps a parent or the component's), where, and what; an undefined variable gets its
/// whole dotted path and a did-you-mean from the names Tera lists as available there.
pub fn render_error(
    templates: &BTreeMap<String, SourceText>,
    name: &str,
    e: &tera::Error,
) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::RenderingError(r) | tera::ErrorKind::SyntaxError(r) => r,
        _ => {
            let location = templates.get(name).map(|s| Location::file(s.rel.clone()));
            return Diagnostic::error(location, msg!("template-error", detail = error_chain(e)))
                .with_help(msg!("template-error-help"));
        }
    };
    let Some(src) = templates
        .get(report.filename())
        .or_else(|| templates.get(name))
    else {
        return Diagnostic::error(
            None,
            msg!("template-error", detail = report.message().to_string()),
        )
        .with_help(msg!("template-error-help"));
    };
    let span = report.span().range.clone();
    let Some(var) = undefined_path(&src.text, span.clone(), report.message()) else {
        let mut detail = report.message().to_string();
        if let Some(cause) = std::error::Error::source(e) {
            detail.push_str(&format!(": {cause}"));
        }
        return Diagnostic::error(
            Some(Location::span(src.rel.clone(), &src.text, span)),
            msg!("template-error", detail = detail),
        )
        .with_help(msg!("template-error-help"));
    };
    let help = match suggest(&var.0, report.message()) {
        Some(best) => msg!("template-did-you-mean", best = best),
        None => msg!("template-no-such-value"),
    };
    Diagnostic::error(
        Some(Location::span(src.rel.clone(), &src.text, var.1)),
        msg!("template-undefined", file = &src.rel, var = var.0),
    )
    .with_help(help)
}

/// For Tera 2's "Variable/Field `x` is not defined" at `span`: the whole dotted path that
/// ends there (`release.titel`, where Tera points at `titel`) and its byte range.
fn undefined_path(text: &str, span: Range<usize>, message: &str) -> Option<(String, Range<usize>)> {
    let undefined = message.contains("is not defined")
        && (message.starts_with("Variable `") || message.starts_with("Field `"));
    if !undefined || span.end > text.len() || !text.is_char_boundary(span.end) {
        return None;
    }
    let before = &text[..span.end];
    let start = before
        .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
        .len();
    let path = before[start..].trim_matches('.');
    if path.is_empty() {
        return None;
    }
    let start = span.end - path.len();
    Some((path.to_string(), start..span.end))
}

/// The closest name to the last part of `var`, among those Tera 2's message lists as
/// available ("… Available fields: a, b"): the context's values, a component's arguments, a
/// loop's variable, whichever is in scope there.
fn suggest(var: &str, message: &str) -> Option<String> {
    let (parent, last) = match var.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, var),
    };
    let (_, names) = message.split_once("Available ")?;
    let (_, names) = names.split_once(": ")?;
    let names = names.trim_end().trim_end_matches('.');
    let best = crate::diag::did_you_mean(last, names.split(", ").map(str::trim))?;
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

/// The byte offset of 1-based `line` and 1-based character column `col` in `text`.
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
    /// Whether another render follows (the preview server's): only then is what a next
    /// render could reuse kept past this one (see [`Compiled::rerendered`]).
    rerendered: bool,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled").field("key", &self.key).finish()
    }
}

impl Compiled {
    /// Says that this site is rendered again after this render (the preview server), so the
    /// render keeps what the next one can reuse, such as the open-data entries (and the
    /// builder its parse and mention caches). A one-off build frees them as soon as their
    /// step is done (at 100,000 releases the open-data entries alone are 100 MB).
    pub fn rerendered(&mut self) {
        self.rerendered = true;
    }

    /// Where the search documents are kept between builds (see
    /// [`crate::search::persist`]); `None` keeps none on disk.
    pub fn search_disk(&mut self, disk: Option<crate::cachefile::Disk>) {
        self.search.use_disk(disk);
    }

    /// Whether [`Compiled::rerendered`] was called: then the caches of the whole pipeline are
    /// kept from run to run, else freed as soon as their step is done.
    pub fn is_rerendered(&self) -> bool {
        self.rerendered
    }

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

    /// The templates of `site` (as [`Compiled::get`]), mutable so a render can set its
    /// global context, and the search index cache.
    pub(super) fn with_search(
        &mut self,
        site: &Site,
        diags: &mut Diagnostics,
    ) -> Option<(&mut Tera, &mut crate::search::Cache)> {
        self.get(site, diags)?;
        let tera = self.tera.as_mut()?;
        Some((tera, &mut self.search))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_safe_filter_renders_as_teras_own() {
        let template = "{{ s | safe }}|{{ n | safe }}|{{ list | safe }}|{{ map | safe }}|{{ s }}";
        let mut ctx = tera::Context::new();
        ctx.insert(
            "s",
            "<b>Ä & \"x\"</b> and a text longer than an inline string",
        );
        ctx.insert("n", &2.5);
        ctx.insert("list", &["<a>", "b"]);
        ctx.insert("map", &BTreeMap::from([("k", "<v>")]));
        let render = |ours: bool| {
            let mut tera = Tera::new();
            tera.autoescape_on([".html"]);
            if ours {
                tera.register_filter("safe", safe);
            }
            tera.add_raw_template("t.html", template).unwrap();
            tera.render("t.html", &ctx).unwrap()
        };
        assert_eq!(render(true), render(false));
        assert!(render(true).starts_with("<b>Ä &"), "{}", render(true));
    }

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

    /// The built-in theme with `over` replacing or adding templates, as a site's
    /// `templates/` does.
    fn theme_with(over: &[(&str, &str)]) -> BTreeMap<String, SourceText> {
        let mut t: BTreeMap<_, _> = crate::theme::TEMPLATES
            .iter()
            .map(|(n, text)| src(n, text))
            .collect();
        t.extend(over.iter().map(|(n, text)| src(n, text)));
        t
    }

    fn errors(templates: &BTreeMap<String, SourceText>) -> Vec<Diagnostic> {
        let mut d = Diagnostics::new();
        assert!(compile(templates, &mut d).is_none());
        d.into_sorted().iter().cloned().collect()
    }

    #[test]
    fn every_broken_template_is_reported_at_its_line_and_column() {
        let t = theme_with(&[
            ("page.html", "<p>\n{{ x }</p>\n"),
            ("404.html", "{% if a %}\n\n  {% endfor %}\n"),
        ]);
        let all = errors(&t);
        let places: Vec<String> = all.iter().map(|d| d.to_string()).collect();
        assert_eq!(all.len(), 2, "{places:?}");
        assert!(places[0].starts_with("templates/404.html:3:"), "{places:?}");
        assert!(
            places[1].starts_with("templates/page.html:2:6"),
            "{places:?}"
        );
        assert!(places[1].contains("expected }}"), "{places:?}");
    }

    #[test]
    fn tera1_macros_get_a_help_that_says_how_to_port_them() {
        let t = theme_with(&[(
            "index.html",
            "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n{% block content %}{{ m::release_list(items=home.latest, t=t) }}{% endblock content %}\n",
        )]);
        let all = errors(&t);
        assert_eq!(all.len(), 1);
        assert!(
            all[0].to_string().starts_with("templates/index.html:2:"),
            "{}",
            all[0]
        );
        let help = all[0]
            .help
            .as_ref()
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert!(
            help.contains("Tera 1") && help.contains("component"),
            "{help}"
        );
    }

    #[test]
    fn an_unknown_component_is_reported_where_it_is_called() {
        let t = theme_with(&[(
            "page.html",
            "{% extends \"base.html\" %}\n{% block content %}\n  {{<relase_list items={[]} t={t} />}}{% endblock content %}\n",
        )]);
        let all = errors(&t);
        assert_eq!(all.len(), 1, "{all:?}");
        let shown = all[0].to_string();
        assert!(shown.starts_with("templates/page.html:3:5"), "{shown}");
        assert!(shown.contains("relase_list"), "{shown}");
    }

    /// Renders `name` of `templates` with `ctx` (plus the global `t` and `site` a render has).
    fn render(
        templates: &BTreeMap<String, SourceText>,
        name: &str,
        ctx: &tera::Context,
    ) -> Result<String, Box<Diagnostic>> {
        let mut d = Diagnostics::new();
        let mut tera = compile(templates, &mut d).expect("the templates compile");
        tera.global_context()
            .insert("t", &BTreeMap::from([("releases", "Pressemitteilungen")]));
        let mut out = Vec::new();
        tera.render_to(name, ctx, &mut out)
            .map_err(|e| Box::new(render_error(templates, name, &e)))?;
        Ok(String::from_utf8(out).unwrap_or_default())
    }

    #[test]
    fn an_undefined_field_in_a_component_names_its_path_there_and_the_closest_name() {
        let macros = crate::theme::TEMPLATES
            .iter()
            .find(|(n, _)| *n == "macros.html")
            .map(|(_, text)| format!("{text}{{% component card(c) %}}\n<b>{{{{ c.titel }}}}</b>{{% endcomponent card %}}\n"))
            .unwrap_or_default();
        let t = theme_with(&[
            ("macros.html", &macros),
            ("extra.html", "{{<card c={page} />}}"),
        ]);
        let mut ctx = tera::Context::new();
        ctx.insert("page", &BTreeMap::from([("title", "A")]));
        let d = render(&t, "extra.html", &ctx).expect_err("c.titel is undefined");
        let lines = macros.lines().count();
        let shown = d.to_string();
        assert!(
            shown.starts_with(&format!("templates/macros.html:{lines}:7")),
            "{shown}"
        );
        assert!(shown.contains("`c.titel`"), "{shown}");
        let help = d.help.as_ref().map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("`c.title`"), "{help}");
    }

    #[test]
    fn values_are_escaped_except_the_slash_and_whole_numbers_print_as_integers() {
        #[derive(serde::Serialize)]
        struct Point {
            #[serde(serialize_with = "crate::render::views::whole_number")]
            x: f64,
            #[serde(serialize_with = "crate::render::views::whole_number")]
            y: f64,
            #[serde(serialize_with = "crate::render::views::whole_number_opt")]
            lat: Option<f64>,
        }
        let t = theme_with(&[(
            "extra.html",
            "{{ s }} {{ p.x }} {{ p.y }} {{ p.lat }} {{ t.releases }}",
        )]);
        let mut ctx = tera::Context::new();
        ctx.insert("s", "<a href='/x'>&</a>");
        ctx.insert(
            "p",
            &Point {
                x: 175.0,
                y: 296.4,
                lat: Some(48.0),
            },
        );
        assert_eq!(
            render(&t, "extra.html", &ctx).map_err(|d| d.to_string()),
            Ok(
                "&lt;a href=&#39;/x&#39;&gt;&amp;&lt;/a&gt; 175 296.4 48 Pressemitteilungen"
                    .to_string()
            )
        );
    }
}
