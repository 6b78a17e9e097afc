//! `Builder::write_to_out_dir` as a build script calls it, in a process of its own (it reads
//! `OUT_DIR` from the environment).

use mdgen::Builder;
use std::fs;

#[test]
fn a_build_script_whose_inputs_hold_no_model_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    fs::create_dir_all(&out_dir).unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(
        docs.join("README.md"),
        "# My API\n\nModels are in `models/`.\n",
    )
    .unwrap();
    std::env::set_var("OUT_DIR", &out_dir);

    let err = Builder::new()
        .input(&docs)
        .write_to_out_dir("models.rs")
        .unwrap_err();
    // What `fn main() -> Result<(), Box<dyn Error>>` of a build script prints.
    let shown = format!("{err:?}");
    assert!(
        shown.ends_with("docs: no model docs: 1 markdown file, not a model doc (no Fields, Values or Supported Types section): README.md"),
        "{shown}"
    );
    assert!(!out_dir.join("models.rs").exists());
}
