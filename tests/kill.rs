//! Killing a build at any moment (SIGKILL) leaves the output folder holding either the complete
//! old site or the complete new one, and the next build succeeds and removes the staging
//! folders killed builds left behind.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{walk, NOW};

/// A small deterministic PRNG (splitmix64), seeded per iteration.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Writes a site with releases `range` whose text carries `version`.
fn make_site(root: &Path, version: &str, range: std::ops::Range<usize>) {
    let w = |rel: &str, text: String| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "config.toml",
        "title = \"Killtest\"\nbase_url = \"https://presse.example.org/\"\n".into(),
    );
    w(
        "content/programmes/pakt.toml",
        "name = \"Pakt\"\n\n[[participants]]\nmunicipality = \"loeffingen\"\nyear = 2019\n".into(),
    );
    w(
        "content/municipalities/loeffingen.toml",
        "name = \"Löffingen\"\n".into(),
    );
    w(
        "content/municipalities/messkirch.toml",
        "name = \"Meßkirch\"\n".into(),
    );
    let para =
        format!("Version {version}: Die Landesregierung fördert Integration in den Kommunen. ")
            .repeat(12);
    for i in range {
        let year = 2010 + i % 12;
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        let muni = if i % 2 == 0 {
            "loeffingen"
        } else {
            "messkirch"
        };
        let mut body = String::new();
        for _ in 0..8 {
            body.push_str(&para);
            body.push_str("\n\n");
        }
        w(
            &format!("content/releases/{year}-{month:02}-{day:02}-mitteilung-{i}.md"),
            format!(
                "+++\ntitle = \"Mitteilung {i} ({version})\"\ndate = {year}-{month:02}-{day:02}\nkicker = \"Thema {}\"\nprogrammes = [\"pakt\"]\nmunicipalities = [\"{muni}\"]\n+++\n\n{body}",
                i % 7
            ),
        );
    }
}

fn herold_cmd(root: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_herold"));
    c.arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(out)
        .args(["--now", NOW])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn build(root: &Path, out: &Path) {
    let o = herold_cmd(root, out).output().unwrap();
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The output folder as path → bytes, the marker's bytes blanked (it must exist).
fn snapshot(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = walk(out);
    let marker = files
        .get_mut(".herold-output")
        .unwrap_or_else(|| panic!("no .herold-output marker in {}", out.display()));
    marker.clear();
    files
}

/// Entries beside the output folder other than the output folder itself, its spare (the site
/// before, kept for the next build), the stamps of their files and the parse cache folder;
/// and in that folder, anything but the cache file (a killed build's half-written one).
fn leftovers(parent: &Path) -> Vec<PathBuf> {
    let cache = parent.join(".out.herold-cache");
    let half_written = std::fs::read_dir(&cache)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            !matches!(
                p.file_name().unwrap().to_str(),
                Some("bodies" | "fronts" | "search" | "mentions" | "related")
            )
        });
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            !matches!(
                p.file_name().unwrap().to_str(),
                Some("out" | ".out.herold-spare" | ".out.herold-stamps" | ".out.herold-cache")
            )
        })
        .chain(half_written)
        .collect()
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_site_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let root_a = tmp.path().join("site-a");
    let root_b = tmp.path().join("site-b");
    // A: releases 0..300; B: 40..340 with other text: added, changed and removed pages.
    make_site(&root_a, "A", 0..300);
    make_site(&root_b, "B", 40..340);
    let refs = tmp.path().join("refs");
    std::fs::create_dir_all(&refs).unwrap();
    build(&root_a, &refs.join("a"));
    build(&root_b, &refs.join("b"));
    let snap = [snapshot(&refs.join("a")), snapshot(&refs.join("b"))];
    assert_ne!(
        snap[0].keys().collect::<Vec<_>>(),
        snap[1].keys().collect::<Vec<_>>(),
        "the versions must differ in their file sets"
    );
    let roots = [&root_a, &root_b];

    let parent = tmp.path().join("pub");
    std::fs::create_dir_all(&parent).unwrap();
    let out = parent.join("out");
    build(&root_a, &out);
    assert!(snapshot(&out) == snap[0]);
    // The typical build time: replacing A by B, then B by A.
    let t = Instant::now();
    build(&root_b, &out);
    build(&root_a, &out);
    let typical = t.elapsed() / 2;
    assert!(snapshot(&out) == snap[0]);

    let (mut old_clean, mut old_staged, mut new_staged, mut new_clean, mut finished) =
        (0, 0, 0, 0, 0);
    let mut current = 0usize;
    for i in 0..50u64 {
        let target = 1 - current;
        let mut rng = Rng(0x4845_524F_4C44 ^ i);
        let delay = Duration::from_nanos(rng.next() % (typical.as_nanos() as u64).max(1));
        let mut child = herold_cmd(roots[target], &out).spawn().unwrap();
        std::thread::sleep(delay);
        let done_before_kill = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        child.wait().unwrap();

        let now = snapshot(&out);
        let staged = !leftovers(&parent).is_empty();
        if now == snap[target] {
            match (done_before_kill, staged) {
                (true, _) => finished += 1,
                (false, true) => new_staged += 1,
                (false, false) => new_clean += 1,
            }
        } else if now == snap[current] {
            if staged {
                old_staged += 1;
            } else {
                old_clean += 1;
            }
        } else {
            let only_now: Vec<_> = now
                .keys()
                .filter(|k| !snap[current].contains_key(*k) && !snap[target].contains_key(*k))
                .take(5)
                .collect();
            panic!(
                "iteration {i} (killed after {delay:?}): the output is neither the old nor the new site; {} files, e.g. foreign {only_now:?}",
                now.len()
            );
        }

        // A normal build afterwards succeeds, gives the target site, and leaves nothing beside.
        build(roots[target], &out);
        assert!(snapshot(&out) == snap[target], "iteration {i}: rebuild");
        let left = leftovers(&parent);
        assert!(left.is_empty(), "iteration {i}: left behind {left:?}");
        current = target;
    }
    eprintln!(
        "kill loop (typical build {typical:?}): 50 of 50 old-or-new; old site, no staging: {old_clean}; \
         old site, killed after the staging folder was made and before the swap (reading, rendering, writing): {old_staged}; new site, killed after the swap \
         while deleting the old copy: {new_staged}; new site, clean: {new_clean}; finished before the kill: {finished}"
    );
    assert_eq!(
        old_clean + old_staged + new_staged + new_clean + finished,
        50
    );
}
