//! iCalendar text (RFC 5545), written by hand and valid by construction: a `VCALENDAR` with
//! `VEVENT`s, TEXT values escaped, content lines folded at 75 octets (never inside a UTF-8
//! character) and ended with CRLF.
//!
//! Timed events are written in UTC (`…Z`): the instant is exact whatever offset the release
//! gave, every calendar shows it in its reader's zone, and no `VTIMEZONE` (whose rules herold
//! would have to copy and keep current) is needed. All-day events are `VALUE=DATE` with an
//! exclusive `DTEND`, the day after the last day.

use jiff::civil::Date;
use jiff::Timestamp;

/// When an event starts or ends, as the calendar writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A whole day (`VALUE=DATE`).
    Day(Date),
    /// An instant, written in UTC.
    At(Timestamp),
}

/// One `VEVENT`.
#[derive(Debug, Clone)]
pub struct IcsEvent<'a> {
    /// Stable unique id (`…@host`).
    pub uid: String,
    /// `DTSTAMP`: when the information was published.
    pub stamp: Timestamp,
    /// Start.
    pub start: When,
    /// End (for days: the day after the last day); none for a timed event without end.
    pub end: Option<When>,
    /// `SUMMARY`.
    pub summary: &'a str,
    /// `LOCATION`.
    pub location: Option<&'a str>,
    /// `DESCRIPTION`.
    pub description: String,
    /// `URL`: the release's permalink.
    pub url: String,
    /// `SEQUENCE`: how often the release was changed (corrections and a withdrawal), so
    /// calendars that keep a copy take the newer one.
    pub sequence: usize,
    /// `LAST-MODIFIED`, when the release changed after it was published.
    pub modified: Option<Timestamp>,
    /// `STATUS:CANCELLED`: the release announcing it was withdrawn.
    pub cancelled: bool,
}

/// A `VCALENDAR` of `events`, named `name` (`X-WR-CALNAME`), in `lang` (`de`, `en`).
pub fn calendar(name: &str, lang: &str, events: &[IcsEvent<'_>]) -> String {
    let mut out = String::with_capacity(256 + events.len() * 400);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!("PRODID:-//herold//herold//{}", lang.to_ascii_uppercase()),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        event(&mut out, e);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn event(out: &mut String, e: &IcsEvent<'_>) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", escape(&e.uid)));
    line(out, &format!("DTSTAMP:{}", utc(e.stamp)));
    if let Some(m) = e.modified {
        line(out, &format!("LAST-MODIFIED:{}", utc(m)));
    }
    if e.sequence > 0 {
        line(out, &format!("SEQUENCE:{}", e.sequence));
    }
    if e.cancelled {
        line(out, "STATUS:CANCELLED");
    }
    line(out, &when("DTSTART", e.start));
    if let Some(end) = e.end {
        line(out, &when("DTEND", end));
    }
    line(out, &format!("SUMMARY:{}", escape(e.summary)));
    if let Some(place) = e.location {
        line(out, &format!("LOCATION:{}", escape(place)));
    }
    line(out, &format!("DESCRIPTION:{}", escape(&e.description)));
    // A URI value, not TEXT: written as is (permalinks hold no control characters).
    line(out, &format!("URL:{}", e.url));
    line(out, "END:VEVENT");
}

/// `NAME;VALUE=DATE:YYYYMMDD` or `NAME:YYYYMMDDTHHMMSSZ`.
fn when(name: &str, w: When) -> String {
    match w {
        When::Day(d) => format!("{name};VALUE=DATE:{}", d.strftime("%Y%m%d")),
        When::At(t) => format!("{name}:{}", utc(t)),
    }
}

/// A UTC date-time: `20180612T080000Z`.
fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n` (RFC 5545
/// 3.3.11); other control characters, which TEXT may not hold, dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Most octets of a content line, CRLF excluded (RFC 5545 3.1).
const LINE_OCTETS: usize = 75;

/// Appends `content` as one content line: folded into lines of at most 75 octets (each
/// continuation starts with a space, which counts), every line ended with CRLF.
fn line(out: &mut String, content: &str) {
    let mut budget = LINE_OCTETS;
    let mut start = 0;
    for (i, c) in content.char_indices() {
        if i + c.len_utf8() - start > budget {
            out.push_str(&content[start..i]);
            out.push_str("\r\n ");
            start = i;
            budget = LINE_OCTETS - 1;
        }
    }
    out.push_str(&content[start..]);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
        assert_eq!(escape("Tab\tweg"), "Tabweg");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "ä".repeat(100));
        line(&mut out, &text);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines.last(), Some(&""), "ends with CRLF");
        for l in &lines {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert!(lines[1..lines.len() - 1].iter().all(|l| l.starts_with(' ')));
        // Unfolded, the text is whole again.
        assert_eq!(out.replace("\r\n ", "").trim_end(), text);
        // A line of exactly 75 octets is not folded.
        let mut one = String::new();
        line(&mut one, &"x".repeat(75));
        assert_eq!(one, format!("{}\r\n", "x".repeat(75)));
    }

    #[test]
    fn days_and_instants() {
        let d = Date::new(2018, 8, 27).unwrap();
        assert_eq!(when("DTSTART", When::Day(d)), "DTSTART;VALUE=DATE:20180827");
        let t: Timestamp = "2018-06-12T10:00:00+02:00".parse().unwrap();
        assert_eq!(when("DTEND", When::At(t)), "DTEND:20180612T080000Z");
    }
}
