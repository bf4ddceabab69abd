//! Never delete what is not ours: `--output` spellings that reach the site, its folders or a
//! foreign folder are refused with a clear message and leave every file as it was. Extends
//! `tests/failed_build.rs`.

mod common;

use std::path::Path;

use common::{herold, site, Site, NOW};

/// Every entry below `dir` (symbolic links recorded, not followed): path → bytes or link target.
fn walk(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let t = e.file_type().unwrap();
            if t.is_symlink() {
                let target = std::fs::read_link(&p).unwrap();
                out.insert(rel, target.to_string_lossy().as_bytes().to_vec());
            } else if t.is_dir() {
                out.insert(rel + "/", Vec::new());
                stack.push(p);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Runs `herold build --root ROOT --output OUT` in `cwd`.
fn build_into(s: &Site, cwd: &Path, out: &Path) -> (i32, String) {
    let o = herold()
        .current_dir(cwd)
        .arg("build")
        .arg("--root")
        .arg(&s.root)
        .arg("--output")
        .arg(out)
        .args(["--now", NOW])
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn assert_refused(s: &Site, out: &Path, why: &str) {
    s.english();
    let before = walk(s.tmp.path());
    let (code, e) = build_into(s, s.tmp.path(), out);
    assert_eq!(code, 1, "{}: {e}", out.display());
    assert!(e.contains("refusing to write into"), "{e}");
    assert!(e.contains(why), "{e}");
    assert!(e.contains("= help: pass another --output folder"), "{e}");
    assert!(
        walk(s.tmp.path()) == before,
        "files changed: {}",
        out.display()
    );
}

#[test]
fn other_spellings_of_the_site_root_are_refused() {
    let s = site("minimal");
    let why = "it is the site folder or one of its parents";
    assert_refused(&s, &s.root.join("."), why);
    assert_refused(&s, &s.root.join("content/.."), why);
    assert_refused(&s, &s.root.join(".."), why);
    assert_refused(&s, &s.root.join("../.."), why);
    assert_refused(&s, Path::new("site"), why);
    assert_refused(&s, Path::new("."), why);
    std::os::unix::fs::symlink(&s.root, s.tmp.path().join("link")).unwrap();
    assert_refused(&s, &s.tmp.path().join("link"), why);
}

#[test]
fn a_marker_in_the_site_does_not_make_it_an_output() {
    let s = site("minimal");
    s.write(".herold-output", "");
    assert_refused(&s, &s.root, "site folder");
    s.write("content/.herold-output", "");
    assert_refused(
        &s,
        &s.root.join("content"),
        "inside the site's content/ folder",
    );
}

#[test]
fn the_sites_own_folders_are_refused_even_when_empty() {
    let s = site("minimal");
    std::fs::create_dir_all(s.root.join("static")).unwrap();
    std::fs::create_dir_all(s.root.join("templates")).unwrap();
    assert_refused(&s, &s.root.join("static"), "static/");
    assert_refused(&s, &s.root.join("templates"), "templates/");
    assert_refused(&s, &s.root.join("content/releases"), "content/");
    assert_refused(&s, &s.root.join("themes/neu"), "themes/");
}

#[test]
fn a_file_as_output_is_refused() {
    let s = site("minimal");
    std::fs::write(s.tmp.path().join("datei"), b"bleibt").unwrap();
    assert_refused(&s, &s.tmp.path().join("datei"), "it is a file");
}

#[test]
fn a_foreign_folder_with_hidden_files_only_is_refused() {
    let s = site("minimal");
    std::fs::create_dir_all(s.tmp.path().join("fremd")).unwrap();
    std::fs::write(s.tmp.path().join("fremd/.git"), b"gitdir: x").unwrap();
    assert_refused(&s, &s.tmp.path().join("fremd"), "no .herold-output marker");
}

#[test]

fn a_file_added_to_a_previous_output_is_not_deleted_silently() {
    let s = site("minimal");
    s.build();
    std::fs::write(s.out.join("eigene-datei.pdf"), b"wichtig").unwrap();
    let r = s.build_with(&[]);
    let kept = s.out.join("eigene-datei.pdf").is_file();
    assert!(
        kept || (r.code == 1 && r.stderr.contains("eigene-datei.pdf")),
        "exit {}, file kept: {kept}:\n{}",
        r.code,
        r.stderr
    );
}

#[test]

fn a_rebuild_repairs_a_damaged_output_file() {
    let s = site("minimal");
    s.build();
    let good = s.output_files();
    let p = s.out.join("index.html");
    let mut bytes = std::fs::read(&p).unwrap();
    bytes[10..14].copy_from_slice(b"XXXX");
    std::fs::write(&p, &bytes).unwrap();
    s.build();
    assert!(s.output_files() == good, "the damaged index.html was kept");
}
