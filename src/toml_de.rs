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
    let loc = Some(Location::span(file, text, span));
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|s| !s.is_empty())
            .collect();
        let help = match did_you_mean(key, allowed.iter().copied()) {
            Some(best) => format!(
                "did you mean `{best}`? (allowed keys: {})",
                allowed.join(", ")
            ),
            None => format!(
                "remove it, or put free-form values under [extra]; allowed keys: {}",
                allowed.join(", ")
            ),
        };
        return Diagnostic::error(loc, format!("unknown key `{key}` in {what}")).with_help(help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error(loc, format!("{what} lacks the required key `{key}`"))
            .with_help(format!("add a line `{key} = …`"));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return Diagnostic::error(loc, format!("wrong type of value in {what}: found {rest}"))
            .with_help(type_help(rest));
    }
    if message.contains("invalid date")
        || message.contains("invalid time")
        || message.contains("invalid offset")
    {
        return Diagnostic::error(loc, format!("not a valid date or time in {what}: {}", message.trim()))
            .with_help("check day and month (e.g. 2018-02-28; February 29 only in leap years) and write dates like 2018-05-28 or 2018-05-28T10:00:00+02:00, without quotes");
    }
    if message.starts_with("duplicate key") {
        return Diagnostic::error(loc, format!("{message} in {what}"))
            .with_help("each key may appear only once: remove one of them");
    }
    Diagnostic::error(loc, format!("invalid TOML in {what}: {}", message.trim()))
        .with_help("check the quoting and the `key = value` syntax; strings need \"double quotes\"")
}

fn type_help(rest: &str) -> String {
    if rest.ends_with("expected a string") {
        "put the value in double quotes, e.g. \"…\"".into()
    } else if rest.contains("expected a boolean") {
        "write true or false, without quotes".into()
    } else if rest.contains("expected a sequence") {
        "write a list in square brackets, e.g. [\"a\", \"b\"]".into()
    } else if rest.contains("integer") || rest.contains("expected u64") || rest.contains("i64") {
        "write a whole number without quotes or separators, e.g. 40000".into()
    } else if rest.contains("datetime") || rest.contains("date") {
        "write a date like 2018-05-28 or a date and time with offset like 2018-05-28T10:00:00+02:00 (no quotes)".into()
    } else {
        "see the README for the expected type of this key".into()
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
