//! Messages as data: a catalogue id and its arguments, turned into text only when a report is
//! written, in the language it is written in.
//!
//! A site can have a hundred thousand warnings, of which a report prints a hundred: making a
//! [`Msg`] formats nothing, and cloning one (the rebuild caches do that for every unchanged
//! file) only bumps a reference count. Two messages are equal when their ids and arguments
//! are, which is what de-duplication and the preview's "same problems as before" compare.
//!
//! The texts live in one place, the catalogue of [`super::i18n`]; code names a message with
//! [`msg!`](crate::msg) and its catalogue id, e.g. `msg!("ref-unknown-programme", slug = s)`.

use std::fmt;
use std::sync::Arc;

/// One message of the catalogue with its arguments, e.g. `ref-unknown-programme` with
/// `slug = "pakt"`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    id: &'static str,
    args: Arc<[(&'static str, Arg)]>,
}

/// A value inserted into a message.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Text shown as it is, in every language: a file name, a slug, a value as written.
    Text(Text),
    /// A count: shown with the language's digit grouping, and it chooses singular or plural.
    Count(u64),
    /// Another message, translated like this one (e.g. "the front matter" inside "unknown
    /// key … in the front matter").
    Msg(Msg),
    /// Alternatives, joined by the language's "or": `"a" or "b"`.
    AnyOf(Arc<[Arg]>),
    /// Several together, joined by the language's "and".
    AllOf(Arc<[Arg]>),
}

/// The text of an [`Arg::Text`]: a literal of the program or a shared string, compared by
/// content.
#[derive(Clone)]
pub enum Text {
    /// A literal (a key name, a folder): no allocation.
    Static(&'static str),
    /// A value from the site.
    Shared(Arc<str>),
}

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Text::Static(s) => s,
            Text::Shared(s) => s,
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Msg {
    /// The message `id` of the catalogue with its named arguments. Use [`msg!`](crate::msg),
    /// which the catalogue test finds in the source.
    pub fn new<const N: usize>(id: &'static str, args: [(&'static str, Arg); N]) -> Msg {
        Msg {
            id,
            args: Arc::from(args),
        }
    }

    /// The catalogue id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The named arguments, in the order given.
    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }

    /// The message in `lang`.
    pub fn text(&self, lang: crate::config::Language) -> String {
        super::i18n::render(self, lang)
    }
}

impl fmt::Display for Msg {
    /// The English text (for logs and tests; reports use the site's language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(crate::config::Language::En))
    }
}

impl fmt::Debug for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:?}", self.id, self.args)
    }
}

impl fmt::Debug for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(t) => write!(f, "{:?}", t.as_str()),
            Arg::Count(n) => write!(f, "{n}"),
            Arg::Msg(m) => write!(f, "{m:?}"),
            Arg::AnyOf(list) => write!(f, "any{list:?}"),
            Arg::AllOf(list) => write!(f, "all{list:?}"),
        }
    }
}

impl Arg {
    /// Alternatives joined by "or" (one item shows as itself).
    pub fn any_of(items: impl IntoIterator<Item = impl Into<Arg>>) -> Arg {
        Arg::AnyOf(items.into_iter().map(Into::into).collect())
    }

    /// Items joined by "and" (one item shows as itself).
    pub fn all_of(items: impl IntoIterator<Item = impl Into<Arg>>) -> Arg {
        Arg::AllOf(items.into_iter().map(Into::into).collect())
    }
}

impl From<&'static str> for Arg {
    fn from(s: &'static str) -> Arg {
        Arg::Text(Text::Static(s))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(Text::Shared(s.into()))
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(Text::Shared(s.as_str().into()))
    }
}

impl From<Arc<str>> for Arg {
    fn from(s: Arc<str>) -> Arg {
        Arg::Text(Text::Shared(s))
    }
}

impl From<&Arc<str>> for Arg {
    fn from(s: &Arc<str>) -> Arg {
        Arg::Text(Text::Shared(Arc::clone(s)))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Count(n as u64)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Count(n)
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(m)
    }
}

/// A message of the catalogue: `msg!("id")` or `msg!("id", name = value, …)`, each value
/// anything that converts into an [`Arg`] (text, a count, another message). The id and the
/// argument names must be the catalogue's; a test reads every `msg!` in `src/` and checks
/// them against both languages.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::diag::Msg::new($id, [$((stringify!($name), $crate::diag::Arg::from($value))),*])
    };
}
