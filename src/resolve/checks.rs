//! The checks of resolving: references to records that exist, no duplicates, no cycles of
//! parents or districts, and no two files at one URL (counting held-back releases and drafts,
//! so a clash shows before they go out).

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::Publish;
use crate::diag::{closest, Arg, Diagnostic, Diagnostics, Msg};
use crate::model::page::Page;
use crate::model::release::Release;
use crate::model::Reference;
use crate::msg;
use crate::site::{MunicipalityId, ProgrammeId};

pub(super) fn lookup<Id: Copy>(
    ids: &FxHashMap<&str, Id>,
    r: &Reference,
    unknown: fn(&str) -> Msg,
    folder: &'static str,
    diags: &mut Diagnostics,
) -> Option<Id> {
    if let Some(id) = ids.get(r.slug.as_str()) {
        return Some(*id);
    }
    let near = closest(&r.slug, ids.keys().copied(), 3);
    let help = if near.is_empty() {
        msg!("ref-create-help", folder = folder, slug = &r.slug)
    } else {
        let near = near
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ");
        msg!(
            "ref-did-you-mean",
            near = near,
            folder = folder,
            slug = &r.slug
        )
    };
    diags.push(Diagnostic::error(Some(r.location.clone()), unknown(&r.slug)).with_help(help));
    None
}

pub(super) fn check_duplicates(list: &[Reference], key: &'static str, diags: &mut Diagnostics) {
    for (i, r) in list.iter().enumerate() {
        if list[..i].iter().any(|x| x.slug == r.slug) {
            diags.push(
                Diagnostic::warning(
                    Some(r.location.clone()),
                    msg!("ref-listed-twice", slug = &r.slug, key = key),
                )
                .with_help(msg!("ref-listed-twice-help")),
            );
        }
    }
}

/// Reports every record that is part of a cycle of `parent`/`district` links.
pub(super) fn check_cycles<'a, Id: Copy + Eq + Into<usize>>(
    next: &[Option<Id>],
    reference: impl Fn(usize) -> Option<&'a Reference>,
    key: &'static str,
    diags: &mut Diagnostics,
) {
    for start in 0..next.len() {
        let mut seen = vec![start];
        let mut cur = next[start];
        while let Some(id) = cur {
            let i: usize = id.into();
            if i == start {
                if let Some(r) = reference(start) {
                    let chain: Vec<String> = seen
                        .iter()
                        .filter_map(|&j| reference(j).map(|r| r.slug.clone()))
                        .collect();
                    let message = msg!(
                        "ref-cycle",
                        key = key,
                        slug = &r.slug,
                        chain = chain.join(" → ")
                    );
                    diags.push(
                        Diagnostic::error(Some(r.location.clone()), message)
                            .with_help(msg!("ref-cycle-help", key = key)),
                    );
                }
                break;
            }
            if seen.contains(&i) {
                break; // a cycle further up, reported for its own members
            }
            seen.push(i);
            cur = next[i];
        }
    }
}

impl From<ProgrammeId> for usize {
    fn from(id: ProgrammeId) -> usize {
        id.index()
    }
}

impl From<MunicipalityId> for usize {
    fn from(id: MunicipalityId) -> usize {
        id.index()
    }
}

/// Two releases at the same URL (same year and slug) are an error.
pub(super) fn check_release_urls(releases: &[Arc<Release>], diags: &mut Diagnostics) {
    let mut seen: FxHashMap<(i16, &str), &Release> =
        FxHashMap::with_capacity_and_hasher(releases.len(), Default::default());
    let mut clashes: BTreeMap<(i16, &str), Vec<&Release>> = BTreeMap::new();
    for r in releases {
        let key = (r.date.date.year(), r.slug.as_str());
        if let Some(first) = seen.insert(key, r) {
            clashes.entry(key).or_insert_with(|| vec![first]).push(r);
        }
    }
    // Each clashing release is reported against the one before it in file-name order.
    for (_, mut group) in clashes {
        group.sort_by(|a, b| a.source.cmp(&b.source));
        for pair in group.windows(2) {
            let (first, r) = (pair[0], pair[1]);
            let at = r
                .slug_at
                .clone()
                .unwrap_or_else(|| crate::diag::Location::file(r.source.as_str()));
            let message = msg!(
                "release-slug-taken",
                slug = &r.slug,
                file = &r.source,
                year = r.date.date.year().to_string(),
                other = &first.source
            );
            diags.push(
                Diagnostic::error(Some(at), message).with_help(msg!("release-slug-taken-help")),
            );
        }
    }
}

/// Aliases and pages must not land on another release's, page's or alias's file. Clashes that
/// involve a held-back release or draft page are reported here, so they show now rather than in
/// the rebuild that runs when the embargo lifts; clashes between published files are found
/// when the output is assembled, together with clashes with lists and static files.
pub(super) fn check_held_back_paths(
    releases: &[Arc<Release>],
    pages: &[Page],
    publish: Publish,
    urls: &crate::urls::Urls,
    diags: &mut Diagnostics,
) {
    use crate::diag::Location;
    let page_public = |p: &Page| publish.drafts || !p.draft;
    // The few files pages and aliases claim, in order: (file, origin, public, where).
    let mut claims: Vec<(String, Arg, bool, Option<&Location>)> = pages
        .iter()
        .map(|p| {
            (
                urls.page(&p.slug).file,
                Arg::from(&p.source),
                page_public(p),
                None,
            )
        })
        .collect();
    let release_aliases = releases
        .iter()
        .map(|r| (&r.source, &r.aliases, publish.release_is_public(r)));
    let page_aliases = pages
        .iter()
        .map(|p| (&p.source, &p.aliases, page_public(p)));
    for (source, aliases, public) in release_aliases.chain(page_aliases) {
        for a in aliases {
            let file = urls.alias(&a.slug).file;
            claims.push((
                file,
                msg!("origin-alias", source = source).into(),
                public,
                Some(&a.location),
            ));
        }
    }
    let claimed: std::collections::HashSet<&str> = claims.iter().map(|c| c.0.as_str()).collect();
    let mut owner: HashMap<String, (Arg, bool)> = HashMap::new();
    for r in releases {
        let file = urls.release(r.date.date.year(), &r.slug).file;
        if claimed.contains(file.as_str()) {
            owner
                .entry(file)
                .or_insert_with(|| (Arg::from(&r.source), publish.release_is_public(r)));
        }
    }
    for (file, origin, public, location) in claims {
        match owner.get(&file) {
            Some((first, first_public)) => {
                if !(public && *first_public) {
                    let message = msg!(
                        "output-two-files",
                        path = file,
                        first = first.clone(),
                        second = origin
                    );
                    diags.push(
                        Diagnostic::error(location.cloned(), message)
                            .with_help(msg!("output-two-files-held-help")),
                    );
                }
            }
            None => {
                owner.insert(file, (origin, public));
            }
        }
    }
}
