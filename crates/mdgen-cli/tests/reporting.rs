//! What the `mdgen` command tells: rustc-style diagnostics (file:line:column, the offending
//! cell underlined), a summary count after them, `--strict` making warnings errors, `-q`
//! printing only errors, and the exit codes: 0 success (warnings allowed), 1 errors, 2 usage.

mod common;

use common::{mdgen, s, stderr};
use std::fs;
use std::path::Path;

/// Line 7 has a Type cell that is no type (a warning); `broken.md`, when asked for, has a
/// Fields table without Field and Type columns (an error).
fn docs(dir: &Path, broken: bool) -> String {
    let docs = dir.join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(
        docs.join("pet.md"),
        "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *strang[* | :heavy_check_mark: | N/A |\n| `name` | *string* | :heavy_minus_sign: | N/A |\n",
    )
    .unwrap();
    if broken {
        fs::write(
            docs.join("broken.md"),
            "# Broken\n\n## Fields\n\n| Name | Kind |\n| --- | --- |\n| a | b |\n",
        )
        .unwrap();
    }
    s(&docs).to_string()
}

#[test]
fn a_bad_cell_is_shown_at_its_file_line_and_column_underlined() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs(dir.path(), false);
    let out = dir.path().join("m.rs");
    let run = mdgen(&["generate", &docs, "--out", s(&out)]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "warnings only: {}",
        stderr(&run)
    );
    let err = stderr(&run);
    let lines: Vec<&str> = err.lines().collect();
    let title = lines
        .iter()
        .position(|l| l.starts_with("warning[unrecognized-notation]"))
        .expect(&err);
    assert!(
        lines[title + 1].ends_with("pet.md:7:10"),
        "file:line:column: {err}"
    );
    let source = lines[title + 2..]
        .iter()
        .position(|l| l.starts_with("7 |"))
        .map(|i| i + title + 2)
        .expect(&err);
    let cell = lines[source].find("*strang[*").expect(&err);
    let marks = lines[source + 1];
    assert_eq!(marks.find('-'), Some(cell), "{err}");
    assert_eq!(marks.matches('-').count(), "*strang[*".len(), "{err}");
}

#[test]
fn the_summary_counts_what_was_shown_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs(dir.path(), true);
    let out = dir.path().join("m.rs");
    let run = mdgen(&["generate", &docs, "--out", s(&out)]);
    assert_eq!(run.status.code(), Some(1), "an error: {}", stderr(&run));
    let err = stderr(&run);
    let lines: Vec<&str> = err.lines().collect();
    let summary = lines
        .iter()
        .position(|l| l.starts_with("mdgen: 1 error, 1 warning"))
        .expect(&err);
    let last_diagnostic = lines
        .iter()
        .rposition(|l| l.starts_with("error[") || l.starts_with("warning["))
        .expect(&err);
    assert!(summary > last_diagnostic, "{err}");
    // Outside strict mode, what could be read is still written.
    assert!(fs::read_to_string(&out)
        .unwrap()
        .contains("pub struct Pet "));
}

#[test]
fn strict_makes_warnings_errors_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs(dir.path(), false);
    let out = dir.path().join("m.rs");
    let run = mdgen(&["generate", &docs, "--out", s(&out), "--strict"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("error[unrecognized-notation]"), "{err}");
    assert!(!err.contains("warning["), "{err}");
    assert!(err.contains("strict mode (warnings are errors)"), "{err}");
    assert!(!out.exists());
    // Without --strict the same docs succeed.
    let run = mdgen(&["generate", &docs, "--out", s(&out)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

#[test]
fn quiet_prints_only_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.rs");

    let warnings_only = docs(dir.path(), false);
    let run = mdgen(&["generate", &warnings_only, "--out", s(&out), "-q"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(stderr(&run), "", "nothing to say");

    let broken = docs(dir.path(), true);
    let run = mdgen(&["generate", &broken, "--out", s(&out), "-q"]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(err.contains("error[bad-table]"), "{err}");
    assert!(err.contains("broken.md:3"), "{err}");
    assert!(!err.contains("warning[") && !err.contains("note["), "{err}");
    assert!(err.contains("mdgen: 1 error\n"), "{err}");
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs(dir.path(), false);
    let out = dir.path().join("m.rs");
    let out = s(&out);
    assert_eq!(
        mdgen(&["generate", &docs, "--out", out]).status.code(),
        Some(0)
    );
    // Errors: a doc that cannot be read, a missing input, --check finding a stale file.
    let broken = self::docs(dir.path(), true);
    assert_eq!(
        mdgen(&["generate", &broken, "--out", out]).status.code(),
        Some(1)
    );
    let missing = ["generate", "no/such/folder", "--out", out];
    assert_eq!(mdgen(&missing).status.code(), Some(1));
    fs::write(out, "stale").unwrap();
    let check = ["generate", &docs, "--out", out, "--check"];
    assert_eq!(mdgen(&check).status.code(), Some(1));
    // Usage: an unknown flag, a bad value, no output named.
    for usage in [
        &["generate", &docs, "--out", out, "--frobnicate"][..],
        &["generate", &docs, "--out", out, "--wire-case", "shouty"],
        &["generate", &docs],
        &["ir"],
    ] {
        assert_eq!(mdgen(usage).status.code(), Some(2), "{usage:?}");
    }
}
