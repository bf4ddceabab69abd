//! The catalogue is complete: both languages parse, hold the same ids with the same
//! variables, every `msg!` in the source names an id of the catalogue with exactly its
//! variables, and every id is used.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::*;

/// Every message of a catalogue with the variables its text uses.
fn variables(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("the catalogue does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let value = m.value.as_ref().expect("every message has a text");
                pattern_vars(value, &mut vars);
                let id = m.id.name.to_string();
                assert!(
                    out.insert(id.clone(), vars).is_none(),
                    "{id} is defined twice"
                );
            }
            ast::Entry::Junk { content } => panic!("not Fluent: {content}"),
            ast::Entry::Term(t) => panic!("terms are not used: {}", t.id.name),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(e: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
        other => panic!("only variables, literals and selections are used: {other:?}"),
    }
}

#[test]
fn both_languages_have_the_same_messages_and_variables() {
    let de = variables(DE);
    let en = variables(EN);
    let only_de: Vec<&String> = de.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<&String> = en.keys().filter(|k| !de.contains_key(*k)).collect();
    assert!(only_de.is_empty(), "no English text for {only_de:?}");
    assert!(only_en.is_empty(), "no German text for {only_en:?}");
    for (id, vars) in &de {
        assert_eq!(
            vars, &en[id],
            "{id} uses other variables in German and English"
        );
    }
}

#[test]
fn the_runtime_parser_accepts_both_catalogues() {
    for source in [DE, EN] {
        if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
            panic!("{errors:?}");
        }
    }
}

/// One `msg!` of the source: its id and argument names, and where it is.
#[derive(Debug)]
struct Use {
    at: String,
    id: String,
    args: BTreeSet<String>,
}

/// Every `msg!(…)` in `src/`, outside comments and this file.
fn uses() -> Vec<Use> {
    let mut out = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let rel = path.strip_prefix(&src).unwrap().display().to_string();
                if rel != "diag/i18n/tests.rs" {
                    uses_in(&rel, &text, &mut out);
                }
            }
        }
    }
    out
}

fn uses_in(file: &str, text: &str, out: &mut Vec<Use>) {
    for opener in ["msg!("] {
        let mut from = 0;
        while let Some(i) = text[from..].find(opener) {
            let start = from + i + opener.len();
            from = start;
            let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
            let line = &text[line_start..start];
            if line.trim_start().starts_with("//") || !text[start..].trim_start().starts_with('"') {
                continue; // a comment, or the macro's own definition
            }
            let parts = top_level_parts(&text[start..]);
            let id = parts[0].trim().trim_matches('"').to_string();
            let args = parts[1..]
                .iter()
                .filter_map(|p| p.split_once('=').map(|(n, _)| n.trim().to_string()))
                .filter(|n| !n.is_empty())
                .collect();
            let line_no = text[..start].matches('\n').count() + 1;
            out.push(Use {
                at: format!("src/{file}:{line_no}"),
                id,
                args,
            });
        }
    }
}

/// The comma-separated parts of a call's arguments up to its closing parenthesis.
fn top_level_parts(s: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0;
    let mut in_string = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if in_string {
            parts.last_mut().unwrap().push(c);
            match c {
                '\\' => parts.last_mut().unwrap().extend(chars.next()),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().unwrap().push(c);
    }
    parts
}

#[test]
fn every_message_used_exists_with_its_variables() {
    let catalogue = variables(EN);
    let uses = uses();
    assert!(
        uses.len() > 100,
        "the scan found only {} messages",
        uses.len()
    );
    for u in &uses {
        let Some(vars) = catalogue.get(&u.id) else {
            panic!("{}: {} is not in the catalogue", u.at, u.id);
        };
        assert_eq!(
            &u.args, vars,
            "{}: {} needs the variables {vars:?}",
            u.at, u.id
        );
    }
    let used: BTreeSet<&str> = uses.iter().map(|u| u.id.as_str()).collect();
    let unused: Vec<&String> = catalogue
        .keys()
        .filter(|id| !used.contains(id.as_str()))
        .collect();
    assert!(unused.is_empty(), "never used: {unused:?}");
}

#[test]
fn messages_render_with_values_plurals_and_nested_messages() {
    use crate::config::Language::{De, En};
    use crate::msg;
    let what = msg!("toml-in-front-matter");
    let m = msg!("toml-unknown-key", key = "darft", what = what);
    assert_eq!(m.text(En), "unknown key `darft` in the front matter");
    assert_eq!(m.text(De), "Unbekannter Schlüssel `darft` im Front Matter");
    let n = |errors: usize, warnings: usize| {
        msg!(
            "summary-check-failed",
            errors = errors,
            warnings = warnings,
            denied = "no"
        )
    };
    assert_eq!(
        n(1, 1).text(De),
        "Prüfung fehlgeschlagen: 1 Fehler, 1 Warnung"
    );
    assert_eq!(
        n(2, 12000).text(De),
        "Prüfung fehlgeschlagen: 2 Fehler, 12.000 Warnungen"
    );
    assert_eq!(
        n(2, 12000).text(En),
        "check failed: 2 error(s), 12,000 warning(s)"
    );
    let denied = msg!(
        "summary-check-failed",
        errors = 0usize,
        warnings = 1usize,
        denied = "yes"
    );
    assert!(denied.text(En).ends_with("1 warning(s) (--deny-warnings)"));
    let lists = Arg::any_of(["municipalities", "programmes"]);
    let m = msg!("mention-not-listed", name = "Essen", lists = lists);
    assert_eq!(
        m.text(De),
        "\"Essen\" wird im Text genannt, steht aber nicht in municipalities oder programmes"
    );
    // A value is inserted as it is: no isolation marks, no Fluent syntax read from it.
    let m = msg!("source-no-config", dir = "{ $x } \u{2068}");
    assert_eq!(m.text(En), "no config.toml in { $x } \u{2068}");
}

#[test]
fn a_message_missing_from_the_catalogue_still_shows_its_values() {
    let m = Msg::new("no-such-message", [("slug", Arg::from("pakt"))]);
    assert_eq!(
        m.text(crate::config::Language::De),
        "no-such-message slug=pakt"
    );
}
