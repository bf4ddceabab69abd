//! The search documents on disk: what a build made of each release for the search index,
//! kept beside the parse cache (`.NAME.herold-cache/search`) so that the next build, in a
//! new process, analyses only the releases whose documents it does not find there.
//!
//! A document is a pure function of its release's version and the site's context (see
//! `context` in the parent module), and its terms are numbers in the site's term table, so
//! the file holds the table once and each document as it is in memory: key, terms (number and
//! weight), fragment. The numbering does not reach the index files (they are in term order
//! and name the terms), so a build may continue the table it loaded.
//!
//! Like the parse cache, the file can never change what a build writes: a file made by
//! another herold (code fingerprint), for another context, damaged (checksum) or with a term
//! number beyond its table is ignored as a whole, and every document is made afresh (see
//! [`crate::cachefile`]). It is written only when it would differ from what was loaded.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap;

use super::doc::{Doc, TermId, Terms, Weighted};
use crate::cachefile::{self, Kind, Reader, Writer};

/// The file's name inside the cache folder.
pub const FILE: &str = "search";
/// Starts and ends the file.
const MAGIC: &[u8; 8] = b"HEROLDSX";
/// The layout of the file; raised when it changes.
const FORMAT: u32 = 1;

/// A fingerprint of the code that makes documents (the search modules and what a release's
/// texts, links and URL are made by): another herold's file is not trusted.
static CODE: LazyLock<u64> = LazyLock::new(|| {
    cachefile::code_fingerprint(&[
        include_str!("mod.rs"),
        include_str!("doc.rs"),
        include_str!("text.rs"),
        include_str!("persist.rs"),
        include_str!("../cachefile.rs"),
        include_str!("../escape.rs"),
        include_str!("../locale.rs"),
        include_str!("../urls.rs"),
        include_str!("../slug.rs"),
        include_str!("../frontmatter.rs"),
        include_str!("../markdown/mod.rs"),
        include_str!("../sanitize.rs"),
        include_str!("../model/mod.rs"),
        include_str!("../model/dates.rs"),
        include_str!("../model/history.rs"),
        include_str!("../model/release.rs"),
        include_str!("../resolve/mod.rs"),
        include_str!("../../Cargo.lock"),
    ])
});

/// What the file is, for documents made in `context`.
fn kind(context: u64) -> Kind<'static> {
    Kind {
        name: FILE,
        magic: MAGIC,
        format: FORMAT,
        code: *CODE,
        made_for: context,
    }
}

/// The documents of the last build for `context`, with the term table they number into;
/// `None` when there is no usable file.
pub(super) fn load(folder: &Path, context: u64) -> Option<(Terms, Vec<Arc<Doc>>)> {
    let mut r = Reader::open(folder, &kind(context))?;
    let n_terms = r.count()?;
    // Each term takes at least its length.
    let mut names: Vec<Arc<str>> = Vec::with_capacity(r.capacity(n_terms, 4));
    let mut ids: FxHashMap<Arc<str>, TermId> = FxHashMap::default();
    ids.reserve(names.capacity());
    for id in 0..n_terms {
        let name: Arc<str> = Arc::from(r.str()?);
        if ids.insert(Arc::clone(&name), id as TermId).is_some() {
            return None;
        }
        names.push(name);
    }
    let n_docs = r.count()?;
    // Each document takes at least its key, fragment hash, term count and fragment length.
    let mut docs = Vec::with_capacity(r.capacity(n_docs, 24));
    for _ in 0..n_docs {
        let key = r.u64()?;
        let fragment_hash = r.u64()?;
        let n = r.count()?;
        // The terms as one block of rows (number, weight), read at once (before anything is
        // reserved for them: the count may be damaged).
        let rows = r.take(n.checked_mul(5)?)?;
        let mut terms = Vec::with_capacity(n);
        for row in rows.chunks_exact(5) {
            let id = u32::from_le_bytes([row[0], row[1], row[2], row[3]]);
            if id as usize >= n_terms {
                return None;
            }
            terms.push(Weighted::new(id, row[4]));
        }
        docs.push(Arc::new(Doc {
            key,
            terms,
            fragment: r.str()?.into(),
            fragment_hash,
        }));
    }
    r.finish().then(|| (Terms::from_parts(ids, names), docs))
}

/// Writes `docs` (numbering their terms in `terms`) for `context`, keeping only the terms
/// they use.
pub(super) fn save(folder: &Path, context: u64, terms: &Terms, docs: &[Arc<Doc>]) {
    let Ok(mut w) = Writer::create(folder, &kind(context)) else {
        return;
    };
    // The terms still used, renumbered in the order of the table.
    let mut used = vec![false; terms.names.len()];
    for d in docs {
        for t in &d.terms {
            used[t.id() as usize] = true;
        }
    }
    let mut renumber = vec![TermId::MAX; used.len()];
    let mut kept: TermId = 0;
    for (id, _) in used.iter().enumerate().filter(|(_, u)| **u) {
        renumber[id] = kept;
        kept += 1;
    }
    w.u32(kept);
    for (name, _) in terms.names.iter().zip(&used).filter(|(_, u)| **u) {
        w.str(name);
    }
    w.count(docs.len());
    let mut row = Vec::new();
    for d in docs {
        w.u64(d.key);
        w.u64(d.fragment_hash);
        w.count(d.terms.len());
        row.clear();
        for t in &d.terms {
            row.extend_from_slice(&renumber[t.id() as usize].to_le_bytes());
            row.push(t.weight());
        }
        w.bytes(&row);
        w.str(&d.fragment);
    }
    w.finish();
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_64;

    fn sample() -> (Terms, Vec<Arc<Doc>>) {
        let mut terms = Terms::default();
        let (a, unused, b) = (terms.id("alpha"), terms.id("weg"), terms.id("beta"));
        assert_eq!(unused, 1);
        let doc = |key, ids: &[(TermId, u8)], fragment: &str| {
            Arc::new(Doc {
                key,
                terms: ids.iter().map(|&(i, w)| Weighted::new(i, w)).collect(),
                fragment: fragment.into(),
                fragment_hash: xxh3_64(fragment.as_bytes()),
            })
        };
        let docs = vec![
            doc(7, &[(a, 3), (b, 1)], "[\"Eins\"]"),
            doc(9, &[(b, 2)], "[\"Zwei – ä\"]"),
        ];
        (terms, docs)
    }

    /// The terms of a document by name, with their weights.
    fn named(terms: &Terms, doc: &Doc) -> Vec<(String, u8)> {
        doc.terms
            .iter()
            .map(|t| (terms.names[t.id() as usize].to_string(), t.weight()))
            .collect()
    }

    #[test]
    fn documents_come_back_as_they_were_written_without_unused_terms() {
        let dir = tempfile::tempdir().unwrap();
        let (terms, docs) = sample();
        save(dir.path(), 42, &terms, &docs);
        let (back_terms, back) = load(dir.path(), 42).unwrap();
        assert_eq!(back_terms.names.len(), 2, "the unused term is dropped");
        assert_eq!(back.len(), 2);
        for (d, b) in docs.iter().zip(&back) {
            assert_eq!(
                (d.key, &d.fragment, d.fragment_hash),
                (b.key, &b.fragment, b.fragment_hash)
            );
            assert_eq!(named(&terms, d), named(&back_terms, b));
        }
        // The loaded table goes on numbering new terms after its own.
        let mut t = back_terms;
        assert_eq!(t.id("beta"), 1);
        assert_eq!(t.id("gamma"), 2);
    }

    #[test]
    fn documents_of_another_context_are_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let (terms, docs) = sample();
        save(dir.path(), 42, &terms, &docs);
        assert!(load(dir.path(), 43).is_none());
        assert!(load(&dir.path().join("nichts"), 42).is_none());
    }
}
