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
//!   (the preview server keeps it while the records stay the same) and run over all releases
//!   in parallel: "Landkreis Tübingen" is the district, not the town Tübingen, and "Horb am
//!   Neckar" wins over a record "Horb".
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

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
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
    /// The records of that name, sorted.
    records: Vec<Record>,
    /// For a bare "X": the records "Landkreis X" etc. it stands for after such a word.
    family_readings: Vec<(usize, Record)>,
    /// Other patterns that are this one's first words ("Horb" for "Horb am Neckar"), longest
    /// first: tried when this one does not end at a word boundary.
    shorter: Vec<usize>,
    /// Message and help of a warning for this name read as `records`, made at the first one.
    texts: OnceLock<Texts>,
}

/// The message and help of a warning for a name read as some records: the same for every
/// release (but for a note on listed districts), so shared by all their warnings.
#[derive(Debug)]
struct Texts {
    message: Arc<str>,
    help: Arc<str>,
}

/// All record names of a site in one automaton, built once per build.
#[derive(Debug)]
struct Names {
    finder: Finder,
    patterns: Vec<Pattern>,
}

/// Finds names in a text (see [`Finder::find`]).
#[derive(Debug)]
struct Finder {
    /// The names, anchored: started only where a name may begin.
    ac: AhoCorasick,
    /// The first byte of every name.
    first_bytes: [bool; 256],
    /// The first two bytes of every name, as a set of 65,536 bits.
    starts: Vec<u64>,
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

/// True when the characters before and at byte `at` of `text` are word characters.
fn inside_word(text: &str, at: usize) -> bool {
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
            patterns[id].records.sort();
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
        let finder = Finder::new(patterns.iter().map(|p| p.text.as_str()))?;
        Some(Names { finder, patterns })
    }
}

impl Finder {
    /// A finder of `names` (pattern `i` is the `i`th name); `None` if they are too many for
    /// an automaton.
    fn new<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Option<Finder> {
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
    fn find(&self, text: &str, mut pos: usize) -> Option<aho_corasick::Match> {
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
        .flat_map_iter(|(i, r)| {
            let mut out = Vec::new();
            check_release(site, &names, i, r, &mut out);
            out
        })
        .collect()
}

/// Mention warnings of earlier runs, per release source file, keyed by the release's version
/// and all records' versions and slugs: the preview server re-checks only the releases that
/// changed. The names automaton is kept too, while the records stay the same.
#[derive(Debug, Default)]
pub struct Cache {
    /// The digest of all records' versions, and the names built from those records (`None`
    /// when there were too many for an automaton).
    names: Option<(u64, Option<Names>)>,
    /// Per release source file: the key of its inputs and its warnings, shared so that a
    /// rebuild reuses them without copying the list.
    entries: HashMap<String, (u64, Arc<[Diagnostic]>)>,
    /// The releases of the last run, in order, with their keys and warnings: a release that
    /// is still there, at the same place, is found without looking up its file name. (Holding
    /// the release keeps its address from being reused by another one.)
    last: Vec<(Arc<Release>, u64, Arc<[Diagnostic]>)>,
}

/// [`check`], reusing the result for every release whose inputs did not change.
pub fn check_cached(site: &Site, cache: &mut Cache) -> Warnings {
    if site.municipalities.is_empty() && site.programmes.is_empty() {
        return Warnings::default();
    }
    // All the names and the warnings take from the records: their files' versions, and their
    // slugs (from the file names).
    let mut records = xxhash_rust::xxh3::Xxh3::new();
    let programmes = site.programmes.iter().map(|p| (p.version, &p.slug));
    let municipalities = site.municipalities.iter().map(|m| (m.version, &m.slug));
    for (version, slug) in programmes.chain(municipalities) {
        records.update(&version.to_le_bytes());
        records.update(slug.as_bytes());
        records.update(&[0]);
    }
    let records = records.digest();
    let names = OnceLock::new();
    if let Some((key, cached)) = cache.names.take() {
        if key == records {
            let _ = names.set(cached);
        }
    }
    // Per release: its key, its warnings, and whether it was checked afresh. Each worker
    // collects a release's warnings in its `scratch` list, then moves them into a list of the
    // right size.
    let results: Vec<(u64, Arc<[Diagnostic]>, bool)> = site
        .releases
        .par_iter()
        .enumerate()
        .map_init(Vec::new, |scratch, (i, r)| {
            let key = records ^ r.version.rotate_left(17);
            // Found by the release's place if the same release is there, else by its file.
            let cached = cache
                .last
                .get(i)
                .filter(|(release, k, _)| Arc::ptr_eq(release, r) && *k == key)
                .map(|(_, _, d)| d)
                .or_else(|| {
                    let entry = cache.entries.get(&r.source);
                    entry.filter(|(k, _)| *k == key).map(|(_, d)| d)
                });
            match cached {
                Some(d) => (key, Arc::clone(d), false),
                None => {
                    if let Some(names) = names.get_or_init(|| Names::new(site)) {
                        check_release(site, names, i, r, scratch);
                    }
                    (key, scratch.drain(..).collect(), true)
                }
            }
        })
        .collect();
    cache.names = names.into_inner().map(|n| (records, n));
    let fresh = results.iter().filter(|(_, _, fresh)| *fresh).count();
    cache.entries.reserve(fresh);
    cache.last.clear();
    let mut lists = Vec::with_capacity(results.len());
    for ((key, d, fresh), r) in results.into_iter().zip(&site.releases) {
        if fresh {
            cache
                .entries
                .insert(r.source.clone(), (key, Arc::clone(&d)));
        }
        cache.last.push((Arc::clone(r), key, Arc::clone(&d)));
        lists.push(d);
    }
    // Every release has an entry now; more entries means some releases are gone.
    if cache.entries.len() > site.releases.len() {
        let live: std::collections::HashSet<&str> =
            site.releases.iter().map(|r| r.source.as_str()).collect();
        cache
            .entries
            .retain(|source, _| live.contains(source.as_str()));
    }
    Warnings::new(lists)
}

/// The warnings [`check_cached`] found, release by release: each release's list is shared
/// with the cache, and the warnings are handed out as clones (cheap: their texts are shared).
/// An exact-size iterator, so collecting them allocates once.
#[derive(Debug, Default)]
pub struct Warnings {
    lists: std::vec::IntoIter<Arc<[Diagnostic]>>,
    /// The list being handed out, and the index of its next warning.
    current: Option<(Arc<[Diagnostic]>, usize)>,
    remaining: usize,
}

impl Warnings {
    fn new(lists: Vec<Arc<[Diagnostic]>>) -> Warnings {
        Warnings {
            remaining: lists.iter().map(|l| l.len()).sum(),
            lists: lists.into_iter(),
            current: None,
        }
    }
}

impl Iterator for Warnings {
    type Item = Diagnostic;

    fn next(&mut self) -> Option<Diagnostic> {
        loop {
            if let Some((list, at)) = &mut self.current {
                if let Some(d) = list.get(*at) {
                    *at += 1;
                    self.remaining -= 1;
                    return Some(d.clone());
                }
            }
            self.current = Some((self.lists.next()?, 0));
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Warnings {}

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

/// The listed records of release `i` and their ancestors (districts, associations, parents):
/// a handful, so a list.
fn covered(site: &Site, i: usize) -> Vec<Record> {
    let l = &site.links;
    let mut out = Vec::new();
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
        if out.contains(&r) {
            continue;
        }
        out.push(r);
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

/// Checks release `i` and appends its warnings to `out`.
fn check_release(
    site: &Site,
    names: &Names,
    i: usize,
    release: &Release,
    out: &mut Vec<Diagnostic>,
) {
    let prose = &release.prose;
    let mut covered: Option<Vec<Record>> = None;
    // The records warned about, each as a sorted list (a name may stand for several).
    let mut warned: Vec<Cow<'_, [Record]>> = Vec::new();
    // The release's path, shared by its warnings.
    let mut file: Option<Arc<str>> = None;
    for range in &prose.ranges {
        let Some(segment) = Segment::new(&prose.text, range.clone()) else {
            continue;
        };
        let text = segment.text.as_ref();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = names.finder.find(text, pos) else {
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
            let mut records = Cow::Borrowed(pattern.records.as_slice());
            if !pattern.family_readings.is_empty() {
                if let Some(family) = family_context(&text[..m.start()]) {
                    let mut readings: Vec<Record> = pattern
                        .family_readings
                        .iter()
                        .filter(|(f, _)| *f == family)
                        .map(|(_, r)| *r)
                        .collect();
                    if !readings.is_empty() {
                        readings.sort();
                        records = Cow::Owned(readings);
                    }
                }
            }
            let covered = covered.get_or_insert_with(|| self::covered(site, i));
            if records.iter().any(|r| covered.contains(r)) {
                continue;
            }
            if warned.contains(&records) {
                continue;
            }
            let span = segment.file_offset(m.start(), false)..segment.file_offset(end, true);
            let file = file.get_or_insert_with(|| Arc::from(release.source.as_str()));
            let location = Location::span(Arc::clone(file), &prose.text, span);
            out.push(warning(site, i, pattern, &records, location));
            warned.push(records);
        }
    }
}

/// The warning for `pattern`'s name read as `records` in release `i`.
fn warning(
    site: &Site,
    i: usize,
    pattern: &Pattern,
    records: &[Record],
    location: Location,
) -> Diagnostic {
    let fresh;
    let texts = if records == pattern.records {
        pattern
            .texts
            .get_or_init(|| Texts::new(site, &pattern.text, records))
    } else {
        fresh = Texts::new(site, &pattern.text, records);
        &fresh
    };
    let mut help = Arc::clone(&texts.help);
    if let [Record::Municipality(m)] = *records {
        let l = &site.links;
        let parents: Vec<String> = l.release_municipalities[i]
            .iter()
            .filter(|listed| {
                l.municipality_members[listed.index()]
                    .iter()
                    .any(|x| x.index() == m)
            })
            .map(|listed| format!("\"{}\"", site.municipalities[listed.index()].slug))
            .collect();
        if !parents.is_empty() {
            help = format!(
                "{help}; listing {} does not put the release on the page of \"{}\"",
                parents.join(" and "),
                site.municipalities[m].slug
            )
            .into();
        }
    }
    Diagnostic::warning(Some(location), Arc::clone(&texts.message)).with_help(help)
}

impl Texts {
    /// Message and help for the name `named` read as `records` (sorted).
    fn new(site: &Site, named: &str, records: &[Record]) -> Texts {
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
        let help = format!(
            "add {}",
            keys.iter()
                .map(|(k, slugs)| format!("{} to {k} = [...]", slugs.join(" or ")))
                .collect::<Vec<_>>()
                .join(", or ")
        );
        Texts {
            message: format!("\"{named}\" is named in the text but not listed in {lists}").into(),
            help: help.into(),
        }
    }
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
