//! The preview server over real HTTP: serving from memory like a static host (under a
//! sub-path), refusing everything that is not built output, and following edits, errors and
//! fixes through the reload endpoint. Waits are bounded; nothing here asserts timing.

mod serve_support;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use herold::serve::{Preview, ServeEvent, ServeOptions, Stopper};
use serve_support::{get, request, wait_for, Resp, TempSite};

const RELEASE: &str = "content/releases/2017-11-10-sauldorf-startet-dialog.md";
const PAGE: &str = "/presse/pressemitteilungen/2017/sauldorf-startet-dialog/";

struct Running {
    addr: SocketAddr,
    url: String,
    stopper: Stopper,
    thread: Option<std::thread::JoinHandle<Vec<String>>>,
}

impl Running {
    fn stop(mut self) -> Vec<String> {
        self.stopper.stop();
        self.thread.take().unwrap().join().unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stopper.stop();
    }
}

/// The site under the sub-path /presse/, served on a free port, at a fixed instant.
fn start(site: &TempSite) -> Running {
    let now: jiff::Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    start_with_clock(site, Arc::new(move || now))
}

fn start_with_clock(site: &TempSite, clock: herold::serve::Clock) -> Running {
    site.edit(
        "config.toml",
        "base_url = \"https://presse.example.org/\"",
        "base_url = \"https://presse.example.org/presse/\"",
    );
    let preview = Preview::start(ServeOptions {
        root: site.root.clone(),
        bind: "127.0.0.1".into(),
        port: 0,
        drafts: false,
        clock,
        lang: herold::config::Language::En,
    })
    .expect("start the preview");
    let url = preview.url();
    let addr: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches("/presse/")
        .parse()
        .unwrap();
    let stopper = preview.stopper();
    let thread = std::thread::spawn(move || {
        let mut lines = Vec::new();
        preview.run(|e| match e {
            ServeEvent::Rebuilt(r) => lines.push(r.to_string()),
            ServeEvent::WatchProblem(p) => lines.push(p),
        });
        lines
    });
    Running {
        addr,
        url,
        stopper,
        thread: Some(thread),
    }
}

fn generation(r: &Resp) -> u64 {
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    v["generation"].as_u64().unwrap()
}

/// Asks the reload endpoint, relative to generation `since`, until `done` holds (10 s at most).
fn poll_until(
    addr: SocketAddr,
    since: u64,
    what: &str,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    wait_for(10, what, || {
        let r = get(addr, &format!("/__herold/reload?since={since}"));
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        done(&v).then_some(v)
    })
}

#[test]
fn serves_the_built_site_from_memory_like_a_static_host() {
    let site = TempSite::new("full");
    let s = start(&site);
    assert!(s.url.starts_with("http://127.0.0.1:") && s.url.ends_with("/presse/"));

    let home = get(s.addr, "/presse/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("<script id=\"__herold-live\">"));
    // Canonical links and feeds point at the preview, under the configured sub-path.
    assert!(
        home.body.contains(&format!("href=\"{}\"", s.url)),
        "no canonical link to the preview"
    );
    let page = get(s.addr, PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Sauldorf startet Bürgerdialog"));

    for (target, mime) in [
        ("/presse/feed.xml", "application/atom+xml; charset=utf-8"),
        ("/presse/sitemap.xml", "application/xml; charset=utf-8"),
        ("/presse/robots.txt", "text/plain; charset=utf-8"),
        ("/presse/css/herold.css", "text/css; charset=utf-8"),
        ("/presse/dokumente/a.pdf", "application/pdf"),
    ] {
        let r = get(s.addr, target);
        assert_eq!(
            (r.status, r.header("Content-Type")),
            (200, Some(mime)),
            "{target}"
        );
        assert!(
            !r.body.contains("__herold"),
            "{target} got the live-reload script"
        );
    }
    assert!(get(s.addr, "/presse/feed.xml").body.contains(&format!(
        "{}pressemitteilungen/2017/sauldorf-startet-dialog/",
        s.url
    )));

    let missing = get(s.addr, "/presse/gibt-es-nicht/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("__herold-live") && missing.body.contains("<h1"));

    let r = get(s.addr, "/presse/pressemitteilungen?x=1");
    assert_eq!(
        (r.status, r.header("Location")),
        (301, Some("/presse/pressemitteilungen/?x=1"))
    );
    assert_eq!(get(s.addr, "/presse").header("Location"), Some("/presse/"));
    assert_eq!(get(s.addr, "/").header("Location"), Some("/presse/"));

    let head = request(s.addr, "HEAD", PAGE, &[]);
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    assert_eq!(head.header("Content-Length"), page.header("Content-Length"));
    let tag = page.header("ETag").expect("an ETag").to_string();
    let again = request(s.addr, "GET", PAGE, &[("If-None-Match", &tag)]);
    assert_eq!((again.status, again.body.as_str()), (304, ""));
    assert_eq!(request(s.addr, "POST", PAGE, &[]).status, 405);

    // Only built output: never sources, never anything outside the site.
    for target in [
        "/presse/config.toml",
        "/presse/content/releases/2017-11-10-sauldorf-startet-dialog.md",
        "/presse/../config.toml",
        "/presse/%2e%2e/config.toml",
        "/presse/%2E%2E/%2E%2E/etc/passwd",
        "/presse/..%2fconfig.toml",
        "/presse/..%2f..%2f..%2fetc%2fpasswd",
        "/presse/%5c..%5cconfig.toml",
        "/presse/..\\config.toml",
        "//etc/passwd",
        "/presse//etc/passwd",
        "/presse/%252e%252e/config.toml",
        "/presse/%252e%252e%252fconfig.toml",
        "/presse/C:/Windows/win.ini",
        "/presse/c%3a%5cwindows%5cwin.ini",
        "/presse/%00",
        "/presse/%ff",
        "/../../../../etc/passwd",
    ] {
        let r = get(s.addr, target);
        assert_eq!(r.status, 404, "{target}");
        assert!(
            !r.body.contains("base_url") && !r.body.contains("root:"),
            "{target} leaked a file"
        );
    }
    // Serving writes nothing into the site.
    assert!(!site.path("public").exists());
    let lines = s.stop();
    assert!(lines[0].starts_with("first build → "), "{lines:?}");
}

#[test]
fn edits_reload_errors_show_in_the_overlay_and_a_fix_clears_it() {
    let site = TempSite::new("full");
    let s = start(&site);
    assert_eq!(get(s.addr, PAGE).status, 200);
    let first = generation(&get(s.addr, "/__herold/reload?since=0"));

    // An edit: the page shows the new title, and pages of that generation are told to reload.
    site.edit(
        RELEASE,
        "Sauldorf startet Bürgerdialog",
        "Sauldorf lädt ein 4711",
    );
    wait_for(10, "the new title", || {
        get(s.addr, PAGE)
            .body
            .contains("Sauldorf lädt ein 4711")
            .then_some(())
    });
    assert!(get(s.addr, "/presse/pressemitteilungen/")
        .body
        .contains("Sauldorf lädt ein 4711"));
    assert!(get(s.addr, "/presse/feed.xml")
        .body
        .contains("Sauldorf lädt ein 4711"));
    let status = get(s.addr, &format!("/__herold/reload?since={first}"));
    assert!(
        status.body.contains("\"action\":\"reload\""),
        "{}",
        status.body
    );
    let good = generation(&status);

    // A broken file: the last good site is still served, with the overlay naming the file.
    let text = site.read(RELEASE);
    let close = text.rfind("\n+++").unwrap();
    site.write(
        RELEASE,
        &format!("{}{}", &text[..close], &text[close + 4..]),
    );
    let v = poll_until(s.addr, good, "the overlay", |v| !v["overlay"].is_null());
    assert_eq!(v["action"], "none", "a failed build must not reload: {v}");
    let overlay = v["overlay"].as_str().unwrap().to_string();
    assert!(overlay.contains(&format!("{RELEASE}:")), "{overlay}");
    let broken = v["generation"].as_u64().unwrap();
    let page = get(s.addr, PAGE);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Sauldorf lädt ein 4711"),
        "the last good page is served"
    );
    assert!(page.body.contains("id=\"__herold-overlay\"") && page.body.contains(RELEASE));

    // The fix: the overlay goes by itself.
    site.write(
        RELEASE,
        &text.replace("Sauldorf lädt ein 4711", "Sauldorf lädt wieder ein"),
    );
    let v = poll_until(s.addr, broken, "the overlay to go", |v| {
        v["overlay"].is_null()
    });
    assert_eq!(v["action"], "reload");
    let page = get(s.addr, PAGE);
    assert!(
        page.body.contains("Sauldorf lädt wieder ein")
            && !page.body.contains("id=\"__herold-overlay\"")
    );

    // A stylesheet-only change swaps stylesheets without a reload.
    let before_css = v["generation"].as_u64().unwrap();
    site.write("static/css/extra.css", "body { color: #111; }\n");
    let v = poll_until(s.addr, before_css, "a new build", |v| {
        v["generation"] != before_css
    });
    assert_eq!(v["action"], "css", "{v}");
    assert_eq!(get(s.addr, "/presse/css/extra.css").status, 200);

    let lines = s.stop();
    assert!(
        lines
            .iter()
            .any(|l| l
                .starts_with("release content/releases/2017-11-10-sauldorf-startet-dialog.md → ")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("still serving the last good site")),
        "{lines:?}"
    );
}

#[test]
fn an_embargo_that_passes_during_the_session_lifts_by_itself() {
    let site = TempSite::new("minimal");
    site.write(
        "content/releases/2026-03-01-gesperrt.md",
        "+++\ntitle = \"Gesperrt bis März\"\ndate = 2026-03-01\nembargo = 2026-03-01T10:00:00+01:00\n+++\n\nText.\n",
    );
    let seconds = Arc::new(AtomicI64::new(
        "2026-01-01T00:00:00Z"
            .parse::<jiff::Timestamp>()
            .unwrap()
            .as_second(),
    ));
    let clock_seconds = Arc::clone(&seconds);
    let s = start_with_clock(
        &site,
        Arc::new(move || {
            jiff::Timestamp::from_second(clock_seconds.load(Ordering::SeqCst)).unwrap()
        }),
    );
    let page = "/presse/pressemitteilungen/2026/gesperrt/";
    assert_eq!(get(s.addr, page).status, 404);
    assert!(!get(s.addr, "/presse/feed.xml").body.contains("Gesperrt"));
    seconds.store(
        "2026-03-01T09:00:01Z"
            .parse::<jiff::Timestamp>()
            .unwrap()
            .as_second(),
        Ordering::SeqCst,
    );
    wait_for(10, "the embargo to lift", || {
        (get(s.addr, page).status == 200).then_some(())
    });
    assert!(get(s.addr, "/presse/feed.xml")
        .body
        .contains("Gesperrt bis März"));
    let lines = s.stop();
    assert!(
        lines.iter().any(|l| l.starts_with("an embargo passed → ")),
        "{lines:?}"
    );
}

#[test]
fn a_config_change_rebuilds_everything_and_a_new_base_path_moves_the_site() {
    let site = TempSite::new("minimal");
    let s = start(&site);
    assert_eq!(get(s.addr, "/presse/").status, 200);
    site.edit(
        "config.toml",
        "https://presse.example.org/presse/",
        "https://presse.example.org/neu/",
    );
    wait_for(10, "the new base path", || {
        (get(s.addr, "/neu/").status == 200).then_some(())
    });
    assert_eq!(get(s.addr, "/presse/").status, 404);
    assert!(get(s.addr, "/neu/feed.xml")
        .body
        .contains(&format!("http://{}/neu/", s.addr)));
    site.edit(
        "config.toml",
        "title = \"Testpresse\"",
        "title = \"Neue Presse\"",
    );
    wait_for(10, "the new title", || {
        get(s.addr, "/neu/")
            .body
            .contains("Neue Presse")
            .then_some(())
    });
    let lines = s.stop();
    assert!(
        lines.iter().any(|l| l.starts_with("config config.toml → ")),
        "{lines:?}"
    );
}
