//! Same inputs, byte-identical output: whatever the order the files were written in (and so
//! listed on disk), the name of the folder they are copied to, the order of the inputs, an
//! input given twice or by a roundabout path, and from run to run. The docs are the seeds of
//! `docs-input/stackone` (three dialects, fused) and, when `../shared/corpus` is there, its
//! `unstructured` folder and a slice of StackOne's five SDKs.

use mdgen::{Builder, Diagnostic, WireCase};
use std::fs;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Which docs of a folder to take.
type Filter = fn(&Path) -> bool;

/// The docs: (label, folder, which files of it).
fn sources() -> Vec<(String, PathBuf, Filter)> {
    let all: Filter = |_| true;
    // Docs whose names start with `Account` or `account`: each is fused across the five SDKs.
    let slice: Filter = |p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().to_lowercase().starts_with("account"))
    };
    let mut out = Vec::new();
    for dialect in ["php", "ruby", "typescript"] {
        let folder = repo().join("docs-input/stackone").join(dialect);
        out.push((format!("seeds-{dialect}"), folder, all));
    }
    let corpus = repo().join("../shared/corpus");
    let unstructured = corpus.join("unstructured/python");
    if unstructured.is_dir() {
        out.push(("unstructured".to_string(), unstructured, all));
    }
    for sdk in ["csharp", "java", "php", "ruby", "typescript"] {
        let folder = corpus.join("stackone").join(sdk);
        if folder.is_dir() {
            out.push((format!("stackone-{sdk}"), folder, slice));
        }
    }
    out
}

/// Every doc of the sources: (label, path within the source folder, source path).
fn docs() -> Vec<(String, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for (label, folder, keep) in sources() {
        for entry in walkdir::WalkDir::new(&folder).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            let doc = entry.file_type().is_file() && path.extension().is_some_and(|x| x == "md");
            if doc && keep(path) {
                let rel = path.strip_prefix(&folder).unwrap().to_path_buf();
                out.push((label.clone(), rel, path.to_path_buf()));
            }
        }
    }
    out
}

/// A pseudo-random permutation of `0..n` (xorshift), the same for the same seed.
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

/// Copies the docs below `root`, one folder per source, writing the files in a shuffled order
/// (so that the order a folder lists them in differs from copy to copy). Returns the folders.
fn copy(root: &Path, seed: u64) -> Vec<PathBuf> {
    let docs = docs();
    for i in shuffled(docs.len(), seed) {
        let (label, rel, source) = &docs[i];
        let to = root.join(label).join(rel);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(source, to).unwrap();
    }
    sources()
        .into_iter()
        .map(|(label, _, _)| root.join(label))
        .collect()
}

/// The diagnostics, with the copy's root taken out of paths and messages.
fn diagnostics(list: &[Diagnostic], root: &Path) -> Vec<String> {
    let root = root.display().to_string();
    list.iter()
        .map(|d| {
            let mut d = d.clone();
            d.file = d.file.strip_prefix(&root).unwrap_or(&d.file).to_path_buf();
            d.message = d.message.replace(&root, "");
            format!("{d:?}")
        })
        .collect()
}

fn generate(inputs: &[PathBuf]) -> mdgen::Generation {
    Builder::new()
        .inputs(inputs)
        .wire_case(WireCase::Snake)
        .generate()
        .unwrap()
}

#[test]
fn output_is_the_same_for_shuffled_renamed_copies_and_any_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs().len();
    assert!(docs >= 5, "{docs} docs");

    let first_root = dir.path().join("docs");
    let first = copy(&first_root, 1);
    let expected = generate(&first);
    assert!(expected.code.contains("pub struct ConnectSessionToken "));
    let expected_diagnostics = diagnostics(&expected.diagnostics.0, &first_root);
    // Run to run, in one process.
    assert_eq!(generate(&first).code, expected.code);

    for seed in [2, 3, 4] {
        let root = dir.path().join(format!("copy {seed} elsewhere/ünïcode"));
        let folders = copy(&root, seed);
        // The inputs in another order; once also one given twice and one by a roundabout path.
        let mut inputs: Vec<PathBuf> = shuffled(folders.len(), seed)
            .into_iter()
            .map(|i| folders[i].clone())
            .collect();
        if seed == 3 {
            inputs.push(folders[0].clone());
            let roundabout = root.join("seeds-php/../seeds-ruby/.");
            inputs.push(roundabout);
        }
        let g = generate(&inputs);
        assert!(
            g.code == expected.code,
            "copy {seed}: the code differs (inputs {inputs:?})"
        );
        assert_eq!(
            diagnostics(&g.diagnostics.0, &root),
            expected_diagnostics,
            "copy {seed}"
        );
    }
}
