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
//! are sorted by id, and ids by date). Each release thus scores at most a few hundred others.

use rayon::prelude::*;

use crate::model::release::Release;
use crate::site::{Links, MunicipalityId, ProgrammeId, ReleaseId};
use std::sync::Arc;

/// Related releases shown on a release page.
pub const MAX_RELATED: usize = 5;
/// Candidates taken from each back-link list on either side of the release.
pub const WINDOW: usize = 12;
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
/// Deepest parent chain followed (cycles are errors before this runs; this is a guard).
const MAX_DEPTH: usize = 16;

/// What a release is about, each list sorted by id: `(id, direct)`, where `direct` says the
/// release names it itself (not through a parent, district or association).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Features {
    programmes: Vec<(ProgrammeId, bool)>,
    municipalities: Vec<(MunicipalityId, bool)>,
    topic: Option<usize>,
}

/// The related releases of every release in `releases` (newest first, as in the site), from
/// the other lists of `links` (which must be complete but for `related`).
pub fn related(releases: &[Arc<Release>], links: &Links) -> Vec<Vec<ReleaseId>> {
    let features: Vec<Features> = (0..releases.len())
        .into_par_iter()
        .map(|i| features(links, ReleaseId(i as u32)))
        .collect();
    let days: Vec<i64> = releases
        .iter()
        .map(|r| r.date.instant.as_second().div_euclid(86_400))
        .collect();
    (0..releases.len())
        .into_par_iter()
        .map(|i| best(links, &features, &days, ReleaseId(i as u32)))
        .collect()
}

/// Release `id`'s features (see [`Features`]).
fn features(links: &Links, id: ReleaseId) -> Features {
    let mut programmes = Vec::new();
    for &p in &links.release_programmes[id.index()] {
        programmes.push((p, true));
        let mut at = p;
        for _ in 0..MAX_DEPTH {
            match links.programme_parent[at.index()] {
                Some(parent) => {
                    programmes.push((parent, false));
                    at = parent;
                }
                None => break,
            }
        }
    }
    let mut municipalities = Vec::new();
    for &m in &links.release_municipalities[id.index()] {
        municipalities.push((m, true));
        municipalities.extend(
            links.municipality_district[m.index()]
                .iter()
                .chain(&links.municipality_associations[m.index()])
                .map(|&r| (r, false)),
        );
    }
    Features {
        programmes: direct_first(programmes),
        municipalities: direct_first(municipalities),
        topic: links.release_topic[id.index()],
    }
}

/// Sorted by id, one entry per id, direct when any entry for it was.
fn direct_first<T: Ord + Copy>(mut list: Vec<(T, bool)>) -> Vec<(T, bool)> {
    // Direct (true) sorts after false: reverse it so dedup keeps the direct entry.
    list.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    list.dedup_by_key(|x| x.0);
    list
}

/// The score of what `a` and `b` share (0: nothing), without the time bonus.
fn shared(a: &Features, b: &Features) -> u32 {
    let mut score = merge(
        &a.programmes,
        &b.programmes,
        SHARED_PROGRAMME,
        SHARED_PARENT,
    );
    score += merge(
        &a.municipalities,
        &b.municipalities,
        SHARED_MUNICIPALITY,
        SHARED_REGION,
    );
    if a.topic.is_some() && a.topic == b.topic {
        score += SHARED_TOPIC;
    }
    score
}

/// Sums over the ids in both sorted lists: `direct` when both name it, else `indirect`.
fn merge<T: Ord>(a: &[(T, bool)], b: &[(T, bool)], direct: u32, indirect: u32) -> u32 {
    let (mut i, mut j, mut score) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                score += if a[i].1 && b[j].1 { direct } else { indirect };
                i += 1;
                j += 1;
            }
        }
    }
    score
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

/// Up to [`WINDOW`] ids on either side of `id` in `list` (sorted by id), `id` itself left out.
fn nearest<T>(list: &[T], id: ReleaseId, key: impl Fn(&T) -> ReleaseId) -> &[T] {
    let at = list.partition_point(|x| key(x) < id);
    &list[at.saturating_sub(WINDOW)..(at + WINDOW + 1).min(list.len())]
}

/// The candidates of release `id`: the nearest releases of each back-link list it is on.
fn candidates(links: &Links, f: &Features, id: ReleaseId) -> Vec<ReleaseId> {
    let mut out: Vec<ReleaseId> = Vec::with_capacity(256);
    let same = |r: &ReleaseId| *r;
    for &(p, _) in &f.programmes {
        out.extend(nearest(&links.programme_releases[p.index()], id, same));
        // Releases about a module of this programme share it as their parent.
        for c in &links.programme_children[p.index()] {
            out.extend(nearest(&links.programme_releases[c.index()], id, same));
        }
    }
    for &(m, _) in &f.municipalities {
        out.extend(nearest(&links.municipality_releases[m.index()], id, same));
        // Releases about a member (a town of this district, of this association).
        let rollup = &links.municipality_rollup[m.index()];
        out.extend(nearest(rollup, id, |r| r.release).iter().map(|r| r.release));
    }
    if let Some(t) = f.topic {
        out.extend(nearest(&links.topics[t].releases, id, same));
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|r| *r != id);
    out
}

/// The up to [`MAX_RELATED`] best-scoring candidates of release `id`, best first.
fn best(links: &Links, features: &[Features], days: &[i64], id: ReleaseId) -> Vec<ReleaseId> {
    let f = &features[id.index()];
    let mut scored: Vec<(u32, u64, ReleaseId)> = candidates(links, f, id)
        .into_iter()
        .filter_map(|c| {
            let s = shared(f, &features[c.index()]);
            let apart = days[id.index()].abs_diff(days[c.index()]);
            (s > 0).then(|| (s + time_bonus(apart), apart, c))
        })
        .collect();
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    scored.truncate(MAX_RELATED);
    scored.into_iter().map(|x| x.2).collect()
}

#[cfg(test)]
mod tests;
