//! The view and template of each page job: from a [`Job`] to the template that renders it and
//! the context it gets (feeds are made in `generated.rs`).

use serde::Serialize;

use super::views::{self, *};
use super::{events, opendata, Job, Made, Renderer, HOME_RELEASES};
use crate::site::{ProgrammeId, ReleaseId};
use crate::urls::Target;

impl Renderer<'_> {
    /// What a job whose file goes to `target` (from [`Renderer::place`]) is made of: a
    /// template and its context, or the feed itself.
    pub(super) fn prepare(&self, job: Job, target: &Target) -> Made {
        let s = self.site;
        let u = &self.urls;
        let t = views::strings(s.config.language);
        let desc = s.config.description.clone().unwrap_or_default();
        let (template, ctx) = match job {
            Job::Home => {
                let view = HomeView {
                    latest: (0..s.releases.len().min(HOME_RELEASES))
                        .map(|i| self.cards.html(i, Heading::H3))
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
                let view = release_view(s, u, (&self.cards, &self.linked), id);
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
            Job::Programme(id, n) if n > 1 => {
                return self.record_page(Record::Programme(id), n, target);
            }
            Job::Programme(id, _) => {
                let p = s.programme(id);
                let view = programme_view(s, u, &self.cards, id);
                let meta = self.meta(
                    target,
                    p.name.clone(),
                    self.record_description(Record::Programme(id)),
                    "programmes",
                    vec![self.record_feed(Record::Programme(id))],
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
            Job::Municipality(id, n) if n > 1 => {
                return self.record_page(Record::Municipality(id), n, target);
            }
            Job::Municipality(id, _) => {
                let m = s.municipality(id);
                let view = municipality_view(s, u, &self.cards, id);
                let meta = self.meta(
                    target,
                    m.name.clone(),
                    self.record_description(Record::Municipality(id)),
                    "municipalities",
                    vec![self.record_feed(Record::Municipality(id))],
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
            Job::Search => {
                let meta = self.meta(target, t.search.to_string(), desc, "search", Vec::new());
                ("search.html", self.ctx(meta, "search", &self.search_view()))
            }
            Job::Feed(of) => return Made::Feed(self.feed(of, target)),
            Job::Calendar => {
                let e = &self.events;
                let view = calendar_view(s, u, &e.upcoming, &e.past);
                let meta = self.meta(
                    target,
                    t.events.to_string(),
                    t.events_intro.to_string(),
                    "events",
                    Vec::new(),
                );
                ("calendar.html", self.ctx(meta, "calendar", &view))
            }
            Job::CalendarIcs => return Made::Feed(events::all_ics(s, u, &self.events)),
            Job::ReleaseIcs(id) => return Made::Feed(events::release_ics(s, u, id)),
            Job::DataPage => {
                let view = opendata::data_view(s, u);
                let meta = self.meta(
                    target,
                    t.open_data.to_string(),
                    t.open_data_intro.to_string(),
                    "data",
                    Vec::new(),
                );
                ("data.html", self.ctx(meta, "data", &view))
            }
            Job::Data(opendata::DataSet::Releases) => {
                let (json, made) = opendata::releases_json(s, u, self.global, self.data.0);
                // Only this job makes them; kept only when a next render can reuse them.
                if self.keep_data {
                    let _ = self.data.1.set(made);
                }
                return Made::Feed(json);
            }
            Job::Data(set) => return Made::Feed(opendata::json(s, u, set)),
        };
        Made::Html(template, ctx)
    }

    /// Page `n` (2..N) of a record's releases: a list page like the archive's, titled with
    /// the record's name and the page number.
    fn record_page(&self, record: Record, n: usize, target: &Target) -> Made {
        let s = self.site;
        let t = views::strings(s.config.language);
        let view = record_list(s, &self.urls, &self.cards, record, n);
        let section = match record {
            Record::Programme(_) => "programmes",
            Record::Municipality(_) => "municipalities",
        };
        let meta = self.meta(
            target,
            paged_title(&view.title, n, view.pagination.total, t.page),
            self.record_description(record),
            section,
            vec![self.record_feed(record)],
        );
        Made::Html("release_list.html", self.ctx(meta, "list", &view))
    }

    /// The `<meta name="description">` of a record's pages: its name with its short name or
    /// kind.
    fn record_description(&self, record: Record) -> String {
        let s = self.site;
        let (name, detail) = match record {
            Record::Programme(id) => {
                let p = s.programme(id);
                (&p.name, p.short.as_deref())
            }
            Record::Municipality(id) => {
                let m = s.municipality(id);
                (&m.name, m.kind.as_deref())
            }
        };
        match detail {
            Some(d) => format!("{name} ({d})"),
            None => name.clone(),
        }
    }

    /// The feed of a record, for `<link rel="alternate">` on each of its pages.
    fn record_feed(&self, record: Record) -> OwnedLink {
        let s = self.site;
        let url = match record {
            Record::Programme(id) => self.urls.programme_feed(&s.programme(id).slug),
            Record::Municipality(id) => self.urls.municipality_feed(&s.municipality(id).slug),
        };
        OwnedLink {
            title: format!("{} – {}", s.config.title, record.name(s)),
            url: url.path,
        }
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
            record: None,
            items: ids
                .iter()
                .skip((n - 1) * per)
                .take(per)
                .map(|id| self.cards.html(id.index(), Heading::H2))
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
    latest: Vec<CardHtml>,
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
