//! `herold init DIR`: a new, working site — configuration explained line by line, one example
//! release, programme and municipality, and the pages a public body must have (Impressum,
//! Datenschutz, Erklärung zur Barrierefreiheit, Leichte Sprache) — in German or English.
//!
//! The files are `src/scaffold/skeleton/{de,en}/`, compiled in; `DATE` and `YEAR` in their
//! names and texts become the day of `--now`.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::Msg;
use crate::config::Language;

/// One file of a skeleton: its path in the new site and its text.
type File = (&'static str, &'static str);

macro_rules! skeleton {
    ($lang:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("skeleton/", $lang, "/", $path)))),*]
    };
}

const DE: &[File] = skeleton!("de":
    "config.toml",
    ".gitignore",
    "README.md",
    "content/releases/DATE-willkommen.md",
    "content/programmes/beispielprogramm.toml",
    "content/municipalities/stuttgart.toml",
    "content/pages/impressum.md",
    "content/pages/datenschutz.md",
    "content/pages/barrierefreiheit.md",
    "content/pages/leichte-sprache.md",
);

const EN: &[File] = skeleton!("en":
    "config.toml",
    ".gitignore",
    "README.md",
    "content/releases/DATE-welcome.md",
    "content/programmes/example-programme.toml",
    "content/municipalities/stuttgart.toml",
    "content/pages/imprint.md",
    "content/pages/privacy.md",
    "content/pages/accessibility.md",
    "content/pages/easy-read.md",
);

/// The skeleton's files in `lang`.
fn files(lang: Language) -> &'static [File] {
    match lang {
        Language::De => DE,
        Language::En => EN,
    }
}

/// Writes a new site into `dir`, which must be empty or not exist yet. Returns the files
/// written; on any failure nothing of the skeleton is left behind.
pub fn init(dir: &Path, lang: Language, day: Date) -> Result<Vec<PathBuf>, Msg> {
    let shown = dir.display().to_string();
    let existed = match std::fs::read_dir(dir).map(|mut e| e.next().is_some()) {
        Ok(true) => return Err(Msg::NotEmpty(shown)),
        Ok(false) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(Msg::Io(shown, e.to_string())),
    };
    let mut written = Vec::new();
    for (path, text) in files(lang) {
        let path = dir.join(fill(path, day));
        if let Err(e) = super::write_new(&path, &fill(text, day)) {
            undo(dir, existed);
            return Err(e);
        }
        written.push(path);
    }
    Ok(written)
}

/// Leaves `dir` as it was before a failed `init`: everything in it was written by this run,
/// since it was empty or did not exist.
fn undo(dir: &Path, existed: bool) {
    if !existed {
        let _ = std::fs::remove_dir_all(dir);
        return;
    }
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        let _ = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
    }
}

/// `text` with `DATE` and `YEAR` replaced by `day`.
fn fill(text: &str, day: Date) -> String {
    text.replace("DATE", &day.to_string())
        .replace("YEAR", &day.year().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of each skeleton folder is in its list (so none is forgotten).
    #[test]
    fn the_lists_name_every_skeleton_file() {
        for (lang, list) in [("de", DE), ("en", EN)] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/scaffold/skeleton")
                .join(lang);
            let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    e.path()
                        .strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            on_disk.sort();
            let mut listed: Vec<String> = list.iter().map(|(p, _)| p.to_string()).collect();
            listed.sort();
            assert_eq!(on_disk, listed, "{lang}");
        }
    }

    #[test]
    fn dates_are_filled_in() {
        let day = jiff::civil::date(2026, 12, 3);
        assert_eq!(fill("DATE-x.md", day), "2026-12-03-x.md");
        assert_eq!(fill("number = \"001/YEAR\"", day), "number = \"001/2026\"");
    }
}
