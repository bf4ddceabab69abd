//! The `herold` command: parses arguments, calls the library, prints the report, and maps the
//! outcome to an exit code (0 success, 1 content/template/build error, 2 usage error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use herold::{diag, serve, BuildOptions, Report};
use jiff::Timestamp;

/// herold: a static site generator for press offices.
#[derive(Debug, Parser)]
#[command(name = "herold", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        #[command(flatten)]
        common: Common,
        /// Output folder (default: ROOT/public).
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override base_url of config.toml (e.g. for a staging host).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Publish drafts too (never embargoed releases).
        #[arg(long)]
        drafts: bool,
    },
    /// Check everything a build checks, and write nothing.
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// Preview the site: serve it from memory and rebuild it on every save (writes nothing).
    Serve {
        #[command(flatten)]
        common: Common,
        /// Address to listen on.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: String,
        /// Port to listen on.
        #[arg(long, value_name = "N", default_value_t = 1111)]
        port: u16,
        /// Show drafts too (never embargoed releases).
        #[arg(long)]
        drafts: bool,
    },
}

#[derive(Debug, Args)]
struct Common {
    /// The site folder (holds config.toml and content/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The instant to check embargoes against, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    now: Option<Timestamp>,
}

fn parse_now(s: &str) -> Result<Timestamp, String> {
    s.parse::<Timestamp>()
        .map_err(|e| format!("{e}; write e.g. 2024-05-01T10:00:00+02:00"))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let started = Instant::now();
    let (report, wrote, out_dir) = match cli.command {
        Command::Build {
            common,
            output,
            base_url,
            drafts,
        } => {
            let opts = options(common, output, base_url, drafts);
            let out = opts.output_dir();
            (herold::build(&opts), true, Some(out))
        }
        Command::Check { common } => {
            let opts = options(common, None, None, false);
            (herold::check(&opts), false, None)
        }
        Command::Serve {
            common,
            bind,
            port,
            drafts,
        } => return serve(common, bind, port, drafts),
    };
    print_report(&report, wrote, out_dir, started);
    if report.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn serve(common: Common, bind: String, port: u16, drafts: bool) -> ExitCode {
    // The preview reads the clock at every rebuild, so an embargo that passes lifts.
    let clock: serve::Clock = match common.now {
        Some(t) => Arc::new(move || t),
        None => Arc::new(Timestamp::now),
    };
    let opts = serve::ServeOptions {
        root: common.root,
        bind,
        port,
        drafts,
        clock,
    };
    let preview = match serve::Preview::start(opts) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    println!("Serving {} (Ctrl-C to stop)", preview.url());
    let _ = std::io::stdout().flush();
    let color = std::io::stderr().is_terminal();
    preview.run(|event| match event {
        serve::ServeEvent::Rebuilt(r) => {
            if r.new_diagnostics && !r.diagnostics.is_empty() {
                eprint!("{}", diag::render_report(&r.diagnostics, color));
            }
            eprintln!("{r}");
        }
        serve::ServeEvent::WatchProblem(p) => eprintln!("warning: file watcher: {p}"),
    });
    ExitCode::SUCCESS
}

fn options(
    common: Common,
    output: Option<PathBuf>,
    base_url: Option<String>,
    drafts: bool,
) -> BuildOptions {
    BuildOptions {
        root: common.root,
        output,
        base_url,
        drafts,
        // The only place herold reads the wall clock.
        now: common.now.unwrap_or_else(Timestamp::now),
    }
}

fn print_report(report: &Report, wrote: bool, out_dir: Option<PathBuf>, started: Instant) {
    let color = std::io::stderr().is_terminal();
    if !report.diagnostics.is_empty() {
        eprint!("{}", diag::render_report(&report.diagnostics, color));
    }
    if let Some(e) = &report.commit_error {
        eprintln!("error: {e}");
    }
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == diag::Severity::Error)
        .count();
    let warnings = report.diagnostics.len() - errors;
    if let Some(t) = report.next_embargo {
        eprintln!("note: the next embargoed or future-dated release becomes public at {t}; rebuild then to publish it");
    }
    if std::env::var_os("HEROLD_TIMINGS").is_some() {
        for (phase, d) in &report.timings {
            eprintln!("timing: {phase:<8} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    if report.failed() {
        let what = if wrote {
            "build failed; the previous output was left unchanged"
        } else {
            "check failed"
        };
        eprintln!("{what}: {errors} error(s), {warnings} warning(s)");
        return;
    }
    let c = &report.counts;
    let mut line = format!(
        "{} releases, {} municipalities, {} programmes",
        c.releases, c.municipalities, c.programmes
    );
    match out_dir {
        Some(dir) if wrote => line.push_str(&format!(" → {} files in {}", c.files, dir.display())),
        _ => line.push_str(" checked, nothing written"),
    }
    line.push_str(&format!(" in {secs:.2} s"));
    if warnings > 0 {
        line.push_str(&format!(" ({warnings} warning(s))"));
    }
    eprintln!("{line}");
}
