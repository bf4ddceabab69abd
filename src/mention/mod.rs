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

pub mod persist;
mod text;

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
    /// The names found in each release by the last build, on disk (see [`persist`]).
    disk: Option<crate::cachefile::Disk>,
    /// A cache of a one-off build: nothing is kept for a next run.
    one_off: bool,
}

impl Cache {
    /// A cache for one check only (a one-off build): it keeps nothing for a next run, so
    /// nothing is copied into it.
    pub fn one_off() -> Self {
        Cache {
            one_off: true,
            ..Cache::default()
        }
    }

    /// Makes a check with this (fresh) cache take the names found in each release from the
    /// file the last build left on disk, and (with `write`) leave its own there.
    pub fn use_disk(&mut self, disk: Option<crate::cachefile::Disk>) {
        self.disk = disk;
    }
}

/// One release's outcome in [`check_cached`].
struct Checked {
    key: u64,
    warnings: Arc<[Diagnostic]>,
    /// Checked now (not taken from the cache in memory).
    fresh: bool,
    /// The names found in it, when they are to be written to disk, and whether the scan
    /// found them now (not read from the disk).
    hits: Option<(Arc<[Hit]>, bool)>,
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
    // The names found by the last build, when this cache starts empty (a new process).
    let fresh_cache = cache.entries.is_empty() && cache.last.is_empty();
    let on_disk = match &cache.disk {
        Some(d) if fresh_cache => persist::load(&d.folder, records),
        _ => None,
    };
    let keep_hits = cache.disk.as_ref().is_some_and(|d| d.write);
    // Per release: its key, its warnings, whether it was checked afresh, and its names.
    // Each worker collects a release's warnings in its `scratch` list, then moves them into a
    // list of the right size.
    let results: Vec<Checked> = site
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
            if let Some(d) = cached {
                return Checked {
                    key,
                    warnings: Arc::clone(d),
                    fresh: false,
                    hits: None,
                };
            }
            let mut hits = None;
            if let Some(names) = names.get_or_init(|| Names::new(site)) {
                let (found, scanned) = match on_disk.as_ref().and_then(|m| m.get(&r.version)) {
                    Some(h) => (Arc::clone(h), false),
                    None => (Arc::from(scan(names, r)), true),
                };
                judge(site, names, i, r, &found, scratch);
                hits = keep_hits.then_some((found, scanned));
            }
            Checked {
                key,
                warnings: scratch.drain(..).collect(),
                fresh: true,
                hits,
            }
        })
        .collect();
    cache.names = names.into_inner().map(|n| (records, n));
    if let Some(disk) = cache.disk.as_ref().filter(|d| d.write) {
        save_hits(
            disk,
            records,
            &site.releases,
            &results,
            on_disk.map_or(0, |m| m.len()),
        );
    }
    if cache.one_off {
        return Warnings::new(results.into_iter().map(|c| c.warnings).collect());
    }
    let fresh = results.iter().filter(|c| c.fresh).count();
    cache.entries.reserve(fresh);
    cache.last.clear();
    let mut lists = Vec::with_capacity(results.len());
    for (c, r) in results.into_iter().zip(&site.releases) {
        if c.fresh {
            cache
                .entries
                .insert(r.source.clone(), (c.key, Arc::clone(&c.warnings)));
        }
        cache
            .last
            .push((Arc::clone(r), c.key, Arc::clone(&c.warnings)));
        lists.push(c.warnings);
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

/// Writes the names found in every release, when each release has them and they differ
/// from the `loaded` ones (some were scanned now, or releases are gone).
fn save_hits(
    disk: &crate::cachefile::Disk,
    records: u64,
    releases: &[Arc<Release>],
    results: &[Checked],
    loaded: usize,
) {
    let Some(all) = results
        .iter()
        .zip(releases)
        .map(|(c, r)| c.hits.as_ref().map(|(h, scanned)| (r.version, h, *scanned)))
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    if all.iter().any(|(_, _, scanned)| *scanned) || all.len() != loaded {
        let hits: Vec<(u64, Arc<[Hit]>)> = all
            .into_iter()
            .map(|(v, h, _)| (v, Arc::clone(h)))
            .collect();
        persist::save(&disk.folder, records, &hits);
    }
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

impl Warnings {
    /// The warnings not handed out yet, as the lists shared with the cache (see
    /// [`crate::diag::Diagnostics::extend_shared`]).
    pub fn into_lists(self) -> impl Iterator<Item = Arc<[Diagnostic]>> {
        let rest = self.current.map(|(list, at)| Arc::from(&list[at..]));
        rest.into_iter().chain(self.lists)
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
