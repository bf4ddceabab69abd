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

use rayon::prelude::*;

use crate::diag::{Arg, Diagnostic, Location, Msg};
use crate::model::release::Release;
use crate::msg;
use crate::site::Site;

mod cache;
pub mod persist;
mod text;

pub use cache::{check_cached, Cache, Warnings};

use text::{at_word_boundaries, family_context, is_word_char, Finder, Segment};

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
/// release (but for a note on listed districts), so shared by all their warnings. Messages
/// are data (see [`crate::diag::Msg`]): nothing is formatted until a warning is shown.
#[derive(Debug)]
struct Texts {
    message: Msg,
    help: Msg,
}

/// All record names of a site in one automaton, built once per build.
#[derive(Debug)]
struct Names {
    finder: Finder,
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

/// A place where a record's name stands in a release, as the scan of its prose finds it
/// (before it is held against the release's own references): the name's byte span in the
/// file, the name (its pattern), and the district or association word before it, if any.
/// What the scan finds depends only on the release's file and the records' names, so it is
/// kept on disk between builds (see [`persist`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    start: u32,
    end: u32,
    pattern: u32,
    /// The family of the word before the name ([`FAMILIES`]), or `NO_FAMILY`.
    family: u8,
}

/// [`Hit::family`] when no district or association word stands before the name.
const NO_FAMILY: u8 = u8::MAX;

/// Checks release `i` and appends its warnings to `out`.
fn check_release(
    site: &Site,
    names: &Names,
    i: usize,
    release: &Release,
    out: &mut Vec<Diagnostic>,
) {
    judge(site, names, i, release, &scan(names, release), out);
}

/// The names in the prose of `release`, in file order.
fn scan(names: &Names, release: &Release) -> Vec<Hit> {
    let prose = &release.prose;
    let mut hits = Vec::new();
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
            let family = if names.patterns[id].family_readings.is_empty() {
                None
            } else {
                family_context(&text[..m.start()])
            };
            let (start, end) = (
                segment.file_offset(m.start(), false),
                segment.file_offset(end, true),
            );
            let (Ok(start), Ok(end), Ok(pattern)) =
                (u32::try_from(start), u32::try_from(end), u32::try_from(id))
            else {
                continue;
            };
            hits.push(Hit {
                start,
                end,
                pattern,
                family: family.map_or(NO_FAMILY, |f| f as u8),
            });
        }
    }
    hits
}

/// Appends the warnings of release `i` for the names `hits` found in it: a name warns when
/// its record is neither listed nor an ancestor of a listed one, once per record.
fn judge(
    site: &Site,
    names: &Names,
    i: usize,
    release: &Release,
    hits: &[Hit],
    out: &mut Vec<Diagnostic>,
) {
    let prose = &release.prose;
    let mut covered: Option<Vec<Record>> = None;
    // The records warned about, each as a sorted list (a name may stand for several).
    let mut warned: Vec<Cow<'_, [Record]>> = Vec::new();
    // The release's path, shared by its warnings.
    let mut file: Option<Arc<str>> = None;
    for hit in hits {
        let Some(pattern) = names.patterns.get(hit.pattern as usize) else {
            continue;
        };
        let mut records = Cow::Borrowed(pattern.records.as_slice());
        if hit.family != NO_FAMILY {
            let family = usize::from(hit.family);
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
        let covered = covered.get_or_insert_with(|| self::covered(site, i));
        if records.iter().any(|r| covered.contains(r)) {
            continue;
        }
        if warned.contains(&records) {
            continue;
        }
        let span = hit.start as usize..hit.end as usize;
        let file = file.get_or_insert_with(|| Arc::from(release.source.as_str()));
        let location = Location::span(Arc::clone(file), &prose.text, span);
        out.push(warning(site, i, pattern, &records, location));
        warned.push(records);
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
    let mut help = texts.help.clone();
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
            help = msg!(
                "mention-members",
                help = help,
                listed = Arg::all_of(parents),
                slug = &site.municipalities[m].slug
            );
        }
    }
    Diagnostic::warning(Some(location), texts.message.clone()).with_help(help)
}

impl Texts {
    /// Message and help for the name `named` read as `records` (sorted).
    fn new(site: &Site, named: &str, records: &[Record]) -> Texts {
        let mut keys: Vec<(&'static str, Vec<String>)> = Vec::new();
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
        let lists = Arg::any_of(keys.iter().map(|(k, _)| *k));
        let mut adds = keys
            .into_iter()
            .map(|(key, slugs)| (key, Arg::any_of(slugs)));
        let help = match (adds.next(), adds.next()) {
            (Some((key, slugs)), Some((key2, slugs2))) => msg!(
                "mention-add-two",
                slugs = slugs,
                key = key,
                slugs2 = slugs2,
                key2 = key2
            ),
            (Some((key, slugs)), None) => msg!("mention-add", slugs = slugs, key = key),
            // Every name stands for at least one record.
            (None, _) => msg!("mention-add", slugs = "", key = ""),
        };
        Texts {
            message: msg!(
                "mention-not-listed",
                name = named.to_string(),
                lists = lists
            ),
            help,
        }
    }
}
