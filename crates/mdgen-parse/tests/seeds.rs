//! The seed docs (docs-input/stackone: two models in PHP, Ruby and TypeScript) read and fused.

mod common;

use mdgen_ir::{Evidence, Schema, Severity, TypeDef, TypeName, TypeRef, WireCase};
use mdgen_parse::{parse, InputFile, Options, Parsed};
use std::path::Path;

fn seeds() -> Vec<InputFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input/stackone");
    common::docs(&root, &root)
}

fn run() -> Parsed {
    parse(
        &seeds(),
        &Options {
            wire_case: Some(WireCase::Snake),
            ..Options::default()
        },
    )
}

fn def<'a>(schema: &'a Schema, name: &str) -> &'a TypeDef {
    &schema.types[&TypeName(name.into())]
}

#[test]
fn seeds_fuse_into_two_structs_and_two_inferred_enums() {
    let p = run();
    let names: Vec<_> = p.schema.types.keys().map(|n| n.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "ConnectSessionToken",
            "ConnectSessionTokenAuthLink",
            "ConnectSessionTokenAuthLinkCategories",
            "ConnectSessionTokenAuthLinkType",
            "ConnectSessionTokenCategories"
        ]
    );
    let TypeDef::Enum(e) = def(&p.schema, "ConnectSessionTokenAuthLinkType") else {
        panic!()
    };
    assert!(!e.values_known);
    assert_eq!(
        serde_json::to_string(&e.values.iter().map(|v| &v.value).collect::<Vec<_>>()).unwrap(),
        r#"["PRODUCTION","TEST"]"#
    );
}

#[test]
fn auth_link_fields_have_the_fused_facts() {
    let p = run();
    let TypeDef::Struct(s) = def(&p.schema, "ConnectSessionTokenAuthLink") else {
        panic!()
    };
    let row = |name: &str| {
        let f = s
            .fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no {name}"));
        (
            f.wire.name.clone(),
            f.ty.clone(),
            f.required,
            f.nullable,
            f.observed.len(),
        )
    };
    // PHP lists 16 fields, the newest version; the others fuse into them.
    assert_eq!(s.fields.len(), 16);
    assert_eq!(
        row("id"),
        (
            "id".into(),
            TypeRef::Float { bits: None },
            true,
            Evidence::No,
            3
        )
    );
    assert_eq!(
        row("organizationId"),
        (
            "organization_id".into(),
            TypeRef::Float { bits: None },
            true,
            Evidence::No,
            3
        )
    );
    assert_eq!(
        row("provider"),
        (
            "provider".into(),
            TypeRef::String,
            false,
            Evidence::Maybe,
            3
        )
    );
    // PHP (`\DateTime`) and Ruby (`[Date](..)`) never mark dates nullable, optional or not:
    // their generators print dates without `?` or `T.nilable`, so neither says "not null".
    assert_eq!(
        row("createdAt"),
        (
            "created_at".into(),
            TypeRef::DateTime,
            true,
            Evidence::Unknown,
            3
        )
    );
    // Only the newest (PHP) version has these: optional, nullable as PHP shows.
    assert_eq!(
        row("metadata"),
        ("metadata".into(), TypeRef::Any, false, Evidence::Maybe, 1)
    );
    assert_eq!(
        row("type"),
        (
            "type".into(),
            TypeRef::Named(TypeName("ConnectSessionTokenAuthLinkType".into())),
            false,
            Evidence::Maybe,
            1
        )
    );
    assert_eq!(
        row("categories").1,
        TypeRef::Array(Box::new(TypeRef::Named(TypeName(
            "ConnectSessionTokenAuthLinkCategories".into()
        ))))
    );
}

#[test]
fn diagnostics_are_only_missing_links_and_name_the_cell() {
    let p = run();
    assert!(
        p.diagnostics
            .iter()
            .all(|d| d.kind == "missing-link" && d.severity == Severity::Warning),
        "{:#?}",
        p.diagnostics
    );
    let meta: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("Metadata"))
        .collect();
    assert_eq!(meta.len(), 1);
    // One warning per missing doc: Categories (twice), Metadata and Type.
    assert_eq!(p.diagnostics.0.len(), 4);
    assert_eq!(meta[0].to_string(), "php/ConnectSessionTokenAuthLink.md:19:149: warning[missing-link]: no doc for `ConnectSessionTokenAuthLinkMetadata`, used by field `metadata`; references to it accept any JSON value: `[?Components\\ConnectSessionTokenAuthLinkMetadata](../../Models/Components/ConnectSessionTokenAuthLinkMetadata.md)`");
}

#[test]
fn output_does_not_depend_on_file_order() {
    let mut files = seeds();
    let a = parse(&files, &Options::default());
    files.reverse();
    let b = parse(&files, &Options::default());
    assert_eq!(a.schema, b.schema);
    assert_eq!(a.diagnostics, b.diagnostics);
}
