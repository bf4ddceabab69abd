//! Rendering: from the resolved [`Site`] to output files, handed to a [`Sink`].
//!
//! One job per page, rendered in parallel with rayon; each job returns its file or a
//! diagnostic, and all results are gathered before deciding. Feeds, sitemap, robots.txt and
//! alias redirects are generated directly (valid by construction); static files and bundle
//! assets of published releases are added as they are.

pub mod feeds;
mod generated;
pub mod incremental;
pub mod templates;
pub mod views;

pub use incremental::Fingerprints;
pub use templates::Compiled;

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::{Diagnostic, Diagnostics};
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
    Programme(ProgrammeId),
    MunicipalityIndex,
    Municipality(MunicipalityId),
    Page(usize),
    NotFound,
    Feed(FeedOf),
}

/// Whose Atom feed a job makes.
#[derive(Debug, Clone, Copy)]
enum FeedOf {
    Site,
    Programme(ProgrammeId),
    Municipality(MunicipalityId),
}

/// What a job makes: an HTML page from a template and its context, or a feed.
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
    base: Context,
    /// The feed entries of every release, each made the first time a feed shows it.
    entries: feeds::Entries,
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
    let Some(tera) = compiled.get(site, diags) else {
        return Fingerprints::new();
    };
    let urls = Urls::new(&site.config);
    let cards = Cards::new(site, &urls);
    let base = base_context(site, &urls);
    let r = Renderer {
        site,
        urls,
        tera,
        cards,
        all: (0..site.releases.len())
            .map(|i| ReleaseId(i as u32))
            .collect(),
        base,
        entries: feeds::Entries::new(site),
    };
    let global = incremental::global(site);
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
    // First each page whose inputs did not change is kept from the previous build; then the
    // others are rendered in parallel, each handed to the sink at once (on disk: written), so
    // the whole site is never held in memory. Two passes, so the dozen pages a rebuild renders
    // (some of them large) are spread over all cores.
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

    let mut fingerprints = Fingerprints::new();
    let mut seen_errors = BTreeSet::new();
    for result in results {
        // One broken template fails every page using it: report it once.
        if let Err(d) = result {
            if seen_errors.insert(d.to_string()) {
                diags.push(*d);
            }
        }
    }
    // A failed render is not kept (see `Builder`), so its fingerprints are never compared.
    fingerprints.set_pages(incremental::Pages {
        layout,
        places: Arc::clone(&places),
        fps,
    });
    r.aliases(sink, diags);
    r.assets(sink, diags);
    r.sitemap(
        jobs.iter()
            .zip(places.iter())
            .filter(|(job, _)| !matches!(job, Job::Feed(_)))
            .map(|(_, (target, _))| target),
        layout,
        sink,
        (global, previous, &mut fingerprints),
        diags,
    );
    push(
        sink,
        r.urls.robots().file,
        feeds::robots(&r.urls).into(),
        "robots.txt".into(),
        diags,
    );
    fingerprints
}

fn push(sink: &dyn Sink, path: String, content: Content, origin: String, diags: &mut Diagnostics) {
    if let Err(d) = sink.put(path, content, origin) {
        diags.push(*d);
    }
}

/// The parts of the context every page shares, built once.
fn base_context(site: &Site, urls: &Urls) -> Context {
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
        ],
        footer_pages: site
            .pages
            .iter()
            .map(|pg| Link {
                title: &pg.title,
                url: urls.page(&pg.slug).path,
            })
            .collect(),
        extra: &p.extra,
    };
    let mut ctx = Context::new();
    ctx.insert("site", &site_view);
    ctx.insert("t", t);
    ctx
}

impl<'a> Renderer<'a> {
    fn jobs(&self) -> Vec<Job> {
        let s = self.site;
        let l = &s.links;
        let pages = |n: usize| n.div_ceil(s.config.per_page).max(1);
        let mut jobs = vec![
            Job::Home,
            Job::TopicIndex,
            Job::ProgrammeIndex,
            Job::MunicipalityIndex,
            Job::NotFound,
        ];
        jobs.extend((0..s.releases.len()).map(|i| Job::Release(ReleaseId(i as u32))));
        jobs.extend((1..=pages(s.releases.len())).map(Job::Archive));
        for (i, (_, list)) in l.years.iter().enumerate() {
            jobs.extend((1..=pages(list.len())).map(|n| Job::Year(i, n)));
        }
        for (i, t) in l.topics.iter().enumerate() {
            jobs.extend((1..=pages(t.releases.len())).map(|n| Job::Topic(i, n)));
        }
        jobs.extend((0..s.programmes.len()).map(|i| Job::Programme(ProgrammeId(i as u32))));
        jobs.extend(
            (0..s.municipalities.len()).map(|i| Job::Municipality(MunicipalityId(i as u32))),
        );
        jobs.extend((0..s.pages.len()).map(Job::Page));
        jobs.push(Job::Feed(FeedOf::Site));
        jobs.extend(
            (0..s.programmes.len()).map(|i| Job::Feed(FeedOf::Programme(ProgrammeId(i as u32)))),
        );
        jobs.extend(
            (0..s.municipalities.len())
                .map(|i| Job::Feed(FeedOf::Municipality(MunicipalityId(i as u32)))),
        );
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
        let t = views::strings(self.site.config.language);
        let mut all = vec![OwnedLink {
            title: format!("{} – {}", self.site.config.title, t.releases),
            url: self.urls.feed().path,
        }];
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

    fn ctx<V: Serialize>(&self, meta: PageMeta, name: &str, view: &V) -> Context {
        let mut ctx = self.base.clone();
        ctx.insert("page", &meta);
        ctx.insert(name, view);
        ctx
    }

    /// Renders a job's page to `target` and hands it to `sink`.
    fn emit(
        &self,
        job: Job,
        target: &Target,
        origin: String,
        sink: &dyn Sink,
    ) -> Result<(), Box<Diagnostic>> {
        let (template, ctx) = match self.prepare(job, target) {
            Made::Html(template, ctx) => (template, ctx),
            Made::Feed(xml) => return sink.put(target.file.clone(), xml.into(), origin),
        };
        // Rendered into bytes: `Tera::render` would check the whole page is UTF-8 again.
        let mut html = Vec::with_capacity(PAGE_CAPACITY);
        match self.tera.render_to(template, &ctx, &mut html) {
            Ok(()) => sink.put(target.file.clone(), Content::Owned(html), origin),
            Err(e) => Err(Box::new(templates::render_error(
                &self.site.templates,
                template,
                &e,
                &ctx,
            ))),
        }
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
            Job::Programme(id) => {
                let p = s.programme(id);
                (u.programme(&p.slug), p.source.clone())
            }
            Job::MunicipalityIndex => (u.municipalities(), "municipality index".into()),
            Job::Municipality(id) => {
                let m = s.municipality(id);
                (u.municipality(&m.slug), m.source.clone())
            }
            Job::Page(i) => (u.page(&s.pages[i].slug), s.pages[i].source.clone()),
            Job::NotFound => (u.not_found(), "404 page".into()),
            Job::Feed(of) => {
                let target = match of {
                    FeedOf::Site => u.feed(),
                    FeedOf::Programme(id) => u.programme_feed(&s.programme(id).slug),
                    FeedOf::Municipality(id) => u.municipality_feed(&s.municipality(id).slug),
                };
                (target, "feed".into())
            }
        }
    }

    /// What a job whose file goes to `target` (from [`Renderer::place`]) is made of: a
    /// template and its context, or the feed itself.
    fn prepare(&self, job: Job, target: &Target) -> Made {
        let s = self.site;
        let u = &self.urls;
        let t = views::strings(s.config.language);
        let desc = s.config.description.clone().unwrap_or_default();
        let (template, ctx) = match job {
            Job::Home => {
                let view = HomeView {
                    latest: (0..s.releases.len().min(HOME_RELEASES))
                        .map(|i| &self.cards[i])
                        .collect(),
                    release_count: s.releases.len(),
                    programmes: top_programmes(s, u),
                    municipalities: busy_municipalities(s, u),
                    topics: topic_cards(s, u),
                    archive_url: u.archive(1).path,
                };
                let meta = self.meta(target, s.config.title.clone(), desc, "home", Vec::new());
                ("index.html", self.ctx(meta, "home", &view))
            }
            Job::Release(id) => {
                let r = s.release(id);
                let view = release_view(s, u, &self.cards, id);
                let meta = self.meta(
                    target,
                    r.title.clone(),
                    r.summary.clone(),
                    "releases",
                    Vec::new(),
                );
                ("release.html", self.ctx(meta, "release", &view))
            }
            Job::Archive(n) => {
                let view = self.list(
                    "archive",
                    t.all_releases.to_string(),
                    &self.all,
                    n,
                    None,
                    |k| u.archive(k).path,
                );
                let meta = self.meta(
                    target,
                    paged_title(t.releases, n, view.pagination.total, t.page),
                    desc,
                    "releases",
                    Vec::new(),
                );
                ("release_list.html", self.ctx(meta, "list", &view))
            }
            Job::Year(i, n) => {
                let (year, ids) = &s.links.years[i];
                let view = self.list(
                    "year",
                    format!("{} {year}", t.releases),
                    ids,
                    n,
                    Some(*year),
                    |k| u.year(*year, k).path,
                );
                let meta = self.meta(
                    target,
                    paged_title(&view.title, n, view.pagination.total, t.page),
                    desc,
                    "releases",
                    Vec::new(),
                );
                ("release_list.html", self.ctx(meta, "list", &view))
            }
            Job::TopicIndex => {
                let meta = self.meta(target, t.topics.to_string(), desc, "topics", Vec::new());
                (
                    "topic_list.html",
                    self.ctx(meta, "topics", &topic_cards(s, u)),
                )
            }
            Job::Topic(i, n) => {
                let topic = &s.links.topics[i];
                let view = self.list("topic", topic.name.clone(), &topic.releases, n, None, |k| {
                    u.topic(&topic.slug, k).path
                });
                let meta = self.meta(
                    target,
                    paged_title(
                        &format!("{}: {}", t.topic, topic.name),
                        n,
                        view.pagination.total,
                        t.page,
                    ),
                    desc,
                    "topics",
                    Vec::new(),
                );
                ("release_list.html", self.ctx(meta, "list", &view))
            }
            Job::ProgrammeIndex => {
                let roots: Vec<ProgrammeCard<'_>> = (0..s.programmes.len())
                    .map(|i| ProgrammeId(i as u32))
                    .filter(|p| s.links.programme_parent[p.index()].is_none())
                    .map(|p| programme_card(s, u, p, 8))
                    .collect();
                let meta = self.meta(
                    target,
                    t.programmes.to_string(),
                    desc,
                    "programmes",
                    Vec::new(),
                );
                ("programme_list.html", self.ctx(meta, "programmes", &roots))
            }
            Job::Programme(id) => {
                let p = s.programme(id);
                let view = programme_view(s, u, &self.cards, id);
                let feed = OwnedLink {
                    title: format!("{} – {}", s.config.title, p.name),
                    url: view.feed_url.clone(),
                };
                let description = p
                    .short
                    .clone()
                    .map_or_else(|| p.name.clone(), |sh| format!("{} ({sh})", p.name));
                let meta = self.meta(
                    target,
                    p.name.clone(),
                    description,
                    "programmes",
                    vec![feed],
                );
                ("programme.html", self.ctx(meta, "programme", &view))
            }
            Job::MunicipalityIndex => {
                let view = municipality_index(s, u);
                let meta = self.meta(
                    target,
                    t.municipalities.to_string(),
                    desc,
                    "municipalities",
                    Vec::new(),
                );
                (
                    "municipality_list.html",
                    self.ctx(meta, "municipalities", &view),
                )
            }
            Job::Municipality(id) => {
                let m = s.municipality(id);
                let view = municipality_view(s, u, &self.cards, id);
                let feed = OwnedLink {
                    title: format!("{} – {}", s.config.title, m.name),
                    url: view.feed_url.clone(),
                };
                let description = match &m.kind {
                    Some(k) => format!("{} ({k})", m.name),
                    None => m.name.clone(),
                };
                let meta = self.meta(
                    target,
                    m.name.clone(),
                    description,
                    "municipalities",
                    vec![feed],
                );
                ("municipality.html", self.ctx(meta, "municipality", &view))
            }
            Job::Page(i) => {
                let p = &s.pages[i];
                let view = PageView {
                    title: &p.title,
                    body_html: &p.body_html,
                    extra: &p.extra,
                };
                let meta = self.meta(
                    target,
                    p.title.clone(),
                    p.summary.clone(),
                    "pages",
                    Vec::new(),
                );
                ("page.html", self.ctx(meta, "page_content", &view))
            }
            Job::NotFound => {
                let meta = self.meta(
                    target,
                    t.not_found.to_string(),
                    String::new(),
                    "none",
                    Vec::new(),
                );
                ("404.html", self.ctx(meta, "not_found", &true))
            }
            Job::Feed(of) => return Made::Feed(self.feed(of, target)),
        };
        Made::Html(template, ctx)
    }

    fn list<'s>(
        &'s self,
        kind: &'static str,
        title: String,
        ids: &[ReleaseId],
        n: usize,
        year: Option<i16>,
        url: impl Fn(usize) -> String,
    ) -> ListView<'s> {
        let per = self.site.config.per_page;
        let total_pages = ids.len().div_ceil(per).max(1);
        ListView {
            kind,
            title,
            items: ids
                .iter()
                .skip((n - 1) * per)
                .take(per)
                .map(|id| &self.cards[id.index()])
                .collect(),
            total: ids.len(),
            pagination: Pagination::new(n, total_pages, url),
            years: self
                .site
                .links
                .years
                .iter()
                .map(|(y, list)| YearLink {
                    year: *y,
                    url: self.urls.year(*y, 1).path,
                    count: list.len(),
                    current: Some(*y) == year,
                })
                .collect(),
        }
    }
}

/// The home page view.
#[derive(Debug, Serialize)]
struct HomeView<'a> {
    latest: Vec<&'a ReleaseCard<'a>>,
    release_count: usize,
    programmes: Vec<ProgrammeCard<'a>>,
    municipalities: Vec<MunicipalityCard<'a>>,
    topics: Vec<TopicCard<'a>>,
    archive_url: String,
}

fn paged_title(title: &str, n: usize, total: usize, page_word: &str) -> String {
    if total > 1 {
        format!("{title} – {page_word} {n}")
    } else {
        title.to_string()
    }
}
