//! What `herold init` and `herold new` say, as typed values; their texts, in German and
//! English, are in herold's one catalogue of messages ([`crate::diag::i18n`]). The words of
//! the files they write are below.

use crate::config::Language;
use crate::msg;

/// A message of the scaffolding commands, with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// The folder has no `config.toml`.
    NoSite(String),
    /// `herold init` was pointed at a folder that holds files.
    NotEmpty(String),
    /// A new site was written, and what to do next.
    Initialised(String),
    /// The file to write exists already.
    Exists(String),
    /// The name or title gives no usable slug.
    NoSlug(String),
    /// Neither a name nor `--ags` was given.
    NoName,
    /// `--ags` names no entry of the embedded table.
    UnknownAgs(String),
    /// Writing failed.
    Io(String, String),
    /// What was written, and what to do next.
    Wrote(String),
    /// The district record a new municipality names does not exist yet.
    MissingDistrict(String, String),
}

impl Msg {
    /// The message of the catalogue.
    pub fn message(&self) -> crate::diag::Msg {
        match self {
            Msg::NoSite(dir) => msg!("new-no-site", dir = dir),
            Msg::NotEmpty(dir) => msg!("new-not-empty", dir = dir),
            Msg::Initialised(dir) => msg!("new-initialised", dir = dir),
            Msg::Exists(path) => msg!("new-exists", path = path),
            Msg::NoSlug(name) => msg!("new-no-slug", name = name),
            Msg::NoName => msg!("new-no-name"),
            Msg::UnknownAgs(ags) => msg!("new-unknown-ags", ags = ags),
            Msg::Io(path, why) => msg!("new-io", path = path, reason = why),
            Msg::Wrote(path) => msg!("new-wrote", path = path),
            Msg::MissingDistrict(slug, ags) => {
                msg!("new-missing-district", slug = slug, ags = ags)
            }
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Language) -> String {
        self.message().text(lang)
    }
}

/// The word before a message that stopped the command ("Fehler: …").
pub fn error_label(lang: Language) -> String {
    msg!("label-error").text(lang)
}

/// The words of the files `herold new` writes: comments and placeholders.
#[derive(Debug)]
pub struct Template {
    /// Placeholder body of a new release.
    pub body: &'static str,
    /// Comment above the draft switch.
    pub draft: &'static str,
    /// Comment introducing the optional keys.
    pub optional: &'static str,
    /// Example kicker.
    pub kicker: &'static str,
    /// Comment on programme and municipality references.
    pub references: &'static str,
    /// Example summary.
    pub summary: &'static str,
    /// Comment on a record's optional keys.
    pub record: &'static str,
    /// Example description of a record.
    pub description: &'static str,
    /// Where the facts of a municipality came from.
    pub source: &'static str,
}

/// The template words in `lang`.
pub fn template(lang: Language) -> &'static Template {
    match lang {
        Language::De => &Template {
            body: "Hier steht der Text der Pressemitteilung. Der erste Absatz ist der Vorspann.\n\n## Zwischenüberschrift\n\nWeiterer Text.\n",
            draft: "# Entwurf: erscheint nirgends, bis diese Zeile gelöscht ist (Vorschau: herold serve --drafts)",
            optional: "# Weitere Angaben: das # am Zeilenanfang entfernen und ausfüllen",
            kicker: "Thema",
            references: "# Datensätze in content/programmes/ und content/municipalities/ (Dateiname ohne .toml)",
            summary: "Kurzfassung für Listen und Feeds (sonst: der erste Absatz)",
            record: "# Weitere Angaben: das # am Zeilenanfang entfernen und ausfüllen",
            description: "Beschreibung (Markdown)",
            source: "# Angaben aus dem Gemeindeverzeichnis (Destatis, Gebietsstand 31.12.2020) und dem Zensus 2022, dl-de/by-2-0",
        },
        Language::En => &Template {
            body: "The text of the press release goes here. The first paragraph is the lead.\n\n## Subheading\n\nMore text.\n",
            draft: "# Draft: published nowhere until this line is deleted (preview: herold serve --drafts)",
            optional: "# More keys: remove the # at the start of a line and fill it in",
            kicker: "Topic",
            references: "# Records in content/programmes/ and content/municipalities/ (file name without .toml)",
            summary: "Teaser for lists and feeds (default: the first paragraph)",
            record: "# More keys: remove the # at the start of a line and fill it in",
            description: "Description (Markdown)",
            source: "# Facts from the Gemeindeverzeichnis (Destatis, as of 31.12.2020) and the Zensus 2022, dl-de/by-2-0",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Msg> {
        let s = || "x".to_string();
        vec![
            Msg::NoSite(s()),
            Msg::NotEmpty(s()),
            Msg::Initialised(s()),
            Msg::Exists(s()),
            Msg::NoSlug(s()),
            Msg::NoName,
            Msg::UnknownAgs(s()),
            Msg::Io(s(), s()),
            Msg::Wrote(s()),
            Msg::MissingDistrict(s(), s()),
        ]
    }

    #[test]
    fn every_message_is_translated() {
        for m in all() {
            let (de, en) = (m.text(Language::De), m.text(Language::En));
            assert!(!de.is_empty() && !en.is_empty(), "{m:?}");
            assert_ne!(de, en, "{m:?} is not translated");
        }
    }
}
