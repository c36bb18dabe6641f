//! Where the quiz rules put their problems: each at the file line of a path
//! into the block's YAML. Shared by `validate.rs` and `self_assessment.rs`.

use super::locate::{line_of, Step};
use crate::diagnostic::Diagnostic;

/// Collects problems, each placed by a path into the YAML.
pub(super) struct Checker<'a> {
    pub(super) source: &'a str,
    pub(super) yaml: &'a str,
    pub(super) first_line: usize,
    pub(super) problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    pub(super) fn report(
        &mut self,
        path: &[Step<'_>],
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let line = self.first_line + line_of(self.yaml, path);
        let help: String = help.into();
        let mut d = Diagnostic::error(self.source, message).at_line(line);
        if !help.is_empty() {
            d = d.help(help);
        }
        self.problems.push(d);
    }
}
