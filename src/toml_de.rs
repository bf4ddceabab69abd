//! Strict TOML deserialisation with positioned, helpful errors.
//!
//! Front matter, records and `config.toml` are all typed serde structs with
//! `deny_unknown_fields`. This module turns toml's error into a [`Diagnostic`] at the right byte
//! offset of the *file* (the front matter starts a few bytes into a release), rewrites serde's
//! wording into something a press officer can act on, and adds a did-you-mean for unknown keys.

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diag::{did_you_mean, Diagnostic, Location, Msg};
use crate::msg;

/// Where a TOML text is, for messages: "the front matter", "config.toml", … (made only
/// when there is an error).
pub type What = fn() -> Msg;

/// Parses `toml_text` (which starts at byte `offset` of the file `file` with full text `text`)
/// into `T`. On failure returns one diagnostic pointing into the file.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &Arc<str>,
    toml_text: &str,
    offset: usize,
    what: What,
) -> Result<T, Box<Diagnostic>> {
    toml::from_str::<T>(toml_text).map_err(|e| {
        let span = e
            .span()
            .map(|s| (s.start + offset)..(s.end + offset))
            .unwrap_or(offset..offset);
        Box::new(to_diagnostic(file, text, span, e.message(), what()))
    })
}

fn to_diagnostic(
    file: &str,
    text: &Arc<str>,
    span: Range<usize>,
    message: &str,
    what: Msg,
) -> Diagnostic {
    let quoted = quote(text, &span);
    let key = key_of_line(text, span.start);
    let loc = Some(Location::span(file, text, span));
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|s| !s.is_empty())
            .collect();
        let list = allowed.join(", ");
        let help = match did_you_mean(key, allowed.iter().copied()) {
            Some(best) => msg!(
                "toml-unknown-key-did-you-mean",
                best = best.to_string(),
                allowed = list
            ),
            None if allowed.contains(&"extra") => msg!("toml-unknown-key-extra", allowed = list),
            None => msg!("toml-unknown-key-remove", allowed = list),
        };
        return Diagnostic::error(
            loc,
            msg!("toml-unknown-key", key = key.to_string(), what = what),
        )
        .with_help(help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest).to_string();
        return Diagnostic::error(
            loc,
            msg!("toml-missing-key", what = what, key = key.clone()),
        )
        .with_help(msg!("toml-missing-key-help", key = key));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let expected: Vec<String> = rest
            .split('`')
            .skip(2)
            .step_by(2)
            .map(|v| format!("\"{v}\""))
            .collect();
        return Diagnostic::error(
            loc,
            msg!("toml-unknown-value", value = quoted, key = key, what = what),
        )
        .with_help(msg!(
            "toml-unknown-value-help",
            allowed = expected.join(", ")
        ));
    }
    let wrong_type = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid length "))
        .or_else(|| message.strip_prefix("wanted "));
    if let Some(rest) = wrong_type {
        let expected = rest.rsplit_once("expected ").map_or(rest, |(_, e)| e);
        let expected = if message.starts_with("wanted ") {
            "a string"
        } else {
            expected
        };
        let help = type_help(expected, &key);
        return Diagnostic::error(
            loc,
            msg!(
                "toml-wrong-type",
                what = what,
                key = key.clone(),
                value = quoted,
                expected = friendly(expected, &key)
            ),
        )
        .with_help(help);
    }
    if message.contains("invalid date")
        || message.contains("invalid time")
        || message.contains("invalid offset")
    {
        return Diagnostic::error(
            loc,
            msg!("toml-invalid-date", what = what, detail = detail(message)),
        )
        .with_help(msg!("toml-invalid-date-help"));
    }
    if message.starts_with("duplicate key") {
        return Diagnostic::error(loc, msg!("toml-duplicate-key", key = quoted, what = what))
            .with_help(msg!("toml-duplicate-key-help"));
    }
    Diagnostic::error(
        loc,
        msg!("toml-invalid", what = what, detail = detail(message)),
    )
    .with_help(msg!("toml-invalid-help"))
}

/// toml's own words about a syntax error (English), quoted as its detail.
fn detail(message: &str) -> Msg {
    msg!("toml-detail", detail = message.trim().to_string())
}

/// The source text of `span`, shortened for a message.
fn quote(text: &str, span: &Range<usize>) -> String {
    let s = text.get(span.clone()).unwrap_or("").trim();
    let mut q: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        q.push('…');
    }
    q
}

/// The key written at the start of the line holding byte `at` (`[image]` headers give `image`).
fn key_of_line(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let key = line
        .split('=')
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches(|c| c == '[' || c == ']');
    key.to_string()
}

/// serde's name of an expected type, in words a press officer knows.
fn friendly(expected: &str, key: &str) -> Msg {
    let e = expected.trim();
    if let Some(name) = e.strip_prefix("struct ") {
        let name = name
            .split_whitespace()
            .next()
            .unwrap_or(name)
            .trim_start_matches("Raw");
        return match name {
            "Image" => msg!("type-image"),
            "Event" => msg!("type-event"),
            "Attachment" => msg!("type-attachment"),
            "Contact" => msg!("type-contact"),
            "Participant" => msg!("type-participant"),
            _ => msg!("type-table", key = key.to_string()),
        };
    }
    match e {
        "a string" => msg!("type-string"),
        "a boolean" => msg!("type-boolean"),
        "a map" => msg!("type-map", key = key.to_string()),
        "a sequence" => msg!("type-sequence"),
        "f64" => msg!("type-number"),
        "i64" | "u64" | "i32" | "u32" | "an integer" => msg!("type-integer"),
        _ if e.contains("date") => msg!("type-datetime"),
        other => msg!("type-other", expected = other.to_string()),
    }
}

/// What to write instead, for an expected type.
fn type_help(expected: &str, key: &str) -> Msg {
    let e = expected.trim();
    if let Some(name) = e.strip_prefix("struct ") {
        return match name
            .split_whitespace()
            .next()
            .unwrap_or(name)
            .trim_start_matches("Raw")
        {
            "Image" => msg!("type-help-image"),
            "Event" => msg!("type-help-event"),
            "Attachment" => msg!("type-help-attachment"),
            "Contact" => msg!("type-help-contact"),
            "Participant" => msg!("type-help-participant"),
            _ => msg!("type-help-table", key = key.to_string()),
        };
    }
    match e {
        "a string" => msg!("type-help-string"),
        "a boolean" => msg!("type-help-boolean"),
        "a map" => msg!("type-help-table", key = key.to_string()),
        "a sequence" => msg!("type-help-sequence"),
        "f64" => msg!("type-help-number"),
        "i64" | "u64" | "i32" | "u32" | "an integer" => msg!("type-help-integer"),
        _ if e.contains("date") => msg!("type-help-date"),
        _ => msg!("type-help-other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Demo {
        title: String,
        #[serde(default)]
        draft: bool,
    }

    fn err(src: &str, offset: usize) -> Diagnostic {
        let full: Arc<str> = Arc::from(format!("{}{}", " ".repeat(offset), src));
        *parse::<Demo>("x.md", &full, src, offset, || msg!("toml-in-front-matter")).unwrap_err()
    }

    #[test]
    fn unknown_key_has_did_you_mean_and_shifted_position() {
        let d = err("title = \"a\"\ndarft = true\n", 4);
        assert!(
            d.message.to_string().contains("unknown key `darft`"),
            "{}",
            d.message
        );
        assert!(d.help.unwrap().to_string().contains("did you mean `draft`"));
        let loc = d.location.unwrap();
        assert_eq!(loc.span.as_ref().unwrap().start, 4 + 12);
    }

    #[test]
    fn missing_required_key() {
        let d = err("draft = true\n", 0);
        assert!(
            d.message.to_string().contains("required key `title`"),
            "{}",
            d.message
        );
    }

    #[test]
    fn wrong_type_explains() {
        let d = err("title = 5\n", 0);
        assert!(
            d.message.to_string().contains("wrong type"),
            "{}",
            d.message
        );
        assert!(d.help.unwrap().to_string().contains("double quotes"));
    }
}
