//! `herold init` and `herold new`: a new site ([`init`]), and scaffolds the next numbered release, a programme record or a municipality
//! record (filled from the embedded official table with `--ags`).
//!
//! Scaffolding reads only what it needs (config.toml for the language, the release files for
//! their numbers) and writes one new file; it never overwrites one.

pub mod gazetteer;
pub mod init;
pub mod messages;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::{Config, Language, CONFIG_FILE};
use crate::slug::slugify;
pub use messages::Msg;

/// What `herold new` is asked to make.
#[derive(Debug, Clone)]
pub enum NewFile {
    /// A release with this title, dated `day`.
    Release {
        /// Headline.
        title: String,
        /// The release date (`--now`'s day).
        day: Date,
    },
    /// A programme record with this name.
    Programme {
        /// Name.
        name: String,
    },
    /// A municipality record: a name, an official key, or both (the key fills the facts).
    Municipality {
        /// Name (default: the official name of `ags`).
        name: Option<String>,
        /// Amtlicher Gemeindeschlüssel.
        ags: Option<String>,
    },
}

/// The outcome of a scaffolding command: the file written and any notes, or why not.
#[derive(Debug)]
pub struct Scaffolded {
    /// The file written (under the site root).
    pub path: PathBuf,
    /// Hints for the user.
    pub notes: Vec<Msg>,
}

/// Longest slug `herold new` derives from a title (cut at a hyphen).
const MAX_SLUG: usize = 60;

/// The language of the site at `root`, if its config.toml can be read.
pub fn site_language(root: &Path) -> Option<Language> {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    Config::parse(&std::sync::Arc::from(text), None)
        .ok()
        .map(|c| c.language)
}

/// Writes the file `what` asks for into the site at `root`.
pub fn new_file(root: &Path, what: &NewFile, lang: Language) -> Result<Scaffolded, Msg> {
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Msg::NoSite(root.display().to_string()));
    }
    let (rel, text, notes) = match what {
        NewFile::Release { title, day } => release(root, title, *day, lang)?,
        NewFile::Programme { name } => programme(name, lang)?,
        NewFile::Municipality { name, ags } => municipality(root, name.as_deref(), ags, lang)?,
    };
    let path = root.join(&rel);
    write_new(&path, &text)?;
    Ok(Scaffolded { path, notes })
}

type Planned = (String, String, Vec<Msg>);

fn release(root: &Path, title: &str, day: Date, lang: Language) -> Result<Planned, Msg> {
    let slug = short_slug(title)?;
    let t = messages::template(lang);
    let number = next_number(root, day.year());
    let rel = format!("content/releases/{day}-{slug}.md");
    let text = format!(
        "+++\ntitle = {title}\ndate = {day}\nnumber = \"{number}\"\n{draft}\ndraft = true\n\n{optional}\n# kicker = \"{kicker}\"\n{references}\n# programmes = []\n# municipalities = []\n# summary = \"{summary}\"\n+++\n\n{body}",
        title = toml_string(title),
        draft = t.draft,
        optional = t.optional,
        kicker = t.kicker,
        references = t.references,
        summary = t.summary,
        body = t.body,
    );
    Ok((rel, text, Vec::new()))
}

fn programme(name: &str, lang: Language) -> Result<Planned, Msg> {
    let slug = short_slug(name)?;
    let t = messages::template(lang);
    let text = format!(
        "name = {name}\n\n{record}\n# short = \"\"\n# parent = \"\"\n# owner = \"\"\n# start = 2026-01-01\n# end = 2026-12-31\n# website = \"https://\"\n# budget_eur = 0\n# description = \"\"\"\n# {description}\n# \"\"\"\n\n# [[participants]]\n# municipality = \"\"\n# year = 2026\n# funding_eur = 0\n# project = \"\"\n",
        name = toml_string(name),
        record = t.record,
        description = t.description,
    );
    Ok((format!("content/programmes/{slug}.toml"), text, Vec::new()))
}

fn municipality(
    root: &Path,
    name: Option<&str>,
    ags: &Option<String>,
    lang: Language,
) -> Result<Planned, Msg> {
    let t = messages::template(lang);
    let entry = match ags {
        Some(key) => Some(gazetteer::lookup(key).ok_or_else(|| Msg::UnknownAgs(key.clone()))?),
        None => None,
    };
    let name = name
        .map(str::to_string)
        .or_else(|| entry.as_ref().map(|e| e.name.clone()))
        .ok_or(Msg::NoName)?;
    let slug = short_slug(&name)?;
    let mut text = format!("name = {}\n", toml_string(&name));
    let mut notes = Vec::new();
    match &entry {
        Some(e) => {
            text.push_str(&format!(
                "{}\nkind = \"{}\"\nags = \"{}\"\n",
                t.source, e.kind, e.ags
            ));
            if let Some(district) = &e.district {
                let d = slugify(district);
                if root.join(format!("content/municipalities/{d}.toml")).is_file() {
                    text.push_str(&format!("district = \"{d}\"\n"));
                } else {
                    text.push_str(&format!("# district = \"{d}\"\n"));
                    notes.push(Msg::MissingDistrict(d, e.ags[..5].to_string()));
                }
            }
            text.push_str("state = \"Baden-Württemberg\"\n");
            if let Some(p) = e.population {
                text.push_str(&format!("population = {p}\n"));
            }
            let (lat, lon) = &e.coordinates;
            text.push_str(&format!("coordinates = [{lat}, {lon}]\n"));
            text.push_str(&format!("\n{}\n# website = \"https://\"\n", t.record));
        }
        None => text.push_str(&format!(
            "\n{}\n# kind = \"Stadt\"\n# ags = \"\"\n# district = \"\"\n# state = \"\"\n# population = 0\n# coordinates = [48.0, 9.0]\n# website = \"https://\"\n",
            t.record
        )),
    }
    text.push_str(&format!(
        "# description = \"\"\"\n# {}\n# \"\"\"\n",
        t.description
    ));
    Ok((format!("content/municipalities/{slug}.toml"), text, notes))
}

/// The next release number of `year`: one more than the highest `NNN/YYYY` among the
/// release files (drafts included), three digits.
pub fn next_number(root: &Path, year: i16) -> String {
    let highest = walkdir::WalkDir::new(root.join("content/releases"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|text| number_in(&text, year))
        .max()
        .unwrap_or(0);
    format!("{:03}/{year}", highest + 1)
}

/// The running number of a release file's `number = "NNN/YYYY"` when it is of `year`.
fn number_in(text: &str, year: i16) -> Option<u32> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = crate::frontmatter::split(text).ok()?;
    let table: toml::Table = split.front.parse().ok()?;
    let number = table.get("number")?.as_str()?;
    let (n, y) = number.trim().split_once('/')?;
    (y.trim().parse::<i16>().ok()? == year)
        .then(|| n.trim().parse().ok())
        .flatten()
}

/// The slug of `name`, cut at a hyphen to at most [`MAX_SLUG`] characters.
fn short_slug(name: &str) -> Result<String, Msg> {
    let slug = slugify(name);
    if slug.is_empty() {
        return Err(Msg::NoSlug(name.to_string()));
    }
    if slug.len() <= MAX_SLUG {
        return Ok(slug);
    }
    let cut = slug[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
    Ok(slug[..cut].trim_end_matches('-').to_string())
}

/// `s` as a TOML string literal.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Writes `text` to `path`, which must not exist yet (never overwrites, even in a race).
pub(crate) fn write_new(path: &Path, text: &str) -> Result<(), Msg> {
    use std::io::Write;
    let shown = path.display().to_string();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Msg::Io(shown.clone(), e.to_string()))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(Msg::Exists(shown)),
        Err(e) => return Err(Msg::Io(shown, e.to_string())),
    };
    file.write_all(text.as_bytes())
        .map_err(|e| Msg::Io(shown, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_from_the_front_matter_of_their_year() {
        let f = |n: &str| {
            format!("+++\ntitle = \"T\"\ndate = 2024-01-01\nnumber = \"{n}\"\n+++\nText\n")
        };
        assert_eq!(number_in(&f("047/2018"), 2018), Some(47));
        assert_eq!(number_in(&f("047/2018"), 2019), None);
        assert_eq!(number_in(&f("Sonderausgabe"), 2018), None);
        assert_eq!(number_in("+++\ntitle = \"T\"\n+++\n", 2018), None);
        assert_eq!(number_in("no front matter", 2018), None);
    }

    #[test]
    fn long_titles_give_slugs_cut_at_a_word() {
        let s = short_slug(
            "Pakt für Integration: Land fördert Prozessbegleitung in Meßkirch und Löffingen",
        )
        .unwrap();
        assert!(s.len() <= MAX_SLUG, "{s}");
        assert!(s.starts_with("pakt-fuer-integration-land-foerdert"));
        assert!(!s.ends_with('-'));
        assert!(short_slug("!!!").is_err());
    }
}
