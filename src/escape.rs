//! JSON that carries no markup: shared by the JSON-LD in release pages and the search index.
//!
//! `<`, `>` and `&` are written as JSON escapes (`\u003c` …), so the JSON means exactly the
//! same, cannot end a `<script>` block (`</script>`, `<!--`), and no file of the site holds
//! markup from a release's text, even as data. U+2028 and U+2029, valid in JSON but line ends
//! to old JavaScript parsers, are escaped too.

/// `json` with `<`, `>`, `&`, U+2028 and U+2029 escaped; returned as it is when it has none
/// (the usual case, so most texts are not copied).
pub fn json_safe(json: String) -> String {
    let special = |c: char| matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}');
    // A byte scan first (U+2028 and U+2029 start with 0xE2, like some other characters,
    // which then take the careful path): every page's JSON-LD passes through here.
    if !json.bytes().any(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2)) || !json.contains(special) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 32);
    let mut rest = json.as_str();
    // Copy the runs between special characters in one piece.
    while let Some(at) = rest.find(special) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or('<');
        out.push_str(match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            _ => "\\u2029",
        });
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_the_json_means_the_same() {
        let text = "Ende </script><script>alert(1)</script> & <!-- Kommentar \u{2028} ä";
        let json = serde_json::to_string(&serde_json::json!({ "headline": text })).unwrap();
        let safe = json_safe(json);
        assert!(!safe.contains(['<', '>', '&', '\u{2028}']), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["headline"], text);
    }

    #[test]
    fn plain_json_is_returned_as_it_is() {
        let json = "{\"a\":\"Löffingen\"}".to_string();
        assert_eq!(json_safe(json.clone()), json);
        // A dash starts with the same byte as U+2028: it takes the careful path, unchanged.
        let dash = "{\"a\":\"Mai – Juni\"}".to_string();
        assert_eq!(json_safe(dash.clone()), dash);
        assert_eq!(json_safe("\"a\u{2028}–\"".into()), "\"a\\u2028–\"");
    }
}
