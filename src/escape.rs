//! JSON that carries no markup: shared by the JSON-LD in release pages and the search index.
//!
//! `<`, `>` and `&` are written as JSON escapes (`\u003c` …), so the JSON means exactly the
//! same, cannot end a `<script>` block (`</script>`, `<!--`), and no file of the site holds
//! markup from a release's text, even as data. U+2028 and U+2029, valid in JSON but line ends
//! to old JavaScript parsers, are escaped too.
//!
//! The escaping happens while serde_json writes the strings ([`SafeFormatter`]), so a page's
//! JSON is written once and never scanned again.

use std::io::{self, Write};

use serde::Serialize;

/// `value` as JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped; `fallback` if it cannot
/// be serialised (plain structs of strings and finite numbers always can). `capacity` is the
/// expected length, so the text is not grown step by step.
pub fn to_safe_json<T: Serialize + ?Sized>(value: &T, capacity: usize, fallback: &str) -> String {
    let mut out = Vec::with_capacity(capacity);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeFormatter);
    if value.serialize(&mut ser).is_err() {
        return fallback.to_string();
    }
    // serde_json writes UTF-8 only.
    String::from_utf8(out).unwrap_or_else(|_| fallback.to_string())
}

/// serde_json's compact format, with the characters that could end a `<script>` block or a
/// line of old JavaScript written as escapes inside strings (the only place JSON can hold
/// them).
#[derive(Debug, Clone, Copy, Default)]
pub struct SafeFormatter;

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut plain = 0;
        let mut from = 0;
        // `<`, `>`, `&` and the first byte of U+2028/U+2029 (0xE2, which other characters
        // such as the dash share) are found by a table lookup; the runs between are copied
        // in one piece.
        while let Some(at) = bytes[from..].iter().position(|&b| SPECIAL[usize::from(b)]) {
            let i = from + at;
            let escape: &[u8] = match bytes[i] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => match bytes.get(i + 1..i + 3) {
                    Some([0x80, 0xA8]) => b"\\u2028",
                    Some([0x80, 0xA9]) => b"\\u2029",
                    _ => {
                        from = i + 1;
                        continue;
                    }
                },
            };
            writer.write_all(&bytes[plain..i])?;
            writer.write_all(escape)?;
            plain = if bytes[i] == 0xE2 { i + 3 } else { i + 1 };
            from = plain;
        }
        writer.write_all(&bytes[plain..])
    }
}

/// The bytes [`SafeFormatter`] looks at: `<`, `>`, `&`, and 0xE2, the first byte of U+2028
/// and U+2029.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[0xE2] = true;
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_the_json_means_the_same() {
        let text = "Ende </script><script>alert(1)</script> & <!-- Kommentar \u{2028} ä \u{2029}";
        let safe = to_safe_json(&serde_json::json!({ "headline": text }), 64, "{}");
        assert!(
            !safe.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["headline"], text);
        // Keys are strings too.
        let key = to_safe_json(&serde_json::json!({ "<a>": 1 }), 16, "{}");
        assert_eq!(key, r#"{"\u003ca\u003e":1}"#);
    }

    #[test]
    fn plain_json_is_written_as_serde_json_writes_it() {
        let plain = serde_json::json!({ "a": "Löffingen", "n": [1, 2.5], "q": "\"x\"\n" });
        assert_eq!(
            to_safe_json(&plain, 0, "{}"),
            serde_json::to_string(&plain).unwrap()
        );
        // A dash starts with the same byte as U+2028: it stays as it is.
        assert_eq!(to_safe_json("Mai – Juni", 0, ""), "\"Mai – Juni\"");
        assert_eq!(to_safe_json("a\u{2028}–", 0, ""), "\"a\\u2028–\"");
        assert_eq!(to_safe_json("–\u{2029}", 0, ""), "\"–\\u2029\"");
    }
}
