//! Inputs that yield no model: `mdgen generate` fails saying what they hold, and writes nothing.

mod common;

use common::{mdgen, s, stackone, stderr};
use std::fs;

#[test]
fn an_input_without_model_docs_exits_1_saying_what_it_holds_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    for name in ["a.txt", "b.txt", "c.yaml"] {
        fs::write(docs.join(name), "# A\n\n## Fields\n").unwrap();
    }
    let out_file = dir.path().join("models.rs");
    let krate = dir.path().join("crate");
    for output in [
        &["--out", s(&out_file)][..],
        &["--crate", s(&krate), "--name", "m"],
    ] {
        let out = mdgen(&[&["generate", s(&docs)], output].concat());
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let expected = format!(
            "error: {}: no model docs: 3 files, none `.md`/`.mdx`\n",
            s(&docs)
        );
        assert_eq!(stderr(&out), expected);
    }
    assert!(!out_file.exists() && !krate.exists());

    // Beside docs that do yield models, the input that yields none is named, with the
    // diagnostics that say why.
    fs::write(docs.join("README.md"), "# Models\n").unwrap();
    fs::write(docs.join("broken.md"), b"# Broken\n\xff\n").unwrap();
    let out = mdgen(&["generate", s(&stackone()), s(&docs), "--out", s(&out_file)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("warning[invalid-utf8]"), "{err}");
    assert!(
        err.ends_with(&format!(
            "error: {}: no model docs: 2 markdown files, none a model doc (no Fields, Values or \
             Supported Types section): README.md, broken.md\n",
            s(&docs)
        )),
        "{err}"
    );
    assert!(!out_file.exists());

    let out = mdgen(&["ir", s(&docs)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
