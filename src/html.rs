//! HTML escaping, in one place for every module that writes HTML or XML by
//! hand (markdown headings, quiz forms, sitemap and feed, serve's error
//! page).
//!
//! Why not `pulldown-cmark-escape` or Tera's escaper: neither writes these
//! bytes. pulldown-cmark-escape leaves `'` as it is and Tera writes
//! `&#x27;` and also escapes `/`; every site Kurator has built writes
//! `&#39;`, and a refactoring must not change a published byte (see
//! `bench/same-output`). Five characters, one table.

/// Escapes text for an HTML (or XML) attribute value or text node:
/// `& < > " '`.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appending to `out`.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_the_five_characters_and_nothing_else() {
        assert_eq!(
            escape(r#"a & b < c > d "e" 'f' /ж"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; /ж"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("ёлка"), "ёлка");
    }
}
