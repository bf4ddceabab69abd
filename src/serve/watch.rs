//! Watching a site folder: notify events → noise filter → [`ChangeKind`] → debounced batches.
//!
//! Only the places a site is made of are watched: the site folder itself (not recursively, for
//! `config.toml` and for `content/`, `static/`, `templates/`, `themes/` appearing or vanishing)
//! and those four folders recursively. A project folder's `target/`, `.git/` or `node_modules/`
//! therefore cost no inotify watches and cause no rebuilds. Events of one save (editors write a
//! temporary file and rename it, or truncate and write) arrive within a millisecond or two; a
//! batch is closed after [`QUIET`] without a relevant event, and at the latest [`MAX_WAIT`] after
//! its first one. Zola waits a full second, which is most of why its preview feels slow.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// A batch is closed this long after its last relevant event…
pub const QUIET: Duration = Duration::from_millis(15);
/// …and at the latest this long after its first one.
pub const MAX_WAIT: Duration = Duration::from_millis(50);

/// The folders of a site that are watched recursively.
const SITE_DIRS: [&str; 4] = ["content", "static", "templates", "themes"];

/// What kind of site file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// A press release or a file of its bundle (`content/releases/**`).
    Release,
    /// A programme or municipality record.
    Record,
    /// A plain page (`content/pages/**`), or another file under `content/`.
    Page,
    /// A template (the site's `templates/` or a theme's).
    Template,
    /// A static file (the site's `static/` or a theme's).
    Static,
    /// `config.toml`.
    Config,
}

impl ChangeKind {
    /// True when every page may depend on the change (templates, configuration).
    pub fn affects_everything(self) -> bool {
        matches!(self, ChangeKind::Template | ChangeKind::Config)
    }

    /// A short word for the terminal.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Release => "release",
            ChangeKind::Record => "record",
            ChangeKind::Page => "page",
            ChangeKind::Template => "template",
            ChangeKind::Static => "static file",
            ChangeKind::Config => "config",
        }
    }
}

/// One changed file (created, modified, renamed or deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to the site root, `/`-separated, for messages.
    pub rel: String,
    /// What it is.
    pub kind: ChangeKind,
    /// True when the path no longer exists (deleted, or the old name of a rename).
    pub removed: bool,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.label(), self.rel)?;
        if self.removed {
            f.write_str(" (removed)")?;
        }
        Ok(())
    }
}

/// True for a file or folder name that is never part of a site: hidden files and folders
/// (`.git`, `.DS_Store`, Emacs' `.#x` locks), and the swap, backup and temporary files editors
/// write while saving (`x~`, `#x#`, `x.swp`, Vim's `4913` probe, `x.kate-swp`, JetBrains'
/// `x___jb_tmp___`, …).
pub fn is_noise_name(name: &str) -> bool {
    crate::source::is_noise(name)
        || name == "4913"
        || name.ends_with('#')
        || [".swo", ".swn", ".kate-swp", ".crswap", ".part", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name.contains("___jb_")
}

/// Classifies `path` (absolute) in the site at `root`; `None` for everything that is no part
/// of the site: noise, the output folder `output`, and files outside the site's folders.
pub fn classify(root: &Path, output: &Path, path: &Path) -> Option<ChangeKind> {
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.iter().any(|p| is_noise_name(p) || p == "..") {
        return None;
    }
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    Some(match parts.as_slice() {
        ["config.toml"] => ChangeKind::Config,
        ["content", "releases", ..] => ChangeKind::Release,
        ["content", "programmes" | "municipalities", ..] => ChangeKind::Record,
        ["content", ..] => ChangeKind::Page,
        ["templates", ..] => ChangeKind::Template,
        ["static", ..] => ChangeKind::Static,
        ["themes", _, "static", ..] => ChangeKind::Static,
        ["themes", ..] => ChangeKind::Template,
        _ => return None,
    })
}

/// True for the notify events that mean a file's content, name or existence changed. Opening
/// and reading (herold's own reads of every file) and access-time updates are not changes.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// One debounced batch of changes.
#[derive(Debug, Default)]
pub struct Batch {
    /// The changed site files, one entry per path, sorted by path.
    pub changes: Vec<Change>,
    /// The watcher lost events (its queue overflowed): everything must be read again.
    pub rescan: bool,
    /// Problems of the watcher itself, for the terminal.
    pub errors: Vec<String>,
}

impl Batch {
    /// True when nothing needs a rebuild.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && !self.rescan
    }
}

/// Waits up to `wait` for a first item that `relevant` turns into at least one output, then
/// collects more until [`QUIET`] passes without one, or [`MAX_WAIT`] since the first. Returns
/// an empty vector when nothing relevant arrived in time, `Err` when the sender is gone.
pub(crate) fn debounce<T, U>(
    rx: &Receiver<T>,
    wait: Duration,
    mut relevant: impl FnMut(T, &mut Vec<U>),
) -> Result<Vec<U>, mpsc::RecvError> {
    let mut out = Vec::new();
    let give_up = Instant::now() + wait;
    while out.is_empty() {
        let left = give_up.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(item) => relevant(item, &mut out),
            Err(RecvTimeoutError::Timeout) => return Ok(out),
            Err(RecvTimeoutError::Disconnected) => return Err(mpsc::RecvError),
        }
    }
    let first = Instant::now();
    let mut last = first;
    loop {
        let until = (last + QUIET).min(first + MAX_WAIT);
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(left) {
            Ok(item) => {
                let before = out.len();
                relevant(item, &mut out);
                if out.len() > before {
                    last = Instant::now();
                }
            }
            Err(_) => break,
        }
    }
    Ok(out)
}

/// What one notify event contributes to a batch.
enum Seen {
    /// A site path, and whether this event created it.
    Path(PathBuf, bool),
    Rescan,
    Error(String),
}

/// The file watcher of one site.
pub(crate) struct SiteWatcher {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<Event>>,
    root: PathBuf,
    output: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching the site at `root` (absolute); `output` is its output folder.
    pub(crate) fn new(root: &Path, output: &Path) -> notify::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })?;
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut w = SiteWatcher {
            watcher,
            rx,
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            watched: BTreeSet::new(),
        };
        w.refresh(true);
        Ok(w)
    }

    /// (Re)watches the site folders that exist; with `force`, also those already watched (a
    /// folder that was deleted and made again needs a new watch).
    fn refresh(&mut self, force: bool) {
        for name in SITE_DIRS {
            let dir = self.root.join(name);
            if dir.is_dir() {
                if (force || !self.watched.contains(&dir))
                    && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
                {
                    self.watched.insert(dir);
                }
            } else if self.watched.remove(&dir) {
                let _ = self.watcher.unwatch(&dir);
            }
        }
    }

    /// The next batch of changes, waiting up to `wait` for its first event.
    pub(crate) fn next_batch(&mut self, wait: Duration) -> Batch {
        let (root, output) = (self.root.clone(), self.output.clone());
        let mut site_dir_touched = false;
        let seen = debounce(&self.rx, wait, |event, out: &mut Vec<Seen>| match event {
            Err(e) => out.push(Seen::Error(e.to_string())),
            Ok(ev) if ev.need_rescan() => out.push(Seen::Rescan),
            Ok(ev) if is_change(&ev.kind) => {
                let created = matches!(ev.kind, EventKind::Create(_));
                for p in ev.paths {
                    if p.parent() == Some(root.as_path())
                        && SITE_DIRS.iter().any(|d| p.ends_with(d))
                    {
                        site_dir_touched = true;
                    }
                    if classify(&root, &output, &p).is_some() {
                        out.push(Seen::Path(p, created));
                    }
                }
            }
            Ok(_) => {}
        });
        let mut batch = Batch::default();
        // Path → (kind, created in this batch).
        let mut paths: BTreeMap<PathBuf, (ChangeKind, bool)> = BTreeMap::new();
        match seen {
            Ok(seen) => {
                for s in seen {
                    match s {
                        Seen::Path(p, created) => {
                            if let Some(kind) = classify(&root, &output, &p) {
                                paths.entry(p).or_insert((kind, false)).1 |= created;
                            }
                        }
                        Seen::Rescan => batch.rescan = true,
                        Seen::Error(e) => batch.errors.push(e),
                    }
                }
            }
            Err(_) => batch.errors.push("the file watcher stopped".into()),
        }
        if site_dir_touched {
            self.refresh(true);
        }
        // A file made and gone again within one batch (`sed -i`'s temporary file, or any
        // editor's that the noise filter does not know) never was part of the site.
        batch.changes = paths
            .into_iter()
            .map(|(path, (kind, created))| (path.exists(), created, path, kind))
            .filter(|(exists, created, _, _)| *exists || !created)
            .map(|(exists, _, path, kind)| Change {
                rel: crate::diag::display_path(&root, &path),
                removed: !exists,
                path,
                kind,
            })
            .collect();
        batch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(rel: &str) -> Option<ChangeKind> {
        let root = Path::new("/site");
        classify(root, &root.join("public"), &root.join(rel))
    }

    #[test]
    fn site_files_are_classified_by_place() {
        use ChangeKind::*;
        let cases = [
            ("config.toml", Some(Config)),
            ("content/releases/2018-05-28-pakt.md", Some(Release)),
            (
                "content/releases/2018/2018-05-28-pakt/index.md",
                Some(Release),
            ),
            (
                "content/releases/2018/2018-05-28-pakt/foto.jpg",
                Some(Release),
            ),
            ("content/releases/2018", Some(Release)),
            ("content/programmes/pakt.toml", Some(Record)),
            ("content/municipalities/loeffingen.toml", Some(Record)),
            ("content/pages/impressum.md", Some(Page)),
            ("content/news/x.md", Some(Page)),
            ("templates/release.html", Some(Template)),
            ("themes/default/templates/base.html", Some(Template)),
            ("themes/default", Some(Template)),
            ("themes/default/static/css/herold.css", Some(Static)),
            ("static/dokumente/a.pdf", Some(Static)),
            ("static", Some(Static)),
        ];
        for (rel, want) in cases {
            assert_eq!(kind(rel), want, "{rel}");
        }
        assert!(ChangeKind::Template.affects_everything());
        assert!(ChangeKind::Config.affects_everything());
        assert!(!ChangeKind::Release.affects_everything());
    }

    #[test]
    fn noise_and_foreign_files_are_dropped() {
        for rel in [
            "content/releases/.2018-05-28-pakt.md.swp",
            "content/releases/2018-05-28-pakt.md.swp",
            "content/releases/2018-05-28-pakt.md.swo",
            "content/releases/2018-05-28-pakt.md~",
            "content/releases/#2018-05-28-pakt.md#",
            "content/releases/.#2018-05-28-pakt.md",
            "content/releases/4913",
            "content/releases/x.md.kate-swp",
            "content/releases/x.md___jb_tmp___",
            "content/releases/x.md.bak",
            "content/releases/x.md.tmp",
            "content/releases/.goutputstream-ABC123",
            "content/.DS_Store",
            ".git/index",
            ".git",
            "content/.git/HEAD",
            "public/index.html",
            "public",
            ".public.herold-new-42/index.html",
            ".public.herold-cache/bodies.new-42",
            ".public.herold-cache/bodies",
            "target/debug/herold",
            "README.md",
            "config.toml~",
            "src/main.rs",
            "",
        ] {
            assert_eq!(kind(rel), None, "{rel}");
        }
        let root = Path::new("/site");
        assert_eq!(
            classify(
                root,
                &root.join("public"),
                Path::new("/elsewhere/config.toml")
            ),
            None
        );
        // The output folder is dropped wherever it is.
        let out = Path::new("/site/static/preview");
        assert_eq!(
            classify(root, out, Path::new("/site/static/preview/x.html")),
            None
        );
        assert_eq!(
            classify(root, out, Path::new("/site/static/x.html")),
            Some(ChangeKind::Static)
        );
    }

    #[test]
    fn access_events_are_not_changes() {
        use notify::event::{CreateKind, DataChange, RemoveKind, RenameMode};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Read)));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        for k in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Remove(RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Any,
        ] {
            assert!(is_change(&k), "{k:?}");
        }
    }

    #[test]
    fn debounce_batches_a_burst_and_skips_irrelevant_items() {
        let (tx, rx) = mpsc::channel();
        for i in [1, 0, 2, 3] {
            tx.send(i).unwrap();
        }
        let keep_non_zero = |i: i32, out: &mut Vec<i32>| {
            if i != 0 {
                out.push(i);
            }
        };
        let batch = debounce(&rx, Duration::from_secs(5), keep_non_zero).unwrap();
        assert_eq!(batch, vec![1, 2, 3]);
        // Only irrelevant items: nothing, after the wait.
        tx.send(0).unwrap();
        let batch = debounce(&rx, Duration::from_millis(20), keep_non_zero).unwrap();
        assert!(batch.is_empty());
        // An item long after the batch closed starts the next batch.
        let sender = std::thread::spawn(move || {
            tx.send(4).unwrap();
            std::thread::sleep(Duration::from_millis(300));
            tx.send(5).unwrap();
        });
        let first = debounce(&rx, Duration::from_secs(5), keep_non_zero).unwrap();
        assert_eq!(first, vec![4]);
        let second = debounce(&rx, Duration::from_secs(5), keep_non_zero).unwrap();
        assert_eq!(second, vec![5]);
        sender.join().unwrap();
        assert!(debounce(&rx, Duration::from_millis(10), keep_non_zero).is_err());
    }

    #[test]
    fn created_changed_renamed_and_deleted_files_arrive_in_batches() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/releases")).unwrap();
        std::fs::write(root.join("config.toml"), "title = \"x\"\n").unwrap();
        let mut w = SiteWatcher::new(&root, &root.join("public")).unwrap();
        let release = root.join("content/releases/a.md");
        let renamed = root.join("content/releases/b.md");
        let wait_for = |w: &mut SiteWatcher, want: &dyn Fn(&Change) -> bool| {
            let give_up = Instant::now() + Duration::from_secs(10);
            while Instant::now() < give_up {
                let b = w.next_batch(Duration::from_millis(200));
                if b.changes.iter().any(want) {
                    return true;
                }
            }
            false
        };
        std::fs::write(&release, "+++\n").unwrap();
        std::fs::write(root.join("content/releases/a.md.swp"), "x").unwrap();
        assert!(wait_for(&mut w, &|c| c.path == release && !c.removed));
        std::fs::write(&release, "+++\ntitle = \"x\"\n").unwrap();
        assert!(wait_for(&mut w, &|c| c.path == release
            && c.kind == ChangeKind::Release));
        // sed -i: a temporary file renamed over the release; only the release is reported.
        let temp = root.join("content/releases/sedX1Y2Z3");
        std::fs::write(&temp, "+++\ntitle = \"z\"\n").unwrap();
        std::fs::rename(&temp, &release).unwrap();
        let b = w.next_batch(Duration::from_secs(10));
        assert!(b.changes.iter().all(|c| c.path != temp), "{b:?}");
        assert!(b.changes.iter().any(|c| c.path == release), "{b:?}");
        std::fs::rename(&release, &renamed).unwrap();
        assert!(wait_for(&mut w, &|c| c.path == release && c.removed));
        std::fs::remove_file(&renamed).unwrap();
        assert!(wait_for(&mut w, &|c| c.path == renamed && c.removed));
        std::fs::write(root.join("config.toml"), "title = \"y\"\n").unwrap();
        assert!(wait_for(&mut w, &|c| c.kind == ChangeKind::Config));
        // A site folder made after the start is watched too.
        std::fs::create_dir_all(root.join("static/css")).unwrap();
        let _ = w.next_batch(Duration::from_millis(200));
        std::fs::write(root.join("static/css/x.css"), "a{}").unwrap();
        assert!(wait_for(&mut w, &|c| c.kind == ChangeKind::Static
            && c.rel == "static/css/x.css"));
    }
}
