//! Finding and reading the input docs.

use crate::Error;
use mdgen_ir::{Diagnostic, Diagnostics, Severity};
use mdgen_parse::InputFile;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The docs of a run, read.
#[derive(Debug, Default)]
pub(crate) struct Inputs {
    /// Every doc, in input order, each folder's docs sorted by path.
    pub files: Vec<InputFile>,
    /// Every file and folder read (for `cargo:rerun-if-changed`).
    pub read: Vec<PathBuf>,
    /// The inputs as given, canonical: no output may go inside them.
    pub roots: Vec<PathBuf>,
    /// Folders without docs.
    pub diagnostics: Diagnostics,
}

/// Reads every input: a folder is searched recursively for `.md`/`.mdx` files (hidden files and
/// folders below it are skipped), a file is read whatever its extension. A file reached twice is
/// read once.
pub(crate) fn collect(paths: &[PathBuf]) -> Result<Inputs, Error> {
    let mut inputs = Inputs::default();
    let mut seen = BTreeSet::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::MissingInput { path: path.clone() },
            _ => Error::io(path, e),
        })?;
        inputs
            .roots
            .push(path.canonicalize().map_err(|e| Error::io(path, e))?);
        if meta.is_dir() {
            let before = inputs.files.len();
            collect_folder(path, &mut inputs, &mut seen)?;
            if inputs.files.len() == before {
                inputs.diagnostics.push(Diagnostic::new(
                    Severity::Warning,
                    "no-docs",
                    path,
                    0,
                    "no .md or .mdx files in this folder",
                ));
            }
        } else {
            read_file(path, &mut inputs, &mut seen)?;
        }
    }
    Ok(inputs)
}

fn collect_folder(
    root: &Path,
    inputs: &mut Inputs,
    seen: &mut BTreeSet<PathBuf>,
) -> Result<(), Error> {
    let walk = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(root).to_path_buf();
            Error::io(path, e.into())
        })?;
        if entry.file_type().is_dir() {
            inputs.read.push(entry.into_path());
        } else if entry.file_type().is_file() && is_doc(entry.path()) {
            read_file(entry.path(), inputs, seen)?;
        }
    }
    Ok(())
}

fn is_doc(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("mdx"))
}

fn read_file(path: &Path, inputs: &mut Inputs, seen: &mut BTreeSet<PathBuf>) -> Result<(), Error> {
    let key = path.canonicalize().map_err(|e| Error::io(path, e))?;
    if !seen.insert(key) {
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    inputs.read.push(path.to_path_buf());
    inputs.files.push(InputFile {
        path: path.to_path_buf(),
        bytes,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn touch(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
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
            .files
            .iter()
            .map(|f| f.path.strip_prefix(&root).unwrap().to_path_buf())
            .collect();
        let expected: Vec<PathBuf> = ["a.MD", "b/a.md", "b/y.mdx", "c/d.md", "z.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(names, expected);
        assert_eq!(inputs.files[1].bytes, b"b/a.md");
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
        assert_eq!(inputs.files.len(), 1);
        assert_eq!(inputs.files[0].path, seed);
        assert_eq!(inputs.roots.len(), 3);
    }

    #[test]
    fn an_empty_folder_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = collect(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(inputs.diagnostics.0.len(), 1);
        assert_eq!(inputs.diagnostics.0[0].kind, "no-docs");
    }

    #[test]
    fn a_missing_input_is_an_error_naming_it() {
        let missing = PathBuf::from("surely/not/here");
        let err = collect(std::slice::from_ref(&missing)).unwrap_err();
        assert!(matches!(&err, Error::MissingInput { path } if *path == missing));
        assert!(err.to_string().contains("surely/not/here"));
    }
}
