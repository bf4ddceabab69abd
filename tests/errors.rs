//! Every class of input error is reported with its exact file:line:column and exit status 1,
//! in English (`language = "en"`, the exact messages) and in German (the default; a sample of
//! every kind of message, exact too, with no English left).

mod common;

use common::{assert_german, site, Site};

/// The heading of an error and the summary of a failed build, in one language.
struct Words {
    error: &'static str,
    failed: &'static str,
}

const ENGLISH: Words = Words {
    error: "error: [",
    failed: "build failed; the previous output was left unchanged",
};

const GERMAN: Words = Words {
    error: "Fehler: [",
    failed: "Nicht gebaut, die bisherige Ausgabe bleibt unverändert",
};

/// Asserts that a build of `s` fails with exactly the diagnostics `expected` (each the start of
/// `file:line:col: message`, in report order) in English and returns stderr. The site's
/// config.toml gets a first line `language = "en"`, so positions in it move down a line.
fn fails_with(s: &Site, expected: &[&str]) -> String {
    let shifted = s.english();
    let expected: Vec<String> = expected
        .iter()
        .map(|e| match e.strip_prefix("config.toml:") {
            Some(rest) if shifted && !rest.starts_with("1:1:") => {
                let (line, rest) = rest.split_once(':').unwrap();
                format!("config.toml:{}:{rest}", line.parse::<usize>().unwrap() + 1)
            }
            _ => e.to_string(),
        })
        .collect();
    fails_in(s, &expected, &ENGLISH)
}

/// [`fails_with`] in German, the site's default language: no English sentence either.
fn fails_with_de(s: &Site, expected: &[&str]) -> String {
    let expected: Vec<String> = expected.iter().map(|e| e.to_string()).collect();
    let stderr = fails_in(s, &expected, &GERMAN);
    assert_german(&stderr);
    stderr
}

fn fails_in(s: &Site, expected: &[String], w: &Words) -> String {
    let stderr = s.build_fails();
    let n = expected.len();
    for (i, e) in expected.iter().enumerate() {
        let line = format!("{}{}/{n}] {e}", w.error, i + 1);
        assert!(stderr.contains(&line), "expected {line:?} in:\n{stderr}");
    }
    assert!(
        !stderr.contains(&format!("[{}/", n + 1)),
        "more than {n} diagnostics:\n{stderr}"
    );
    assert!(
        !stderr.contains(&format!("/{}] ", n + 1)),
        "more than {n} diagnostics:\n{stderr}"
    );
    assert!(stderr.contains(w.failed), "{stderr}");
    assert!(!s.out.exists(), "a failed build must not write the output");
    stderr
}

/// One file written into the minimal site, then the expected single error.
fn case(rel: &str, content: impl AsRef<[u8]>, expected: &str) -> String {
    let s = site("minimal");
    s.write(rel, content);
    fails_with(&s, &[expected])
}

const R: &str = "content/releases/2020-01-01-neu.md";

#[test]
fn empty_file() {
    case(
        R,
        "",
        "content/releases/2020-01-01-neu.md:1:1: the file is empty",
    );
    case(
        R,
        "\n  \n",
        "content/releases/2020-01-01-neu.md:1:1: the file is empty",
    );
}

#[test]
fn missing_front_matter_fence() {
    let e = case(
        R,
        "title = \"Neu\"\ndate = 2020-01-01\n\nText.\n",
        "content/releases/2020-01-01-neu.md:1:1: the file does not start with a front matter block (a line +++)",
    );
    assert!(e.contains("= help: add a line +++ at the very top"), "{e}");
}

#[test]
fn unclosed_front_matter() {
    case(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2020-01-01\n\nText.\n",
        "content/releases/2020-01-01-neu.md:1:1: the front matter block is not closed",
    );
}

#[test]
fn yaml_fence() {
    let e = case(
        R,
        "---\ntitle: Neu\ndate: 2020-01-01\n---\n\nText.\n",
        "content/releases/2020-01-01-neu.md:1:1: the front matter is fenced with --- (YAML), but herold reads TOML between +++ lines",
    );
    assert!(e.contains("replace both --- lines with +++"), "{e}");
}

#[test]
fn invalid_utf8_is_reported_at_the_bad_byte() {
    // Line 2: `title = "M` is 10 characters, so the Latin-1 ä (0xE4) is column 11.
    let e = case(
        R,
        b"+++\ntitle = \"M\xE4rz\"\ndate = 2020-01-01\n+++\n",
        "content/releases/2020-01-01-neu.md:2:11: the file is not valid UTF-8 (byte 0xE4)",
    );
    assert!(e.contains("save the file with the encoding UTF-8"), "{e}");
}

#[test]
fn bad_calendar_date() {
    let e = case(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2018-02-30\n+++\n",
        "content/releases/2020-01-01-neu.md:3:8: ",
    );
    let line = e.lines().find(|l| l.contains("[1/1]")).unwrap();
    assert!(line.contains("date"), "{line}");
}

#[test]
fn bad_calendar_date_help_is_about_the_date() {
    let e = case(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2018-02-30\n+++\n",
        "content/releases/2020-01-01-neu.md:3:8: ",
    );
    let help = e.lines().find(|l| l.contains("= help:")).unwrap();
    assert!(!help.contains("quoting"), "{help}");
    assert!(help.contains("day") || help.contains("date"), "{help}");
}

#[test]
fn embargo_without_offset() {
    let e = case(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2020-01-01\nembargo = 2030-06-01T10:00:00\n+++\n",
        "content/releases/2020-01-01-neu.md:4:11: embargo = 2030-06-01T10:00:00 has no UTC offset",
    );
    assert!(e.contains("2024-05-01T10:00:00+02:00"), "{e}");
}

#[test]
fn unknown_front_matter_key_with_did_you_mean() {
    let e = case(
        R,
        "+++\ntitel = \"Neu\"\ndate = 2020-01-01\n+++\n",
        "content/releases/2020-01-01-neu.md:2:1: unknown key `titel` in the front matter",
    );
    assert!(e.contains("= help: did you mean `title`?"), "{e}");
}

#[test]
fn unknown_key_in_a_programme_record() {
    let e = case(
        "content/programmes/neu.toml",
        "name = \"Neu\"\nbudjet_eur = 5\n",
        "content/programmes/neu.toml:2:1: unknown key `budjet_eur` in the programme record",
    );
    assert!(e.contains("did you mean `budget_eur`?"), "{e}");
}

#[test]
fn unknown_key_in_config() {
    let e = case(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"https://presse.example.org/\"\nlanguge = \"de\"\n",
        "config.toml:3:1: unknown key `languge`",
    );
    assert!(e.contains("did you mean `language`?"), "{e}");
}

#[test]
fn wrong_type_of_value() {
    let e = case(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2020-01-01\njoint = \"yes\"\n+++\n",
        "content/releases/2020-01-01-neu.md:4:9: wrong type of value in the front matter",
    );
    assert!(e.contains("write true or false"), "{e}");
}

const B: &str = "content/releases/2020-01-01-bild/index.md";

fn bundle_case(front: &str, expected: &str) -> String {
    let s = site("minimal");
    s.write("content/releases/2020-01-01-bild/foto.png", b"\x89PNG");
    s.write(
        B,
        format!("+++\ntitle = \"Bild\"\ndate = 2020-01-01\n{front}+++\n\nText.\n"),
    );
    fails_with(&s, &[expected])
}

#[test]
fn image_without_alt() {
    let e = bundle_case(
        "[image]\nsrc = \"foto.png\"\n",
        "content/releases/2020-01-01-bild/index.md:5:7: the image has no alt text",
    );
    assert!(e.contains("add alt = \"…\""), "{e}");
    bundle_case(
        "[image]\nsrc = \"foto.png\"\nalt = \"  \"\n",
        "content/releases/2020-01-01-bild/index.md:6:7: the image's alt text is empty",
    );
}

#[test]
fn image_that_does_not_exist() {
    let e = bundle_case(
        "[image]\nsrc = \"fotos.png\"\nalt = \"Ein Foto\"\n",
        "content/releases/2020-01-01-bild/index.md:5:7: the image file \"fotos.png\" does not exist",
    );
    assert!(e.contains("did you mean \"foto.png\"?"), "{e}");
}

#[test]
fn attachment_that_does_not_exist() {
    bundle_case(
        "[[attachments]]\ntitle = \"Flyer\"\nfile = \"flyer.pdf\"\n",
        "content/releases/2020-01-01-bild/index.md:6:8: the attachment file \"flyer.pdf\" does not exist",
    );
}

#[test]
fn slug_with_bad_characters() {
    let e = case(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2020-01-01\nslug = \"Pakt Für\"\n+++\n",
        "content/releases/2020-01-01-neu.md:4:8: slug = \"Pakt Für\" is not a valid slug",
    );
    assert!(e.contains("slug = \"pakt-fuer\""), "{e}");
}

#[test]
fn record_file_name_that_is_not_a_slug() {
    let e = case(
        "content/municipalities/Löffingen.toml",
        "name = \"Löffingen\"\n",
        "content/municipalities/Löffingen.toml:1:1: the file name \"Löffingen.toml\" is not a valid slug",
    );
    assert!(e.contains("rename it to \"loeffingen.toml\""), "{e}");
}

#[test]
fn negative_amounts() {
    let s = site("minimal");
    s.write(
        "content/programmes/neu.toml",
        "name = \"Neu\"\nbudget_eur = -1\n\n[[participants]]\nmunicipality = \"loeffingen\"\nfunding_eur = -5\n",
    );
    fails_with(
        &s,
        &[
            "content/programmes/neu.toml:2:14: budget_eur = -1 is negative",
            "content/programmes/neu.toml:6:15: funding_eur = -5 is negative",
        ],
    );
}

#[test]
fn coordinates_out_of_range() {
    case(
        "content/municipalities/neu.toml",
        "name = \"Neu\"\ncoordinates = [95.0, 8.0]\n",
        "content/municipalities/neu.toml:2:15: coordinates [95, 8] are out of range",
    );
}

#[test]
fn two_releases_of_one_year_with_one_slug() {
    let s = site("minimal");
    s.write(
        "content/releases/2020-01-01-gleich.md",
        "+++\ntitle = \"Eins\"\ndate = 2020-01-01\n+++\n",
    );
    s.write(
        "content/releases/2020/2020-02-02-gleich.md",
        "+++\ntitle = \"Zwei\"\ndate = 2020-02-02\n+++\n",
    );
    s.english();
    let e = s.build_fails();
    assert!(e.contains("error: [1/1] content/releases/2020"), "{e}");
    let line = e.lines().find(|l| l.contains("[1/1]")).unwrap();
    assert!(
        line.contains("content/releases/2020-01-01-gleich.md"),
        "{line}"
    );
    assert!(
        line.contains("content/releases/2020/2020-02-02-gleich.md"),
        "{line}"
    );
    assert!(line.contains("\"gleich\""), "{line}");
    // Same slug in different years is fine.
    s.remove("content/releases/2020/2020-02-02-gleich.md");
    s.write(
        "content/releases/2021-02-02-gleich.md",
        "+++\ntitle = \"Zwei\"\ndate = 2021-02-02\n+++\n",
    );
    s.build();
}

#[test]
fn an_embargoed_release_colliding_with_a_published_one_fails_before_the_embargo() {
    let s = site("minimal");
    s.write(
        "content/releases/2018-06-01-pakt.md",
        "+++\ntitle = \"Später\"\ndate = 2018-06-01\nembargo = 2030-01-01T00:00:00Z\n+++\n",
    );
    s.english();
    let e = s.build_fails();
    assert!(
        e.contains("error: [1/1] content/releases/2018-06-01-pakt.md: the slug \"pakt\""),
        "{e}"
    );
}

#[test]
fn unknown_programme_and_municipality_in_a_release() {
    let s = site("minimal");
    s.write(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2020-01-01\nprogrammes = [\"pakt-fuer-integraton\"]\nmunicipalities = [\"messkirch\", \"loefingen\"]\n+++\n",
    );
    let e = fails_with(
        &s,
        &[
            "content/releases/2020-01-01-neu.md:4:15: unknown programme \"pakt-fuer-integraton\"",
            "content/releases/2020-01-01-neu.md:5:32: unknown municipality \"loefingen\"",
        ],
    );
    assert!(e.contains("did you mean \"pakt-fuer-integration\"?"), "{e}");
    assert!(e.contains("did you mean \"loeffingen\"?"), "{e}");
}

#[test]
fn unknown_slugs_in_records() {
    let s = site("minimal");
    s.write("content/programmes/modul.toml", "name = \"Modul\"\nparent = \"pakt-fuer-integraton\"\n\n[[participants]]\nmunicipality = \"loefingen\"\n");
    s.write("content/municipalities/gvv.toml", "name = \"GVV\"\ndistrict = \"landkreis-breisgau\"\nmembers = [\"loeffingen\", \"messkirc\"]\n");
    let e = fails_with(
        &s,
        &[
            "content/municipalities/gvv.toml:2:12: unknown district \"landkreis-breisgau\"",
            "content/municipalities/gvv.toml:3:26: unknown member municipality \"messkirc\"",
            "content/programmes/modul.toml:2:10: unknown parent programme \"pakt-fuer-integraton\"",
            "content/programmes/modul.toml:5:16: unknown municipality \"loefingen\"",
        ],
    );
    assert!(
        e.contains("did you mean \"landkreis-breisgau-hochschwarzwald\"?"),
        "{e}"
    );
    assert!(e.contains("did you mean \"messkirch\"?"), "{e}");
}

#[test]
fn cycle_in_parent() {
    let s = site("minimal");
    s.write(
        "content/programmes/a.toml",
        "name = \"A\"\nparent = \"b\"\n",
    );
    s.write(
        "content/programmes/b.toml",
        "name = \"B\"\nparent = \"a\"\n",
    );
    let e = fails_with(
        &s,
        &[
            "content/programmes/a.toml:2:10: parent \"b\" leads in a circle",
            "content/programmes/b.toml:2:10: parent \"a\" leads in a circle",
        ],
    );
    assert!(e.contains("a record cannot be its own parent"), "{e}");
}

#[test]
fn cycle_in_district() {
    let s = site("minimal");
    s.write(
        "content/municipalities/x.toml",
        "name = \"X\"\ndistrict = \"y\"\n",
    );
    s.write(
        "content/municipalities/y.toml",
        "name = \"Y\"\ndistrict = \"x\"\n",
    );
    fails_with(
        &s,
        &[
            "content/municipalities/x.toml:2:12: district \"y\" leads in a circle",
            "content/municipalities/y.toml:2:12: district \"x\" leads in a circle",
        ],
    );
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let e = case(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page_content.title }</h1>\n{% endblock content %}\n",
        "templates/page.html:3:27: template error",
    );
    assert!(e.contains("template error"), "{e}");
}

#[test]
fn several_errors_in_several_files_are_all_reported_sorted_and_numbered() {
    let s = site("minimal");
    s.write(
        "content/releases/2020-02-02-b.md",
        "+++\ntitle = \"B\"\ndate = 2020-02-02\njoint = \"yes\"\n+++\n",
    );
    s.write(
        "content/releases/2020-01-01-a.md",
        "+++\ntitel = \"A\"\ndate = 2020-01-01\n+++\n",
    );
    s.write(
        "content/municipalities/neu.toml",
        "name = \"Neu\"\ncoordinates = [95.0, 8.0]\n",
    );
    s.write(
        "content/programmes/neu.toml",
        "name = \"Neu\"\nbudget_eur = -1\n",
    );
    fails_with(
        &s,
        &[
            "content/municipalities/neu.toml:2:15: coordinates",
            "content/programmes/neu.toml:2:14: budget_eur = -1 is negative",
            "content/releases/2020-01-01-a.md:2:1: unknown key `titel`",
            "content/releases/2020-02-02-b.md:4:9: wrong type of value",
        ],
    );
}

#[test]
fn check_reports_the_same_problems_as_build_and_writes_nothing() {
    let s = site("minimal");
    s.write(
        "content/releases/2020-01-01-a.md",
        "+++\ntitel = \"A\"\ndate = 2020-01-01\n+++\n",
    );
    s.write(
        "content/programmes/neu.toml",
        "name = \"Neu\"\nbudget_eur = -1\n",
    );
    s.english();
    let check = s.check();
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stderr.contains("check failed"), "{}", check.stderr);
    let build = s.build_fails();
    let errors = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("error: ["))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(errors(&check.stderr), errors(&build));
    assert_eq!(errors(&build).len(), 2);

    // A good site checks fine and check writes nothing, not even ROOT/public.
    let s = site("minimal");
    let check = s.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("geprüft (") && check.stderr.contains("nichts geschrieben"),
        "{}",
        check.stderr
    );
    assert!(!s.root.join("public").exists());
    assert!(!s.out.exists());
}

#[test]
fn usage_errors_exit_with_2() {
    let s = site("minimal");
    let bad = common::herold()
        .args(["build", "--now", "gestern"])
        .arg("--root")
        .arg(&s.root)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let bad = common::herold().args(["bild"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(!s.root.join("public").exists());
}

#[test]
fn missing_config_is_an_error() {
    let s = site("minimal");
    s.remove("config.toml");
    let e = s.build_with(&["--lang", "en"]).stderr;
    assert!(e.contains("error: [1/1] no config.toml in "), "{e}");
    let e = s.build_with(&["--lang", "de"]).stderr;
    assert!(e.contains("Fehler: [1/1] Im Ordner "), "{e}");
    assert!(e.contains("liegt keine config.toml"), "{e}");
    assert_german(&e);
}

#[test]
fn positions_are_right_in_crlf_files_and_count_characters_not_bytes() {
    case(
        R,
        "+++\r\ntitle = \"A\"\r\ntitel = \"B\"\r\ndate = 2020-01-01\r\n+++\r\n",
        "content/releases/2020-01-01-neu.md:3:1: unknown key `titel` in the front matter",
    );
    // `image = { src = "ä.png", alt = "Größe", ` is 40 characters (but 43 bytes).
    case(
        R,
        "+++\ntitle = \"A\"\ndate = 2020-01-01\nimage = { src = \"ä.png\", alt = \"Größe\", titel = \"x\" }\n+++\n",
        "content/releases/2020-01-01-neu.md:4:41: unknown key `titel` in the front matter",
    );
    // A byte order mark is not a character of the first line.
    case(
        R,
        "\u{FEFF}+++\ntitel = \"A\"\ndate = 2020-01-01\n+++\n",
        "content/releases/2020-01-01-neu.md:2:1: unknown key `titel`",
    );
}

#[test]
fn two_files_for_one_url_are_an_error() {
    let s = site("minimal");
    s.write(
        "content/releases/2020-01-01-a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-01\naliases = [\"/pressemitteilungen/\"]\n+++\n",
    );
    s.write(
        "content/releases/2020-01-02-b.md",
        "+++\ntitle = \"B\"\ndate = 2020-01-02\naliases = [\"/alt/x/\"]\n+++\n",
    );
    s.write(
        "content/releases/2020-01-03-c.md",
        "+++\ntitle = \"C\"\ndate = 2020-01-03\naliases = [\"/alt/x/\"]\n+++\n",
    );
    s.write("static/index.html", "statisch");
    s.write(
        "content/pages/kommunen.md",
        "+++\ntitle = \"Kommunen\"\n+++\n",
    );
    let e = fails_with(
        &s,
        &[
            "two files for the output path index.html: from home page and from static/index.html",
            "two files for the output path kommunen/index.html: from content/pages/kommunen.md and from municipality index",
            "content/releases/2020-01-01-a.md:4:12: two files for the output path pressemitteilungen/index.html",
            "content/releases/2020-01-02-b.md:4:12: two files for the output path alt/x/index.html",
        ],
    );
    assert!(e.contains("content/releases/2020-01-03-c.md"), "{e}");
}

#[test]
fn alias_outside_the_site_is_an_error() {
    case(
        R,
        "+++\ntitle = \"A\"\ndate = 2020-01-01\naliases = [\"/alt/../../etc/\"]\n+++\n",
        "content/releases/2020-01-01-neu.md:4:12: alias \"/alt/../../etc/\" is not a path inside the site",
    );
}

#[test]
fn an_embargoed_alias_colliding_with_a_published_one_fails_before_the_embargo() {
    let s = site("minimal");
    s.write(
        "content/releases/2020-01-02-b.md",
        "+++\ntitle = \"B\"\ndate = 2020-01-02\naliases = [\"/alt/x/\"]\n+++\n",
    );
    s.write("content/releases/2020-01-03-c.md", "+++\ntitle = \"C\"\ndate = 2020-01-03\nembargo = 2030-01-01T00:00:00Z\naliases = [\"/alt/x/\"]\n+++\n");
    let e = s.build_fails();
    assert!(e.contains("alt/x/index.html"), "{e}");
}

#[test]
fn bad_config_values() {
    let e = case(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"https://presse.example.org/\"\nper_page = 0\n",
        "config.toml:3:1: per_page = 0 is not a positive number",
    );
    assert!(e.contains("per_page = 20"), "{e}");
    case(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"presse.example.org\"\n",
        "config.toml:2:1: base_url `presse.example.org` is not usable",
    );
    case(
        "config.toml",
        "base_url = \"https://presse.example.org/\"\n",
        "config.toml:1:1: config.toml lacks the required key `title`",
    );
}

#[test]
fn warnings_do_not_fail_the_build() {
    let s = site("minimal");
    s.write("content/releases/2020-01-01-doppelt.md", "+++\ntitle = \"A\"\ndate = 2020-01-01\nmunicipalities = [\"loeffingen\", \"loeffingen\"]\n+++\n");
    s.write("content/notizen/x.md", "notiz");
    s.english();
    let r = s.build_with(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning: [1/2] content/notizen: ignored"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("warning: [2/2] content/releases/2020-01-01-doppelt.md:4:33: \"loeffingen\" is listed twice in municipalities"), "{}", r.stderr);
    assert!(r.stderr.contains(", 2 warnings"), "{}", r.stderr);
    assert!(s.has("pressemitteilungen/2020/doppelt/index.html"));
}

/// One file written into the minimal site (German by default), then the expected single
/// German error.
fn case_de(rel: &str, content: impl AsRef<[u8]>, expected: &str) -> String {
    let s = site("minimal");
    s.write(rel, content);
    fails_with_de(&s, &[expected])
}

#[test]
fn front_matter_and_file_errors_in_german() {
    case_de(
        R,
        "",
        "content/releases/2020-01-01-neu.md:1:1: Die Datei ist leer",
    );
    let e = case_de(
        R,
        "title = \"Neu\"\n",
        "content/releases/2020-01-01-neu.md:1:1: Die Datei beginnt nicht mit einem Front-Matter-Block (einer Zeile +++)",
    );
    assert!(
        e.contains("= Hilfe: Schreiben Sie ganz oben eine Zeile +++"),
        "{e}"
    );
    case_de(
        R,
        "+++\ntitle = \"Neu\"\n",
        "content/releases/2020-01-01-neu.md:1:1: Der Front-Matter-Block wird nicht geschlossen",
    );
    case_de(
        R,
        "---\ntitle: Neu\n---\n",
        "content/releases/2020-01-01-neu.md:1:1: Das Front Matter ist mit --- eingefasst (YAML), herold liest aber TOML zwischen zwei Zeilen +++",
    );
    let e = case_de(
        R,
        b"+++\ntitle = \"M\xE4rz\"\ndate = 2020-01-01\n+++\n",
        "content/releases/2020-01-01-neu.md:2:11: Die Datei ist kein gültiges UTF-8 (Byte 0xE4)",
    );
    assert!(
        e.contains("Speichern Sie die Datei in der Kodierung UTF-8"),
        "{e}"
    );
}

#[test]
fn value_errors_in_german() {
    let e = case_de(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2018-02-30\n+++\n",
        "content/releases/2020-01-01-neu.md:3:8: ",
    );
    assert!(e.contains("2018-02-30"), "{e}");
    let e = case_de(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2020-01-01\nembargo = 2030-06-01T10:00:00\n+++\n",
        "content/releases/2020-01-01-neu.md:4:11: embargo = 2030-06-01T10:00:00 hat keine Zeitzone (Abstand zu UTC)",
    );
    assert!(e.contains("= Hilfe: Eine Sperrfrist muss ihre Zeitzone angeben, z. B. embargo = 2024-05-01T10:00:00+02:00"), "{e}");
    let e = case_de(
        R,
        "+++\ntitel = \"Neu\"\ndate = 2020-01-01\n+++\n",
        "content/releases/2020-01-01-neu.md:2:1: Unbekannter Schlüssel `titel` im Front Matter",
    );
    assert!(
        e.contains("= Hilfe: Meinten Sie `title`? (Erlaubte Schlüssel: title, date,"),
        "{e}"
    );
    case_de(
        "content/programmes/neu.toml",
        "name = \"Neu\"\nbudjet_eur = 5\n",
        "content/programmes/neu.toml:2:1: Unbekannter Schlüssel `budjet_eur` im Datensatz des Programms",
    );
    case_de(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"https://presse.example.org/\"\nlanguge = \"de\"\n",
        "config.toml:3:1: Unbekannter Schlüssel `languge` in der config.toml",
    );
    let e = case_de(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2020-01-01\njoint = \"yes\"\n+++\n",
        "content/releases/2020-01-01-neu.md:4:9: Falsche Art von Wert im Front Matter: `joint` ist `\"yes\"`, muss aber ein Wahrheitswert (true oder false) sein",
    );
    assert!(
        e.contains("= Hilfe: Schreiben Sie true oder false, ohne Anführungszeichen"),
        "{e}"
    );
    let e = case_de(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2020-01-01\nslug = \"Pakt Für\"\n+++\n",
        "content/releases/2020-01-01-neu.md:4:8: slug = \"Pakt Für\" ist kein gültiger Slug (Name in der Adresse)",
    );
    assert!(e.contains("z. B. slug = \"pakt-fuer\""), "{e}");
    case_de(
        R,
        "+++\ntitle = \"A\"\ndate = 2020-01-01\naliases = [\"/alt/../../etc/\"]\n+++\n",
        "content/releases/2020-01-01-neu.md:4:12: Der Alias \"/alt/../../etc/\" ist kein Pfad innerhalb der Website",
    );
}

#[test]
fn record_errors_in_german() {
    let e = case_de(
        "content/municipalities/Löffingen.toml",
        "name = \"Löffingen\"\n",
        "content/municipalities/Löffingen.toml:1:1: Der Dateiname \"Löffingen.toml\" ist kein gültiger Slug (Name in der Adresse)",
    );
    assert!(
        e.contains("Benennen Sie sie in \"loeffingen.toml\" um"),
        "{e}"
    );
    let s = site("minimal");
    s.write(
        "content/programmes/neu.toml",
        "name = \"Neu\"\nbudget_eur = -1\n\n[[participants]]\nmunicipality = \"loeffingen\"\nfunding_eur = -5\n",
    );
    fails_with_de(
        &s,
        &[
            "content/programmes/neu.toml:2:14: budget_eur = -1 ist negativ",
            "content/programmes/neu.toml:6:15: funding_eur = -5 ist negativ",
        ],
    );
    case_de(
        "content/municipalities/neu.toml",
        "name = \"Neu\"\ncoordinates = [95.0, 8.0]\n",
        "content/municipalities/neu.toml:2:15: coordinates [95, 8] liegen außerhalb des gültigen Bereichs",
    );
    let e = case_de(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"https://presse.example.org/\"\nper_page = 0\n",
        "config.toml:3:1: per_page = 0 ist keine positive Zahl",
    );
    assert!(e.contains("per_page = 20"), "{e}");
    case_de(
        "config.toml",
        "title = \"Testpresse\"\nbase_url = \"presse.example.org\"\n",
        "config.toml:2:1: base_url `presse.example.org` ist nicht verwendbar: Es ist keine vollständige Adresse",
    );
    case_de(
        "config.toml",
        "base_url = \"https://presse.example.org/\"\n",
        "config.toml:1:1: Der Pflichtschlüssel `title` fehlt in der config.toml",
    );
}

#[test]
fn reference_errors_in_german() {
    let s = site("minimal");
    s.write(
        R,
        "+++\ntitle = \"Neu\"\ndate = 2020-01-01\nprogrammes = [\"pakt-fuer-integraton\"]\nmunicipalities = [\"messkirch\", \"loefingen\"]\n+++\n",
    );
    let e = fails_with_de(
        &s,
        &[
            "content/releases/2020-01-01-neu.md:4:15: Unbekanntes Programm \"pakt-fuer-integraton\"",
            "content/releases/2020-01-01-neu.md:5:32: Unbekannte Kommune \"loefingen\"",
        ],
    );
    assert!(e.contains("= Hilfe: Meinten Sie \"pakt-fuer-integration\"? (Oder legen Sie content/programmes/pakt-fuer-integraton.toml an)"), "{e}");
    let s = site("minimal");
    s.write(
        "content/programmes/a.toml",
        "name = \"A\"\nparent = \"b\"\n",
    );
    s.write(
        "content/programmes/b.toml",
        "name = \"B\"\nparent = \"a\"\n",
    );
    fails_with_de(
        &s,
        &[
            "content/programmes/a.toml:2:10: parent \"b\" führt im Kreis (b → a)",
            "content/programmes/b.toml:2:10: parent \"a\" führt im Kreis (a → b)",
        ],
    );
    let s = site("minimal");
    s.write("static/index.html", "statisch");
    fails_with_de(
        &s,
        &["Zwei Dateien für denselben Ausgabepfad index.html: aus Startseite und aus static/index.html"],
    );
}

#[test]
fn template_and_image_errors_in_german() {
    let e = case_de(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page_content.title }</h1>\n{% endblock content %}\n",
        "templates/page.html:3:27: Fehler in der Vorlage. Meldung von Tera: „",
    );
    assert!(
        e.contains("= Hilfe: Korrigieren Sie die Schreibweise der Vorlage"),
        "{e}"
    );
    let s = site("minimal");
    s.write("content/releases/2020-01-01-bild/foto.png", b"\x89PNG");
    s.write(
        B,
        "+++\ntitle = \"Bild\"\ndate = 2020-01-01\n[image]\nsrc = \"fotos.png\"\nalt = \"Ein Foto\"\n+++\n",
    );
    let e = fails_with_de(
        &s,
        &["content/releases/2020-01-01-bild/index.md:5:7: Die Bilddatei \"fotos.png\" gibt es nicht"],
    );
    assert!(e.contains("= Hilfe: Meinten Sie \"foto.png\"?"), "{e}");
}

#[test]
fn warnings_in_german() {
    let s = site("minimal");
    s.write("content/releases/2020-01-01-doppelt.md", "+++\ntitle = \"A\"\ndate = 2020-01-01\nmunicipalities = [\"loeffingen\", \"loeffingen\"]\n+++\n");
    s.write("content/notizen/x.md", "notiz");
    let r = s.build_with(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let e = &r.stderr;
    assert!(
        e.contains("Warnung: [1/2] content/notizen: Ignoriert: In content/ liest herold nur"),
        "{e}"
    );
    assert!(e.contains("Warnung: [2/2] content/releases/2020-01-01-doppelt.md:4:33: \"loeffingen\" steht zweimal in municipalities"), "{e}");
    assert!(
        e.contains("= Hilfe: Löschen Sie den zweiten Eintrag"),
        "{e}"
    );
    assert!(e.contains(", 2 Warnungen"), "{e}");
    assert_german(e);
}
