//! Related releases ("Weitere Meldungen"): for each published release the few others that
//! share most with it, computed once per resolve (and reused with the rest of [`Links`] while
//! only texts change, see `resolve::reuse`: every input read here is in its keys).
//!
//! A release's *features* are its programmes with their parents (ancestors), its
//! municipalities with their districts and associations, and its topic. Two releases score
//! per shared feature: [`SHARED_PROGRAMME`] when both name the programme, [`SHARED_PARENT`]
//! when one of them (or both) reaches it only through a parent; [`SHARED_MUNICIPALITY`] when
//! both name the municipality, [`SHARED_REGION`] when it is only the district or association
//! of one of them; [`SHARED_TOPIC`] for the same kicker. Only releases sharing a feature
//! qualify; a small bonus for closeness in time ([`time_bonus`]) comes on top, and ties go to
//! the release nearer in time, then to the smaller id (the newer one).
//!
//! Not quadratic: the candidates are read from the back-link lists of the release's features
//! (releases of a programme, of its modules, of a municipality, a district's roll-up, a
//! topic), and from each list only the [`WINDOW`] nearest in time on either side (the lists
//! are sorted by id, and ids by date; [`NARROW_WINDOW`] for the long lists of a parent,
//! district or association). A release of 10,000 thus scores about a hundred others. Scoring
//! one is a lookup per feature in a table of the release's own features ([`Marks`]).

use rayon::prelude::*;

use crate::model::release::Release;
use crate::site::{Links, ReleaseId};
use std::sync::Arc;

/// Related releases shown on a release page.
pub const MAX_RELATED: usize = 5;
/// Candidates taken from each back-link list on either side of the release.
pub const WINDOW: usize = 6;
/// The window of the lists of a feature the release reaches only indirectly (a parent, a
/// district, an association): they are long and score least.
pub const NARROW_WINDOW: usize = 3;
/// Score of a programme both releases name.
pub const SHARED_PROGRAMME: u32 = 6;
/// Score of a programme one release reaches only through a module's parent.
pub const SHARED_PARENT: u32 = 3;
/// Score of a municipality both releases name.
pub const SHARED_MUNICIPALITY: u32 = 4;
/// Score of a district or association one of them reaches only through a member.
pub const SHARED_REGION: u32 = 2;
/// Score of the same topic (kicker).
pub const SHARED_TOPIC: u32 = 2;
/// Releases scored by one parallel task.
const CHUNK: usize = 512;
/// Deepest parent chain followed (cycles are errors before this runs; this is a guard).
const MAX_DEPTH: usize = 16;

/// Kinds of feature, the top bits of a [`Key`].
const PROGRAMME: u32 = 0;
const MUNICIPALITY: u32 = 1;
const TOPIC: u32 = 2;

/// One feature of a release, packed: kind (2 bits), id (29 bits), and in the lowest bit
/// whether the release names it itself (not through a parent, district or association).
/// Packed so that all features of all releases lie in one array, and scoring a candidate
/// reads one short run of it.
type Key = u32;

fn key(kind: u32, id: u32, direct: bool) -> Key {
    (kind << 30) | ((id & 0x1fff_ffff) << 1) | u32::from(direct)
}

/// The scores of a feature of `kind`: (both name it, one reaches it indirectly).
fn weights(kind: u32) -> (u32, u32) {
    match kind {
        PROGRAMME => (SHARED_PROGRAMME, SHARED_PARENT),
        MUNICIPALITY => (SHARED_MUNICIPALITY, SHARED_REGION),
        _ => (SHARED_TOPIC, SHARED_TOPIC),
    }
}

/// The features of every release, one run per release (`keys[offsets[i]..offsets[i + 1]]`),
/// each run sorted with one entry per feature.
struct Features {
    offsets: Vec<u32>,
    keys: Vec<Key>,
}

impl Features {
    fn of(&self, id: ReleaseId) -> &[Key] {
        &self.keys[self.offsets[id.index()] as usize..self.offsets[id.index() + 1] as usize]
    }
}

/// The related releases of every release in `releases` (newest first, as in the site), from
/// the other lists of `links` (which must be complete but for `related`).
pub fn related(releases: &[Arc<Release>], links: &Links) -> Vec<Vec<ReleaseId>> {
    let n = releases.len();
    let runs: Vec<Vec<Key>> = (0..n)
        .into_par_iter()
        .map(|i| features(links, ReleaseId(i as u32)))
        .collect();
    let mut features = Features {
        offsets: Vec::with_capacity(n + 1),
        keys: Vec::with_capacity(runs.iter().map(Vec::len).sum()),
    };
    features.offsets.push(0);
    for run in runs {
        features.keys.extend(run);
        features.offsets.push(features.keys.len() as u32);
    }
    let days: Vec<i64> = releases
        .iter()
        .map(|r| r.date.instant.as_second().div_euclid(86_400))
        .collect();
    // In chunks, so each chunk makes one `Scratch` (`map_init` may make one per item).
    let ids: Vec<u32> = (0..n as u32).collect();
    ids.par_chunks(CHUNK)
        .flat_map_iter(|chunk| {
            let mut scratch = Scratch::new(links, n);
            chunk
                .iter()
                .map(|&i| best(links, &features, &days, &mut scratch, ReleaseId(i)))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Release `id`'s features: its programmes and their ancestors, its municipalities and their
/// districts and associations, its topic.
fn features(links: &Links, id: ReleaseId) -> Vec<Key> {
    let mut out = Vec::with_capacity(16);
    for &p in &links.release_programmes[id.index()] {
        out.push(key(PROGRAMME, p.0, true));
        let mut at = p;
        for _ in 0..MAX_DEPTH {
            match links.programme_parent[at.index()] {
                Some(parent) => {
                    out.push(key(PROGRAMME, parent.0, false));
                    at = parent;
                }
                None => break,
            }
        }
    }
    for &m in &links.release_municipalities[id.index()] {
        out.push(key(MUNICIPALITY, m.0, true));
        out.extend(
            links.municipality_district[m.index()]
                .iter()
                .chain(&links.municipality_associations[m.index()])
                .map(|r| key(MUNICIPALITY, r.0, false)),
        );
    }
    if let Some(t) = links.release_topic[id.index()] {
        out.push(key(TOPIC, t as u32, true));
    }
    direct_first(out)
}

/// Sorted by feature, one entry per feature, direct when any entry for it was.
fn direct_first(mut keys: Vec<Key>) -> Vec<Key> {
    // The direct entry sorts right after the indirect one: sort descending within a
    // feature so dedup keeps it.
    keys.sort_unstable_by(|a, b| (a >> 1).cmp(&(b >> 1)).then(b.cmp(a)));
    keys.dedup_by_key(|k| *k >> 1);
    keys
}

/// Per parallel task: which candidates were seen, and the features of the release being
/// scored, so that scoring a candidate is one lookup per feature of the candidate.
struct Scratch {
    /// For each release, the id of the release whose candidate it last was.
    seen: Vec<u32>,
    marks: Marks,
}

impl Scratch {
    fn new(links: &Links, releases: usize) -> Self {
        Scratch {
            seen: vec![u32::MAX; releases],
            marks: Marks::new(links),
        }
    }
}

/// The features of one release, by kind and id: `(id + 1) << 1 | direct` of the release
/// that has it (0: none yet), so a new release needs no clearing.
struct Marks {
    /// Where each kind's ids start in `slots`.
    base: [usize; 3],
    slots: Vec<u32>,
}

impl Marks {
    fn new(links: &Links) -> Self {
        let (p, m) = (
            links.programme_parent.len(),
            links.municipality_district.len(),
        );
        Marks {
            base: [0, p, p + m],
            slots: vec![0; p + m + links.topics.len()],
        }
    }

    fn slot(&self, k: Key) -> usize {
        self.base[(k >> 30) as usize] + ((k >> 1) & 0x1fff_ffff) as usize
    }

    /// Marks the features `f` of release `id`.
    fn set(&mut self, id: ReleaseId, f: &[Key]) {
        for &k in f {
            let slot = self.slot(k);
            self.slots[slot] = ((id.0 + 1) << 1) | (k & 1);
        }
    }

    /// The score of what `id` (marked last) shares with a release of features `other` (0:
    /// nothing), without the time bonus: per feature of both, its direct weight when both
    /// name it, else its indirect one.
    fn score(&self, id: ReleaseId, other: &[Key]) -> u32 {
        let mut score = 0;
        for &k in other {
            let mark = self.slots[self.slot(k)];
            if mark >> 1 == id.0 + 1 {
                let (direct, indirect) = weights(k >> 30);
                score += if mark & k & 1 == 1 { direct } else { indirect };
            }
        }
        score
    }
}

/// The bonus for closeness in time: 2 within a month, 1 within a year. Smaller than any shared
/// feature's score, so it only orders releases that share about as much.
pub fn time_bonus(days_apart: u64) -> u32 {
    match days_apart {
        0..=31 => 2,
        32..=366 => 1,
        _ => 0,
    }
}

/// Up to `w` entries on either side of `id` in `list` (sorted by id, `key` gives the id), and
/// `id` itself if it is there.
fn nearest<T>(list: &[T], id: ReleaseId, w: usize, key: impl Fn(&T) -> ReleaseId) -> &[T] {
    let at = list.partition_point(|x| key(x) < id);
    &list[at.saturating_sub(w)..(at + w + 1).min(list.len())]
}

/// The candidates of release `id`: the nearest releases of each back-link list it is on,
/// each once (`seen` marks them with `id`; it is kept between calls of one thread).
fn candidates(links: &Links, f: &[Key], id: ReleaseId, seen: &mut [u32]) -> Vec<ReleaseId> {
    let mut out: Vec<ReleaseId> = Vec::with_capacity(256);
    seen[id.index()] = id.0;
    let mut add = |r: ReleaseId| {
        if seen[r.index()] != id.0 {
            seen[r.index()] = id.0;
            out.push(r);
        }
    };
    let same = |r: &ReleaseId| *r;
    for &k in f {
        let i = ((k >> 1) & 0x1fff_ffff) as usize;
        let w = if k & 1 == 1 { WINDOW } else { NARROW_WINDOW };
        match k >> 30 {
            PROGRAMME => {
                nearest(&links.programme_releases[i], id, w, same)
                    .iter()
                    .for_each(|r| add(*r));
                // Releases about a module of this programme share it as their parent.
                for c in &links.programme_children[i] {
                    nearest(&links.programme_releases[c.index()], id, w, same)
                        .iter()
                        .for_each(|r| add(*r));
                }
            }
            MUNICIPALITY => {
                nearest(&links.municipality_releases[i], id, w, same)
                    .iter()
                    .for_each(|r| add(*r));
                // Releases about a member (a town of this district, of this association).
                nearest(&links.municipality_rollup[i], id, w, |r| r.release)
                    .iter()
                    .for_each(|r| add(r.release));
            }
            _ => nearest(&links.topics[i].releases, id, w, same)
                .iter()
                .for_each(|r| add(*r)),
        }
    }
    out
}

/// The up to [`MAX_RELATED`] best-scoring candidates of release `id`, best first.
fn best(
    links: &Links,
    features: &Features,
    days: &[i64],
    scratch: &mut Scratch,
    id: ReleaseId,
) -> Vec<ReleaseId> {
    let f = features.of(id);
    let cands = candidates(links, f, id, &mut scratch.seen);
    scratch.marks.set(id, f);
    let mut scored: Vec<(u32, u64, ReleaseId)> = cands
        .into_iter()
        .filter_map(|c| {
            let s = scratch.marks.score(id, features.of(c));
            let apart = days[id.index()].abs_diff(days[c.index()]);
            (s > 0).then(|| (s + time_bonus(apart), apart, c))
        })
        .collect();
    let order = |a: &(u32, u64, ReleaseId), b: &(u32, u64, ReleaseId)| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    };
    if scored.len() > MAX_RELATED {
        scored.select_nth_unstable_by(MAX_RELATED - 1, order);
        scored.truncate(MAX_RELATED);
    }
    scored.sort_unstable_by(order);
    scored.into_iter().map(|x| x.2).collect()
}

#[cfg(test)]
mod tests;
