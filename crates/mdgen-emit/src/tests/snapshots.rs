//! Snapshots of emitted code for small hand-built schemas.

use crate::test_schema::*;
use crate::{emit, Options};
use mdgen_ir::{Schema, TypeDef, TypeRef};

fn code(schema: &Schema, options: Options) -> String {
    emit(
        schema,
        &Options {
            generator_version: "test".into(),
            ..options
        },
    )
    .code
}

fn snap(schema: &Schema) -> String {
    code(schema, Options::default())
}

fn optionality_schema() -> Schema {
    let mut deprecated = field("legacy_code", TypeRef::String, false);
    deprecated.deprecated = true;
    let mut employee = strukt(
        "Employee",
        vec![
            doc(
                field("id", TypeRef::String, true),
                "The ID.<br/>Unique per company.<br>N/A",
            ),
            nullable(field("manager_id", TypeRef::String, true)),
            field("nickname", TypeRef::String, false),
            nullable(field("ended_at", TypeRef::DateTime, false)),
            field("salary", TypeRef::Decimal, false),
            deprecated,
        ],
    );
    if let TypeDef::Struct(s) = &mut employee {
        s.doc = Some("An employee.<br/><br/>Second paragraph.".into());
    }
    schema(vec![employee])
}

#[test]
fn struct_optionality_docs_and_deprecation() {
    insta::assert_snapshot!(snap(&optionality_schema()));
}

#[test]
fn struct_optionality_without_tri_state() {
    let options = Options {
        tri_state: false,
        ..Options::default()
    };
    insta::assert_snapshot!(code(&optionality_schema(), options));
}

#[test]
fn renames() {
    let s = schema(vec![
        strukt(
            "Camel",
            vec![
                field("id", TypeRef::String, true),
                wire(field("createdAt", TypeRef::Date, true), "createdAt"),
                wire(field("owner_id", TypeRef::String, false), "ownerId"),
            ],
        ),
        strukt(
            "Mixed",
            vec![
                field("id", TypeRef::String, true),
                wire(field("createdAt", TypeRef::Date, true), "createdAt"),
                wire(field("owner_id", TypeRef::String, true), "owner-id"),
            ],
        ),
        strukt("Same", vec![field("name", TypeRef::String, true)]),
    ]);
    insta::assert_snapshot!(snap(&s));
}

#[test]
fn enums() {
    let mut status = enumeration(
        "status",
        vec![
            str_value(None, "active"),
            str_value(Some("HrisLegacy"), "hris_legacy"),
            str_value(None, "unknown"),
            str_value(None, "in progress"),
        ],
    );
    if let TypeDef::Enum(e) = &mut status {
        e.doc = Some("Where an employee stands.".into());
        if let Some(v) = e.values.get_mut(1) {
            v.doc = Some("The old HRIS.".into());
            v.deprecated = true;
        }
    }
    let mut guessed = enumeration("Guessed", vec![str_value(None, "a"), str_value(None, "b")]);
    if let TypeDef::Enum(e) = &mut guessed {
        e.values_known = false;
    }
    let s = schema(vec![
        status,
        guessed,
        enumeration(
            "Priority",
            vec![
                int_value(None, 1),
                int_value(Some("high"), 2),
                int_value(None, -1),
            ],
        ),
        enumeration("Mixed", vec![str_value(None, "auto"), int_value(None, 0)]),
        enumeration("Empty", vec![]),
    ]);
    insta::assert_snapshot!(snap(&s));
}

#[test]
fn untagged_union() {
    let mut s = schema(vec![
        strukt("Loose", vec![field("a", TypeRef::String, false)]),
        strukt(
            "Strict",
            vec![
                field("a", TypeRef::String, true),
                field("b", TypeRef::Int { bits: Some(32) }, true),
            ],
        ),
        union(
            "Value",
            vec![
                TypeRef::String,
                TypeRef::Any,
                TypeRef::Array(Box::new(TypeRef::Any)),
                named("Loose"),
                TypeRef::Number,
                TypeRef::Int { bits: None },
                named("Strict"),
                TypeRef::Bool,
                TypeRef::Date,
                TypeRef::Map(Box::new(TypeRef::Int { bits: Some(64) })),
            ],
        ),
    ]);
    if let Some(TypeDef::Union(u)) = s.types.values_mut().last() {
        u.variants[6].name = "shared.Strict".into();
        u.doc = Some("A value of one of several kinds.".into());
    }
    insta::assert_snapshot!(snap(&s));
}

#[test]
fn tagged_union() {
    // Each member has a `type` that holds one value: that key picks the member.
    let s = schema(vec![
        strukt(
            "Cat",
            vec![
                field("type", named("CatType"), true),
                field("name", TypeRef::String, false),
            ],
        ),
        enumeration("CatType", vec![str_value(None, "cat")]),
        strukt(
            "Dog",
            vec![
                field("type", TypeRef::Const("dog".into()), true),
                field("name", TypeRef::String, false),
            ],
        ),
        union("Pet", vec![named("Cat"), named("Dog")]),
    ]);
    insta::assert_snapshot!(snap(&s));
}

#[test]
fn recursion() {
    let s = schema(vec![
        strukt(
            "Node",
            vec![
                field("parent", named("Node"), false),
                field("children", TypeRef::Array(Box::new(named("Node"))), true),
                nullable(field("next", named("Node"), true)),
            ],
        ),
        strukt("Expr", vec![field("operand", named("Operand"), true)]),
        union("Operand", vec![named("Expr"), TypeRef::Int { bits: None }]),
    ]);
    insta::assert_snapshot!(snap(&s));
}

#[test]
fn awkward_names() {
    let mut deprecated = strukt("Old Thing", vec![field("x", TypeRef::Bool, true)]);
    if let TypeDef::Struct(s) = &mut deprecated {
        s.deprecated = true;
    }
    let s = schema(vec![
        strukt(
            "Option",
            vec![
                field("type", TypeRef::String, true),
                field("self", TypeRef::String, true),
                field("1st", TypeRef::String, true),
                field("$$", TypeRef::String, true),
                field("userId", TypeRef::String, true),
                field("user_id", TypeRef::String, true),
                field("old", named("Old Thing"), true),
                field("missing", named("NotDocumented"), false),
                field("", TypeRef::Map(Box::new(TypeRef::String)), false),
            ],
        ),
        deprecated,
        strukt("String", vec![field("value", named("Option"), true)]),
        strukt("self", vec![]),
        strukt("user", vec![]),
        strukt("User", vec![]),
    ]);
    insta::assert_snapshot!(snap(&s));
}

#[test]
fn awkward_names_are_reported() {
    let mut collide = strukt(
        "Pair",
        vec![
            field("userId", TypeRef::String, true),
            field("user_id", TypeRef::String, true),
        ],
    );
    if let TypeDef::Struct(s) = &mut collide {
        let at = src(7).remove(0);
        s.fields[1] = s.fields[1].clone().observed_at(at, "*string*");
    }
    let s = schema(vec![
        collide,
        strukt("Ref", vec![field("missing", named("NotDocumented"), false)]),
        strukt("user", vec![]),
        strukt("User", vec![]),
        enumeration(
            "E",
            vec![
                str_value(None, "a-b"),
                str_value(None, "a_b"),
                str_value(None, "a-b"),
            ],
        ),
    ]);
    let diags = emit(&s, &Options::default()).diagnostics;
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "models/test.md:1: warning[duplicate-enum-value]: `E` lists the value \"a-b\" twice; only the first is emitted",
            "models/test.md:1: warning[name-collision]: type `user` and type `User` both become `User`; type `user` is emitted as `User2`",
            "models/test.md:1: warning[name-collision]: value \"a_b\" of `E` and value \"a-b\" both become `AB`; value \"a_b\" of `E` is emitted as `AB2`",
            "models/test.md:1: warning[unknown-type]: `Ref` refers to `NotDocumented`, which no doc defines; it becomes `serde_json::Value`",
            "models/test.md:7: warning[name-collision]: field `user_id` of `Pair` and field `userId` both become `user_id`; field `user_id` of `Pair` is emitted as `user_id_2`",
        ]
    );
}
