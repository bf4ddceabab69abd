//! The browser's search script must turn words into the terms herold's index holds: its
//! folding, stop words and its own ports of the Snowball German and English (Porter2)
//! stemmers are run with `node` on a word list (every word of the example releases and of
//! README.md, and a list of words that exercise each rule) and compared with herold's
//! (rust-stemmers).
//!
//! Needs `node` on the PATH (Node 18 or later); without it the test says so and passes.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use herold::config::Language;
use herold::search::text::{self, Analyzer};

const SCRIPT: &str = "themes/default/static/js/search.js";

/// Words for the rules the example texts may not reach.
const RULES_DE: &str = "äckern ackers armes bedürfnissen derbsten derbst kategorisch \
    lieblichkeit feierlichkeiten ergiebigkeit freundlichkeit bedeutend bedeutendes ehrung \
    flüchtlingsdialoge flüchtlingsdialog aufeinanderfolgenden Müller Mueller muller Straße \
    STRASSE Quelle neuen Feuer Bauer aktuell Europäische Oeffentlichkeit Loeffingen Löffingen \
    kenntnisse verhältnisse bayern bauen haus häuser häusern gebäude kindes kinder \
    hoffnungsvoll zukunftsfähigkeit lehrerinnen mädchen schönheit schöne ausländischen \
    beständig beständigkeit herrlich herrlichkeit lustig lustigkeit steigend steigendes \
    zwanzigstes größtes ißt aß Fuß Füße Ypsilon Mayer Meyer yuan ay boy schlüssel";

const RULES_EN: &str = "caresses flies dies mules denied died agreed owned humbled sized \
    meeting stating siezing itemization sensational traditional reference colonizer plotted \
    hopping hoping fizzed falling tanned tanning hopeful goodness relational conditional \
    rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli \
    vietnamization predication operator feudalism decisiveness hopefulness callousness \
    formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical \
    hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible \
    irritant replacement adjustment dependent adoption homologou communism activate \
    angulariti homologous effective bowdlerize probate rate cease controll roll generate \
    generously communication arsenal skis skies dying lying tying idly gently ugly early \
    only singly sky news howe atlas cosmos bias andes inning innings outing canning herring \
    earring proceed exceed succeed yes yellow say sayings toy toys enjoying cry cried cries \
    ties tie by bye eye eyes sky's dog's 'tis happy happily dizzy fly flying consign \
    consigned consigning consignment consist consisted consistency consistent knack \
    knackeries knapsack knaves knavish kneaded kneel knelt knife knight knights emotional \
    lovely loveliness tasteful succeeded proceeding excessively";

fn words_of(text: &str, into: &mut BTreeSet<String>) {
    text::words(text, |w| {
        into.insert(w.to_string());
    });
}

fn word_list(extra: &str, files: &[&Path]) -> Vec<String> {
    let mut set = BTreeSet::new();
    words_of(extra, &mut set);
    for f in files {
        if let Ok(t) = std::fs::read_to_string(f) {
            words_of(&t, &mut set);
        }
    }
    set.into_iter().collect()
}

/// `[fold, term or "", raw stem of the lower-cased word]` for each word, as the script gives
/// them.
fn run_node(lang: &str, words: &[String]) -> Option<Vec<[String; 3]>> {
    let program = format!(
        "const s = require({:?}); let input = ''; process.stdin.on('data', d => input += d); \
         process.stdin.on('end', () => {{ const ws = JSON.parse(input); \
         const stem = {lang:?} === 'en' ? s.stemEn : s.stemDe; \
         console.log(JSON.stringify(ws.map(w => [s.fold(w, {lang:?}), s.term(w, {lang:?}) || '', stem(w.toLowerCase())]))); }});",
        Path::new(env!("CARGO_MANIFEST_DIR")).join(SCRIPT),
    );
    let mut child = match Command::new("node")
        .args(["-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("note: node not found ({e}); the browser stemmers were not compared");
            return None;
        }
    };
    let input = serde_json::to_string(words).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    Some(serde_json::from_slice(&out.stdout).expect("node's JSON"))
}

fn compare(lang: Language, words: &[String]) {
    let Some(js) = run_node(lang.tag(), words) else {
        return;
    };
    let a = Analyzer::new(lang);
    let mut wrong = Vec::new();
    for (w, got) in words.iter().zip(&js) {
        let want = [
            a.fold(w),
            a.term(w).unwrap_or_default(),
            a.stem(&w.to_lowercase()),
        ];
        if *got != want {
            wrong.push(format!("{w}: js {got:?}, rust {want:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} words differ:\n{}",
        wrong.len(),
        words.len(),
        wrong.join("\n")
    );
    assert!(words.len() > 300, "too few words: {}", words.len());
}

#[test]
fn german_terms_are_the_same_in_the_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("content/releases");
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    compare(Language::De, &word_list(RULES_DE, &refs));
}

#[test]
fn english_terms_are_the_same_in_the_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = root.join("README.md");
    let spec = root.join("../shared/spec/SPEC.md");
    let words: Vec<String> = word_list(RULES_EN, &[&readme, &spec])
        .into_iter()
        .filter(|w| w.is_ascii())
        .collect();
    compare(Language::En, &words);
}
