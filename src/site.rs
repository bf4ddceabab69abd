//! The resolved site: arenas of releases, programmes, municipalities and pages, and the links
//! between them, computed once by [`crate::resolve`] and immutable afterwards.
//!
//! Everything refers to everything else by typed ids (indexes into the arenas). Only published
//! releases are in here: drafts and embargoed releases were removed before the site was built,
//! so no later stage can leak them.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::Config;
use crate::model::page::Page;
use crate::model::record::{Municipality, Programme};
use crate::model::release::Release;
use crate::source::{Asset, SourceText};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into the arena.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// Index of a release in [`Site::releases`] (newest first, so smaller is newer).
    ReleaseId
);
id_type!(
    /// Index of a programme in [`Site::programmes`] (sorted by name).
    ProgrammeId
);
id_type!(
    /// Index of a municipality in [`Site::municipalities`] (sorted by name).
    MunicipalityId
);

/// A topic: the releases sharing a kicker.
#[derive(Debug, Clone)]
pub struct Topic {
    /// URL slug of the kicker.
    pub slug: String,
    /// The kicker as written (the most common spelling).
    pub name: String,
    /// Its releases, newest first.
    pub releases: Vec<ReleaseId>,
}

/// A release of a member municipality, shown on its district's or association's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RollUp {
    /// The release.
    pub release: ReleaseId,
    /// The member it names.
    pub via: MunicipalityId,
}

/// A municipality's part in a programme: the programme and the index of the participant row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participation {
    /// The programme.
    pub programme: ProgrammeId,
    /// Index into that programme's `participants`.
    pub row: usize,
}

/// Links between the arenas, each computed once.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Programmes each release is about.
    pub release_programmes: Vec<Vec<ProgrammeId>>,
    /// Municipalities each release is about.
    pub release_municipalities: Vec<Vec<MunicipalityId>>,
    /// Topic index of each release.
    pub release_topic: Vec<Option<usize>>,
    /// Releases about each programme, newest first.
    pub programme_releases: Vec<Vec<ReleaseId>>,
    /// Parent of each programme.
    pub programme_parent: Vec<Option<ProgrammeId>>,
    /// Modules of each programme.
    pub programme_children: Vec<Vec<ProgrammeId>>,
    /// Participant rows of each programme, resolved (same order as in the record).
    pub programme_participants: Vec<Vec<MunicipalityId>>,
    /// Releases naming each municipality, newest first.
    pub municipality_releases: Vec<Vec<ReleaseId>>,
    /// Releases naming a member (but not the municipality itself), newest first.
    pub municipality_rollup: Vec<Vec<RollUp>>,
    /// District of each municipality.
    pub municipality_district: Vec<Option<MunicipalityId>>,
    /// Members: for a district the municipalities in it, for an association its members.
    pub municipality_members: Vec<Vec<MunicipalityId>>,
    /// Associations each municipality is a member of.
    pub municipality_associations: Vec<Vec<MunicipalityId>>,
    /// Programmes each municipality takes part in.
    pub municipality_programmes: Vec<Vec<Participation>>,
    /// Topics, sorted by slug.
    pub topics: Vec<Topic>,
    /// Years with releases, newest first.
    pub years: Vec<(i16, Vec<ReleaseId>)>,
    /// Related releases of each release, best first (see `resolve::related`).
    pub related: Vec<Vec<ReleaseId>>,
}

/// A release on a municipality's page and, when it is there because it names one of the
/// municipality's members (the roll-up), that member.
pub type Listed = (ReleaseId, Option<MunicipalityId>);

impl Links {
    /// How many releases the pages of municipality `id` list: those naming it and those
    /// naming its members (disjoint: the roll-up leaves out the ones naming it).
    pub fn municipality_listed(&self, id: MunicipalityId) -> usize {
        self.municipality_releases[id.index()].len() + self.municipality_rollup[id.index()].len()
    }

    /// The entries `from..from + n` of the one list the pages of municipality `id` show: its
    /// own releases and its members', merged newest first, each of a member marked with it.
    /// Found by bisection, so the last page of a district with thousands of releases costs
    /// no more than the first.
    pub fn municipality_listing(&self, id: MunicipalityId, from: usize, n: usize) -> Vec<Listed> {
        let own = &self.municipality_releases[id.index()];
        let up = &self.municipality_rollup[id.index()];
        let (mut i, mut j) = merge_split(own, up, from);
        let mut out = Vec::with_capacity(n.min(own.len() + up.len() - i - j));
        while out.len() < n {
            let next = match (own.get(i), up.get(j)) {
                (Some(a), Some(b)) if *a < b.release => (*a, None),
                (_, Some(b)) => (b.release, Some(b.via)),
                (Some(a), None) => (*a, None),
                (None, None) => break,
            };
            if next.1.is_some() {
                j += 1;
            } else {
                i += 1;
            }
            out.push(next);
        }
        out
    }
}

/// Where the first `k` entries of the merge of `own` and `up` (each sorted, newest first, and
/// disjoint) end: how many come from `own` and how many from `up`.
fn merge_split(own: &[ReleaseId], up: &[RollUp], k: usize) -> (usize, usize) {
    let k = k.min(own.len() + up.len());
    // The first `i` of `own` and `k - i` of `up`, with the smallest `i` for which no taken
    // entry of `up` is newer than the first entry of `own` left out.
    let (mut lo, mut hi) = (k.saturating_sub(up.len()), k.min(own.len()));
    while lo < hi {
        let i = (lo + hi) / 2;
        let j = k - i;
        if j > 0 && own[i] < up[j - 1].release {
            lo = i + 1;
        } else {
            hi = i;
        }
    }
    (lo, k - lo)
}

/// The whole resolved site.
#[derive(Debug, Clone)]
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// Published releases, newest first.
    pub releases: Vec<Arc<Release>>,
    /// Programmes, sorted by name.
    pub programmes: Vec<Programme>,
    /// Municipalities, sorted by name.
    pub municipalities: Vec<Municipality>,
    /// Published pages, by weight then title.
    pub pages: Vec<Page>,
    /// The links between them (shared with the next build while they do not change).
    pub links: Arc<Links>,
    /// Templates by name (theme, overridden by the site's).
    pub templates: BTreeMap<String, SourceText>,
    /// Static files by output path (theme, overridden by the site's).
    pub static_files: BTreeMap<String, Asset>,
    /// The build's "now" (`--now` or the clock): what the events page sorts into upcoming
    /// and past. Nothing else in the output depends on it.
    pub now: jiff::Timestamp,
}

impl Site {
    /// The release with id `id`.
    pub fn release(&self, id: ReleaseId) -> &Release {
        &self.releases[id.index()]
    }

    /// The programme with id `id`.
    pub fn programme(&self, id: ProgrammeId) -> &Programme {
        &self.programmes[id.index()]
    }

    /// The municipality with id `id`.
    pub fn municipality(&self, id: MunicipalityId) -> &Municipality {
        &self.municipalities[id.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Links of one municipality (id 0) with releases `own` and roll-up `up` (via id 1).
    fn links(own: &[u32], up: &[u32]) -> Links {
        Links {
            municipality_releases: vec![own.iter().map(|r| ReleaseId(*r)).collect()],
            municipality_rollup: vec![up
                .iter()
                .map(|r| RollUp {
                    release: ReleaseId(*r),
                    via: MunicipalityId(1),
                })
                .collect()],
            ..Links::default()
        }
    }

    #[test]
    fn the_listing_merges_own_and_member_releases_newest_first_at_every_offset() {
        let cases: [(&[u32], &[u32]); 6] = [
            (&[], &[]),
            (&[0, 1, 2], &[]),
            (&[], &[0, 3, 4]),
            (&[1, 4, 5, 9], &[0, 2, 3, 6, 7, 8]),
            (&[0, 1, 2, 3], &[4, 5, 6]),
            (&[7, 8], &[0, 1, 2, 3, 4, 5, 6, 9]),
        ];
        let m = MunicipalityId(0);
        for (own, up) in cases {
            let l = links(own, up);
            let mut all: Vec<Listed> = own
                .iter()
                .map(|r| (ReleaseId(*r), None))
                .chain(up.iter().map(|r| (ReleaseId(*r), Some(MunicipalityId(1)))))
                .collect();
            all.sort();
            assert_eq!(l.municipality_listed(m), all.len());
            for from in 0..=all.len() + 1 {
                for n in 0..=3 {
                    let want: Vec<Listed> = all.iter().skip(from).take(n).copied().collect();
                    assert_eq!(
                        l.municipality_listing(m, from, n),
                        want,
                        "own {own:?}, up {up:?}, from {from}, n {n}"
                    );
                }
            }
        }
    }
}
