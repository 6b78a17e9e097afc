//! A schema exercising every feature: the code parses, is deterministic, names its deps.
//!
//! With `MDGEN_EMIT_DUMP=DIR` set, the test also writes `DIR/Cargo.toml` and `DIR/src/lib.rs`,
//! so the code can be built, linted and round-trip tested as a crate of its own.

use crate::test_schema::*;
use crate::{cargo_toml, emit, Deps, Emitted, Options};
use mdgen_ir::{Evidence, Schema, Severity, TypeDef, TypeRef};
use serde_json::json;

/// Every type mapping, optionality row, enum kind and naming hazard in one schema.
pub fn rich_schema() -> Schema {
    let int = |bits| TypeRef::Int { bits };
    let float = |bits| TypeRef::Float { bits };
    let list = |t| TypeRef::Array(Box::new(t));
    let map = |t| TypeRef::Map(Box::new(t));
    let mut legacy = field("legacy", TypeRef::String, false);
    legacy.deprecated = true;
    let mut unknown_nullable = field("maybe", TypeRef::String, false);
    unknown_nullable.nullable = Evidence::Unknown;
    let mut employee = strukt(
        "Employee",
        vec![
            doc(field("id", TypeRef::String, true), "The ID.<br/>Unique."),
            nullable(field("manager_id", TypeRef::String, true)),
            field("nickname", TypeRef::String, false),
            nullable(field("ended_at", TypeRef::DateTime, false)),
            unknown_nullable,
            legacy,
            field("type", named("status"), true),
            field("self", TypeRef::Bool, false),
            field("small", int(Some(32)), false),
            field("big", int(Some(64)), false),
            field("count", int(None), false),
            field("ratio32", float(Some(32)), false),
            field("ratio", float(None), false),
            field("number", TypeRef::Number, false),
            field("salary", TypeRef::Decimal, false),
            field("huge", TypeRef::BigInt, false),
            field("born", TypeRef::Date, false),
            field("photo", TypeRef::Bytes, false),
            field("extra", TypeRef::Any, false),
            field("tags", list(TypeRef::String), false),
            field("scores", map(float(None)), false),
            field("kind", TypeRef::Const(json!("employee")), false),
            field("active", TypeRef::Const(json!(true)), false),
            field("version", TypeRef::Const(json!(2)), false),
            field("weight", TypeRef::Const(json!(1.5)), false),
            field("nothing", TypeRef::Const(json!(null)), false),
            field("priority", named("Priority"), false),
            field("mixed", named("Mixed"), false),
            field("old", named("OldThing"), false),
            field("olds", list(named("OldThing")), false),
            field("old_enum", named("OldLevel"), false),
            field("pet", named("Pet"), false),
            field("missing", named("NotDocumented"), false),
            field("parent", named("Employee"), false),
            field("reports", list(named("Employee")), false),
        ],
    );
    if let TypeDef::Struct(s) = &mut employee {
        s.doc = Some("An employee.<br/>```\n{\"id\": \"1\"}\n```".into());
    }
    let mut status = enumeration(
        "status",
        vec![
            str_value(None, "active"),
            str_value(Some("StatusInactive"), "inactive"),
            str_value(None, "unknown"),
            str_value(None, "1080p"),
        ],
    );
    if let TypeDef::Enum(e) = &mut status {
        e.values[1].deprecated = true;
        e.values_known = false;
    }
    let mut old_level = enumeration(
        "OldLevel",
        vec![int_value(None, 1), int_value(None, i64::MIN)],
    );
    if let TypeDef::Enum(e) = &mut old_level {
        e.deprecated = true;
        e.values[0].deprecated = true;
    }
    let mut old_thing = strukt("OldThing", vec![field("x", TypeRef::Bool, false)]);
    if let TypeDef::Struct(s) = &mut old_thing {
        s.deprecated = true;
    }
    let mut pet = union(
        "Pet",
        vec![
            named("Cat"),
            named("Dog"),
            TypeRef::String,
            int(None),
            TypeRef::Number,
            TypeRef::Bool,
            list(TypeRef::Any),
            named("OldThing"),
            named("Pet"),
        ],
    );
    if let TypeDef::Union(u) = &mut pet {
        u.variants[0].name = "shared.Cat".into();
        u.variants[7].name = "Models\\OldThing".into();
        u.variants[8].name = "Pet".into();
    }
    schema(vec![
        employee,
        strukt(
            "Camel",
            vec![
                wire(field("created_at", TypeRef::String, true), "createdAt"),
                wire(field("owner_id", TypeRef::String, false), "ownerId"),
            ],
        ),
        status,
        enumeration(
            "Priority",
            vec![
                int_value(None, 1),
                int_value(Some("high"), 2),
                int_value(None, -7),
            ],
        ),
        enumeration("Mixed", vec![str_value(None, "auto"), int_value(None, 0)]),
        enumeration("Nothing", vec![]),
        enumeration("NoInts", vec![]),
        old_level,
        old_thing,
        strukt(
            "Cat",
            vec![
                field("meow", TypeRef::Bool, true),
                field("name", TypeRef::String, true),
            ],
        ),
        strukt("Dog", vec![field("bark", TypeRef::Bool, true)]),
        pet,
        union("Anything", vec![]),
        strukt(
            "Node",
            vec![
                field("next", named("Node"), false),
                nullable(field("prev", named("Node"), true)),
            ],
        ),
        union("Expr", vec![named("Binary"), TypeRef::Number]),
        strukt(
            "Binary",
            vec![
                field("left", named("Expr"), true),
                field("right", named("Expr"), true),
            ],
        ),
        strukt("Option", vec![field("some", named("Some"), true)]),
        strukt("Some", vec![field("none", named("None"), false)]),
        strukt("None", vec![]),
        strukt("Result", vec![field("ok", named("Box"), false)]),
        strukt("Box", vec![field("v", named("Vec"), false)]),
        strukt("Vec", vec![field("s", named("String"), false)]),
        strukt("String", vec![field("d", named("Default"), false)]),
        strukt("Default", vec![field("c", named("Clone"), false)]),
        strukt("Clone", vec![field("x", named("Serialize"), false)]),
        strukt("Serialize", vec![field("y", named("Deserialize"), false)]),
        strukt("Deserialize", vec![field("z", named("Value"), false)]),
        strukt("Value", vec![field("u", named("Unknown"), false)]),
        enumeration(
            "Unknown",
            vec![str_value(None, "unknown"), str_value(None, "unknown_value")],
        ),
        strukt("self", vec![field("crate", TypeRef::String, true)]),
        strukt("type", vec![field("super", TypeRef::String, true)]),
        strukt("1st", vec![field("_", TypeRef::String, true)]),
        strukt(
            "$$",
            vec![
                field("$", TypeRef::String, true),
                field("%", TypeRef::String, true),
            ],
        ),
        strukt("user", vec![]),
        strukt("User", vec![]),
    ])
}

#[test]
fn rich_schema_parses_and_is_deterministic() {
    let schema = rich_schema();
    let options = Options::default();
    let first = emit(&schema, &options);
    let second = emit(&schema.clone(), &options);
    assert_eq!(first, second);
    assert!(first.code.starts_with(&format!(
        "// @generated by mdgen {}. Do not edit.\n",
        options.generator_version
    )));
    let file = syn::parse_file(&first.code).expect("emitted code parses");
    assert!(file.attrs.is_empty(), "no inner attributes");
    assert_eq!(
        first.deps,
        Deps {
            serde_json: true,
            serde_with: true,
            chrono: true,
            rust_decimal: true,
            ..Deps::default()
        }
    );
    assert_eq!(
        first.diagnostics.count(Severity::Error),
        0,
        "{:?}",
        first.diagnostics
    );
    let kinds: std::collections::BTreeSet<&str> =
        first.diagnostics.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["name-collision", "recursive-union-member", "unknown-type"]
    );
    assert!(!first.code.contains("Pet(::std::boxed::Box<Pet>)"));
    dump("rich", &first);
}

/// Writes `emitted` as the crate `DIR/name` when `MDGEN_EMIT_DUMP=DIR` is set.
fn dump(name: &str, emitted: &Emitted) {
    let Some(dir) = std::env::var_os("MDGEN_EMIT_DUMP") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir).join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let toml = cargo_toml(name, emitted.deps, &Options::default().generator_version);
    std::fs::write(dir.join("Cargo.toml"), toml).unwrap();
    std::fs::write(dir.join("src/lib.rs"), &emitted.code).unwrap();
}

/// Names and texts that are hard to turn into Rust.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "_",
    "__",
    "r#type",
    "self",
    "Self",
    "crate",
    "super",
    "1",
    "123abc",
    "💥",
    "é",
    "type",
    "async",
    "gen",
    "a\"b",
    "a\\b",
    "\r\n",
    "a\rb",
    "<br/>",
    "N/A",
    "Unknown",
    "UnknownValue",
    "Option",
    "Box",
    "\u{0}",
    "*/",
    "/*",
    "#[x]",
    "```",
    "    indented",
];

#[test]
fn hostile_names_still_make_valid_code() {
    let mut types: Vec<TypeDef> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let fields = HOSTILE
                .iter()
                .enumerate()
                .map(|(j, other)| {
                    let f = wire(
                        field(other, named(HOSTILE[(i + j) % HOSTILE.len()]), j % 2 == 0),
                        HOSTILE[(j + 1) % HOSTILE.len()],
                    );
                    let f = doc(f, name);
                    if j % 3 == 0 {
                        nullable(f)
                    } else {
                        f
                    }
                })
                .collect();
            let mut s = strukt(name, fields);
            if let TypeDef::Struct(s) = &mut s {
                s.doc = Some((*name).to_string());
            }
            s
        })
        .collect();
    types.push(enumeration(
        "Values",
        HOSTILE
            .iter()
            .map(|v| str_value(None, v))
            .chain(HOSTILE.iter().map(|v| str_value(Some(v), &format!("{v}!"))))
            .collect(),
    ));
    let mut members: Vec<TypeRef> = HOSTILE.iter().map(|n| named(n)).collect();
    members.push(named("Values"));
    types.push(union("Members", members));
    let s = schema(types);
    let out = emit(&s, &Options::default());
    assert_eq!(
        out.diagnostics.count(Severity::Error),
        0,
        "{:?}",
        out.diagnostics
    );
    syn::parse_file(&out.code).expect("parses");
    assert!(!out.code.contains('\r'));
    dump("hostile", &out);
}

#[test]
fn deps_follow_what_the_code_uses() {
    let plain = schema(vec![strukt(
        "A",
        vec![
            field("a", TypeRef::String, true),
            nullable(field("b", TypeRef::Bool, false)),
        ],
    )]);
    assert_eq!(
        emit(
            &plain,
            &Options {
                tri_state: false,
                ..Options::default()
            }
        )
        .deps,
        Deps::default()
    );
    assert_eq!(
        emit(&plain, &Options::default()).deps,
        Deps {
            serde_with: true,
            ..Deps::default()
        }
    );
    let missing = schema(vec![strukt("A", vec![field("a", named("Gone"), true)])]);
    assert_eq!(
        emit(&missing, &Options::default()).deps,
        Deps {
            serde_json: true,
            ..Deps::default()
        }
    );
    // A union is read through `serde_json::Value`.
    let dated = schema(vec![union("U", vec![TypeRef::Date])]);
    assert_eq!(
        emit(&dated, &Options::default()).deps,
        Deps {
            chrono: true,
            serde_json: true,
            ..Deps::default()
        }
    );
    let free_form = schema(vec![strukt("Bag", vec![])]);
    let out = emit(&free_form, &Options::default());
    assert!(out
        .code
        .contains("pub type Bag = ::std::collections::BTreeMap<"));
    assert_eq!(
        out.deps,
        Deps {
            serde_json: true,
            ..Deps::default()
        }
    );
}

#[test]
fn empty_schema_is_just_the_header() {
    let options = Options {
        generator_version: "9".into(),
        ..Options::default()
    };
    let out = emit(&Schema::default(), &options);
    assert_eq!(out.code, "// @generated by mdgen 9. Do not edit.\n\n");
    assert!(syn::parse_file(&out.code).is_ok());
}

#[test]
fn numbers_in_another_form_go_through_adapters_in_every_optionality() {
    let form = |mut f: mdgen_ir::Field, form| {
        f.number_form = form;
        f
    };
    let int = TypeRef::Int { bits: Some(64) };
    let string = mdgen_ir::NumberForm::String;
    let number = mdgen_ir::NumberForm::Number;
    let s = schema(vec![strukt(
        "M",
        vec![
            form(field("a", int.clone(), true), string),
            form(nullable(field("b", TypeRef::BigInt, true)), string),
            form(nullable(field("c", int.clone(), false)), string),
            form(
                field("d", TypeRef::Map(Box::new(TypeRef::BigInt)), false),
                string,
            ),
            form(
                field("e", TypeRef::Array(Box::new(TypeRef::Decimal)), true),
                number,
            ),
            // A decimal's own form is a string; an integer's a number: no adapter.
            form(field("f", TypeRef::Decimal, true), string),
            form(field("g", int, true), number),
        ],
    )]);
    let out = emit(&s, &Options::default());
    let attrs = [
        r#"#[serde(with = "::serde_with::As::<::serde_with::DisplayFromStr>")]
    pub a: i64,"#,
        r#"with = "::serde_with::As::<::std::option::Option<::serde_with::DisplayFromStr>>"
    )]
    pub b: ::std::option::Option<::num_bigint::BigInt>,"#,
        r#"with = "mdgen_serde::DoubleOption::<::serde_with::DisplayFromStr>"
    )]
    pub c: ::std::option::Option<::std::option::Option<i64>>,"#,
        r#"with = "::serde_with::As::<::std::option::Option<::std::collections::BTreeMap<::serde_with::Same, ::serde_with::DisplayFromStr>>>""#,
        r#"#[serde(with = "::serde_with::As::<::std::vec::Vec<mdgen_serde::DecimalNumber>>")]"#,
        "    pub f: ::rust_decimal::Decimal,\n    pub g: i64,\n",
        "mod mdgen_serde {",
        "pub struct DoubleOption<U>",
        "pub struct DecimalNumber;",
    ];
    for attr in attrs {
        assert!(out.code.contains(attr), "{attr}\n{}", out.code);
    }
    assert_eq!(out.code.matches("with =").count(), 5, "{}", out.code);
    assert_eq!(
        out.deps,
        Deps {
            serde_json: true,
            serde_with: true,
            serde_with_as: true,
            rust_decimal: true,
            num_bigint: true,
            ..Deps::default()
        }
    );
    assert!(syn::parse_file(&out.code).is_ok());
    // Without adapters, no support module.
    let plain = schema(vec![strukt("P", vec![field("a", TypeRef::BigInt, true)])]);
    let plain = emit(&plain, &Options::default());
    assert!(!plain.code.contains("mdgen_serde") && !plain.deps.num_bigint);
}

#[test]
fn a_union_of_a_type_and_null_is_an_option() {
    let with_null = |mut u: TypeDef| {
        if let TypeDef::Union(x) = &mut u {
            x.nullable = true;
        }
        u
    };
    let s = schema(vec![
        with_null(union("One", vec![TypeRef::Bool])),
        with_null(union("Many", vec![TypeRef::Bool, TypeRef::String])),
        strukt(
            "Holder",
            vec![
                field("one", named("One"), true),
                field("many", named("Many"), false),
                field("ones", TypeRef::Array(Box::new(named("One"))), true),
                field("manys", TypeRef::Array(Box::new(named("Many"))), true),
            ],
        ),
    ]);
    let code = emit(&s, &Options::default()).code;
    for expected in [
        "pub type One = ::std::option::Option<bool>;",
        // A field of the union is nullable, even where no input said so.
        "#[serde(deserialize_with = \"::serde::Deserialize::deserialize\")]\n    pub one: ::std::option::Option<bool>,",
        "pub many: ::std::option::Option<::std::option::Option<Many>>,",
        "pub ones: ::std::vec::Vec<One>,",
        "pub manys: ::std::vec::Vec<::std::option::Option<Many>>,",
        "pub enum Many {",
    ] {
        assert!(code.contains(expected), "{expected}\n{code}");
    }
}
