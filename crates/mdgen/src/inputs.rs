//! Finding and reading the input docs.

use crate::Error;
use foldhash::HashMap;
use mdgen_ir::{Diagnostic, Diagnostics, Severity};
use mdgen_parse::{Input, InputFile, Parsed};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use walkdir::WalkDir;

/// The docs of a run, found and measured; [`Inputs::parse`] reads them.
#[derive(Debug)]
pub(crate) struct Inputs {
    /// Every doc, in input order, each folder's docs sorted by path.
    pub docs: Vec<PathBuf>,
    /// The size of each doc in bytes, as measured.
    pub sizes: Vec<u64>,
    /// The largest doc read, in bytes.
    pub doc_limit: u64,
    /// Every file and folder read (for `cargo:rerun-if-changed`).
    pub read: Vec<PathBuf>,
    /// The inputs as given, canonical: no output may go inside them.
    pub roots: Vec<PathBuf>,
    /// What each input holds, in input order.
    pub held: Vec<InputDocs>,
    /// Docs skipped as too large.
    pub diagnostics: Diagnostics,
}

/// What one input holds: the docs it leads to and the files beside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputDocs {
    /// The input as given.
    pub input: PathBuf,
    /// Whether the input is a folder.
    pub folder: bool,
    /// Its docs (a folder's `.md`/`.mdx` files, or the file itself), each by the path it is
    /// read as (a doc found before through another input, by that one's path).
    pub docs: Vec<PathBuf>,
    /// Files in the folder that are not docs (hidden ones not counted).
    pub others: usize,
}

/// The largest doc mdgen reads, in bytes (64 MiB): a larger one is reported as an error and
/// skipped, unread. (A model doc is a few kilobytes; reading one costs some tens of times its
/// size in memory.)
pub const MAX_DOC_BYTES: u64 = 64 << 20;

/// The most bytes of docs one run reads (1 GiB); a run over it fails before reading any.
pub const MAX_TOTAL_BYTES: u64 = 1 << 30;

/// How much is read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub doc: u64,
    pub total: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        doc: MAX_DOC_BYTES,
        total: MAX_TOTAL_BYTES,
    };
}

/// Finds the docs of every input: a folder is searched recursively for `.md`/`.mdx` files
/// (hidden files and folders below it are skipped), a file is a doc whatever its extension. A
/// file reached twice is read once. Docs over [`MAX_DOC_BYTES`] are skipped with an error
/// diagnostic; more than [`MAX_TOTAL_BYTES`] in all is [`Error::InputsTooLarge`], before any doc
/// is read.
pub(crate) fn collect(paths: &[PathBuf]) -> Result<Inputs, Error> {
    collect_within(paths, Limits::DEFAULT)
}

pub(crate) fn collect_within(paths: &[PathBuf], limits: Limits) -> Result<Inputs, Error> {
    let mut inputs = Inputs {
        docs: Vec::new(),
        sizes: Vec::new(),
        doc_limit: limits.doc,
        read: Vec::new(),
        roots: Vec::new(),
        held: Vec::new(),
        diagnostics: Diagnostics::default(),
    };
    let mut found = Found {
        // One input reaches a file twice only through a symbolic link; several can overlap.
        track: paths.len() > 1,
        ..Found::default()
    };
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::MissingInput { path: path.clone() },
            _ => Error::io(path, e),
        })?;
        let canonical = path.canonicalize().map_err(|e| Error::io(path, e))?;
        inputs.roots.push(canonical.clone());
        let mut held = InputDocs {
            input: path.clone(),
            folder: meta.is_dir(),
            docs: Vec::new(),
            others: 0,
        };
        if held.folder {
            collect_folder(path, canonical, &mut inputs.read, &mut found, &mut held)?;
        } else {
            let key = found.track.then_some(canonical);
            found.add(path.clone(), key, &mut inputs.read, &mut held);
        }
        inputs.held.push(held);
    }
    (inputs.docs, inputs.sizes) = within_limits(found.docs, limits, &mut inputs.diagnostics)?;
    Ok(inputs)
}

impl Inputs {
    /// Reads and parses the docs ([`mdgen_parse::parse_inputs`]): each doc is read by the
    /// thread that parses it, so that reading overlaps parsing, and freed once parsed. A doc
    /// that cannot be read is the error (the first in input order); one that has grown past the
    /// limit since it was measured is reported and left out.
    pub fn parse(&mut self, options: &mdgen_parse::Options) -> Result<Parsed, Error> {
        let reader = Reader::new(self.doc_limit);
        let docs = std::mem::take(&mut self.docs);
        let pending = reader.pending(docs, std::mem::take(&mut self.sizes));
        let parsed = mdgen_parse::parse_inputs(pending, options);
        reader.finish(&mut self.diagnostics)?;
        Ok(parsed)
    }
}

/// The docs no larger than `limits.doc` and their sizes, the others reported; fails when those
/// come to more than `limits.total`.
fn within_limits(
    docs: Vec<PathBuf>,
    limits: Limits,
    diagnostics: &mut Diagnostics,
) -> Result<(Vec<PathBuf>, Vec<u64>), Error> {
    let mut kept = Vec::with_capacity(docs.len());
    let mut kept_sizes = Vec::with_capacity(docs.len());
    let mut total: u64 = 0;
    let sizes = sizes(&docs);
    for (path, size) in docs.into_iter().zip(sizes) {
        let size = size.map_err(|e| Error::io(&path, e))?;
        if size > limits.doc {
            diagnostics.push(too_large(&path, size, limits.doc));
            continue;
        }
        total = total.saturating_add(size);
        kept.push(path);
        kept_sizes.push(size);
    }
    if total > limits.total {
        return Err(Error::InputsTooLarge {
            bytes: total,
            limit: limits.total,
        });
    }
    Ok((kept, kept_sizes))
}

/// The size of each of `docs`, asked on one thread per core: the answers wait on the file
/// system more than on this thread (half of finding the docs, on one thread).
fn sizes(docs: &[PathBuf]) -> Vec<std::io::Result<u64>> {
    let mut docs: Vec<&PathBuf> = docs.iter().collect();
    let runs = mdgen_ir::map_chunks(&mut docs, MIN_DOCS_PER_THREAD, |run| {
        let size = |path: &&PathBuf| std::fs::metadata(path).map(|m| m.len());
        run.iter().map(size).collect::<Vec<_>>()
    });
    runs.into_iter().flatten().collect()
}

/// Below this many docs per thread, starting threads costs more than it saves.
const MIN_DOCS_PER_THREAD: usize = 64;

fn too_large(path: &Path, size: u64, limit: u64) -> Diagnostic {
    let message = format!(
        "this doc is {size} bytes, more than the {limit} bytes mdgen reads of one doc; it is skipped"
    );
    Diagnostic::new(Severity::Error, "doc-too-large", path, 0, message)
}

/// The docs found so far, and the canonical paths of those, to read each file once.
#[derive(Default)]
struct Found {
    docs: Vec<PathBuf>,
    /// The index in `docs` of each doc, by canonical path.
    seen: HashMap<PathBuf, usize>,
    /// Whether a file can be reached twice, so that `seen` must be kept.
    track: bool,
}

impl Found {
    /// Adds the doc at `path` to the docs to read unless its canonical path `key` (`None`
    /// where no file can be reached twice) was found before, and to `held` either way.
    fn add(
        &mut self,
        path: PathBuf,
        key: Option<PathBuf>,
        read: &mut Vec<PathBuf>,
        held: &mut InputDocs,
    ) {
        if let Some(key) = key {
            if let Some(&first) = self.seen.get(&key) {
                held.docs.push(self.docs[first].clone());
                return;
            }
            self.seen.insert(key, self.docs.len());
        }
        read.push(path.clone());
        held.docs.push(path.clone());
        self.docs.push(path);
    }
}

/// Finds the docs under `root` (whose canonical path is `canonical`), adding them to `found`
/// and `held`, and the folders to `read`. Where a file can be reached twice, the canonical
/// paths that tell so are built from the folder's as the walk goes down; only a symbolic link
/// costs a `canonicalize`.
fn collect_folder(
    root: &Path,
    canonical: PathBuf,
    read: &mut Vec<PathBuf>,
    found: &mut Found,
    held: &mut InputDocs,
) -> Result<(), Error> {
    let mut walk: Vec<_> = WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| match e {
            Ok(e) if e.file_type().is_file() => {
                let doc = is_doc(e.path());
                held.others += usize::from(!doc);
                doc
            }
            Ok(e) => e.file_type().is_dir(),
            Err(_) => true,
        })
        .collect();
    // Sorted by path, the walk is in the order of a walk sorted by name in each folder (a
    // folder before what it holds); walkdir's own sorting parsed the file names out of the
    // paths at every comparison.
    walk.sort_by_cached_key(|e| {
        sort_key(match e {
            Ok(e) => e.path(),
            Err(e) => e.path().unwrap_or(root),
        })
    });
    let track = found.track || walk.iter().flatten().any(|e| e.path_is_symlink());
    // The canonical path of each folder the walk is in, by depth: in this order, the folder an
    // entry is in is the last one entered one level up.
    let mut folders: Vec<PathBuf> = Vec::new();
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(root).to_path_buf();
            Error::io(path, e.into())
        })?;
        let is_dir = entry.file_type().is_dir();
        let depth = entry.depth();
        let key = match depth.checked_sub(1).and_then(|up| folders.get(up)) {
            _ if !track => PathBuf::new(),
            _ if depth == 0 => canonical.clone(),
            Some(parent) if !entry.path_is_symlink() => parent.join(entry.file_name()),
            _ => entry
                .path()
                .canonicalize()
                .map_err(|e| Error::io(entry.path(), e))?,
        };
        if is_dir {
            read.push(entry.path().to_path_buf());
            folders.truncate(depth);
            folders.push(key);
        } else {
            found.add(entry.into_path(), track.then_some(key), read, held);
        }
    }
    Ok(())
}

/// The bytes of `path` with each separator made a NUL, which no name holds and every byte
/// follows: compared as bytes, the keys order paths component by component, as [`Path`]'s
/// own ordering does, at the cost of a byte comparison.
fn sort_key(path: &Path) -> Vec<u8> {
    let separator = |b: u8| b == b'/' || cfg!(windows) && b == b'\\';
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes
        .iter()
        .map(|&b| if separator(b) { 0 } else { b })
        .collect()
}

fn is_doc(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("mdx"))
}

/// Reads docs for the threads that parse them, and keeps what went wrong for
/// [`Reader::finish`].
struct Reader {
    limit: u64,
    /// The docs left out, by input index: with an error diagnostic, or with the error that
    /// fails the run.
    failed: Mutex<Vec<(usize, Result<Diagnostic, Error>)>>,
}

/// A doc not yet read.
struct Pending<'r> {
    index: usize,
    path: PathBuf,
    /// Its size when measured.
    size: u64,
    reader: &'r Reader,
}

impl<'r> Input<'r> for Pending<'r> {
    fn path(&self) -> &Path {
        &self.path
    }

    fn read(self) -> Option<Cow<'r, InputFile>> {
        let doc = self.reader.read(self.index, self.path, self.size);
        doc.map(Cow::Owned)
    }
}

impl Reader {
    fn new(limit: u64) -> Self {
        Reader {
            limit,
            failed: Mutex::default(),
        }
    }

    /// `docs`, in input order and of the `sizes` measured, to be read by this reader.
    fn pending(&self, docs: Vec<PathBuf>, sizes: Vec<u64>) -> Vec<Pending<'_>> {
        let pending = |(index, (path, size))| Pending {
            index,
            path,
            size,
            reader: self,
        };
        docs.into_iter()
            .zip(sizes)
            .enumerate()
            .map(pending)
            .collect()
    }

    /// The doc at `path`, the `index`th in input order, of `size` bytes when measured; `None` if
    /// it cannot be read or holds more than the limit.
    fn read(&self, index: usize, path: PathBuf, size: u64) -> Option<InputFile> {
        let failure = match read_at_most(&path, self.limit, size) {
            Ok(Some(bytes)) => return Some(InputFile { path, bytes }),
            Ok(None) => Ok(too_large(&path, self.limit.saturating_add(1), self.limit)),
            Err(e) => Err(Error::io(path, e)),
        };
        let mut failed = self.failed.lock().unwrap_or_else(PoisonError::into_inner);
        failed.push((index, failure));
        None
    }

    /// Adds the diagnostics of the docs left out, or fails with the error of the first doc (in
    /// input order) that could not be read.
    fn finish(self, diagnostics: &mut Diagnostics) -> Result<(), Error> {
        let mut failed = self
            .failed
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        failed.sort_by_key(|(index, _)| *index);
        for (_, failure) in failed {
            diagnostics.push(failure?);
        }
        Ok(())
    }
}

/// The bytes of the file at `path`, or `None` when it holds more than `limit`. `size` is what
/// it held when measured (its size is not asked again): room for that much is made at once.
fn read_at_most(path: &Path, limit: u64, size: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(limit)).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn touch(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// The docs of `inputs`, read in input order.
    fn files(inputs: &Inputs) -> Vec<InputFile> {
        let reader = Reader::new(inputs.doc_limit);
        let docs = inputs.docs.iter().cloned().zip(&inputs.sizes).enumerate();
        let read = |(i, (path, size)): (usize, (PathBuf, &u64))| reader.read(i, path, *size);
        docs.filter_map(read).collect()
    }

    #[test]
    fn sort_keys_order_paths_by_component() {
        let mut paths = ["a.md", "a-b/x.md", "a/z.md", "a/b/c.md", "A.md", "a"].map(PathBuf::from);
        let mut by_key = paths.clone();
        paths.sort();
        by_key.sort_by_cached_key(|p| sort_key(p));
        assert_eq!(by_key, paths);
        assert_eq!(paths[1], PathBuf::from("a"));
        assert_eq!(paths[2], PathBuf::from("a/b/c.md"));
    }

    #[test]
    fn folders_are_searched_recursively_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        // Created out of order, so that directory order cannot produce the sorted result.
        for name in [
            "z.md",
            "b/y.mdx",
            "a.MD",
            "b/a.md",
            "notes.txt",
            ".hidden/h.md",
            "c/d.md",
        ] {
            touch(&root.join(name), name);
        }
        let inputs = collect(std::slice::from_ref(&root)).unwrap();
        let names: Vec<_> = inputs
            .docs
            .iter()
            .map(|path| path.strip_prefix(&root).unwrap().to_path_buf())
            .collect();
        let expected: Vec<PathBuf> = ["a.MD", "b/a.md", "b/y.mdx", "c/d.md", "z.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(names, expected);
        assert_eq!(files(&inputs)[1].bytes, b"b/a.md");
        // Folders are recorded too, so that adding or removing a doc reruns a build script.
        for folder in ["", "b", "c"] {
            assert!(
                inputs.read.contains(&root.join(folder)),
                "{folder:?} not recorded"
            );
        }
        assert!(inputs.read.contains(&root.join("b/y.mdx")));
        assert!(inputs.diagnostics.0.is_empty());
    }

    #[test]
    fn a_file_input_is_read_whatever_its_extension_and_only_once() {
        let dir = tempfile::tempdir().unwrap();
        let seed = dir.path().join("seed.txt");
        touch(&seed, "# Seed");
        let inputs = collect(&[seed.clone(), dir.path().to_path_buf(), seed.clone()]).unwrap();
        assert_eq!(inputs.docs, [seed]);
        assert_eq!(inputs.roots.len(), 3);
    }

    #[test]
    fn many_files_are_read_in_order_and_links_to_one_file_count_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        for i in 0..300 {
            touch(&root.join(format!("m/{i:03}.md")), &format!("doc {i}"));
        }
        let mut expected: Vec<PathBuf> = (0..300)
            .map(|i| root.join(format!("m/{i:03}.md")))
            .collect();
        #[cfg(unix)]
        {
            // A linked folder and a linked file lead to docs already found: read once.
            std::os::unix::fs::symlink(root.join("m"), root.join("n")).unwrap();
            std::os::unix::fs::symlink(root.join("m/000.md"), root.join("z.md")).unwrap();
            touch(&root.join("zz.md"), "last");
            expected.push(root.join("zz.md"));
        }
        let inputs = collect(std::slice::from_ref(&root)).unwrap();
        assert_eq!(inputs.docs, expected);
        for (i, f) in files(&inputs).iter().take(300).enumerate() {
            assert_eq!(f.bytes, format!("doc {i}").into_bytes());
        }
    }

    #[test]
    fn docs_over_the_limit_are_skipped_and_too_much_in_all_fails() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        touch(&docs.join("a.md"), &"a".repeat(100));
        touch(&docs.join("big.md"), &"b".repeat(101));
        touch(&docs.join("c.md"), &"c".repeat(100));
        let limits = Limits {
            doc: 100,
            total: 200,
        };
        let inputs = collect_within(std::slice::from_ref(&docs), limits).unwrap();
        let read: Vec<_> = files(&inputs).iter().map(|f| f.bytes.len()).collect();
        assert_eq!(read, [100, 100]);
        let d = &inputs.diagnostics.0;
        assert_eq!(d.len(), 1, "{d:?}");
        let what = (d[0].kind.as_str(), d[0].severity);
        assert_eq!(what, ("doc-too-large", Severity::Error));
        assert!(d[0].file.ends_with("big.md"));
        assert!(d[0].message.contains("101 bytes"), "{}", d[0].message);

        let limits = Limits {
            doc: 100,
            total: 199,
        };
        let err = collect_within(&[docs], limits).unwrap_err();
        let expected = Error::InputsTooLarge {
            bytes: 200,
            limit: 199,
        };
        assert_eq!(err.to_string(), expected.to_string());
        assert!(err.to_string().contains("200 bytes"), "{err}");
    }

    #[test]
    fn a_file_read_past_the_limit_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("grown.md");
        touch(&path, "0123456789");
        assert_eq!(read_at_most(&path, 10, 10).unwrap().unwrap(), b"0123456789");
        assert_eq!(read_at_most(&path, 9, 10).unwrap(), None);
        // A file that grew or shrank since it was measured is read whole all the same.
        assert_eq!(read_at_most(&path, 10, 4).unwrap().unwrap(), b"0123456789");
        assert_eq!(read_at_most(&path, 10, 20).unwrap().unwrap(), b"0123456789");
        let reader = Reader::new(9);
        assert!(reader.read(0, path, 10).is_none());
        let mut diagnostics = Diagnostics::default();
        reader.finish(&mut diagnostics).unwrap();
        assert_eq!(diagnostics.0[0].kind, "doc-too-large");
    }

    #[test]
    fn a_doc_gone_before_it_is_read_fails_the_run_naming_the_first_in_input_order() {
        let dir = tempfile::tempdir().unwrap();
        let docs = ["b.md", "a.md", "c.md"].map(|name| dir.path().join(name));
        for doc in &docs {
            touch(doc, "# A");
        }
        let mut inputs = collect(&docs).unwrap();
        fs::remove_file(&docs[0]).unwrap();
        fs::remove_file(&docs[1]).unwrap();
        let err = inputs.parse(&mdgen_parse::Options::default()).unwrap_err();
        assert!(
            matches!(&err, Error::Io { path, .. } if *path == docs[0]),
            "{err}"
        );
    }

    #[test]
    fn each_input_records_its_docs_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        fs::create_dir_all(&empty).unwrap();
        let text = dir.path().join("text");
        for name in ["a.txt", "b/c.json", ".hidden/d.txt", ".e.txt"] {
            touch(&text.join(name), "x");
        }
        let inputs = collect(&[empty.clone(), text.clone()]).unwrap();
        let held: Vec<_> = inputs
            .held
            .iter()
            .map(|h| (&h.input, h.folder, h.docs.len(), h.others))
            .collect();
        assert_eq!(held, [(&empty, true, 0, 0), (&text, true, 0, 2)]);
        assert!(inputs.diagnostics.0.is_empty());
    }

    #[test]
    fn a_folder_whose_docs_were_found_already_is_not_empty() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        touch(&docs.join("sub/a.md"), "# A");
        let again = [docs.clone(), docs.join("sub"), docs.join("sub/../sub/.")];
        let inputs = collect(&again).unwrap();
        assert_eq!(inputs.docs.len(), 1);
        // Each input holds the doc, by the path it is read as.
        for held in &inputs.held {
            assert_eq!(held.docs, [docs.join("sub/a.md")], "{:?}", held.input);
        }
    }

    #[test]
    fn overlapping_inputs_read_each_doc_once_at_any_depth() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        for name in ["sub/a.md", "sub/deep/b.md", "z/c.md"] {
            touch(&docs.join(name), "# A");
        }
        // Each file's canonical path is built from the folder it is in: leaving `sub/deep` for
        // `z` must not keep `deep` as the folder.
        let again = [docs.clone(), docs.join("z"), docs.join("sub/deep")];
        let inputs = collect(&again).unwrap();
        let names: Vec<_> = inputs
            .docs
            .iter()
            .map(|p| p.strip_prefix(&docs).unwrap())
            .collect();
        assert_eq!(
            names,
            ["sub/a.md", "sub/deep/b.md", "z/c.md"].map(Path::new)
        );
    }

    #[test]
    fn a_missing_input_is_an_error_naming_it() {
        let missing = PathBuf::from("surely/not/here");
        let err = collect(std::slice::from_ref(&missing)).unwrap_err();
        assert!(matches!(&err, Error::MissingInput { path } if *path == missing));
        assert!(err.to_string().contains("surely/not/here"));
    }
}
