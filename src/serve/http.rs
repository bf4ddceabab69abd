//! The HTTP side of the preview: answers requests from the in-memory [`Output`] like a static
//! host would, and runs the live-reload endpoint.
//!
//! - **Only built output is served.** A URL is turned into an output path by [`output_path`]:
//!   strip the query and the base path, percent-decode exactly once, refuse anything that is
//!   not UTF-8 or has a `.`/`..` segment, an empty inner segment, `\`, `:` (drive letters) or
//!   NUL. The path is then looked up in the `Output` map; the file system is never touched, so
//!   `config.toml`, `content/**` and templates cannot be reached by any URL.
//! - **Like a static host**: `/x/` serves `x/index.html`, `/x` redirects to `/x/` when that is a
//!   page, the site's `404.html` comes with status 404, `HEAD` works, and every answer carries
//!   a strong `ETag` (a hash of the bytes sent) honoured in `If-None-Match`.
//! - **Live reload**: `/__herold/reload?since=N` is a long poll that answers as soon as the
//!   build generation passes N (or after 25 s): `{"generation", "action", "overlay"}`. The
//!   script that polls it, and the error overlay, are added to `text/html` answers just before
//!   `</body>`, here and only here: files in an `Output` never contain them.

use std::hash::{Hash, Hasher};
use std::io::Cursor;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::config::Language;
use crate::diag::{render_report, Severity};
use crate::msg;
use crate::output::Output;

pub(crate) use super::paths::{mime_type, output_path};

/// The prefix of herold's own endpoints (never part of a site: the segment is not a slug).
pub(crate) const INTERNAL: &str = "/__herold/";
/// How long a reload poll waits for a new build before answering "nothing new".
const POLL_WAIT: Duration = Duration::from_secs(25);
/// How long a request waits for the very first build.
const FIRST_BUILD_WAIT: Duration = Duration::from_secs(300);

/// What the HTTP threads share with the rebuild loop.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    pub(crate) state: Mutex<State>,
    pub(crate) changed: Condvar,
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The served site and the reload bookkeeping.
#[derive(Debug, Default, Clone)]
pub(crate) struct State {
    /// Bumped after every build, good or failed (0: nothing built yet).
    pub(crate) generation: u64,
    /// The last generation whose output changed other files than stylesheets.
    pub(crate) reload_gen: u64,
    /// The last generation whose output changed stylesheets only.
    pub(crate) css_gen: u64,
    /// The last good site.
    pub(crate) output: Option<Arc<Output>>,
    /// The base URL's path, `/` or `/presse/`.
    pub(crate) base_path: String,
    /// The error overlay (escaped HTML) while the last build failed.
    pub(crate) overlay: Option<Arc<str>>,
    /// The server is shutting down: polls answer at once.
    pub(crate) stopping: bool,
    /// The language of the site's messages (from its last build).
    pub(crate) language: Language,
}

/// An answer, independent of tiny_http so it can be tested without sockets.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Arc<[u8]>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: impl Into<Arc<[u8]>>) -> Self {
        Reply {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                ("Cache-Control", "no-cache".into()),
                ("X-Content-Type-Options", "nosniff".into()),
            ],
            body: body.into(),
        }
    }

    fn text(status: u16, text: &str) -> Self {
        Reply::new(status, "text/plain; charset=utf-8", text.as_bytes())
    }

    fn redirect(location: String) -> Self {
        let mut r = Reply::text(301, &format!("moved to {location}\n"));
        r.headers.push(("Location", location));
        r
    }

    /// The header `name`, if set.
    #[cfg(test)]
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Accepts requests until the server is unblocked; each request gets its own thread, since a
/// reload poll holds its thread for up to [`POLL_WAIT`].
pub(crate) fn accept_loop(server: Arc<Server>, shared: Arc<Shared>) {
    while let Ok(request) = server.recv() {
        let shared = Arc::clone(&shared);
        // If no thread can be made, the request is dropped and its connection closed.
        let _ = std::thread::Builder::new()
            .name("herold-http".into())
            .spawn(move || handle(request, &shared));
    }
}

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let reply = if let Some(rest) = url.strip_prefix(INTERNAL) {
        internal(rest, shared)
    } else {
        let if_none_match = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("If-None-Match"))
            .map(|h| h.value.as_str().to_string());
        let state = wait_for_first_build(shared);
        answer(request.method(), &url, if_none_match.as_deref(), &state)
    };
    let len = reply.body.len();
    let headers: Vec<Header> = reply
        .headers
        .iter()
        .filter_map(|(k, v)| Header::from_bytes(k.as_bytes(), v.as_bytes()).ok())
        .collect();
    let response = Response::new(
        StatusCode(reply.status),
        headers,
        Cursor::new(reply.body),
        Some(len),
        None,
    );
    // The browser may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

fn wait_for_first_build(shared: &Shared) -> State {
    let state = shared.lock();
    let (state, _) = shared
        .changed
        .wait_timeout_while(state, FIRST_BUILD_WAIT, |s| {
            s.generation == 0 && !s.stopping
        })
        .unwrap_or_else(|e| e.into_inner());
    state.clone()
}

/// herold's own endpoints below [`INTERNAL`].
fn internal(rest: &str, shared: &Shared) -> Reply {
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != "reload" {
        return Reply::text(404, "not found\n");
    }
    let since: u64 = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let state = shared.lock();
    let (state, _) = shared
        .changed
        .wait_timeout_while(state, POLL_WAIT, |s| s.generation == since && !s.stopping)
        .unwrap_or_else(|e| e.into_inner());
    let body = reload_status(&state, since);
    drop(state);
    let mut r = Reply::new(200, "application/json", body.into_bytes());
    r.headers[1].1 = "no-store".into();
    r
}

/// The reload poll's answer for a page that knows generation `since`.
pub(crate) fn reload_status(state: &State, since: u64) -> String {
    let action = if since > state.generation || state.reload_gen > since {
        // A newer generation than ours means the server was restarted: reload too.
        "reload"
    } else if state.css_gen > since {
        "css"
    } else {
        "none"
    };
    serde_json::json!({
        "generation": state.generation,
        "action": action,
        "overlay": state.overlay.as_deref(),
    })
    .to_string()
}

/// Answers a request for the site (not for [`INTERNAL`]) from `state`.
pub(crate) fn answer(
    method: &Method,
    url: &str,
    if_none_match: Option<&str>,
    state: &State,
) -> Reply {
    if !matches!(method, Method::Get | Method::Head) {
        let mut r = Reply::text(405, "only GET and HEAD\n");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return r;
    }
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    let with_query = |p: String| match query {
        Some(q) => format!("{p}?{q}"),
        None => p,
    };
    let base = state.base_path.as_str();
    if base != "/" && (path == "/" || format!("{path}/") == base) {
        return Reply::redirect(with_query(base.to_string()));
    }
    let Some(out) = &state.output else {
        let lang = state.language;
        let esc = crate::render::templates::escape_html;
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>herold: {}</title></head>\n<body><h1>{}</h1>\n<p>{}</p>\n</body></html>\n",
            lang.tag(),
            esc(&msg!("serve-not-built").text(lang)),
            esc(&msg!("serve-not-built").text(lang)),
            esc(&msg!("serve-not-built-help").text(lang)),
        );
        return html_reply(503, page.as_bytes(), state, None);
    };
    let Some(rel) = output_path(path, base) else {
        return not_found(out, state);
    };
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if let Some(file) = out.get(&key) {
        let content_type = mime_type(&key);
        if content_type.starts_with("text/html") {
            return html_reply(200, &file.bytes, state, if_none_match);
        }
        return with_etag(
            Reply::new(200, content_type, Arc::clone(&file.bytes)),
            if_none_match,
        );
    }
    if !rel.ends_with('/') && out.get(&format!("{rel}/index.html")).is_some() {
        return Reply::redirect(with_query(format!("{path}/")));
    }
    not_found(out, state)
}

fn not_found(out: &Output, state: &State) -> Reply {
    match out.get("404.html") {
        Some(page) => html_reply(404, &page.bytes, state, None),
        None => Reply::text(404, "404 not found\n"),
    }
}

fn html_reply(status: u16, html: &[u8], state: &State, if_none_match: Option<&str>) -> Reply {
    let body = inject(html, state.generation, state.overlay.as_deref());
    let reply = Reply::new(status, "text/html; charset=utf-8", body);
    if status == 200 {
        with_etag(reply, if_none_match)
    } else {
        reply
    }
}

/// Adds the `ETag` of the body and turns the answer into `304 Not Modified` when the browser
/// already has these bytes.
fn with_etag(mut reply: Reply, if_none_match: Option<&str>) -> Reply {
    let tag = etag(&reply.body);
    let fresh = if_none_match.is_some_and(|v| {
        v.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == tag || t == "*")
    });
    if fresh {
        reply.status = 304;
        reply.body = Arc::from(&b""[..]);
    }
    reply.headers.push(("ETag", tag));
    reply
}

/// A strong entity tag for `bytes` (a 64-bit hash; collisions only mean a needless reload).
pub(crate) fn etag(bytes: &[u8]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("\"{:016x}-{:x}\"", h.finish(), bytes.len())
}

/// The live-reload script; `__HEROLD_GENERATION__` is replaced by the generation served.
const SCRIPT: &str = include_str!("live.js");

/// Adds the overlay (when given) and the live-reload script just before the last `</body>`
/// (at the end when there is none).
pub(crate) fn inject(html: &[u8], generation: u64, overlay: Option<&str>) -> Vec<u8> {
    let script = SCRIPT.replace("__HEROLD_GENERATION__", &generation.to_string());
    let snippet = format!(
        "{}<script id=\"__herold-live\">\n{script}</script>\n",
        overlay.unwrap_or("")
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Warnings the overlay lists at most.
const OVERLAY_WARNINGS: usize = 100;

/// The error overlay: every error and the first warnings, as the terminal shows them
/// (`file:line:column`, the quoted line, the help), escaped.
pub(crate) fn overlay_html(diags: &crate::diag::Problems, lang: Language) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    // Every error, but not a hundred thousand warnings (`herold check` lists those).
    let (shown, hidden) = crate::diag::shown(diags, Some(OVERLAY_WARNINGS));
    let mut report = render_report(&shown, lang, false);
    if hidden > 0 {
        report.push_str(&format!(
            "{}: {}\n",
            msg!("label-note").text(lang),
            msg!("note-hidden-warnings-serve", count = hidden).text(lang)
        ));
    }
    let title = msg!("serve-overlay-title", errors = errors).text(lang);
    let fix = msg!("serve-overlay-fix").text(lang);
    format!(
        concat!(
            "<div id=\"__herold-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;",
            "overflow:auto;margin:0;padding:1.5rem 2rem;background:rgba(24,24,24,.95);color:#f4f4f4;",
            "font:15px/1.5 system-ui,sans-serif;text-align:left\">",
            "<h2 style=\"margin:0 0 .5rem;font-size:1.3rem;color:#ff8a80\">{title}</h2>",
            "<p style=\"margin:0 0 1rem\">{fix}</p>",
            "<pre style=\"margin:0;white-space:pre-wrap;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace\">{report}</pre></div>"
        ),
        title = crate::render::templates::escape_html(&title),
        fix = crate::render::templates::escape_html(&fix),
        report = crate::render::templates::escape_html(&report),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;

    fn site(base: &str) -> State {
        let mut out = Output::new();
        let files: [(&str, &[u8]); 9] = [
            ("index.html", b"<html><body><h1>Home</h1></body></html>"),
            ("a/index.html", b"<html><BODY>A</BODY></html>"),
            ("404.html", b"<html><body>Not here</body></html>"),
            ("css/herold.css", b"body{}"),
            ("feed.xml", b"<feed/>"),
            ("sitemap.xml", b"<urlset/>"),
            ("robots.txt", b"User-agent: *"),
            ("%2e%2e/x", b"literal"),
            ("a b/index.html", b"<body>space</body>"),
        ];
        for (p, b) in files {
            out.insert(p, b.to_vec(), "test").unwrap();
        }
        State {
            generation: 3,
            output: Some(Arc::new(out)),
            base_path: base.into(),
            ..State::default()
        }
    }

    fn get(state: &State, url: &str) -> Reply {
        answer(&Method::Get, url, None, state)
    }

    fn body(r: &Reply) -> String {
        String::from_utf8_lossy(&r.body).into_owned()
    }

    #[test]
    fn traversal_and_odd_paths_are_refused() {
        for p in [
            "/..",
            "/../config.toml",
            "/%2e%2e/config.toml",
            "/%2E%2E/config.toml",
            "/..%2fconfig.toml",
            "/a/..%2f..%2fconfig.toml",
            "/a/%2e%2e%2f",
            "/a/%5c..%5cconfig.toml",
            "/a%5cb",
            "/a\\b",
            "//etc/passwd",
            "/a//b",
            "/.",
            "/./a/",
            "/a/./",
            "/C:/Windows/win.ini",
            "/c%3a/x",
            "/a%00b",
            "/%ff",
            "/%zz",
            "/%2",
            "etc/passwd",
            "*",
        ] {
            assert_eq!(output_path(p, "/"), None, "{p}");
        }
    }

    #[test]
    fn paths_are_decoded_exactly_once() {
        assert_eq!(output_path("/a%20b/", "/").as_deref(), Some("a b/"));
        assert_eq!(
            output_path("/%252e%252e/x", "/").as_deref(),
            Some("%2e%2e/x")
        );
        assert_eq!(output_path("/", "/").as_deref(), Some(""));
        assert_eq!(output_path("/a+b", "/").as_deref(), Some("a+b"));
        assert_eq!(
            output_path("/presse/feed.xml?x=1", "/presse/").as_deref(),
            Some("feed.xml")
        );
        assert_eq!(output_path("/feed.xml", "/presse/"), None);
        // Double encoding reaches the literal output name, never a parent folder.
        let s = site("/");
        assert_eq!(body(&get(&s, "/%252e%252e/x")), "literal");
        assert_eq!(get(&s, "/%2e%2e/x").status, 404);
        assert!(body(&get(&s, "/a%20b/")).starts_with("<body>space"));
    }

    #[test]
    fn refused_and_missing_paths_get_the_404_page() {
        let s = site("/");
        for p in [
            "/../config.toml",
            "/config.toml",
            "/content/releases/x.md",
            "/nope/",
        ] {
            let r = get(&s, p);
            assert_eq!(r.status, 404, "{p}");
            assert!(body(&r).contains("Not here"), "{p}");
            assert!(body(&r).contains("__herold-live"), "{p}");
        }
    }

    #[test]
    fn mime_types() {
        for (p, t) in [
            ("index.html", "text/html; charset=utf-8"),
            ("css/herold.css", "text/css; charset=utf-8"),
            ("js/a.js", "text/javascript; charset=utf-8"),
            ("feed.xml", "application/atom+xml; charset=utf-8"),
            (
                "programme/x/feed.xml",
                "application/atom+xml; charset=utf-8",
            ),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.JPEG", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("dokumente/a.pdf", "application/pdf"),
            ("data.json", "application/json"),
            ("termin.ics", "text/calendar; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("LICENSE", "application/octet-stream"),
            ("x.unknown", "application/octet-stream"),
        ] {
            assert_eq!(mime_type(p), t, "{p}");
        }
    }

    #[test]
    fn pretty_urls_redirects_and_base_path() {
        let s = site("/");
        assert!(body(&get(&s, "/")).contains("<h1>Home</h1>"));
        assert!(body(&get(&s, "/a/")).contains('A'));
        let r = get(&s, "/a?x=1");
        assert_eq!((r.status, r.header("Location")), (301, Some("/a/?x=1")));
        assert_eq!(get(&s, "/a/index.html").status, 200);
        assert_eq!(
            get(&s, "/feed.xml").header("Content-Type"),
            Some(mime_type("feed.xml"))
        );

        let p = site("/presse/");
        assert!(body(&get(&p, "/presse/")).contains("<h1>Home</h1>"));
        assert_eq!(get(&p, "/presse").header("Location"), Some("/presse/"));
        assert_eq!(get(&p, "/").header("Location"), Some("/presse/"));
        assert_eq!(get(&p, "/a/").status, 404);
        assert_eq!(get(&p, "/presse/a").header("Location"), Some("/presse/a/"));
        assert_eq!(body(&get(&p, "/presse/robots.txt")), "User-agent: *");
    }

    #[test]
    fn script_and_overlay_go_into_html_only() {
        let mut s = site("/");
        s.overlay = Some(Arc::from("<div id=\"__herold-overlay\">x</div>"));
        let html = body(&get(&s, "/a/"));
        let script = html.find("<script id=\"__herold-live\">").unwrap();
        let overlay = html.find("__herold-overlay").unwrap();
        assert!(overlay < script && script < html.find("</BODY>").unwrap());
        assert!(html.contains("var since = 3;"));
        for p in [
            "/css/herold.css",
            "/feed.xml",
            "/sitemap.xml",
            "/robots.txt",
        ] {
            let b = body(&get(&s, p));
            assert!(!b.contains("herold-live") && !b.contains("overlay"), "{p}");
        }
        // The stored output is untouched.
        let out = s.output.as_ref().unwrap();
        assert!(
            !String::from_utf8_lossy(&out.get("a/index.html").unwrap().bytes).contains("script")
        );
        // No </body>: appended.
        assert!(String::from_utf8(inject(b"<p>x", 1, None))
            .unwrap()
            .ends_with("</script>\n"));
    }

    #[test]
    fn head_etag_and_methods() {
        let s = site("/");
        let r = get(&s, "/css/herold.css");
        let tag = r.header("ETag").unwrap().to_string();
        let again = answer(&Method::Get, "/css/herold.css", Some(&tag), &s);
        assert_eq!((again.status, again.body.len()), (304, 0));
        let other = answer(
            &Method::Get,
            "/css/herold.css",
            Some("\"nope\", W/\"x\""),
            &s,
        );
        assert_eq!(other.status, 200);
        let head = answer(&Method::Head, "/a/", None, &s);
        assert_eq!(head.status, 200);
        let page = get(&s, "/a/");
        assert_eq!(head.header("ETag"), page.header("ETag"));
        // A new generation changes the injected script, so the HTML's ETag changes too.
        let mut newer = s.clone();
        newer.generation = 4;
        assert_ne!(get(&newer, "/a/").header("ETag"), page.header("ETag"));
        let post = answer(&Method::Post, "/a/", None, &s);
        assert_eq!(
            (post.status, post.header("Allow")),
            (405, Some("GET, HEAD"))
        );
    }

    #[test]
    fn before_the_first_good_build_a_placeholder_is_served() {
        let s = State {
            generation: 1,
            base_path: "/".into(),
            overlay: Some(Arc::from("<div id=\"__herold-overlay\">broken</div>")),
            ..State::default()
        };
        let r = get(&s, "/anything/");
        assert_eq!(r.status, 503);
        assert!(body(&r).contains("broken") && body(&r).contains("__herold-live"));
    }

    #[test]
    fn reload_actions() {
        let mut s = State {
            generation: 5,
            reload_gen: 4,
            css_gen: 5,
            ..State::default()
        };
        let action = |s: &State, since| {
            let v: serde_json::Value = serde_json::from_str(&reload_status(s, since)).unwrap();
            v["action"].as_str().unwrap().to_string()
        };
        assert_eq!(action(&s, 3), "reload");
        assert_eq!(action(&s, 4), "css");
        assert_eq!(action(&s, 5), "none");
        assert_eq!(action(&s, 9), "reload"); // the server was restarted
        s.overlay = Some(Arc::from("<div>x</div>"));
        let v: serde_json::Value = serde_json::from_str(&reload_status(&s, 5)).unwrap();
        assert_eq!(v["overlay"], "<div>x</div>");
    }

    #[test]
    fn the_overlay_is_escaped_and_names_file_line_column() {
        let text: Arc<str> = Arc::from("+++\ntitle = \"<script>alert(1)</script>\"\n");
        let d = crate::diag::Diagnostic::error(
            Some(Location::span("content/releases/a&b.md", &text, 12..20)),
            msg!("io-other", detail = "bad <b>value</b>"),
        )
        .with_help(msg!("io-other", detail = "write \"x\" & go"));
        let html = overlay_html(&vec![d.clone()].into(), Language::En);
        assert!(html.contains("content/releases/a&amp;b.md:2:9"), "{html}");
        assert!(html.contains("bad &lt;b&gt;value&lt;/b&gt;"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script") && !html.contains("<b>"));
        assert!(html.contains("1 error."));
        let html = overlay_html(&vec![d].into(), Language::De);
        assert!(
            html.contains("Fehler: [1/1] content/releases/a&amp;b.md:2:9"),
            "{html}"
        );
        assert!(
            html.contains("herold: 1 Fehler. Die Vorschau zeigt"),
            "{html}"
        );
    }
}
