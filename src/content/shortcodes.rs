//! Hugo's and Zola's shortcodes in pages written for them (issue 21).
//! Hugo's `{{< ref "page.md" >}}` and `{{< relref "page.md" >}}` become the
//! link they stand for (`@/page.md` from the content root, or the path
//! relative to the page); any other shortcode — Hugo's `{{< name … >}}`,
//! `{{% name … %}}` and their closing tags, Zola's `{{ name(…) }}` and
//! `{% name(…) %}` … `{% end %}` — is left out of the page (the text
//! between an opening and a closing tag stays), with one warning per
//! shortcode name. Code fences and code spans are text.

use super::lines::Fences;

/// The page with shortcodes handled, and what was left out.
#[derive(Debug, Default, PartialEq)]
pub struct Handled {
    pub text: String,
    /// One per shortcode name: (1-based line, column, name).
    pub dropped: Vec<(usize, usize, String)>,
}

/// Handles every shortcode of `text`.
pub fn handle(text: &str) -> Handled {
    let mut out = Handled {
        text: String::with_capacity(text.len()),
        dropped: Vec::new(),
    };
    let mut fence = Fences::default();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if fence.line(line) {
            out.text.push_str(line);
            continue;
        }
        if fence.inside() || !(line.contains("{{") || line.contains("{%")) {
            out.text.push_str(line);
            continue;
        }
        handle_line(line, n + 1, &mut out);
    }
    out
}

/// The delimiters of the shortcode forms, longest first.
const FORMS: &[(&str, &str)] = &[("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}"), ("{{", "}}")];

fn handle_line(line: &str, number: usize, out: &mut Handled) {
    let mut rest = line;
    let mut column = 1;
    loop {
        let next = FORMS
            .iter()
            .filter_map(|&(open, close)| rest.find(open).map(|i| (i, open, close)))
            .min_by_key(|&(i, open, _)| (i, usize::MAX - open.len()));
        let Some((start, open, close)) = next else {
            out.text.push_str(rest);
            return;
        };
        // In a code span: text.
        if rest[..start].matches('`').count() % 2 == 1 {
            out.text.push_str(&rest[..start + open.len()]);
            column += start + open.len();
            rest = &rest[start + open.len()..];
            continue;
        }
        let Some(len) = rest[start + open.len()..].find(close) else {
            out.text.push_str(rest);
            return;
        };
        let inner = rest[start + open.len()..start + open.len() + len].trim();
        out.text.push_str(&rest[..start]);
        let at = column + start;
        match shortcode(open, inner) {
            Some(Code::Link(target)) => out.text.push_str(&target),
            Some(Code::Drop(name)) => {
                // A closing tag says nothing new.
                let closing = name == "end" || inner.starts_with('/');
                if !closing && !out.dropped.iter().any(|(_, _, n)| *n == name) {
                    out.dropped.push((number, at, name));
                }
            }
            None => out
                .text
                .push_str(&rest[start..start + open.len() + len + close.len()]),
        }
        let consumed = start + open.len() + len + close.len();
        column += consumed;
        rest = &rest[consumed..];
    }
}

enum Code {
    Link(String),
    Drop(String),
}

/// What a shortcode's inside means; `None` when it is not one (a Tera-like
/// `{{ x }}` without parentheses is text a page may well contain).
fn shortcode(open: &str, inner: &str) -> Option<Code> {
    let base = inner.trim_start_matches('/').trim();
    let name: String = base
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    if name.is_empty() {
        return None;
    }
    // What follows the name (`name` is a prefix of `base`).
    let after = &base[name.len()..];
    match open {
        "{{<" | "{{%" => {
            if name == "ref" || name == "relref" {
                let arg = after.trim().trim_matches(|c| c == '"' || c == '\'');
                let arg = arg
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .trim_matches('"');
                return Some(Code::Link(match arg.strip_prefix('/') {
                    Some(from_root) => format!("@/{from_root}"),
                    None if name == "ref" => format!("@/{arg}"),
                    None => arg.to_string(),
                }));
            }
            Some(Code::Drop(name))
        }
        // Zola: `{{ name(args) }}`, `{% name(args) %}`, `{% end %}`.
        _ => (after.trim_start().starts_with('(') || name == "end").then_some(Code::Drop(name)),
    }
}

/// Handles the shortcodes of every Markdown page that has braces; what
/// was left out is a warning at its first place, once per name and page.
pub fn handle_site(site: &mut super::Site, problems: &mut Vec<crate::diagnostic::Diagnostic>) {
    for page in &mut site.pages {
        if !page.source.ends_with(".md") || !(page.body.contains("{{") || page.body.contains("{%"))
        {
            continue;
        }
        let handled = handle(&page.body);
        for (line, column, name) in handled.dropped {
            problems.push(
                crate::diagnostic::Diagnostic::warning(
                    &page.source,
                    format!("the shortcode `{name}` is something Hugo or Zola runs; Kurator leaves it out of the page"),
                )
                .at(page.body_line + line - 1, column)
                .help("replace it with Markdown (a link, an image, a callout), or keep it if the page reads well without it"),
            );
        }
        page.body = handled.text;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_links_become_links() {
        let h = handle("See [setup]({{< ref \"guide/setup.md\" >}}) and [intro]({{< relref \"intro.md#top\" >}}), [abs]({{< ref \"/a/b.md\" >}}).\n");
        assert_eq!(
            h.text,
            "See [setup](@/guide/setup.md) and [intro](intro.md#top), [abs](@/a/b.md).\n"
        );
        assert!(h.dropped.is_empty());
    }

    #[test]
    fn other_shortcodes_are_left_out_once_each_keeping_their_text() {
        let h = handle("{{< youtube abc >}}\n{{% notice tip %}}\nKeep this.\n{{% /notice %}}\nA {{ gist(url=\"x\") }} and {{< youtube def >}}.\n{% quote(author=\"A\") %}\nQuoted.\n{% end %}\n");
        assert_eq!(h.text, "\n\nKeep this.\n\nA  and .\n\nQuoted.\n\n");
        let names: Vec<&str> = h.dropped.iter().map(|(_, _, n)| n.as_str()).collect();
        assert_eq!(names, ["youtube", "notice", "gist", "quote"]);
        assert_eq!((h.dropped[2].0, h.dropped[2].1), (5, 3));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "{{< /ññ >}}",
            "{{%",
            "{% ж(",
            "{{ ё() }} {{< ref >}} {{<>}}",
            "`{{<` x >}}",
            "{{<{{<{{< a >}}",
        ] {
            let _ = handle(text);
        }
        assert_eq!(handle("{{< ref >}}").text, "@/");
    }

    #[test]
    fn code_and_plain_braces_stay_text() {
        let text = "```\n{{< youtube x >}}\n```\nUse `{{< ref \"a.md\" >}}` in Hugo. A {{ variable }} stays.\n";
        assert_eq!(handle(text).text, text);
        assert!(handle(text).dropped.is_empty());
    }
}
