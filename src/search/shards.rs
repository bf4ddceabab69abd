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

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::doc::Doc;

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
    list: Vec<(u32, u8)>,
    /// Bytes of `"term":[…]`.
    size: usize,
    /// Hash of the term and `list`.
    hash: u64,
}

/// The inverted index: every term's postings, in term order.
#[derive(Debug, Default, Clone)]
pub(super) struct Vocabulary {
    terms: BTreeMap<Arc<str>, Postings>,
}

/// A shard: its first term and the number of terms in it, and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shard {
    /// Its first term.
    pub(super) first: Arc<str>,
    /// How many terms it holds.
    pub(super) count: usize,
    /// Hash of its terms' hashes.
    pub(super) fp: u64,
}

impl Vocabulary {
    /// The index of `docs` (document id = position).
    pub(super) fn build(docs: &[Arc<Doc>]) -> Self {
        let map = docs
            .par_iter()
            .enumerate()
            .fold(
                FxHashMap::<Arc<str>, Vec<(u32, u8)>>::default,
                |mut map, (id, doc)| {
                    for (t, w) in &doc.terms {
                        map.entry(Arc::clone(t)).or_default().push((id as u32, *w));
                    }
                    map
                },
            )
            .reduce(FxHashMap::default, |mut a, b| {
                if a.len() < b.len() {
                    return merge(b, a);
                }
                for (t, list) in b {
                    a.entry(t).or_default().extend(list);
                }
                a
            });
        let mut all: Vec<(Arc<str>, Postings)> = map
            .into_par_iter()
            .map(|(t, mut list)| {
                list.sort_unstable_by_key(|p| p.0);
                let p = Postings::new(&t, list);
                (t, p)
            })
            .collect();
        all.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Vocabulary {
            terms: all.into_iter().collect(),
        }
    }

    /// Replaces document `id`'s terms `old` with `new`.
    pub(super) fn patch(&mut self, id: u32, old: &Doc, new: &Doc) {
        let mut touched: Vec<&Arc<str>> = Vec::new();
        for (t, _) in &old.terms {
            if let Some(p) = self.terms.get_mut(t) {
                if let Ok(i) = p.list.binary_search_by_key(&id, |x| x.0) {
                    p.list.remove(i);
                    touched.push(t);
                }
            }
        }
        for (t, w) in &new.terms {
            let p = self.terms.entry(Arc::clone(t)).or_default();
            match p.list.binary_search_by_key(&id, |x| x.0) {
                Ok(i) => p.list[i].1 = *w,
                Err(i) => p.list.insert(i, (id, *w)),
            }
            touched.push(t);
        }
        for t in touched {
            let empty = match self.terms.get_mut(t) {
                Some(p) if !p.list.is_empty() => {
                    *p = Postings::new(t, std::mem::take(&mut p.list));
                    false
                }
                Some(_) => true,
                None => false,
            };
            if empty {
                self.terms.remove(t);
            }
        }
    }

    /// Cuts the vocabulary into shards.
    pub(super) fn shards(&self) -> Vec<Shard> {
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
        for (t, p) in &self.terms {
            let cut = size + p.size + 1 > MAX_SHARD
                || (size >= MIN_SHARD && xxhash_rust::xxh3::xxh3_64(t.as_bytes()) % CUT_EVERY == 0);
            if shards.is_empty() || (cut && !hashes.is_empty()) {
                close(&mut shards, &mut hashes);
                shards.push(Shard {
                    first: Arc::clone(t),
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
    pub(super) fn shard_json(&self, shard: &Shard) -> Vec<u8> {
        let mut out = Vec::with_capacity(MAX_SHARD + 64);
        out.push(b'{');
        let terms = self.terms.range(Arc::clone(&shard.first)..).take(shard.count);
        for (i, (t, p)) in terms.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_postings(&mut out, t, &p.list);
        }
        out.extend_from_slice(b"}\n");
        out
    }

    /// The number of terms.
    pub(super) fn len(&self) -> usize {
        self.terms.len()
    }
}

/// Merges the smaller map `b` into `a`.
fn merge(
    mut a: FxHashMap<Arc<str>, Vec<(u32, u8)>>,
    b: FxHashMap<Arc<str>, Vec<(u32, u8)>>,
) -> FxHashMap<Arc<str>, Vec<(u32, u8)>> {
    for (t, list) in b {
        a.entry(t).or_default().extend(list);
    }
    a
}

impl Postings {
    fn new(term: &str, list: Vec<(u32, u8)>) -> Self {
        let mut buf = Vec::with_capacity(term.len() + list.len() * 6 + 8);
        write_postings(&mut buf, term, &list);
        Postings {
            size: buf.len(),
            hash: xxhash_rust::xxh3::xxh3_64(&buf),
            list,
        }
    }
}

/// Writes `"term":[gap,weight,…]`.
fn write_postings(out: &mut Vec<u8>, term: &str, list: &[(u32, u8)]) {
    // Terms are words: letters, digits and `~`; escape anything else all the same.
    match serde_json::to_string(term) {
        Ok(s) => out.extend_from_slice(s.as_bytes()),
        Err(_) => out.extend_from_slice(b"\"\""),
    }
    out.extend_from_slice(b":[");
    let mut last = 0u32;
    let mut num = itoa_buf();
    for (i, (d, w)) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(num.format(d - last));
        out.push(b',');
        out.extend_from_slice(num.format(u32::from(*w)));
        last = *d;
    }
    out.push(b']');
}

/// A small buffer that formats numbers without allocating.
struct Num([u8; 10]);

fn itoa_buf() -> Num {
    Num([0; 10])
}

impl Num {
    fn format(&mut self, mut n: u32) -> &[u8] {
        let mut i = self.0.len();
        loop {
            i -= 1;
            self.0[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        &self.0[i..]
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

    fn doc(terms: &[(&str, u8)]) -> Arc<Doc> {
        Arc::new(Doc {
            key: 0,
            terms: terms.iter().map(|(t, w)| (Arc::from(*t), *w)).collect(),
            fragment: String::new(),
            fragment_hash: 0,
        })
    }

    #[test]
    fn postings_are_gaps_and_weights() {
        let docs = vec![doc(&[("a", 1), ("b", 2)]), doc(&[("b", 3)]), doc(&[("b", 4)])];
        let v = Vocabulary::build(&docs);
        let shards = v.shards();
        assert_eq!(shards.len(), 1);
        let json = String::from_utf8(v.shard_json(&shards[0])).unwrap();
        assert_eq!(json, "{\"a\":[0,1],\"b\":[0,2,1,3,1,4]}\n");
    }

    #[test]
    fn a_patch_gives_what_a_fresh_build_gives() {
        let docs = vec![doc(&[("a", 1), ("b", 2)]), doc(&[("b", 3), ("c", 1)])];
        let mut v = Vocabulary::build(&docs);
        let new = doc(&[("b", 5), ("d", 1)]);
        v.patch(1, &docs[1], &new);
        let fresh = Vocabulary::build(&[Arc::clone(&docs[0]), new]);
        assert_eq!(v.shards(), fresh.shards());
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn shards_are_bounded_and_cover_every_term_in_order() {
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i:05}")).collect();
        let docs: Vec<Arc<Doc>> = (0..20)
            .map(|d| {
                let terms: Vec<(&str, u8)> =
                    words.iter().skip(d).step_by(3).map(|w| (w.as_str(), 1)).collect();
                doc(&terms)
            })
            .collect();
        let v = Vocabulary::build(&docs);
        let shards = v.shards();
        assert!(shards.len() > 3);
        assert_eq!(shards.iter().map(|s| s.count).sum::<usize>(), v.len());
        assert!(shards.windows(2).all(|w| w[0].first < w[1].first));
        for s in &shards {
            assert!(v.shard_json(s).len() <= MAX_SHARD + 2, "{}", s.first);
        }
    }
}
