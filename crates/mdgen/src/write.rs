//! Writing output: atomically, only when it changed, never into an input.

use crate::Error;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Writes `contents` to `path` unless the file already holds exactly that (so its mtime, and
/// cargo's incremental state, are kept). Creates missing parent folders. The new content goes to
/// a temporary file in the same folder that then replaces `path`, so a reader (or a failed run)
/// sees the old file or the new one, never half of one. Returns whether the file was written.
#[cfg(test)]
pub(crate) fn write_if_changed(path: &Path, contents: &str) -> Result<bool, Error> {
    match stage(path, contents)? {
        Some(staged) => staged.commit().map(|()| true),
        None => Ok(false),
    }
}

/// A file's new content, written to a temporary file beside it, not yet in place.
///
/// The file is not synced to disk: the rename alone keeps readers and failed runs from seeing
/// half a file, and the output is a build product that the next build writes again, as cargo
/// and rustc treat theirs. A sync costs milliseconds per file, more than the rest of a write.
pub(crate) struct Staged {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl Staged {
    /// Replaces the file with the new content (a rename within its folder). Dropping a
    /// `Staged` instead deletes the temporary file and leaves the file as it was.
    pub(crate) fn commit(self) -> Result<(), Error> {
        let path = self.path;
        self.tmp
            .persist(&path)
            .map(drop)
            .map_err(|e| Error::io(&path, e.error))
    }
}

/// The first half of writing a file if changed: `None` when `path` already holds `contents`, else
/// the content staged beside it. Fails, touching nothing, where `path` could not be replaced.
pub(crate) fn stage(path: &Path, contents: &str) -> Result<Option<Staged>, Error> {
    if !is_stale(path, contents)? {
        return Ok(None);
    }
    let err = |e| Error::io(path, e);
    if path.is_dir() {
        return Err(err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a folder, where mdgen would write a file",
        )));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent).map_err(err)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".mdgen-").suffix(".tmp");
    if let Some(perms) = permissions_for(path) {
        builder.permissions(perms);
    }
    let mut tmp = builder.tempfile_in(parent).map_err(err)?;
    tmp.write_all(contents.as_bytes()).map_err(err)?;
    Ok(Some(Staged {
        path: path.to_path_buf(),
        tmp,
    }))
}

/// Whether `path` is missing or holds something other than `contents`.
pub(crate) fn is_stale(path: &Path, contents: &str) -> Result<bool, Error> {
    match fs::read(path) {
        Ok(old) => Ok(old != contents.as_bytes()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// The existing file's permissions, or the usual ones of a new file (a temporary file would
/// otherwise be readable by its owner only).
fn permissions_for(path: &Path) -> Option<fs::Permissions> {
    match fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    }
}

#[cfg(unix)]
fn default_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<fs::Permissions> {
    None
}

/// Refuses `output` when it is one of `inputs` or inside one (inputs are canonical paths).
pub(crate) fn refuse_inside_inputs(output: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let resolved = resolve(output).map_err(|e| Error::io(output, e))?;
    match inputs.iter().find(|input| resolved.starts_with(input)) {
        Some(input) => Err(Error::OutputInsideInput {
            output: output.to_path_buf(),
            input: input.clone(),
        }),
        None => Ok(()),
    }
}

/// The canonical form of a path that may not exist yet: its longest existing ancestor
/// canonicalized, the rest appended.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    let mut resolved = loop {
        match existing.canonicalize() {
            Ok(base) => break base,
            Err(e) => match (existing.parent(), existing.components().next_back()) {
                (Some(parent), Some(last)) => {
                    missing.push(last);
                    existing = parent;
                }
                _ => return Err(e),
            },
        }
    };
    for component in missing.into_iter().rev() {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => resolved.push(other),
        }
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn writes_creating_folders_and_replaces_changed_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/lib.rs");
        assert!(write_if_changed(&path, "one").unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        assert!(write_if_changed(&path, "two").unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        // No temporary files are left behind.
        let names: Vec<_> = fs::read_dir(dir.path().join("a/b")).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_file_that_cannot_be_replaced_fails_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("models.rs");
        fs::create_dir_all(&folder).unwrap();
        assert!(stage(&folder, "x").is_err());
        // A staged file dropped, not committed, leaves nothing behind.
        let path = dir.path().join("lib.rs");
        fs::write(&path, "old").unwrap();
        drop(stage(&path, "new").unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn unchanged_content_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.rs");
        fs::write(&path, "same").unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert!(!write_if_changed(&path, "same").unwrap());
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), old);
        assert!(write_if_changed(&path, "changed").unwrap());
        assert_ne!(fs::metadata(&path).unwrap().modified().unwrap(), old);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_world_readable_and_existing_modes_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.rs");
        write_if_changed(&path, "x").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_if_changed(&path, "y").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn staleness() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x");
        assert!(is_stale(&path, "a").unwrap());
        fs::write(&path, "a").unwrap();
        assert!(!is_stale(&path, "a").unwrap());
        assert!(is_stale(&path, "b").unwrap());
    }

    #[test]
    fn outputs_inside_inputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        fs::create_dir_all(&docs).unwrap();
        let doc = dir.path().join("one.md");
        fs::write(&doc, "").unwrap();
        let inputs = [docs.canonicalize().unwrap(), doc.canonicalize().unwrap()];

        let inside = docs.join("not/yet/there/lib.rs");
        let err = refuse_inside_inputs(&inside, &inputs).unwrap_err();
        assert!(matches!(err, Error::OutputInsideInput { .. }));
        assert!(refuse_inside_inputs(&doc, &inputs).is_err());
        // `..` is resolved, not compared literally.
        let sneaky = dir.path().join("out/../docs/lib.rs");
        assert!(refuse_inside_inputs(&sneaky, &inputs).is_err());

        assert!(refuse_inside_inputs(&dir.path().join("out/lib.rs"), &inputs).is_ok());
        assert!(refuse_inside_inputs(&dir.path().join("docs2/lib.rs"), &inputs).is_ok());
    }
}
