//! One release as the search sees it: its weighted terms and its result fragment (title,
//! URL, date, kicker and the text snippets are cut from), made once per release version.
//!
//! Fields weigh differently: a word in the title counts more than one in the body. Besides
//! the words of the text, a document gets the parts of known record names found inside
//! longer words ("Löffingen" in "Löffinger…") and its filter terms (`~p` programme,
//! `~m` municipality, `~t` topic, `~y` year, each followed by a slug or the year).

use std::sync::Arc;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::text::{self, Analyzer};

/// Characters of plain text kept in a fragment for the snippet.
pub const SNIPPET_CHARS: usize = 600;

/// Weight of a word in each field.
pub(super) mod weight {
    /// Headline.
    pub(crate) const TITLE: u32 = 8;
    /// Subtitle, kicker, programme and municipality names.
    pub(crate) const HEAD: u32 = 4;
    /// Teaser.
    pub(crate) const SUMMARY: u32 = 2;
    /// Body text.
    pub(crate) const BODY: u32 = 1;
}

/// The texts of one release, as the search indexes them.
#[derive(Debug)]
pub struct Fields<'a> {
    /// Headline.
    pub title: &'a str,
    /// Subtitle.
    pub subtitle: Option<&'a str>,
    /// Kicker.
    pub kicker: Option<&'a str>,
    /// Teaser.
    pub summary: &'a str,
    /// Body as HTML.
    pub body_html: &'a str,
    /// Names of its programmes and municipalities.
    pub names: Vec<&'a str>,
    /// Its filter terms (`~p…`, `~m…`, `~t…`, `~y…`).
    pub filters: Vec<String>,
    /// Page URL.
    pub url: String,
    /// Date in words.
    pub date: String,
}

/// A release made searchable.
#[derive(Debug)]
pub struct Doc {
    /// What it was made from (release version and site context), to reuse it.
    pub key: u64,
    /// Its terms with their weights, sorted by term.
    pub terms: Vec<(Arc<str>, u8)>,
    /// Its fragment, a JSON array `[title, url, date, kicker, text]`.
    pub fragment: String,
    /// Hash of `fragment`.
    pub fragment_hash: u64,
}

/// The parts of record names searched for inside longer words.
#[derive(Debug, Clone)]
pub struct Names {
    finder: Option<AhoCorasick>,
    /// The term of each name part, by pattern index.
    terms: Vec<Arc<str>>,
    /// The folded parts, by pattern index.
    parts: Vec<String>,
}

/// Shortest name part looked for inside other words.
const MIN_PART: usize = 5;

impl Names {
    /// The parts (words of at least five letters) of `names`.
    pub fn new<'a>(analyzer: &Analyzer, names: impl Iterator<Item = &'a str>) -> Self {
        let mut parts: Vec<String> = Vec::new();
        for name in names {
            text::words(name, |w| {
                let f = analyzer.fold(w);
                if f.chars().count() >= MIN_PART && f.chars().all(char::is_alphabetic) {
                    parts.push(f);
                }
            });
        }
        parts.sort();
        parts.dedup();
        let terms = parts
            .iter()
            .map(|p| Arc::from(analyzer.term_of_folded(p).unwrap_or_else(|| p.clone())))
            .collect();
        let finder = if parts.is_empty() {
            None
        } else {
            AhoCorasick::new(&parts).ok()
        };
        Names {
            finder,
            terms,
            parts,
        }
    }

    /// The terms of the name parts inside `folded` (not the word itself).
    fn inside(&self, folded: &str, out: &mut Vec<Arc<str>>) {
        let Some(finder) = &self.finder else {
            return;
        };
        for m in finder.find_overlapping_iter(folded) {
            let i = m.pattern().as_usize();
            if self.parts[i].len() < folded.len() && !out.contains(&self.terms[i]) {
                out.push(Arc::clone(&self.terms[i]));
            }
        }
    }
}

/// Words already analysed by one worker: the word as written → its terms.
pub type Memo = FxHashMap<Box<str>, Box<[Arc<str>]>>;

/// Makes the search document of one release.
pub fn make(key: u64, f: &Fields<'_>, a: &Analyzer, names: &Names, memo: &mut Memo) -> Doc {
    let mut weights: FxHashMap<Arc<str>, u32> = FxHashMap::default();
    let mut add = |text: &str, w: u32, memo: &mut Memo| {
        text::words(text, |word| {
            let terms = match memo.get(word) {
                Some(t) => t,
                None => {
                    let t = analyse(word, a, names);
                    memo.entry(word.into()).or_insert(t)
                }
            };
            for t in terms.iter() {
                *weights.entry(Arc::clone(t)).or_insert(0) += w;
            }
        });
    };
    add(f.title, weight::TITLE, memo);
    for head in [f.subtitle, f.kicker].into_iter().flatten() {
        add(head, weight::HEAD, memo);
    }
    for name in &f.names {
        add(name, weight::HEAD, memo);
    }
    add(f.summary, weight::SUMMARY, memo);
    let body = text::plain_text(f.body_html);
    add(&body, weight::BODY, memo);
    for filter in &f.filters {
        weights.insert(Arc::from(filter.as_str()), 1);
    }
    let mut terms: Vec<(Arc<str>, u8)> = weights
        .into_iter()
        .map(|(t, w)| (t, w.min(255) as u8))
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let fragment = fragment(f, &body);
    let fragment_hash = xxhash_rust::xxh3::xxh3_64(fragment.as_bytes());
    Doc {
        key,
        terms,
        fragment,
        fragment_hash,
    }
}

/// The terms of one word as written: its own term and the name parts inside it.
fn analyse(word: &str, a: &Analyzer, names: &Names) -> Box<[Arc<str>]> {
    let folded = a.fold(word);
    let mut out: Vec<Arc<str>> = Vec::new();
    if let Some(t) = a.term_of_folded(&folded) {
        out.push(Arc::from(t));
    }
    if folded.len() > MIN_PART {
        names.inside(&folded, &mut out);
    }
    out.into_boxed_slice()
}

#[derive(Serialize)]
struct Fragment<'a>(&'a str, &'a str, &'a str, &'a str, &'a str);

/// The fragment JSON of a document: the summary and the start of the body as snippet text.
fn fragment(f: &Fields<'_>, body: &str) -> String {
    let mut snippet = String::with_capacity(SNIPPET_CHARS + 8);
    for part in [f.summary, body] {
        for word in part.split_whitespace() {
            if snippet.len() + word.len() > SNIPPET_CHARS {
                break;
            }
            if !snippet.is_empty() {
                snippet.push(' ');
            }
            snippet.push_str(word);
        }
        if snippet.len() + 20 > SNIPPET_CHARS || body.starts_with(f.summary) {
            break;
        }
    }
    let frag = Fragment(
        f.title,
        &f.url,
        &f.date,
        f.kicker.unwrap_or(""),
        &snippet,
    );
    serde_json::to_string(&frag).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;

    fn fields<'a>(title: &'a str, body: &'a str) -> Fields<'a> {
        Fields {
            title,
            subtitle: None,
            kicker: Some("Integration"),
            summary: "Kurz.",
            body_html: body,
            names: vec!["Löffingen"],
            filters: vec!["~y2018".into()],
            url: "/x/".into(),
            date: "1. Mai 2018".into(),
        }
    }

    #[test]
    fn title_words_weigh_more_and_names_are_found_inside_words() {
        let a = Analyzer::new(Language::De);
        let names = Names::new(&a, ["Löffingen", "Pakt für Integration"].into_iter());
        let f = fields("Förderung für Kommunen", "<p>Die Löffinger Förderung und Paktkommunen.</p>");
        let doc = make(1, &f, &a, &names, &mut Memo::default());
        let w = |t: &str| doc.terms.iter().find(|(x, _)| &**x == t).map(|x| x.1);
        let forder = a.term("Förderung").unwrap();
        assert_eq!(w(&forder), Some(8 + 1));
        assert_eq!(w(&a.term("Löffingen").unwrap()), Some(4 + 1), "name, and inside Löffinger");
        assert_eq!(w("~y2018"), Some(1));
        assert!(w(&a.term("Paktkommunen").unwrap()).is_some());
        assert_eq!(w("und"), None);
        assert!(doc.terms.windows(2).all(|p| p[0].0 < p[1].0));
        assert!(doc.fragment.starts_with("[\"Förderung für Kommunen\",\"/x/\""));
    }

    #[test]
    fn the_snippet_text_is_bounded() {
        let a = Analyzer::new(Language::De);
        let names = Names::new(&a, std::iter::empty());
        let body = "<p>".to_string() + &"Wort ".repeat(1000) + "</p>";
        let doc = make(1, &fields("T", &body), &a, &names, &mut Memo::default());
        assert!(doc.fragment.len() < SNIPPET_CHARS + 100);
    }
}
