//! The search page's view and the search index files (see [`crate::search`]), written only
//! when `[outputs] search` is on.
//!
//! The index files are generated like the sitemap: each has a fingerprint (the hash of its
//! bytes, known before the bytes are made), and a file whose fingerprint is the previous
//! build's is kept instead of being made again.

use rayon::prelude::*;
use serde::Serialize;

use super::{Fingerprints, Renderer};
use crate::diag::Diagnostics;
use crate::output::Sink;
use crate::search::{Cache, IndexFile};

/// The static file of the search script (in the theme's `static/`).
pub(super) const SCRIPT: &str = "js/search.js";

/// What the search page shows besides its form: where the index and the script are, and
/// the lists a reader without JavaScript can use instead.
#[derive(Debug, Serialize)]
pub(super) struct SearchView {
    /// URL of `meta.json`.
    index_url: String,
    /// URL of the search script.
    script_url: String,
    /// The search page itself (the form's action).
    url: String,
    /// The archive, programme, municipality and topic indexes.
    archive_url: String,
    programmes_url: String,
    municipalities_url: String,
    topics_url: String,
}

impl Renderer<'_> {
    /// The search page's view.
    pub(super) fn search_view(&self) -> SearchView {
        let u = &self.urls;
        SearchView {
            index_url: u.search_file("index/meta.json").path,
            script_url: u.static_file(SCRIPT).path,
            url: u.search().path,
            archive_url: u.archive(1).path,
            programmes_url: u.programmes().path,
            municipalities_url: u.municipalities().path,
            topics_url: u.topics().path,
        }
    }

    /// Brings the search index up to date and hands its files to `sink`, keeping those the
    /// previous build already has.
    pub(super) fn search_index(
        &self,
        cache: &mut Cache,
        sink: &dyn Sink,
        (previous, fingerprints): (&Fingerprints, &mut Fingerprints),
        diags: &mut Diagnostics,
    ) {
        let files: Vec<IndexFile> = cache.update(self.site, &self.urls);
        let cache = &*cache;
        let placed: Vec<(String, &IndexFile)> = files
            .iter()
            .map(|f| (self.urls.search_file(&f.rel).file, f))
            .collect();
        for (file, f) in &placed {
            fingerprints.insert(file.clone(), f.fp);
        }
        // A thousand files of JSON: made and written in parallel, problems reported in order.
        let problems: Vec<Box<crate::diag::Diagnostic>> = placed
            .into_par_iter()
            .filter_map(|(file, f)| {
                if previous.get(&file) == Some(f.fp) {
                    match sink.keep(&file, "search index") {
                        Ok(true) => return None,
                        Ok(false) => {}
                        Err(d) => return Some(d),
                    }
                }
                let bytes = crate::output::Content::Owned(cache.bytes(f.kind));
                sink.put(file, bytes, "search index".into()).err()
            })
            .collect();
        diags.extend(problems.into_iter().map(|d| *d));
    }
}
