//! The files herold generates besides the template pages: feeds (rendered as jobs like the
//! pages), alias redirects, copied static files and bundle assets, and the sitemap.

use super::feeds::{self, FeedSpec, SitemapEntry};
use super::{push, templates, views, FeedOf, Fingerprints, Renderer};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::{Content, Sink};
use crate::site::ReleaseId;
use crate::urls::Target;

impl Renderer<'_> {
    /// The Atom feed of `of`: the site's newest releases with their full texts, or a
    /// programme's or municipality's with their summaries. `target` is the feed's own place.
    pub(super) fn feed(&self, of: FeedOf, target: &Target) -> String {
        let s = self.site;
        let u = &self.urls;
        let t = views::strings(s.config.language);
        let (name, page_path, releases, full_text): (&str, String, &[ReleaseId], bool) = match of {
            FeedOf::Site => (t.releases, u.home().path, &self.all, true),
            FeedOf::Programme(id) => {
                let p = s.programme(id);
                let releases = &s.links.programme_releases[id.index()];
                (&p.name, u.programme_path(&p.slug), releases, false)
            }
            FeedOf::Municipality(id) => {
                let m = s.municipality(id);
                let releases = &s.links.municipality_releases[id.index()];
                (&m.name, u.municipality_path(&m.slug), releases, false)
            }
        };
        let spec = FeedSpec {
            title: format!("{} – {name}", s.config.title),
            self_path: target.path.clone(),
            page_path,
            releases,
            full_text,
        };
        feeds::atom(s, u, &spec, |id, full| self.entries.get(s, u, id, full))
    }

    pub(super) fn aliases(&self, sink: &dyn Sink, diags: &mut Diagnostics) {
        let s = self.site;
        let u = &self.urls;
        let t = views::strings(s.config.language);
        let lang = s.config.language.tag();
        let mut add = |alias: &crate::model::Reference, to: &Target, origin: &str| {
            let html = redirect_page(lang, t.redirect, &u.permalink(&to.path), &to.path);
            if let Err(d) = sink.put(
                u.alias(&alias.slug).file,
                html.into(),
                format!("alias in {origin}"),
            ) {
                diags.push(Diagnostic {
                    location: Some(alias.location.clone()),
                    ..*d
                });
            }
        };
        for r in s.releases.iter().filter(|r| !r.aliases.is_empty()) {
            let to = u.release(r.date.date.year(), &r.slug);
            r.aliases.iter().for_each(|a| add(a, &to, &r.source));
        }
        for p in &s.pages {
            let to = u.page(&p.slug);
            p.aliases.iter().for_each(|a| add(a, &to, &p.source));
        }
        // The first archive page also answers at …/seite/1/, as peers do.
        let first = u.archive(1);
        let html = redirect_page(lang, t.redirect, &u.permalink(&first.path), &first.path);
        let one = u.alias(&format!(
            "/{}/{}/1/",
            s.config.paths.releases, s.config.paths.page
        ));
        push(sink, one.file, html.into(), "archive page 1".into(), diags);
    }

    pub(super) fn assets(&self, sink: &dyn Sink, diags: &mut Diagnostics) {
        let u = &self.urls;
        let search = self.site.config.outputs.search;
        for a in self.site.static_files.values() {
            if !search && a.rel == super::search::SCRIPT {
                continue;
            }
            push(
                sink,
                u.static_file(&a.rel).file,
                Content::Shared(a.bytes.clone()),
                a.origin.clone(),
                diags,
            );
        }
        for r in &self.site.releases {
            for a in &r.assets {
                let file = u.release_asset(r.date.date.year(), &r.slug, &a.rel).file;
                push(
                    sink,
                    file,
                    Content::Shared(a.bytes.clone()),
                    a.origin.clone(),
                    diags,
                );
            }
        }
    }

    /// The sitemap lists every rendered page but the 404 page, with release dates as lastmod.
    /// It is kept from the previous build when neither the pages nor the dates changed.
    pub(super) fn sitemap<'t>(
        &self,
        pages: impl Iterator<Item = &'t Target>,
        layout: u64,
        sink: &dyn Sink,
        (global, previous, fingerprints): (u64, &Fingerprints, &mut Fingerprints),
        diags: &mut Diagnostics,
    ) {
        let u = &self.urls;
        let file = u.sitemap().file;
        let fp = self.sitemap_fingerprint(global, layout);
        fingerprints.insert(file.clone(), fp);
        if previous.get(&file) == Some(fp) {
            match sink.keep(&file, "sitemap") {
                Ok(true) => return,
                Ok(false) => {}
                Err(d) => return diags.push(*d),
            }
        }
        let release_dates: std::collections::HashMap<String, String> = self
            .site
            .releases
            .iter()
            .map(|r| {
                (
                    u.release_path(r.date.date.year(), &r.slug),
                    r.modified().date.to_string(),
                )
            })
            .collect();
        let not_found = u.not_found().path;
        let mut entries: Vec<SitemapEntry> = pages
            .filter(|t| t.path != not_found)
            .map(|t| SitemapEntry {
                path: t.path.clone(),
                lastmod: release_dates.get(&t.path).cloned(),
            })
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        push(
            sink,
            file,
            feeds::sitemap(u, &entries).into(),
            "sitemap".into(),
            diags,
        );
    }
}

/// A redirect page for an alias: meta refresh plus a visible link, canonical to the target.
fn redirect_page(lang: &str, text: &str, permalink: &str, path: &str) -> String {
    let p = templates::escape_html(path);
    let c = templates::escape_html(permalink);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{text}</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{c}\">\n<meta http-equiv=\"refresh\" content=\"0; url={c}\">\n</head>\n<body>\n<p><a href=\"{p}\">{text}: {p}</a></p>\n</body>\n</html>\n"
    )
}
