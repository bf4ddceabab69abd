//! Rendering: from the resolved [`Site`] to output files, handed to a [`Sink`].
//!
//! One job per page, rendered in parallel with rayon; each job returns its file or a
//! diagnostic, and all results are gathered before deciding. Feeds, sitemap, robots.txt and
//! alias redirects are generated directly (valid by construction); static files and bundle
//! assets of published releases are added as they are.

mod events;
pub mod feeds;
mod generated;
pub mod ical;
pub mod incremental;
pub mod map;
mod opendata;
mod pages;
mod search;
pub mod templates;
pub mod views;

pub use incremental::Fingerprints;
pub use templates::Compiled;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::page::PageRole;
use crate::output::{Content, Sink};
use crate::site::{MunicipalityId, ProgrammeId, ReleaseId, Site};
use crate::urls::{Target, Urls};
use views::*;

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Release(ReleaseId),
    Archive(usize),
    Year(usize, usize),
    TopicIndex,
    Topic(usize, usize),
    ProgrammeIndex,
    /// Page `n` of a programme: 1 is its page, 2.. the rest of its releases.
    Programme(ProgrammeId, usize),
    MunicipalityIndex,
    /// Page `n` of a municipality: 1 is its page, 2.. the rest of its releases.
    Municipality(MunicipalityId, usize),
    Page(usize),
    NotFound,
    Search,
    Feed(FeedOf),
    /// The events page (`/termine/`).
    Calendar,
    /// `termine.ics`: every event.
    CalendarIcs,
    /// `termin.ics` of a release with an event.
    ReleaseIcs(ReleaseId),
    /// The open-data page (`/daten/`).
    DataPage,
    /// An open-data file.
    Data(opendata::DataSet),
}

impl Job {
    /// True for HTML pages (listed in the sitemap); false for feeds, calendars and data.
    fn is_page(self) -> bool {
        !matches!(
            self,
            Job::Feed(_) | Job::CalendarIcs | Job::ReleaseIcs(_) | Job::Data(_)
        )
    }
}

/// Whose Atom feed a job makes.
#[derive(Debug, Clone, Copy)]
enum FeedOf {
    Site,
    Programme(ProgrammeId),
    Municipality(MunicipalityId),
}

/// What a job makes: an HTML page from a template and its context, or a generated file
/// (feed, calendar, data).
enum Made {
    Html(&'static str, Context),
    Feed(String),
}

/// Bytes reserved for a rendered page (most pages of the default theme are 8–20 KB).
const PAGE_CAPACITY: usize = 16 * 1024;

/// Number of releases on the home page.
pub(super) const HOME_RELEASES: usize = 10;

struct Renderer<'a> {
    site: &'a Site,
    urls: Urls,
    tera: &'a Tera,
    cards: Cards<'a>,
    /// Every release, newest first (the archive).
    all: Vec<ReleaseId>,
    /// The feed entries of every release, each made the first time a feed shows it.
    entries: feeds::Entries,
    /// The releases with an event, upcoming and past (empty when calendars are off).
    events: events::Split,
    /// The site-wide inputs (see [`incremental::global`]).
    global: u64,
    /// The open-data entries of the previous render, and those of this one once made.
    data: (
        Option<&'a opendata::Fragments>,
        std::sync::OnceLock<opendata::Fragments>,
    ),
    /// Whether the open-data entries made now are kept for the next render.
    keep_data: bool,
    /// The JSON-LD every release page may name, serialised once.
    linked: LinkedData,
    /// The site's feed, which every page links to.
    site_feed: OwnedLink,
}

/// A page's fingerprint and, if it was kept from the previous build, whether that worked.
type Checked = (u64, Option<Result<(), Box<Diagnostic>>>);

/// Renders the whole site into `sink` (see [`render_with`]).
pub fn render(
    site: &Site,
    sink: &dyn Sink,
    previous: &Fingerprints,
    diags: &mut Diagnostics,
) -> Fingerprints {
    render_with(site, sink, previous, &mut Compiled::default(), diags)
}

/// Renders the whole site into `sink`. A page or feed whose fingerprint equals the one in
/// `previous` is kept from the previous build if the sink still has it (see
/// [`Sink::keep`]); everything else is rendered. Returns the new fingerprints; problems go to
/// `diags`.
pub fn render_with(
    site: &Site,
    sink: &dyn Sink,
    previous: &Fingerprints,
    compiled: &mut Compiled,
    diags: &mut Diagnostics,
) -> Fingerprints {
    let keep_data = compiled.is_rerendered();
    let Some((tera, search_cache)) = compiled.with_search(site, diags) else {
        return Fingerprints::new();
    };
    let urls = Urls::new(&site.config);
    // `site` and `t` are the same for every page and card: Tera's global context holds them
    // once, and each page's context has only its own values.
    shared_context(site, &urls, tera.global_context());
    let tera = &*tera;
    let paint = |card: &ReleaseCard<'_>, heading: Heading| {
        paint_card((tera, &site.templates), card, heading)
    };
    let cards = Cards::new(site, &urls, Some(&paint));
    let global = incremental::global(site);
    let linked = LinkedData::new(site, &urls);
    let site_feed = OwnedLink {
        title: format!(
            "{} – {}",
            site.config.title,
            views::strings(site.config.language).releases
        ),
        url: urls.feed().path,
    };
    let mut r = Renderer {
        site,
        urls,
        tera,
        cards,
        all: (0..site.releases.len())
            .map(|i| ReleaseId(i as u32))
            .collect(),
        entries: feeds::Entries::new(site),
        events: if site.config.outputs.calendar {
            events::split(site)
        } else {
            events::Split::default()
        },
        global,
        data: (previous.data(), std::sync::OnceLock::new()),
        keep_data,
        linked,
        site_feed,
    };
    let layout = incremental::layout(site, global);

    let jobs = r.jobs();
    let memo = previous.pages_of(layout, jobs.len());
    // Where each page goes: as in the previous render when the layout is the same.
    let places: Arc<[(Target, String)]> = match memo {
        Some(m) => Arc::clone(&m.places),
        None => jobs.par_iter().map(|job| r.place(*job)).collect(),
    };
    let previous_fp = |i: usize, file: &str| match memo {
        Some(m) => Some(m.fps[i]),
        None => previous.get(file),
    };
    // The search index first (its own work spread over the cores), freed by a one-off build
    // before the pages' cards pile up. Then the pages, and beside them (on whichever core is
    // free) the generated files that do not need them: the sitemap and the fixed files.
    // Redirects and assets come after the pages, so that a clash of an alias with a page is
    // always reported at the alias, whatever was claimed first.
    let mut fingerprints = Fingerprints::new();
    if site.config.outputs.search {
        r.search_index(search_cache, sink, (previous, &mut fingerprints), diags);
        if !keep_data {
            search_cache.forget();
        }
    }
    let (pages, (extra_fps, extra_diags)) = rayon::join(
        || render_pages(&r, &jobs, &places, sink, previous_fp, global),
        || {
            let mut fps = Fingerprints::new();
            let mut d = Diagnostics::new();
            r.extras(&jobs, &places, layout, sink, (previous, &mut fps), &mut d);
            (fps, d)
        },
    );
    r.cards.forget();
    r.entries.forget();
    let (fps, results) = pages;
    r.aliases(sink, diags);
    r.assets(sink, diags);

    fingerprints.absorb(extra_fps);
    let mut seen_errors = BTreeSet::new();
    for result in results {
        // One broken template fails every page using it: report it once.
        if let Err(d) = result {
            if seen_errors.insert(d.to_string()) {
                diags.push(*d);
            }
        }
    }
    diags.extend(extra_diags);
    // A failed render is not kept (see `Builder`), so its fingerprints are never compared.
    fingerprints.set_pages(incremental::Pages {
        layout,
        places: Arc::clone(&places),
        fps,
    });
    // The open-data entries made now, or (when the file was kept) the previous ones.
    fingerprints.set_data(match r.data.1.into_inner() {
        Some(made) => Some(Arc::new(made)),
        None if site.config.outputs.json => previous.data_shared(),
        None => None,
    });
    fingerprints
}

/// Renders the pages of `jobs` into `sink`: first each page whose inputs did not change is
/// kept from the previous build; then the others are rendered in parallel, each handed to the
/// sink at once (on disk: written), so the whole site is never held in memory. Two passes, so
/// the dozen pages a rebuild renders (some of them large) are spread over all cores. Returns
/// each page's fingerprint and outcome, in the order of `jobs`.
fn render_pages(
    r: &Renderer<'_>,
    jobs: &[Job],
    places: &[(Target, String)],
    sink: &dyn Sink,
    previous_fp: impl Fn(usize, &str) -> Option<u64> + Sync,
    global: u64,
) -> (Vec<u64>, Vec<Result<(), Box<Diagnostic>>>) {
    let checked: Vec<Checked> = jobs
        .par_iter()
        .zip(places.par_iter())
        .enumerate()
        .map(|(i, (job, (target, origin)))| {
            let fp = r.fingerprint(*job, global);
            let kept = if previous_fp(i, &target.file) == Some(fp) {
                match sink.keep(&target.file, origin) {
                    Ok(true) => Some(Ok(())),
                    Ok(false) => None,
                    Err(d) => Some(Err(d)),
                }
            } else {
                None
            };
            (fp, kept)
        })
        .collect();
    let todo: Vec<usize> = (0..checked.len())
        .filter(|&i| checked[i].1.is_none())
        .collect();
    let rendered: Vec<(usize, Result<(), Box<Diagnostic>>)> = todo
        .par_iter()
        .with_max_len(1)
        .map(|&i| {
            let (target, origin) = &places[i];
            (i, r.emit(jobs[i], target, origin.clone(), sink))
        })
        .collect();
    let (fps, mut results): (Vec<u64>, Vec<Result<(), Box<Diagnostic>>>) = checked
        .into_iter()
        .map(|(fp, kept)| (fp, kept.unwrap_or(Ok(()))))
        .unzip();
    for (i, result) in rendered {
        results[i] = result;
    }
    (fps, results)
}

impl Renderer<'_> {
    /// The generated files besides pages, feeds and the search index: the sitemap, the
    /// open-data schemas and robots.txt.
    fn extras(
        &self,
        jobs: &[Job],
        places: &[(Target, String)],
        layout: u64,
        sink: &dyn Sink,
        (previous, fingerprints): (&Fingerprints, &mut Fingerprints),
        diags: &mut Diagnostics,
    ) {
        self.sitemap(
            jobs.iter()
                .zip(places.iter())
                .filter(|(job, _)| job.is_page())
                .map(|(_, (target, _))| target),
            layout,
            sink,
            (self.global, previous, fingerprints),
            diags,
        );
        if self.site.config.outputs.json {
            opendata::schemas(&self.urls, sink, diags);
        }
        push(
            sink,
            self.urls.robots().file,
            feeds::robots(&self.urls).into(),
            "robots.txt".into(),
            diags,
        );
    }
}

fn push(sink: &dyn Sink, path: String, content: Content, origin: String, diags: &mut Diagnostics) {
    if let Err(d) = sink.put(path, content, origin) {
        diags.push(*d);
    }
}

/// The HTML of a release card, made by the `card.html` template, as a safe Tera string.
fn paint_card(
    (tera, templates): (&Tera, &BTreeMap<String, crate::source::SourceText>),
    card: &ReleaseCard<'_>,
    heading: Heading,
) -> Result<tera::Value, Box<Diagnostic>> {
    let mut ctx = Context::new();
    ctx.insert("card", card);
    ctx.insert("heading", heading.tag());
    let mut html = Vec::with_capacity(1024);
    tera.render_to(CARD, &ctx, &mut html)
        .map_err(|e| Box::new(templates::render_error(templates, CARD, &e)))?;
    // The template's file ends with a line break; the lists put the card inside `<li>`.
    if html.last() == Some(&b'\n') {
        html.pop();
    }
    // Tera writes only text, so the bytes are UTF-8 (checked by simdutf8 before they become
    // the value, which copies them once).
    Ok(match simdutf8::basic::from_utf8(&html) {
        Ok(text) => tera::Value::safe_string(text),
        Err(_) => tera::Value::safe_string(&String::from_utf8_lossy(&html)),
    })
}

/// The template of one release card in lists.
const CARD: &str = "card.html";

/// The parts of the context every page shares (`site`, `t`), built once per render into
/// `ctx` (Tera's global context).
fn shared_context(site: &Site, urls: &Urls, ctx: &mut Context) {
    let t = views::strings(site.config.language);
    let p = &site.config;
    let site_view = SiteView {
        title: &p.title,
        description: p.description.as_deref(),
        lang: p.language.tag(),
        base_path: &p.base_path,
        home_url: urls.home().path,
        feed_url: urls.feed().path,
        nav: vec![
            NavItem {
                title: t.releases,
                url: urls.archive(1).path,
                section: "releases",
            },
            NavItem {
                title: t.programmes,
                url: urls.programmes().path,
                section: "programmes",
            },
            NavItem {
                title: t.municipalities,
                url: urls.municipalities().path,
                section: "municipalities",
            },
            NavItem {
                title: t.topics,
                url: urls.topics().path,
                section: "topics",
            },
        ]
        .into_iter()
        .chain(p.outputs.search.then(|| NavItem {
            title: t.search,
            url: urls.search().path,
            section: "search",
        }))
        .collect(),
        footer_pages: site
            .pages
            .iter()
            .map(|pg| Link {
                title: &pg.title,
                url: urls.page(&pg.slug).path,
            })
            // The events page and the open data are linked from every page's footer.
            .chain(p.outputs.calendar.then(|| Link {
                title: t.events,
                url: urls.calendar().path,
            }))
            .chain(p.outputs.json.then(|| Link {
                title: t.open_data,
                url: urls.data().path,
            }))
            .collect(),
        accessibility: page_with_role(site, urls, PageRole::Accessibility),
        easy_language: page_with_role(site, urls, PageRole::EasyLanguage),
        calendar_url: p.outputs.calendar.then(|| urls.calendar().path),
        data_url: p.outputs.json.then(|| urls.data().path),
        extra: &p.extra,
    };
    ctx.insert("site", &site_view);
    ctx.insert("t", t);
}

/// The first page (by weight) with `role`.
fn page_with_role<'s>(site: &'s Site, urls: &Urls, role: PageRole) -> Option<Link<'s>> {
    site.pages
        .iter()
        .find(|pg| pg.role == Some(role))
        .map(|pg| Link {
            title: &pg.title,
            url: urls.page(&pg.slug).path,
        })
}

impl<'a> Renderer<'a> {
    fn jobs(&self) -> Vec<Job> {
        let s = self.site;
        let l = &s.links;
        let pages = |n: usize| n.div_ceil(s.config.per_page).max(1);
        // The open data first: the file of all releases is the largest job of a rebuild
        // after a text edit, and started first it is made while the pages are rendered
        // beside it, instead of after them.
        let mut jobs = Vec::new();
        if s.config.outputs.json {
            jobs.extend(opendata::DataSet::ALL.map(Job::Data));
            jobs.push(Job::DataPage);
        }
        jobs.extend([
            Job::Home,
            Job::TopicIndex,
            Job::ProgrammeIndex,
            Job::MunicipalityIndex,
            Job::NotFound,
        ]);
        if s.config.outputs.search {
            jobs.push(Job::Search);
        }
        jobs.extend((0..s.releases.len()).map(|i| Job::Release(ReleaseId(i as u32))));
        jobs.extend((1..=pages(s.releases.len())).map(Job::Archive));
        for (i, (_, list)) in l.years.iter().enumerate() {
            jobs.extend((1..=pages(list.len())).map(|n| Job::Year(i, n)));
        }
        for (i, t) in l.topics.iter().enumerate() {
            jobs.extend((1..=pages(t.releases.len())).map(|n| Job::Topic(i, n)));
        }
        for id in (0..s.programmes.len()).map(|i| ProgrammeId(i as u32)) {
            let pages = Record::Programme(id).pages(s);
            jobs.extend((1..=pages).map(|n| Job::Programme(id, n)));
        }
        for id in (0..s.municipalities.len()).map(|i| MunicipalityId(i as u32)) {
            let pages = Record::Municipality(id).pages(s);
            jobs.extend((1..=pages).map(|n| Job::Municipality(id, n)));
        }
        jobs.extend((0..s.pages.len()).map(Job::Page));
        jobs.push(Job::Feed(FeedOf::Site));
        jobs.extend(
            (0..s.programmes.len()).map(|i| Job::Feed(FeedOf::Programme(ProgrammeId(i as u32)))),
        );
        jobs.extend(
            (0..s.municipalities.len())
                .map(|i| Job::Feed(FeedOf::Municipality(MunicipalityId(i as u32)))),
        );
        if s.config.outputs.calendar {
            jobs.extend([Job::Calendar, Job::CalendarIcs]);
            // In release order, so the jobs depend only on which releases have events.
            jobs.extend(
                s.releases
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.event.is_some())
                    .map(|(i, _)| Job::ReleaseIcs(ReleaseId(i as u32))),
            );
        }
        jobs
    }

    fn meta(
        &self,
        target: &Target,
        title: String,
        description: String,
        section: &'static str,
        feeds: Vec<OwnedLink>,
    ) -> PageMeta {
        let mut all = Vec::with_capacity(1 + feeds.len());
        all.push(self.site_feed.clone());
        all.extend(feeds);
        PageMeta {
            title,
            url: target.path.clone(),
            canonical: self.urls.permalink(&target.path),
            description: shorten(&description, 300).into_owned(),
            section,
            feeds: all,
        }
    }

    fn ctx<V: Serialize>(&self, meta: PageMeta, name: &'static str, view: &V) -> Context {
        let mut values = Context::new();
        values.insert("page", &meta);
        values.insert(name, view);
        values
    }

    /// Renders a job's page to `target` and hands it to `sink`.
    fn emit(
        &self,
        job: Job,
        target: &Target,
        origin: String,
        sink: &dyn Sink,
    ) -> Result<(), Box<Diagnostic>> {
        let (template, page) = match self.prepare(job, target) {
            Made::Html(template, page) => (template, page),
            Made::Feed(xml) => return sink.put(target.file.clone(), xml.into(), origin),
        };
        if let Some(failed) = self.cards.failure() {
            return Err(Box::new(failed.clone()));
        }
        // Rendered into bytes: `Tera::render` would check the whole page is UTF-8 again.
        let mut html = Vec::with_capacity(PAGE_CAPACITY);
        self.tera
            .render_to(template, &page, &mut html)
            .map_err(|e| Box::new(templates::render_error(&self.site.templates, template, &e)))?;
        sink.put(target.file.clone(), Content::Owned(html), origin)
    }

    /// Where a job's page goes, and what made it (for collision reports).
    fn place(&self, job: Job) -> (Target, String) {
        let s = self.site;
        let u = &self.urls;
        match job {
            Job::Home => (u.home(), "home page".into()),
            Job::Release(id) => {
                let r = s.release(id);
                (u.release(r.date.date.year(), &r.slug), r.source.clone())
            }
            Job::Archive(n) => (u.archive(n), "archive".into()),
            Job::Year(i, n) => {
                let year = s.links.years[i].0;
                (u.year(year, n), format!("year {year}"))
            }
            Job::TopicIndex => (u.topics(), "topic index".into()),
            Job::Topic(i, n) => {
                let slug = &s.links.topics[i].slug;
                (u.topic(slug, n), format!("topic {slug}"))
            }
            Job::ProgrammeIndex => (u.programmes(), "programme index".into()),
            Job::Programme(id, n) => {
                let p = s.programme(id);
                (u.programme_page(&p.slug, n), p.source.clone())
            }
            Job::MunicipalityIndex => (u.municipalities(), "municipality index".into()),
            Job::Municipality(id, n) => {
                let m = s.municipality(id);
                (u.municipality_page(&m.slug, n), m.source.clone())
            }
            Job::Page(i) => (u.page(&s.pages[i].slug), s.pages[i].source.clone()),
            Job::NotFound => (u.not_found(), "404 page".into()),
            Job::Search => (u.search(), "search page".into()),
            Job::Feed(of) => {
                let target = match of {
                    FeedOf::Site => u.feed(),
                    FeedOf::Programme(id) => u.programme_feed(&s.programme(id).slug),
                    FeedOf::Municipality(id) => u.municipality_feed(&s.municipality(id).slug),
                };
                (target, "feed".into())
            }
            Job::Calendar => (u.calendar(), "events page".into()),
            Job::CalendarIcs => (u.calendar_ics(), "calendar".into()),
            Job::ReleaseIcs(id) => {
                let r = s.release(id);
                (u.release_ics(r.date.date.year(), &r.slug), r.source.clone())
            }
            Job::DataPage => (u.data(), "open-data page".into()),
            Job::Data(set) => (u.data_file(set.file()), "open data".into()),
        }
    }
}
