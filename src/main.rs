//! The `herold` command: parses arguments, calls the library, prints the report, and maps the
//! outcome to an exit code (0 success, 1 content/template/build error, 2 usage error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use herold::config::Language;
use herold::diag::Msg;
use herold::pipeline::Builder;
use herold::{diag, msg, scaffold, serve, BuildOptions, Report};
use jiff::Timestamp;

/// jemalloc instead of the system allocator: a build allocates and frees millions of small
/// values (template contexts, strings) on every core, and spends about a tenth less time doing
/// so (README, "Dependencies").
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
        /// Write internal links relative to each page, so the build opens from the file system.
        #[arg(long)]
        relative_urls: bool,
        #[command(flatten)]
        show: Show,
    },
    /// Check everything a build checks, and write nothing.
    Check {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        show: Show,
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
    /// Start a new site in DIR (empty or new): configuration, an example release, programme and
    /// municipality, Impressum, Datenschutz, accessibility statement and Leichte Sprache.
    Init {
        /// The folder of the new site.
        dir: PathBuf,
        /// Language of the site and its texts.
        #[arg(long, value_name = "de|en", default_value = "de", value_parser = parse_lang)]
        language: Language,
        /// The instant whose day dates the example release, RFC 3339 (default: now).
        #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
        now: Option<Timestamp>,
    },
    /// Scaffold a new file: the next numbered release, a programme or a municipality record.
    New {
        #[command(subcommand)]
        what: NewWhat,
        /// The site folder (holds config.toml and content/).
        #[arg(long, value_name = "DIR", default_value = ".", global = true)]
        root: PathBuf,
        /// Language of the messages when config.toml cannot be read (default: from LANG).
        #[arg(long, value_name = "de|en", global = true, value_parser = parse_lang)]
        lang: Option<Language>,
    },
}

#[derive(Debug, Subcommand)]
enum NewWhat {
    /// A release dated today (or --now's day) with the year's next number, as a draft.
    Release {
        /// The headline; the file name is made from it.
        title: String,
        /// The instant whose day dates the release, RFC 3339 (default: now).
        #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
        now: Option<Timestamp>,
    },
    /// A programme record.
    Programme {
        /// The programme's name; the file name is made from it.
        name: String,
    },
    /// A municipality record; with --ags its facts come from the built-in official table.
    Municipality {
        /// The name (default with --ags: the official name); the file name is made from it.
        name: Option<String>,
        /// Amtlicher Gemeindeschlüssel of a municipality or district in Baden-Württemberg.
        #[arg(long, value_name = "KEY")]
        ags: Option<String>,
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
    /// Language of the messages when config.toml cannot be read (default: from LANG).
    #[arg(long, value_name = "de|en", value_parser = parse_lang)]
    lang: Option<Language>,
}

/// How much to say, and how strict to be about warnings.
#[derive(Debug, Args)]
struct Show {
    /// Treat warnings (e.g. a town named in the text but not listed) as errors: nothing is written.
    #[arg(long)]
    deny_warnings: bool,
    /// Print every warning (by default at most 100 are printed in full).
    #[arg(long)]
    all_warnings: bool,
    /// Print only problems: no progress bar, no summary line.
    #[arg(long, short)]
    quiet: bool,
}

fn parse_lang(s: &str) -> Result<Language, String> {
    Language::from_tag(s).ok_or_else(|| msg!("cli-bad-lang").text(fallback_language(None)))
}

/// The language of messages outside a readable site: `--lang`, else `LANG` (`de…` German,
/// `en…` English), else German.
fn fallback_language(lang: Option<Language>) -> Language {
    lang.unwrap_or_else(|| {
        let env = std::env::var("LANG").unwrap_or_default();
        if env.starts_with("en") {
            Language::En
        } else {
            Language::De
        }
    })
}

/// Prints `message` after the word for `label` ("error", "note") in `lang`.
fn say(label: Msg, message: &Msg, lang: Language) {
    eprintln!("{}: {}", label.text(lang), message.text(lang));
}

/// The day of `now` (default: the clock) as the office's clock shows it.
fn today(now: Option<Timestamp>) -> jiff::civil::Date {
    now.unwrap_or_else(Timestamp::now)
        .to_zoned(jiff::tz::TimeZone::system())
        .date()
}

/// `herold init`: writes a new site (exit 1 and nothing written when DIR is not empty).
fn init(dir: &std::path::Path, lang: Language, now: Option<Timestamp>) -> ExitCode {
    match scaffold::init::init(dir, lang, today(now)) {
        Ok(_) => {
            eprintln!(
                "{}",
                scaffold::Msg::Initialised(dir.display().to_string()).text(lang)
            );
            ExitCode::SUCCESS
        }
        Err(msg) => {
            let label = scaffold::messages::error_label(lang);
            eprintln!("{label}: {}", msg.text(lang));
            ExitCode::from(1)
        }
    }
}

/// `herold new`: writes one file and prints its path (exit 1 and nothing written on failure).
fn new_file(what: NewWhat, root: PathBuf, lang: Option<Language>) -> ExitCode {
    let lang = scaffold::site_language(&root).unwrap_or_else(|| fallback_language(lang));
    let what = match what {
        NewWhat::Release { title, now } => scaffold::NewFile::Release {
            title,
            day: today(now),
        },
        NewWhat::Programme { name } => scaffold::NewFile::Programme { name },
        NewWhat::Municipality { name, ags } => scaffold::NewFile::Municipality { name, ags },
    };
    match scaffold::new_file(&root, &what, lang) {
        Ok(done) => {
            for note in &done.notes {
                eprintln!("{}", note.text(lang));
            }
            println!("{}", done.path.display());
            eprintln!(
                "{}",
                scaffold::Msg::Wrote(done.path.display().to_string()).text(lang)
            );
            ExitCode::SUCCESS
        }
        Err(msg) => {
            let label = scaffold::messages::error_label(lang);
            eprintln!("{label}: {}", msg.text(lang));
            ExitCode::from(1)
        }
    }
}

fn parse_now(s: &str) -> Result<Timestamp, String> {
    s.parse::<Timestamp>()
        .map_err(|e| msg!("cli-bad-now", detail = e.to_string()).text(fallback_language(None)))
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
    let (report, wrote, show) = match cli.command {
        Command::Build {
            common,
            output,
            base_url,
            drafts,
            relative_urls,
            show,
        } => {
            let lang = common.lang;
            let mut opts = options(common, output, base_url, drafts);
            opts.relative_urls = relative_urls;
            (run_once(opts, &show, Builder::build), true, (show, lang))
        }
        Command::Check { common, show } => {
            let lang = common.lang;
            let opts = options(common, None, None, false);
            (run_once(opts, &show, Builder::check), false, (show, lang))
        }
        Command::Serve {
            common,
            bind,
            port,
            drafts,
        } => return serve(common, bind, port, drafts),
        Command::New { what, root, lang } => return new_file(what, root, lang),
        Command::Init { dir, language, now } => return init(&dir, language, now),
    };
    let (show, lang) = show;
    let lang = report.language.unwrap_or_else(|| fallback_language(lang));
    print_report(&report, wrote, &show, lang, started);
    let code = if report.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends now: freeing a large report piece by piece would only cost time.
    std::mem::forget(report);
    code
}

/// Runs one build or check with the progress bar (on a terminal, unless quiet) and the
/// warning policy.
fn run_once(opts: BuildOptions, show: &Show, run: fn(&mut Builder) -> Report) -> Report {
    let mut builder = Builder::new(opts).deny_warnings(show.deny_warnings);
    let bar =
        (!show.quiet && std::io::stderr().is_terminal()).then(|| Arc::new(progress::Bar::new()));
    if let Some(bar) = &bar {
        builder = builder.with_progress(Arc::clone(bar) as Arc<dyn herold::pipeline::Progress>);
    }
    let report = run(&mut builder);
    if let Some(bar) = bar {
        bar.finish();
    }
    // The process ends soon: freeing the builder's caches (every parsed release) piece by
    // piece would only cost time.
    std::mem::forget(builder);
    report
}

fn serve(common: Common, bind: String, port: u16, drafts: bool) -> ExitCode {
    // The preview reads the clock at every rebuild, so an embargo that passes lifts.
    let clock: serve::Clock = match common.now {
        Some(t) => Arc::new(move || t),
        None => Arc::new(Timestamp::now),
    };
    let lang = fallback_language(common.lang);
    let opts = serve::ServeOptions {
        root: common.root,
        bind,
        port,
        drafts,
        clock,
        lang,
    };
    let preview = match serve::Preview::start(opts) {
        Ok(p) => p,
        Err(e) => {
            say(msg!("label-error"), &e.message(), lang);
            return ExitCode::from(1);
        }
    };
    println!("Serving {} (Ctrl-C to stop)", preview.url());
    let _ = std::io::stdout().flush();
    let color = std::io::stderr().is_terminal();
    preview.run(|event| match event {
        serve::ServeEvent::Rebuilt(r) => {
            if r.new_diagnostics && !r.diagnostics.is_empty() {
                print_diagnostics(&r.diagnostics, false, r.language, color);
            }
            eprintln!("{r}");
        }
        serve::ServeEvent::WatchProblem(p) => say(
            msg!("label-warning"),
            &msg!("serve-watcher-problem", problem = p),
            lang,
        ),
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
        relative_urls: false,
    }
}

/// Warnings printed in full unless `--all-warnings`.
const SHOWN_WARNINGS: usize = 100;

/// Prints every error and the first [`SHOWN_WARNINGS`] warnings (all with `all_warnings`),
/// with a note counting the rest.
fn print_diagnostics(
    diagnostics: &diag::Problems,
    all_warnings: bool,
    lang: Language,
    color: bool,
) {
    let max = (!all_warnings).then_some(SHOWN_WARNINGS);
    let (shown, hidden) = diag::shown(diagnostics, max);
    if !shown.is_empty() {
        eprint!("{}", diag::render_report(&shown, lang, color));
    }
    if hidden > 0 {
        say(
            msg!("label-note"),
            &msg!("note-hidden-warnings", count = hidden),
            lang,
        );
    }
}

fn print_report(report: &Report, wrote: bool, show: &Show, lang: Language, started: Instant) {
    let color = std::io::stderr().is_terminal();
    let errors = report.diagnostics.error_count();
    let warnings = report.diagnostics.len() - errors;
    print_diagnostics(&report.diagnostics, show.all_warnings, lang, color);
    if let Some(e) = &report.commit_error {
        say(msg!("label-error"), e, lang);
    }
    if let Some(t) = report.next_embargo {
        let at = t.to_string();
        say(
            msg!("label-note"),
            &msg!("note-next-embargo", at = at),
            lang,
        );
    }
    if std::env::var_os("HEROLD_TIMINGS").is_some() {
        for (phase, d) in &report.timings {
            eprintln!("timing: {phase:<8} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
        if let Some((reused, rendered)) = report.bodies_reused {
            eprintln!("timing: bodies   {reused} from the parse cache, {rendered} rendered");
        }
    }
    if report.failed() {
        let denied = if report.warnings_denied && errors == 0 {
            "yes"
        } else {
            "no"
        };
        let line = if wrote {
            msg!(
                "summary-build-failed",
                errors = errors,
                warnings = warnings,
                denied = denied
            )
        } else {
            msg!(
                "summary-check-failed",
                errors = errors,
                warnings = warnings,
                denied = denied
            )
        };
        eprintln!("{}", line.text(lang));
        return;
    }
    if !show.quiet {
        let line = herold::locale::summary(
            &report.counts,
            warnings,
            lang,
            started.elapsed().as_secs_f64(),
            wrote,
        );
        eprintln!("{line}");
    }
}

/// The progress bar of long builds.
mod progress {
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    /// A spinner counting output files, shown only once a build takes longer than a second.
    pub(crate) struct Bar {
        bar: ProgressBar,
        started: Instant,
        shown: Mutex<bool>,
    }

    impl Bar {
        pub(crate) fn new() -> Self {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} files {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            Bar {
                bar,
                started: Instant::now(),
                shown: Mutex::new(false),
            }
        }
    }

    impl herold::pipeline::Progress for Bar {
        fn file_done(&self, _path: &str) {
            self.bar.inc(1);
            if self.started.elapsed() > Duration::from_secs(1) {
                let mut shown = self
                    .shown
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if !*shown {
                    self.bar.set_draw_target(ProgressDrawTarget::stderr());
                    *shown = true;
                }
            }
        }
    }

    impl Bar {
        /// Removes the spinner before the report is printed.
        pub(crate) fn finish(&self) {
            self.bar.finish_and_clear();
        }
    }

    impl Drop for Bar {
        fn drop(&mut self) {
            self.finish();
        }
    }
}
