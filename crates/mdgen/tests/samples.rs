//! Samples (`Builder::sample`, `[samples]` in mdgen.toml): a captured body settles the keys of
//! its model, a key no field has is a warning, and a file that is not JSON an error naming
//! where.

use mdgen::{Builder, Error};
use std::fs;
use std::path::Path;

/// A Go doc of `Account` (`AccountID`, `Balance`), in `dir/docs`.
fn docs(dir: &Path) -> std::path::PathBuf {
    doc(
        dir,
        "account.md",
        "# Account\n\n```go\nx\n```\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `AccountID` | `string` | :heavy_check_mark: | N/A |\n| `Balance` | `*float64` | :heavy_minus_sign: | N/A |\n",
    )
}

/// The doc `text` as `dir/docs/name`; returns `dir/docs`.
fn doc(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let docs = dir.join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join(name), text).unwrap();
    docs
}

#[test]
fn a_sample_settles_keys_and_a_key_no_field_has_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs(dir.path());
    let sample = dir.path().join("account.json");
    fs::write(
        &sample,
        r#"{"account_ID": "a", "balance": null, "extra_key": 1}"#,
    )
    .unwrap();
    let g = Builder::new()
        .input(&docs)
        .sample("Account", &sample)
        .generate()
        .unwrap();
    assert!(g.code.contains(r#"rename = "account_ID""#), "{}", g.code);
    // `balance` was seen null: optional and nullable, the tri-state.
    assert!(g.code.contains("double_option"), "{}", g.code);
    let warnings: Vec<String> = g.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("account.json") && warnings[0].contains("`extra_key` in `Account`"),
        "{warnings:?}"
    );
    // The sample is an input: a build script reruns when it changes.
    assert!(g.inputs_read.contains(&sample));
}

#[test]
fn a_sample_settles_whether_numbers_are_sent_as_strings() {
    let dir = tempfile::tempdir().unwrap();
    let docs = doc(
        dir.path(),
        "meter.md",
        "# Meter\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n| `Reading` | `int64` | :heavy_check_mark: | N/A | 12 |\n| `Total` | `int64` | :heavy_check_mark: | N/A | \"12\" |\n",
    );
    let generate = |sample: &str| {
        let file = dir.path().join("meter.json");
        fs::write(&file, sample).unwrap();
        let g = Builder::new().input(&docs).sample("Meter", &file);
        g.generate().unwrap().code
    };
    let adapted = |code: &str| code.matches("DisplayFromStr").count();
    // Over the examples (a bare number, a quoted one), the sample says which is a string.
    assert_eq!(adapted(&generate(r#"{"reading": "1", "total": 2}"#)), 1);
    let code = generate(r#"{"reading": "1", "total": 2}"#);
    assert!(
        code.contains("DisplayFromStr>\")]\n    pub reading: i64,\n    pub total: i64,"),
        "{code}"
    );
    // Without a number in the sample, the quoted example stands.
    assert_eq!(adapted(&generate(r#"{"reading": 1}"#)), 1);
    assert!(generate(r#"{"reading": 1}"#).contains("DisplayFromStr>\")]\n    pub total"));
}

#[test]
fn samples_are_read_from_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    docs(dir.path());
    fs::write(dir.path().join("a.json"), r#"[{"ACCOUNT_ID": "a"}]"#).unwrap();
    let config = dir.path().join("mdgen.toml");
    fs::write(
        &config,
        "inputs = [\"docs\"]\n[samples]\nAccount = [\"a.json\"]\n",
    )
    .unwrap();
    let g = Builder::new().config_file(&config).generate().unwrap();
    // The model's own key votes for its other keys too: `BALANCE`.
    assert!(
        g.code.contains(r#"rename_all = "SCREAMING_SNAKE_CASE""#),
        "{}",
        g.code
    );
}

#[test]
fn a_sample_that_is_not_json_is_an_error_naming_file_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs(dir.path());
    let sample = dir.path().join("bad.json");
    fs::write(&sample, "{\n  \"account_id\": \"a\",\n  oops\n}").unwrap();
    let err = Builder::new()
        .input(&docs)
        .sample("Account", &sample)
        .generate()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Sample {
                line: 3,
                column: 3,
                ..
            }
        ),
        "{err}"
    );
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "{}:3:3: the sample is not JSON: key must be a string",
            sample.display()
        )),
        "{text}"
    );
}

#[test]
fn a_sample_settles_a_notation_written_for_dates_and_date_times_alike() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    let date = "[\\DateTime](https://www.php.net/manual/en/class.datetime.php)";
    let mut doc = "# Filing\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n".to_string();
    for (member, ty) in [
        ("on", date.to_string()),
        ("at", date.to_string()),
        ("days", format!("array<{date}>")),
        ("unseen", date.to_string()),
    ] {
        doc += &format!("| `{member}` | {ty} | :heavy_check_mark: | N/A |\n");
    }
    fs::write(docs.join("Filing.md"), doc).unwrap();
    let sample = dir.path().join("filing.json");
    fs::write(
        &sample,
        r#"{"on": "2024-01-31", "at": "2024-01-31T10:00:00Z", "days": ["2024-02-01"]}"#,
    )
    .unwrap();
    let g = Builder::new()
        .input(&docs)
        .sample("Filing", &sample)
        .generate()
        .unwrap();
    for field in [
        "pub on: ::chrono::NaiveDate,",
        "pub at: ::chrono::DateTime<::chrono::FixedOffset>,",
        "pub days: ::std::vec::Vec<::chrono::NaiveDate>,",
        "pub unseen: DateOrDateTime,",
    ] {
        assert!(g.code.contains(field), "{field}\n{}", g.code);
    }
}
