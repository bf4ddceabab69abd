//! The text side of the mention check: finding record names in prose, word boundaries, the
//! whitespace-normalised segments searched and the way back to file offsets, and the
//! district/association words before a name.

use std::ops::Range;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use super::FAMILIES;

/// Finds names in a text (see [`Finder::find`]).
#[derive(Debug)]
pub(super) struct Finder {
    /// The names, anchored: started only where a name may begin.
    ac: AhoCorasick,
    /// The first byte of every name.
    first_bytes: [bool; 256],
    /// The first two bytes of every name, as a set of 65,536 bits.
    starts: Vec<u64>,
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// True when the characters before and at byte `at` of `text` are word characters.
pub(super) fn inside_word(text: &str, at: usize) -> bool {
    let word_char_at = text
        .get(at..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_word_char);
    word_char_at
        && text
            .get(..at)
            .and_then(|t| t.chars().next_back())
            .is_some_and(is_word_char)
}

impl Finder {
    /// A finder of `names` (pattern `i` is the `i`th name); `None` if they are too many for
    /// an automaton.
    pub(super) fn new<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Option<Finder> {
        let mut first_bytes = [false; 256];
        let mut starts = vec![0u64; (1 << 16) / 64];
        for name in names.clone() {
            if let [a, b, ..] = *name.as_bytes() {
                first_bytes[usize::from(a)] = true;
                let pair = usize::from(a) << 8 | usize::from(b);
                starts[pair / 64] |= 1 << (pair % 64);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(names)
            .ok()?;
        Some(Finder {
            ac,
            first_bytes,
            starts,
        })
    }

    /// The longest name at the first place from `pos` on where one begins and may count.
    ///
    /// That is what a leftmost-longest search finds, except at places inside a word, where a
    /// name beginning with a letter would not count anyway (see [`at_word_boundaries`]).
    /// But the automaton is started only where the text's next two bytes begin a name (names
    /// have two characters at least), a few percent of all places: that makes the scan about
    /// twice as fast as an unanchored search, which steps through every byte.
    pub(super) fn find(&self, text: &str, mut pos: usize) -> Option<aho_corasick::Match> {
        let bytes = text.as_bytes();
        while pos + 1 < bytes.len() {
            // Most bytes begin no name and are skipped here, quickly.
            pos += bytes[pos..bytes.len() - 1]
                .iter()
                .position(|&b| self.first_bytes[usize::from(b)])?;
            let pair = usize::from(bytes[pos]) << 8 | usize::from(bytes[pos + 1]);
            if self.starts[pair / 64] >> (pair % 64) & 1 == 1 && !inside_word(text, pos) {
                let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
                if let Some(m) = self.ac.find(input) {
                    return Some(m);
                }
            }
            pos += 1;
        }
        None
    }
}

/// One prose range of a release, as searched: the file's text itself, or, when it has line
/// breaks or runs of spaces, a copy with each whitespace run made one space, with the way back
/// to file offsets.
pub(super) struct Segment<'a> {
    /// The text as searched.
    pub(super) text: std::borrow::Cow<'a, str>,
    /// (offset in `text`, offset in the file) at each point where the two stop running in
    /// step; the first entry is the segment's start.
    map: Vec<(usize, usize)>,
}

/// True when `bytes` has whitespace other than single spaces: line breaks, tabs, runs of
/// spaces, or the no-break, figure, thin and narrow spaces of typeset text. Such segments are
/// copied with each run made one space; the others (nearly all) are searched as they are.
pub(super) fn has_odd_space(bytes: &[u8]) -> bool {
    // Chunks are screened without branches (the compiler vectorises that); only a chunk with a
    // suspicious byte is looked at closely. Each byte is screened with the one after it, for
    // runs of spaces; the last byte, which has none, on its own.
    const CHUNK: usize = 64;
    let Some((&last, _)) = bytes.split_last() else {
        return false;
    };
    if is_suspicious(last, 0) && has_odd_space_slowly(&bytes[bytes.len() - 1..]) {
        return true;
    }
    let mut start = 0;
    while start + 1 < bytes.len() {
        let end = (start + CHUNK).min(bytes.len() - 1);
        let mut suspicious = false;
        for (&b, &next) in bytes[start..end].iter().zip(&bytes[start + 1..end + 1]) {
            suspicious |= is_suspicious(b, next);
        }
        if suspicious && has_odd_space_slowly(&bytes[start..(end + 2).min(bytes.len())]) {
            return true;
        }
        start = end;
    }
    false
}

/// True when byte `b`, followed by `next`, may start odd whitespace (see [`has_odd_space`]).
#[inline(always)]
fn is_suspicious(b: u8, next: u8) -> bool {
    (b.wrapping_sub(b'\t') < 5) | (b == 0xc2) | (b == 0xe2) | ((b == b' ') & (next == b' '))
}

fn has_odd_space_slowly(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b' ' => bytes.get(i + 1) == Some(&b' '),
        b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => true,
        0xc2 => bytes.get(i + 1) == Some(&0xa0),
        0xe2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x87 | 0x89 | 0xaf])),
        _ => false,
    })
}

impl<'a> Segment<'a> {
    pub(super) fn new(file: &'a str, range: Range<usize>) -> Option<Segment<'a>> {
        let part = file.get(range.clone())?;
        let plain = !has_odd_space(part.as_bytes());
        if plain {
            return Some(Segment {
                text: std::borrow::Cow::Borrowed(part),
                map: vec![(0, range.start)],
            });
        }
        let mut text = String::with_capacity(part.len());
        let mut map = vec![(0, range.start)];
        let mut copied = 0;
        let mut chars = part.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if !c.is_whitespace() {
                continue;
            }
            let mut end = at + c.len_utf8();
            let mut single = c == ' ';
            while let Some(&(next_at, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                end = next_at + d.len_utf8();
                single = false;
                chars.next();
            }
            if !single {
                text.push_str(&part[copied..at]);
                text.push(' ');
                map.push((text.len(), range.start + end));
                copied = end;
            }
        }
        text.push_str(&part[copied..]);
        Some(Segment {
            text: std::borrow::Cow::Owned(text),
            map,
        })
    }

    /// File offset of the byte at `at` in `text` (`end`: of the byte just before it, plus one).
    pub(super) fn file_offset(&self, at: usize, end: bool) -> usize {
        let i = self
            .map
            .partition_point(|&(b, _)| if end { b < at } else { b <= at });
        let (b, f) = self.map[i.saturating_sub(1)];
        f + (at - b)
    }
}

/// True when `text[start..end]` is whole words, allowing a genitive `s` after it.
pub(super) fn at_word_boundaries(buf: &str, start: usize, end: usize) -> bool {
    let text = &buf[start..end];
    let first_is_word = text.chars().next().is_some_and(is_word_char);
    let last_is_word = text.chars().next_back().is_some_and(is_word_char);
    if first_is_word && buf[..start].chars().next_back().is_some_and(is_word_char) {
        return false;
    }
    if !last_is_word {
        return true;
    }
    let mut after = buf[end..].chars();
    match after.next() {
        None => true,
        Some('s') => !after.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

/// The family of the word before a name, looking back over an enumeration of names
/// ("Landkreise Tübingen, Tuttlingen und Lörrach"), within the same sentence.
pub(super) fn family_context(before: &str) -> Option<usize> {
    let line = before.rsplit('\n').next().unwrap_or(before);
    for (n, token) in line.split(' ').rev().filter(|t| !t.is_empty()).enumerate() {
        if n >= 12 {
            break;
        }
        if token.ends_with(['.', ';', ':', '!', '?']) && !matches!(token, "Lkr." | "bzw.") {
            break; // the end of the sentence before
        }
        let word = token
            .trim_end_matches(',')
            .trim_matches(['„', '“', '”', '"', '(', ')', '»', '«']);
        if let Some(f) = FAMILIES.iter().position(|forms| forms.contains(&word)) {
            return Some(f);
        }
        let joins = matches!(word, "und" | "sowie" | "oder" | "bzw." | "&" | "–" | "-");
        if !joins && !word.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_and_genitive() {
        let b = "Freiburgs Freiburger Ost-Freiburg Freiburg.";
        assert!(at_word_boundaries(b, 0, 8));
        assert!(!at_word_boundaries(b, 10, 18));
        assert!(!at_word_boundaries(b, 25, 33));
        assert!(at_word_boundaries(b, 34, 42));
    }

    #[test]
    fn family_context_reads_enumerations() {
        assert_eq!(
            family_context("die Landkreise Tuttlingen, Lörrach und "),
            Some(0)
        );
        assert_eq!(family_context("des Gemeindeverwaltungsverbands "), Some(1));
        assert_eq!(family_context("der Stadt "), None);
        assert_eq!(family_context("der Gemeindeverwaltungsverband "), Some(1));
        assert_eq!(family_context("im Landkreis Reutlingen lobt "), None);
        assert_eq!(family_context("im Landkreis. Dann "), None);
    }

    #[test]
    fn odd_spaces_are_found_anywhere() {
        let base = "a".repeat(100);
        assert!(!has_odd_space(base.as_bytes()));
        assert!(!has_odd_space(
            "Freiburg im Breisgau „zitiert“ – ok".as_bytes()
        ));
        for odd in [
            "  ", "\n", "\t", "\u{a0}", "\u{2007}", "\u{2009}", "\u{202f}",
        ] {
            for at in [0, 1, 30, 31, 32, 62, 63, 64, 65, 99, 100] {
                let mut s = base.clone();
                s.insert_str(at, odd);
                assert!(has_odd_space(s.as_bytes()), "{odd:?} at {at}");
            }
        }
        for plain in [" ", "–", "„", "ä"] {
            for at in [0, 1, 63, 64, 100] {
                let mut s = base.clone();
                s.insert_str(at, plain);
                assert!(!has_odd_space(s.as_bytes()), "{plain:?} at {at}");
            }
        }
    }

    /// `Finder::find` finds what an unanchored leftmost-longest search finds, but for names
    /// starting inside a word.
    #[test]
    fn finder_finds_what_a_plain_search_finds() {
        let names = [
            "Freiburg",
            "Freiburg im Breisgau",
            "Au",
            "Aulendorf",
            "Öhringen",
            "Überlingen am See",
            "Ulm",
            "#Tag",
            "„Zitat“",
            "ab",
        ];
        let words = [
            "Freiburg",
            "im",
            "Breisgau",
            "Freiburger",
            "Ost-",
            "Au",
            "Aulendorfs",
            "Öhringen",
            "Über",
            "Überlingen",
            "am",
            "See",
            "Ulm",
            "XUlm",
            "#Tag",
            "x#Tag",
            "„Zitat“",
            "ab",
            "Kab",
            "–",
            " ",
            " ",
            ",",
            "\u{a0}",
            "ä",
        ];
        let finder = Finder::new(names.iter().copied()).unwrap();
        let plain = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names)
            .unwrap();
        let mut seed = 1u64;
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                text.push_str(words[usize::try_from(seed >> 33).unwrap() % words.len()]);
            }
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let mut from = pos;
                let expected = loop {
                    match plain.find(Input::new(&text).range(from..)) {
                        Some(m) if inside_word(&text, m.start()) => {
                            from = m.start() + text[m.start()..].chars().next().unwrap().len_utf8();
                        }
                        other => break other,
                    }
                };
                assert_eq!(finder.find(&text, pos), expected, "{text:?} from {pos}");
            }
        }
    }

    #[test]
    fn segments_map_back_to_file_offsets() {
        let text = "xx Freiburg im\n   Breisgau yy";
        let seg = Segment::new(text, 3..26).unwrap();
        assert_eq!(seg.text, "Freiburg im Breisgau");
        let start = seg.file_offset(0, false);
        let end = seg.file_offset(seg.text.len(), true);
        assert_eq!(&text[start..end], "Freiburg im\n   Breisgau");
        assert_eq!(&text[seg.file_offset(12, false)..], "Breisgau yy");
        let plain = Segment::new(text, 3..11).unwrap();
        assert!(matches!(plain.text, std::borrow::Cow::Borrowed("Freiburg")));
        assert_eq!(plain.file_offset(8, true), 11);
        let nbsp = "Freiburg\u{a0}im Breisgau";
        assert_eq!(
            Segment::new(nbsp, 0..nbsp.len()).unwrap().text,
            "Freiburg im Breisgau"
        );
    }
}
