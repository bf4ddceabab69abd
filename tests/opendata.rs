//! Open data: `daten/pressemitteilungen.json`, `daten/programme.json` and `daten/kommunen.json`
//! are parsed with serde_json and validated against the JSON Schemas written beside them
//! (with the `jsonschema` crate, draft 2020-12); their contents, the licence, the page
//! `/daten/` and the `json` switch are checked.

mod common;

use common::{main_of, site, Site};
use serde_json::{json, Value};

const SETS: [(&str, &str); 3] = [
    ("pressemitteilungen", "releases"),
    ("programme", "programmes"),
    ("kommunen", "municipalities"),
];

fn built() -> Site {
    let s = site("events");
    s.build();
    s
}

fn parse(s: &Site, rel: &str) -> Value {
    serde_json::from_str(&s.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn data(s: &Site, name: &str) -> Value {
    parse(s, &format!("daten/{name}.json"))
}

fn validator(s: &Site, name: &str) -> jsonschema::Validator {
    let schema = parse(s, &format!("daten/schema/{name}.schema.json"));
    assert!(
        jsonschema::draft202012::meta::is_valid(&schema),
        "{name}: not a valid draft 2020-12 schema"
    );
    jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn every_file_is_valid_against_its_schema() {
    for s in [built(), {
        // And the full fixture, with its bundle, image and another event.
        let s = site("full");
        s.build();
        s
    }] {
        for (name, key) in SETS {
            let doc = data(&s, name);
            assert_valid(&validator(&s, name), &doc, name);
            assert_eq!(doc["version"], 1, "{name}");
            assert!(doc[key].is_array(), "{name}");
            assert_eq!(
                doc["$schema"],
                format!("https://presse.example.org/daten/schema/{name}.schema.json")
            );
        }
    }
}

#[test]
fn the_schemas_reject_broken_documents() {
    let s = built();
    let releases = validator(&s, "pressemitteilungen");
    let good = data(&s, "pressemitteilungen");
    let mut broken = good.clone();
    broken.as_object_mut().unwrap().remove("version");
    assert!(!releases.is_valid(&broken), "without version");
    let mut broken = good.clone();
    broken["version"] = json!(2);
    assert!(!releases.is_valid(&broken), "another version");
    let mut broken = good.clone();
    broken["releases"][0]["date"] = json!("28.05.2018");
    assert!(!releases.is_valid(&broken), "a German date");
    let mut broken = good.clone();
    broken["releases"][0]["programmes"] = json!(["pakt"]);
    assert!(!releases.is_valid(&broken), "a programme without its name");
    let mut broken = good;
    broken["releases"][0]["secret"] = json!(true);
    assert!(!releases.is_valid(&broken), "an unknown key");

    let municipalities = validator(&s, "kommunen");
    let mut broken = data(&s, "kommunen");
    broken["municipalities"][0]["ags"] = json!("123");
    assert!(!municipalities.is_valid(&broken), "a short AGS");
    let programmes = validator(&s, "programme");
    let mut broken = data(&s, "programme");
    broken["programmes"][0]["funding_total_eur"] = json!(-1);
    assert!(!programmes.is_valid(&broken), "a negative total");
}

#[test]
fn releases_hold_every_published_field() {
    let s = built();
    let doc = data(&s, "pressemitteilungen");
    let releases = doc["releases"].as_array().unwrap();
    let titles: Vec<&str> = releases
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Einladung zum Fachtag",
            "Messe der Kommunen",
            "Bilanz ohne Termin",
            "Konferenz der Integrationsbeauftragten",
            "Auftakt in Meßkirch"
        ],
        "newest first"
    );
    let k = &releases[3];
    assert_eq!(k["date"], "2018-08-20");
    assert_eq!(k["number"], "047/2018");
    assert_eq!(
        k["url"],
        "https://presse.example.org/pressemitteilungen/2018/konferenz/"
    );
    assert_eq!(k["summary"], "Die Konferenz tagt zwei Tage.");
    assert_eq!(k["kicker"], "Integration");
    assert_eq!(k["topic"], "integration");
    assert_eq!(
        k["programmes"],
        json!([{"slug": "pakt", "name": "Pakt für Integration"}])
    );
    assert_eq!(
        k["municipalities"],
        json!([{"slug": "messkirch", "name": "Meßkirch"}])
    );
    assert_eq!(k["event"]["start"], "2018-08-27");
    assert_eq!(k["event"]["end"], "2018-08-28");
    assert_eq!(k["event"]["place"], "Kassel, Rathaus; Saal \"Nord\\Süd\"");
    let a = &releases[4];
    assert_eq!(a["date"], "2018-05-28T09:00:00+02:00");
    assert_eq!(a["event"]["start"], "2018-06-12T10:00:00+02:00");
    let b = &releases[2];
    assert_eq!(b["subtitle"], "Ein Jahr Pakt");
    assert_eq!(b["updated"], "2019-02-01");
    assert_eq!(b["event"], Value::Null);
    assert_eq!(b["number"], Value::Null);
}

#[test]
fn programmes_hold_participants_years_and_the_total() {
    let s = built();
    let doc = data(&s, "programme");
    let p = doc["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "pakt")
        .unwrap();
    assert_eq!(p["name"], "Pakt für Integration");
    assert_eq!(p["short"], "PIK");
    assert_eq!(p["owner"], "Ministerium für Soziales und Integration");
    assert_eq!(p["start"], "2017-01-01");
    assert_eq!(p["end"], "2019-12-31");
    assert_eq!(p["budget_eur"], 320_000_000);
    assert_eq!(p["url"], "https://presse.example.org/programme/pakt/");
    assert_eq!(p["years"], json!([2018, 2019]));
    assert_eq!(p["funding_total_eur"], 50_000);
    assert_eq!(
        p["participants"][0],
        json!({"municipality": {"slug": "messkirch", "name": "Meßkirch"}, "year": 2019, "funding_eur": 10000, "project": "Sprachkurse"})
    );
    assert_eq!(p["participants"][2]["funding_eur"], Value::Null);
    let m = doc["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "modul")
        .unwrap();
    assert_eq!(
        m["parent"],
        json!({"slug": "pakt", "name": "Pakt für Integration"})
    );
    assert_eq!(m["funding_total_eur"], 0);
}

#[test]
fn municipalities_hold_their_records() {
    let s = built();
    let doc = data(&s, "kommunen");
    let all = doc["municipalities"].as_array().unwrap();
    let by = |slug: &str| all.iter().find(|m| m["slug"] == slug).unwrap();
    let m = by("messkirch");
    assert_eq!(m["ags"], "08437076");
    assert_eq!(m["kind"], "Stadt");
    assert_eq!(
        m["district"],
        json!({"slug": "landkreis-sigmaringen", "name": "Landkreis Sigmaringen"})
    );
    assert_eq!(m["population"], 8417);
    assert_eq!(m["coordinates"], json!({"lat": 47.9929, "lon": 9.1128}));
    assert_eq!(m["website"], "https://www.messkirch.de/");
    assert_eq!(m["url"], "https://presse.example.org/kommunen/messkirch/");
    assert_eq!(
        by("gvv-messkirch")["members"],
        json!([{"slug": "messkirch", "name": "Meßkirch"}, {"slug": "sauldorf", "name": "Sauldorf"}])
    );
    // A district's towns name it; it lists no members of its own.
    assert_eq!(by("landkreis-sigmaringen")["members"], json!([]));
    assert_eq!(by("sauldorf")["coordinates"], Value::Null);
}

#[test]
fn the_licence_is_the_german_default_or_the_configured_one() {
    let s = built();
    for (name, _) in SETS {
        assert_eq!(
            data(&s, name)["license"],
            json!({"name": "Datenlizenz Deutschland – Namensnennung – Version 2.0", "url": "https://www.govdata.de/dl-de/by-2-0"})
        );
    }
    let config = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write(
        "config.toml",
        format!("{config}data_license = {{ name = \"Datenlizenz Deutschland – Zero – Version 2.0\", url = \"https://www.govdata.de/dl-de/zero-2-0\" }}\n"),
    );
    s.build();
    let doc = data(&s, "kommunen");
    assert_eq!(
        doc["license"]["name"],
        "Datenlizenz Deutschland – Zero – Version 2.0"
    );
    let html = s.read("daten/index.html");
    assert!(html.contains(
        "<a href=\"https://www.govdata.de/dl-de/zero-2-0\" rel=\"license\">Datenlizenz Deutschland – Zero – Version 2.0</a>"
    ));
}

#[test]
fn the_data_page_describes_the_files_and_every_page_links_it() {
    let s = built();
    let html = s.read("daten/index.html");
    let main = main_of(&html);
    for (name, _) in SETS {
        assert!(
            main.contains(&format!("href=\"/daten/{name}.json\"")),
            "{name}"
        );
        assert!(
            main.contains(&format!("href=\"/daten/schema/{name}.schema.json\"")),
            "{name}"
        );
    }
    assert!(main.contains("5 Einträge"), "{main}");
    assert!(main.contains("Datenlizenz Deutschland – Namensnennung – Version 2.0"));
    for page in [
        "index.html",
        "termine/index.html",
        "programme/pakt/index.html",
    ] {
        assert!(
            s.read(page)
                .contains("<a href=\"/daten/\">Offene Daten</a>"),
            "{page}"
        );
    }
}

#[test]
fn json_switched_off_leaves_no_file_and_no_link() {
    let s = site("events");
    let config = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
    s.write(
        "config.toml",
        format!("{config}\n[outputs]\njson = false\n"),
    );
    s.build();
    for (path, bytes) in s.output_files() {
        assert!(!path.starts_with("daten/"), "{path} written with json off");
        assert!(
            !String::from_utf8_lossy(&bytes).contains("/daten/"),
            "{path} links the open data"
        );
    }
}

#[test]
fn the_files_are_byte_identical_across_builds() {
    let a = built();
    let b = built();
    for (name, _) in SETS {
        let rel = format!("daten/{name}.json");
        assert_eq!(a.read(&rel), b.read(&rel), "{rel}");
    }
}
