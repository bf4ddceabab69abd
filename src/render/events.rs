//! Events announced by releases: which are upcoming and which past at the build's `now`, and
//! their iCalendar files (`termine.ics` with every event, `termin.ics` beside each release).
//!
//! An event is upcoming while its end (or its start, when it has none) is not past. A date
//! without time lasts the whole day: it is past from the next day on (00:00 UTC, as herold
//! reads plain dates everywhere). An event is an all-day event when its start or end has no
//! time; then `DTEND` is the day after its last day.

use jiff::{Timestamp, ToSpan};

use super::ical::{self, IcsEvent, When};
use super::views;
use crate::model::dates::DateValue;
use crate::model::release::{Event, Release};
use crate::site::{ReleaseId, Site};
use crate::urls::Urls;

/// The releases with an event, split at the build's `now`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Split {
    /// Not ended yet, soonest first.
    pub(super) upcoming: Vec<ReleaseId>,
    /// Ended, newest first.
    pub(super) past: Vec<ReleaseId>,
}

/// Sorts the releases of `site` that announce an event into upcoming and past at `site.now`.
pub(super) fn split(site: &Site) -> Split {
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for (i, r) in site.releases.iter().enumerate() {
        if let Some(e) = &r.event {
            let entry = (e.start.instant, ReleaseId(i as u32));
            if ends_at(e) > site.now {
                upcoming.push(entry);
            } else {
                past.push(entry);
            }
        }
    }
    upcoming.sort();
    past.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Split {
        upcoming: upcoming.into_iter().map(|(_, id)| id).collect(),
        past: past.into_iter().map(|(_, id)| id).collect(),
    }
}

/// The instant an event is over: its end's (or start's) instant, or for a plain date the
/// start of the next day.
fn ends_at(e: &Event) -> Timestamp {
    let last = e.end.unwrap_or(e.start);
    match last.offset {
        Some(_) => last.instant,
        None => next_day(&last)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_or(last.instant, |z| z.timestamp()),
    }
}

fn next_day(d: &DateValue) -> jiff::civil::Date {
    d.date.checked_add(1.day()).unwrap_or(d.date)
}

/// Start and end as the calendar writes them.
fn span(e: &Event) -> (When, Option<When>) {
    let all_day = e.start.offset.is_none() || e.end.is_some_and(|x| x.offset.is_none());
    if all_day {
        let last = e.end.filter(|x| x.date >= e.start.date).unwrap_or(e.start);
        (When::Day(e.start.date), Some(When::Day(next_day(&last))))
    } else {
        let end = e.end.filter(|x| x.instant >= e.start.instant);
        (When::At(e.start.instant), end.map(|x| When::At(x.instant)))
    }
}

/// The `VEVENT` of release `r`, if it announces an event. Its id is the release's path and
/// the site's host, so it stays the same across builds while the release keeps its URL.
fn ics_event<'a>(urls: &Urls, r: &'a Release) -> Option<IcsEvent<'a>> {
    let e = r.event.as_ref()?;
    let path = urls.release_path(r.date.date.year(), &r.slug);
    let permalink = urls.permalink(&path);
    let (start, end) = span(e);
    Some(IcsEvent {
        uid: format!("{}@{}", path.trim_matches('/'), urls.host()),
        stamp: r.date.instant,
        start,
        end,
        summary: &e.name,
        location: e.place.as_deref(),
        description: match &r.withdrawn {
            Some(w) => format!("{}\n{}\n{permalink}", r.title, w.reason),
            None => format!("{}\n{permalink}", r.title),
        },
        url: permalink,
        sequence: r.changes.len() + usize::from(r.withdrawn.is_some()),
        modified: (r.modified().instant != r.date.instant).then(|| r.modified().instant),
        cancelled: r.withdrawn.is_some(),
    })
}

/// The calendar's name: "Site – Termine".
fn name(site: &Site) -> String {
    let t = views::strings(site.config.language);
    format!("{} – {}", site.config.title, t.events)
}

/// `termin.ics` of release `id`: a calendar with its one event (empty if it has none).
pub(super) fn release_ics(site: &Site, urls: &Urls, id: ReleaseId) -> String {
    let events: Vec<IcsEvent<'_>> = ics_event(urls, site.release(id)).into_iter().collect();
    ical::calendar(&name(site), site.config.language.tag(), &events)
}

/// `termine.ics`: every event, upcoming ones first (as the events page lists them).
pub(super) fn all_ics(site: &Site, urls: &Urls, split: &Split) -> String {
    let events: Vec<IcsEvent<'_>> = split
        .upcoming
        .iter()
        .chain(&split.past)
        .filter_map(|id| ics_event(urls, site.release(*id)))
        .collect();
    ical::calendar(&name(site), site.config.language.tag(), &events)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates::{convert, Accept};

    fn value(s: &str) -> DateValue {
        convert(&s.parse().unwrap(), Accept::DateOrInstant).unwrap()
    }

    fn event(start: &str, end: Option<&str>) -> Event {
        Event {
            name: "Konferenz".into(),
            start: value(start),
            end: end.map(value),
            place: None,
        }
    }

    #[test]
    fn plain_dates_last_the_whole_day() {
        let e = event("2018-08-27", Some("2018-08-28"));
        assert_eq!(ends_at(&e).to_string(), "2018-08-29T00:00:00Z");
        let (start, end) = span(&e);
        assert_eq!(start, When::Day(value("2018-08-27").date));
        assert_eq!(end, Some(When::Day(value("2018-08-29").date)));
        // One day without end: DTEND is the next day.
        let (_, end) = span(&event("2018-08-27", None));
        assert_eq!(end, Some(When::Day(value("2018-08-28").date)));
    }

    #[test]
    fn timed_events_end_at_their_instant() {
        let e = event(
            "2018-06-12T10:00:00+02:00",
            Some("2018-06-12T16:00:00+02:00"),
        );
        assert_eq!(ends_at(&e).to_string(), "2018-06-12T14:00:00Z");
        let (start, end) = span(&e);
        assert_eq!(
            start,
            When::At("2018-06-12T08:00:00Z".parse().unwrap()),
            "in UTC"
        );
        assert!(end.is_some());
        // Without end it is over when it starts; an end before the start is left out.
        let e = event("2018-06-12T10:00:00+02:00", None);
        assert_eq!(ends_at(&e).to_string(), "2018-06-12T08:00:00Z");
        let e = event(
            "2018-06-12T10:00:00+02:00",
            Some("2018-06-11T10:00:00+02:00"),
        );
        assert_eq!(span(&e).1, None);
    }

    #[test]
    fn a_plain_end_makes_an_all_day_event() {
        let e = event("2018-06-12T10:00:00+02:00", Some("2018-06-14"));
        let (start, end) = span(&e);
        assert_eq!(start, When::Day(value("2018-06-12").date));
        assert_eq!(end, Some(When::Day(value("2018-06-15").date)));
    }
}
