//! The static search index on fixture sites: what it holds (folding, stemming, compounds and
//! record names, German and English), how it is cut into files (shard size, the meta file
//! listing every shard), the filter values, determinism, and `[outputs] search = false`.

mod common;

use std::collections::BTreeMap;

use herold::config::Language;
use herold::search::shards::MAX_SHARD;
use herold::search::text::Analyzer;
use serde_json::Value;

/// The index of a built site: meta, every term's postings (document, weight), fragments.
struct Index {
    meta: Value,
    terms: BTreeMap<String, Vec<(u64, u64)>>,
    /// The files of the term shards, by number.
    shards: Vec<String>,
}

fn index(s: &common::Site) -> Index {
    let meta: Value = serde_json::from_str(&s.read("suche/index/meta.json")).unwrap();
    let n = meta["shards"].as_array().unwrap().len();
    let mut terms = BTreeMap::new();
    let mut shards = Vec::new();
    for i in 0..n {
        let text = s.read(&format!("suche/index/t/{i}.json"));
        let shard: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
        for (t, list) in shard {
            let nums: Vec<u64> = list
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect();
            let mut doc = 0;
            let postings = nums
                .chunks(2)
                .map(|p| {
                    doc += p[0];
                    (doc, p[1])
                })
                .collect();
            terms.insert(t, postings);
        }
        shards.push(text);
    }
    Index {
        meta,
        terms,
        shards,
    }
}

impl Index {
    /// The documents holding the term of `word`.
    fn docs(&self, a: &Analyzer, word: &str) -> Vec<u64> {
        let t = a.term(word).unwrap_or_else(|| panic!("{word} has no term"));
        self.docs_of(&t)
    }

    fn docs_of(&self, term: &str) -> Vec<u64> {
        self.terms
            .get(term)
            .map(|l| l.iter().map(|p| p.0).collect())
            .unwrap_or_default()
    }
}

/// The titles of the documents in fragment order.
fn titles(s: &common::Site) -> Vec<String> {
    let frag: Value = serde_json::from_str(&s.read("suche/index/d/0.json")).unwrap();
    frag.as_array()
        .unwrap()
        .iter()
        .map(|d| d[0].as_str().unwrap().to_string())
        .collect()
}

fn built(name: &str) -> common::Site {
    let s = common::site(name);
    s.build();
    s
}

#[test]
fn words_are_folded_stemmed_and_found_by_their_parts() {
    let s = built("search");
    let ix = index(&s);
    let de = Analyzer::new(Language::De);
    // Documents are the releases newest first: 0 = Kommunen (2019), 1 = Müller (2018).
    assert_eq!(
        titles(&s),
        [
            "Weltoffene Kommunen im Dialog",
            "Bürgermeister Müller eröffnet die Flüchtlingsdialoge"
        ]
    );
    for spelling in ["Müller", "Mueller", "muller", "MÜLLER"] {
        assert_eq!(ix.docs(&de, spelling), [1], "{spelling}");
    }
    // Stemmed: the plural in the text is found by the singular.
    assert_eq!(ix.docs(&de, "Flüchtlingsdialog"), [1]);
    assert_eq!(ix.docs(&de, "Straße"), [1]);
    assert_eq!(ix.docs(&de, "Strasse"), [1]);
    // A hyphenated compound: the whole and each part.
    assert_eq!(ix.docs_of("badenwurttemberg"), [1]);
    assert_eq!(ix.docs(&de, "Württemberg"), [1]);
    assert_eq!(ix.docs(&de, "Baden"), [1]);
    // Record names inside longer words: "Löffingenfest", "Integrationsmanagerin".
    let loffing = &ix.terms[&de.term("Löffingen").unwrap()];
    assert_eq!(loffing, &[(1, 4 + 1)], "the name (4) and inside a word (1)");
    assert!(ix.docs(&de, "Integration").contains(&1));
    // Stop words are not indexed; names of records are (Meßkirch → messkirch).
    assert!(!ix.terms.contains_key("und") && !ix.terms.contains_key("die"));
    assert_eq!(ix.docs(&de, "Meßkirch"), [0]);
    // A title word weighs more than a body word.
    let weight = |word: &str| ix.terms[&de.term(word).unwrap()][0].1;
    assert!(weight("Müller") > weight("Straße"));
}

#[test]
fn drafts_and_embargoed_releases_are_not_in_the_index() {
    let s = built("search");
    let ix = index(&s);
    assert_eq!(ix.meta["n"], 2);
    for (path, bytes) in s.output_files() {
        if path.starts_with("suche/") {
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            for marker in ["geheimdraft", "geheimsperr", "entwurf", "sperrfrist"] {
                assert!(!text.contains(marker), "{marker} in {path}");
            }
        }
    }
}

#[test]
fn filters_list_their_values_and_are_terms() {
    let s = built("search");
    let ix = index(&s);
    let f = &ix.meta["filters"];
    assert_eq!(
        f["p"],
        serde_json::json!([
            ["pakt-fuer-integration", "Pakt für Integration"],
            ["weltoffene-kommunen", "Weltoffene Kommunen"]
        ])
    );
    assert_eq!(
        f["m"],
        serde_json::json!([["loeffingen", "Löffingen"], ["messkirch", "Meßkirch"]])
    );
    assert_eq!(
        f["t"],
        serde_json::json!([
            ["integration", "Integration"],
            ["zusammenhalt", "Zusammenhalt"]
        ])
    );
    assert_eq!(f["y"], serde_json::json!([2019, 2018]));
    assert_eq!(ix.docs_of("~ppakt-fuer-integration"), [1]);
    assert_eq!(ix.docs_of("~mmesskirch"), [0]);
    assert_eq!(ix.docs_of("~tzusammenhalt"), [0]);
    assert_eq!(ix.docs_of("~y2018"), [1]);
}

#[test]
fn the_search_page_is_linked_from_every_page() {
    let s = built("search");
    let page = s.read("suche/index.html");
    assert!(page.contains("role=\"search\""));
    assert!(page.contains("data-index=\"/suche/index/meta.json\""));
    assert!(page.contains("<label for=\"search-q\">"));
    assert!(s.has("js/search.js"));
    for (path, bytes) in s.output_files() {
        let html = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") && html.contains("<nav class=\"site-nav\"") {
            assert!(
                html.contains("href=\"/suche/\""),
                "{path} does not link the search"
            );
        }
    }
}

#[test]
fn english_sites_use_the_english_stemmer() {
    let s = common::empty_site("language = \"en\"\n");
    s.write(
        "content/releases/2020-01-01-funding.md",
        "+++\ntitle = \"Funding for the communities\"\ndate = 2020-01-01\n+++\n\nThe council's mueller meeting.\n",
    );
    s.build();
    let ix = index(&s);
    let en = Analyzer::new(Language::En);
    assert_eq!(ix.meta["lang"], "en");
    assert!(ix.terms.contains_key("fund"), "{:?}", ix.terms.keys());
    assert!(ix.terms.contains_key("communiti"));
    assert_eq!(ix.docs(&en, "funded"), [0]);
    // English keeps "ue" (no German spellings), and its own stop words.
    assert!(ix.terms.contains_key("mueller"));
    assert!(!ix.terms.contains_key("the"));
    let frag = s.read("suche/index/d/0.json");
    assert!(frag.contains("1 January 2020"), "{frag}");
}

#[test]
fn shards_are_bounded_in_term_order_and_all_listed() {
    let s = common::empty_site("");
    // 240 releases with 120 made-up words each: far more than one shard.
    for i in 0..240 {
        let body: Vec<String> = (0..120)
            .map(|k| format!("begriff{}x", (i * 37 + k * 101) % 9000))
            .collect();
        s.write(
            &format!("content/releases/2020-01-01-r{i}.md"),
            format!(
                "+++\ntitle = \"Mitteilung {i}\"\ndate = 2020-01-01\n+++\n\n{}\n",
                body.join(" ")
            ),
        );
    }
    s.build();
    let ix = index(&s);
    let firsts: Vec<&str> = ix.meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(firsts.len() > 4, "{} shards", firsts.len());
    assert!(firsts.windows(2).all(|w| w[0] < w[1]), "not in term order");
    // Every shard file is listed, and none is left over.
    let on_disk = s
        .output_files()
        .keys()
        .filter(|p| p.starts_with("suche/index/t/"))
        .count();
    assert_eq!(on_disk, firsts.len());
    for (i, text) in ix.shards.iter().enumerate() {
        let shard: serde_json::Map<String, Value> = serde_json::from_str(text).unwrap();
        assert!(
            text.len() <= MAX_SHARD || shard.len() == 1,
            "shard {i}: {} bytes",
            text.len()
        );
        // Each term lies in the shard the meta file sends a browser to.
        for t in shard.keys() {
            assert!(t.as_str() >= firsts[i], "{t} before shard {i}");
            if let Some(next) = firsts.get(i + 1) {
                assert!(t.as_str() < *next, "{t} after shard {i}");
            }
        }
    }
    assert!(ix.terms.len() > 5000, "{} terms", ix.terms.len());
    // Fragments: ten documents each.
    let fragments = s
        .output_files()
        .keys()
        .filter(|p| p.starts_with("suche/index/d/"))
        .count();
    assert_eq!(fragments, 24);
}

#[test]
fn the_index_is_the_same_for_the_same_input() {
    let a = built("search");
    let b = built("search");
    let index_of = |s: &common::Site| -> BTreeMap<String, Vec<u8>> {
        s.output_files()
            .into_iter()
            .filter(|(p, _)| p.starts_with("suche/"))
            .collect()
    };
    let (ia, ib) = (index_of(&a), index_of(&b));
    assert!(ia.len() > 3);
    assert_eq!(ia, ib);
}

#[test]
fn switched_off_the_search_writes_nothing_and_links_nothing() {
    let s = common::site("search");
    let config = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write("config.toml", config + "[outputs]\nsearch = false\n");
    s.build();
    for (path, bytes) in s.output_files() {
        assert!(!path.starts_with("suche/"), "{path}");
        assert!(!path.contains("search"), "{path}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("/suche/"), "{path} links the search");
    }
}

#[test]
fn a_theme_without_the_search_template_is_told_what_to_do() {
    let s = common::site("search");
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for entry in std::fs::read_dir(theme.join("templates")).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name != "search.html" {
            s.write(
                &format!("themes/eigen/templates/{name}"),
                std::fs::read(&p).unwrap(),
            );
        }
    }
    let config = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write("config.toml", format!("theme = \"eigen\"\n{config}"));
    s.english();
    let err = s.build_fails();
    assert!(err.contains("no template search.html"), "{err}");
    assert!(err.contains("search = false"), "{err}");
    s.write(
        "config.toml",
        format!("theme = \"eigen\"\n{config}[outputs]\nsearch = false\n"),
    );
    s.build();
}
