//! The ways a run can fail before or while writing output.

use crate::InputDocs;
use mdgen_ir::{Diagnostics, Severity};
use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why mdgen produced no output.
///
/// Problems inside the docs are not errors of this kind: they are [`Diagnostics`] of a run that
/// still writes its output (a doc that cannot be understood is reported and skipped), except in
/// strict mode, where any error or warning diagnostic becomes [`Error::Failed`].
///
/// `Debug` prints the same text as `Display`, so that a build script's
/// `fn main() -> Result<(), Box<dyn std::error::Error>>` shows a readable message.
pub enum Error {
    /// Reading or writing `path` failed.
    Io { path: PathBuf, source: io::Error },
    /// An input file or folder does not exist.
    MissingInput { path: PathBuf },
    /// Neither the caller nor the config file named an input.
    NoInputs,
    /// A config file could not be read as one.
    Config { path: PathBuf, message: String },
    /// An output path lies inside an input folder (or is an input file).
    OutputInsideInput { output: PathBuf, input: PathBuf },
    /// `write_to_out_dir` was called outside a build script.
    NoOutDir,
    /// Strict mode and the docs gave errors or warnings (here all errors); nothing was written.
    Failed { diagnostics: Diagnostics },
    /// `only` named models that no doc defines.
    UnknownModels { names: Vec<String> },
    /// An input yields no model: it holds no doc, or no doc of it is a model doc. Nothing was
    /// written. `diagnostics` are the run's warnings and errors, which may say why.
    NoModels {
        input: InputDocs,
        diagnostics: Diagnostics,
    },
    /// A sample (`--sample`) is not JSON: where it stops being JSON, and why.
    Sample {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// The docs come to more than a run reads ([`MAX_TOTAL_BYTES`](crate::MAX_TOTAL_BYTES)).
    InputsTooLarge { bytes: u64, limit: u64 },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::MissingInput { path } => write!(f, "input not found: {}", path.display()),
            Error::NoInputs => f.write_str("no inputs: name a docs folder or file"),
            Error::Config { path, message } => write!(f, "{}: {message}", path.display()),
            Error::OutputInsideInput { output, input } => write!(
                f,
                "refusing to write {}: it is inside the input {}",
                output.display(),
                input.display()
            ),
            Error::NoOutDir => f.write_str(
                "OUT_DIR is not set: `write_to_out_dir` is meant to be called from build.rs",
            ),
            Error::Failed { diagnostics } => write!(
                f,
                "strict mode (warnings are errors): {} error(s); nothing was written",
                diagnostics.count(Severity::Error) + diagnostics.count(Severity::Warning),
            ),
            Error::UnknownModels { names } => {
                let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                let (what, list) = match names.len() {
                    1 => ("no model named", names[0].clone()),
                    _ => ("no models named", names.join(", ")),
                };
                write!(f, "`only`: the docs define {what} {list}")
            }
            Error::NoModels { input, .. } => write!(f, "{input}"),
            Error::Sample {
                path,
                line,
                column,
                message,
            } => write!(
                f,
                "{}:{line}:{column}: the sample is not JSON: {message}",
                path.display()
            ),
            Error::InputsTooLarge { bytes, limit } => write!(
                f,
                "the inputs hold {bytes} bytes of docs, more than the {limit} bytes mdgen reads \
                 in one run; generate from fewer docs at a time"
            ),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
