//! Scale: a folder of 20,000 docs and a single 50 MB doc are generated within a bounded amount
//! of memory (the peak resident size of the `mdgen` process is measured), and the limits on what
//! is read (`mdgen::MAX_DOC_BYTES`, `mdgen::MAX_TOTAL_BYTES`) are clear errors.
//!
//! The worst 50 MB doc, a Fields table of 310,000 rows, takes long in a debug build; it is
//! ignored by default: `cargo test --release -p mdgen-cli --test scale -- --ignored`.

#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

const MIB: u64 = 1 << 20;

/// What a run of `mdgen` did: its exit code, its stderr, and its peak resident size in bytes.
struct Run {
    code: Option<i32>,
    stderr: String,
    peak: u64,
}

/// Runs `mdgen args` and measures its peak resident size (`wait4`'s `ru_maxrss`).
#[allow(clippy::zombie_processes)] // waited for by `wait4`, which `Child::wait` cannot replace
fn mdgen(args: &[&str], dir: &Path) -> Run {
    let err_path = dir.join("stderr.txt");
    let err_file = fs::File::create(&err_path).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_mdgen"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(err_file)
        .spawn()
        .expect("mdgen runs");
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills in; the child is ours and waited for
    // once, here (never through `Child::wait`).
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let waited = libc::wait4(pid, &mut status, 0, &mut usage);
        assert_eq!(waited, pid, "wait4");
        usage
    };
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Run {
        code,
        stderr: fs::read_to_string(&err_path).unwrap(),
        peak: u64::try_from(usage.ru_maxrss).unwrap() * 1024, // kilobytes on Linux
    }
}

/// Runs `mdgen generate INPUT --out DIR/models.rs -q`, which must succeed; the run and the code.
fn generate(input: &Path, dir: &Path) -> (Run, String) {
    let out = dir.join("models.rs");
    let args = [
        "generate",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
    ];
    let run = mdgen(&args, dir);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let code = fs::read_to_string(&out).unwrap();
    (run, code)
}

/// A model doc named `Model<i>` whose `next` field references the next model, the last the
/// first: one ring of references through all of them.
fn ring_doc(i: usize, n: usize) -> String {
    let next = (i + 1) % n;
    format!(
        "# Model{i:05}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n\
         | `id` | *string* | :heavy_check_mark: | The id. |\n\
         | `count` | *number* | :heavy_minus_sign: | How many. |\n\
         | `next` | [Model{next:05}](m{next:05}.md) | :heavy_minus_sign: | The next one. |\n"
    )
}

#[test]
fn a_folder_of_twenty_thousand_docs() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let n = 20_000;
    for i in 0..n {
        let folder = docs.join(format!("part{:03}", i % 200));
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join(format!("m{i:05}.md")), ring_doc(i, n)).unwrap();
    }
    let (run, code) = generate(&docs, dir.path());
    assert_eq!(code.matches("\npub struct Model").count(), n);
    // Every model is in the one ring, so each `next` is boxed.
    let boxed = "pub next: ::std::option::Option<::std::boxed::Box<Model";
    assert_eq!(code.matches(boxed).count(), n);
    assert!(run.peak < 1024 * MIB, "peak {} MiB", run.peak / MIB);
    eprintln!("20,000 docs: peak {} MiB", run.peak / MIB);
}

/// A 50 MB doc as a huge one is: an Example Usage block of 50 MB, and 5,000 fields.
#[test]
fn a_fifty_megabyte_doc() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::from(
        "# Huge\n\nA model with a huge example.\n\n## Example Usage\n\n```typescript\n",
    );
    let mut i = 0;
    while doc.len() < 50_000_000 {
        doc += &format!(
            "const value{i}: Huge = {{ field{:04}: \"an ordinary example value\" }};\n",
            i % 5000
        );
        i += 1;
    }
    doc += "```\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n";
    for i in 0..5000 {
        doc += &format!("| `field{i:04}` | *string* | :heavy_minus_sign: | Field {i}. |\n");
    }
    let path = dir.path().join("huge.md");
    fs::write(&path, &doc).unwrap();
    drop(doc);
    let (run, code) = generate(&path, dir.path());
    assert_eq!(code.matches("pub field").count(), 5000);
    assert!(run.peak < 1024 * MIB, "peak {} MiB", run.peak / MIB);
    eprintln!("a 50 MB doc: peak {} MiB", run.peak / MIB);
}

/// The worst case: 50 MB of Fields rows, one struct of 310,000 fields.
#[test]
#[ignore = "minutes in a debug build: run with --release -- --ignored"]
fn a_fifty_megabyte_fields_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::from(
        "# Huge\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n",
    );
    let mut i = 0;
    while doc.len() < 50_000_000 {
        doc += &format!(
            "| `field{i:06}` | *string* | :heavy_minus_sign: | The field number {i}, described at some \
             length so that the row is as long as real rows are. | value-{i} |\n"
        );
        i += 1;
    }
    let path = dir.path().join("huge.md");
    fs::write(&path, &doc).unwrap();
    drop(doc);
    let (run, code) = generate(&path, dir.path());
    assert_eq!(code.matches("pub field").count(), i);
    assert!(run.peak < 3 * 1024 * MIB, "peak {} MiB", run.peak / MIB);
    eprintln!(
        "a 50 MB Fields table ({i} fields): peak {} MiB",
        run.peak / MIB
    );
}

#[test]
fn the_limits_on_what_is_read_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("m00000.md"), ring_doc(0, 1)).unwrap();
    // Files of that size without the bytes (sparse): never read, so never allocated.
    let too_big = docs.join("too-big.md");
    fs::File::create(&too_big)
        .unwrap()
        .set_len(mdgen::MAX_DOC_BYTES + 1)
        .unwrap();
    let out = dir.path().join("models.rs");
    let args = [
        "generate",
        docs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let run = mdgen(&args, dir.path());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("error[doc-too-large]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("too-big.md"), "{}", run.stderr);
    assert!(
        run.peak < 256 * MIB,
        "the big doc was read: {} MiB",
        run.peak / MIB
    );
    // The rest is still generated.
    assert!(fs::read_to_string(&out)
        .unwrap()
        .contains("pub struct Model00000"));

    fs::remove_file(&too_big).unwrap();
    let parts = mdgen::MAX_TOTAL_BYTES / mdgen::MAX_DOC_BYTES + 1;
    for i in 0..parts {
        let part = fs::File::create(docs.join(format!("part{i}.md"))).unwrap();
        part.set_len(mdgen::MAX_DOC_BYTES).unwrap();
    }
    fs::remove_file(&out).unwrap();
    let run = mdgen(&args, dir.path());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let limit = format!(
        "more than the {} bytes mdgen reads in one run",
        mdgen::MAX_TOTAL_BYTES
    );
    assert!(run.stderr.contains(&limit), "{}", run.stderr);
    assert!(!out.exists());
    assert!(
        run.peak < 256 * MIB,
        "the docs were read: {} MiB",
        run.peak / MIB
    );
}
