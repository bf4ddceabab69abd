//! From text to search terms: words, folding, stop words, compounds and stemming.
//!
//! The browser script (`themes/default/static/js/search.js`) does exactly the same to the
//! words of a query, so both sides meet on the same terms; `tests/search_js.rs` runs both on
//! a word list and compares them.
//!
//! A word is a run of letters and digits (`char::is_alphanumeric`). It is lower-cased and
//! folded: ä/ö/ü → a/o/u, ß → ss, and in German also the spellings ae/oe/ue → a/o/u (not
//! after a vowel, and not `ue` after `q`: "Mueller" is "muller", "neuen" stays). Stop words
//! and one-letter words are dropped; the rest is stemmed with the Snowball stemmer of the
//! site's language (numbers are kept as they are). Words joined by hyphens
//! ("Baden-Württemberg") are indexed as the whole (without hyphens) and as each part.

use rust_stemmers::{Algorithm, Stemmer};

use crate::config::Language;

/// German stop words (folded), dropped on both sides.
const STOP_DE: &[&str] = &[
    "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "de", "dem", "den",
    "der", "des", "die", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es",
    "fur", "hat", "im", "in", "ist", "mit", "nach", "noch", "oder", "sich", "sie", "sind", "so",
    "uber", "um", "und", "vom", "von", "vor", "war", "werden", "wie", "wir", "wird", "zu", "zum",
    "zur",
];

/// English stop words, dropped on both sides.
const STOP_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with",
];

/// Turns words into search terms for one language.
pub struct Analyzer {
    lang: Language,
    stemmer: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Analyzer {
    /// The analyzer of `lang`.
    pub fn new(lang: Language) -> Self {
        let algorithm = match lang {
            Language::De => Algorithm::German,
            Language::En => Algorithm::English,
        };
        Analyzer {
            lang,
            stemmer: Stemmer::create(algorithm),
        }
    }

    /// The folded form of a word (lower case, umlauts and ß folded; see the module doc).
    pub fn fold(&self, word: &str) -> String {
        fold(word, self.lang)
    }

    /// The term of one word, or `None` for a stop word or a word of one letter.
    pub fn term(&self, word: &str) -> Option<String> {
        let folded = self.fold(word);
        self.term_of_folded(&folded)
    }

    /// The term of a word that is folded already.
    pub fn term_of_folded(&self, folded: &str) -> Option<String> {
        if folded.chars().nth(1).is_none() || self.is_stop(folded) {
            return None;
        }
        if folded.bytes().all(|b| b.is_ascii_digit()) {
            return Some(folded.to_string());
        }
        Some(self.stemmer.stem(folded).into_owned())
    }

    /// True for a (folded) stop word.
    pub fn is_stop(&self, folded: &str) -> bool {
        let list = match self.lang {
            Language::De => STOP_DE,
            Language::En => STOP_EN,
        };
        list.binary_search(&folded).is_ok()
    }

    /// The raw stem of a word as the Snowball stemmer gives it, without folding (for tests
    /// that compare the browser's stemmer with this one).
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }
}

/// Lower-cases and folds `word` (see the module doc).
pub fn fold(word: &str, lang: Language) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'ä' | 'Ä' => s.push('a'),
            'ö' | 'Ö' => s.push('o'),
            'ü' | 'Ü' => s.push('u'),
            'ß' | 'ẞ' => s.push_str("ss"),
            c if c.is_ascii() => s.push(c.to_ascii_lowercase()),
            c => s.extend(c.to_lowercase()),
        }
    }
    if lang == Language::De && (s.contains("ae") || s.contains("oe") || s.contains("ue")) {
        s = fold_digraphs(&s);
    }
    s
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// ae/oe/ue → a/o/u, unless after a vowel (or `ue` after `q`).
fn fold_digraphs(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let digraph = matches!(c, 'a' | 'o' | 'u')
            && chars.get(i + 1) == Some(&'e')
            && !prev.is_some_and(is_vowel)
            && !(c == 'u' && prev == Some('q'));
        out.push(c);
        i += if digraph { 2 } else { 1 };
    }
    out
}

/// The words of `text`, each with the hyphenated compound it is part of: calls `f(word)` for
/// every word, and `f(whole)` (the parts joined without hyphens) after the parts of a
/// hyphenated compound.
pub fn words(text: &str, f: impl FnMut(&str)) {
    scan(text, false, f);
}

/// The words of an HTML fragment, as [`words`] gives them for its plain text (tags and
/// entities separate words).
pub fn html_words(html: &str, f: impl FnMut(&str)) {
    scan(html, true, f);
}

/// Whether the character at byte `i` of `text` is part of a word, and its length. ASCII, most
/// of any text, is decided without decoding.
#[inline]
fn class(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 128 {
        return (b.is_ascii_alphanumeric(), 1);
    }
    match text[i..].chars().next() {
        // Latin-1 letters (ä, ö, ü, ß, é, …) without the Unicode tables.
        Some(c @ '\u{c0}'..='\u{ff}') => (c != '\u{d7}' && c != '\u{f7}', 2),
        Some(c) => (c.is_alphanumeric(), c.len_utf8()),
        None => (false, 1),
    }
}

/// Bytes of markup at `i` to skip (a tag, or an entity of up to 8 bytes); 0 if none.
fn markup(text: &str, i: usize) -> usize {
    let rest = &text.as_bytes()[i..];
    match rest.first() {
        Some(b'<') => rest
            .iter()
            .position(|&b| b == b'>')
            .map_or(rest.len(), |e| e + 1),
        Some(b'&') => rest
            .iter()
            .take(10)
            .position(|&b| b == b';')
            .map_or(1, |e| e + 1),
        _ => 0,
    }
}

fn scan(text: &str, html: bool, mut f: impl FnMut(&str)) {
    let n = text.len();
    let mut compound = String::new();
    let mut parts = 0;
    let mut i = 0;
    while i < n {
        let (word_char, len) = class(text, i);
        if !word_char {
            let skip = if html { markup(text, i) } else { 0 };
            i += skip.max(len);
            continue;
        }
        let start = i;
        i += len;
        while i < n {
            let (w, len) = class(text, i);
            if !w {
                break;
            }
            i += len;
        }
        let word = &text[start..i];
        f(word);
        let joined = i + 1 < n && text.as_bytes()[i] == b'-' && class(text, i + 1).0;
        if joined || parts > 0 {
            compound.push_str(word);
            parts += 1;
        }
        if !joined {
            if parts > 1 {
                f(&compound);
            }
            compound.clear();
            parts = 0;
        }
    }
}

/// Appends the words of `text` (split at whitespace) to `out`, one space between words, as
/// long as each word still leaves `out` shorter than `max` bytes; false when a word did not
/// fit (and nothing after it was added). The same as `split_whitespace` and `join(" ")` up to
/// the limit, in one pass that decodes only non-ASCII characters.
pub fn push_words(out: &mut String, text: &str, max: usize) -> bool {
    let n = text.len();
    let mut i = 0;
    loop {
        while i < n {
            match space_at(text, i) {
                Some(len) => i += len,
                None => break,
            }
        }
        if i >= n {
            return true;
        }
        let start = i;
        while i < n && space_at(text, i).is_none() {
            i += char_len(text.as_bytes()[i]);
        }
        let word = &text[start..i];
        if out.len() + word.len() >= max {
            return false;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The length of the whitespace character at byte `i` of `text` (`char::is_whitespace`), or
/// `None` when another character is there.
#[inline]
fn space_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return matches!(b, b'\t'..=b'\r' | b' ').then_some(1);
    }
    let c = text[i..].chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// The length of the UTF-8 character starting with byte `b`.
#[inline]
fn char_len(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The plain text of an HTML fragment: tags dropped (block ends become spaces), the entities
/// herold writes decoded.
pub fn plain_text(html: &str) -> String {
    plain_text_upto(html, usize::MAX)
}

/// The plain text of the start of an HTML fragment, about `max` bytes of it.
pub fn plain_text_upto(html: &str, max: usize) -> String {
    let mut out = String::with_capacity(html.len().min(max) + 16);
    let mut rest = html;
    while out.len() < max {
        let Some(i) = rest.bytes().position(|b| b == b'<' || b == b'&') else {
            break;
        };
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            if is_break(tag) && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            rest = &rest[end..];
        } else {
            let (text, len) = entity(rest);
            out.push_str(text);
            rest = &rest[len..];
        }
    }
    if out.len() < max {
        out.push_str(rest);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Tags after which words must not run together.
fn is_break(tag: &str) -> bool {
    let name = tag.trim_start_matches(['<', '/']);
    let name = name.split([' ', '>', '/']).next().unwrap_or("");
    !matches!(
        name,
        "a" | "em" | "strong" | "b" | "i" | "code" | "span" | "abbr" | "sup" | "sub" | "mark"
    )
}

/// The text of the entity at the start of `s` and its length.
fn entity(s: &str) -> (&'static str, usize) {
    const ENTITIES: [(&str, &str); 6] = [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&nbsp;", " "),
    ];
    for (e, t) in ENTITIES {
        if s.starts_with(e) {
            return (t, e.len());
        }
    }
    ("&", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_and_their_spellings_fold_alike() {
        let de = Analyzer::new(Language::De);
        let t = de.term("Müller");
        assert_eq!(t, de.term("Mueller"));
        assert_eq!(t, de.term("muller"));
        assert_eq!(de.fold("Straße"), "strasse");
        assert_eq!(de.fold("Löffingen"), "loffingen");
        assert_eq!(de.fold("Loeffingen"), "loffingen");
        // Not after a vowel: "neuen" is not "neun", "Feuer" keeps its e.
        assert_eq!(de.fold("neuen"), "neuen");
        assert_eq!(de.fold("Feuer"), "feuer");
        assert_eq!(de.fold("Quelle"), "quelle");
        // English keeps ae/oe/ue.
        assert_eq!(fold("blue", Language::En), "blue");
    }

    #[test]
    fn stems_and_stop_words() {
        let de = Analyzer::new(Language::De);
        assert_eq!(de.term("Flüchtlingsdialoge"), de.term("Flüchtlingsdialog"));
        assert_eq!(de.term("Gemeinden"), de.term("Gemeinde"));
        assert_eq!(de.term("und"), None);
        assert_eq!(de.term("für"), None);
        assert_eq!(de.term("x"), None);
        assert_eq!(de.term("2018").as_deref(), Some("2018"));
        let en = Analyzer::new(Language::En);
        assert_eq!(en.term("funding").as_deref(), Some("fund"));
        assert_eq!(en.term("the"), None);
    }

    #[test]
    fn stop_lists_are_sorted() {
        assert!(STOP_DE.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_EN.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn hyphenated_compounds_give_the_whole_and_the_parts() {
        let mut seen = Vec::new();
        words("Land Baden-Württemberg-Stiftung, E-Mail.", |w| {
            seen.push(w.to_string())
        });
        assert_eq!(
            seen,
            [
                "Land",
                "Baden",
                "Württemberg",
                "Stiftung",
                "BadenWürttembergStiftung",
                "E",
                "Mail",
                "EMail"
            ]
        );
        let mut end = Vec::new();
        words("Pakt-Kommunen", |w| end.push(w.to_string()));
        assert_eq!(end, ["Pakt", "Kommunen", "PaktKommunen"]);
    }

    #[test]
    fn html_words_are_the_words_of_the_plain_text() {
        let html =
            "<p>Gut &amp; <strong>schön</strong>, Baden-Württemberg</p><p>zwei&nbsp;Wörter</p>";
        let (mut a, mut b) = (Vec::new(), Vec::new());
        html_words(html, |w| a.push(w.to_string()));
        words(&plain_text(html), |w| b.push(w.to_string()));
        assert_eq!(a, b);
        assert_eq!(a[0], "Gut");
    }

    #[test]
    fn pushed_words_are_the_joined_words_up_to_the_limit() {
        let text = " Ein\tTest\u{a0}mit \u{2003} Wörtern\r\nund\u{b}Zeilen – ß ";
        for max in [0, 1, 4, 8, 9, 20, 33, 100] {
            let mut out = String::new();
            let complete = push_words(&mut out, text, max);
            let mut expected = String::new();
            let mut fits = true;
            for w in text.split_whitespace() {
                if expected.len() + w.len() >= max {
                    fits = false;
                    break;
                }
                if !expected.is_empty() {
                    expected.push(' ');
                }
                expected.push_str(w);
            }
            assert_eq!((out, complete), (expected, fits), "max {max}");
        }
        let mut two = String::from("Kurz");
        assert!(push_words(&mut two, "  und  gut ", 100));
        assert_eq!(two, "Kurz und gut");
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        let html = "<p>Gut &amp; <strong>schön</strong></p><p>Zweiter&nbsp;Absatz</p>";
        assert_eq!(plain_text(html), "Gut & schön Zweiter Absatz");
        assert_eq!(plain_text("a<br>b"), "a b");
    }
}
