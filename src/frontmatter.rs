//! Splitting a Markdown file into its TOML front matter (between `+++` lines) and its body.
//!
//! The byte offsets of both parts are kept, so a TOML error at byte 12 of the front matter is
//! reported at the right line of the file, and Markdown positions stay true too.

use std::ops::Range;

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
    pub message: &'static str,
    /// What to do.
    pub help: &'static str,
    /// Where (byte range in the file).
    pub span: Range<usize>,
}

const FENCE: &str = "+++";

/// Splits `text` at its `+++` fences. A leading UTF-8 BOM must already be removed.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError {
            message: "the file is empty",
            help: "a release starts with a front matter block: a line +++, title = \"…\", date = 2024-01-31, a line +++, then the text",
            span: 0..0,
        });
    }
    let mut lines = line_spans(text);
    let first = lines.next().unwrap_or(0..0);
    let first_line = text[first.clone()].trim_end();
    if first_line != FENCE {
        let (message, help) = if first_line == "---" {
            (
                "the front matter is fenced with --- (YAML), but herold reads TOML between +++ lines",
                "replace both --- lines with +++ and write the keys as TOML: title = \"…\"",
            )
        } else {
            (
                "the file does not start with a front matter block (a line +++)",
                "add a line +++ at the very top, then title = \"…\" and date = …, then another line +++",
            )
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
        message: "the front matter block is not closed",
        help: "add a line +++ after the last front matter key, before the text",
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
        assert_eq!(split("  \n").unwrap_err().message, "the file is empty");
        assert!(split("---\ntitle: a\n---\n")
            .unwrap_err()
            .message
            .contains("YAML"));
        assert!(split("title = 1\n")
            .unwrap_err()
            .message
            .contains("does not start"));
        assert!(split("+++\ntitle = 1\n")
            .unwrap_err()
            .message
            .contains("not closed"));
    }
}
