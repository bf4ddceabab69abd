//! Relative links (`relative_urls = true`, `--relative-urls`): every internal link, asset and
//! form target of an HTML file is rewritten relative to that file, and links to folders point
//! at their `index.html`, so a build opens and browses straight from the file system (an
//! archive on a stick, a look before deploying).
//!
//! A [`Relative`] sink wraps the real one and rewrites each HTML file as it passes, so every
//! page, redirect and template — the site's own included — gets the same treatment. Only
//! root-relative values under the site's base path are touched; full URLs (canonical links,
//! OpenGraph, JSON-LD) stay absolute, as do feeds and the sitemap, which are not HTML.

use super::{Content, Sink};
use crate::diag::Diagnostic;

/// A sink that makes the internal links of HTML files relative before passing them on.
pub struct Relative<'a> {
    /// Where the rewritten files go.
    pub inner: &'a dyn Sink,
    /// The site's base path (`/` or `/presse/`): links starting with it are internal.
    pub base_path: &'a str,
    /// The site's origin (`https://presse.example.org`): a redirect page's target is a full
    /// URL under it.
    pub origin: &'a str,
}

impl Sink for Relative<'_> {
    fn put(&self, path: String, content: Content, origin: String) -> Result<(), Box<Diagnostic>> {
        if !path.ends_with(".html") {
            return self.inner.put(path, content, origin);
        }
        let html = rewrite(content.as_slice(), &path, self.base_path, self.origin);
        self.inner.put(path, Content::Owned(html), origin)
    }

    fn keep(&self, path: &str, origin: &str) -> Result<bool, Box<Diagnostic>> {
        self.inner.keep(path, origin)
    }
}

/// What starts a redirect page's target (`<meta http-equiv="refresh" content="0; url=…">`).
const REFRESH: &[u8] = b" content=\"0; url=";

/// The attributes whose values are links (and the redirect target).
const ATTRIBUTES: [&[u8]; 5] = [
    b" href=\"",
    b" src=\"",
    b" action=\"",
    b" data-base=\"",
    REFRESH,
];

/// The HTML of the file at `file` (relative to the output folder) with every internal link
/// relative to it. A redirect target, a full URL, is internal when it starts with `origin`.
pub fn rewrite(html: &[u8], file: &str, base_path: &str, origin: &str) -> Vec<u8> {
    static FINDER: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let Some(finder) = FINDER
        .get_or_init(|| aho_corasick::AhoCorasick::new(ATTRIBUTES).ok())
        .as_ref()
    else {
        return html.to_vec();
    };
    let depth = file.matches('/').count();
    let mut out = Vec::with_capacity(html.len() + 256);
    // Everything before `done` has been copied (or rewritten) to `out`.
    let mut done = 0;
    for m in finder.find_iter(html) {
        if m.start() < done {
            continue;
        }
        let value_start = m.end();
        let Some(len) = html[value_start..].iter().position(|&b| b == b'"') else {
            break;
        };
        let value = &html[value_start..value_start + len];
        let internal = std::str::from_utf8(value).ok().map(|v| {
            if ATTRIBUTES[m.pattern().as_usize()] == REFRESH {
                v.strip_prefix(origin).unwrap_or(v)
            } else {
                v
            }
        });
        if let Some(rel) = internal.and_then(|v| relative(v, depth, base_path)) {
            out.extend_from_slice(&html[done..value_start]);
            out.extend_from_slice(rel.as_bytes());
            done = value_start + len;
        }
    }
    out.extend_from_slice(&html[done..]);
    out
}

/// `value` relative to a file `depth` folders below the output root, if it is an internal
/// root-relative link (`/presse/x/` → `../x/index.html`); `None` leaves it as it is.
fn relative(value: &str, depth: usize, base_path: &str) -> Option<String> {
    // Protocol-relative URLs (`//host/…`) are external.
    if value.starts_with("//") {
        return None;
    }
    let rest = value.strip_prefix(base_path).or_else(|| {
        // The base path itself without its slash (`/presse`).
        (value == base_path.trim_end_matches('/') && base_path != "/").then_some("")
    })?;
    let (path, suffix) = match rest.find(['?', '#']) {
        Some(p) => rest.split_at(p),
        None => (rest, ""),
    };
    let mut rel = "../".repeat(depth);
    rel.push_str(path);
    if path.is_empty() || path.ends_with('/') {
        rel.push_str("index.html");
    }
    rel.push_str(suffix);
    Some(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rw(html: &str, file: &str, base: &str) -> String {
        String::from_utf8(rewrite(html.as_bytes(), file, base, "https://e.org")).unwrap()
    }

    #[test]
    fn links_become_relative_to_the_file_and_folders_get_their_index() {
        let page = "pressemitteilungen/2018/pakt/index.html";
        assert_eq!(
            rw("<a href=\"/programme/x/\">x</a>", page, "/"),
            "<a href=\"../../../programme/x/index.html\">x</a>"
        );
        assert_eq!(
            rw(
                "<link rel=\"stylesheet\" href=\"/css/herold.css\">",
                "index.html",
                "/"
            ),
            "<link rel=\"stylesheet\" href=\"css/herold.css\">"
        );
        assert_eq!(
            rw("<a href=\"/\">Start</a>", page, "/"),
            "<a href=\"../../../index.html\">Start</a>"
        );
        assert_eq!(
            rw(
                "<img src=\"/presse/pressemitteilungen/2018/pakt/foto.png\" alt=\"\">",
                page,
                "/presse/"
            ),
            "<img src=\"../../../pressemitteilungen/2018/pakt/foto.png\" alt=\"\">"
        );
        assert_eq!(
            rw(
                "<a href=\"/presse\">S</a><a href=\"/presse/kommunen/#l\">K</a>",
                "404.html",
                "/presse/"
            ),
            "<a href=\"index.html\">S</a><a href=\"kommunen/index.html#l\">K</a>"
        );
        assert_eq!(
            rw(
                "<form action=\"/suche/\" role=\"search\">",
                "a/index.html",
                "/"
            ),
            "<form action=\"../suche/index.html\" role=\"search\">"
        );
    }

    #[test]
    fn a_redirect_goes_to_the_relative_target() {
        assert_eq!(
            rw(
                "<meta http-equiv=\"refresh\" content=\"0; url=https://e.org/p/a/\">",
                "alt/x/index.html",
                "/p/"
            ),
            "<meta http-equiv=\"refresh\" content=\"0; url=../../a/index.html\">"
        );
    }

    #[test]
    fn full_urls_and_other_sites_stay_as_they_are() {
        for html in [
            "<link rel=\"canonical\" href=\"https://presse.example.org/x/\">",
            "<a href=\"//cdn.example.org/x\">x</a>",
            "<a href=\"mailto:presse@example.org\">m</a>",
            "<a href=\"#inhalt\">skip</a>",
            "<a href=\"/other/\">outside the base path</a>",
            "<p>href=\"/x/\" in text is not an attribute</p>",
        ] {
            assert_eq!(
                rw(
                    html,
                    "a/index.html",
                    if html.contains("outside") {
                        "/presse/"
                    } else {
                        "/"
                    }
                ),
                html
            );
        }
    }

    #[test]
    fn broken_html_is_passed_through() {
        assert_eq!(rw("<a href=\"/x", "index.html", "/"), "<a href=\"/x");
        assert_eq!(rw("", "index.html", "/"), "");
    }
}
