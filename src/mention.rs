//! The mention check: a published release whose text names a municipality or programme that
//! has a record, but does not list it in its front matter, gets a warning at the name's
//! `line:column`, e.g. `"Freiburg im Breisgau" is named in the text but not listed in
//! municipalities`, with the slug to add.
//!
//! The rules, chosen to find the forgotten reference without crying wolf:
//!
//! - **Names**: each municipality's `name`, each programme's `name` and `short`. Only names of
//!   records count: with a record "Horb am Neckar" and none "Horb", the text "Stadt Horb" names
//!   nothing. Whitespace inside a name may be any run of spaces or line breaks.
//! - **One automaton** (Aho-Corasick, leftmost-longest) over all names is built once per build
//!   and run over all releases in parallel: "Landkreis Tübingen" is the district, not the town
//!   Tübingen, and "Horb am Neckar" wins over a record "Horb".
//! - **Words**: a name counts only as whole words (a hyphen joins words: "Tübingen-Derendingen"
//!   does not name Tübingen), optionally with a genitive `-s` ("Freiburgs"). Matching is
//!   case-sensitive, so "essen" or "gesellschaftlicher Zusammenhalt" in lower case never name
//!   the town Essen or the programme "Gesellschaftlicher Zusammenhalt".
//! - **Districts and associations**: a record named "Landkreis X", "GVV X", "VVG X" or
//!   "Region X" is also found as "Landkreises X", "Kreis X", "Gemeindeverwaltungsverband X" and
//!   so on; and a bare "X" preceded by such a word, also across an enumeration ("die Landkreise
//!   Tübingen, Tuttlingen und Lörrach"), is read as that record, not as the town X.
//! - **What is covered**: a name does not warn when its record is listed, or when it is an
//!   ancestor of a listed record: the district or association of a listed town ("Löffingen im
//!   Landkreis Breisgau-Hochschwarzwald"), the parent programme of a listed module. The other
//!   way round it warns: a town named while only its district is listed should be listed too,
//!   or the release is missing from the town's page and feed.
//! - **Where**: title, subtitle, an explicit summary, and the body's prose (not code, not raw
//!   HTML, not link targets). At most one warning per record and release, at the first place.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Location};
use crate::model::release::Release;
use crate::site::Site;

/// The text of a release the mention check reads: the whole file and the byte ranges of its
/// prose (title, subtitle, explicit summary, body text), in file order.
#[derive(Clone, Default)]
pub struct Prose {
    /// The release file's text.
    pub text: Arc<str>,
    /// Byte ranges of prose in `text`.
    pub ranges: Vec<Range<usize>>,
}

impl fmt::Debug for Prose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Prose")
            .field("ranges", &self.ranges)
            .finish_non_exhaustive()
    }
}

/// The words that make a district's or association's name ("Landkreis X"), with their
/// inflected and abbreviated forms. The first group of each family's forms are prefixes of
/// record names; all forms are how texts write them.
const FAMILIES: [&[&str]; 4] = [
    &[
        "Landkreis",
        "Kreis",
        "Landkreises",
        "Landkreise",
        "Landkreisen",
        "Kreises",
        "Kreise",
        "Kreisen",
        "Lkr.",
    ],
    &[
        "Gemeindeverwaltungsverband",
        "GVV",
        "Verwaltungsverband",
        "Gemeindeverwaltungsverbandes",
        "Gemeindeverwaltungsverbands",
        "Gemeindeverwaltungsverbände",
        "Gemeindeverwaltungsverbänden",
        "Verwaltungsverbandes",
        "Verwaltungsverbands",
        "Verwaltungsverbände",
        "Verwaltungsverbänden",
    ],
    &[
        "Vereinbarte Verwaltungsgemeinschaft",
        "Verwaltungsgemeinschaft",
        "VVG",
        "Verwaltungsgemeinschaften",
    ],
    &["Region", "Regionen"],
];

/// A record a name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Record {
    Municipality(usize),
    Programme(usize),
}

#[derive(Debug, Default)]
struct Pattern {
    /// The name as searched (whitespace runs as one space).
    text: String,
    /// The records of that name.
    records: Vec<Record>,
    /// For a bare "X": the records "Landkreis X" etc. it stands for after such a word.
    family_readings: Vec<(usize, Record)>,
    /// Other patterns that are this one's first words ("Horb" for "Horb am Neckar"), longest
    /// first: tried when this one does not end at a word boundary.
    shorter: Vec<usize>,
}

/// All record names of a site in one automaton, built once per build.
#[derive(Debug)]
struct Names {
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
}

/// Collapses whitespace runs to one space.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Family and base name of a record named "Landkreis X", "GVV X", ….
fn family_of(name: &str) -> Option<(usize, &str)> {
    FAMILIES.iter().enumerate().find_map(|(f, forms)| {
        forms.iter().find_map(|form| {
            let rest = name.strip_prefix(form)?.strip_prefix(' ')?.trim();
            (!rest.is_empty()).then_some((f, rest))
        })
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

impl Names {
    /// The names of all records of `site`; `None` if they are too many for an automaton (far
    /// beyond any real site), and then nothing is checked.
    fn new(site: &Site) -> Option<Names> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add = |name: &str, record: Record| {
            let text = normalise(name);
            if text.chars().count() < 2 {
                return;
            }
            let id = *index.entry(text.clone()).or_insert_with(|| {
                patterns.push(Pattern {
                    text,
                    ..Pattern::default()
                });
                patterns.len() - 1
            });
            if !patterns[id].records.contains(&record) {
                patterns[id].records.push(record);
            }
        };
        let mut bare = Vec::new();
        for (i, m) in site.municipalities.iter().enumerate() {
            let record = Record::Municipality(i);
            add(&m.name, record);
            if let Some((family, base)) = family_of(&normalise(&m.name)) {
                for form in FAMILIES[family] {
                    add(&format!("{form} {base}"), record);
                }
                bare.push((normalise(base), family, record));
            }
        }
        for (i, p) in site.programmes.iter().enumerate() {
            add(&p.name, Record::Programme(i));
            if let Some(short) = &p.short {
                add(short, Record::Programme(i));
            }
        }
        for (base, family, record) in bare {
            if let Some(&id) = index.get(&base) {
                patterns[id].family_readings.push((family, record));
            }
        }
        for id in 0..patterns.len() {
            let text = &patterns[id].text;
            let mut shorter: Vec<usize> = text
                .char_indices()
                .filter(|&(at, c)| at > 0 && !is_word_char(c))
                .filter_map(|(at, _)| index.get(text[..at].trim_end()).copied())
                .filter(|&other| other != id)
                .collect();
            shorter.sort_by_key(|&o| std::cmp::Reverse(patterns[o].text.len()));
            shorter.dedup();
            patterns[id].shorter = shorter;
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|p| p.text.as_str()))
            .ok()?;
        Some(Names { ac, patterns })
    }
}

/// Checks every release of `site` (these are the published ones) and returns the warnings.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    if site.municipalities.is_empty() && site.programmes.is_empty() {
        return Vec::new();
    }
    let Some(names) = Names::new(site) else {
        return Vec::new();
    };
    site.releases
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, r)| check_release(site, &names, i, r))
        .collect()
}

/// Mention warnings of earlier runs, per release source file, keyed by the release's and all
/// records' versions: the preview server re-checks only the releases that changed.
#[derive(Debug, Default)]
pub struct Cache {
    entries: std::collections::HashMap<String, (u64, Vec<Diagnostic>)>,
}

/// [`check`], reusing the result for every release whose inputs did not change.
pub fn check_cached(site: &Site, cache: &mut Cache) -> Vec<Diagnostic> {
    if site.municipalities.is_empty() && site.programmes.is_empty() {
        return Vec::new();
    }
    let mut records = xxhash_rust::xxh3::Xxh3::new();
    site.programmes
        .iter()
        .for_each(|p| records.update(&p.version.to_le_bytes()));
    site.municipalities
        .iter()
        .for_each(|m| records.update(&m.version.to_le_bytes()));
    let records = records.digest();
    let names = std::sync::OnceLock::new();
    let results: Vec<(String, u64, Vec<Diagnostic>)> = site
        .releases
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let key = records ^ r.version.rotate_left(17);
            match cache.entries.get(&r.source) {
                Some((k, d)) if *k == key => (r.source.clone(), key, d.clone()),
                _ => {
                    let d = match names.get_or_init(|| Names::new(site)) {
                        Some(n) => check_release(site, n, i, r),
                        None => Vec::new(),
                    };
                    (r.source.clone(), key, d)
                }
            }
        })
        .collect();
    cache.entries.clear();
    let mut out = Vec::new();
    for (source, key, d) in results {
        out.extend(d.iter().cloned());
        cache.entries.insert(source, (key, d));
    }
    out
}

/// One prose range of a release, as searched: the file's text itself, or, when it has line
/// breaks or runs of spaces, a copy with each whitespace run made one space, with the way back
/// to file offsets.
struct Segment<'a> {
    text: std::borrow::Cow<'a, str>,
    /// (offset in `text`, offset in the file) at each point where the two stop running in
    /// step; the first entry is the segment's start.
    map: Vec<(usize, usize)>,
}

/// True when `bytes` has whitespace other than single spaces: line breaks, tabs, runs of
/// spaces, or the no-break, figure, thin and narrow spaces of typeset text. Such segments are
/// copied with each run made one space; the others (nearly all) are searched as they are.
fn has_odd_space(bytes: &[u8]) -> bool {
    // Chunks are screened without branches (the compiler vectorises that); only a chunk with a
    // suspicious byte is looked at closely.
    const CHUNK: usize = 32;
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + CHUNK).min(bytes.len());
        let mut suspicious = false;
        for &b in &bytes[start..end] {
            suspicious |= (b.wrapping_sub(b'\t') < 5) | (b == 0xc2) | (b == 0xe2);
        }
        for pair in bytes[start..(end + 1).min(bytes.len())].windows(2) {
            suspicious |= (pair[0] == b' ') & (pair[1] == b' ');
        }
        if suspicious && has_odd_space_slowly(&bytes[start..(end + 2).min(bytes.len())]) {
            return true;
        }
        start = end;
    }
    false
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
    fn new(file: &'a str, range: Range<usize>) -> Option<Segment<'a>> {
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
    fn file_offset(&self, at: usize, end: bool) -> usize {
        let i = self
            .map
            .partition_point(|&(b, _)| if end { b < at } else { b <= at });
        let (b, f) = self.map[i.saturating_sub(1)];
        f + (at - b)
    }
}

/// True when `text[start..end]` is whole words, allowing a genitive `s` after it.
fn at_word_boundaries(buf: &str, start: usize, end: usize) -> bool {
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
fn family_context(before: &str) -> Option<usize> {
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

/// The listed records of release `i` and their ancestors (districts, associations, parents).
fn covered(site: &Site, i: usize) -> HashSet<Record> {
    let l = &site.links;
    let mut out = HashSet::new();
    let mut stack: Vec<Record> = l.release_municipalities[i]
        .iter()
        .map(|m| Record::Municipality(m.index()))
        .chain(
            l.release_programmes[i]
                .iter()
                .map(|p| Record::Programme(p.index())),
        )
        .collect();
    while let Some(r) = stack.pop() {
        if !out.insert(r) {
            continue;
        }
        match r {
            Record::Municipality(m) => {
                stack.extend(
                    l.municipality_district[m]
                        .iter()
                        .chain(&l.municipality_associations[m])
                        .map(|x| Record::Municipality(x.index())),
                );
            }
            Record::Programme(p) => {
                stack.extend(l.programme_parent[p].map(|x| Record::Programme(x.index())));
            }
        }
    }
    out
}

fn check_release(site: &Site, names: &Names, i: usize, release: &Release) -> Vec<Diagnostic> {
    let prose = &release.prose;
    let mut covered: Option<HashSet<Record>> = None;
    let mut warned: HashSet<Vec<Record>> = HashSet::new();
    let mut out = Vec::new();
    for range in &prose.ranges {
        let Some(segment) = Segment::new(&prose.text, range.clone()) else {
            continue;
        };
        let text = segment.text.as_ref();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = names.ac.find(Input::new(text).range(pos..)) else {
                break;
            };
            let longest = m.pattern().as_usize();
            let candidates =
                std::iter::once(&longest).chain(names.patterns[longest].shorter.iter());
            let hit = candidates
                .map(|&id| (id, m.start() + names.patterns[id].text.len()))
                .find(|&(_, end)| at_word_boundaries(text, m.start(), end));
            let Some((id, end)) = hit else {
                pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            pos = end;
            let pattern = &names.patterns[id];
            let mut records = pattern.records.clone();
            if !pattern.family_readings.is_empty() {
                if let Some(family) = family_context(&text[..m.start()]) {
                    let readings: Vec<Record> = pattern
                        .family_readings
                        .iter()
                        .filter(|(f, _)| *f == family)
                        .map(|(_, r)| *r)
                        .collect();
                    if !readings.is_empty() {
                        records = readings;
                    }
                }
            }
            let covered = covered.get_or_insert_with(|| self::covered(site, i));
            if records.iter().any(|r| covered.contains(r)) {
                continue;
            }
            records.sort();
            if warned.contains(&records) {
                continue;
            }
            let span = segment.file_offset(m.start(), false)..segment.file_offset(end, true);
            out.push(warning(
                site,
                i,
                release,
                &text[m.start()..end],
                &records,
                span,
            ));
            warned.insert(records);
        }
    }
    out
}

fn warning(
    site: &Site,
    i: usize,
    release: &Release,
    named: &str,
    records: &[Record],
    span: Range<usize>,
) -> Diagnostic {
    let mut keys: Vec<(&str, Vec<String>)> = Vec::new();
    for r in records {
        let (key, slug) = match r {
            Record::Municipality(m) => ("municipalities", &site.municipalities[*m].slug),
            Record::Programme(p) => ("programmes", &site.programmes[*p].slug),
        };
        match keys.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slugs)) => slugs.push(format!("\"{slug}\"")),
            None => keys.push((key, vec![format!("\"{slug}\"")])),
        }
    }
    let lists = keys
        .iter()
        .map(|(k, _)| *k)
        .collect::<Vec<_>>()
        .join(" or ");
    let mut help = format!(
        "add {}",
        keys.iter()
            .map(|(k, slugs)| format!("{} to {k} = [...]", slugs.join(" or ")))
            .collect::<Vec<_>>()
            .join(", or ")
    );
    if let [Record::Municipality(m)] = records {
        let l = &site.links;
        let parents: Vec<String> = l.release_municipalities[i]
            .iter()
            .filter(|listed| {
                l.municipality_members[listed.index()]
                    .iter()
                    .any(|x| x.index() == *m)
            })
            .map(|listed| format!("\"{}\"", site.municipalities[listed.index()].slug))
            .collect();
        if !parents.is_empty() {
            help.push_str(&format!(
                "; listing {} does not put the release on the page of \"{}\"",
                parents.join(" and "),
                site.municipalities[*m].slug
            ));
        }
    }
    Diagnostic::warning(
        Some(Location::span(&release.source, &release.prose.text, span)),
        format!("\"{named}\" is named in the text but not listed in {lists}"),
    )
    .with_help(help)
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
        for odd in ["  ", "\n", "\t", "\u{a0}", "\u{202f}"] {
            for at in [0, 30, 31, 32, 63, 99] {
                let mut s = base.clone();
                s.insert_str(at, odd);
                assert!(has_odd_space(s.as_bytes()), "{odd:?} at {at}");
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
