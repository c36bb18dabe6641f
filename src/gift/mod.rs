//! Moodle's quiz-bank formats: GIFT in (a ```` ```quiz gift ```` block is
//! parsed by [`syntax`] and turned into a Kurator quiz by [`convert`]), GIFT
//! and Moodle XML out ([`write`], for `kurator export quizzes`).

pub mod convert;
pub mod syntax;
pub mod write;

/// Lines [`page_markdown`] puts before the GIFT text (front matter and the
/// fence), which the quiz stage takes off again so errors name the
/// `.gift` file's own lines.
pub const PAGE_PREAMBLE_LINES: usize = 4;

/// A `.gift` file as the Markdown page it stands for: its title (the first
/// `// ` comment line, or the file's name) and one ```` ```quiz gift ````
/// block holding the whole file.
pub fn page_markdown(rel: &str, text: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let name = name.strip_suffix(".gift").unwrap_or(name);
    let title = text
        .lines()
        .map(str::trim)
        .take_while(|l| l.is_empty() || l.starts_with("//"))
        .find_map(|l| {
            l.strip_prefix("//")
                .map(str::trim)
                .filter(|t| !t.is_empty())
        })
        .unwrap_or(name);
    // A fence longer than any run of backticks in the file, so nothing in
    // it can close the block early.
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    let title = serde_json::to_string(title).unwrap_or_else(|_| "\"\"".into());
    let body = text.strip_suffix('\n').unwrap_or(text);
    format!("---\ntitle: {title}\n---\n{fence}quiz gift\n{body}\n{fence}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gift_file_becomes_a_page_with_one_quiz_block() {
        let md = page_markdown(
            "content/bank/kpi.gift",
            "// KPI «test»\n$CATEGORY: kpi\nQ {=a ~b}\n",
        );
        assert_eq!(
            md,
            "---\ntitle: \"KPI «test»\"\n---\n```quiz gift\n// KPI «test»\n$CATEGORY: kpi\nQ {=a ~b}\n```\n"
        );
        assert_eq!(
            md.lines().position(|l| l.starts_with("// KPI")),
            Some(PAGE_PREAMBLE_LINES)
        );
        let md = page_markdown("content/x.gift", "Q ````` {=a ~b}");
        assert!(
            md.contains("\n``````quiz gift\n") && md.starts_with("---\ntitle: \"x\"\n"),
            "{md}"
        );
    }
}
