//! `Urls`: the only code that builds URL paths, permalinks and output file paths.
//!
//! Every page is `DIR/index.html` and linked as `DIR/`, so any static server serves pretty
//! URLs. Links are root-relative and include the base URL's path (`/presse/…`), so a site
//! works under a sub-path; feeds, sitemap and canonical links use the full permalink.

use crate::config::{Config, Paths};

/// A place in the site: the URL path to link to and the file that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Root-relative URL path including the base path, e.g. `/presse/programme/x/`.
    pub path: String,
    /// Output file relative to the output folder, e.g. `programme/x/index.html`.
    pub file: String,
}

/// URL builder for one site.
#[derive(Debug, Clone)]
pub struct Urls {
    origin: String,
    base: String,
    words: Paths,
}

impl Urls {
    /// Builds the URL scheme from the configuration.
    pub fn new(config: &Config) -> Self {
        Urls {
            origin: config.origin.clone(),
            base: config.base_path.clone(),
            words: config.paths.clone(),
        }
    }

    /// A directory page at `dir` (relative, no leading or trailing slash; empty for home).
    fn dir(&self, dir: &str) -> Target {
        if dir.is_empty() {
            return Target {
                path: self.base.clone(),
                file: "index.html".into(),
            };
        }
        self.target(&[dir])
    }

    /// A file at `rel` (relative, e.g. `feed.xml`).
    pub fn file(&self, rel: &str) -> Target {
        Target {
            path: format!("{}{rel}", self.base),
            file: rel.to_string(),
        }
    }

    /// The full URL of a root-relative path from this module.
    pub fn permalink(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.origin.len() + path.len());
        url.push_str(&self.origin);
        url.push_str(path);
        url
    }

    /// The URL path of the folder page made of `parts` (`/BASE/a/b/`): what `dir` gives as
    /// `path`, in one piece, without the file name or `format!` (links to releases and
    /// records are made tens of thousands of times a build).
    fn path_of(&self, parts: &[&str]) -> String {
        let len = self.base.len() + parts.iter().map(|p| p.len() + 1).sum::<usize>();
        let mut path = String::with_capacity(len);
        path.push_str(&self.base);
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                path.push('/');
            }
            path.push_str(part);
        }
        path.push('/');
        path
    }

    /// The URL path of a release page (the `path` of [`Urls::release`]).
    pub fn release_path(&self, year: i16, slug: &str) -> String {
        let year = year.to_string();
        self.path_of(&[&self.words.releases, &year, slug])
    }

    /// The URL path of a programme page (the `path` of [`Urls::programme`]).
    pub fn programme_path(&self, slug: &str) -> String {
        self.path_of(&[&self.words.programmes, slug])
    }

    /// The URL path of a municipality page (the `path` of [`Urls::municipality`]).
    pub fn municipality_path(&self, slug: &str) -> String {
        self.path_of(&[&self.words.municipalities, slug])
    }

    /// The URL path of a topic's first page (the `path` of [`Urls::topic`] for page 1).
    pub fn topic_path(&self, slug: &str) -> String {
        self.path_of(&[&self.words.topics, slug])
    }

    /// The site's host name, without scheme and port (`presse.example.org`): the domain of
    /// the calendar's event ids.
    pub fn host(&self) -> &str {
        let rest = self
            .origin
            .split_once("://")
            .map_or(&*self.origin, |(_, r)| r);
        match rest.rsplit_once(':') {
            // A port, not the end of an IPv6 address (`[::1]`).
            Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
            _ => rest,
        }
    }

    /// A JSON Schema of the open-data files (`daten/schema/kommunen.schema.json`).
    pub fn data_schema(&self, name: &str) -> Target {
        self.file(&format!("{}/schema/{name}", self.words.data))
    }

    /// The open-data page, which describes the files.
    pub fn data(&self) -> Target {
        self.dir(&self.words.data)
    }

    /// The base path (`/` or `/presse/`).
    pub fn base_path(&self) -> &str {
        &self.base
    }

    /// Page `n` (1-based) of a paginated list rooted at the folder made of `parts`: the
    /// folder itself for page 1, else its `seite/N/`. Built in one piece, without `format!`:
    /// every list page links a handful of its siblings.
    fn paged_at(&self, parts: &[&str], n: usize) -> Target {
        let parts: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
        if n <= 1 {
            return match parts.as_slice() {
                [] => self.dir(""),
                _ => self.target(&parts),
            };
        }
        let number = n.to_string();
        let mut all = parts;
        all.push(&self.words.page);
        all.push(&number);
        self.target(&all)
    }

    /// The folder page made of `parts` (not empty): its path and its `index.html`.
    fn target(&self, parts: &[&str]) -> Target {
        let path = self.path_of(parts);
        let mut file = String::with_capacity(path.len() + 10);
        for part in parts {
            file.push_str(part);
            file.push('/');
        }
        file.push_str("index.html");
        Target { path, file }
    }

    /// The home page.
    pub fn home(&self) -> Target {
        self.dir("")
    }

    /// Page `n` of the release archive.
    pub fn archive(&self, n: usize) -> Target {
        self.paged_at(&[&self.words.releases], n)
    }

    /// Page `n` of a year archive.
    pub fn year(&self, year: i16, n: usize) -> Target {
        let year = year.to_string();
        self.paged_at(&[&self.words.releases, &year], n)
    }

    /// A release page.
    pub fn release(&self, year: i16, slug: &str) -> Target {
        let words = &self.words.releases;
        let mut dir = String::with_capacity(words.len() + slug.len() + 8);
        dir.push_str(words);
        dir.push('/');
        let _ = std::fmt::Write::write_fmt(&mut dir, format_args!("{year}"));
        dir.push('/');
        dir.push_str(slug);
        self.dir(&dir)
    }

    /// A file of a release's bundle, copied next to its page.
    pub fn release_asset(&self, year: i16, slug: &str, rel: &str) -> Target {
        self.file(&format!("{}/{year}/{slug}/{rel}", self.words.releases))
    }

    /// A file from `static/`.
    pub fn static_file(&self, rel: &str) -> Target {
        self.file(rel)
    }

    /// The programme index.
    pub fn programmes(&self) -> Target {
        self.dir(&self.words.programmes)
    }

    /// A programme page.
    pub fn programme(&self, slug: &str) -> Target {
        self.programme_page(slug, 1)
    }

    /// Page `n` of a programme's releases: page 1 is the programme page itself, the others
    /// `…/SLUG/seite/N/`.
    pub fn programme_page(&self, slug: &str, n: usize) -> Target {
        self.paged_at(&[&self.words.programmes, slug], n)
    }

    /// A programme's feed.
    pub fn programme_feed(&self, slug: &str) -> Target {
        self.file(&format!("{}/{slug}/feed.xml", self.words.programmes))
    }

    /// The municipality index.
    pub fn municipalities(&self) -> Target {
        self.dir(&self.words.municipalities)
    }

    /// A municipality page.
    pub fn municipality(&self, slug: &str) -> Target {
        self.municipality_page(slug, 1)
    }

    /// Page `n` of a municipality's releases: page 1 is the municipality page itself, the
    /// others `…/SLUG/seite/N/`.
    pub fn municipality_page(&self, slug: &str, n: usize) -> Target {
        self.paged_at(&[&self.words.municipalities, slug], n)
    }

    /// A municipality's feed.
    pub fn municipality_feed(&self, slug: &str) -> Target {
        self.file(&format!("{}/{slug}/feed.xml", self.words.municipalities))
    }

    /// The topic index.
    pub fn topics(&self) -> Target {
        self.dir(&self.words.topics)
    }

    /// Page `n` of a topic.
    pub fn topic(&self, slug: &str, n: usize) -> Target {
        self.paged_at(&[&self.words.topics, slug], n)
    }

    /// A plain page.
    pub fn page(&self, slug: &str) -> Target {
        self.dir(slug)
    }

    /// The site feed.
    pub fn feed(&self) -> Target {
        self.file("feed.xml")
    }

    /// The sitemap.
    pub fn sitemap(&self) -> Target {
        self.file("sitemap.xml")
    }

    /// robots.txt.
    pub fn robots(&self) -> Target {
        self.file("robots.txt")
    }

    /// The search page (its index files lie in its folder, see [`Urls::search_file`]).
    pub fn search(&self) -> Target {
        self.dir(&self.words.search)
    }

    /// A file of the search index, inside the search page's folder (`suche/index/…`).
    pub fn search_file(&self, rel: &str) -> Target {
        self.file(&format!("{}/{rel}", self.words.search))
    }

    /// An open-data file (`daten/pressemitteilungen.json`).
    pub fn data_file(&self, name: &str) -> Target {
        self.file(&format!("{}/{name}", self.words.data))
    }

    /// The events page: upcoming events first, then past ones.
    pub fn calendar(&self) -> Target {
        self.dir(&self.words.calendar)
    }

    /// The iCalendar file of every event (`termine.ics`).
    pub fn calendar_ics(&self) -> Target {
        self.file(&format!("{}.ics", self.words.calendar))
    }

    /// The iCalendar file of one release's event, beside its page.
    pub fn release_ics(&self, year: i16, slug: &str) -> Target {
        self.file(&format!("{}/{year}/{slug}/termin.ics", self.words.releases))
    }

    /// The 404 page (a file, so servers can be pointed at it).
    pub fn not_found(&self) -> Target {
        self.file("404.html")
    }

    /// A redirect page for an alias path as written (`/a/b/` or `/a/b.html`), relative to the
    /// site's base path.
    pub fn alias(&self, alias: &str) -> Target {
        let rel = alias.trim_start_matches('/');
        if rel.ends_with('/') || !rel.rsplit('/').next().unwrap_or("").contains('.') {
            self.dir(rel.trim_end_matches('/'))
        } else {
            self.file(rel)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn paths_are_the_paths_of_the_targets() {
        for base in [
            "https://presse.example.org",
            "https://www.example.de/presse/",
        ] {
            let u = urls(base);
            assert_eq!(u.release_path(2018, "a-b"), u.release(2018, "a-b").path);
            assert_eq!(u.programme_path("p"), u.programme("p").path);
            assert_eq!(u.municipality_path("m"), u.municipality("m").path);
            assert_eq!(u.topic_path("t"), u.topic("t", 1).path);
        }
    }

    fn urls(base: &str) -> Urls {
        let text: Arc<str> = Arc::from(format!("title = \"T\"\nbase_url = \"{base}\"\n"));
        Urls::new(&Config::parse(&text, None).unwrap())
    }

    #[test]
    fn root_site() {
        let u = urls("https://presse.example.org");
        assert_eq!(
            u.home(),
            Target {
                path: "/".into(),
                file: "index.html".into()
            }
        );
        assert_eq!(u.archive(1).path, "/pressemitteilungen/");
        assert_eq!(u.archive(2).path, "/pressemitteilungen/seite/2/");
        assert_eq!(u.archive(2).file, "pressemitteilungen/seite/2/index.html");
        assert_eq!(
            u.release(2018, "pakt").path,
            "/pressemitteilungen/2018/pakt/"
        );
        assert_eq!(u.year(2018, 3).path, "/pressemitteilungen/2018/seite/3/");
        assert_eq!(u.programme_feed("x").file, "programme/x/feed.xml");
        assert_eq!(u.programme_page("x", 1), u.programme("x"));
        assert_eq!(u.programme_page("x", 2).path, "/programme/x/seite/2/");
        assert_eq!(
            u.municipality_page("y", 3).file,
            "kommunen/y/seite/3/index.html"
        );
        assert_eq!(u.topic("integration", 1).path, "/themen/integration/");
        assert_eq!(u.search().file, "suche/index.html");
        assert_eq!(u.data_file("kommunen.json").path, "/daten/kommunen.json");
        assert_eq!(u.calendar().path, "/termine/");
        assert_eq!(u.data().file, "daten/index.html");
        assert_eq!(
            u.data_schema("kommunen.schema.json").path,
            "/daten/schema/kommunen.schema.json"
        );
        assert_eq!(u.host(), "presse.example.org");
        assert_eq!(u.calendar_ics().file, "termine.ics");
        assert_eq!(
            u.release_ics(2018, "pakt").path,
            "/pressemitteilungen/2018/pakt/termin.ics"
        );
        assert_eq!(
            u.permalink(&u.feed().path),
            "https://presse.example.org/feed.xml"
        );
    }

    #[test]
    fn sub_path_site() {
        let u = urls("https://example.org/presse/");
        assert_eq!(u.home().path, "/presse/");
        assert_eq!(u.home().file, "index.html");
        assert_eq!(
            u.municipality("loeffingen").path,
            "/presse/kommunen/loeffingen/"
        );
        assert_eq!(
            u.municipality("loeffingen").file,
            "kommunen/loeffingen/index.html"
        );
        assert_eq!(
            u.municipality_page("loeffingen", 2).path,
            "/presse/kommunen/loeffingen/seite/2/"
        );
        assert_eq!(
            u.permalink(&u.sitemap().path),
            "https://example.org/presse/sitemap.xml"
        );
        assert_eq!(
            u.static_file("css/herold.css").path,
            "/presse/css/herold.css"
        );
    }

    #[test]
    fn host_has_no_scheme_and_no_port() {
        assert_eq!(urls("http://localhost:1111/p/").host(), "localhost");
        assert_eq!(
            urls("https://www.example.de/presse/").host(),
            "www.example.de"
        );
        assert_eq!(urls("http://[::1]:8080/").host(), "[::1]");
    }

    #[test]
    fn aliases() {
        let u = urls("https://e.org/p/");
        assert_eq!(u.alias("/alt/pakt/").file, "alt/pakt/index.html");
        assert_eq!(u.alias("/alt/pakt.html").file, "alt/pakt.html");
        assert_eq!(u.alias("/alt/pakt").file, "alt/pakt/index.html");
    }
}
