//! `mdgen diff OLD... -- NEW...`: the report, `--json`, and the exit status CI gates on.

mod common;

use common::{mdgen, s, stderr};
use std::fs;
use std::path::{Path, PathBuf};

const ACCOUNT_V1: &str = "# Account\n\n## Fields\n\n| Field | Type | Required | Description |\n\
    | --- | --- | --- | --- |\n| `id` | *string* | :heavy_check_mark: | N/A |\n\
    | `ownerId` | *string* | :heavy_check_mark: | N/A |\n";

/// v1 with a field added: not breaking.
const ACCOUNT_V2: &str = "# Account\n\n## Fields\n\n| Field | Type | Required | Description |\n\
    | --- | --- | --- | --- |\n| `id` | *string* | :heavy_check_mark: | N/A |\n\
    | `ownerId` | *string* | :heavy_check_mark: | N/A |\n| `tags` | array<*string*> | :heavy_minus_sign: | N/A |\n";

/// v2 with `id` now an integer: breaking.
const ACCOUNT_V3: &str = "# Account\n\n## Fields\n\n| Field | Type | Required | Description |\n\
    | --- | --- | --- | --- |\n| `id` | *int* | :heavy_check_mark: | N/A |\n\
    | `ownerId` | *string* | :heavy_check_mark: | N/A |\n| `tags` | array<*string*> | :heavy_minus_sign: | N/A |\n";

fn docs(dir: &Path, name: &str, account: &str) -> PathBuf {
    let folder = dir.join(name);
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("Account.md"), account).unwrap();
    folder
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn exits_0_without_a_breaking_change_and_1_with_one() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = docs(dir.path(), "v1", ACCOUNT_V1);
    let v2 = docs(dir.path(), "v2", ACCOUNT_V2);
    let v3 = docs(dir.path(), "v3", ACCOUNT_V3);

    let out = mdgen(&["diff", s(&v1), "--", s(&v2)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "          Account.tags: field added (optional array<string>)\n\
         1 change, 0 breaking: 1 field-added\n"
    );

    // Several inputs on a side are fused (v1 and v2 make v2); options may follow the new docs.
    let out = mdgen(&[
        "diff",
        s(&v1),
        s(&v2),
        "--",
        s(&v2),
        "--wire-case",
        "snake_case",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "no changes\n");
    let out = mdgen(&["diff", s(&v2), "--", s(&v3), "--wire-case", "snake_case"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "breaking  Account.id: type string → int\n1 change, 1 breaking: 1 field-type\n"
    );

    let out = mdgen(&["diff", s(&v3), "--", s(&v3)]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "no changes\n");
}

#[test]
fn json_lists_every_change_with_its_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = docs(dir.path(), "v1", ACCOUNT_V1);
    let v3 = docs(dir.path(), "v3", ACCOUNT_V3);
    let out = mdgen(&[
        "diff",
        "--json",
        s(&v1),
        "--",
        s(&v3),
        "--wire-case",
        "snake_case",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "breaking": true,
            "changes": [
                {"model": "Account", "kind": "field-added", "member": "tags", "old": null,
                 "new": "optional array<string>", "breaking": false},
                {"model": "Account", "kind": "field-type", "member": "id", "old": "string",
                 "new": "int", "breaking": true},
            ]
        })
    );
}

#[test]
fn a_config_file_applies_to_both_sides_but_its_inputs_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = docs(dir.path(), "v1", ACCOUNT_V1);
    let v2 = docs(dir.path(), "v2", ACCOUNT_V2);
    let config = dir.path().join("mdgen.toml");
    let write = |only: &str| {
        let text = format!("inputs = [\"no/such/docs\"]\nonly = [\"{only}\"]\n");
        fs::write(&config, text).unwrap();
    };
    write("Account");
    let out = mdgen(&["diff", s(&v1), "--", s(&v2), "--config", s(&config)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("1 change, 0 breaking: 1 field-added\n"));
    write("Nope");
    let out = mdgen(&["diff", s(&v1), "--", s(&v2), "--config", s(&config)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no model named `Nope`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn docs_that_cannot_be_compared_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = docs(dir.path(), "v1", ACCOUNT_V1);
    let text = dir.path().join("text");
    fs::create_dir_all(&text).unwrap();
    fs::write(text.join("notes.txt"), "x").unwrap();
    for args in [
        &["diff", s(&v1)][..],   // no new docs
        &["diff", "--", s(&v1)], // no old docs
        &["diff", s(&v1), "--"], // nothing after the separator
        &["diff", s(&v1), "--", s(&v1), "--wire-case", "snake"],
        &["diff", s(&v1), "--", "no/such/docs"],
        &["diff", s(&text), "--", s(&v1)],
    ] {
        let out = mdgen(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = mdgen(&["diff", s(&text), "--", s(&v1)]);
    assert!(
        stderr(&out).contains("no model docs: 1 file, none `.md`/`.mdx`"),
        "{}",
        stderr(&out)
    );
}
