//! The catalogue of every text herold says about a site, in German and English: the
//! [Project Fluent](https://projectfluent.org/) files `i18n/de.ftl` and `i18n/en.ftl`, compiled
//! into the binary and parsed once, on the first message shown.
//!
//! Fluent fits: one file per language holding every text, named variables, and plural forms
//! chosen by the language's rules ("1 Fehler", "2 Warnungen") without code. Values are
//! inserted as they are (no Unicode isolation marks, which would show in a terminal), counts
//! with the language's digit grouping ("10.000" / "10,000").
//!
//! A message that is missing from the catalogue, or a variable the call does not give, never
//! stops a report: the text shows the id or `{$name}`, and the catalogue tests (below, and
//! the report tests in `tests/`) fail instead.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::msg::{Arg, Msg};
use crate::config::Language;

/// The German catalogue.
pub const DE: &str = include_str!("i18n/de.ftl");
/// The English catalogue.
pub const EN: &str = include_str!("i18n/en.ftl");

type Bundle = FluentBundle<FluentResource>;

/// The bundle of `lang`, built on first use.
fn bundle(lang: Language) -> &'static Bundle {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    let [de, en] = BUNDLES.get_or_init(|| [make(Language::De), make(Language::En)]);
    match lang {
        Language::De => de,
        Language::En => en,
    }
}

/// The catalogue of `lang`.
pub fn source(lang: Language) -> &'static str {
    match lang {
        Language::De => DE,
        Language::En => EN,
    }
}

fn make(lang: Language) -> Bundle {
    // The catalogues are part of the program; the tests check that they parse cleanly.
    let resource = FluentResource::try_new(source(lang).to_string()).unwrap_or_else(|(res, _)| res);
    let locale = lang.tag().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![locale]);
    bundle.set_use_isolating(false);
    match lang {
        Language::De => bundle.set_formatter(Some(group_de)),
        Language::En => bundle.set_formatter(Some(group_en)),
    }
    // A message defined twice keeps its first text; the tests forbid that anyway.
    let _ = bundle.add_resource(resource);
    bundle
}

fn group_de<M>(v: &FluentValue, _: &M) -> Option<String> {
    group(v, Language::De)
}

fn group_en<M>(v: &FluentValue, _: &M) -> Option<String> {
    group(v, Language::En)
}

/// Counts with digit grouping; everything else as Fluent shows it.
fn group(v: &FluentValue, lang: Language) -> Option<String> {
    match v {
        FluentValue::Number(n) if n.value >= 0.0 && n.value.fract() == 0.0 => {
            Some(crate::locale::integer(n.value as u64, lang))
        }
        _ => None,
    }
}

/// `msg` as text in `lang`.
pub fn render(msg: &Msg, lang: Language) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(msg.id()).and_then(|m| m.value()) else {
        return fallback(msg, lang);
    };
    let mut args = FluentArgs::with_capacity(msg.args().len());
    for (name, arg) in msg.args() {
        args.set(*name, value(arg, lang));
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&args), &mut errors)
        .into_owned()
}

/// The Fluent value of an argument: counts as numbers (for plurals), the rest as text.
fn value(arg: &Arg, lang: Language) -> FluentValue<'_> {
    match arg {
        Arg::Count(n) => FluentValue::from(*n),
        other => FluentValue::String(text_of(other, lang)),
    }
}

/// An argument as text in `lang`.
fn text_of(arg: &Arg, lang: Language) -> Cow<'_, str> {
    match arg {
        Arg::Text(t) => Cow::Borrowed(t.as_str()),
        Arg::Count(n) => Cow::Owned(crate::locale::integer(*n, lang)),
        Arg::Msg(m) => Cow::Owned(render(m, lang)),
        Arg::AnyOf(items) => Cow::Owned(join(items, &crate::msg!("word-or"), lang)),
        Arg::AllOf(items) => Cow::Owned(join(items, &crate::msg!("word-and"), lang)),
    }
}

/// `items` joined by the catalogue's word `conjunction`: `a or b or c`.
fn join(items: &[Arg], conjunction: &Msg, lang: Language) -> String {
    let word = render(conjunction, lang);
    let parts: Vec<Cow<'_, str>> = items.iter().map(|a| text_of(a, lang)).collect();
    parts.join(&format!(" {word} "))
}

/// A message the catalogue lacks: its id and arguments, so nothing is lost.
fn fallback(msg: &Msg, lang: Language) -> String {
    let mut out = msg.id().to_string();
    for (name, arg) in msg.args() {
        out.push_str(&format!(" {name}={}", text_of(arg, lang)));
    }
    out
}

#[cfg(test)]
mod tests;
