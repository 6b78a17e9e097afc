//! `mdgen::diff` over two versions of a small API's docs: each kind of change, its verdict,
//! and nothing reported where only the dialect or the layout of the docs changed.

use mdgen::{diff, Builder, ChangeKind, Diff, Schema, WireCase};
use std::fs;
use std::path::{Path, PathBuf};

/// A Fields table of PHP docs: rows of (member, Type cell, required).
fn fields(name: &str, rows: &[(&str, &str, bool)]) -> String {
    let mut doc = format!(
        "# {name}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    );
    for (member, ty, required) in rows {
        let required = if *required {
            ":heavy_check_mark:"
        } else {
            ":heavy_minus_sign:"
        };
        doc += &format!("| `{member}` | {ty} | {required} | N/A |\n");
    }
    doc
}

fn values(name: &str, values: &[&str]) -> String {
    let mut doc = format!("# {name}\n\n## Values\n\n| Name | Value |\n| --- | --- |\n");
    for v in values {
        doc += &format!("| `{}` | {v} |\n", v.to_uppercase());
    }
    doc
}

/// A union doc of PHP, its members by Type as PHP writes them.
fn union(name: &str, members: &[&str]) -> String {
    let mut doc = format!("# {name}\n\n\n## Supported Types\n\n");
    for m in members {
        doc += &format!(
            "### `{m}`\n\n```php\n/**\n* @var {m}\n*/\n{m} $value = /* values here */\n```\n\n"
        );
    }
    doc
}

fn link(model: &str) -> String {
    format!("[Components\\{model}](../../Models/Components/{model}.md)")
}

/// Writes `docs` (file name, text) into the folder `dir`.
fn write(dir: &Path, docs: &[(&str, String)]) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    for (name, text) in docs {
        fs::write(dir.join(name), text).unwrap();
    }
    dir.to_path_buf()
}

fn schema(builder: Builder) -> Schema {
    builder.parse().unwrap().schema
}

/// The changes as `breaking kind Model.member` lines.
fn lines(d: &Diff) -> Vec<String> {
    d.changes
        .iter()
        .map(|c| {
            let mark = if c.breaking { "breaking " } else { "" };
            let member = c
                .member
                .as_deref()
                .map(|m| format!(".{m}"))
                .unwrap_or_default();
            format!("{mark}{} {}{member}", c.kind.as_str(), c.model)
        })
        .collect()
}

/// The old docs of the test API.
fn old_docs(dir: &Path) -> PathBuf {
    let account = fields(
        "Account",
        &[
            ("id", "*string*", true),
            ("name", "*string*", false),
            ("age", "*int*", true),
            ("legacy", "*string*", true),
            ("nickname", "*?string*", false),
            ("email", "*string*", true),
            ("phone", "*?string*", true),
            ("score", "*float*", false),
            ("ownerId", "*string*", false),
            ("status", &link("Status"), false),
            ("pet", &link("Pet"), false),
            ("shape", &link("Shape"), false),
        ],
    );
    write(
        dir,
        &[
            ("Account.md", account),
            (
                "Status.md",
                values("Status", &["active", "closed", "pending"]),
            ),
            ("Pet.md", union("Pet", &["string", "Components\\Cat"])),
            ("Cat.md", fields("Cat", &[("lives", "*int*", true)])),
            ("Shape.md", fields("Shape", &[("sides", "*int*", true)])),
            ("Legacy.md", fields("Legacy", &[("x", "*string*", true)])),
        ],
    )
}

/// The new docs: every kind of change to the old.
fn new_docs(dir: &Path) -> PathBuf {
    let account = fields(
        "Account",
        &[
            ("id", "*string*", true),
            ("name", "*string*", true),     // now required
            ("age", "*string*", true),      // int → string
            ("email", "*?string*", true),   // may now be null
            ("phone", "*string*", true),    // may no longer be null
            ("score", "*int*", false),      // float → int
            ("ownerId", "*string*", false), // renamed by the config below
            ("status", &link("Status"), false),
            ("pet", &link("Pet"), false),
            ("shape", &link("Shape"), false),
            ("tags", "array<*string*>", false), // added, optional
            ("region", "*string*", true),       // added, required
        ],
    );
    write(
        dir,
        &[
            ("Account.md", account),
            (
                "Status.md",
                values("Status", &["active", "archived", "closed"]),
            ),
            (
                "Pet.md",
                union("Pet", &["string", "int", "Components\\Kitty"]),
            ),
            ("Kitty.md", fields("Kitty", &[("lives", "*int*", true)])),
            ("Shape.md", values("Shape", &["square"])),
            ("Fresh.md", fields("Fresh", &[("y", "*string*", false)])),
        ],
    )
}

#[test]
fn every_kind_of_change_is_reported_with_its_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let old = schema(Builder::new().input(old_docs(&dir.path().join("old"))));
    let new = schema(
        Builder::new()
            .input(new_docs(&dir.path().join("new")))
            .rename("Account", "ownerId", "owner"),
    );
    let d = diff(&old, &new);
    assert_eq!(
        lines(&d),
        [
            "breaking field-removed Account.legacy",
            "field-removed Account.nickname",
            "breaking field-added Account.region",
            "field-added Account.tags",
            "breaking field-type Account.age",
            "breaking field-type Account.score",
            "breaking field-required Account.name",
            "breaking field-nullable Account.email",
            "field-nullable Account.phone",
            "breaking field-key Account.owner",
            "model-added Fresh",
            "model-renamed Kitty",
            "breaking model-removed Legacy",
            "breaking member-added Pet.int",
            "breaking model-kind Shape",
            "breaking value-removed Status.pending",
            "value-added Status.archived",
        ]
    );
    assert!(d.is_breaking());
    let shown: Vec<String> = d.changes.iter().map(ToString::to_string).collect();
    for line in [
        "Account.legacy: field removed (was required string)",
        "Account.tags: field added (optional array<string>)",
        "Account.age: type int → string",
        "Account.name: optional → required",
        "Account.email: not nullable → nullable",
        "Account.owner: JSON key `ownerId` → `owner`",
        "Kitty: renamed from Cat",
        "Pet: member int added",
        "Shape: struct → enum",
        "Status: value `pending` removed",
        "Legacy: struct removed",
    ] {
        assert!(
            shown.iter().any(|s| s == line),
            "{line:?} not in {shown:#?}"
        );
    }
    let report = d.to_string();
    assert!(
        report.starts_with("breaking  Account.legacy: field removed"),
        "{report}"
    );
    assert!(
        report.ends_with("17 changes, 11 breaking: 1 model-removed, 1 model-added, 1 model-renamed, 1 model-kind, 2 field-removed, 2 field-added, 2 field-type, 1 field-required, 2 field-nullable, 1 field-key, 1 value-removed, 1 value-added, 1 member-added\n"),
        "{report}"
    );

    // Backwards, additions are removals and the other way round.
    let back = diff(&new, &old);
    let kinds = |d: &Diff, kind| d.changes.iter().filter(|c| c.kind == kind).count();
    assert_eq!(kinds(&back, ChangeKind::FieldRemoved), 2);
    assert_eq!(kinds(&back, ChangeKind::ModelRenamed), 1);
    assert!(back
        .changes
        .iter()
        .any(|c| c.to_string() == "Cat: renamed from Kitty"));
}

#[test]
fn additions_alone_do_not_break() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(
        &dir.path().join("old"),
        &[
            ("A.md", fields("A", &[("id", "*string*", true)])),
            ("E.md", values("E", &["x"])),
        ],
    );
    let new = write(
        &dir.path().join("new"),
        &[
            (
                "A.md",
                fields("A", &[("id", "*string*", true), ("more", "*int*", false)]),
            ),
            ("E.md", values("E", &["x", "y"])),
            ("B.md", fields("B", &[("id", "*string*", true)])),
        ],
    );
    let d = diff(
        &schema(Builder::new().input(&old)),
        &schema(Builder::new().input(&new)),
    );
    assert_eq!(
        lines(&d),
        ["field-added A.more", "model-added B", "value-added E.y"]
    );
    assert!(!d.is_breaking());
    let same = schema(Builder::new().input(&old));
    let none = diff(&same, &same);
    assert!(none.changes.is_empty());
    assert_eq!(none.to_string(), "no changes\n");
}

#[test]
fn the_same_api_in_another_dialect_or_layout_is_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let php = write(
        &dir.path().join("php"),
        &[(
            "Pet.md",
            fields(
                "Pet",
                &[
                    ("petId", "*int*", true),
                    ("weight", "*float*", false),
                    ("nickName", "*?string*", false),
                    ("tags", "array<*string*>", false),
                    (
                        "bornOn",
                        "[\\DateTime](https://www.php.net/manual/en/class.datetime.php)",
                        false,
                    ),
                ],
            ),
        )],
    );
    // TypeScript: `number` for both numbers, a date where PHP's `\DateTime` says date or
    // date-time, nullability unstated, snake_case members in another order, a wide table.
    let ts = write(
        &dir.path().join("ts"),
        &[(
            "pet.md",
            "# Pet\n\n## Example Usage\n\n```typescript\nlet value: Pet = {};\n```\n\n## Fields\n\n\
             | Field          | Type           | Required           | Description |\n\
             | -------------- | -------------- | ------------------ | ----------- |\n\
             | `tags`         | *string*[]     | :heavy_minus_sign: | Tags.       |\n\
             | `pet_id`       | *number*       | :heavy_check_mark: | The id.     |\n\
             | `weight`       | *number*       | :heavy_minus_sign: | N/A         |\n\
             | `nick_name`    | *string*       | :heavy_minus_sign: | N/A         |\n\
             | `born_on`      | [RFCDate](../../types/rfcdate.md) | :heavy_minus_sign: | N/A |\n"
                .to_string(),
        )],
    );
    let read = |dir: &Path| schema(Builder::new().input(dir).wire_case(WireCase::Snake));
    let d = diff(&read(&php), &read(&ts));
    assert!(d.changes.is_empty(), "{d}");
    // Without a convention the keys are the member names as each dialect spells them, which
    // says nothing about the JSON either.
    let d = diff(
        &schema(Builder::new().input(&php)),
        &schema(Builder::new().input(&ts)),
    );
    assert!(d.changes.is_empty(), "{d}");
}

#[test]
fn the_values_of_an_enum_are_one_line_of_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let many: Vec<String> = (0..12).map(|i| format!("v{i:02}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let old = write(&dir.path().join("old"), &[("E.md", values("E", &["a"]))]);
    let new = write(&dir.path().join("new"), &[("E.md", values("E", &many))]);
    let d = diff(
        &schema(Builder::new().input(&old)),
        &schema(Builder::new().input(&new)),
    );
    assert_eq!(d.changes.len(), 13);
    assert_eq!(
        d.to_string(),
        "breaking  E: value `a` removed\n          \
         E: 12 values added: `v00`, `v01`, `v02`, `v03`, `v04`, `v05`, `v06`, `v07` and 4 more\n\
         13 changes, 1 breaking: 1 value-removed, 12 value-added\n"
    );
}

/// StackOne's TypeScript SDK (2026-02-24) against its Ruby SDK (2026-04-23), from the corpus
/// beside the repository; skipped, with a message, when it is not there. Two releases apart and
/// in two dialects: the API's drift is reported, and nothing that is only how the dialects
/// write the same thing.
#[test]
fn stackone_typescript_to_ruby_reports_the_drift_between_releases() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/stackone");
    if !corpus.is_dir() {
        eprintln!("skipped: no corpus at {}", corpus.display());
        return;
    }
    let read = |dir: &str| {
        schema(
            Builder::new()
                .input(corpus.join(dir))
                .wire_case(WireCase::Snake),
        )
    };
    let (ts, ruby) = (read("typescript/docs/sdk/models"), read("ruby/docs/models"));
    let d = diff(&ts, &ruby);
    let report = d.to_string();
    // Read in the docs: the Ruby SDK's ActionSearchResultDto has `id` and `similarity_score`
    // where TypeScript's had five more required fields; ActionSearchDto gained
    // `min_similarity`; ContentValue lists file formats instead of content types.
    for line in [
        "breaking  ActionSearchResultDto.action_name: field removed (was required string)\n",
        "breaking  ActionSearchResultDto.id: field added (required string)\n",
        "          ActionSearchDto.min_similarity: field added (optional float)\n",
        "breaking  ContentValue: 5 values removed: `article`, `audio`, `document`, `quiz`, `video`\n",
        "          Exclude: renamed from ExcludeT\n",
    ] {
        assert!(report.contains(line), "{line:?} not in\n{report}");
    }
    assert!(d.is_breaking());
    // TypeScript states no nullability and writes `number` for Ruby's Integer and Float; keys
    // come from the same convention on both sides.
    for kind in [ChangeKind::FieldNullable, ChangeKind::FieldKey] {
        let found: Vec<_> = d.changes.iter().filter(|c| c.kind == kind).collect();
        assert!(found.is_empty(), "{found:#?}");
    }
    assert_eq!(diff(&ts, &ruby), d, "deterministic");
    assert!(diff(&ruby, &ruby).changes.is_empty());
}
