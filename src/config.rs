//! `config.toml`: the site's settings, strictly typed.
//!
//! Unknown keys are errors with a did-you-mean. The base URL is parsed once here into an origin
//! and a sub-path, which [`crate::urls::Urls`] then uses for every link herold writes.

use std::sync::Arc;

use serde::Deserialize;

use crate::diag::{Diagnostic, Location, Msg};
use crate::msg;
use crate::slug::is_slug;
use crate::toml_de;

/// Name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "config.toml";

/// The UI language of the built-in strings and date and number formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum Language {
    /// German (default): "28. Mai 2018", "40.000 €".
    #[default]
    #[serde(rename = "de")]
    De,
    /// English: "28 May 2018", "€40,000".
    #[serde(rename = "en")]
    En,
}

impl Language {
    /// The language of a tag as `language` and `--lang` take it: `de` or `en`.
    pub fn from_tag(tag: &str) -> Option<Language> {
        match tag {
            "de" => Some(Language::De),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The language a config.toml asks for, even when it has mistakes elsewhere: its
    /// `language` (German when it has none) if the file is TOML, or a line `language = "…"`
    /// before its first table if it is not. `None` when no language can be read from it.
    pub fn of_config(text: &str) -> Option<Language> {
        match toml::from_str::<toml::Table>(text) {
            Ok(table) => match table.get("language") {
                None => Some(Language::default()),
                Some(toml::Value::String(tag)) => Language::from_tag(tag),
                Some(_) => None,
            },
            Err(_) => text
                .lines()
                .take_while(|l| !l.trim_start().starts_with('['))
                .find_map(|l| {
                    let (key, value) = l.split_once('=')?;
                    let value = value.split('#').next().unwrap_or("").trim();
                    (key.trim() == "language")
                        .then(|| Language::from_tag(value.trim_matches('"')))?
                }),
        }
    }

    /// The BCP 47 tag written into `<html lang>` and the feeds.
    pub fn tag(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }
}

/// The URL words of the site's sections (`[paths]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Paths {
    /// Word for the release archive: `/pressemitteilungen/`.
    pub releases: String,
    /// Word for the programme index: `/programme/`.
    pub programmes: String,
    /// Word for the municipality index: `/kommunen/`.
    pub municipalities: String,
    /// Word for topic pages: `/themen/`.
    pub topics: String,
    /// Word for pagination: `/pressemitteilungen/seite/2/`.
    pub page: String,
    /// Word for the search page: `/suche/`.
    pub search: String,
    /// Word for the open-data folder: `/daten/pressemitteilungen.json`.
    pub data: String,
    /// Word for the events page and calendar: `/termine/`, `/termine.ics`.
    pub calendar: String,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            releases: "pressemitteilungen".into(),
            programmes: "programme".into(),
            municipalities: "kommunen".into(),
            topics: "themen".into(),
            page: "seite".into(),
            search: "suche".into(),
            data: "daten".into(),
            calendar: "termine".into(),
        }
    }
}

/// Which of the optional outputs a site writes (`[outputs]`); each is on unless switched off.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash)]
#[serde(default, deny_unknown_fields)]
pub struct Outputs {
    /// The static search page and its index (`/suche/`).
    pub search: bool,
    /// The open-data JSON files (`/daten/*.json`).
    pub json: bool,
    /// Event calendars: `/termine/`, `/termine.ics` and a `termin.ics` per release with an event.
    pub calendar: bool,
    /// SVG maps on the municipality index, programme pages and district pages.
    pub map: bool,
}

impl Default for Outputs {
    fn default() -> Self {
        Outputs {
            search: true,
            json: true,
            calendar: true,
            map: true,
        }
    }
}

/// The licence of the open-data files (`data_license = { name = "…", url = "…" }`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataLicense {
    /// The licence's name as readers see it.
    pub name: String,
    /// Where its text is.
    pub url: String,
}

impl Default for DataLicense {
    /// Germany's open-data licence with attribution, the usual one of public bodies.
    fn default() -> Self {
        DataLicense {
            name: "Datenlizenz Deutschland – Namensnennung – Version 2.0".into(),
            url: "https://www.govdata.de/dl-de/by-2-0".into(),
        }
    }
}

/// `config.toml` as written by the user.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    language: Language,
    #[serde(default)]
    theme: Option<toml::Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default = "default_per_page")]
    per_page: i64,
    #[serde(default)]
    paths: Paths,
    #[serde(default)]
    outputs: Outputs,
    #[serde(default)]
    trusted_html: bool,
    #[serde(default)]
    relative_urls: bool,
    #[serde(default)]
    data_license: DataLicense,
    #[serde(default)]
    extra: toml::Table,
}

fn default_per_page() -> i64 {
    20
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's name, shown in the header, titles and feeds.
    pub title: String,
    /// One sentence about the site, for the home page and `<meta name="description">`.
    pub description: Option<String>,
    /// Scheme and host of the base URL, without a trailing slash: `https://example.org`.
    pub origin: String,
    /// Path of the base URL, always starting and ending with `/`: `/` or `/presse/`.
    pub base_path: String,
    /// UI language.
    pub language: Language,
    /// Name of the theme under `themes/`, or `None` for the built-in theme.
    pub theme: Option<String>,
    /// Where the theme was named in config.toml (for "theme not found").
    pub theme_at: Option<Location>,
    /// Releases per list page (archive, year, topic, programme and municipality pages).
    pub per_page: usize,
    /// URL words.
    pub paths: Paths,
    /// The optional outputs switched on.
    pub outputs: Outputs,
    /// Keep raw HTML in Markdown texts as written (`trusted_html = true`); by default it is
    /// sanitised (no scripts, event handlers or `javascript:` URLs).
    pub trusted_html: bool,
    /// Write internal links relative to each page, with `index.html` for folders, so the
    /// build opens from the file system (`relative_urls = true`, `--relative-urls`).
    pub relative_urls: bool,
    /// The licence the open-data files are published under.
    pub data_license: DataLicense,
    /// Free-form values passed to templates as `config.extra`.
    pub extra: toml::Table,
}

impl Config {
    /// Parses and validates the text of `config.toml`. `base_url_override` is `--base-url`.
    pub fn parse(
        text: &Arc<str>,
        base_url_override: Option<&str>,
    ) -> Result<Config, Vec<Diagnostic>> {
        let raw: RawConfig = toml_de::parse(CONFIG_FILE, text, text, 0, || msg!("toml-in-config"))
            .map_err(|d| vec![*d])?;
        let mut problems = Vec::new();
        let at = |needle: &str| locate_key(text, needle);

        let base = base_url_override.unwrap_or(&raw.base_url);
        let (origin, base_path) = match parse_base_url(base) {
            Ok(v) => v,
            Err(why) => {
                let loc = if base_url_override.is_some() {
                    None
                } else {
                    at("base_url")
                };
                problems.push(
                    Diagnostic::error(
                        loc,
                        msg!("config-base-url", url = base.to_string(), why = why),
                    )
                    .with_help(msg!("config-base-url-help")),
                );
                (String::new(), "/".into())
            }
        };
        if raw.title.trim().is_empty() {
            problems.push(
                Diagnostic::error(at("title"), msg!("config-title-empty"))
                    .with_help(msg!("config-title-empty-help")),
            );
        }
        if raw.per_page < 1 {
            problems.push(
                Diagnostic::error(
                    at("per_page"),
                    msg!("config-per-page", value = raw.per_page.to_string()),
                )
                .with_help(msg!("config-per-page-help")),
            );
        }
        let p = &raw.paths;
        for (key, word) in [
            ("releases", &p.releases),
            ("programmes", &p.programmes),
            ("municipalities", &p.municipalities),
            ("topics", &p.topics),
            ("page", &p.page),
            ("search", &p.search),
            ("data", &p.data),
            ("calendar", &p.calendar),
        ] {
            if !is_slug(word) {
                problems.push(
                    Diagnostic::error(at(key), msg!("config-path-word", key = key, word = word))
                        .with_help(msg!("slug-chars")),
                );
            }
        }
        let words = [
            &p.releases,
            &p.programmes,
            &p.municipalities,
            &p.topics,
            &p.search,
            &p.data,
            &p.calendar,
        ];
        for (i, a) in words.iter().enumerate() {
            if words[i + 1..].contains(a) {
                problems.push(
                    Diagnostic::error(at("[paths]"), msg!("config-path-twice", word = *a))
                        .with_help(msg!("config-path-twice-help")),
                );
            }
        }
        let lic = &raw.data_license;
        if lic.name.trim().is_empty() || parse_base_url(&lic.url).is_err() {
            problems.push(
                Diagnostic::error(at("data_license"), msg!("config-data-license"))
                    .with_help(msg!("config-data-license-help")),
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            title: raw.title,
            description: raw.description,
            origin,
            base_path,
            language: raw.language,
            theme_at: raw
                .theme
                .as_ref()
                .map(|t| Location::span(CONFIG_FILE, text, t.span())),
            theme: raw.theme.map(toml::Spanned::into_inner),
            per_page: usize::try_from(raw.per_page).unwrap_or(20),
            paths: raw.paths,
            outputs: raw.outputs,
            trusted_html: raw.trusted_html,
            relative_urls: raw.relative_urls,
            data_license: raw.data_license,
            extra: raw.extra,
        })
    }
}

impl Config {
    /// A stand-in used after config.toml failed to parse, so the content can still be checked
    /// and every problem reported in one run (the build fails anyway).
    pub fn fallback() -> Config {
        Config {
            title: String::new(),
            description: None,
            origin: "https://example.invalid".into(),
            base_path: "/".into(),
            language: Language::De,
            theme: None,
            theme_at: None,
            per_page: 20,
            paths: Paths::default(),
            outputs: Outputs::default(),
            trusted_html: false,
            relative_urls: false,
            data_license: DataLicense::default(),
            extra: toml::Table::new(),
        }
    }
}

/// Location of the first line in `text` that starts with `key` (for semantic config errors).
fn locate_key(text: &Arc<str>, key: &str) -> Option<Location> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(key) {
            let start = offset + (line.len() - line.trim_start().len());
            return Some(Location::span(CONFIG_FILE, text, start..start + key.len()));
        }
        offset += line.len();
    }
    Some(Location::file(CONFIG_FILE))
}

/// The `url` crate's reason, in words of the catalogue.
fn url_reason(e: url::ParseError) -> Msg {
    use url::ParseError as E;
    match e {
        E::RelativeUrlWithoutBase | E::RelativeUrlWithCannotBeABaseBase => msg!("url-relative"),
        E::EmptyHost => msg!("url-empty-host"),
        E::InvalidPort => msg!("url-invalid-port"),
        E::InvalidDomainCharacter | E::IdnaError => msg!("url-invalid-domain"),
        E::InvalidIpv4Address | E::InvalidIpv6Address => msg!("url-invalid-address"),
        other => msg!("url-other", detail = other.to_string()),
    }
}

/// Splits a base URL into origin (`https://host[:port]`) and path (`/…/`).
fn parse_base_url(s: &str) -> Result<(String, String), Msg> {
    let url = url::Url::parse(s).map_err(url_reason)?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(msg!("url-scheme", scheme = url.scheme().to_string()));
    }
    if url.host_str().is_none() {
        return Err(msg!("url-no-host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(msg!("url-query"));
    }
    let origin = url.origin().ascii_serialization();
    let mut path = url.path().to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok((origin, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&Arc::from(s), None)
    }

    #[test]
    fn base_url_sub_path_is_normalised() {
        let c = parse("title = \"T\"\nbase_url = \"https://example.org/presse\"\n").unwrap();
        assert_eq!(c.origin, "https://example.org");
        assert_eq!(c.base_path, "/presse/");
        let c = parse("title = \"T\"\nbase_url = \"http://localhost:1111\"\n").unwrap();
        assert_eq!(c.origin, "http://localhost:1111");
        assert_eq!(c.base_path, "/");
    }

    /// The English text of the first problem's message.
    fn first(e: &[Diagnostic]) -> String {
        e[0].message.to_string()
    }

    #[test]
    fn unknown_key_and_bad_url_are_errors() {
        let e =
            parse("title = \"T\"\nbase_url = \"https://e.org\"\nlanguge = \"de\"\n").unwrap_err();
        assert!(first(&e).contains("unknown key `languge`"));
        assert!(e[0]
            .help
            .as_ref()
            .unwrap()
            .to_string()
            .contains("`language`"));
        let e = parse("title = \"T\"\nbase_url = \"ftp://e.org\"\n").unwrap_err();
        assert!(first(&e).contains("not usable"));
        assert_eq!(
            e[0].location.as_ref().unwrap().to_string(),
            "config.toml:2:1"
        );
    }

    #[test]
    fn trusted_html_is_off_unless_switched_on() {
        let c = parse("title = \"T\"\nbase_url = \"https://e.org\"\n").unwrap();
        assert!(!c.trusted_html);
        let c =
            parse("title = \"T\"\nbase_url = \"https://e.org\"\ntrusted_html = true\n").unwrap();
        assert!(c.trusted_html);
        let e = parse("title = \"T\"\nbase_url = \"https://e.org\"\ntrusted_html = \"ja\"\n")
            .unwrap_err();
        assert!(first(&e).contains("trusted_html"), "{}", first(&e));
    }

    #[test]
    fn outputs_are_on_unless_switched_off() {
        let c = parse("title = \"T\"\nbase_url = \"https://e.org\"\n").unwrap();
        assert_eq!(c.outputs, Outputs::default());
        assert!(c.outputs.search && c.outputs.json && c.outputs.calendar && c.outputs.map);
        let c = parse(
            "title = \"T\"\nbase_url = \"https://e.org\"\n[outputs]\nsearch = false\nmap = false\n",
        )
        .unwrap();
        assert!(!c.outputs.search && c.outputs.json && c.outputs.calendar && !c.outputs.map);
        let e = parse("title = \"T\"\nbase_url = \"https://e.org\"\n[outputs]\nserch = false\n")
            .unwrap_err();
        assert!(first(&e).contains("serch"), "{}", first(&e));
    }

    #[test]
    fn data_license_has_a_german_default_and_can_be_set() {
        let c = parse("title = \"T\"\nbase_url = \"https://e.org\"\n").unwrap();
        assert_eq!(c.data_license, DataLicense::default());
        assert!(c.data_license.name.starts_with("Datenlizenz Deutschland"));
        let c = parse("title = \"T\"\nbase_url = \"https://e.org\"\ndata_license = { name = \"CC BY 4.0\", url = \"https://creativecommons.org/licenses/by/4.0/\" }\n")
            .unwrap();
        assert_eq!(c.data_license.name, "CC BY 4.0");
        let e = parse("title = \"T\"\nbase_url = \"https://e.org\"\ndata_license = { name = \"X\", url = \"irgendwo\" }\n")
            .unwrap_err();
        assert!(first(&e).contains("data_license"), "{}", first(&e));
        let e =
            parse("title = \"T\"\nbase_url = \"https://e.org\"\ndata_license = { name = \"X\" }\n")
                .unwrap_err();
        assert!(first(&e).contains("url"), "{}", first(&e));
    }

    #[test]
    fn new_path_words_must_differ_from_the_others() {
        let e =
            parse("title = \"T\"\nbase_url = \"https://e.org\"\n[paths]\nsearch = \"themen\"\n")
                .unwrap_err();
        assert!(first(&e).contains("twice"), "{}", first(&e));
    }

    #[test]
    fn path_words_must_be_slugs() {
        let e = parse("title = \"T\"\nbase_url = \"https://e.org\"\n[paths]\nreleases = \"Presse Mitteilungen\"\n")
            .unwrap_err();
        assert!(first(&e).contains("not a URL word"));
    }
}
