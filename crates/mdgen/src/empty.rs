//! Inputs that yield no model: an error saying what the input holds instead.

use crate::inputs::InputDocs;
use crate::Error;
use mdgen_ir::{Diagnostics, Schema, Severity, TypeDef};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// Markdown files an error names; the rest are counted.
const NAMED: usize = 5;

/// Fails naming the first input (in input order) from none of whose docs a model of `schema`
/// was read, with the warnings and errors of `diagnostics` (which may say why).
pub(crate) fn check(
    held: Vec<InputDocs>,
    schema: &Schema,
    diagnostics: [&Diagnostics; 2],
) -> Result<(), Error> {
    // A model's sources are every doc that describes it.
    let sources = schema.types.values().flat_map(TypeDef::sources);
    let modeled: HashSet<&Path> = sources.map(|s| s.file.as_path()).collect();
    let yields = |h: &InputDocs| h.docs.iter().any(|d| modeled.contains(d.as_path()));
    match held.into_iter().find(|h| !yields(h)) {
        None => Ok(()),
        Some(input) => {
            let all = diagnostics.into_iter().flat_map(Diagnostics::iter);
            let shown = all.filter(|d| d.severity >= Severity::Warning);
            Err(Error::NoModels {
                input,
                diagnostics: Diagnostics(shown.cloned().collect()).sorted(),
            })
        }
    }
}

impl fmt::Display for InputDocs {
    /// Why the input yields no model: `docs: 12 files, none .md/.mdx`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const WHY: &str = "(no Fields, Values or Supported Types section)";
        write!(f, "{}: ", self.input.display())?;
        if !self.folder {
            return write!(f, "not a model doc {WHY}");
        }
        f.write_str("no model docs: ")?;
        let count = |n: usize, what: &str| match n {
            1 => format!("1 {what}"),
            n => format!("{n} {what}s"),
        };
        match (self.docs.len(), self.others) {
            (0, 0) => f.write_str("the folder is empty"),
            (0, others) => write!(f, "{}, none `.md`/`.mdx`", count(others, "file")),
            (docs, _) => {
                let names: Vec<String> = self
                    .docs
                    .iter()
                    .take(NAMED)
                    .map(|d| {
                        d.strip_prefix(&self.input)
                            .unwrap_or(d)
                            .display()
                            .to_string()
                    })
                    .collect();
                let none = if docs == 1 { "not" } else { "none" };
                let files = count(docs, "markdown file");
                write!(f, "{files}, {none} a model doc {WHY}: {}", names.join(", "))?;
                match docs.saturating_sub(NAMED) {
                    0 => Ok(()),
                    more => write!(f, ", and {more} more"),
                }
            }
        }
    }
}
