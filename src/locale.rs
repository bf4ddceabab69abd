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
    /// "Mitteilungen aus den Mitgliedskommunen".
    pub rollup: &'static str,
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
    /// "Ältere Mitteilungen".
    pub older_releases: &'static str,
    /// "Mitteilung" (one).
    pub release_one: &'static str,
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
    rollup: "Mitteilungen über Mitgliedskommunen",
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
    older_releases: "Ältere Mitteilungen",
    release_one: "Mitteilung",
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
    rollup: "Releases about member municipalities",
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
    older_releases: "Older releases",
    release_one: "release",
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
        if i > 0 && (digits.len() - i) % 3 == 0 {
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
    let secs = decimal(seconds, 2, lang);
    let line = match (lang, wrote) {
        (Language::De, true) => format!(
            "{} Pressemitteilungen, {} Kommunen, {} Programme → {} Dateien ({} geändert) in {secs} s",
            n(c.releases), n(c.municipalities), n(c.programmes), n(c.files), n(c.changed)
        ),
        (Language::De, false) => format!(
            "{} Pressemitteilungen, {} Kommunen, {} Programme geprüft ({} Dateien), nichts geschrieben, in {secs} s",
            n(c.releases), n(c.municipalities), n(c.programmes), n(c.files)
        ),
        (Language::En, true) => format!(
            "{} releases, {} municipalities, {} programmes → {} files ({} changed) in {secs} s",
            n(c.releases), n(c.municipalities), n(c.programmes), n(c.files), n(c.changed)
        ),
        (Language::En, false) => format!(
            "{} releases, {} municipalities, {} programmes checked ({} files), nothing written, in {secs} s",
            n(c.releases), n(c.municipalities), n(c.programmes), n(c.files)
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
    }

    #[test]
    fn english_formats() {
        let d = Date::new(2018, 5, 28).unwrap();
        assert_eq!(date(d, Language::En), "28 May 2018");
        assert_eq!(euros(40000, Language::En), "€40,000");
        assert_eq!(integer(0, Language::En), "0");
    }
}
