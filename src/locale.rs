//! UI words and number and date formats, German by default, English built in.
//!
//! Templates get the words as `t.*` and receive already formatted dates and amounts in their
//! views, so a theme never has to know German number formatting.

use jiff::civil::Date;
use serde::Serialize;

use crate::config::Language;

/// The UI words of the default theme (and any theme that wants them).
#[derive(Debug, Serialize)]
pub struct Strings {
    /// "Zum Inhalt springen".
    pub skip_link: &'static str,
    /// Main navigation label.
    pub nav_label: &'static str,
    /// Label of the links to the accessibility statement and Leichte Sprache.
    pub service_nav: &'static str,
    /// "Startseite".
    pub home: &'static str,
    /// "Pressemitteilungen".
    pub releases: &'static str,
    /// "Aktuelle Pressemitteilungen".
    pub latest_releases: &'static str,
    /// "Alle Pressemitteilungen".
    pub all_releases: &'static str,
    /// "Förderprogramme".
    pub programmes: &'static str,
    /// "Kommunen".
    pub municipalities: &'static str,
    /// "Themen".
    pub topics: &'static str,
    /// "Thema".
    pub topic: &'static str,
    /// "Archiv".
    pub archive: &'static str,
    /// "Jahr".
    pub year: &'static str,
    /// "Nr.".
    pub number: &'static str,
    /// "Gemeinsame Pressemitteilung".
    pub joint: &'static str,
    /// "Herausgegeben von".
    pub issued_by: &'static str,
    /// "Ort".
    pub location: &'static str,
    /// "Foto".
    pub credit: &'static str,
    /// "Downloads".
    pub attachments: &'static str,
    /// "Pressekontakt".
    pub contacts: &'static str,
    /// "Telefon".
    pub phone: &'static str,
    /// "E-Mail".
    pub email: &'static str,
    /// "Termin".
    pub event: &'static str,
    /// "Beginn".
    pub start: &'static str,
    /// "Ende".
    pub end: &'static str,
    /// "Aktualisiert am".
    pub updated: &'static str,
    /// "Korrektur".
    pub correction: &'static str,
    /// "Zurückgezogen": the mark of a withdrawn release in lists and feeds.
    pub withdrawn: &'static str,
    /// "Zurückgezogen am": the banner of a withdrawn release.
    pub withdrawn_on: &'static str,
    /// "Grund": label of the withdrawal's reason.
    pub reason: &'static str,
    /// "Änderungen": the heading of a release's change history.
    pub changes: &'static str,
    /// "Programme dieser Mitteilung".
    pub release_programmes: &'static str,
    /// "Kommunen dieser Mitteilung".
    pub release_municipalities: &'static str,
    /// "Teilnehmende Kommunen".
    pub participants: &'static str,
    /// "Kommune".
    pub municipality: &'static str,
    /// "Förderung".
    pub funding: &'static str,
    /// "Projekt".
    pub project: &'static str,
    /// "Träger".
    pub owner: &'static str,
    /// "Laufzeit".
    pub period: &'static str,
    /// "Budget".
    pub budget: &'static str,
    /// "Website".
    pub website: &'static str,
    /// "Teil von".
    pub parent: &'static str,
    /// "Module und Säulen".
    pub modules: &'static str,
    /// "Art".
    pub kind: &'static str,
    /// "Landkreis".
    pub district: &'static str,
    /// "Amtlicher Gemeindeschlüssel".
    pub ags: &'static str,
    /// "Einwohner".
    pub population: &'static str,
    /// "Bundesland".
    pub state: &'static str,
    /// "Koordinaten".
    pub coordinates: &'static str,
    /// "Mitglieder".
    pub members: &'static str,
    /// "Mitglied in".
    pub member_of: &'static str,
    /// "Beteiligung an Förderprogrammen".
    pub municipality_programmes: &'static str,
    /// "davon": before the number of a district's releases listed for its members.
    pub including: &'static str,
    /// "über Mitgliedskommunen": after that number.
    pub about_members: &'static str,
    /// "über".
    pub via: &'static str,
    /// "Keine Pressemitteilungen".
    pub no_releases: &'static str,
    /// "Seite".
    pub page: &'static str,
    /// "von".
    pub of: &'static str,
    /// "Vorherige Seite".
    pub previous: &'static str,
    /// "Nächste Seite".
    pub next: &'static str,
    /// "Seitennavigation".
    pub pagination: &'static str,
    /// "Feed abonnieren".
    pub feed: &'static str,
    /// "A–Z".
    pub a_to_z: &'static str,
    /// "Nach Art".
    pub by_kind: &'static str,
    /// "Nach Landkreis".
    pub by_district: &'static str,
    /// "ohne Landkreis".
    pub no_district: &'static str,
    /// "Seite nicht gefunden".
    pub not_found: &'static str,
    /// Text of the 404 page.
    pub not_found_text: &'static str,
    /// "Weitere Seiten".
    pub footer_pages: &'static str,
    /// "Diese Seite wurde weitergeleitet".
    pub redirect: &'static str,
    /// "Mitteilungen".
    pub releases_count: &'static str,
    /// "Sie sind hier".
    pub breadcrumb: &'static str,
    /// "Zurück zu": before the link from a record's later list page to its main page.
    pub back_to: &'static str,
    /// "Mitteilung" (one).
    pub release_one: &'static str,
    /// "Termine": the events page.
    pub events: &'static str,
    /// Introduction of the events page.
    pub events_intro: &'static str,
    /// "Kommende Termine".
    pub upcoming_events: &'static str,
    /// "Vergangene Termine".
    pub past_events: &'static str,
    /// "Zurzeit keine Termine."
    pub no_upcoming_events: &'static str,
    /// "In den Kalender": link to an event's iCalendar file.
    pub add_to_calendar: &'static str,
    /// Link text of the iCalendar file with every event.
    pub all_events_ics: &'static str,
    /// "Angekündigt in": the release of an event.
    pub announced_in: &'static str,
    /// "Offene Daten".
    pub open_data: &'static str,
    /// Introduction of the open-data page.
    pub open_data_intro: &'static str,
    /// "JSON-Schema".
    pub json_schema: &'static str,
    /// "Einträge".
    pub entries: &'static str,
    /// "Lizenz".
    pub license: &'static str,
    /// What `pressemitteilungen.json` holds.
    pub data_releases: &'static str,
    /// What `programme.json` holds.
    pub data_programmes: &'static str,
    /// What `kommunen.json` holds.
    pub data_municipalities: &'static str,
    /// "Weitere Meldungen": related releases on a release page.
    pub related: &'static str,
    /// "Karte": the heading of a map section.
    pub map: &'static str,
    /// Text alternative of a map, before the number of places shown.
    pub map_summary: &'static str,
    /// "Orte auf der Karte": heading of the list beside a map.
    pub map_places: &'static str,
    /// The link past a map's points to the list of the same places (for keyboard users).
    pub map_skip: &'static str,
    /// Said of the records a map leaves out for lack of coordinates.
    pub map_missing: &'static str,
    /// The source note of the state outline (required by its licence, dl-de/by-2-0).
    pub map_attribution: &'static str,
    /// "Suche".
    pub search: &'static str,
    /// The UI word for the label of the search field.
    pub search_label: &'static str,
    /// The UI word for the search button.
    pub search_submit: &'static str,
    /// The UI word for the group of filters.
    pub search_filters: &'static str,
    /// The UI word for the filter choice that does not filter.
    pub search_any: &'static str,
    /// The UI word for the order control.
    pub search_sort: &'static str,
    /// The UI word for best results first.
    pub search_best: &'static str,
    /// The UI word for newest results first.
    pub search_newest: &'static str,
    /// The UI word for no results.
    pub search_none: &'static str,
    /// The UI word for one result.
    pub search_one: &'static str,
    /// The UI word for several results; `{n}` is the number.
    pub search_many: &'static str,
    /// The UI word for the button that shows more results.
    pub search_more: &'static str,
    /// The UI word for while the index loads.
    pub search_loading: &'static str,
    /// The UI word for the index could not be loaded.
    pub search_error: &'static str,
    /// The UI word for the label of the result list.
    pub search_results: &'static str,
    /// The UI word for the search page without JavaScript.
    pub search_needs_js: &'static str,
}

const DE: Strings = Strings {
    skip_link: "Zum Inhalt springen",
    nav_label: "Hauptnavigation",
    service_nav: "Barrierefreiheit",
    home: "Startseite",
    releases: "Pressemitteilungen",
    latest_releases: "Aktuelle Pressemitteilungen",
    all_releases: "Alle Pressemitteilungen",
    programmes: "Förderprogramme",
    municipalities: "Kommunen",
    topics: "Themen",
    topic: "Thema",
    archive: "Archiv",
    year: "Jahr",
    number: "Nr.",
    joint: "Gemeinsame Pressemitteilung",
    issued_by: "Herausgegeben von",
    location: "Ort",
    credit: "Foto",
    attachments: "Downloads",
    contacts: "Pressekontakt",
    phone: "Telefon",
    email: "E-Mail",
    event: "Termin",
    start: "Beginn",
    end: "Ende",
    updated: "Aktualisiert am",
    correction: "Korrektur",
    withdrawn: "Zurückgezogen",
    withdrawn_on: "Zurückgezogen am",
    reason: "Grund",
    changes: "Änderungen",
    release_programmes: "Förderprogramme in dieser Mitteilung",
    release_municipalities: "Kommunen in dieser Mitteilung",
    participants: "Geförderte Kommunen",
    municipality: "Kommune",
    funding: "Förderung",
    project: "Projekt",
    owner: "Träger",
    period: "Laufzeit",
    budget: "Budget",
    website: "Website",
    parent: "Teil von",
    modules: "Module und Säulen",
    kind: "Art",
    district: "Landkreis",
    ags: "Amtlicher Gemeindeschlüssel",
    population: "Einwohnerinnen und Einwohner",
    state: "Bundesland",
    coordinates: "Koordinaten",
    members: "Mitgliedskommunen",
    member_of: "Mitglied in",
    municipality_programmes: "Beteiligung an Förderprogrammen",
    including: "davon",
    about_members: "über Mitgliedskommunen",
    via: "über",
    no_releases: "Keine Pressemitteilungen vorhanden.",
    page: "Seite",
    of: "von",
    previous: "Vorherige Seite",
    next: "Nächste Seite",
    pagination: "Seitennavigation",
    feed: "Feed abonnieren",
    a_to_z: "A–Z",
    by_kind: "Nach Art",
    by_district: "Nach Landkreis",
    no_district: "Ohne Landkreis",
    not_found: "Seite nicht gefunden",
    not_found_text: "Die angeforderte Seite gibt es nicht (mehr). Vielleicht finden Sie das Gesuchte über die Startseite oder das Archiv der Pressemitteilungen.",
    footer_pages: "Service",
    redirect: "Diese Seite ist umgezogen",
    releases_count: "Mitteilungen",
    breadcrumb: "Sie sind hier",
    back_to: "Zurück zu",
    release_one: "Mitteilung",
    events: "Termine",
    events_intro: "Veranstaltungen und Termine, die in unseren Pressemitteilungen angekündigt sind.",
    upcoming_events: "Kommende Termine",
    past_events: "Vergangene Termine",
    no_upcoming_events: "Zurzeit sind keine Termine angekündigt.",
    add_to_calendar: "In den Kalender",
    all_events_ics: "Alle Termine als Kalenderdatei (iCalendar) abonnieren",
    announced_in: "Angekündigt in",
    open_data: "Offene Daten",
    open_data_intro: "Alle veröffentlichten Pressemitteilungen, Förderprogramme und Kommunen dieser Website stehen als maschinenlesbare JSON-Dateien zur freien Weiterverwendung bereit. Jede Datei wird bei jeder Veröffentlichung neu erzeugt; ihr Aufbau ist mit einem JSON-Schema (Draft 2020-12) beschrieben.",
    json_schema: "JSON-Schema",
    entries: "Einträge",
    license: "Lizenz",
    data_releases: "Alle Pressemitteilungen: Titel, Datum, Nummer, Adresse, Zusammenfassung, Thema, Förderprogramme und Kommunen, Aktualisierung und angekündigter Termin.",
    data_programmes: "Alle Förderprogramme: Name, Kurzname, übergeordnetes Programm, Träger, Laufzeit, Website, Budget und die geförderten Kommunen mit Jahr, Fördersumme und Projekt.",
    data_municipalities: "Alle Kommunen, Landkreise und Verbände: Name, Amtlicher Gemeindeschlüssel, Art, Landkreis, Mitglieder, Einwohnerzahl, Koordinaten und Website.",
    related: "Weitere Meldungen",
    map: "Karte",
    map_summary: "Karte mit der Lage der Kommunen als Punkte; jeder Punkt ist ein Link zur Seite der Kommune. Dieselben Orte stehen in der Liste neben der Karte. Anzahl der Orte:",
    map_places: "Orte auf der Karte",
    map_skip: "Karte überspringen, zur Liste der Orte",
    map_missing: "Ohne Koordinaten und daher nicht auf der Karte:",
    map_attribution: "Landesumriss: © GeoBasis-DE / BKG 2021 (Daten verändert)",
    search: "Suche",
    search_label: "Suchbegriffe",
    search_submit: "Suchen",
    search_filters: "Eingrenzen",
    search_any: "alle",
    search_sort: "Reihenfolge",
    search_best: "Beste Treffer zuerst",
    search_newest: "Neueste zuerst",
    search_none: "Keine Treffer.",
    search_one: "1 Treffer.",
    search_many: "{n} Treffer.",
    search_more: "Weitere Treffer",
    search_loading: "Suche läuft …",
    search_error: "Der Suchindex konnte nicht geladen werden. Bitte laden Sie die Seite neu.",
    search_results: "Suchergebnisse",
    search_needs_js: "Die Suche braucht JavaScript. Ohne JavaScript finden Sie alle Pressemitteilungen hier:",
};

const EN: Strings = Strings {
    skip_link: "Skip to content",
    nav_label: "Main navigation",
    service_nav: "Accessibility",
    home: "Home",
    releases: "Press releases",
    latest_releases: "Latest press releases",
    all_releases: "All press releases",
    programmes: "Funding programmes",
    municipalities: "Municipalities",
    topics: "Topics",
    topic: "Topic",
    archive: "Archive",
    year: "Year",
    number: "No.",
    joint: "Joint press release",
    issued_by: "Issued by",
    location: "Place",
    credit: "Photo",
    attachments: "Downloads",
    contacts: "Press contact",
    phone: "Phone",
    email: "Email",
    event: "Event",
    start: "Starts",
    end: "Ends",
    updated: "Updated on",
    correction: "Correction",
    withdrawn: "Withdrawn",
    withdrawn_on: "Withdrawn on",
    reason: "Reason",
    changes: "Changes",
    release_programmes: "Programmes in this release",
    release_municipalities: "Municipalities in this release",
    participants: "Funded municipalities",
    municipality: "Municipality",
    funding: "Funding",
    project: "Project",
    owner: "Responsible body",
    period: "Period",
    budget: "Budget",
    website: "Website",
    parent: "Part of",
    modules: "Modules and pillars",
    kind: "Kind",
    district: "District",
    ags: "Official municipality key",
    population: "Population",
    state: "State",
    coordinates: "Coordinates",
    members: "Member municipalities",
    member_of: "Member of",
    municipality_programmes: "Funding programmes",
    including: "including",
    about_members: "about member municipalities",
    via: "via",
    no_releases: "No press releases yet.",
    page: "Page",
    of: "of",
    previous: "Previous page",
    next: "Next page",
    pagination: "Pagination",
    feed: "Subscribe to the feed",
    a_to_z: "A–Z",
    by_kind: "By kind",
    by_district: "By district",
    no_district: "No district",
    not_found: "Page not found",
    not_found_text: "The page you asked for does not exist (any more). Try the home page or the press release archive.",
    footer_pages: "Service",
    redirect: "This page has moved",
    releases_count: "releases",
    breadcrumb: "You are here",
    back_to: "Back to",
    release_one: "release",
    events: "Events",
    events_intro: "Events and dates announced in our press releases.",
    upcoming_events: "Upcoming events",
    past_events: "Past events",
    no_upcoming_events: "No events are announced at the moment.",
    add_to_calendar: "Add to calendar",
    all_events_ics: "Subscribe to all events as a calendar file (iCalendar)",
    announced_in: "Announced in",
    open_data: "Open data",
    open_data_intro: "Every published press release, funding programme and municipality of this site is available as machine-readable JSON for free reuse. The files are made anew with every publication; a JSON Schema (draft 2020-12) describes each of them.",
    json_schema: "JSON Schema",
    entries: "entries",
    license: "Licence",
    data_releases: "Every press release: title, date, number, address, summary, topic, programmes and municipalities, correction and announced event.",
    data_programmes: "Every funding programme: name, short name, parent programme, responsible body, period, website, budget and the funded municipalities with year, amount and project.",
    data_municipalities: "Every municipality, district and association: name, official municipality key, kind, district, members, population, coordinates and website.",
    related: "More releases",
    map: "Map",
    map_summary: "Map showing the municipalities as points; each point links to the municipality's page. The same places are listed beside the map. Number of places:",
    map_places: "Places on the map",
    map_skip: "Skip the map, go to the list of places",
    map_missing: "Without coordinates, so not on the map:",
    map_attribution: "State outline: © GeoBasis-DE / BKG 2021 (data modified)",
    search: "Search",
    search_label: "Search terms",
    search_submit: "Search",
    search_filters: "Narrow down",
    search_any: "all",
    search_sort: "Order",
    search_best: "Best matches first",
    search_newest: "Newest first",
    search_none: "No results.",
    search_one: "1 result.",
    search_many: "{n} results.",
    search_more: "More results",
    search_loading: "Searching …",
    search_error: "The search index could not be loaded. Please reload the page.",
    search_results: "Search results",
    search_needs_js: "The search needs JavaScript. Without it you find all press releases here:",
};

/// The UI words for `lang`.
pub fn strings(lang: Language) -> &'static Strings {
    match lang {
        Language::De => &DE,
        Language::En => &EN,
    }
}

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in words: "28. Mai 2018" / "28 May 2018".
pub fn date(d: Date, lang: Language) -> String {
    let m = (d.month() as usize).saturating_sub(1).min(11);
    match lang {
        Language::De => format!("{}. {} {}", d.day(), MONTHS_DE[m], d.year()),
        Language::En => format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
    }
}

/// A whole number with thousands separators: "40.000" / "40,000".
pub fn integer(n: u64, lang: Language) -> String {
    let sep = match lang {
        Language::De => '.',
        Language::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An amount in euros: "40.000 €" / "€40,000" (templates keep it on one line with CSS).
pub fn euros(n: u64, lang: Language) -> String {
    match lang {
        Language::De => format!("{} €", integer(n, lang)),
        Language::En => format!("€{}", integer(n, lang)),
    }
}

/// A file size: "1,2 MB" / "1.2 MB", "830 KB".
pub fn file_size(bytes: u64, lang: Language) -> String {
    let (value, unit) = if bytes >= 1_000_000 {
        (bytes as f64 / 1_000_000.0, "MB")
    } else if bytes >= 1_000 {
        (bytes as f64 / 1_000.0, "KB")
    } else {
        return format!("{bytes} Byte");
    };
    let s = if value < 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    let s = if lang == Language::De {
        s.replace('.', ",")
    } else {
        s
    };
    format!("{s} {unit}")
}

/// The one-line summary of a build or check, e.g. "10.000 Pressemitteilungen, 1.100 Kommunen,
/// 40 Programme → 13.412 Dateien (37 geändert) in 0,42 s".
pub fn summary(
    c: &crate::Counts,
    warnings: usize,
    lang: Language,
    seconds: f64,
    wrote: bool,
) -> String {
    let n = |x: usize| integer(x as u64, lang);
    // "1 Pressemitteilung", "2 Pressemitteilungen".
    let count =
        |x: usize, one: &str, many: &str| format!("{} {}", n(x), if x == 1 { one } else { many });
    let secs = decimal(seconds, 2, lang);
    let line = match lang {
        Language::De => format!(
            "{}, {}, {}",
            count(c.releases, "Pressemitteilung", "Pressemitteilungen"),
            count(c.municipalities, "Kommune", "Kommunen"),
            count(c.programmes, "Programm", "Programme")
        ),
        Language::En => format!(
            "{}, {}, {}",
            count(c.releases, "release", "releases"),
            count(c.municipalities, "municipality", "municipalities"),
            count(c.programmes, "programme", "programmes")
        ),
    };
    let line = match (lang, wrote) {
        (Language::De, true) => format!(
            "{line} → {} ({} geändert) in {secs} s",
            count(c.files, "Datei", "Dateien"),
            n(c.changed)
        ),
        (Language::De, false) => format!(
            "{line} geprüft ({}), nichts geschrieben, in {secs} s",
            count(c.files, "Datei", "Dateien")
        ),
        (Language::En, true) => format!(
            "{line} → {} ({} changed) in {secs} s",
            count(c.files, "file", "files"),
            n(c.changed)
        ),
        (Language::En, false) => format!(
            "{line} checked ({}), nothing written, in {secs} s",
            count(c.files, "file", "files")
        ),
    };
    match (warnings, lang) {
        (0, _) => line,
        (1, Language::De) => format!("{line}, 1 Warnung"),
        (w, Language::De) => format!("{line}, {} Warnungen", n(w)),
        (1, Language::En) => format!("{line}, 1 warning"),
        (w, Language::En) => format!("{line}, {} warnings", n(w)),
    }
}

/// A decimal number with German or English decimal separator and `places` decimals.
pub fn decimal(x: f64, places: usize, lang: Language) -> String {
    let s = format!("{x:.places$}");
    if lang == Language::De {
        s.replace('.', ",")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_formats() {
        let d = Date::new(2018, 5, 28).unwrap();
        assert_eq!(date(d, Language::De), "28. Mai 2018");
        assert_eq!(
            date(Date::new(2019, 3, 1).unwrap(), Language::De),
            "1. März 2019"
        );
        assert_eq!(integer(40000, Language::De), "40.000");
        assert_eq!(integer(1234567, Language::De), "1.234.567");
        assert_eq!(integer(999, Language::De), "999");
        assert_eq!(euros(40000, Language::De), "40.000 €");
        assert_eq!(file_size(1_234_567, Language::De), "1,2 MB");
        assert_eq!(decimal(47.883793, 4, Language::De), "47,8838");
    }

    #[test]
    fn summary_line() {
        let c = crate::Counts {
            releases: 10_000,
            municipalities: 1_100,
            programmes: 40,
            files: 13_412,
            changed: 37,
        };
        assert_eq!(
            summary(&c, 0, Language::De, 0.42, true),
            "10.000 Pressemitteilungen, 1.100 Kommunen, 40 Programme → 13.412 Dateien (37 geändert) in 0,42 s"
        );
        assert!(summary(&c, 2, Language::En, 0.42, false)
            .ends_with("nothing written, in 0.42 s, 2 warnings"));
        let one = crate::Counts {
            releases: 1,
            municipalities: 1,
            programmes: 1,
            files: 1,
            changed: 1,
        };
        assert_eq!(
            summary(&one, 1, Language::De, 0.5, false),
            "1 Pressemitteilung, 1 Kommune, 1 Programm geprüft (1 Datei), nichts geschrieben, in 0,50 s, 1 Warnung"
        );
        assert_eq!(
            summary(&one, 0, Language::En, 0.5, true),
            "1 release, 1 municipality, 1 programme → 1 file (1 changed) in 0.50 s"
        );
    }

    #[test]
    fn english_formats() {
        let d = Date::new(2018, 5, 28).unwrap();
        assert_eq!(date(d, Language::En), "28 May 2018");
        assert_eq!(euros(40000, Language::En), "€40,000");
        assert_eq!(integer(0, Language::En), "0");
    }
}
