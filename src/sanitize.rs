//! Sanitising the HTML of Markdown texts that contain raw HTML or unsafe link targets.
//!
//! [`crate::markdown::render`] notices raw HTML and links or images whose URL scheme is not on
//! [`URL_SCHEMES`] while it walks the Markdown events, and only such texts are passed through
//! [`clean`]: ammonia, configured to keep everything pulldown-cmark itself writes (heading ids,
//! footnote markup, table alignment, `<del>`, code, lists, links with titles, images) and to
//! drop scripts, styles, frames, forms, event handlers and `javascript:`/`data:` URLs.

use std::borrow::Cow;
use std::sync::LazyLock;

/// URL schemes a link or image may use (ammonia's default list). Relative URLs are always fine.
pub const URL_SCHEMES: [&str; 25] = [
    "bitcoin",
    "ftp",
    "ftps",
    "geo",
    "http",
    "https",
    "im",
    "irc",
    "ircs",
    "magnet",
    "mailto",
    "mms",
    "mx",
    "news",
    "nntp",
    "openpgp4fpr",
    "sip",
    "sms",
    "smsto",
    "ssh",
    "tel",
    "url",
    "webcal",
    "wtai",
    "xmpp",
];

/// The `style` values pulldown-cmark writes on table cells; every other style is dropped.
const TABLE_ALIGN: [&str; 3] = [
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.link_rel(None)
        .url_schemes(URL_SCHEMES.into_iter().collect())
        // heading ids and footnote anchors; footnote and code classes; heading attributes
        .add_generic_attributes(["id", "class", "dir"])
        .add_generic_attribute_prefixes(["data-"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .attribute_filter(|_element: &str, attribute: &str, value: &str| {
            if attribute == "style" && !TABLE_ALIGN.contains(&value) {
                None
            } else {
                Some(Cow::Borrowed(value))
            }
        });
    b
});

/// Sanitises an HTML fragment: allowed tags and attributes stay, scripts, styles and their
/// content, event handlers, unknown elements and unsafe URLs go.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// True when `url` is relative or uses one of [`URL_SCHEMES`]. The scheme is read the way a
/// browser reads it: surrounding spaces and control characters and any tab or line break
/// inside do not hide it (`" java\tscript:"` is `javascript:`).
pub fn url_is_safe(url: &str) -> bool {
    let mut scheme = String::new();
    for c in url.trim_matches(|c: char| c <= ' ').chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            ':' => {
                return URL_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(&scheme));
            }
            '/' | '?' | '#' => return true,
            c => scheme.push(c),
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        for ok in [
            "https://x.de/",
            "/dokumente/a.pdf",
            "a.pdf",
            "#fn1",
            "mailto:a@b.de",
            "tel:+49711",
            "?q=a:b",
            "./x:y",
            "",
        ] {
            assert!(url_is_safe(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "\u{1}javascript:x",
            "data:text/html,<script>",
            "vbscript:x",
            "c:x",
        ] {
            assert!(!url_is_safe(bad), "{bad}");
        }
    }

    #[test]
    fn cleaning_keeps_markdown_output_and_drops_scripts() {
        let html = "<h2 id=\"a\" class=\"b\">A</h2>\n<table><thead><tr><th style=\"text-align: center\">x</th></tr></thead></table>\n<p><a href=\"https://x.de/\" title=\"T\">l</a><sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup><del>d</del></p>\n<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup></div>\n<ol start=\"3\"><li><code>c</code></li></ol>";
        let out = clean(html);
        for keep in [
            "<h2 id=\"a\" class=\"b\">",
            "<th style=\"text-align: center\">",
            "<a href=\"https://x.de/\" title=\"T\">l</a>",
            "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
            "<del>d</del>",
            "<div class=\"footnote-definition\" id=\"1\">",
            "<ol start=\"3\">",
            "<code>c</code>",
        ] {
            assert!(out.contains(keep), "{keep} missing in {out}");
        }
        let out = clean("<p onclick=\"x()\" style=\"color:red\">a<script>alert(1)</script><style>p{}</style><iframe src=\"https://e.org\"></iframe><a href=\"javascript:alert(1)\">b</a><img src=\"data:image/png;base64,AA\" onerror=\"x()\"></p><td style=\"position:fixed\">");
        for gone in [
            "onclick",
            "script",
            "alert",
            "style",
            "iframe",
            "javascript",
            "data:",
            "onerror",
        ] {
            assert!(!out.contains(gone), "{gone} survived in {out}");
        }
    }
}
