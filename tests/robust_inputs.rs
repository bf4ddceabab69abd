//! Inputs that must work, not fail: CRLF line endings, a UTF-8 byte order mark, NFD-normalised
//! umlauts (macOS file names), upper-case file extensions, a 20 MB release, and hidden files and
//! editor backups (ignored without a word).

mod common;

use common::{main_of, site};

/// `s` with the line endings turned into CRLF.
fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

#[test]
fn crlf_line_endings_everywhere() {
    let s = site("minimal");
    s.write(
        "config.toml",
        crlf("title = \"Testpresse CRLF\"\nbase_url = \"https://presse.example.org/\"\n\n[paths]\ntopics = \"schlagworte\"\n"),
    );
    s.write(
        "content/releases/2020-01-01-crlf.md",
        crlf("+++\ntitle = \"CRLF Titel\"\ndate = 2020-01-01\nkicker = \"Zeilen\"\nmunicipalities = [\"crgem\"]\nprogrammes = [\"crprog\"]\n\n[[contacts]]\nname = \"Erika Muster\"\nphone = \"0711 123\"\n+++\n\nErster Absatz.\n\nZweiter Absatz\nmit Umbruch.\n"),
    );
    s.write(
        "content/municipalities/crgem.toml",
        crlf("name = \"CR Gemeinde\"\nkind = \"Gemeinde\"\ndistrict = \"landkreis-breisgau-hochschwarzwald\"\n"),
    );
    s.write(
        "content/programmes/crprog.toml",
        crlf("name = \"CR Programm\"\ndescription = \"\"\"\nZeile eins.\n\nZeile zwei.\n\"\"\"\n\n[[participants]]\nmunicipality = \"crgem\"\nyear = 2019\nfunding_eur = 12345\n"),
    );
    s.write(
        "content/pages/impressum.md",
        crlf("+++\ntitle = \"Impressum CRLF\"\n+++\n\nVerantwortlich.\n"),
    );
    let r = s.build();
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    let page = s.read("pressemitteilungen/2020/crlf/index.html");
    let main = main_of(&page);
    assert!(main.contains("<h1>CRLF Titel</h1>"), "{main}");
    assert!(main.contains("<p>Erster Absatz.</p>"), "{main}");
    assert!(main.contains("Erika Muster"), "{main}");
    assert!(main.contains("/kommunen/crgem/"), "{main}");
    assert!(s.has("schlagworte/zeilen/index.html"));
    let prog = s.read("programme/crprog/index.html");
    assert!(prog.contains("CR Gemeinde"), "{prog}");
    assert!(prog.contains("Zeile zwei."), "{prog}");
    assert!(s.read("impressum/index.html").contains("Impressum CRLF"));
    assert!(s.read("index.html").contains("Testpresse CRLF"));
    for (path, bytes) in s.output_files() {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let t = String::from_utf8_lossy(&bytes);
            assert!(!t.contains("CRLF Titel\r"), "a CR leaked into {path}");
            assert!(!t.contains("CR Gemeinde\r"), "a CR leaked into {path}");
        }
    }
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let s = site("minimal");
    let bom = "\u{FEFF}";
    s.write(
        "config.toml",
        format!("{bom}title = \"BOM Presse\"\nbase_url = \"https://presse.example.org/\"\n"),
    );
    s.write(
        "content/releases/2020-01-02-bom.md",
        format!("{bom}+++\ntitle = \"BOM Titel\"\ndate = 2020-01-02\nprogrammes = [\"bom\"]\n+++\n\nBOM Text\n"),
    );
    s.write(
        "content/programmes/bom.toml",
        format!("{bom}name = \"BOM Programm\"\n"),
    );
    s.write(
        "content/municipalities/bomgem.toml",
        format!("{bom}name = \"BOM Gemeinde\"\n"),
    );
    s.write(
        "content/pages/impressum.md",
        format!("{bom}+++\ntitle = \"BOM Seite\"\n+++\n\nText.\n"),
    );
    let r = s.build();
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    assert!(s
        .read("pressemitteilungen/2020/bom/index.html")
        .contains("<h1>BOM Titel</h1>"));
    assert!(s.read("programme/bom/index.html").contains("BOM Programm"));
    assert!(s
        .read("kommunen/bomgem/index.html")
        .contains("BOM Gemeinde"));
    assert!(s.read("impressum/index.html").contains("BOM Seite"));
    assert!(s.read("index.html").contains("BOM Presse"));
    for (path, bytes) in s.output_files() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(bom),
            "a byte order mark leaked into {path}"
        );
    }
}

#[test]
fn nfd_umlauts_in_file_names_and_text() {
    let s = site("minimal");
    let nfd = "Lo\u{0308}ffingen";
    s.write(
        &format!("content/releases/2020-01-03-{nfd} fo\u{0308}rdert.md"),
        format!("+++\ntitle = \"{nfd} NFD\"\ndate = 2020-01-03\nkicker = \"Fo\u{0308}rderung\"\nmunicipalities = [\"loeffingen\"]\n+++\n\nText u\u{0308}ber {nfd}.\n"),
    );
    s.write(
        "content/releases/2020/2020-01-04-Gru\u{0308}n/index.md",
        "+++\ntitle = \"Grün\"\ndate = 2020-01-04\n\n[image]\nsrc = \"Scha\u{0308}fer.png\"\nalt = \"Ein Schäfer\"\n+++\n\nText.\n",
    );
    s.write(
        "content/releases/2020/2020-01-04-Gru\u{0308}n/Scha\u{0308}fer.png",
        b"\x89PNG",
    );
    s.write(
        "content/municipalities/neustadt.toml",
        format!("name = \"Neustadt bei {nfd}\"\n"),
    );
    let r = s.build();
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    let page = s.read("pressemitteilungen/2020/loeffingen-foerdert/index.html");
    assert!(
        page.contains(&format!("{nfd} NFD")) || page.contains("Löffingen NFD"),
        "{page}"
    );
    assert!(s.has("themen/foerderung/index.html"), "NFD kicker slug");
    assert!(
        s.has("pressemitteilungen/2020/gruen/index.html"),
        "NFD bundle"
    );
    let bundle = s.read("pressemitteilungen/2020/gruen/index.html");
    assert!(bundle.contains("alt=\"Ein Schäfer\""), "{bundle}");
    assert!(s.has("kommunen/neustadt/index.html"));
}

#[test]
fn upper_case_file_extensions() {
    let s = site("minimal");
    s.write(
        "content/releases/2020-01-04-upper.MD",
        "+++\ntitle = \"Upper MD\"\ndate = 2020-01-04\nprogrammes = [\"upperprog\"]\nmunicipalities = [\"uppergem\"]\n+++\n\nUPPER\n",
    );
    s.write(
        "content/releases/2020-01-05-mixed.Md",
        "+++\ntitle = \"Mixed Md\"\ndate = 2020-01-05\n+++\n\nMixed\n",
    );
    s.write(
        "content/programmes/upperprog.TOML",
        "name = \"Upper Programm\"\n",
    );
    s.write(
        "content/municipalities/uppergem.Toml",
        "name = \"Upper Gemeinde\"\n",
    );
    s.write(
        "content/pages/kontakt.MD",
        "+++\ntitle = \"Kontakt Upper\"\n+++\n\nText.\n",
    );
    let r = s.build();
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    assert!(s
        .read("pressemitteilungen/2020/upper/index.html")
        .contains("<h1>Upper MD</h1>"));
    assert!(s
        .read("pressemitteilungen/2020/mixed/index.html")
        .contains("<h1>Mixed Md</h1>"));
    assert!(s
        .read("programme/upperprog/index.html")
        .contains("Upper Programm"));
    assert!(s
        .read("kommunen/uppergem/index.html")
        .contains("Upper Gemeinde"));
    assert!(s.read("kontakt/index.html").contains("Kontakt Upper"));
}

#[test]
fn a_20_mb_release_is_built_completely() {
    let s = site("minimal");
    let mut body = String::with_capacity(21 << 20);
    body.push_str("+++\ntitle = \"Gross\"\ndate = 2020-01-01\n+++\n\nANFANG-MARKER\n\n");
    let mut n = 0usize;
    while body.len() < 20 << 20 {
        body.push_str(&format!(
            "Absatz {n} über Förderung und Integration, **fett** und _kursiv_, mit [Link](https://example.org/{n}).\n\n"
        ));
        n += 1;
    }
    body.push_str("ENDE-MARKER-LETZTER-ABSATZ\n");
    s.write("content/releases/2020-01-01-gross.md", &body);
    s.build();
    let page = s.read("pressemitteilungen/2020/gross/index.html");
    let main = main_of(&page);
    assert!(main.contains("<p>ANFANG-MARKER</p>"));
    assert!(main.contains("<p>ENDE-MARKER-LETZTER-ABSATZ</p>"));
    assert_eq!(main.matches("<p>Absatz ").count(), n);
    assert!(main.contains(&format!(
        "<p>Absatz {} über Förderung und Integration, <strong>fett</strong> und <em>kursiv</em>, mit <a href=\"https://example.org/{}\">Link</a>.</p>",
        n - 1,
        n - 1
    )));
    assert!(page.trim_end().ends_with("</html>"), "page cut short");
}

#[test]
fn hidden_files_and_editor_backups_are_ignored_silently() {
    let s = site("minimal");
    let junk: &[&str] = &[
        "content/releases/.DS_Store",
        "content/releases/.foo.md",
        "content/releases/x.md~",
        "content/releases/#x.md#",
        "content/releases/.x.md.swp",
        "content/releases/.2018-05-28-pakt.md.swp",
        "content/releases/2018-05-28-pakt.md~",
        "content/releases/.#2018-05-28-pakt.md",
        "content/programmes/.DS_Store",
        "content/programmes/neu.toml~",
        "content/programmes/.neu.toml.swp",
        "content/municipalities/.DS_Store",
        "content/municipalities/#neu.toml#",
        "content/pages/.impressum.md",
        "content/.DS_Store",
        ".DS_Store",
    ];
    for j in junk {
        s.write(j, "+++\ntitel = kaputt HIDDEN-JUNK-MARKER\n");
    }
    s.write("content/releases/.versteckt/index.md", "+++\nkaputt\n");
    let r = s.build();
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
    let check = s.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    for (path, bytes) in s.output_files() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("HIDDEN-JUNK-MARKER"),
            "{path}"
        );
        assert!(
            !path.contains("DS_Store") && !path.contains(".swp"),
            "{path}"
        );
    }
}
