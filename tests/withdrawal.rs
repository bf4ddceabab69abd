//! Withdrawn releases and public change histories: the page stays at its URL with a banner and
//! the reason, lists and feeds mark it, the feed entry and sitemap say when it changed; a
//! `[[changes]]` list is shown newest first and its newest date is the release's `updated`.

mod common;

use common::{fragment, main_of, site, Site};

const PLAN: &str = "content/releases/2018-08-20-kreistag-beschliesst-integrationsplan.md";
const PLAN_PAGE: &str = "pressemitteilungen/2018/kreistag-beschliesst-integrationsplan/index.html";

/// The fixture with extra front matter lines in the Integrationsplan release.
fn with(front: &str) -> Site {
    let s = site("full");
    let text = std::fs::read_to_string(s.root.join(PLAN)).unwrap();
    let (head, body) = text.split_at(text.rfind("+++").unwrap());
    s.write(PLAN, format!("{head}{front}\n{body}"));
    s
}

const WITHDRAWN: &str = "[withdrawn]\ndate = 2018-09-03\nreason = \"Der Beschluss wurde vertagt.\"";

#[test]
fn a_withdrawn_release_keeps_its_page_with_a_banner() {
    let s = with(WITHDRAWN);
    s.build();
    let page = s.read(PLAN_PAGE);
    let banner = fragment(&page, "<div class=\"withdrawn\"", "</div>");
    assert!(
        banner.contains("Zurückgezogen am <time datetime=\"2018-09-03\">3. September 2018</time>"),
        "{banner}"
    );
    assert!(banner.contains("Der Beschluss wurde vertagt."));
    // Lists mark it: the archive, its topic, its programme and its district.
    for list in [
        "pressemitteilungen/index.html",
        "themen/integration/index.html",
        "programme/pakt-fuer-integration/index.html",
        "kommunen/landkreis-breisgau-hochschwarzwald/index.html",
    ] {
        let html = s.read(list);
        let main = main_of(&html);
        let at = main
            .find("kreistag-beschliesst-integrationsplan/")
            .unwrap_or_else(|| panic!("not in {list}"));
        let card = &main[main[..at].rfind("<article").unwrap()..at];
        assert!(
            card.contains("badge--withdrawn\">Zurückgezogen</span>"),
            "{list}: {card}"
        );
    }
    // Other releases are not marked.
    assert_eq!(
        common::count(&s.read("pressemitteilungen/index.html"), "badge--withdrawn"),
        1
    );

    // The feed entry says so and is updated; the sitemap and JSON-LD date the change.
    let feed = s.read("feed.xml");
    let entry = fragment(
        &feed,
        "<title>Zurückgezogen: Kreistag beschließt Integrationsplan</title>",
        "</entry>",
    );
    assert!(
        entry.contains("<updated>2018-09-03T00:00:00Z</updated>"),
        "{entry}"
    );
    assert!(
        entry.contains("<summary>Zurückgezogen am 3. September 2018: Der Beschluss wurde vertagt."),
        "{entry}"
    );
    common::check_xml(&feed).unwrap();
    let sitemap = s.read("sitemap.xml");
    let loc = fragment(
        &sitemap,
        "kreistag-beschliesst-integrationsplan/</loc>",
        "</url>",
    );
    assert!(loc.contains("<lastmod>2018-09-03</lastmod>"), "{loc}");
    assert!(page.contains("\"dateModified\":\"2018-09-03\""));
}

#[test]
fn changes_are_listed_newest_first_and_date_the_release() {
    let s = with(
        "[[changes]]\ndate = 2018-08-22\nnote = \"Tippfehler im Titel berichtigt.\"\n\n[[changes]]\ndate = 2018-09-10\nnote = \"Abstimmungsergebnis ergänzt.\"",
    );
    s.build();
    let page = s.read(PLAN_PAGE);
    let history = fragment(&page, "<section class=\"box changes\"", "</section>");
    assert!(history.contains("<h2 id=\"s-changes\">Änderungen</h2>"));
    let newer = history.find("Abstimmungsergebnis ergänzt.").unwrap();
    let older = history.find("Tippfehler im Titel berichtigt.").unwrap();
    assert!(newer < older, "newest first: {history}");
    // `updated` is the newest change.
    assert!(
        page.contains("Aktualisiert am <time datetime=\"2018-09-10\">10. September 2018</time>"),
        "{page}"
    );
    assert!(page.contains("\"dateModified\":\"2018-09-10\""));
    assert!(!page.contains("class=\"withdrawn\""));
    let feed = s.read("feed.xml");
    let entry = fragment(
        &feed,
        "<title>Kreistag beschließt Integrationsplan</title>",
        "</entry>",
    );
    assert!(
        entry.contains("<updated>2018-09-10T00:00:00Z</updated>"),
        "{entry}"
    );
}

#[test]
fn broken_withdrawals_and_changes_are_reported_where_they_stand() {
    for (front, line_col, words) in [
        (
            "[withdrawn]\ndate = 2018-09-03\nreason = \"  \"",
            ":11:10",
            "reason for the withdrawal is empty",
        ),
        (
            "[withdrawn]\ndate = 2018-08-01\nreason = \"Vertagt\"",
            ":10:8",
            "is before the release's date",
        ),
        ("[withdrawn]\nreason = \"Vertagt\"", ":9:1", "date"),
        (
            "[[changes]]\ndate = 2018-08-01\nnote = \"x\"",
            ":10:8",
            "2018-08-01 is before the release's date 2018-08-20",
        ),
        (
            "[[changes]]\ndate = 2018-08-21\nnote = \"\"",
            ":11:8",
            "note of this change is empty",
        ),
    ] {
        let s = with(front);
        s.english();
        let stderr = s.build_fails();
        assert!(
            stderr.contains(&format!("{PLAN}{line_col}")),
            "{front}: {stderr}"
        );
        assert!(stderr.contains(words), "{front}: {stderr}");
        assert!(!s.out.exists(), "nothing written");
    }
}

/// The fixture's Pakt release, which announces an event, withdrawn and corrected once.
fn pakt_withdrawn() -> Site {
    let s = site("full");
    let file = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let text = std::fs::read_to_string(s.root.join(file)).unwrap();
    let (head, body) = text.split_at(text.rfind("+++").unwrap());
    s.write(
        file,
        format!("{head}\n[withdrawn]\ndate = 2018-06-01\nreason = \"Die Veranstaltung fällt aus.\"\n{body}"),
    );
    s
}

#[test]
fn the_event_of_a_withdrawn_release_is_cancelled_in_the_calendars() {
    let s = pakt_withdrawn();
    s.build();
    for file in [
        "pressemitteilungen/2018/pakt-fuer-integration/termin.ics",
        "termine.ics",
    ] {
        let ics = s.read(file).replace("\r\n ", "");
        let event = fragment(
            &ics,
            "UID:pressemitteilungen/2018/pakt-fuer-integration@",
            "END:VEVENT",
        );
        assert!(
            event.contains("\r\nSTATUS:CANCELLED\r\n"),
            "{file}: {event}"
        );
        // Corrected once (updated + change_note) and withdrawn: the second and third version.
        assert!(event.contains("\r\nSEQUENCE:2\r\n"), "{file}: {event}");
        assert!(
            event.contains("\r\nLAST-MODIFIED:20180601T000000Z\r\n"),
            "{file}: {event}"
        );
        assert!(
            event.contains("Die Veranstaltung fällt aus."),
            "{file}: {event}"
        );
    }
    let calendar = s.read("termine/index.html");
    assert!(calendar.contains("badge--withdrawn\">Zurückgezogen</span> <a href=\"/pressemitteilungen/2018/pakt-fuer-integration/\""), "{calendar}");
}

#[test]
fn open_data_carries_the_withdrawal_and_the_history() {
    let s = pakt_withdrawn();
    s.build();
    let doc: serde_json::Value =
        serde_json::from_str(&s.read("daten/pressemitteilungen.json")).unwrap();
    let release = doc["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["url"]
                .as_str()
                .unwrap()
                .ends_with("/pakt-fuer-integration/")
        })
        .unwrap();
    assert_eq!(release["withdrawn"]["date"], "2018-06-01");
    assert_eq!(release["withdrawn"]["note"], "Die Veranstaltung fällt aus.");
    assert_eq!(release["changes"][0]["date"], "2018-05-30");
    let schema: serde_json::Value =
        serde_json::from_str(&s.read("daten/schema/pressemitteilungen.schema.json")).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // Releases that were neither changed nor withdrawn say so.
    let other = doc["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["url"]
                .as_str()
                .unwrap()
                .ends_with("/kreistag-beschliesst-integrationsplan/")
        })
        .unwrap();
    assert!(other["withdrawn"].is_null());
    assert_eq!(other["changes"], serde_json::json!([]));
}
