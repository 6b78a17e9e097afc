//! Helpers shared by the integration tests.

use mdgen_parse::InputFile;
use std::path::{Path, PathBuf};

/// Every `.md` and `.mdx` file below `dir`, in path order, named relative to `base`.
pub fn docs(dir: &Path, base: &Path) -> Vec<InputFile> {
    let mut out = Vec::new();
    collect(dir, base, &mut out);
    out
}

fn collect(dir: &Path, base: &Path, out: &mut Vec<InputFile>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, base, out);
        } else if path.extension().is_some_and(|x| x == "md" || x == "mdx") {
            let bytes = std::fs::read(&path).unwrap();
            let path = path.strip_prefix(base).unwrap_or(&path).to_path_buf();
            out.push(InputFile { path, bytes });
        }
    }
}
