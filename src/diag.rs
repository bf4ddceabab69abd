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

/// A collector of diagnostics, filled by every stage of the pipeline.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Lists shared with a cache (the mention check's, one per release), each the problems of
    /// one file in report order: kept as they are, not copied item by item, since a site can
    /// have a hundred thousand of them and the preview collects them on every save.
    shared: Vec<Arc<[Diagnostic]>>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Moves all problems of `other` into this collector.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Records lists of problems shared with a cache. A list of one file's problems in report
    /// order is kept shared; any other list is copied.
    pub fn extend_shared(&mut self, lists: impl IntoIterator<Item = Arc<[Diagnostic]>>) {
        for list in lists {
            let one_file = list.windows(2).all(|w| {
                w[0].sort_file() == w[1].sort_file() && in_file_order(&w[0], &w[1]).is_le()
            });
            if list.is_empty() {
            } else if one_file {
                self.shared.push(list);
            } else {
                self.items.extend(list.iter().cloned());
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .chain(self.shared.iter().flat_map(|l| l.iter()))
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.items.len() + self.shared.iter().map(|l| l.len()).sum::<usize>()
    }

    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.len() - self.error_count()
    }

    /// All problems, sorted by file and position (deterministic report order): by file path,
    /// then byte offset, then severity (errors first), then message; problems alike in all of
    /// these keep the order they were found in (shared lists count as found last).
    pub fn into_sorted(self) -> Problems {
        // Comparing paths again and again made sorting many problems slow. Instead the files are
        // sorted once, then each file's problems by position: few, and mostly in order already.
        // The problems of one file mostly come in a row sharing one `Arc<str>`; the files are
        // sorted per such row ("run"). A shared list is one run.
        let items = &self.items;
        let mut runs: Vec<(&str, Run)> = Vec::new();
        for (i, d) in items.iter().enumerate() {
            let file = d.sort_file();
            match runs.last_mut() {
                Some((f, Run::Items(run))) if std::ptr::eq(*f, file) => run.end = i + 1,
                _ => runs.push((file, Run::Items(i..i + 1))),
            }
        }
        for (i, list) in self.shared.iter().enumerate() {
            runs.push((list[0].sort_file(), Run::Shared(i)));
        }
        // Stable: the runs of one file stay in the order found.
        runs.sort_by_key(|&(file, _)| file);
        let mut problems = Problems::default();
        let mut pending: Vec<Diagnostic> = Vec::new();
        let mut start = 0;
        while start < runs.len() {
            let file = runs[start].0;
            let end = start + runs[start..].iter().take_while(|r| r.0 == file).count();
            match &runs[start..end] {
                // A file whose problems are one shared list: shared on.
                [(_, Run::Shared(i))] => {
                    problems.push(std::mem::take(&mut pending));
                    problems.push_shared(Arc::clone(&self.shared[*i]));
                }
                group => {
                    let mut of_file: Vec<&Diagnostic> = Vec::new();
                    for (_, run) in group {
                        match run {
                            Run::Items(r) => of_file.extend(&items[r.clone()]),
                            Run::Shared(i) => of_file.extend(self.shared[*i].iter()),
                        }
                    }
                    of_file.sort_by(|a, b| in_file_order(a, b));
                    pending.extend(of_file.into_iter().cloned());
                }
            }
            start = end;
        }
        problems.push(pending);
        problems
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.shared.is_empty()
    }
}

/// A run of one file's problems: a range of the collected items, or a shared list.
enum Run {
    Items(Range<usize>),
    Shared(usize),
}

/// The report order of two problems of one file.
fn in_file_order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (a.sort_pos(), a.severity, &a.message).cmp(&(b.sort_pos(), b.severity, &b.message))
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        let mut items = self.items;
        items.extend(self.shared.iter().flat_map(|l| l.iter().cloned()));
        items.into_iter()
    }
}

/// The problems of a run in report order (see [`Diagnostics::into_sorted`]), as a few lists,
/// some of them shared with a cache.
#[derive(Clone, Default)]
pub struct Problems {
    lists: Vec<Arc<[Diagnostic]>>,
    len: usize,
}

impl Problems {
    fn push(&mut self, list: Vec<Diagnostic>) {
        if !list.is_empty() {
            self.push_shared(list.into());
        }
    }

    fn push_shared(&mut self, list: Arc<[Diagnostic]>) {
        self.len += list.len();
        self.lists.push(list);
    }

    /// The problems, in report order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> + Clone {
        self.lists.iter().flat_map(|l| l.iter())
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// True when a report of `other` reads like one of these: the same problems (severity,
    /// file, position, message, help) in the same order. Lists shared by both are not even
    /// looked at, so comparing a hundred thousand cached warnings is cheap.
    pub fn shows_same_as(&self, other: &Problems) -> bool {
        if self.len != other.len {
            return false;
        }
        let same_lists = self.lists.len() == other.lists.len()
            && self
                .lists
                .iter()
                .zip(&other.lists)
                .all(|(a, b)| a.len() == b.len());
        if same_lists {
            self.lists.iter().zip(&other.lists).all(|(a, b)| {
                Arc::ptr_eq(a, b) || a.iter().zip(b.iter()).all(|(x, y)| x.shows_same_as(y))
            })
        } else {
            self.iter()
                .zip(other.iter())
                .all(|(x, y)| x.shows_same_as(y))
        }
    }
}

impl From<Vec<Diagnostic>> for Problems {
    /// Problems in the order given.
    fn from(list: Vec<Diagnostic>) -> Self {
        let mut p = Problems::default();
        p.push(list);
        p
    }
}

impl fmt::Debug for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Diagnostic;
    type IntoIter = Box<dyn Iterator<Item = &'a Diagnostic> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// The problems a report shows: every error and the first `max_warnings` warnings (all with
/// `None`), in order, and the number of warnings left out. A site can have a hundred thousand
/// warnings; printing them all would bury the errors.
pub fn shown(diags: &Problems, max_warnings: Option<usize>) -> (Vec<Diagnostic>, usize) {
    let mut warnings = 0;
    let mut hidden = 0;
    let shown = diags
        .iter()
        .filter(|d| {
            if d.severity == Severity::Error {
                return true;
            }
            warnings += 1;
            let show = max_warnings.is_none_or(|max| warnings <= max);
            hidden += usize::from(!show);
            show
        })
        .cloned()
        .collect();
    (shown, hidden)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_show_every_error_and_the_first_warnings() {
        let w = |n: usize| Diagnostic::warning(None, format!("w{n}"));
        let mut all: Vec<Diagnostic> = (0..5).map(w).collect();
        all.insert(3, Diagnostic::error(None, "e"));
        let all = Problems::from(all);
        let (shown, hidden) = shown(&all, Some(2));
        let texts: Vec<&str> = shown.iter().map(|d| &*d.message).collect();
        assert_eq!(texts, ["w0", "w1", "e"]);
        assert_eq!(hidden, 3);
        let (everything, none) = super::shown(&all, None);
        assert_eq!((everything.len(), none), (6, 0));
    }

    #[test]
    fn problems_alike_are_recognised_whether_shared_or_not() {
        let text: Arc<str> = Arc::from("x".repeat(40));
        let w = |at: usize, msg: &str| {
            Diagnostic::warning(
                Some(Location::span("a.md", &text, at..at + 2)),
                msg.to_string(),
            )
        };
        let list: Arc<[Diagnostic]> = vec![w(1, "m"), w(5, "n")].into();
        let sorted = |lists: Vec<Arc<[Diagnostic]>>, extra: Vec<Diagnostic>| {
            let mut d = Diagnostics::new();
            d.extend(extra);
            d.extend_shared(lists);
            d.into_sorted()
        };
        let a = sorted(vec![Arc::clone(&list)], vec![]);
        assert!(a.shows_same_as(&sorted(vec![Arc::clone(&list)], vec![])));
        // The same problems, not shared: alike too.
        assert!(a.shows_same_as(&sorted(vec![], vec![w(1, "m"), w(5, "n")])));
        assert!(!a.shows_same_as(&sorted(vec![], vec![w(1, "m"), w(6, "n")])));
        assert!(!a.shows_same_as(&sorted(vec![], vec![w(1, "m"), w(5, "o")])));
        assert!(!a.shows_same_as(&sorted(vec![list], vec![Diagnostic::error(None, "e")])));
    }

    /// `into_sorted` gives the order of a plain stable sort by (file, position, severity,
    /// message), whether or not a file's problems share one `Arc` or come in a row, and with
    /// shared lists (counted as found last) kept shared or merged with the file's other
    /// problems.
    #[test]
    fn into_sorted_is_a_stable_sort_by_file_and_position() {
        let text: Arc<str> = Arc::from("x".repeat(40));
        let shared: Vec<Arc<str>> = ["b.md", "a.md", "c/a.md", ""]
            .iter()
            .map(|&f| Arc::from(f))
            .collect();
        let mut seed = 7u64;
        let mut random = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            usize::try_from((seed >> 33) % n).unwrap_or(0)
        };
        for round in 0..50 {
            let mut diags = Diagnostics::new();
            for i in 0..(round * 7) {
                let file = &shared[random(4)];
                let location = match random(5) {
                    0 => None,
                    1 => Some(Location::file(&**file)),
                    2 => Some(Location::span(&**file, &text, random(8)..20)),
                    _ => Some(Location::span(Arc::clone(file), &text, random(8)..20)),
                };
                let message = ["m1", "m2", "m0"][random(3)];
                let d = match random(2) {
                    0 => Diagnostic::error(location, message),
                    _ => Diagnostic::warning(location, message),
                };
                diags.push(d.with_help(i.to_string()));
            }
            // Shared lists: one file's warnings in order, or (copied) not in order.
            let mut lists = Vec::new();
            for l in 0..random(4) {
                let file = &shared[random(3)];
                let mut list: Vec<Diagnostic> = (0..random(6))
                    .map(|k| {
                        let at = random(8);
                        Diagnostic::warning(
                            Some(Location::span(Arc::clone(file), &text, at..20)),
                            "m1",
                        )
                        .with_help(format!("shared {l} {k}"))
                    })
                    .collect();
                if random(3) > 0 {
                    list.sort_by(in_file_order);
                }
                lists.push(Arc::<[Diagnostic]>::from(list));
            }
            diags.extend_shared(lists);
            let mut expected: Vec<Diagnostic> = diags.clone().into_iter().collect();
            expected.sort_by(|a, b| {
                (a.sort_file(), a.sort_pos(), a.severity, &a.message).cmp(&(
                    b.sort_file(),
                    b.sort_pos(),
                    b.severity,
                    &b.message,
                ))
            });
            let got: Vec<Diagnostic> = diags.into_sorted().iter().cloned().collect();
            let helps = |v: &[Diagnostic]| v.iter().map(|d| d.help.clone()).collect::<Vec<_>>();
            assert_eq!(helps(&got), helps(&expected), "round {round}");
        }
    }
}
