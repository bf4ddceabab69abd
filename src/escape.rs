//! JSON that carries no markup: shared by the JSON-LD in release pages and the search index.
//!
//! `<`, `>` and `&` are written as JSON escapes (`\u003c` …), so the JSON means exactly the
//! same, cannot end a `<script>` block (`</script>`, `<!--`), and no file of the site holds
//! markup from a release's text, even as data. U+2028 and U+2029, valid in JSON but line ends
//! to old JavaScript parsers, are escaped too.
//!
//! The escaping happens while serde_json writes the strings ([`SafeFormatter`]), so a page's
//! JSON is written once and never scanned again. [`find_marked`] is the search for the
//! characters to escape that this and the HTML escaping of the templates share.

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
        // such as the dash share) are found by `find_marked`; the runs between are copied in
        // one piece.
        while let Some(at) = next_special(&bytes[from..]) {
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

/// The position of the first `<`, `>`, `&` or 0xE2 (the first byte of U+2028 and U+2029) in
/// `bytes`.
fn next_special(bytes: &[u8]) -> Option<usize> {
    find_marked(bytes, &JSON_SPECIAL)
}

/// The bytes [`SafeFormatter`] looks at.
static JSON_SPECIAL: [bool; 256] = marked(b"<>&\xE2");

/// A table of the bytes in `set`, for [`find_marked`].
pub const fn marked(set: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < set.len() {
        t[set[i] as usize] = true;
        i += 1;
    }
    t
}

/// The position of the first byte of `bytes` marked in `table`. Looked for eight bytes at a
/// time (one test for all eight), as most text has none: escaping runs over every value of
/// every page, tens of megabytes in a site of ten thousand releases.
pub fn find_marked(bytes: &[u8], table: &[bool; 256]) -> Option<usize> {
    let (chunks, rest) = bytes.as_chunks::<8>();
    for (n, chunk) in chunks.iter().enumerate() {
        if chunk
            .iter()
            .fold(false, |any, &b| any | table[usize::from(b)])
        {
            return chunk
                .iter()
                .position(|&b| table[usize::from(b)])
                .map(|i| n * 8 + i);
        }
    }
    rest.iter()
        .position(|&b| table[usize::from(b)])
        .map(|i| chunks.len() * 8 + i)
}

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
    fn find_marked_finds_the_first_marked_byte_anywhere() {
        let table = marked(b"<&");
        for len in 0..40 {
            let plain = "a".repeat(len);
            assert_eq!(find_marked(plain.as_bytes(), &table), None);
            for at in 0..len {
                let mut s = plain.clone().into_bytes();
                s[at] = b'<';
                if at + 3 < len {
                    s[at + 3] = b'&';
                }
                assert_eq!(find_marked(&s, &table), Some(at), "{len} {at}");
            }
        }
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
