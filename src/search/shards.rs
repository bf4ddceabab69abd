//! The inverted index and its shards: every term with the documents it occurs in, in term
//! order, cut into files of bounded size.
//!
//! A term's postings are written as `"term":[d,w,d,w,…]` with the document ids as gaps from
//! the previous one (ids are positions in the site's release list, newest first) and `w` the
//! term's weight in that document. Shards are cut in term order, so the terms a query word
//! can match as a prefix lie in consecutive shards. A shard ends before a term when the next
//! term would take it over [`MAX_SHARD`] bytes, or at a term whose hash says so once it has
//! [`MIN_SHARD`] bytes: cuts depend on the terms around them only, so an edit that adds a
//! term moves at most the cuts up to the next hash cut, and most shards keep their bytes.

use std::sync::Arc;

use rayon::prelude::*;

use super::doc::{Doc, TermId, Weighted};

/// Largest shard in bytes (a shard holding one term may be larger).
pub const MAX_SHARD: usize = 40 * 1024;

/// Smallest shard in bytes that may end at a hash cut.
pub const MIN_SHARD: usize = 8 * 1024;

/// One in this many terms is a hash cut.
const CUT_EVERY: u64 = 64;

/// A term's postings, with the size and hash of their JSON.
#[derive(Debug, Clone, Default)]
pub(super) struct Postings {
    /// (document, weight), by document.
    list: Vec<Weighted>,
    /// Bytes of `"term":[…]`.
    size: usize,
    /// Hash of the term and `list`.
    hash: u64,
}

/// The inverted index: every term's postings (by term id), and the ids of the terms that
/// occur, in term order.
#[derive(Debug, Default, Clone)]
pub(super) struct Vocabulary {
    postings: Vec<Postings>,
    order: Vec<TermId>,
}

/// A shard: its first term, where its terms start in the term order and how many there
/// are, and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shard {
    /// Its first term.
    pub(super) first: Arc<str>,
    /// Index of its first term in the term order.
    start: usize,
    /// How many terms it holds.
    pub(super) count: usize,
    /// Hash of its terms' hashes.
    pub(super) fp: u64,
}

impl Vocabulary {
    /// The index of `docs` (document id = position); `names` are the terms by id.
    pub(super) fn build(docs: &[Arc<Doc>], names: &[Arc<str>]) -> Self {
        // Counted first, so each list is allocated once at its size (at 100,000 releases the
        // lists hold tens of millions of postings).
        let mut counts = vec![0usize; names.len()];
        for doc in docs {
            for t in &doc.terms {
                counts[t.id() as usize] += 1;
            }
        }
        let mut postings: Vec<Postings> = counts
            .into_iter()
            .map(|n| Postings {
                list: Vec::with_capacity(n),
                ..Postings::default()
            })
            .collect();
        for (d, doc) in docs.iter().enumerate() {
            for t in &doc.terms {
                postings[t.id() as usize]
                    .list
                    .push(Weighted::new(d as u32, t.weight()));
            }
        }
        postings
            .par_iter_mut()
            .enumerate()
            .filter(|(_, p)| !p.list.is_empty())
            .for_each_init(Vec::new, |scratch, (t, p)| p.measure(&names[t], scratch));
        let mut order: Vec<TermId> = (0..names.len() as TermId)
            .filter(|&t| !postings[t as usize].list.is_empty())
            .collect();
        order.par_sort_unstable_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
        Vocabulary { postings, order }
    }

    /// Replaces document `id`'s terms `old` with `new`.
    pub(super) fn patch(&mut self, id: u32, old: &Doc, new: &Doc, names: &[Arc<str>]) {
        if self.postings.len() < names.len() {
            self.postings.resize(names.len(), Postings::default());
        }
        let mut touched: Vec<TermId> = Vec::new();
        for t in old.terms.iter().map(|t| t.id()) {
            let p = &mut self.postings[t as usize];
            if let Ok(i) = p.list.binary_search_by_key(&id, |x| x.id()) {
                p.list.remove(i);
                touched.push(t);
            }
        }
        for (t, w) in new.terms.iter().map(|t| (t.id(), t.weight())) {
            let p = &mut self.postings[t as usize];
            match p.list.binary_search_by_key(&id, |x| x.id()) {
                Ok(i) => p.list[i] = Weighted::new(id, w),
                Err(i) => p.list.insert(i, Weighted::new(id, w)),
            }
            touched.push(t);
        }
        touched.sort_unstable();
        touched.dedup();
        let mut scratch = Vec::new();
        for t in touched {
            let name = &names[t as usize];
            let at = self
                .order
                .binary_search_by(|x| names[*x as usize].cmp(name));
            let p = &mut self.postings[t as usize];
            match (p.list.is_empty(), at) {
                (true, Ok(i)) => {
                    self.order.remove(i);
                }
                (true, Err(_)) => {}
                (false, Ok(_)) => p.measure(name, &mut scratch),
                (false, Err(i)) => {
                    p.measure(name, &mut scratch);
                    self.order.insert(i, t);
                }
            }
        }
    }

    /// Cuts the vocabulary into shards.
    pub(super) fn shards(&self, names: &[Arc<str>]) -> Vec<Shard> {
        let mut shards: Vec<Shard> = Vec::new();
        let mut size = 0;
        let mut hashes: Vec<u64> = Vec::new();
        let close = |shards: &mut Vec<Shard>, hashes: &mut Vec<u64>| {
            if let Some(last) = shards.last_mut() {
                last.count = hashes.len();
                last.fp = hash_u64s(hashes);
            }
            hashes.clear();
        };
        for (i, &t) in self.order.iter().enumerate() {
            let p = &self.postings[t as usize];
            let name = &names[t as usize];
            let cut = size + p.size + 1 > MAX_SHARD
                || (size >= MIN_SHARD
                    && xxhash_rust::xxh3::xxh3_64(name.as_bytes()).is_multiple_of(CUT_EVERY));
            if shards.is_empty() || (cut && !hashes.is_empty()) {
                close(&mut shards, &mut hashes);
                shards.push(Shard {
                    first: Arc::clone(name),
                    start: i,
                    count: 0,
                    fp: 0,
                });
                size = 2;
            }
            size += p.size + 1;
            hashes.push(p.hash);
        }
        close(&mut shards, &mut hashes);
        shards
    }

    /// The JSON object of one shard.
    pub(super) fn shard_json(&self, shard: &Shard, names: &[Arc<str>]) -> Vec<u8> {
        let mut out = Vec::with_capacity(MAX_SHARD + 64);
        out.push(b'{');
        let ids = self.order.iter().skip(shard.start).take(shard.count);
        for (i, &t) in ids.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_postings(
                &mut out,
                &names[t as usize],
                &self.postings[t as usize].list,
            );
        }
        out.extend_from_slice(b"}\n");
        out
    }

    /// The number of terms that occur.
    pub(super) fn len(&self) -> usize {
        self.order.len()
    }
}

impl Postings {
    /// Sets the size and hash of the postings' JSON, written into `scratch` (a buffer reused
    /// from term to term).
    fn measure(&mut self, term: &str, scratch: &mut Vec<u8>) {
        scratch.clear();
        write_postings(scratch, term, &self.list);
        self.size = scratch.len();
        self.hash = xxhash_rust::xxh3::xxh3_64(scratch);
    }
}

/// Writes `"term":[gap,weight,…]`.
fn write_postings(out: &mut Vec<u8>, term: &str, list: &[Weighted]) {
    // Terms are words: letters, digits and `~`; escape anything else all the same.
    match serde_json::to_string(term) {
        Ok(s) => out.extend_from_slice(s.as_bytes()),
        Err(_) => out.extend_from_slice(b"\"\""),
    }
    out.extend_from_slice(b":[");
    let mut last = 0u32;
    for (i, p) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_number(out, p.id() - last);
        out.push(b',');
        push_number(out, u32::from(p.weight()));
        last = p.id();
    }
    out.push(b']');
}

/// Appends `n` in decimal. Most numbers of the index are gaps and weights of one to three
/// digits: those are pushed digit by digit (millions per build), longer ones go through a
/// buffer.
fn push_number(out: &mut Vec<u8>, n: u32) {
    let digit = |d: u32| b'0' + (d % 10) as u8;
    match n {
        0..=9 => out.push(digit(n)),
        10..=99 => out.extend([digit(n / 10), digit(n)]),
        100..=999 => out.extend([digit(n / 100), digit(n / 10), digit(n)]),
        _ => {
            let mut buf = [0u8; 10];
            let mut i = buf.len();
            let mut rest = n;
            while rest > 0 {
                i -= 1;
                buf[i] = digit(rest);
                rest /= 10;
            }
            out.extend_from_slice(&buf[i..]);
        }
    }
}

/// One hash of several.
pub(super) fn hash_u64s(xs: &[u64]) -> u64 {
    let bytes: Vec<u8> = xs.iter().flat_map(|x| x.to_le_bytes()).collect();
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 9, 10, 42, 99, 100, 255, 999, 1_000, 65_536, u32::MAX] {
            let mut out = b"x".to_vec();
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}").into_bytes());
        }
    }

    /// Documents from term lists, and the term names by id.
    fn docs(lists: &[&[(&str, u8)]]) -> (Vec<Arc<Doc>>, Vec<Arc<str>>) {
        let mut names: Vec<Arc<str>> = Vec::new();
        let docs = lists
            .iter()
            .map(|terms| {
                let mut ids: Vec<Weighted> = terms
                    .iter()
                    .map(|(t, w)| {
                        let id = names.iter().position(|n| &**n == *t).unwrap_or_else(|| {
                            names.push(Arc::from(*t));
                            names.len() - 1
                        });
                        Weighted::new(id as TermId, *w)
                    })
                    .collect();
                ids.sort_unstable();
                Arc::new(Doc {
                    key: 0,
                    terms: ids,
                    fragment: Box::default(),
                    fragment_hash: 0,
                })
            })
            .collect();
        (docs, names)
    }

    #[test]
    fn postings_are_gaps_and_weights() {
        let (d, names) = docs(&[&[("b", 2), ("a", 1)], &[("b", 3)], &[("b", 4)]]);
        let v = Vocabulary::build(&d, &names);
        let shards = v.shards(&names);
        assert_eq!(shards.len(), 1);
        let json = String::from_utf8(v.shard_json(&shards[0], &names)).unwrap();
        assert_eq!(json, "{\"a\":[0,1],\"b\":[0,2,1,3,1,4]}\n");
    }

    #[test]
    fn a_patch_gives_what_a_fresh_build_gives() {
        let (d, names) = docs(&[
            &[("a", 1), ("b", 2)],
            &[("b", 3), ("c", 1)],
            &[("b", 5), ("d", 1)],
        ]);
        let mut v = Vocabulary::build(&d[..2], &names);
        v.patch(1, &d[1], &d[2], &names);
        let fresh = Vocabulary::build(&[Arc::clone(&d[0]), Arc::clone(&d[2])], &names);
        assert_eq!(v.shards(&names), fresh.shards(&names));
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn shards_are_bounded_and_cover_every_term_in_order() {
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i:05}")).collect();
        let lists: Vec<Vec<(&str, u8)>> = (0..20)
            .map(|d| {
                words
                    .iter()
                    .skip(d)
                    .step_by(3)
                    .map(|w| (w.as_str(), 1))
                    .collect()
            })
            .collect();
        let refs: Vec<&[(&str, u8)]> = lists.iter().map(Vec::as_slice).collect();
        let (d, names) = docs(&refs);
        let v = Vocabulary::build(&d, &names);
        let shards = v.shards(&names);
        assert!(shards.len() > 3);
        assert_eq!(shards.iter().map(|s| s.count).sum::<usize>(), v.len());
        assert!(shards.windows(2).all(|w| w[0].first < w[1].first));
        for s in &shards {
            assert!(v.shard_json(s, &names).len() <= MAX_SHARD, "{}", s.first);
        }
    }
}
