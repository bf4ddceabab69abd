//! Event calendars: `termin.ics` beside each release with an event, `/termine.ics` with all of
//! them and the events page `/termine/`. The calendars are read back with a real iCalendar
//! parser (the `icalendar` crate) and checked octet by octet for what RFC 5545 demands:
//! CRLF, lines of at most 75 octets folded between characters, escaped TEXT values, all-day
//! events as `VALUE=DATE` with an exclusive end, timed events in UTC.

mod common;

use common::{count, main_of, site, Site};
use icalendar::{
    Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike,
};

const KONFERENZ: &str = "pressemitteilungen/2018/konferenz/termin.ics";
const AUFTAKT: &str = "pressemitteilungen/2018/auftakt/termin.ics";

fn built() -> Site {
    let s = site("events");
    s.build();
    s
}

/// The events of an iCalendar text, parsed.
fn events(text: &str) -> Vec<Event> {
    let cal: Calendar = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
    cal.components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn day(d: Option<DatePerhapsTime>) -> String {
    match d {
        Some(DatePerhapsTime::Date(d)) => d.to_string(),
        other => panic!("expected a DATE, got {other:?}"),
    }
}

fn utc(d: Option<DatePerhapsTime>) -> String {
    match d {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t.to_rfc3339(),
        other => panic!("expected a UTC DATE-TIME, got {other:?}"),
    }
}

/// RFC 5545 3.1 at the octet level: every line ends with CRLF, none is longer than 75
/// octets, and each physical line is valid UTF-8 by itself (no character split by folding).
fn assert_well_formed(bytes: &[u8], what: &str) {
    assert!(bytes.ends_with(b"\r\n"), "{what}: must end with CRLF");
    let lines: Vec<&[u8]> = bytes[..bytes.len() - 1].split(|b| *b == b'\n').collect();
    for line in &lines {
        let line = line
            .strip_suffix(b"\r")
            .unwrap_or_else(|| panic!("{what}: a line ends with a bare LF"));
        assert!(!line.contains(&b'\r'), "{what}: a bare CR");
        assert!(line.len() <= 75, "{what}: {} octets in a line", line.len());
        assert!(
            std::str::from_utf8(line).is_ok(),
            "{what}: folding split a UTF-8 character: {line:?}"
        );
    }
}

#[test]
fn each_release_with_an_event_has_a_valid_calendar_file() {
    let s = built();
    for file in [KONFERENZ, AUFTAKT, "termine.ics"] {
        let bytes = std::fs::read(s.out.join(file)).unwrap();
        assert_well_formed(&bytes, file);
        let text = String::from_utf8(bytes).unwrap();
        for line in [
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:",
            "CALSCALE:GREGORIAN\r\n",
            "METHOD:PUBLISH\r\n",
        ] {
            assert!(text.contains(line), "{file}: no {line:?}");
        }
        assert!(text.ends_with("END:VCALENDAR\r\n"), "{file}");
    }
    assert!(!s.has("pressemitteilungen/2019/ohne-termin/termin.ics"));
    assert_eq!(events(&s.read("termine.ics")).len(), 4);
}

#[test]
fn an_all_day_event_is_written_as_dates_with_an_exclusive_end() {
    let s = built();
    let text = s.read(KONFERENZ);
    assert!(text.contains("DTSTART;VALUE=DATE:20180827\r\n"), "{text}");
    assert!(text.contains("DTEND;VALUE=DATE:20180829\r\n"), "{text}");
    let [e] = &events(&text)[..] else {
        panic!("one event expected:\n{text}")
    };
    assert_eq!(day(e.get_start()), "2018-08-27");
    assert_eq!(day(e.get_end()), "2018-08-29", "the day after the last day");
    // DTSTAMP is the release date, in UTC.
    assert_eq!(
        e.get_timestamp().map(|t| t.to_rfc3339()).as_deref(),
        Some("2018-08-20T00:00:00+00:00")
    );
    // A single day without end lasts that day.
    let messe = s.read("pressemitteilungen/2025/messe/termin.ics");
    assert!(messe.contains("DTSTART;VALUE=DATE:20260201\r\nDTEND;VALUE=DATE:20260202\r\n"));
}

#[test]
fn a_timed_event_is_written_in_utc() {
    let s = built();
    let text = s.read(AUFTAKT);
    assert!(text.contains("DTSTART:20180612T080000Z\r\n"), "{text}");
    let [e] = &events(&text)[..] else {
        panic!("one event expected")
    };
    assert_eq!(utc(e.get_start()), "2018-06-12T08:00:00+00:00");
    assert_eq!(utc(e.get_end()), "2018-06-12T14:00:00+00:00");
    assert_eq!(e.get_summary(), Some("Auftaktveranstaltung"));
    assert_eq!(e.get_location(), Some("Rathaus Meßkirch"));
    assert_eq!(
        e.get_url(),
        Some("https://presse.example.org/pressemitteilungen/2018/auftakt/")
    );
    assert!(!text.contains("TZID"), "UTC needs no time zone");
    // Without an end there is no DTEND.
    let fachtag = s.read("pressemitteilungen/2025/fachtag/termin.ics");
    assert!(fachtag.contains("DTSTART:20260310T083000Z\r\n"));
    assert!(!fachtag.contains("DTEND"), "{fachtag}");
}

#[test]
fn text_values_are_escaped_and_long_lines_folded() {
    let s = built();
    let text = s.read(KONFERENZ);
    // Written escaped …
    assert!(
        text.contains("LOCATION:Kassel\\, Rathaus\\; Saal \"Nord\\\\Süd\"\r\n"),
        "{text}"
    );
    assert!(text.contains("DESCRIPTION:Konferenz der Integrationsbeauftragten\\nhttps://"));
    // … folded (the summary is longer than one line) …
    assert!(text.contains("\r\n "), "{text}");
    // … and read back as written in the release.
    let [e] = &events(&text)[..] else {
        panic!("one event expected")
    };
    assert_eq!(
        e.get_summary(),
        Some("Bundeskonferenz der Integrationsbeauftragten von Bund, Ländern und Kommunen – Überblick; Ausblick")
    );
    assert_eq!(
        e.get_location(),
        Some("Kassel, Rathaus; Saal \"Nord\\Süd\"")
    );
    assert_eq!(
        e.get_description(),
        Some("Konferenz der Integrationsbeauftragten\nhttps://presse.example.org/pressemitteilungen/2018/konferenz/")
    );
}

#[test]
fn uids_are_stable_across_builds_and_edits() {
    let s = built();
    let uid = |s: &Site, file: &str| {
        events(&s.read(file))[0]
            .get_uid()
            .map(str::to_string)
            .unwrap()
    };
    let first = uid(&s, KONFERENZ);
    assert_eq!(
        first,
        "pressemitteilungen/2018/konferenz@presse.example.org"
    );
    let all: Vec<String> = events(&s.read("termine.ics"))
        .iter()
        .filter_map(|e| e.get_uid().map(str::to_string))
        .collect();
    assert!(all.contains(&first), "the same id in both calendars");
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "ids are unique: {all:?}");
    // A second build, and one after the event was renamed: the same id.
    let before = std::fs::read(s.out.join(KONFERENZ)).unwrap();
    s.build();
    assert_eq!(std::fs::read(s.out.join(KONFERENZ)).unwrap(), before);
    let release = "content/releases/2018-08-20-konferenz.md";
    let text = std::fs::read_to_string(s.root.join(release)).unwrap();
    s.write(
        release,
        text.replacen("name = \"Bundes", "name = \"Neue Bundes", 1),
    );
    s.build();
    assert_eq!(uid(&s, KONFERENZ), first);
    assert!(s.read(KONFERENZ).contains("SUMMARY:Neue Bundes"));
}

/// The names of the events on the events page, upcoming and past.
fn page_order(s: &Site) -> (Vec<String>, Vec<String>) {
    let html = s.read("termine/index.html");
    let main = main_of(&html);
    let names = |part: &str| -> Vec<String> {
        part.split("<h3 class=\"card__title\">")
            .skip(1)
            .map(|x| x[..x.find("</h3>").unwrap()].to_string())
            .collect()
    };
    match main.split_once("id=\"s-vergangene-termine\"") {
        Some((up, past)) => (names(up), names(past)),
        None => (names(main), Vec::new()),
    }
}

#[test]
fn the_events_page_lists_upcoming_soonest_first_then_past_newest_first() {
    let s = built();
    let (up, past) = page_order(&s);
    assert_eq!(up, ["Kommunalmesse", "Fachtag Integration"]);
    assert_eq!(past.len(), 2);
    assert!(past[0].starts_with("Bundeskonferenz"), "{past:?}");
    assert_eq!(past[1], "Auftaktveranstaltung");
    let html = s.read("termine/index.html");
    let main = main_of(&html);
    // Date, place, the release and its calendar file.
    assert!(main.contains("<time datetime=\"2026-02-01\">1. Februar 2026</time>"));
    assert!(main.contains("· Sauldorf</p>"));
    assert!(main.contains("<a href=\"/pressemitteilungen/2025/messe/\">Messe der Kommunen</a>"));
    assert!(main.contains("href=\"/pressemitteilungen/2025/messe/termin.ics\""));
    assert!(main.contains("href=\"/termine.ics\""));
    assert!(main.contains("10. März 2026, 09:30 Uhr"), "{main}");
    // termine.ics holds the events in the same order.
    let names: Vec<String> = events(&s.read("termine.ics"))
        .iter()
        .map(|e| e.get_summary().unwrap_or_default().to_string())
        .collect();
    assert_eq!(names[..2], ["Kommunalmesse", "Fachtag Integration"]);
}

#[test]
fn an_all_day_event_is_upcoming_until_its_day_is_over() {
    let s = site("events");
    s.build_at("2026-02-01T23:59:59Z", &[]);
    assert_eq!(page_order(&s).0, ["Kommunalmesse", "Fachtag Integration"]);
    s.build_at("2026-02-02T00:00:00Z", &[]);
    let (up, past) = page_order(&s);
    assert_eq!(up, ["Fachtag Integration"]);
    assert_eq!(past[0], "Kommunalmesse", "the newest past event first");
    // A timed event without end is past once it has begun.
    s.build_at("2026-03-10T08:30:00Z", &[]);
    let (up, past) = page_order(&s);
    assert!(up.is_empty(), "{up:?}");
    assert_eq!(past[0], "Fachtag Integration");
    assert!(main_of(&s.read("termine/index.html")).contains("Zurzeit sind keine Termine"));
}

#[test]
fn the_release_page_links_its_calendar_file_and_every_page_the_events_page() {
    let s = built();
    let html = s.read("pressemitteilungen/2018/konferenz/index.html");
    let event = common::fragment(&html, "<aside class=\"box event\"", "</aside>");
    assert!(
        event.contains("<a href=\"/pressemitteilungen/2018/konferenz/termin.ics\" type=\"text/calendar\" download=\"termin.ics\">In den Kalender</a>"),
        "{event}"
    );
    for page in ["index.html", "kommunen/messkirch/index.html", "404.html"] {
        let html = s.read(page);
        assert_eq!(count(&html, "href=\"/termine/\""), 1, "{page}");
    }
    // A release without event has no calendar link.
    let html = s.read("pressemitteilungen/2019/ohne-termin/index.html");
    assert!(!html.contains("termin.ics"));
}

#[test]
fn calendars_switched_off_leave_no_file_and_no_link() {
    let s = site("events");
    let config = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write(
        "config.toml",
        format!("{config}\n[outputs]\ncalendar = false\n"),
    );
    s.build();
    let files = s.output_files();
    for (path, bytes) in &files {
        assert!(
            !path.ends_with(".ics") && !path.starts_with("termine/"),
            "{path} written with calendars off"
        );
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("/termine/") && !text.contains(".ics"),
            "{path} links a calendar"
        );
    }
    // The event box itself stays, without the link.
    let html = s.read("pressemitteilungen/2018/konferenz/index.html");
    assert!(html.contains("<aside class=\"box event\""));
    assert!(!html.contains("In den Kalender"));
}

#[test]
fn an_english_site_names_its_calendar_in_english() {
    let s = site("events");
    let config = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write(
        "config.toml",
        config.replace("language = \"de\"", "language = \"en\""),
    );
    s.build();
    let text = s.read("termine.ics");
    assert!(
        text.contains("X-WR-CALNAME:Termine Testamt – Events\r\n"),
        "{text}"
    );
    assert!(text.contains("PRODID:-//herold//herold//EN\r\n"));
    let html = s.read("termine/index.html");
    assert!(html.contains("<h2 id=\"s-kommende-termine\">Upcoming events</h2>"));
}
