//! The mention check: a release that names a municipality or programme with a record in its
//! text, without listing it, gets a warning at the name's `line:column`.

mod common;

use common::{site, Site, NOW};
use herold::diag::Severity;

/// Records for the scenarios, added to the `minimal` fixture (Löffingen in the Landkreis
/// Breisgau-Hochschwarzwald, Meßkirch, the programme "Pakt für Integration").
fn mention_site() -> Site {
    let s = site("minimal");
    for (slug, body) in [
        ("freiburg-im-breisgau", "name = \"Freiburg im Breisgau\"\nkind = \"Stadtkreis\"\n"),
        ("tuebingen", "name = \"Tübingen\"\ndistrict = \"landkreis-tuebingen\"\n"),
        ("landkreis-tuebingen", "name = \"Landkreis Tübingen\"\nkind = \"Landkreis\"\n"),
        ("horb-am-neckar", "name = \"Horb am Neckar\"\n"),
        ("rauenberg", "name = \"Rauenberg\"\n"),
        ("muehlhausen", "name = \"Mühlhausen\"\n"),
        (
            "gvv-rauenberg",
            "name = \"GVV Rauenberg\"\nkind = \"Gemeindeverwaltungsverband\"\nmembers = [\"rauenberg\", \"muehlhausen\"]\n",
        ),
        ("essen", "name = \"Essen\"\n"),
    ] {
        s.write(&format!("content/municipalities/{slug}.toml"), body);
    }
    s.write(
        "content/programmes/prozessbegleitung.toml",
        "name = \"Prozessbegleitung\"\nshort = \"Prozessbegleitung Integration\"\nparent = \"pakt-fuer-integration\"\n",
    );
    s.write(
        "content/programmes/weltoffene-kommunen.toml",
        "name = \"Weltoffene Kommunen – vom Dialog zum Zusammenhalt\"\nshort = \"Weltoffene Kommunen\"\n",
    );
    s
}

/// A release file with `front` (after title and date) and `body`.
fn release(s: &Site, name: &str, front: &str, body: &str) {
    s.write(
        &format!("content/releases/{name}.md"),
        format!("+++\ntitle = \"Mitteilung {name}\"\ndate = 2020-01-01\n{front}\n+++\n{body}"),
    );
}

/// The one-line form of every mention warning (`file:line:col: warning: message (help: …)`).
fn mention_warnings(s: &Site) -> Vec<String> {
    let report = herold::check(&herold::BuildOptions {
        root: s.root.clone(),
        output: Some(s.out.clone()),
        base_url: None,
        drafts: false,
        now: NOW.parse().unwrap(),
        relative_urls: false,
    });
    assert!(!report.failed(), "{:#?}", report.diagnostics);
    report
        .diagnostics
        .iter()
        .filter(|d| d.message.id() == "mention-not-listed")
        .inspect(|d| assert_eq!(d.severity, Severity::Warning))
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn check_and_build_warn_at_the_name_with_the_slug_to_add() {
    let s = mention_site();
    release(
        &s,
        "x",
        "municipalities = [\"loeffingen\"]",
        "\nDas Land fördert Löffingen.\n\nZweiter Absatz.\n\n## Hintergrund\n\nAuch Freiburg im Breisgau ist dabei.\n",
    );
    let check = s.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
    let expected = "Warnung: [1/1] content/releases/x.md:13:6: \"Freiburg im Breisgau\" wird im Text genannt, steht aber nicht in municipalities";
    assert!(check.stderr.contains(expected), "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("= Hilfe: Ergänzen Sie \"freiburg-im-breisgau\" in municipalities = [...]"),
        "{}",
        check.stderr
    );
    common::assert_german(&check.stderr);
    s.english();
    let check = s.check();
    let expected = "content/releases/x.md:13:6: \"Freiburg im Breisgau\" is named in the text but not listed in municipalities";
    assert!(check.stderr.contains(expected), "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("help: add \"freiburg-im-breisgau\" to municipalities = [...]"),
        "{}",
        check.stderr
    );
    let build = s.build();
    assert!(build.stderr.contains(expected), "{}", build.stderr);
    assert!(s.has("pressemitteilungen/2020/x/index.html"));
}

#[test]
fn positions_are_true_in_title_subtitle_summary_and_wrapped_lines() {
    let s = mention_site();
    release(
        &s,
        "a",
        "subtitle = \"Auch Tübingen profitiert\"\nsummary = \"Neu: Horb am Neckar.\"",
        "",
    );
    s.write(
        "content/releases/b.md",
        "+++\ntitle = \"Geld für Essen\"\ndate = 2020-01-01\n+++\n\nDie Stadt Freiburg im\n   Breisgau erhält Geld, \r\nwie „Weltoffene Kommunen“ zeigt.\n",
    );
    let w = mention_warnings(&s);
    let expected = [
        "content/releases/a.md:4:18: warning: \"Tübingen\" is named in the text but not listed in municipalities (help: add \"tuebingen\" to municipalities = [...])",
        "content/releases/a.md:5:17: warning: \"Horb am Neckar\" is named in the text but not listed in municipalities (help: add \"horb-am-neckar\" to municipalities = [...])",
        "content/releases/b.md:2:19: warning: \"Essen\" is named in the text but not listed in municipalities (help: add \"essen\" to municipalities = [...])",
        "content/releases/b.md:6:11: warning: \"Freiburg im Breisgau\" is named in the text but not listed in municipalities (help: add \"freiburg-im-breisgau\" to municipalities = [...])",
        "content/releases/b.md:8:6: warning: \"Weltoffene Kommunen\" is named in the text but not listed in programmes (help: add \"weltoffene-kommunen\" to programmes = [...])",
    ];
    assert_eq!(w, expected);
}

#[test]
fn longest_name_wins_and_only_record_names_count() {
    let s = mention_site();
    // "Landkreis Tübingen" is the district (listed), not the town; "Horb" alone is no record.
    release(
        &s,
        "a",
        "municipalities = [\"landkreis-tuebingen\"]",
        "\nIm Landkreis Tübingen und in der Stadt Horb, nicht Horb am Neckarufer.\n",
    );
    assert!(
        mention_warnings(&s).is_empty(),
        "{:#?}",
        mention_warnings(&s)
    );
}

#[test]
fn no_silly_hits() {
    let s = mention_site();
    release(
        &s,
        "a",
        "municipalities = [\"loeffingen\"]",
        concat!(
            "\nWir essen in Löffingen. Tübinger Studenten und Tübingen-Derendingen, ",
            "Freiburger Bürger, `Tübingen` im Code, [ein Link](https://example.org/Tübingen) ",
            "und <span title=\"Tübingen\">HTML</span>.\n\n",
            "```\nHorb am Neckar\n```\n\n    Horb am Neckar eingerückt\n",
        ),
    );
    assert!(
        mention_warnings(&s).is_empty(),
        "{:#?}",
        mention_warnings(&s)
    );
}

#[test]
fn genitive_and_once_per_name() {
    let s = mention_site();
    release(
        &s,
        "a",
        "",
        "\nTübingens Oberbürgermeister besucht Tübingen. Wieder Tübingen.\n",
    );
    let w = mention_warnings(&s);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(
        w[0].starts_with("content/releases/a.md:7:1: warning: \"Tübingen\""),
        "{w:#?}"
    );
}

#[test]
fn districts_associations_and_parents_of_listed_records_are_covered() {
    let s = mention_site();
    // The town is listed: naming its district is fine. The module is listed: naming its
    // parent programme is fine. The association in long form is listed.
    release(
        &s,
        "a",
        "municipalities = [\"loeffingen\", \"gvv-rauenberg\"]\nprogrammes = [\"prozessbegleitung\"]",
        "\nLöffingen im Landkreis Breisgau-Hochschwarzwald, Teil des Pakts und des Pakt für Integration. Der Gemeindeverwaltungsverband Rauenberg ist dabei.\n",
    );
    // "die Landkreise Lörrach und Tübingen" reads Tübingen as the listed district.
    release(
        &s,
        "b",
        "municipalities = [\"landkreis-tuebingen\"]",
        "\nGefördert werden die Landkreise Lörrach und Tübingen sowie des Landkreises Tübingen Schulen.\n",
    );
    assert!(
        mention_warnings(&s).is_empty(),
        "{:#?}",
        mention_warnings(&s)
    );
}

#[test]
fn members_and_modules_named_while_only_the_parent_is_listed_warn() {
    let s = mention_site();
    release(
        &s,
        "a",
        "municipalities = [\"landkreis-tuebingen\", \"gvv-rauenberg\"]\nprogrammes = [\"pakt-fuer-integration\"]",
        "\nIn Tübingen, Mühlhausen und der Prozessbegleitung Integration.\n",
    );
    let w = mention_warnings(&s);
    assert_eq!(w.len(), 3, "{w:#?}");
    assert!(w[0].contains("\"Tübingen\" is named") && w[0].contains("add \"tuebingen\" to municipalities = [...]; listing \"landkreis-tuebingen\" does not put the release on the page of \"tuebingen\""), "{w:#?}");
    assert!(
        w[1].contains("\"Mühlhausen\" is named") && w[1].contains("listing \"gvv-rauenberg\""),
        "{w:#?}"
    );
    assert!(w[2].contains("\"Prozessbegleitung Integration\" is named in the text but not listed in programmes (help: add \"prozessbegleitung\" to programmes = [...])"), "{w:#?}");
}

#[test]
fn drafts_and_embargoed_releases_are_not_checked() {
    let s = mention_site();
    release(&s, "a", "draft = true", "\nFreiburg im Breisgau.\n");
    release(
        &s,
        "b",
        "embargo = 2030-01-01T10:00:00+01:00",
        "\nFreiburg im Breisgau.\n",
    );
    assert!(
        mention_warnings(&s).is_empty(),
        "{:#?}",
        mention_warnings(&s)
    );
}

#[test]
fn the_full_fixture_gets_its_one_true_positive() {
    let s = site("full");
    let w = mention_warnings(&s);
    assert_eq!(
        w,
        ["content/releases/2019-03-01-Meßkirch fördert Löffingen.md:9:19: warning: \"Meßkirch\" is named in the text but not listed in municipalities (help: add \"messkirch\" to municipalities = [...])"]
    );
}

#[test]
fn the_example_site_has_no_mention_warnings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let report = herold::check(&herold::BuildOptions {
        root: root.to_path_buf(),
        output: Some(tmp.path().join("out")),
        base_url: None,
        drafts: false,
        now: NOW.parse().unwrap(),
        relative_urls: false,
    });
    let mentions: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.id() == "mention-not-listed")
        .map(|d| d.to_string())
        .collect();
    assert!(mentions.is_empty(), "{mentions:#?}");
}
