//! Diagnostics: what went wrong or was assumed, and exactly where.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something the user may want to know (a skipped README, an assumed wire name).
    Note,
    /// Output was generated, but something in it is a guess or a fallback.
    Warning,
    /// A doc or part of one could not be used.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One message about one place in one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the message is about the whole file.
    pub line: u32,
    pub severity: Severity,
    /// A stable kebab-case name of the kind of problem (`unrecognized-notation`).
    pub kind: String,
    pub message: String,
    /// The text of the offending line, for rendering.
    pub source_line: Option<String>,
    /// The offending byte range within `source_line` (a table cell, say).
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    /// A diagnostic about a whole file or an unknown place in it.
    pub fn new(
        severity: Severity,
        kind: &str,
        file: impl Into<PathBuf>,
        line: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            severity,
            kind: kind.to_string(),
            message: message.into(),
            source_line: None,
            span: None,
        }
    }

    /// Points the diagnostic at `span` within the text of its line.
    pub fn with_snippet(mut self, source_line: impl Into<String>, span: Range<usize>) -> Self {
        let source_line = source_line.into();
        let end = span.end.min(source_line.len());
        self.span = Some(span.start.min(end)..end);
        self.source_line = Some(source_line);
        self
    }

    fn sort_key(&self) -> impl Ord + '_ {
        let span = self.span.as_ref().map(|s| (s.start, s.end));
        (
            &self.file,
            self.line,
            span,
            self.severity,
            &self.kind,
            &self.message,
        )
    }

    /// The 1-based column where the span starts, if any.
    pub fn column(&self) -> Option<usize> {
        let line = self.source_line.as_deref()?;
        let span = self.span.as_ref()?;
        Some(
            line.get(..span.start)
                .map_or(1, |pre| pre.chars().count() + 1),
        )
    }

    /// The offending text (a cell), if any.
    pub fn snippet(&self) -> Option<&str> {
        self.source_line.as_deref()?.get(self.span.clone()?)
    }
}

impl fmt::Display for Diagnostic {
    /// One plain line: `file:line:col: severity[kind]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if let Some(col) = self.column() {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}[{}]: {}", self.severity, self.kind, self.message)?;
        if let Some(cell) = self.snippet() {
            write!(f, ": `{}`", cell.trim())?;
        }
        Ok(())
    }
}

/// The diagnostics of one run, in a deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Sorted by file, line and text, duplicates removed.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_cell() {
        let d = Diagnostic::new(Severity::Warning, "x", "a.md", 7, "bad type")
            .with_snippet("| `id` | *flaot* |", 9..16);
        assert_eq!(d.column(), Some(10));
        assert_eq!(d.to_string(), "a.md:7:10: warning[x]: bad type: `*flaot*`");
    }

    #[test]
    fn out_of_range_spans_are_clamped() {
        let d = Diagnostic::new(Severity::Error, "x", "a.md", 1, "m").with_snippet("abc", 2..99);
        assert_eq!(d.snippet(), Some("c"));
    }
}
