//! Every dialect's type notation, old and new generator styles, read from small fixture docs
//! (`tests/fixtures/<dialect>/`) written the way each Speakeasy SDK writes them.

mod common;

use mdgen_ir::{EnumWire, Evidence, Field, Schema, Severity, Struct, TypeDef, TypeName, TypeRef};
use mdgen_parse::{parse, Dialect, Options, Parsed};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run_with(name: &str, dialect: Option<Dialect>) -> Parsed {
    let root = fixtures().join(name);
    let files = common::docs(&root, &root);
    assert!(!files.is_empty(), "no fixtures in {}", root.display());
    parse(
        &files,
        &Options {
            dialect,
            ..Options::default()
        },
    )
}

/// Parses a fixture folder; it must read without a single unrecognized notation.
fn run(name: &str) -> Parsed {
    let p = run_with(name, None);
    let bad: Vec<String> = p
        .diagnostics
        .iter()
        .filter(|d| d.kind == "unrecognized-notation")
        .map(|d| d.to_string())
        .collect();
    assert!(bad.is_empty(), "{name}: {bad:#?}");
    p
}

/// A type, compactly: `string`, `i64`, `[Owner]` (array), `{any}` (map), `"dog"` (constant).
fn show(t: &TypeRef) -> String {
    match t {
        TypeRef::String => "string".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::Int { bits: None } => "int".into(),
        TypeRef::Int { bits: Some(b) } => format!("i{b}"),
        TypeRef::Float { bits: None } => "float".into(),
        TypeRef::Float { bits: Some(b) } => format!("f{b}"),
        TypeRef::Number => "number".into(),
        TypeRef::Decimal => "decimal".into(),
        TypeRef::BigInt => "bigint".into(),
        TypeRef::Date => "date".into(),
        TypeRef::DateTime => "datetime".into(),
        TypeRef::DateOrDateTime => "date|datetime".into(),
        TypeRef::Bytes => "bytes".into(),
        TypeRef::Any => "any".into(),
        TypeRef::Array(t) => format!("[{}]", show(t)),
        TypeRef::Map(t) => format!("{{{}}}", show(t)),
        TypeRef::Named(n) => n.0.clone(),
        TypeRef::Const(v) => v.to_string(),
    }
}

fn null(e: Evidence) -> &'static str {
    match e {
        Evidence::Yes => "yes",
        Evidence::Maybe => "maybe",
        Evidence::No => "no",
        Evidence::Unknown => "?",
    }
}

fn def<'a>(schema: &'a Schema, name: &str) -> &'a TypeDef {
    schema
        .types
        .get(&TypeName(name.into()))
        .unwrap_or_else(|| panic!("no model {name}; have {:?}", schema.types.keys()))
}

fn strukt<'a>(schema: &'a Schema, name: &str) -> &'a Struct {
    match def(schema, name) {
        TypeDef::Struct(s) => s,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn field<'a>(s: &'a Struct, name: &str) -> &'a Field {
    s.fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{} has no field {name}", s.name))
}

/// Checks `(field, type, required, nullable)` rows of one struct.
fn check(schema: &Schema, model: &str, rows: &[(&str, &str, bool, &str)]) {
    let s = strukt(schema, model);
    let mut wrong = Vec::new();
    for &(name, ty, required, nullable) in rows {
        let f = field(s, name);
        let got = (show(&f.ty), f.required, null(f.nullable));
        if got != (ty.to_string(), required, nullable) {
            wrong.push(format!(
                "{model}.{name}: got {got:?}, want {:?}",
                (ty, required, nullable)
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

fn variants(schema: &Schema, name: &str) -> Vec<(String, String)> {
    match def(schema, name) {
        TypeDef::Union(u) => u
            .variants
            .iter()
            .map(|v| (v.name.clone(), show(&v.ty)))
            .collect(),
        other => panic!("{name} is not a union: {other:?}"),
    }
}

fn values(schema: &Schema, name: &str) -> Vec<EnumWire> {
    match def(schema, name) {
        TypeDef::Enum(e) => e.values.iter().map(|v| v.value.clone()).collect(),
        other => panic!("{name} is not an enum: {other:?}"),
    }
}

fn s(v: &str) -> EnumWire {
    EnumWire::Str(v.into())
}

fn kinds(p: &Parsed, kind: &str) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn typescript() {
    let p = run("typescript");
    check(
        &p.schema,
        "Pet",
        &[
            ("id", "string", true, "?"),
            ("age", "number", false, "?"),
            ("good", "bool", false, "?"),
            ("extra", "any", false, "?"),
            ("big", "bigint", false, "?"),
            ("owner", "Owner", true, "?"),
            ("friends", "[Owner]", false, "?"),
            ("tags", "{string}", false, "?"),
            ("scores", "{[number]}", false, "?"),
            ("matrix", "[[string]]", false, "?"),
            ("kind", "\"dog\"", true, "?"),
            ("legs", "4", true, "?"),
            ("born", "datetime", false, "?"),
            ("birthday", "date", false, "?"),
            ("photo", "bytes", false, "?"),
            ("status", "Status", false, "?"),
            ("color", "Color", false, "?"),
            ("value", "PetValue", false, "?"),
        ],
    );
    let pet = strukt(&p.schema, "Pet");
    assert!(field(pet, "nickname").deprecated);
    assert!(!field(pet, "id").deprecated);
    check(&p.schema, "Photo", &[("content", "bytes", true, "?")]);
    assert_eq!(
        variants(&p.schema, "PetValue"),
        [
            ("string", "string"),
            ("number[]", "[number]"),
            ("{ [k: string]: any }", "{any}"),
            ("{ [k: string]: any }[]", "[{any}]"),
            ("shared.Owner", "Owner"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // A `| Name | Value |` table with its open-enum row, and a union of literals.
    assert_eq!(values(&p.schema, "Status"), [s("hris-legacy"), s("active")]);
    assert_eq!(values(&p.schema, "Color"), [s("red"), s("green")]);
    // The SDK's HTTP response is not JSON: skipped, with a note.
    let response = strukt(&p.schema, "GetPetResponse");
    assert!(response.fields.iter().all(|f| f.name != "rawResponse"));
    assert_eq!(kinds(&p, "sdk-field").len(), 1);
    assert!(kinds(&p, "missing-link").is_empty(), "{:#?}", p.diagnostics);
}

#[test]
fn python() {
    let p = run("python");
    check(
        &p.schema,
        "Animal",
        &[
            ("id", "string", true, "no"),
            ("count", "int", true, "no"),
            // `Optional[T]` only ever wraps optional fields, and is not nullable.
            ("ratio", "float", false, "no"),
            ("note", "string", false, "yes"),
            ("deleted", "bool", true, "yes"),
            ("payload", "any", true, "?"),
            ("blob", "bytes", false, "no"),
            ("owner", "Owner", true, "no"),
            ("maybe_owner", "Owner", false, "no"),
            ("nullable_owner", "Owner", false, "yes"),
            // Containers and dates are never wrapped, so they say nothing of null.
            ("tags", "[string]", false, "?"),
            ("owners", "[Owner]", false, "?"),
            ("maybe_owners", "[Owner]", false, "?"),
            ("matrix", "[[int]]", false, "?"),
            ("meta", "{any}", false, "?"),
            ("nested", "{{float}}", false, "?"),
            ("type", "\"animal\"", true, "no"),
            ("secret", "\"__encrypted__\"", true, "no"),
            ("flag", "true", false, "no"),
            ("file", "bytes", true, "no"),
            // Speakeasy labels date-times `[date]` and dates `[datetime]`.
            ("created_at", "datetime", false, "?"),
            ("birthday", "date", false, "?"),
            ("status", "Status", false, "no"),
            ("level", "Level", true, "no"),
            ("value", "AnimalValue", true, "no"),
            ("legacy", "Legacy", false, "no"),
        ],
    );
    check(
        &p.schema,
        "Legacy",
        &[
            ("owner", "Owner", false, "no"),
            ("owners", "[Owner]", true, "?"),
        ],
    );
    assert!(strukt(&p.schema, "Legacy")
        .fields
        .iter()
        .all(|f| f.name != "raw_response"));
    // Bullet-list enums: quoted values are strings even when they look like numbers.
    assert_eq!(
        values(&p.schema, "Status"),
        [s("active"), s("10"), s("done")]
    );
    assert_eq!(
        values(&p.schema, "Level"),
        [EnumWire::Int(1), EnumWire::Int(2), EnumWire::Int(3)]
    );
    assert_eq!(
        variants(&p.schema, "AnimalValue")
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>(),
        ["string", "[Owner]", "{any}", "datetime"]
    );
    // The retry configuration page is SDK usage, not a model.
    assert!(!p.schema.types.contains_key(&TypeName("RetryConfig".into())));
    let skipped = kinds(&p, "not-a-model");
    assert!(
        skipped.iter().any(|d| d.contains("retryconfig.md")),
        "{skipped:#?}"
    );
}

#[test]
fn go_italic_style() {
    let p = run("go-italic");
    check(
        &p.schema,
        "Thing",
        &[
            ("ID", "string", true, "no"),
            // A pointer says "absent or null"; on a required field that is null.
            ("Name", "string", false, "?"),
            ("Score", "f64", true, "yes"),
            ("Count", "i32", true, "no"),
            ("Total", "i64", false, "?"),
            ("Ratio", "f32", false, "?"),
            ("Flag", "bool", false, "?"),
            ("Ids", "[i64]", false, "?"),
            ("Names", "[string]", false, "?"),
            ("Data", "bytes", false, "no"),
            ("Owner", "Owner", false, "?"),
            ("Owners", "[Owner]", false, "?"),
            ("OwnersByID", "{Owner}", false, "?"),
            ("Meta", "{any}", false, "?"),
            ("Events", "[{any}]", false, "?"),
            ("CreatedAt", "datetime", false, "?"),
            ("Level", "Level", false, "?"),
        ],
    );
    assert_eq!(
        values(&p.schema, "Level"),
        [EnumWire::Int(1), EnumWire::Int(2)]
    );
    let response = strukt(&p.schema, "GetThingResponse");
    assert!(response.fields.iter().all(|f| f.name != "RawResponse"));
    // The SDK's options page is no model.
    assert!(kinds(&p, "not-a-model")
        .iter()
        .any(|d| d.contains("option.md")));
}

#[test]
fn go_backtick_style() {
    let p = run("go-backtick");
    check(
        &p.schema,
        "Widget",
        &[
            ("ID", "string", true, "no"),
            ("Label", "string", false, "?"),
            ("Size", "i32", false, "?"),
            ("Stamp", "i64", false, "?"),
            ("Flag", "bool", true, "no"),
            ("Tags", "[string]", false, "?"),
            ("Grid", "[[string]]", false, "?"),
            ("Extra", "{any}", false, "?"),
            ("Owner", "Owner", false, "yes"),
            ("Scopes", "[string]", false, "yes"),
            ("Main", "Owner", true, "no"),
            ("Others", "[Owner]", false, "?"),
            ("Day", "date", true, "no"),
            ("At", "datetime", false, "?"),
            ("Huge", "bigint", false, "?"),
            ("Price", "decimal", false, "?"),
            ("Amount", "Amount", false, "?"),
        ],
    );
    // Empty headings for scalars: the constructor's argument names the type.
    assert_eq!(
        variants(&p.schema, "Amount"),
        [
            ("Integer", "i64"),
            ("Str", "string"),
            ("ArrayOfStr", "[string]"),
            ("Owner", "Owner"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn java() {
    let p = run("java");
    check(
        &p.schema,
        "Account",
        &[
            ("id", "string", true, "no"),
            ("name", "string", false, "yes"),
            ("nick", "string", false, "no"),
            ("count", "i64", true, "no"),
            ("total", "i64", false, "no"),
            ("small", "i32", true, "no"),
            ("smallish", "i32", false, "yes"),
            ("ratio", "f64", true, "no"),
            ("weight", "f32", false, "no"),
            ("active", "bool", true, "no"),
            ("extra", "any", false, "?"),
            ("price", "decimal", true, "no"),
            ("huge", "bigint", false, "no"),
            ("data", "bytes", true, "no"),
            ("maybeData", "bytes", false, "no"),
            ("createdAt", "datetime", false, "?"),
            ("birthday", "date", false, "?"),
            ("owners", "[Owner]", false, "?"),
            ("grid", "[[string]]", false, "?"),
            ("tags", "{[string]}", true, "?"),
            ("meta", "{any}", false, "?"),
            ("owner", "Owner", true, "no"),
            ("maybeOwner", "Owner", false, "no"),
            ("nullableOwner", "Owner", false, "yes"),
            ("qualified", "Owner", false, "no"),
            ("stamp", "datetime", false, "?"),
            ("setter", "string", true, "yes"),
        ],
    );
    let response = strukt(&p.schema, "GetAccountResponse");
    assert!(response.fields.iter().all(|f| f.name != "rawResponse"));
    check(
        &p.schema,
        "GetAccountResponse",
        &[("statusCode", "i32", true, "no")],
    );
}

#[test]
fn csharp() {
    let p = run("csharp");
    check(
        &p.schema,
        "Account",
        &[
            ("Id", "string", true, "?"),
            ("Count", "i64", true, "?"),
            ("Small", "i32", false, "?"),
            ("Ratio", "f64", false, "?"),
            ("Weight", "f32", false, "?"),
            ("Price", "decimal", false, "?"),
            ("Huge", "bigint", false, "?"),
            ("Active", "bool", false, "?"),
            ("Extra", "any", false, "?"),
            ("Data", "bytes", false, "?"),
            ("Maybe", "i64", true, "yes"),
            ("CreatedAt", "datetime", false, "?"),
            ("Birthday", "date", false, "?"),
            ("Holiday", "date", false, "?"),
            ("Owners", "[Owner]", false, "?"),
            ("Grid", "[[string]]", false, "?"),
            ("Meta", "{any}", false, "?"),
            ("Tags", "{[string]}", false, "?"),
            ("Owner", "Owner", true, "?"),
            ("Value", "AccountValue", false, "?"),
        ],
    );
    assert!(strukt(&p.schema, "Account")
        .fields
        .iter()
        .all(|f| f.name != "RawResponse"));
    // Members are named after their types, without backticks.
    assert_eq!(
        variants(&p.schema, "AccountValue"),
        [
            ("Str", "string"),
            ("Number", "float"),
            ("ArrayOfInt32", "[i32]"),
            ("ArrayOfMapOfAny", "[{any}]"),
            ("Owner", "Owner"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn php() {
    let p = run("php");
    check(
        &p.schema,
        "Account",
        &[
            ("id", "string", true, "no"),
            ("name", "string", false, "maybe"),
            ("count", "int", true, "no"),
            ("ratio", "float", false, "maybe"),
            ("active", "bool", true, "no"),
            ("extra", "any", false, "?"),
            // PHP writes `\DateTime` for dates and date-times alike.
            ("createdAt", "date|datetime", false, "?"),
            ("price", "decimal", false, "maybe"),
            ("tags", "[string]", false, "?"),
            ("grid", "[[string]]", false, "?"),
            ("meta", "{any}", false, "?"),
            ("index", "{[string]}", true, "?"),
            ("owner", "Owner", false, "maybe"),
            ("mainOwner", "Owner", true, "no"),
            ("owners", "[Owner]", false, "?"),
            // A union spelled out in a link to its doc is that doc's model.
            ("value", "AccountValue", false, "yes"),
            ("data", "AccountData", false, "maybe"),
        ],
    );
    // `array` headings are refined by the `@var` line under them.
    assert_eq!(
        variants(&p.schema, "AccountValue")
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>(),
        ["string", "float", "Owner", "{any}", "[int]"]
    );
    assert_eq!(
        variants(&p.schema, "AccountData")
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>(),
        ["{any}", "[{any}]"]
    );
    let response = strukt(&p.schema, "GetAccountResponse");
    assert!(response.fields.iter().all(|f| f.name != "rawResponse"));
}

#[test]
fn ruby_sorbet() {
    let p = run("ruby-sorbet");
    check(
        &p.schema,
        "Account",
        &[
            ("id", "string", true, "no"),
            ("name", "string", false, "maybe"),
            ("count", "int", true, "no"),
            ("ratio", "float", false, "maybe"),
            ("active", "bool", true, "no"),
            ("extra", "any", false, "maybe"),
            // Speakeasy links date-times to Ruby's `Date` and dates to `DateTime`.
            ("created_at", "datetime", false, "?"),
            ("birthday", "date", false, "?"),
            ("tags", "[string]", false, "?"),
            ("grid", "[[string]]", false, "?"),
            ("meta", "{any}", false, "?"),
            ("index", "{[string]}", true, "?"),
            ("owner", "Owner", true, "no"),
            ("maybe_owner", "Owner", false, "maybe"),
            ("owners", "[Owner]", false, "?"),
        ],
    );
    let account = strukt(&p.schema, "Account");
    // `T.any(...)` without a doc: no IR type holds it but any JSON value, with a warning.
    assert_eq!(field(account, "loose").ty, TypeRef::Any);
    assert!(kinds(&p, "inline-union")
        .iter()
        .any(|d| d.contains("`loose`")));
    // `T.any(...)` linked to a doc names that doc's model; Ruby's union docs are empty, so
    // the members the cell lists define it (once `parse` takes a doc's extra models) or the
    // reference is reported missing.
    for (name, doc) in [("value", "accountvalue"), ("filter", "accountfilter")] {
        let f = field(account, name);
        match &f.ty {
            TypeRef::Named(n) => assert!(n.key() == doc, "{name}: {n}"),
            TypeRef::Any => assert!(
                kinds(&p, "missing-link").iter().any(|d| d.contains(doc)),
                "{name}: {:#?}",
                p.diagnostics
            ),
            other => panic!("{name}: {other:?}"),
        }
        // Optional and `T.nilable`: nullable, or only optional.
        assert_eq!(f.nullable, Evidence::Maybe);
    }
    // The empty union docs are noted, not warned about.
    let empty: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|d| d.kind == "no-definition")
        .collect();
    assert_eq!(empty.len(), 2);
    assert!(empty.iter().all(|d| d.severity == Severity::Note));
    let response = strukt(&p.schema, "GetAccountResponse");
    assert!(response.fields.iter().all(|f| f.name != "raw_response"));
}

#[test]
fn ruby_crystalline() {
    let p = run("ruby-crystalline");
    check(
        &p.schema,
        "Widget",
        &[
            ("id", "string", true, "no"),
            ("label", "string", false, "maybe"),
            ("paginated", "bool", false, "maybe"),
            ("limit", "int", false, "maybe"),
            ("tags", "[string]", false, "?"),
            ("meta", "{any}", false, "?"),
            ("owner", "Owner", false, "maybe"),
        ],
    );
}

#[test]
fn docs_every_dialect_writes() {
    let p = run("common");
    // The MDX doc is named by its front matter; the tables in its description are not fields.
    let g = strukt(&p.schema, "Gadget");
    let names: Vec<&str> = g.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["id", "owner", "legacy", "older", "kind", "priority"]
    );
    assert!(g
        .doc
        .as_deref()
        .unwrap_or_default()
        .starts_with("A gadget."));
    assert!(!g.doc.as_deref().unwrap_or_default().contains("import"));
    // Escaped pipes, `<br/>`, entities and `\{` escapes come out as the text they stand for.
    let id = field(g, "id");
    assert_eq!(
        id.doc.as_deref(),
        Some("Pipes | escaped, \nline breaks, <entities> and {braces}.")
    );
    assert_eq!(id.example.as_deref(), Some("{\n\"id\": \"g|1\"\n}"));
    assert!(field(g, "legacy").deprecated);
    assert!(field(g, "older").deprecated);
    assert!(!field(g, "owner").deprecated);
    // A link whose folders are wrong still finds the model by its name.
    check(
        &p.schema,
        "Gadget",
        &[
            ("owner", "Owner", false, "?"),
            ("kind", "Kind", false, "?"),
            ("priority", "Priority", false, "?"),
        ],
    );
    assert!(kinds(&p, "missing-link").is_empty(), "{:#?}", p.diagnostics);
    // Enums: deprecated models and values, string values that look like numbers, integers.
    let TypeDef::Enum(kind) = def(&p.schema, "Kind") else {
        panic!("Kind is not an enum")
    };
    assert!(kind.deprecated);
    let flags: Vec<(EnumWire, bool)> = kind
        .values
        .iter()
        .map(|v| (v.value.clone(), v.deprecated))
        .collect();
    assert_eq!(flags, [(s("a"), false), (s("b"), true), (s("10"), false)]);
    assert_eq!(kind.values[0].doc.as_deref(), Some("The first."));
    assert_eq!(
        values(&p.schema, "Priority"),
        [EnumWire::Int(1), EnumWire::Int(10), EnumWire::Int(-1)]
    );
    // Not models: the SDK usage page, the retry configuration, the folder's README.
    assert!(!p.schema.types.contains_key(&TypeName("RetryConfig".into())));
    assert!(!p.schema.types.contains_key(&TypeName("Gadgets".into())));
    let skipped = kinds(&p, "not-a-model");
    for file in ["README.md", "retryconfig.md", "gadgets/README.md"] {
        assert!(
            skipped.iter().any(|d| d.contains(file)),
            "{file}: {skipped:#?}"
        );
    }
    assert!(p
        .diagnostics
        .iter()
        .filter(|d| d.kind == "not-a-model")
        .all(|d| d.severity == Severity::Note));
}

#[test]
fn a_forced_dialect_reads_every_doc_in_it() {
    // Detected per file, the TypeScript fixtures read cleanly (see above); forced to PHP, the
    // TypeScript names are not PHP and say so.
    let p = run_with("typescript", Some(Dialect::Php));
    let bad = kinds(&p, "unrecognized-notation");
    assert!(
        bad.iter().any(|d| d.contains("`number` is not a PHP type")),
        "{bad:#?}"
    );
    // Forced to the dialect it is written in, nothing changes.
    let forced = run_with("ruby-sorbet", Some(Dialect::Ruby));
    assert_eq!(forced.schema, run("ruby-sorbet").schema);
}
