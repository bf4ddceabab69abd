//! `herold serve` as a command: it prints its URL, serves, and a port already in use is a clear
//! error with exit status 1 (not a panic).

mod serve_support;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Command, Stdio};

use serve_support::{get, TempSite};

fn herold() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herold"))
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = TempSite::new("minimal");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = herold()
        .args(["serve", "--root"])
        .arg(&site.root)
        .args(["--port", &port, "--lang", "en"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert!(stderr.contains("--port"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_arguments_are_usage_errors() {
    for args in [
        &["serve", "--port", "x"][..],
        &["serve", "--now", "tomorrow"],
    ] {
        let out = herold().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn serve_prints_its_url_and_serves_the_site() {
    let site = TempSite::new("minimal");
    let free = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let mut child = herold()
        .args(["serve", "--root"])
        .arg(&site.root)
        .args(["--port", &port.to_string(), "--now", "2026-01-01T00:00:00Z"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let served = get(([127, 0, 0, 1], port).into(), "/");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        first.starts_with(&format!("Serving http://127.0.0.1:{port}/")),
        "{first}"
    );
    assert_eq!(served.status, 200);
    assert!(served.body.contains("<html"));
    assert!(!site.path("public").exists());
}
