//! Reading Markdown line by line, for the passes that rewrite it before it
//! is parsed (includes, embeds, shortcodes): which lines are inside a code
//! fence, where each source line lands in the rewritten text, and
//! problems found in rewritten text put back at their file's lines.

/// Code fences met line by line: ```` ``` ```` or `~~~`, closed by a
/// fence of the same character at least as long.
#[derive(Debug, Default)]
pub struct Fences {
    open: Option<String>,
}

impl Fences {
    /// Reads the next line; says whether it opens or closes a fence.
    pub fn line(&mut self, line: &str) -> bool {
        let marker: String = line
            .trim_start()
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        if marker.len() < 3 {
            return false;
        }
        match &self.open {
            None => self.open = Some(marker),
            Some(open) if marker.starts_with(open.as_str()) => self.open = None,
            Some(_) => {}
        }
        true
    }

    /// Whether the lines read so far leave a fence open.
    pub fn inside(&self) -> bool {
        self.open.is_some()
    }
}

/// Where each line of a source starts in the text written from it: call
/// [`LineStarts::mark`] with the text written so far before each line.
#[derive(Debug)]
pub struct LineStarts {
    starts: Vec<usize>,
    lines: usize,
    counted: usize,
}

impl Default for LineStarts {
    fn default() -> Self {
        LineStarts {
            starts: Vec::new(),
            lines: 1,
            counted: 0,
        }
    }
}

impl LineStarts {
    /// The next source line starts here, after `written`.
    pub fn mark(&mut self, written: &str) {
        self.lines += written[self.counted..].matches('\n').count();
        self.counted = written.len();
        self.starts.push(self.lines);
    }

    /// For each source line (0-based), the written line (1-based) it starts.
    pub fn finish(self) -> Vec<usize> {
        self.starts
    }
}

/// The source line (1-based) a line of the expanded text (1-based) comes
/// from: a line of an included file comes from its directive's line.
pub fn source_line(line_starts: &[usize], expanded: usize) -> usize {
    line_starts
        .partition_point(|&start| start <= expanded)
        .max(1)
}

/// Puts problems found in expanded pages back at the lines of their files
/// (a problem inside included text is at its directive's line).
pub fn remap_lines(site: &super::Site, problems: &mut [crate::diagnostic::Diagnostic]) {
    let moved: std::collections::HashMap<&str, &super::page::Page> = site
        .pages
        .iter()
        .filter(|p| p.line_starts.is_some() || p.generated.is_some())
        .map(|p| (p.source.as_str(), p))
        .collect();
    if moved.is_empty() {
        return;
    }
    for d in problems {
        let (Some(page), Some(line)) = (moved.get(d.path.as_str()), d.line) else {
            continue;
        };
        // Text added from another file (the glossary's terms) is that file's.
        if let Some(added) = &page.generated {
            let first = page.body_line + added.from_line - 1;
            if let Some(&from) = line.checked_sub(first).and_then(|k| added.lines.get(k)) {
                d.path.clone_from(&added.file);
                d.line = Some(from);
                d.column = None;
                continue;
            }
            if line >= first + added.lines.len() {
                d.line = Some(line - added.shift);
            }
        }
        let (Some(starts), true) = (&page.line_starts, line >= page.body_line) else {
            continue;
        };
        let expanded = line - page.body_line + 1;
        let source = source_line(starts, expanded);
        d.line = Some(source + page.body_line - 1);
        if starts.get(source - 1) != Some(&expanded) {
            // Inside the included text: the directive's column means nothing.
            d.column = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_open_and_close_by_kind_and_length() {
        let mut f = Fences::default();
        let inside: Vec<bool> = ["text", "````md", "```", "~~~", "````", "after"]
            .iter()
            .map(|l| {
                f.line(l);
                f.inside()
            })
            .collect();
        assert_eq!(inside, [false, true, true, true, false, false]);
    }

    #[test]
    fn line_starts_follow_added_lines() {
        let mut starts = LineStarts::default();
        let mut out = String::new();
        for (line, written) in [("a", "a\n"), ("b", "x\ny\nz\n"), ("c", "c\n")] {
            starts.mark(&out);
            let _ = line;
            out.push_str(written);
        }
        assert_eq!(starts.finish(), [1, 2, 5]);
    }
}
