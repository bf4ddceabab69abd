//! One release as the search sees it: its weighted terms and its result fragment (title,
//! URL, date, kicker and the text snippets are cut from), made once per release version.
//!
//! Fields weigh differently: a word in the title counts more than one in the body. Besides
//! the words of the text, a document gets the parts of known record names found inside
//! longer words ("Löffingen" in "Löffinger…") and its filter terms (`~p` programme,
//! `~m` municipality, `~t` topic, `~y` year, each followed by a slug or the year).

use std::sync::{Arc, Mutex};

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::text::{self, Analyzer};

/// A term's number in the [`Terms`] of a site.
pub type TermId = u32;

/// Bytes of a release's body HTML that are indexed (the title, subtitle, kicker, summary and
/// names always are): the start of a release says what it is about, and a cold build of
/// 10,000 long releases must stay fast.
pub const BODY_INDEX_BYTES: usize = 1500;

/// An id (of a term, in a document's list; of a document, in a term's postings) with its
/// weight, in five bytes: the index of 100,000 releases holds tens of millions of them, which
/// as `(u32, u8)` tuples take eight bytes each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(C, packed)]
pub struct Weighted {
    id: u32,
    weight: u8,
}

impl Weighted {
    /// `id` with `weight`.
    pub fn new(id: u32, weight: u8) -> Self {
        Weighted { id, weight }
    }

    /// The term or document.
    pub fn id(self) -> u32 {
        self.id
    }

    /// Its weight.
    pub fn weight(self) -> u8 {
        self.weight
    }
}

/// Every term seen, numbered in the order they were first seen.
#[derive(Debug, Default)]
pub struct Terms {
    ids: FxHashMap<Arc<str>, TermId>,
    /// The terms by id.
    pub names: Vec<Arc<str>>,
}

impl Terms {
    /// A table of `names` (by id) with their look-up `ids` (see [`super::persist`]).
    pub(super) fn from_parts(ids: FxHashMap<Arc<str>, TermId>, names: Vec<Arc<str>>) -> Self {
        Terms { ids, names }
    }

    /// The id of `term`, numbering it if it is new.
    pub fn id(&mut self, term: &str) -> TermId {
        if let Some(id) = self.ids.get(term) {
            return *id;
        }
        let id = self.names.len() as TermId;
        let name: Arc<str> = Arc::from(term);
        self.names.push(Arc::clone(&name));
        self.ids.insert(name, id);
        id
    }
}

/// Characters of plain text kept in a fragment for the snippet.
pub const SNIPPET_CHARS: usize = 800;

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
    /// Its terms with their weights, sorted by term id.
    pub terms: Vec<Weighted>,
    /// Its fragment, a JSON array `[title, url, date, kicker, text]` (boxed: exactly its
    /// length, as every document of the site is held at once).
    pub fragment: Box<str>,
    /// Hash of `fragment`.
    pub fragment_hash: u64,
}

/// The parts of record names searched for inside longer words.
#[derive(Debug, Clone)]
pub struct Names {
    finder: Option<AhoCorasick>,
    /// The term of each name part, by pattern index.
    terms: Vec<String>,
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
            .map(|p| analyzer.term_of_folded(p).unwrap_or_else(|| p.clone()))
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
    fn inside(&self, folded: &str, out: &mut Vec<String>) {
        let Some(finder) = &self.finder else {
            return;
        };
        for m in finder.find_overlapping_iter(folded) {
            let i = m.pattern().as_usize();
            if self.parts[i].len() < folded.len() && !out.contains(&self.terms[i]) {
                out.push(self.terms[i].clone());
            }
        }
    }
}

/// Most terms one word gives (its own and name parts inside it); further name parts are
/// not indexed.
const WORD_TERMS: usize = 3;

/// The terms of one word, inline.
#[derive(Debug, Clone, Copy, Default)]
struct Ids {
    n: u8,
    ids: [TermId; WORD_TERMS],
}

impl Ids {
    fn as_slice(&self) -> &[TermId] {
        &self.ids[..self.n as usize]
    }
}

/// Longest word kept inline as a memo key.
const SHORT: usize = 23;

/// A worker's words already analysed (the word as written → its terms) and its scratch
/// space for weights. Short words are keyed inline, so a look-up touches one table entry.
#[derive(Debug, Default)]
pub struct Memo {
    short: FxHashMap<[u8; SHORT + 1], Ids>,
    long: FxHashMap<Box<str>, Ids>,
    /// Weight of each term in the document being made (by id), and the ids set.
    weights: Vec<u32>,
    touched: Vec<TermId>,
}

impl Memo {
    fn get(&mut self, word: &str, tools: &Tools<'_>) -> Ids {
        if word.len() <= SHORT {
            let mut key = [0u8; SHORT + 1];
            key[..word.len()].copy_from_slice(word.as_bytes());
            key[SHORT] = word.len() as u8;
            *self
                .short
                .entry(key)
                .or_insert_with(|| analyse(word, tools))
        } else {
            match self.long.get(word) {
                Some(ids) => *ids,
                None => *self.long.entry(word.into()).or_insert(analyse(word, tools)),
            }
        }
    }

    fn add(&mut self, ids: Ids, w: u32) {
        for &t in ids.as_slice() {
            let i = t as usize;
            if i >= self.weights.len() {
                self.weights.resize(i + 1024, 0);
            }
            if self.weights[i] == 0 {
                self.touched.push(t);
            }
            self.weights[i] += w;
        }
    }

    /// The weights gathered, sorted by term id; clears them for the next document.
    fn take(&mut self) -> Vec<Weighted> {
        let mut out: Vec<Weighted> = self
            .touched
            .iter()
            .map(|&t| Weighted::new(t, self.weights[t as usize].min(255) as u8))
            .collect();
        for &t in &self.touched {
            self.weights[t as usize] = 0;
        }
        self.touched.clear();
        out.sort_unstable();
        out
    }
}

/// What making documents needs: the analyzer, the record names and the terms.
pub struct Tools<'a> {
    /// The analyzer of the site's language.
    pub analyzer: &'a Analyzer,
    /// The record names looked for inside words.
    pub names: &'a Names,
    /// The terms, shared by the workers.
    pub terms: &'a Mutex<Terms>,
}

/// Makes the search document of one release.
pub fn make(key: u64, f: &Fields<'_>, tools: &Tools<'_>, memo: &mut Memo) -> Doc {
    let add = |text: &str, w: u32, html: bool, memo: &mut Memo| {
        let each = |word: &str| {
            let ids = memo.get(word, tools);
            memo.add(ids, w);
        };
        if html {
            text::html_words(text, each);
        } else {
            text::words(text, each);
        }
    };
    add(f.title, weight::TITLE, false, memo);
    for head in [f.subtitle, f.kicker].into_iter().flatten() {
        add(head, weight::HEAD, false, memo);
    }
    for name in &f.names {
        add(name, weight::HEAD, false, memo);
    }
    add(f.summary, weight::SUMMARY, false, memo);
    add(
        head(f.body_html, BODY_INDEX_BYTES),
        weight::BODY,
        true,
        memo,
    );
    if let Ok(mut all) = tools.terms.lock() {
        for filter in &f.filters {
            let id = all.id(filter);
            memo.add(
                Ids {
                    n: 1,
                    ids: [id, 0, 0],
                },
                1,
            );
        }
    }
    let terms = memo.take();
    let body = text::plain_text_upto(f.body_html, SNIPPET_CHARS + 16);
    let fragment = fragment(f, &body).into_boxed_str();
    let fragment_hash = xxhash_rust::xxh3::xxh3_64(fragment.as_bytes());
    Doc {
        key,
        terms,
        fragment,
        fragment_hash,
    }
}

/// The terms of one word as written: its own term and the name parts inside it.
fn analyse(word: &str, tools: &Tools<'_>) -> Ids {
    let folded = tools.analyzer.fold(word);
    let mut out: Vec<String> = Vec::new();
    if let Some(t) = tools.analyzer.term_of_folded(&folded) {
        out.push(t);
    }
    if folded.len() > MIN_PART {
        tools.names.inside(&folded, &mut out);
    }
    let mut ids = Ids::default();
    if let Ok(mut all) = tools.terms.lock() {
        for t in out.iter().take(WORD_TERMS) {
            ids.ids[ids.n as usize] = all.id(t);
            ids.n += 1;
        }
    }
    ids
}

/// The start of `html`, at most `max` bytes, cut at a character boundary.
fn head(html: &str, max: usize) -> &str {
    if html.len() <= max {
        return html;
    }
    let mut end = max;
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[..end]
}

#[derive(Serialize)]
struct Fragment<'a>(&'a str, &'a str, &'a str, &'a str, &'a str);

/// The fragment JSON of a document: the summary and the start of the body (or the body
/// alone when it starts with the summary) as snippet text.
fn fragment(f: &Fields<'_>, body: &str) -> String {
    let mut snippet = String::with_capacity(SNIPPET_CHARS + 8);
    let parts: &[&str] = if body.starts_with(f.summary) {
        &[body]
    } else {
        &[f.summary, body]
    };
    for part in parts {
        if !text::push_words(&mut snippet, part, SNIPPET_CHARS) {
            break;
        }
    }
    let frag = Fragment(f.title, &f.url, &f.date, f.kicker.unwrap_or(""), &snippet);
    let capacity = f.title.len() + snippet.len() + f.url.len() + 64;
    crate::escape::to_safe_json(&frag, capacity, "[]")
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
        let f = fields(
            "Förderung für Kommunen",
            "<p>Die Löffinger Förderung und Paktkommunen.</p>",
        );
        let terms = Mutex::new(Terms::default());
        let tools = Tools {
            analyzer: &a,
            names: &names,
            terms: &terms,
        };
        let doc = make(1, &f, &tools, &mut Memo::default());
        let all = terms.lock().unwrap();
        let w = |t: &str| {
            let id = all.names.iter().position(|n| &**n == t)? as TermId;
            doc.terms.iter().find(|x| x.id() == id).map(|x| x.weight())
        };
        let forder = a.term("Förderung").unwrap();
        assert_eq!(w(&forder), Some(8 + 1));
        assert_eq!(
            w(&a.term("Löffingen").unwrap()),
            Some(4 + 1),
            "name, and inside Löffinger"
        );
        assert_eq!(w("~y2018"), Some(1));
        assert!(w(&a.term("Paktkommunen").unwrap()).is_some());
        assert_eq!(w("und"), None);
        assert!(doc.terms.windows(2).all(|p| p[0].id() < p[1].id()));
        assert!(doc
            .fragment
            .starts_with("[\"Förderung für Kommunen\",\"/x/\""));
    }

    #[test]
    fn a_weighted_id_takes_five_bytes_and_sorts_by_id_then_weight() {
        assert_eq!(std::mem::size_of::<Weighted>(), 5);
        let mut v = [
            Weighted::new(7, 1),
            Weighted::new(3, 9),
            Weighted::new(3, 2),
        ];
        v.sort_unstable();
        let ids: Vec<(u32, u8)> = v.iter().map(|w| (w.id(), w.weight())).collect();
        assert_eq!(ids, [(3, 2), (3, 9), (7, 1)]);
    }

    #[test]
    fn the_snippet_text_is_bounded() {
        let a = Analyzer::new(Language::De);
        let names = Names::new(&a, std::iter::empty());
        let body = "<p>".to_string() + &"Wort ".repeat(1000) + "</p>";
        let terms = Mutex::new(Terms::default());
        let tools = Tools {
            analyzer: &a,
            names: &names,
            terms: &terms,
        };
        let doc = make(1, &fields("T", &body), &tools, &mut Memo::default());
        assert!(doc.fragment.len() < SNIPPET_CHARS + 100);
    }
}
