//! The checks behind the fuzz targets. `tests/fuzz_regressions.rs` includes this file too, so
//! a kept crash input is replayed through exactly the code the fuzzer ran.
//!
//! Every check takes the fuzzer's bytes as herold reads a file: a leading UTF-8 byte order mark
//! removed, and (so that no input is wasted) invalid UTF-8 replaced by U+FFFD.

use std::collections::BTreeMap;
use std::sync::Arc;

use herold::diag::{render_report, Diagnostics};
use herold::frontmatter;
use herold::markdown;
use herold::model::release;
use herold::slug::{is_slug, slugify, sort_key};
use herold::source::{ReleaseSource, SourceText};

/// The bytes as text.
fn text(data: &[u8]) -> String {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    String::from_utf8_lossy(data).into_owned()
}

/// `frontmatter`: splitting and loading a release file never panics; a split points into the
/// file; loading gives a release or at least one error, and the report can be rendered.
pub(crate) fn frontmatter(data: &[u8]) {
    let text = text(data);
    match frontmatter::split(&text) {
        Ok(s) => {
            let front_end = s.front_offset + s.front.len();
            assert_eq!(text.get(s.front_offset..front_end), Some(s.front));
            assert_eq!(text.get(s.body_offset..), Some(s.body));
            assert!(front_end <= s.body_offset, "front matter overlaps the body");
        }
        Err(e) => assert!(
            text.get(e.span.clone()).is_some(),
            "split error span {:?} is not a range of the file ({} bytes)",
            e.span,
            text.len()
        ),
    }
    let src = ReleaseSource {
        file: SourceText {
            rel: "content/releases/2024-01-31-fuzz.md".into(),
            text: Arc::from(text.as_str()),
        },
        bundle_name: None,
        assets: Vec::new(),
    };
    let mut diags = Diagnostics::new();
    let loaded = release::load(&src, &BTreeMap::new(), "/", None, &mut diags);
    assert!(
        loaded.is_some() || diags.has_errors(),
        "no release and no error"
    );
    // Reports quote the file under `line:column`: the spans must fit the text.
    let sorted: Vec<_> = diags.into_sorted().iter().cloned().collect();
    // In both languages: the German report rewrites codespan's severity words.
    render_report(&sorted, herold::config::Language::En, false);
    render_report(&sorted, herold::config::Language::De, false);
}

/// `slug`: slugify, is_slug and sort_key never panic; a non-empty slug passes `is_slug`,
/// slugify is idempotent, and a valid slug is its own slug.
pub(crate) fn slug(data: &[u8]) {
    let s = text(data);
    let slug = slugify(&s);
    assert!(
        slug.is_empty() || is_slug(&slug),
        "slugify({s:?}) = {slug:?} is not a slug"
    );
    assert_eq!(slugify(&slug), slug, "slugify is not idempotent on {s:?}");
    if is_slug(&s) {
        assert_eq!(slug, s, "a valid slug changed");
    }
    sort_key(&s);
}

/// `markdown`: rendering never panics, with both base paths, sanitised (the default) and
/// trusted.
pub(crate) fn markdown(data: &[u8]) {
    let s = text(data);
    for base in ["/", "/presse/"] {
        markdown::render(&s, base);
        markdown::render_with(&s, base, true);
    }
}
