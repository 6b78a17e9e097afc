//! Markdown → IR: reads Speakeasy SDK model docs of any dialect, links them, fuses them.
//!
//! The stages, each a pure function: [`markdown`] reads a file's blocks; `notation` gives the
//! Type cells meaning per dialect; `model` makes one model of one file; `same_name` tells apart
//! models of one name in sibling folders; `fuse` merges the models of every input by name;
//! `link` resolves references; `null_member` makes nullable the fields of unions with a `null`
//! member; `wire` sets JSON keys.

mod dates;
mod fuse;
mod link;
pub mod markdown;
mod model;
mod notation;
mod null_member;
mod number_form;
mod prose;
mod same_name;
#[cfg(test)]
mod test_support;
mod wire;

pub use notation::Dialect;

use notation::CellMemo;

use mdgen_ir::{Diagnostic, Diagnostics, Schema, Severity, WireCase};
use model::Snippets;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Settings that change how docs are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The convention of the API's JSON keys; `None` takes names as documented (with a note).
    pub wire_case: Option<WireCase>,
    /// Read every doc in this dialect instead of detecting it per file.
    pub dialect: Option<Dialect>,
    /// Settings for single models, by model name (matched ignoring case, `_` and `-`).
    pub models: BTreeMap<String, ModelOptions>,
    /// Captured JSON bodies whose keys settle the keys of their models.
    pub samples: Vec<Sample>,
}

/// A captured request or response body of one model (`--sample MODEL=FILE.json`): its keys
/// settle the keys of the model and of the models nested in it, ahead of everything but a
/// rename; a `null` makes a field nullable, an integer makes a `number` an integer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The model it is a body of (matched ignoring case, `_` and `-`).
    pub model: String,
    /// The file it was read from, for diagnostics.
    pub file: PathBuf,
    pub value: serde_json::Value,
}

/// Settings for one model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelOptions {
    /// The convention of this model's JSON keys, over the run's.
    pub wire_case: Option<WireCase>,
    /// JSON keys of single fields, by documented member name (matched like model names).
    pub rename: BTreeMap<String, String>,
}

/// One input file: the path diagnostics name it by, and its bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The result of a run: the fused schema and everything worth telling the user.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub schema: Schema,
    pub diagnostics: Diagnostics,
}

/// A doc to parse: where it is, and its bytes once read.
pub trait Input<'a>: Send {
    /// The path docs are sorted by and diagnostics name.
    fn path(&self) -> &Path;
    /// The file, read; `None` leaves the doc out (whoever reads it reports why).
    fn read(self) -> Option<Cow<'a, InputFile>>;
}

impl<'a> Input<'a> for &'a InputFile {
    fn path(&self) -> &Path {
        &self.path
    }

    fn read(self) -> Option<Cow<'a, InputFile>> {
        Some(Cow::Borrowed(self))
    }
}

impl Input<'_> for InputFile {
    fn path(&self) -> &Path {
        &self.path
    }

    fn read(self) -> Option<Cow<'static, InputFile>> {
        Some(Cow::Owned(self))
    }
}

/// Reads, links and fuses `files` into one schema. Never panics; problems become diagnostics.
/// The result does not depend on the order of `files`, nor on how many threads read them.
pub fn parse(files: &[InputFile], options: &Options) -> Parsed {
    parse_inputs(files.iter().collect(), options)
}

/// [`parse`] of docs read by the threads that parse them, each freed as soon as it is parsed:
/// reading overlaps parsing, and memory holds only the docs being parsed.
pub fn parse_inputs<'a, I: Input<'a>>(mut inputs: Vec<I>, options: &Options) -> Parsed {
    inputs.sort_by(|a, b| a.path().cmp(b.path()));
    let mut diagnostics = Diagnostics::default();
    let mut snippets = Snippets::default();
    let mut models = Vec::with_capacity(inputs.len());
    let threads = mdgen_ir::threads_for(inputs.len(), MIN_FILES_PER_THREAD);
    // Each file is read on its own, in parallel; fusion then sees them in path order.
    for (e, decode_diagnostics) in extract_all(inputs, options.dialect, threads) {
        diagnostics.extend(decode_diagnostics);
        models.extend(e.model);
        models.extend(e.extra);
        snippets.extend(e.snippets);
        diagnostics.extend(e.diagnostics);
    }
    same_name::separate(&mut models, &mut diagnostics);
    let mut schema = fuse::fuse(models, &mut diagnostics);
    link::link(&mut schema, &snippets, &mut diagnostics);
    null_member::mark_fields(&mut schema);
    wire::assign(
        &mut schema,
        options.wire_case,
        &options.models,
        &options.samples,
        &mut diagnostics,
    );
    let parsed = Parsed {
        schema,
        diagnostics: diagnostics.sorted(),
    };
    // A line of every cell naming a model, of which linking reported a few: those of many
    // docs are freed on another thread, a handful here (sooner than a thread starts).
    if snippets.files() > MIN_FILES_PER_THREAD {
        mdgen_ir::drop_in_background(snippets);
    }
    parsed
}

/// What one file yields, with the diagnostics of decoding it.
type FileResult = (model::Extracted, Diagnostics);

/// [`model::extract`] of every input read, in the order of `inputs`, each file dropped once
/// parsed. The inputs are shared among `threads` scoped threads, each taking the next input not
/// yet taken, so that a few large files do not leave a thread idle; the results are put back in
/// order, so they are the same whatever the number of threads.
fn extract_all<'a, I: Input<'a>>(
    inputs: Vec<I>,
    dialect: Option<Dialect>,
    threads: usize,
) -> Vec<FileResult> {
    // Each thread keeps its own memo of Type cells.
    let one = |input: I, memo: &mut CellMemo| {
        let file = input.read()?;
        let mut diagnostics = Diagnostics::default();
        let text = decode(&file, &mut diagnostics);
        Some((
            model::extract(&file.path, &text, dialect, memo),
            diagnostics,
        ))
    };
    if threads <= 1 {
        let mut memo = CellMemo::default();
        return inputs
            .into_iter()
            .filter_map(|i| one(i, &mut memo))
            .collect();
    }
    let count = inputs.len();
    // One slot per input, emptied by the thread that takes it.
    let slots: Vec<Mutex<Option<I>>> = inputs.into_iter().map(|f| Mutex::new(Some(f))).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        let mut memo = CellMemo::default();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = slots.get(i) else { break };
            let input = slot.lock().map_or(None, |mut f| f.take());
            if let Some(result) = input.and_then(|input| one(input, &mut memo)) {
                done.push((i, result));
            }
        }
        done
    };
    let mut results: Vec<Option<FileResult>> = Vec::new();
    results.resize_with(count, || None);
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for handle in others {
            match handle.join() {
                Ok(done) => all.extend(done),
                // A panic in a worker is a bug; rethrow it as if it happened here.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        for (i, result) in all {
            results[i] = Some(result);
        }
    });
    results.into_iter().flatten().collect()
}

/// Below this many files per thread, starting threads costs more than it saves.
const MIN_FILES_PER_THREAD: usize = 16;

/// The text of a file; invalid UTF-8 is replaced (U+FFFD) with a warning naming the first bad line.
fn decode<'a>(file: &'a InputFile, diagnostics: &mut Diagnostics) -> Cow<'a, str> {
    let bytes = file
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&file.bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let message = "the file is not valid UTF-8; invalid bytes were replaced with U+FFFD";
            let line = u32::try_from(line).unwrap_or(u32::MAX);
            diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "invalid-utf8",
                &file.path,
                line,
                message,
            ));
            String::from_utf8_lossy(bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extraction_does_not_depend_on_the_number_of_threads() {
        let files: Vec<InputFile> = (0..101)
            .map(|i| InputFile {
                path: PathBuf::from(format!("docs/m{i:03}.md")),
                bytes: match i % 3 {
                    0 => format!("# M{i}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id{i}` | *string* | :heavy_check_mark: | N/A |\n").into_bytes(),
                    1 => format!("# E{i}\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A` | a{i} |\n").into_bytes(),
                    _ => b"# Broken\n\xff\xfe not a model\n".to_vec(),
                },
            })
            .collect();
        let refs = || files.iter().collect::<Vec<&InputFile>>();
        let show = |results: Vec<FileResult>| -> Vec<String> {
            results
                .into_iter()
                .map(|(e, d)| format!("{:?} {:?} {:?} {:?}", e.model, e.snippets, e.diagnostics, d))
                .collect()
        };
        let one = show(extract_all(refs(), None, 1));
        assert_eq!(one.len(), files.len());
        assert!(one[0].contains("id0") && one[1].contains("a1") && one[2].contains("invalid-utf8"));
        for threads in [2, 3, 8] {
            let borrowed = show(extract_all(refs(), None, threads));
            assert_eq!(borrowed, one, "{threads} threads");
            let owned = show(extract_all(files.clone(), None, threads));
            assert_eq!(owned, one, "{threads} threads, files owned");
        }
    }
}
