//! Incremental rebuilds must give exactly what a fresh build gives. One `Builder` renders the
//! full fixture, then a series of edits is applied; after each, its incremental render is
//! compared file by file with a fresh `Builder`'s render of the same files.

mod common;

use std::collections::BTreeMap;

use herold::pipeline::Builder;
use herold::BuildOptions;

fn options(root: &std::path::Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        now: common::NOW.parse().unwrap(),
    }
}

fn files(b: &mut Builder) -> BTreeMap<String, Vec<u8>> {
    let (out, report) = b.render();
    let out = out.unwrap_or_else(|| panic!("build failed: {:#?}", report.diagnostics));
    out.iter()
        .map(|(p, f)| (p.clone(), f.bytes.to_vec()))
        .collect()
}

fn assert_same(
    incremental: &BTreeMap<String, Vec<u8>>,
    fresh: &BTreeMap<String, Vec<u8>>,
    step: &str,
) {
    let a: Vec<&String> = incremental.keys().collect();
    let b: Vec<&String> = fresh.keys().collect();
    assert_eq!(
        a, b,
        "{step}: the incremental build has other files than a fresh one"
    );
    for (path, bytes) in fresh {
        assert!(
            incremental[path] == *bytes,
            "{step}: {path} differs from a fresh build (a stale page)"
        );
    }
}

#[test]
fn every_kind_of_edit_gives_what_a_fresh_build_gives() {
    let s = common::site("full");
    let mut live = Builder::new(options(&s.root));
    files(&mut live);

    let release = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let text = std::fs::read_to_string(s.root.join(release)).unwrap();
    type Edit<'a> = Box<dyn Fn() + 'a>;
    let steps: Vec<(&str, Edit)> = vec![
        (
            "title edited",
            Box::new(|| s.write(release, text.replacen("title = \"", "title = \"Neu: ", 1))),
        ),
        (
            "release added",
            Box::new(|| {
                s.write(
                    "content/releases/2019-03-01-neu.md",
                    "+++\ntitle = \"Ganz neu\"\ndate = 2019-03-01\nkicker = \"Integration\"\nmunicipalities = [\"loeffingen\"]\nprogrammes = [\"prozessbegleitung\"]\n+++\n\nText.\n",
                )
            }),
        ),
        (
            "release date moved",
            Box::new(|| {
                s.write("content/releases/2019-03-01-neu.md", "+++\ntitle = \"Ganz neu\"\ndate = 2017-01-01\nmunicipalities = [\"messkirch\"]\n+++\n\nText.\n")
            }),
        ),
        (
            "municipality renamed",
            Box::new(|| {
                let p = "content/municipalities/loeffingen.toml";
                let t = std::fs::read_to_string(s.root.join(p)).unwrap();
                s.write(
                    p,
                    t.replacen(
                        "name = \"Löffingen\"",
                        "name = \"Löffingen (Schwarzwald)\"",
                        1,
                    ),
                );
            }),
        ),
        (
            "release removed",
            Box::new(|| {
                std::fs::remove_file(s.root.join("content/releases/2019-03-01-neu.md")).unwrap()
            }),
        ),
        (
            "config changed",
            Box::new(|| {
                let t = std::fs::read_to_string(s.root.join("config.toml")).unwrap();
                s.write(
                    "config.toml",
                    format!("{t}\n[extra]\nhinweis = \"x\"\n").replacen(
                        "title = \"",
                        "title = \"Amt: ",
                        1,
                    ),
                );
            }),
        ),
        (
            "template overridden",
            Box::new(|| {
                s.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Weg</h1>{% endblock content %}")
            }),
        ),
    ];
    for (step, edit) in steps {
        edit();
        let incremental = files(&mut live);
        let fresh = files(&mut Builder::new(options(&s.root)));
        assert_same(&incremental, &fresh, step);
    }
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_state_for_the_next_one() {
    let s = common::site("full");
    let mut live = Builder::new(options(&s.root));
    files(&mut live);
    let release = "content/releases/2018/2018-05-28-pakt-fuer-integration/index.md";
    let good = std::fs::read_to_string(s.root.join(release)).unwrap();
    s.write(release, good.replacen("+++", "", 2));
    assert!(
        live.render().0.is_none(),
        "a broken file must fail the render"
    );
    s.write(
        release,
        good.replacen("title = \"", "title = \"Repariert: ", 1),
    );
    let incremental = files(&mut live);
    let fresh = files(&mut Builder::new(options(&s.root)));
    assert_same(&incremental, &fresh, "after a failed render");
}
