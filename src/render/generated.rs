//! The files herold generates besides the template pages: feeds (kept when their inputs did
//! not change), alias redirects, copied static files and bundle assets, and the sitemap.

use rayon::prelude::*;

use super::feeds::{self, FeedSpec, SitemapEntry};
use super::{push, templates, views, Fingerprints, Renderer};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::{Content, Sink};
use crate::site::ReleaseId;
use crate::urls::Target;

impl Renderer<'_> {
    pub(super) fn feeds(
        &self,
        sink: &dyn Sink,
        global: u64,
        previous: &Fingerprints,
        fingerprints: &mut Fingerprints,
        diags: &mut Diagnostics,
    ) {
        let s = self.site;
        let u = &self.urls;
        let t = views::strings(s.config.language);
        let all: Vec<ReleaseId> = (0..s.releases.len().min(feeds::FEED_ENTRIES))
            .map(|i| ReleaseId(i as u32))
            .collect();
        let mut specs = vec![(
            u.feed().file,
            FeedSpec {
                title: format!("{} – {}", s.config.title, t.releases),
                self_path: u.feed().path,
                page_path: u.home().path,
                releases: &all,
                full_text: true,
            },
        )];
        for (i, p) in s.programmes.iter().enumerate() {
            let f = u.programme_feed(&p.slug);
            specs.push((
                f.file,
                FeedSpec {
                    title: format!("{} – {}", s.config.title, p.name),
                    self_path: f.path,
                    page_path: u.programme(&p.slug).path,
                    releases: &s.links.programme_releases[i],
                    full_text: false,
                },
            ));
        }
        for (i, m) in s.municipalities.iter().enumerate() {
            let f = u.municipality_feed(&m.slug);
            specs.push((
                f.file,
                FeedSpec {
                    title: format!("{} – {}", s.config.title, m.name),
                    self_path: f.path,
                    page_path: u.municipality(&m.slug).path,
                    releases: &s.links.municipality_releases[i],
                    full_text: false,
                },
            ));
        }
        // A feed whose inputs did not change is kept from the previous build.
        let site_version = global;
        let versions: Vec<u64> = std::iter::once(site_version)
            .chain(s.programmes.iter().map(|p| p.version))
            .chain(s.municipalities.iter().map(|m| m.version))
            .collect();
        let todo: Vec<(&(String, FeedSpec), u64, bool)> = specs
            .iter()
            .zip(&versions)
            .map(|(spec, v)| {
                let target = Target {
                    path: spec.1.self_path.clone(),
                    file: spec.0.clone(),
                };
                let fp = self.feed_fingerprint(global, &target, *v, spec.1.releases);
                let keep = previous.get(&spec.0) == Some(fp);
                (spec, fp, keep)
            })
            .collect();
        // Each release's entry is escaped once per form (full text, summary only) and reused.
        let mut wanted = vec![[false; 2]; s.releases.len()];
        for ((_, spec), _, keep) in &todo {
            if !keep {
                spec.releases
                    .iter()
                    .take(feeds::FEED_ENTRIES)
                    .for_each(|id| wanted[id.index()][usize::from(spec.full_text)] = true);
            }
        }
        let entries: Vec<[String; 2]> = wanted
            .par_iter()
            .enumerate()
            .map(|(i, w)| {
                let id = ReleaseId(i as u32);
                let make = |full: bool| {
                    if w[usize::from(full)] {
                        feeds::entry(s, u, id, full)
                    } else {
                        String::new()
                    }
                };
                [make(false), make(true)]
            })
            .collect();
        let results: Vec<(String, u64, Result<(), Box<Diagnostic>>)> = todo
            .par_iter()
            .map(|((file, spec), fp, keep)| {
                let result = match keep.then(|| sink.keep(file, "feed")) {
                    Some(Ok(true)) => Ok(()),
                    Some(Err(d)) => Err(d),
                    _ => {
                        let xml = feeds::atom(s, u, spec, |id, full| {
                            entries[id.index()][usize::from(full)].as_str()
                        });
                        sink.put(file.clone(), xml.into(), "feed".into())
                    }
                };
                (file.clone(), *fp, result)
            })
            .collect();
        for (file, fp, result) in results {
            match result {
                Ok(()) => {
                    fingerprints.insert(file, fp);
                }
                Err(d) => diags.push(*d),
            }
        }
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
        for a in self.site.static_files.values() {
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
    pub(super) fn sitemap(
        &self,
        pages: &[(Target, String)],
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
                    u.release(r.date.date.year(), &r.slug).path,
                    r.updated.unwrap_or(r.date).date.to_string(),
                )
            })
            .collect();
        let not_found = u.not_found().path;
        let mut entries: Vec<SitemapEntry> = pages
            .iter()
            .map(|(t, _)| t)
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
