//! Every text `herold new` says, in German and English: one catalogue, so no message is
//! written anywhere else and a missing translation does not compile.

use crate::config::Language;

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
    /// The message in `lang`.
    pub fn text(&self, lang: Language) -> String {
        use Language::{De, En};
        match (self, lang) {
            (Msg::NoSite(dir), De) => format!(
                "in {dir} liegt keine config.toml: das ist kein herold-Ordner (neu anlegen mit `herold init ORDNER`, oder --root angeben)"
            ),
            (Msg::NoSite(dir), En) => format!(
                "{dir} has no config.toml: it is not a herold site (start one with `herold init DIR`, or pass --root)"
            ),
            (Msg::NotEmpty(dir), De) => format!(
                "{dir} ist nicht leer; herold legt eine neue Website nur in einem leeren oder neuen Ordner an (einen anderen Ordner angeben)"
            ),
            (Msg::NotEmpty(dir), En) => format!(
                "{dir} is not empty; herold starts a new site only in an empty or new folder (name another folder)"
            ),
            (Msg::Initialised(dir), De) => format!(
                "Neue Website in {dir} angelegt. Weiter mit:\n  cd {dir}\n  herold serve          Vorschau im Browser\n  herold new release \"Titel\"\nVor der Veröffentlichung: base_url in config.toml und die Platzhalter [in eckigen Klammern] in content/pages/ ausfüllen."
            ),
            (Msg::Initialised(dir), En) => format!(
                "New site created in {dir}. Next:\n  cd {dir}\n  herold serve          preview in the browser\n  herold new release \"Title\"\nBefore publishing: set base_url in config.toml and fill in the placeholders [in square brackets] in content/pages/."
            ),
            (Msg::Exists(path), De) => format!(
                "{path} gibt es schon; herold überschreibt keine Datei (anderen Titel oder Namen wählen, oder die Datei bearbeiten)"
            ),
            (Msg::Exists(path), En) => format!(
                "{path} exists already; herold never overwrites a file (choose another title or name, or edit that file)"
            ),
            (Msg::NoSlug(name), De) => format!(
                "aus „{name}“ lässt sich kein Dateiname bilden: er braucht mindestens einen Buchstaben oder eine Ziffer"
            ),
            (Msg::NoSlug(name), En) => format!(
                "\"{name}\" gives no file name: it needs at least one letter or digit"
            ),
            (Msg::NoName, De) => {
                "Name fehlt: `herold new municipality NAME` oder `herold new municipality --ags 08315070`".into()
            }
            (Msg::NoName, En) => {
                "name missing: `herold new municipality NAME` or `herold new municipality --ags 08315070`".into()
            }
            (Msg::UnknownAgs(ags), De) => format!(
                "den Gemeindeschlüssel {ags} kennt herold nicht: eingebaut sind die 8-stelligen Schlüssel der Gemeinden und die 5-stelligen der Kreise Baden-Württembergs (z. B. 08315070 für Löffingen); für andere Kommunen den Namen angeben und die Angaben selbst eintragen"
            ),
            (Msg::UnknownAgs(ags), En) => format!(
                "herold does not know the official key {ags}: built in are the 8-digit keys of Baden-Württemberg's municipalities and the 5-digit keys of its districts (e.g. 08315070 for Löffingen); for other places give the name and fill in the facts yourself"
            ),
            (Msg::Io(path, why), De) => format!("{path} ließ sich nicht schreiben: {why}"),
            (Msg::Io(path, why), En) => format!("could not write {path}: {why}"),
            (Msg::Wrote(path), De) => format!("{path} angelegt"),
            (Msg::Wrote(path), En) => format!("created {path}"),
            (Msg::MissingDistrict(slug, ags), De) => format!(
                "Hinweis: den Kreis {slug} gibt es noch nicht als Datensatz; die Zeile `district` ist darum auskommentiert (anlegen mit `herold new municipality --ags {ags}`)"
            ),
            (Msg::MissingDistrict(slug, ags), En) => format!(
                "note: the district {slug} has no record yet, so the `district` line is commented out (create it with `herold new municipality --ags {ags}`)"
            ),
        }
    }
}

/// The word before a message that stopped the command ("Fehler: …").
pub fn error_label(lang: Language) -> &'static str {
    match lang {
        Language::De => "Fehler",
        Language::En => "error",
    }
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
