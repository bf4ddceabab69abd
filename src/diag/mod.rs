//! Diagnostics: every problem herold finds in a site, with its place in the source.
//!
//! Content problems are data, not `Err`s: every stage pushes [`Diagnostic`]s into a
//! [`Diagnostics`] collector and goes on, so one build reports *all* problems at once. Positions
//! are recorded as byte spans into the file's text and turned into `line:column` only when a
//! report is written, by codespan-reporting (the one place that does that conversion).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

mod problems;

pub use problems::{shown, Diagnostics, Problems};

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build cannot produce a correct site.
    Error,
    /// The site builds, but something probably is not what the author meant.
    Warning,
}

/// Where a problem is: a file (relative to the site root), and optionally a byte span in it.
#[derive(Debug, Clone)]
pub struct Location {
    /// Path of the file, relative to the site root, with `/` separators. Shared, so the many
    /// problems of one file (and their clones in caches) do not each copy it.
    pub file: Arc<str>,
    /// The file's whole text, shared, so a report can quote the offending line.
    pub text: Option<Arc<str>>,
    /// Byte range of the offending text inside `text`.
    pub span: Option<Range<usize>>,
}

impl Location {
    /// A location naming a whole file (no position inside it).
    pub fn file(path: impl Into<Arc<str>>) -> Self {
        Location {
            file: path.into(),
            text: None,
            span: None,
        }
    }

    /// A location at a byte span inside a file whose text is known.
    pub fn span(path: impl Into<Arc<str>>, text: &Arc<str>, span: Range<usize>) -> Self {
        let len = text.len();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        Location {
            file: path.into(),
            text: Some(Arc::clone(text)),
            span: Some(start..end),
        }
    }

    /// 1-based line and column (in characters) of the span's start, if there is a span.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let text = self.text.as_deref()?;
        let start = self.span.as_ref()?.start;
        let before = &text[..floor_char_boundary(text, start)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Some((line, col))
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col() {
            Some((line, col)) => write!(f, "{}:{}:{}", self.file, line, col),
            None => write!(f, "{}", self.file),
        }
    }
}

/// One problem found in a site.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is; `None` for problems of the site as a whole (e.g. a missing `content/`).
    pub location: Option<Location>,
    /// What is wrong, naming the offending value. Shared, so cloning a diagnostic (the rebuild
    /// caches do that for every unchanged file) allocates nothing.
    pub message: Arc<str>,
    /// What to do about it (shared like `message`).
    pub help: Option<Arc<str>>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Option<Location>, message: impl Into<Arc<str>>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Option<Location>, message: impl Into<Arc<str>>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    /// Adds the advice shown under the message.
    pub fn with_help(mut self, help: impl Into<Arc<str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The file of the report order ("" without a location).
    fn sort_file(&self) -> &str {
        self.location.as_ref().map_or("", |loc| &loc.file)
    }

    /// True when `other` is reported alike: the same severity, file, position, message and
    /// help (the file's text is not compared).
    fn shows_same_as(&self, other: &Diagnostic) -> bool {
        let same_place = match (&self.location, &other.location) {
            (Some(a), Some(b)) => a.file == b.file && a.span == b.span,
            (None, None) => true,
            _ => false,
        };
        self.severity == other.severity
            && self.message == other.message
            && self.help == other.help
            && same_place
    }

    /// The position in the report order (0 without a span).
    fn sort_pos(&self) -> usize {
        self.location
            .as_ref()
            .and_then(|loc| loc.span.as_ref())
            .map_or(0, |s| s.start)
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:col: error: message` (the compact form used in tests and logs).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{sev}: {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `wanted`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    closest(wanted, candidates, 1).into_iter().next()
}

/// Up to `n` of `candidates` closest to `wanted`, best first, only those similar enough.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wanted, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// Writes diagnostics as a numbered report: each with its `file:line:column`, the quoted source
/// line, and the help text. `color` enables ANSI colours (for terminals).
pub fn render_report(diags: &[Diagnostic], color: bool) -> String {
    use codespan_reporting::term::termcolor::{Ansi, NoColor};
    let bytes = if color {
        let mut w = Ansi::new(Vec::new());
        emit_all(&mut w, diags);
        w.into_inner()
    } else {
        let mut w = NoColor::new(Vec::new());
        emit_all(&mut w, diags);
        w.into_inner()
    };
    String::from_utf8_lossy(&bytes).into_owned()
}

fn emit_all(w: &mut dyn codespan_reporting::term::termcolor::WriteColor, diags: &[Diagnostic]) {
    let config = term::Config::default();
    let total = diags.len();
    // One file entry per source text, so its line index is built once for all its problems.
    let mut files = SimpleFiles::new();
    let mut ids: std::collections::HashMap<(&str, *const u8), usize> =
        std::collections::HashMap::new();
    for (i, d) in diags.iter().enumerate() {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let prefix = format!("[{}/{}] ", i + 1, total);
        cs = cs.with_message(match &d.location {
            Some(loc) => format!("{prefix}{loc}: {}", d.message),
            None => format!("{prefix}{}", d.message),
        });
        if let Some(Location {
            file,
            text: Some(text),
            span: Some(span),
        }) = &d.location
        {
            let key = (&**file, text.as_ptr());
            let id = *ids
                .entry(key)
                .or_insert_with(|| files.add(Arc::clone(file), Arc::clone(text)));
            cs = cs.with_labels(vec![Label::primary(id, span.clone())]);
        }
        if let Some(help) = &d.help {
            cs = cs.with_notes(vec![format!("help: {help}")]);
        }
        if term::emit(w, &config, &files, &cs).is_err() {
            // The reporter could not quote the source: fall back to the one-line form.
            let _ = writeln!(w, "{prefix}{d}");
        }
    }
}

/// Makes a path relative to `root` and turns it into the `/`-separated form used in reports.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
