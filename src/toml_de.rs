//! Strict TOML deserialisation with positioned, helpful errors.
//!
//! Front matter, records and `config.toml` are all typed serde structs with
//! `deny_unknown_fields`. This module turns toml's error into a [`Diagnostic`] at the right byte
//! offset of the *file* (the front matter starts a few bytes into a release), rewrites serde's
//! wording into something a press officer can act on, and adds a did-you-mean for unknown keys.

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diag::{did_you_mean, Diagnostic, Location};

/// Parses `toml_text` (which starts at byte `offset` of the file `file` with full text `text`)
/// into `T`. On failure returns one diagnostic pointing into the file.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &Arc<str>,
    toml_text: &str,
    offset: usize,
    what: &str,
) -> Result<T, Box<Diagnostic>> {
    toml::from_str::<T>(toml_text).map_err(|e| {
        let span = e
            .span()
            .map(|s| (s.start + offset)..(s.end + offset))
            .unwrap_or(offset..offset);
        Box::new(to_diagnostic(file, text, span, e.message(), what))
    })
}

fn to_diagnostic(
    file: &str,
    text: &Arc<str>,
    span: Range<usize>,
    message: &str,
    what: &str,
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
            Some(best) => format!("did you mean `{best}`? (allowed keys: {list})"),
            None if allowed.contains(&"extra") => {
                format!("remove it, or put free-form values under [extra]; allowed keys: {list}")
            }
            None => format!("remove it; allowed keys: {list}"),
        };
        return Diagnostic::error(loc, format!("unknown key `{key}` in {what}")).with_help(help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error(loc, format!("{what} lacks the required key `{key}`"))
            .with_help(format!("add a line `{key} = …`"));
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
            format!("unknown value `{quoted}` for `{key}` in {what}"),
        )
        .with_help(format!("use one of {}", expected.join(", ")));
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
        return Diagnostic::error(
            loc,
            format!(
                "wrong type of value in {what}: `{key}` is `{quoted}`, but must be {}",
                friendly(expected, &key)
            ),
        )
        .with_help(type_help(expected, &key));
    }
    if message.contains("invalid date")
        || message.contains("invalid time")
        || message.contains("invalid offset")
    {
        return Diagnostic::error(loc, format!("not a valid date or time in {what}: {}", message.trim()))
            .with_help("check day and month (e.g. 2018-02-28; February 29 only in leap years) and write dates like 2018-05-28 or 2018-05-28T10:00:00+02:00, without quotes");
    }
    if message.starts_with("duplicate key") {
        return Diagnostic::error(loc, format!("the key `{quoted}` appears twice in {what}"))
            .with_help("each key may appear only once: remove one of them");
    }
    Diagnostic::error(loc, format!("invalid TOML in {what}: {}", message.trim()))
        .with_help("check the quoting and the `key = value` syntax; strings need \"double quotes\"")
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
fn friendly(expected: &str, key: &str) -> String {
    let e = expected.trim();
    if let Some(name) = e.strip_prefix("struct ") {
        let name = name
            .split_whitespace()
            .next()
            .unwrap_or(name)
            .trim_start_matches("Raw");
        return match name {
            "Image" => "an [image] table".into(),
            "Event" => "an [event] table".into(),
            "Attachment" => "an [[attachments]] table".into(),
            "Contact" => "a [[contacts]] table".into(),
            "Participant" => "a [[participants]] table".into(),
            _ => format!("a [{key}] table"),
        };
    }
    match e {
        "a string" => "a string (text in double quotes)".into(),
        "a boolean" => "a boolean (true or false)".into(),
        "a map" => format!("a table ([{key}])"),
        "a sequence" => "a list in square brackets".into(),
        "f64" => "a number".into(),
        "i64" | "u64" | "i32" | "u32" | "an integer" => "a whole number".into(),
        other => other.to_string(),
    }
}

/// What to write instead, for an expected type.
fn type_help(expected: &str, key: &str) -> String {
    let e = expected.trim();
    if let Some(name) = e.strip_prefix("struct ") {
        return match name.split_whitespace().next().unwrap_or(name).trim_start_matches("Raw") {
            "Image" => "write a table: a line [image], then src = \"bild.jpg\" and alt = \"what the image shows\"".into(),
            "Event" => "write a table: a line [event], then name = \"…\", start = 2024-05-01 (end and place are optional)".into(),
            "Attachment" => "write each attachment as a table: a line [[attachments]], then title = \"…\" and file = \"…\"".into(),
            "Contact" => "write each contact as a table: a line [[contacts]], then name = \"…\" (role, phone, email optional)".into(),
            "Participant" => "write each participant as a table: a line [[participants]], then municipality = \"slug\"".into(),
            _ => format!("write a table: a line [{key}] followed by key = value lines"),
        };
    }
    match e {
        "a string" => "put the value in double quotes, e.g. \"…\"".into(),
        "a boolean" => "write true or false, without quotes".into(),
        "a map" => format!("write a table: a line [{key}] followed by key = value lines"),
        "a sequence" => "write a list in square brackets, e.g. [\"a\", \"b\"]".into(),
        "f64" => "write numbers without quotes, e.g. [47.88, 8.34]".into(),
        "i64" | "u64" | "i32" | "u32" | "an integer" => "write a whole number without quotes or separators, e.g. 40000".into(),
        _ if e.contains("date") => "write a date like 2018-05-28 or a date and time with offset like 2018-05-28T10:00:00+02:00 (no quotes)".into(),
        _ => "see the README for the expected type of this key".into(),
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
        *parse::<Demo>("x.md", &full, src, offset, "the front matter").unwrap_err()
    }

    #[test]
    fn unknown_key_has_did_you_mean_and_shifted_position() {
        let d = err("title = \"a\"\ndarft = true\n", 4);
        assert!(d.message.contains("unknown key `darft`"), "{}", d.message);
        assert!(d.help.as_deref().unwrap().contains("did you mean `draft`"));
        let loc = d.location.unwrap();
        assert_eq!(loc.span.as_ref().unwrap().start, 4 + 12);
    }

    #[test]
    fn missing_required_key() {
        let d = err("draft = true\n", 0);
        assert!(d.message.contains("required key `title`"), "{}", d.message);
    }

    #[test]
    fn wrong_type_explains() {
        let d = err("title = 5\n", 0);
        assert!(d.message.contains("wrong type"), "{}", d.message);
        assert!(d.help.unwrap().contains("double quotes"));
    }
}
