//! The views of the events page (`calendar.html`) and the open-data page (`data.html`).

use serde::Serialize;

use super::{event_view, EventView, Link};
use crate::config::DataLicense;
use crate::site::{ReleaseId, Site};
use crate::urls::Urls;

/// The view of `calendar.html`: upcoming events (soonest first), then past ones (newest
/// first).
#[derive(Debug, Serialize)]
pub struct CalendarView<'a> {
    /// Events that have not ended yet.
    pub upcoming: Vec<EventItem<'a>>,
    /// Events that have ended.
    pub past: Vec<EventItem<'a>>,
    /// The iCalendar file with every event.
    pub ics_url: String,
}

/// One event in the list.
#[derive(Debug, Serialize)]
pub struct EventItem<'a> {
    /// The event: name, dates in words and for `<time>`, place, its iCalendar file.
    #[serde(flatten)]
    pub event: EventView<'a>,
    /// The release that announces it.
    pub release: Link<'a>,
    /// The release was withdrawn (the list marks it).
    pub withdrawn: bool,
}

/// The calendar view of the releases `upcoming` and `past` (each announces an event).
pub fn calendar_view<'a>(
    site: &'a Site,
    urls: &Urls,
    upcoming: &[ReleaseId],
    past: &[ReleaseId],
) -> CalendarView<'a> {
    let items = |ids: &[ReleaseId]| {
        ids.iter()
            .filter_map(|id| {
                let r = site.release(*id);
                Some(EventItem {
                    event: event_view(site, urls, r)?,
                    release: Link {
                        title: &r.title,
                        url: urls.release_path(r.date.date.year(), &r.slug),
                    },
                    withdrawn: r.withdrawn.is_some(),
                })
            })
            .collect()
    };
    CalendarView {
        upcoming: items(upcoming),
        past: items(past),
        ics_url: urls.calendar_ics().path,
    }
}

/// The view of `data.html`: the open-data files and their licence.
#[derive(Debug, Serialize)]
pub struct DataView<'a> {
    /// The files.
    pub files: Vec<DataFileView>,
    /// Their licence.
    pub license: &'a DataLicense,
}

/// One open-data file.
#[derive(Debug, Serialize)]
pub struct DataFileView {
    /// What it holds ("Pressemitteilungen").
    pub title: &'static str,
    /// Its fields, in words.
    pub description: &'static str,
    /// The file.
    pub url: String,
    /// Its JSON Schema.
    pub schema_url: String,
    /// Number of entries.
    pub count: String,
}
