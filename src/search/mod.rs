//! The static search index, written by herold while it builds (`[outputs] search`).
//!
//! The index lies in `suche/index/` beside the search page and is made for a browser that
//! loads as little as it can before it shows the first results:
//!
//! - `meta.json`: the build's version, the number of documents, the first term of every term
//!   shard and the values of the filters (programmes, municipalities, topics, years);
//! - `t/N.json`: term shards, cut by size in term order (see [`shards`]): a query loads only
//!   the shards its words (and the terms they are a prefix of) fall into;
//! - `d/N.json`: document fragments, [`FRAGMENT_DOCS`] documents each by id (title, URL,
//!   date, kicker, snippet text), loaded only for the results shown.
//!
//! Filters are terms too (`~p` + programme slug, `~m` + municipality slug, `~t` + topic slug,
//! `~y` + year), so a filter costs one posting list. Documents are the published releases of
//! the [`Site`]: drafts and embargoed releases are not in it, so they cannot reach the index.
//!
//! [`Cache`] keeps each release's document by its version and the inverted index of the last
//! build: a rebuild after one edited release analyses that release only and patches its
//! postings.

pub mod doc;
pub mod persist;
pub mod shards;
pub mod text;

use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use crate::config::Language;
use crate::site::{ReleaseId, Site};
use crate::urls::Urls;
use doc::{Doc, Fields, Memo, Names, Terms, Tools};
use shards::{Shard, Vocabulary};
use text::Analyzer;

/// Documents per fragment file.
pub const FRAGMENT_DOCS: usize = 10;

/// Releases one worker makes documents of in one go (with one memo of analysed words).
const CHUNK: usize = 256;

/// More changed releases than this rebuild the inverted index instead of patching it.
const PATCH_LIMIT: usize = 64;

/// The version of the index format (also in `meta.json`, checked by the script).
pub const FORMAT: u32 = 1;

/// The search index of a site, kept between builds.
#[derive(Default)]
pub struct Cache {
    /// What every document depends on besides its release (see `context`).
    context: u64,
    analyzer: Option<Analyzer>,
    names: Option<Names>,
    /// Every term seen since the context last changed.
    terms: Terms,
    /// Words already analysed, one memo per worker.
    memos: Mutex<Vec<Memo>>,
    /// The documents of the last build, by id.
    docs: Vec<Arc<Doc>>,
    vocab: Vocabulary,
    shards: Vec<Shard>,
    meta: String,
    meta_fp: u64,
    fragment_fps: Vec<u64>,
    /// The documents on disk (see [`persist`]), if this run uses them.
    disk: Option<crate::cachefile::Disk>,
    /// Whether `vocab` was built from `docs` (not so for documents loaded from disk).
    vocab_current: bool,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("docs", &self.docs.len())
            .field("terms", &self.vocab.len())
            .field("shards", &self.shards.len())
            .finish()
    }
}

/// One file of the index: its path below the search folder and its fingerprint (a hash of
/// what it holds, known before its bytes are made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// Path relative to the search page's folder, e.g. `index/t/3.json`.
    pub rel: String,
    /// Hash of its bytes.
    pub fp: u64,
    /// What it is.
    pub kind: FileKind,
}

/// The kinds of index files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `meta.json`.
    Meta,
    /// A term shard, by number.
    Shard(usize),
    /// A fragment file, by number.
    Fragment(usize),
}

impl Cache {
    /// Makes the next [`Cache::update`] of a fresh cache start from the documents kept on
    /// disk, and (with `write`) keep its own there; `None` keeps nothing on disk.
    pub fn use_disk(&mut self, disk: Option<crate::cachefile::Disk>) {
        self.disk = disk;
    }

    /// Frees the index (a one-off build, once its files are written); the next
    /// [`Cache::update`] starts afresh.
    pub fn forget(&mut self) {
        let disk = self.disk.take();
        *self = Cache::default();
        self.disk = disk;
    }

    /// Brings the index up to date with `site` and lists its files.
    pub fn update(&mut self, site: &Site, urls: &Urls) -> Vec<IndexFile> {
        let lang = site.config.language;
        let context = context(site, urls);
        if context != self.context || self.analyzer.is_none() {
            let analyzer = Analyzer::new(lang);
            let names = record_names(site);
            self.names = Some(Names::new(&analyzer, names.iter().map(String::as_str)));
            self.analyzer = Some(analyzer);
            self.docs.clear();
            self.vocab = Vocabulary::default();
            self.vocab_current = true;
            self.terms = Terms::default();
            self.memos = Mutex::default();
            self.context = context;
            // A fresh cache starts from the documents the last build left on disk.
            let loaded = self
                .disk
                .as_ref()
                .and_then(|d| crate::cachefile::on_worker(|| persist::load(&d.folder, context)));
            if let Some((terms, docs)) = loaded {
                self.terms = terms;
                self.docs = docs;
                self.vocab_current = false;
            }
        }
        let before = self.docs.len();
        let (Some(analyzer), Some(names)) = (&self.analyzer, &self.names) else {
            return Vec::new();
        };
        let by_key: FxHashMap<u64, &Arc<Doc>> = self.docs.iter().map(|d| (d.key, d)).collect();
        let terms = Mutex::new(std::mem::take(&mut self.terms));
        let tools = Tools {
            analyzer,
            names,
            terms: &terms,
        };
        let memos = &self.memos;
        let made = std::sync::atomic::AtomicUsize::new(0);
        let ids: Vec<usize> = (0..site.releases.len()).collect();
        let docs: Vec<Arc<Doc>> = ids
            .par_chunks(CHUNK)
            .flat_map_iter(|chunk| {
                let mut memo = memos
                    .lock()
                    .ok()
                    .and_then(|mut m| m.pop())
                    .unwrap_or_default();
                let made: Vec<Arc<Doc>> = chunk
                    .iter()
                    .map(|&i| {
                        let id = ReleaseId(i as u32);
                        let key = doc_key(site, id, context);
                        match by_key.get(&key) {
                            Some(d) => Arc::clone(d),
                            None => {
                                made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                Arc::new(doc::make(
                                    key,
                                    &fields(site, urls, id, lang),
                                    &tools,
                                    &mut memo,
                                ))
                            }
                        }
                    })
                    .collect();
                if let Ok(mut m) = memos.lock() {
                    m.push(memo);
                }
                made
            })
            .collect();
        drop(by_key);
        self.terms = terms.into_inner().unwrap_or_default();
        let names = &self.terms.names;
        let changed: Vec<usize> = if docs.len() == self.docs.len() {
            (0..docs.len())
                .filter(|&i| docs[i].key != self.docs[i].key)
                .collect()
        } else {
            (0..=PATCH_LIMIT).collect()
        };
        if changed.len() > PATCH_LIMIT || !self.vocab_current {
            self.vocab = Vocabulary::build(&docs, names);
            self.vocab_current = true;
        } else {
            for &i in &changed {
                self.vocab.patch(i as u32, &self.docs[i], &docs[i], names);
            }
        }
        self.docs = docs;
        if let Some(disk) = self.disk.as_ref().filter(|d| d.write) {
            let made = made.into_inner();
            if made > 0 || self.docs.len() != before {
                persist::save(&disk.folder, context, &self.terms, &self.docs);
            }
        }
        self.shards = self.vocab.shards(names);
        self.fragment_fps = self
            .docs
            .chunks(FRAGMENT_DOCS)
            .map(|c| shards::hash_u64s(&c.iter().map(|d| d.fragment_hash).collect::<Vec<_>>()))
            .collect();
        self.meta = meta(site, &self.shards, &self.fragment_fps);
        self.meta_fp = xxhash_rust::xxh3::xxh3_64(self.meta.as_bytes());
        self.files()
    }

    fn files(&self) -> Vec<IndexFile> {
        let mut files = vec![IndexFile {
            rel: "index/meta.json".into(),
            fp: self.meta_fp,
            kind: FileKind::Meta,
        }];
        files.extend(self.shards.iter().enumerate().map(|(i, s)| IndexFile {
            rel: format!("index/t/{i}.json"),
            fp: s.fp,
            kind: FileKind::Shard(i),
        }));
        files.extend(
            self.fragment_fps
                .iter()
                .enumerate()
                .map(|(i, fp)| IndexFile {
                    rel: format!("index/d/{i}.json"),
                    fp: *fp,
                    kind: FileKind::Fragment(i),
                }),
        );
        files
    }

    /// The bytes of an index file listed by the last [`Cache::update`].
    pub fn bytes(&self, kind: FileKind) -> Vec<u8> {
        match kind {
            FileKind::Meta => self.meta.clone().into_bytes(),
            FileKind::Shard(i) => self
                .shards
                .get(i)
                .map(|s| self.vocab.shard_json(s, &self.terms.names))
                .unwrap_or_default(),
            FileKind::Fragment(i) => {
                let docs = self.docs.chunks(FRAGMENT_DOCS).nth(i).unwrap_or(&[]);
                let mut out = Vec::with_capacity(docs.len() * (doc::SNIPPET_CHARS + 200));
                out.push(b'[');
                for (k, d) in docs.iter().enumerate() {
                    if k > 0 {
                        out.extend_from_slice(b",\n");
                    }
                    out.extend_from_slice(d.fragment.as_bytes());
                }
                out.extend_from_slice(b"]\n");
                out
            }
        }
    }
}

/// The names searched for inside longer words: every programme's name and short name and
/// every municipality's name.
fn record_names(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for p in &site.programmes {
        names.push(p.name.clone());
        names.extend(p.short.clone());
    }
    names.extend(site.municipalities.iter().map(|m| m.name.clone()));
    names
}

/// What every document depends on besides its own release: the language, the URLs, the
/// records' names and slugs, and herold's index format.
fn context(site: &Site, urls: &Urls) -> u64 {
    let mut h = Xxh3::new();
    h.update(&FORMAT.to_le_bytes());
    h.update(site.config.language.tag().as_bytes());
    h.update(urls.archive(1).path.as_bytes());
    // Raw HTML kept or sanitised changes the bodies' text.
    h.update(&[u8::from(site.config.trusted_html)]);
    for p in &site.programmes {
        for s in [&p.slug, &p.name, p.short.as_ref().unwrap_or(&String::new())] {
            h.update(s.as_bytes());
            h.update(&[0]);
        }
    }
    for m in &site.municipalities {
        h.update(m.slug.as_bytes());
        h.update(&[0]);
        h.update(m.name.as_bytes());
        h.update(&[0]);
    }
    h.digest()
}

fn doc_key(site: &Site, id: ReleaseId, context: u64) -> u64 {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&site.release(id).version.to_le_bytes());
    b[8..].copy_from_slice(&context.to_le_bytes());
    xxhash_rust::xxh3::xxh3_64(&b)
}

/// The texts and filters of release `id`.
fn fields<'a>(site: &'a Site, urls: &Urls, id: ReleaseId, lang: Language) -> Fields<'a> {
    let r = site.release(id);
    let l = &site.links;
    let mut names: Vec<&str> = Vec::new();
    let mut filters: Vec<String> = Vec::new();
    for p in &l.release_programmes[id.index()] {
        let p = site.programme(*p);
        names.push(&p.name);
        filters.push(format!("~p{}", p.slug));
    }
    for m in &l.release_municipalities[id.index()] {
        let m = site.municipality(*m);
        names.push(&m.name);
        filters.push(format!("~m{}", m.slug));
    }
    filters.extend(r.topic.as_ref().map(|t| format!("~t{t}")));
    filters.push(format!("~y{}", r.date.date.year()));
    Fields {
        title: &r.title,
        subtitle: r.subtitle.as_deref(),
        kicker: r.kicker.as_deref(),
        summary: &r.summary,
        body_html: &r.body_html,
        names,
        filters,
        url: urls.release_path(r.date.date.year(), &r.slug),
        date: crate::locale::date(r.date.date, lang),
    }
}

#[derive(Serialize)]
struct Meta<'a> {
    format: u32,
    v: String,
    lang: &'static str,
    n: usize,
    g: usize,
    shards: Vec<&'a str>,
    filters: Filters<'a>,
}

/// Filter values: (slug, name, releases) for records and topics, years newest first.
#[derive(Serialize)]
struct Filters<'a> {
    p: Vec<(&'a str, &'a str)>,
    m: Vec<(&'a str, &'a str)>,
    t: Vec<(&'a str, &'a str)>,
    y: Vec<i16>,
}

fn meta(site: &Site, shards: &[Shard], fragment_fps: &[u64]) -> String {
    let l = &site.links;
    let filters = Filters {
        p: site
            .programmes
            .iter()
            .enumerate()
            .filter(|(i, _)| !l.programme_releases[*i].is_empty())
            .map(|(_, p)| (p.slug.as_str(), p.name.as_str()))
            .collect(),
        m: site
            .municipalities
            .iter()
            .enumerate()
            .filter(|(i, _)| !l.municipality_releases[*i].is_empty())
            .map(|(_, m)| (m.slug.as_str(), m.name.as_str()))
            .collect(),
        t: l.topics
            .iter()
            .map(|t| (t.slug.as_str(), t.name.as_str()))
            .collect(),
        y: l.years.iter().map(|(y, _)| *y).collect(),
    };
    let mut fps: Vec<u64> = shards.iter().map(|s| s.fp).collect();
    fps.extend_from_slice(fragment_fps);
    let m = Meta {
        format: FORMAT,
        v: format!("{:016x}", shards::hash_u64s(&fps)),
        lang: site.config.language.tag(),
        n: site.releases.len(),
        g: FRAGMENT_DOCS,
        shards: shards.iter().map(|s| &*s.first).collect(),
        filters,
    };
    crate::escape::to_safe_json(&m, 1024, "") + "\n"
}
