//! Diagnostics: every problem herold finds in a site, with its place in the source.
//!
//! Content problems are data, not `Err`s: every stage pushes [`Diagnostic`]s into a
//! [`Diagnostics`] collector and goes on, so one build reports *all* problems at once. Positions
//! are recorded as byte spans into the file's text and turned into `line:column` only when a
//! report is written, by codespan-reporting (the one place that does that conversion).

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

pub mod i18n;
mod msg;
mod problems;

pub use msg::{Arg, Msg, Text};
pub use problems::{shown, Diagnostics, Problems};

use crate::config::Language;

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
    /// What is wrong, naming the offending value: a message of the catalogue, turned into
    /// text in the site's language only when it is shown. Shared, so cloning a diagnostic
    /// (the rebuild caches do that for every unchanged file) allocates nothing.
    pub message: Msg,
    /// What to do about it (shared like `message`).
    pub help: Option<Msg>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Option<Location>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message,
            help: None,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Option<Location>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    /// Adds the advice shown under the message.
    pub fn with_help(mut self, help: Msg) -> Self {
        self.help = Some(help);
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
    /// One line in English: `file:line:col: error: message` (the compact form used in tests
    /// and logs; reports use [`Diagnostic::line`] in the site's language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(Language::En))
    }
}

impl Diagnostic {
    /// One line in `lang`: `file:line:col: error: message (help: …)`.
    pub fn line(&self, lang: Language) -> String {
        let mut out = String::new();
        if let Some(loc) = &self.location {
            out.push_str(&format!("{loc}: "));
        }
        out.push_str(&format!(
            "{}: {}",
            severity_word(self.severity, lang),
            self.message.text(lang)
        ));
        if let Some(help) = &self.help {
            out.push_str(&format!(
                " ({}: {})",
                crate::msg!("label-help").text(lang),
                help.text(lang)
            ));
        }
        out
    }
}

/// "error" / "Fehler", "warning" / "Warnung".
pub fn severity_word(severity: Severity, lang: Language) -> String {
    match severity {
        Severity::Error => crate::msg!("label-error").text(lang),
        Severity::Warning => crate::msg!("label-warning").text(lang),
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

/// Writes diagnostics as a numbered report in `lang`: each with its `file:line:column`, the
/// quoted source line, and the help text. `color` enables ANSI colours (for terminals).
pub fn render_report(diags: &[Diagnostic], lang: Language, color: bool) -> String {
    use codespan_reporting::term::termcolor::{Ansi, NoColor};
    let bytes = if color {
        let mut w = Ansi::new(Vec::new());
        emit_all(&mut w, diags, lang);
        w.into_inner()
    } else {
        let mut w = NoColor::new(Vec::new());
        emit_all(&mut w, diags, lang);
        w.into_inner()
    };
    String::from_utf8_lossy(&bytes).into_owned()
}

fn emit_all(
    w: &mut dyn codespan_reporting::term::termcolor::WriteColor,
    diags: &[Diagnostic],
    lang: Language,
) {
    let config = term::Config::default();
    let total = diags.len();
    let help_label = crate::msg!("label-help").text(lang);
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
        let message = d.message.text(lang);
        cs = cs.with_message(match &d.location {
            Some(loc) => format!("{prefix}{loc}: {message}"),
            None => format!("{prefix}{message}"),
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
            cs = cs.with_notes(vec![format!("{help_label}: {}", help.text(lang))]);
        }
        emit_one(w, &config, &files, &cs, d, lang, &prefix);
    }
}

/// Writes one diagnostic. codespan-reporting names the severity in English; in another
/// language the diagnostic is written into a buffer first and its leading word replaced.
fn emit_one(
    w: &mut dyn codespan_reporting::term::termcolor::WriteColor,
    config: &term::Config,
    files: &SimpleFiles<Arc<str>, Arc<str>>,
    cs: &CsDiagnostic<usize>,
    d: &Diagnostic,
    lang: Language,
    prefix: &str,
) {
    use codespan_reporting::term::termcolor::{Ansi, NoColor};
    let english = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let word = severity_word(d.severity, lang);
    let written = if word == english {
        term::emit(w, config, files, cs).is_ok()
    } else {
        let bytes = if w.supports_color() {
            let mut buf = Ansi::new(Vec::new());
            let ok = term::emit(&mut buf, config, files, cs).is_ok();
            ok.then(|| buf.into_inner())
        } else {
            let mut buf = NoColor::new(Vec::new());
            let ok = term::emit(&mut buf, config, files, cs).is_ok();
            ok.then(|| buf.into_inner())
        };
        match bytes {
            Some(bytes) => {
                let text = String::from_utf8_lossy(&bytes).replacen(english, &word, 1);
                w.write_all(text.as_bytes()).is_ok()
            }
            None => false,
        }
    };
    if !written {
        // The reporter could not quote the source: fall back to the one-line form.
        let _ = writeln!(w, "{prefix}{}", d.line(lang));
    }
}

/// Makes a path relative to `root` and turns it into the `/`-separated form used in reports.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    // Built in place: every file of the site gets its name here.
    let mut out = String::with_capacity(rel.as_os_str().len());
    for (i, c) in rel.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&c.as_os_str().to_string_lossy());
    }
    out
}

/// The operating system's reason for a failed file operation, in words of the catalogue
/// where herold knows them (the OS's own text otherwise).
pub fn io_reason(e: &std::io::Error) -> Msg {
    match e.kind() {
        std::io::ErrorKind::NotFound => crate::msg!("io-not-found"),
        std::io::ErrorKind::PermissionDenied => crate::msg!("io-permission-denied"),
        _ => crate::msg!("io-other", detail = e.to_string()),
    }
}
