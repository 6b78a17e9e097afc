//! Each fusion rule, on one small API documented by TypeScript, Go and Python SDKs
//! (tests/fixtures/fusion).

mod common;

use mdgen_ir::{
    EnumWire, Evidence, Field, Schema, Struct, TypeDef, TypeName, TypeRef, WireBasis, WireCase,
};
use mdgen_parse::{parse, InputFile, Options, Parsed};
use std::path::Path;

fn files() -> Vec<InputFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fusion");
    common::docs(&root, &root)
}

fn run(options: &Options) -> Parsed {
    parse(&files(), options)
}

fn strukt<'a>(schema: &'a Schema, name: &str) -> &'a Struct {
    match schema.types.get(&TypeName(name.into())) {
        Some(TypeDef::Struct(s)) => s,
        other => panic!("{name}: {other:?}"),
    }
}

fn field<'a>(s: &'a Struct, name: &str) -> &'a Field {
    let key = mdgen_ir::normalize_key(name);
    s.fields
        .iter()
        .find(|f| mdgen_ir::normalize_key(&f.name) == key)
        .unwrap_or_else(|| panic!("no field {name} in {}", s.name))
}

fn named(n: &str) -> TypeRef {
    TypeRef::Named(TypeName(n.into()))
}

#[test]
fn models_and_fields_match_by_normalized_name_and_a_model_in_one_input_is_kept() {
    let p = run(&Options::default());
    let names: Vec<_> = p.schema.types.keys().map(|n| n.0.as_str()).collect();
    assert_eq!(names, ["Account", "AccountStatus", "Owner", "Tag"]);
    let account = strukt(&p.schema, "Account");
    // `accountId` (TypeScript) and `AccountID` (Go) are one field, seen twice.
    assert_eq!(account.fields.len(), 9);
    assert_eq!(field(account, "accountId").observed.len(), 2);
    // Tag is documented only in Python, and TypeScript's reference to it resolves.
    assert_eq!(
        field(account, "tags").ty,
        TypeRef::Array(Box::new(named("Tag")))
    );
}

#[test]
fn each_fact_comes_from_the_strongest_evidence() {
    let p = run(&Options::default());
    let account = strukt(&p.schema, "Account");
    // TypeScript `number`, Go `int64`: a 64-bit integer.
    assert_eq!(
        field(account, "balance").ty,
        TypeRef::Int { bits: Some(64) }
    );
    // TypeScript `Date` (date-time), Go `types.Date` (date): the example `2021-03-04` says date.
    assert_eq!(field(account, "openedOn").ty, TypeRef::Date);
    // Only Go shows nullability: `OptionalNullable`.
    assert_eq!(field(account, "nickname").nullable, Evidence::Yes);
    assert_eq!(field(account, "accountId").nullable, Evidence::No);
    // Enum values are the union of both Values tables.
    let Some(TypeDef::Enum(status)) = p.schema.types.get(&TypeName("AccountStatus".into())) else {
        panic!("no AccountStatus")
    };
    let values: Vec<_> = status.values.iter().map(|v| v.value.clone()).collect();
    assert_eq!(
        values,
        ["active", "frozen", "closed"].map(|v| EnumWire::Str(v.into()))
    );
}

#[test]
fn version_drift_makes_fields_optional() {
    let p = run(&Options::default());
    let account = strukt(&p.schema, "Account");
    // Required in TypeScript, absent from the newer Go SDK.
    assert!(!field(account, "legacyCode").required);
    // Required in both.
    assert!(field(account, "accountId").required);
    // Required in TypeScript, optional (`*string`) in Go.
    assert!(!field(strukt(&p.schema, "Owner"), "ownerId").required);
}

#[test]
fn contradictions_are_warned_with_both_places_and_accept_anything() {
    let p = run(&Options::default());
    assert_eq!(field(strukt(&p.schema, "Account"), "kind").ty, TypeRef::Any);
    let conflicts: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|d| d.kind == "type-conflict")
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    assert_eq!(
        conflicts[0].to_string(),
        "go/account.md:14: warning[type-conflict]: field `kind` is `string` at typescript/account.md:26 but `bool` here; it accepts any JSON value"
    );
}

#[test]
fn wire_names_come_from_examples_then_their_convention() {
    let p = run(&Options::default());
    let wire = |s: &str, f: &str| {
        let w = &field(strukt(&p.schema, s), f).wire;
        (w.name.clone(), w.basis)
    };
    // The Example cell of `owner` shows Owner's keys.
    assert_eq!(
        wire("Owner", "fullName"),
        ("full_name".into(), WireBasis::Example)
    );
    assert_eq!(
        wire("Owner", "ownerId"),
        ("owner_id".into(), WireBasis::Example)
    );
    // Those keys are snake_case: the convention for the rest, said in one note.
    assert_eq!(
        wire("Account", "accountId"),
        ("account_id".into(), WireBasis::Convention)
    );
    assert_eq!(wire("Tag", "name"), ("name".into(), WireBasis::Convention));
    let notes: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|d| d.kind.contains("wire"))
        .map(|d| d.kind.as_str())
        .collect();
    assert_eq!(notes, ["wire-convention"]);
}

#[test]
fn configured_wire_names_always_win() {
    let mut options = Options {
        wire_case: Some(WireCase::Camel),
        ..Options::default()
    };
    options.models.insert(
        "owner".into(),
        mdgen_parse::ModelOptions {
            wire_case: None,
            rename: [("OwnerID".to_string(), "id".to_string())].into(),
        },
    );
    let p = run(&options);
    let wire = |s: &str, f: &str| field(strukt(&p.schema, s), f).wire.clone();
    assert_eq!(wire("Account", "accountId").name, "accountId");
    assert_eq!(wire("Owner", "ownerId").name, "id");
    assert_eq!(wire("Owner", "ownerId").basis, WireBasis::Config);
    // The rename contradicts the Example cell: said once. The run's case gives way to the
    // keys Example cells show.
    assert_eq!(wire("Owner", "fullName").name, "full_name");
    let conflicts = p
        .diagnostics
        .iter()
        .filter(|d| d.kind == "wire-name-conflict")
        .count();
    assert_eq!(conflicts, 1);
}
