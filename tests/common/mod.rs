//! Shared helpers for the integration tests: copy a fixture site into a temporary folder, run
//! the `herold` binary on it, and read what it wrote.

#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The instant every test builds at, so embargoes and future dates are deterministic.
pub const NOW: &str = "2026-01-01T00:00:00Z";

/// A site copied into a temporary folder: `root` holds the site, `out` is the output folder
/// (a sibling of the site, so builds never write into `tests/`).
pub struct Site {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
}

/// Path of a committed fixture.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies `tests/fixtures/NAME` into a new temporary folder.
pub fn site(name: &str) -> Site {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("site");
    copy_dir(&fixture_dir(name), &root);
    let out = tmp.path().join("out");
    Site { tmp, root, out }
}

/// An empty site: config.toml with `config_extra` appended, and an empty content/ folder.
pub fn empty_site(config_extra: &str) -> Site {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content/releases")).unwrap();
    std::fs::write(
        root.join("config.toml"),
        format!(
            "title = \"Testpresse\"\nbase_url = \"https://presse.example.org/\"\n{config_extra}"
        ),
    )
    .unwrap();
    let out = tmp.path().join("out");
    Site { tmp, root, out }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The `herold` binary.
pub fn herold() -> Command {
    let mut c = Command::cargo_bin("herold").expect("binary herold");
    c.env_remove("NO_COLOR").env("TERM", "dumb");
    c
}

/// What one run of herold did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let o = cmd.output().expect("run herold");
    Run {
        code: o.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

impl Site {
    /// Writes (creating folders) a file of the site.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    /// Makes the site's messages English: `language = "en"` at the top of its config.toml,
    /// or in place of its `language = "de"` (another language line is left alone). True
    /// when a line was added.
    pub fn english(&self) -> bool {
        let p = self.root.join("config.toml");
        // As bytes: a case may have written a config.toml that is not UTF-8.
        let bytes = std::fs::read(&p).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        if text.lines().any(|l| l == "language = \"de\"") {
            let en = text.replace("\nlanguage = \"de\"\n", "\nlanguage = \"en\"\n");
            std::fs::write(&p, en).unwrap();
            return false;
        }
        let add = !text.lines().any(|l| l.trim_start().starts_with("language"));
        if add {
            let mut with = b"language = \"en\"\n".to_vec();
            with.extend_from_slice(&bytes);
            std::fs::write(&p, with).unwrap();
        }
        add
    }

    /// Runs `herold check --root ROOT --now NOW ARGS…`.
    pub fn check_with(&self, args: &[&str]) -> Run {
        run(herold()
            .arg("check")
            .arg("--root")
            .arg(&self.root)
            .args(["--now", NOW])
            .args(args))
    }

    /// Removes a file of the site.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root.join(rel)).unwrap();
    }

    /// Runs `herold build --root ROOT --output OUT --now NOW ARGS…`.
    pub fn build_with(&self, args: &[&str]) -> Run {
        self.build_at(NOW, args)
    }

    /// Runs a build at the instant `now`.
    pub fn build_at(&self, now: &str, args: &[&str]) -> Run {
        run(herold()
            .arg("build")
            .arg("--root")
            .arg(&self.root)
            .arg("--output")
            .arg(&self.out)
            .args(["--now", now])
            .args(args))
    }

    /// Builds and asserts success.
    pub fn build(&self) -> Run {
        let r = self.build_with(&[]);
        assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
        r
    }

    /// Builds, asserts failure with exit code 1, returns stderr.
    pub fn build_fails(&self) -> String {
        let r = self.build_with(&[]);
        assert_eq!(r.code, 1, "expected exit 1, got {}:\n{}", r.code, r.stderr);
        r.stderr
    }

    /// Runs `herold check`.
    pub fn check(&self) -> Run {
        run(herold()
            .arg("check")
            .arg("--root")
            .arg(&self.root)
            .args(["--now", NOW]))
    }

    /// Reads an output file as text.
    pub fn read(&self, rel: &str) -> String {
        read(&self.out, rel)
    }

    /// True when the output has this file.
    pub fn has(&self, rel: &str) -> bool {
        self.out.join(rel).is_file()
    }

    /// Every output file, path → bytes.
    pub fn output_files(&self) -> BTreeMap<String, Vec<u8>> {
        walk(&self.out)
    }
}

/// Reads `dir/rel` as UTF-8 text, with a clear message when it is missing.
pub fn read(dir: &Path, rel: &str) -> String {
    let p = dir.join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Every file below `dir` (hidden ones included), `/`-separated relative path → bytes.
pub fn walk(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn go(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                go(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        go(dir, dir, &mut out);
    }
    out
}

/// The part of `html` from the first `start` up to and including the next `end`.
pub fn fragment<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let s = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let e = html[s..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"))
        + s
        + end.len();
    &html[s..e]
}

/// The `<main>` element of a page.
pub fn main_of(html: &str) -> &str {
    fragment(html, "<main", "</main>")
}

/// Number of non-overlapping occurrences of `needle`.
pub fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// All values of `attr="…"` in `html` (e.g. every href).
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&pat) {
        let after = &rest[i + pat.len()..];
        let end = after.find('"').expect("closing quote");
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

/// A minimal well-formedness check for generated XML: balanced, properly nested tags, a single
/// root element, quoted attributes, and only the five predefined entities or numeric ones.
/// Returns the names of all elements, in document order.
pub fn check_xml(xml: &str) -> Result<Vec<String>, String> {
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut roots = 0;
    let mut rest = match xml.strip_prefix("<?xml") {
        Some(r) => &r[r.find("?>").ok_or("unclosed XML declaration")? + 2..],
        None => xml,
    };
    loop {
        let Some(lt) = rest.find('<') else {
            check_text(rest)?;
            if !rest.trim().is_empty() {
                return Err(format!("text after the root element: {rest:?}"));
            }
            break;
        };
        let text = &rest[..lt];
        check_text(text)?;
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root element: {text:?}"));
        }
        let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .ok_or_else(|| format!("closing </{name}> without opening"))?;
            if open != name.trim() {
                return Err(format!("</{name}> closes <{open}>"));
            }
        } else {
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name = body
                .split_whitespace()
                .next()
                .ok_or("empty tag")?
                .to_string();
            if !name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
            {
                return Err(format!("bad element name {name:?}"));
            }
            check_attributes(&body[name.len()..])?;
            if stack.is_empty() {
                roots += 1;
            }
            names.push(name.clone());
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[gt + 1..];
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements: {stack:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(names)
}

fn check_text(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        let after = &rest[i + 1..];
        let end = after
            .find(';')
            .ok_or_else(|| format!("bare & in {text:?}"))?;
        let ent = &after[..end];
        let ok = matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos")
            || ent
                .strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || ent
                .strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(format!("unknown entity &{ent}; in {text:?}"));
        }
        rest = &after[end + 1..];
    }
    if text.contains('>') && text.contains("]]>") {
        return Err("]]> in text".into());
    }
    Ok(())
}

fn check_attributes(mut s: &str) -> Result<(), String> {
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Ok(());
        }
        let eq = s
            .find('=')
            .ok_or_else(|| format!("attribute without value: {s:?}"))?;
        let name = s[..eq].trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("bad attribute name {name:?}"));
        }
        let v = s[eq + 1..].trim_start();
        let q = v.chars().next().ok_or("missing attribute value")?;
        if q != '"' && q != '\'' {
            return Err(format!("unquoted attribute value in {s:?}"));
        }
        let end = v[1..].find(q).ok_or("unclosed attribute value")? + 1;
        let value = &v[1..end];
        if value.contains('<') {
            return Err(format!("< in attribute value {value:?}"));
        }
        check_text(value)?;
        s = &v[end + 1..];
    }
}

/// The lines of a report that are herold's own words in the language of the report: every
/// line but the quoted source (the lines drawn with `│`), with the values in them (in
/// backticks, "double quotes" and „German quotes“, which hold what the user wrote or a tool's
/// own words) cut out.
pub fn own_words(stderr: &str) -> Vec<String> {
    let text: String = stderr
        .lines()
        .filter(|l| !l.contains('│') && !l.contains("┌─"))
        .map(|l| format!("{l}\n"))
        .collect();
    // Quoted parts may span lines (a template engine's detail).
    cut_quotes(&text)
        .join(" ")
        .lines()
        .map(str::to_string)
        .collect()
}

/// `text` without its quoted parts (in backticks, "double quotes" or „German quotes“): the
/// pieces between them.
pub fn cut_quotes(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['`', '"', '„']) {
        pieces.push(rest[..i].to_string());
        let open = rest[i..].chars().next().unwrap_or('"');
        let close = if open == '„' { '“' } else { open };
        let after = &rest[i + open.len_utf8()..];
        rest = match after.find(close) {
            Some(j) => &after[j + close.len_utf8()..],
            None => after,
        };
    }
    pieces.push(rest.to_string());
    pieces
}

/// Words that show an English sentence: no German message has them outside quotes.
pub const ENGLISH_WORDS: [&str; 15] = [
    " the ", " is ", " not ", " must ", " does ", " has ", " of ", " or ", " and ", " to ",
    " with ", " cannot ", " no ", " be ", " are ",
];

/// Asserts that `stderr` (a German report) holds no English sentence: none of
/// [`ENGLISH_WORDS`] and no fixed part of an English catalogue text in its own words (see
/// [`own_words`]), and no message the catalogue lacks or variable it did not fill.
pub fn assert_german(stderr: &str) {
    let words = own_words(stderr).join("\n");
    let lower = format!(
        " {} ",
        words
            .to_lowercase()
            .replace(['\n', ':', ';', ',', '(', ')'], " ")
    );
    for w in ENGLISH_WORDS {
        assert!(
            !lower.contains(w),
            "English {w:?} in the German report:\n{words}\n---\n{stderr}"
        );
    }
    for part in english_fixed_parts() {
        assert!(
            !words.contains(&part),
            "English text {part:?} in the German report:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("{$") && !stderr.contains("{ $"),
        "an unfilled variable:\n{stderr}"
    );
    assert!(
        !stderr.contains("error: ["),
        "an English heading:\n{stderr}"
    );
    assert!(
        !stderr.contains("= help:"),
        "an English help line:\n{stderr}"
    );
}

/// The fixed parts of the English catalogue's texts (between the variables) that are
/// sentences (three words or more) and not also in the German catalogue.
fn english_fixed_parts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/diag/i18n");
    let en = std::fs::read_to_string(root.join("en.ftl")).unwrap();
    let de = std::fs::read_to_string(root.join("de.ftl")).unwrap();
    let mut out = Vec::new();
    for line in en.lines() {
        let Some((_, text)) = line.split_once(" = ") else {
            continue;
        };
        let mut rest = text;
        let mut parts = Vec::new();
        while let Some(i) = rest.find('{') {
            parts.push(&rest[..i]);
            rest = rest[i..].split_once('}').map_or("", |(_, r)| r);
        }
        parts.push(rest);
        for piece in parts.iter().flat_map(|p| cut_quotes(p)) {
            let piece = piece.trim();
            if piece.split_whitespace().count() >= 3 && !de.contains(piece) {
                out.push(piece.to_string());
            }
        }
    }
    out
}
