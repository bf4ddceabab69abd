//! Times an in-memory rebuild after editing one release, phase by phase (what `herold serve`
//! does on every save): `cargo run --release --example rebuild -- SITE_ROOT [EDITS] [date|new]`.
//! By default the edits change the release's title; with `date` they move its date by a day,
//! which changes the order of the lists (the last resolve and page places cannot be reused);
//! with `new` each edit adds a new release of today (removed again at the end).

use std::time::Instant;

use herold::pipeline::Builder;
use herold::BuildOptions;

fn main() {
    let root = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| ".".into());
    let opts = BuildOptions {
        root: root.clone(),
        output: None,
        base_url: None,
        drafts: false,
        now: "2026-06-01T00:00:00Z".parse().unwrap(),
        relative_urls: false,
    };
    let mut b = Builder::new(opts);
    let t = Instant::now();
    let (out, report) = b.render();
    println!(
        "first render: {:?}, {} files, {} problems",
        t.elapsed(),
        out.map_or(0, |o| o.len()),
        report.diagnostics.len()
    );
    let mut files: Vec<_> = walkdir::WalkDir::new(root.join("content/releases"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let file = &files[files.len() / 2];
    let original = std::fs::read_to_string(file).unwrap();
    // Optional second argument: the number of edits (default 5; more for profiling).
    let edits: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let mode = std::env::args().nth(3).unwrap_or_default();
    let mut added = Vec::new();
    for i in 0..edits {
        let changed = match mode.as_str() {
            "new" => {
                let path = root.join(format!("content/releases/2026-05-31-neu-{i}.md"));
                let text = format!("+++\ntitle = \"Neu {i}\"\ndate = 2026-05-31\n+++\n\nText.\n");
                std::fs::write(&path, text).unwrap();
                added.push(path.clone());
                path
            }
            "date" => {
                std::fs::write(file, move_day(&original, i)).unwrap();
                file.clone()
            }
            _ => {
                let title = format!("title = \"Edit {i}: ");
                std::fs::write(file, original.replacen("title = \"", &title, 1)).unwrap();
                file.clone()
            }
        };
        b.changed([changed]);
        let t = Instant::now();
        let (_, report) = b.render();
        let phases: Vec<String> = report
            .timings
            .iter()
            .map(|(p, d)| format!("{p} {:.1}", d.as_secs_f64() * 1000.0))
            .collect();
        println!(
            "rebuild {i}: {:.1} ms ({})",
            t.elapsed().as_secs_f64() * 1000.0,
            phases.join(", ")
        );
    }
    std::fs::write(file, original).unwrap();
    for path in added {
        std::fs::remove_file(path).unwrap();
    }
}

/// `text` with the day of its `date = YYYY-MM-DD` line set to day 1 + `i` % 28 (same year).
fn move_day(text: &str, i: usize) -> String {
    let at = text.find("\ndate = ").expect("a date line") + "\ndate = ".len();
    let day = format!("{:02}", 1 + i % 28);
    format!("{}{}{}", &text[..at + 8], day, &text[at + 10..])
}
