//! Atom feeds (site, per programme, per municipality), the sitemap and robots.txt: generated
//! by herold, valid by construction, every text escaped for XML.

use std::fmt::Write as _;

use rayon::prelude::*;

use crate::site::{ReleaseId, Site};
use crate::urls::Urls;

/// Entries per feed.
pub const FEED_ENTRIES: usize = 20;

/// Escapes text for XML content and attribute values, dropping characters XML forbids.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Everything to replace or drop is ASCII, or U+FFFE/U+FFFF (three bytes starting with
    // 0xEF): the text between is copied in one piece (every entry of every feed passes here).
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut from = 0;
    while let Some(at) = crate::escape::find_marked(&bytes[from..], &XML_MARKED) {
        let i = from + at;
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' | b'\n' | b'\r' => ("", 0),
            b if b < 0x20 => ("", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => ("", 0),
        };
        if len == 0 {
            from = i + 1;
            continue;
        }
        out.push_str(&s[plain..i]);
        out.push_str(replacement);
        plain = i + len;
        from = plain;
    }
    out.push_str(&s[plain..]);
    out
}

/// The bytes [`xml_escape`] looks at: the five specials, the control characters and 0xEF.
static XML_MARKED: [bool; 256] = {
    let mut table = crate::escape::marked(b"&<>\"'\xEF");
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table
};

/// The `<entry>` of every release in both forms (full text, summary only), each made the first
/// time a feed shows it: a release appears in the site feed and in the feeds of its programmes
/// and municipalities, and is escaped once.
#[derive(Debug)]
pub struct Entries {
    /// Boxed: exactly their length, as thousands are held until the feeds are written.
    cells: Vec<[std::sync::OnceLock<Box<str>>; 2]>,
}

impl Entries {
    /// No entries made yet for the releases of `site`.
    pub fn new(site: &Site) -> Self {
        Entries {
            cells: (0..site.releases.len())
                .map(|_| Default::default())
                .collect(),
        }
    }

    /// The entry of release `id`, with its full text or its summary.
    pub fn get(&self, site: &Site, urls: &Urls, id: ReleaseId, full_text: bool) -> &str {
        self.cells[id.index()][usize::from(full_text)]
            .get_or_init(|| entry(site, urls, id, full_text).into_boxed_str())
    }

    /// Frees the entries made so far (made again if asked for): the render calls it once
    /// every feed is written.
    pub fn forget(&mut self) {
        self.cells.par_iter_mut().for_each(|[summary, full]| {
            summary.take();
            full.take();
        });
    }
}

/// What a feed is about.
pub struct FeedSpec<'a> {
    /// Feed title.
    pub title: String,
    /// Root-relative URL of the feed itself.
    pub self_path: String,
    /// Root-relative URL of the HTML page it belongs to.
    pub page_path: String,
    /// Its releases, newest first (only the first [`FEED_ENTRIES`] are written).
    pub releases: &'a [ReleaseId],
    /// Whether entries carry the full text (the site feed) or only the summary (programme and
    /// municipality feeds, which would otherwise repeat every text a thousand times).
    pub full_text: bool,
}

/// Writes one Atom feed; `entry(id, full_text)` gives the ready `<entry>` XML of a release (see
/// [`entry`]), so a release shown in several feeds is escaped only once.
pub fn atom<'e>(
    site: &Site,
    urls: &Urls,
    spec: &FeedSpec<'_>,
    entry: impl Fn(ReleaseId, bool) -> &'e str,
) -> String {
    let shown: Vec<ReleaseId> = spec.releases.iter().take(FEED_ENTRIES).copied().collect();
    let updated = shown
        .iter()
        .map(|id| entry_updated(site, *id))
        .max()
        .or_else(|| site.releases.first().map(|r| r.modified().instant))
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |t| t.to_string());
    let mut x = String::with_capacity(1024 + shown.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        site.config.language.tag()
    );
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(&spec.title));
    let _ = writeln!(
        x,
        "  <id>{}</id>",
        xml_escape(&urls.permalink(&spec.self_path))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&urls.permalink(&spec.self_path))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&urls.permalink(&spec.page_path))
    );
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(
        x,
        "  <author><name>{}</name></author>",
        xml_escape(&site.config.title)
    );
    let _ = writeln!(x, "  <generator>herold</generator>");
    for id in shown {
        x.push_str(entry(id, spec.full_text));
    }
    x.push_str("</feed>\n");
    x
}

fn entry_updated(site: &Site, id: ReleaseId) -> jiff::Timestamp {
    site.release(id).modified().instant
}

/// The `<entry>` element of release `id`, with the full text as `<content>` if `full_text`.
pub fn entry(site: &Site, urls: &Urls, id: ReleaseId, full_text: bool) -> String {
    let r = site.release(id);
    let text = if full_text { &r.body_html } else { &r.summary };
    let mut s = String::with_capacity(text.len() * 5 / 4 + 512);
    let x = &mut s;
    let link = urls.permalink(&urls.release_path(r.date.date.year(), &r.slug));
    let t = crate::locale::strings(site.config.language);
    let _ = writeln!(x, "  <entry>");
    match &r.withdrawn {
        // A withdrawn release says so where feed readers look: its title and summary.
        Some(_) => {
            let title = format!("{}: {}", t.withdrawn, r.title);
            let _ = writeln!(x, "    <title>{}</title>", xml_escape(&title));
        }
        None => {
            let _ = writeln!(x, "    <title>{}</title>", xml_escape(&r.title));
        }
    }
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&link)
    );
    let _ = writeln!(x, "    <id>{}</id>", xml_escape(&link));
    let _ = writeln!(x, "    <published>{}</published>", r.date.instant);
    let _ = writeln!(x, "    <updated>{}</updated>", entry_updated(site, id));
    for issuer in &r.issuers {
        let _ = writeln!(
            x,
            "    <author><name>{}</name></author>",
            xml_escape(issuer)
        );
    }
    if let Some(k) = &r.kicker {
        let _ = writeln!(
            x,
            "    <category term=\"{}\" label=\"{}\"/>",
            xml_escape(r.topic.as_deref().unwrap_or("")),
            xml_escape(k)
        );
    }
    match &r.withdrawn {
        Some(w) => {
            let day = crate::locale::date(w.date.date, site.config.language);
            let summary = format!("{} {day}: {} – {}", t.withdrawn_on, w.reason, r.summary);
            let _ = writeln!(x, "    <summary>{}</summary>", xml_escape(&summary));
        }
        None => {
            let _ = writeln!(x, "    <summary>{}</summary>", xml_escape(&r.summary));
        }
    }
    if full_text {
        let _ = writeln!(
            x,
            "    <content type=\"html\">{}</content>",
            xml_escape(&r.body_html)
        );
    }
    let _ = writeln!(x, "  </entry>");
    s
}

/// One URL of the sitemap.
pub struct SitemapEntry {
    /// Root-relative URL path.
    pub path: String,
    /// Last modification (`YYYY-MM-DD`), if known.
    pub lastmod: Option<String>,
}

/// Writes sitemap.xml.
pub fn sitemap(urls: &Urls, entries: &[SitemapEntry]) -> String {
    let mut x = String::with_capacity(128 + entries.len() * 100);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for e in entries {
        let _ = write!(
            x,
            "  <url><loc>{}</loc>",
            xml_escape(&urls.permalink(&e.path))
        );
        if let Some(m) = &e.lastmod {
            let _ = write!(x, "<lastmod>{m}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// Writes robots.txt, naming the sitemap.
pub fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.permalink(&urls.sitemap().path)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml_escape("„Zusammenhalt“"), "„Zusammenhalt“");
    }

    #[test]
    fn xml_escaping_replaces_specials_and_drops_what_xml_forbids() {
        assert_eq!(
            xml_escape("a&b <c> \"d\" 'e'\tf\ng\r"),
            "a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;\tf\ng\r"
        );
        assert_eq!(
            xml_escape("x\u{0}y\u{1B}z\u{FFFE}ä\u{FFFF}\u{FFFD}ß"),
            "xyzä\u{FFFD}ß"
        );
        assert_eq!(xml_escape("Straße – ok"), "Straße – ok");
        assert_eq!(xml_escape(""), "");
        // Specials at every place of texts longer than the eight bytes looked at at once.
        for len in 0..20 {
            for at in 0..len {
                for (special, escaped) in [("&", "&amp;"), ("\u{1}", ""), ("\u{FFFF}", "")] {
                    let mut text = "a".repeat(len);
                    text.replace_range(at..at + 1, special);
                    let want = format!("{}{escaped}{}", "a".repeat(at), "a".repeat(len - at - 1));
                    assert_eq!(xml_escape(&text), want, "{len} {at} {special:?}");
                }
            }
        }
    }
}
