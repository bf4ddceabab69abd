//! Splitting a Markdown file into its TOML front matter (between `+++` lines) and its body.
//!
//! The byte offsets of both parts are kept, so a TOML error at byte 12 of the front matter is
//! reported at the right line of the file, and Markdown positions stay true too.

use std::ops::Range;

use crate::diag::Msg;
use crate::msg;

/// The two parts of a Markdown file with front matter.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML text between the fences.
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a file could not be split; the span points at the place to fix.
#[derive(Debug, PartialEq, Eq)]
pub struct SplitError {
    /// What is wrong.
    pub message: Msg,
    /// What to do.
    pub help: Msg,
    /// Where (byte range in the file).
    pub span: Range<usize>,
}

const FENCE: &str = "+++";

/// Splits `text` at its `+++` fences. A leading UTF-8 BOM must already be removed.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError {
            message: msg!("fm-empty"),
            help: msg!("fm-empty-help"),
            span: 0..0,
        });
    }
    let mut lines = line_spans(text);
    let first = lines.next().unwrap_or(0..0);
    let first_line = text[first.clone()].trim_end();
    if first_line != FENCE {
        let (message, help) = if first_line == "---" {
            (msg!("fm-yaml"), msg!("fm-yaml-help"))
        } else {
            (msg!("fm-no-start"), msg!("fm-no-start-help"))
        };
        return Err(SplitError {
            message,
            help,
            span: first.start..first.start + first_line.len(),
        });
    }
    let front_offset = first.end;
    for line in lines {
        if text[line.clone()].trim_end() == FENCE {
            return Ok(Split {
                front: &text[front_offset..line.start],
                front_offset,
                body: &text[line.end..],
                body_offset: line.end,
            });
        }
    }
    Err(SplitError {
        message: msg!("fm-not-closed"),
        help: msg!("fm-not-closed-help"),
        span: first.start..first.start + FENCE.len(),
    })
}

/// Byte ranges of the lines of `text`, each including its line break.
fn line_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |l| {
        let r = start..start + l.len();
        start += l.len();
        r
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_offsets() {
        let t = "+++\ntitle = \"a\"\n+++\nBody\n";
        let s = split(t).unwrap();
        assert_eq!(s.front, "title = \"a\"\n");
        assert_eq!(s.front_offset, 4);
        assert_eq!(s.body, "Body\n");
        assert_eq!(&t[s.body_offset..], "Body\n");
    }

    #[test]
    fn crlf_fences() {
        let t = "+++\r\ntitle = \"a\"\r\n+++\r\nBody\r\n";
        let s = split(t).unwrap();
        assert_eq!(s.front, "title = \"a\"\r\n");
        assert_eq!(s.body, "Body\r\n");
    }

    #[test]
    fn errors() {
        let message = |t: &str| split(t).unwrap_err().message.to_string();
        assert_eq!(message("  \n"), "the file is empty");
        assert!(message("---\ntitle: a\n---\n").contains("YAML"));
        assert!(message("title = 1\n").contains("does not start"));
        assert!(message("+++\ntitle = 1\n").contains("not closed"));
    }
}
