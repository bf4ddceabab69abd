//! Collecting problems as the pipeline finds them, and putting them in report order.
//!
//! A site can have a hundred thousand warnings, most of them cached between preview rebuilds:
//! lists shared with a cache are kept as they are, never copied warning by warning.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use super::{Diagnostic, Severity};

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
    /// The number of errors, counted when first asked for: a report asks several times, and
    /// a site can have a hundred thousand warnings.
    errors: std::sync::OnceLock<usize>,
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
        self.errors = std::sync::OnceLock::new();
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
        *self.errors.get_or_init(|| {
            self.iter()
                .filter(|d| d.severity == Severity::Error)
                .count()
        })
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
    if let (0, Some(max)) = (diags.error_count(), max_warnings) {
        // Only warnings: the first ones, without looking at the rest.
        let shown: Vec<Diagnostic> = diags.iter().take(max).cloned().collect();
        let hidden = diags.len() - shown.len();
        return (shown, hidden);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Location, Msg};

    /// A message showing `text` as it is.
    fn m(text: impl Into<String>) -> Msg {
        crate::msg!("io-other", detail = text.into())
    }

    #[test]
    fn reports_show_every_error_and_the_first_warnings() {
        let w = |n: usize| Diagnostic::warning(None, m(format!("w{n}")));
        let mut all: Vec<Diagnostic> = (0..5).map(w).collect();
        all.insert(3, Diagnostic::error(None, m("e")));
        let all = Problems::from(all);
        let (shown, hidden) = shown(&all, Some(2));
        let texts: Vec<String> = shown.iter().map(|d| d.message.to_string()).collect();
        assert_eq!(texts, ["w0", "w1", "e"]);
        assert_eq!(hidden, 3);
        let (everything, none) = super::shown(&all, None);
        assert_eq!((everything.len(), none), (6, 0));
        assert_eq!(all.error_count(), 1);
        // Warnings only: the first ones, and how many more there are.
        let warnings = Problems::from((0..5).map(w).collect::<Vec<_>>());
        let (shown, hidden) = super::shown(&warnings, Some(2));
        let texts: Vec<String> = shown.iter().map(|d| d.message.to_string()).collect();
        assert_eq!(
            (texts, hidden),
            (vec!["w0".to_string(), "w1".to_string()], 3)
        );
        assert_eq!(super::shown(&warnings, Some(9)).1, 0);
        assert_eq!(warnings.error_count(), 0);
    }

    #[test]
    fn problems_alike_are_recognised_whether_shared_or_not() {
        let text: Arc<str> = Arc::from("x".repeat(40));
        let w = |at: usize, msg: &str| {
            Diagnostic::warning(Some(Location::span("a.md", &text, at..at + 2)), m(msg))
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
        assert!(!a.shows_same_as(&sorted(vec![list], vec![Diagnostic::error(None, m("e"))])));
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
                let message = m(["m1", "m2", "m0"][random(3)]);
                let d = match random(2) {
                    0 => Diagnostic::error(location, message),
                    _ => Diagnostic::warning(location, message),
                };
                diags.push(d.with_help(m(i.to_string())));
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
                            m("m1"),
                        )
                        .with_help(m(format!("shared {l} {k}")))
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
