//! Every emitter makes tokens that parse as Rust items (no `emit-bug`), laid out as a file of
//! the item alone would be (`prettyplease::unparse(syn::parse_file(item))` changes nothing),
//! for the schema with every feature and for random schemas whose names, values and nesting
//! cross the line width at every point.

use super::compile::rich_schema;
use crate::context::Shared;
use crate::test_schema::*;
use crate::{emit_items, Options};
use mdgen_ir::{Evidence, Schema, TypeDef, TypeRef};
use proptest::prelude::*;

/// Each item of `schema` emitted, as text; fails on an `emit-bug` (tokens that are not an item).
fn items(schema: &Schema, options: &Options) -> Vec<String> {
    let (shared, _) = Shared::new(schema);
    let defs: Vec<&TypeDef> = schema.types.values().collect();
    let mut all = Vec::new();
    emit_items(&shared, options, &defs, 1, &mut |item| {
        let bugs: Vec<_> = item
            .diagnostics
            .iter()
            .filter(|d| d.kind == "emit-bug")
            .collect();
        assert!(bugs.is_empty(), "{bugs:?}");
        all.extend(item.code)
    });
    all
}

/// Fails unless prettyplease would print `item` exactly as it is.
fn assert_laid_out_as_prettyplease(item: &str) -> Result<(), TestCaseError> {
    let file = syn::parse_file(item).map_err(|e| TestCaseError::fail(format!("{e}:\n{item}")))?;
    prop_assert_eq!(prettyplease::unparse(&file), item);
    Ok(())
}

fn check(schema: &Schema) -> Result<(), TestCaseError> {
    for tri_state in [true, false] {
        let options = Options {
            tri_state,
            ..Options::default()
        };
        for item in items(schema, &options) {
            assert_laid_out_as_prettyplease(&item)?;
        }
    }
    Ok(())
}

#[test]
fn the_rich_schema_is_laid_out_as_prettyplease_lays_it_out() {
    let schema = rich_schema();
    assert!(items(&schema, &Options::default()).len() > 10);
    check(&schema).unwrap();
}

/// A model name of 1 to 60 characters: long ones push types and attributes over the width.
fn name() -> impl Strategy<Value = String> {
    "[A-Z][a-zA-Z0-9]{0,59}"
}

/// A type up to four levels deep, naming the models `M0`..`M3` of the schema.
fn type_ref(models: Vec<String>) -> impl Strategy<Value = TypeRef> {
    let leaf = prop_oneof![
        Just(TypeRef::String),
        Just(TypeRef::Bool),
        Just(TypeRef::Int { bits: None }),
        Just(TypeRef::Decimal),
        Just(TypeRef::DateTime),
        Just(TypeRef::Any),
        prop::sample::select(models).prop_map(|n| named(&n)),
    ];
    leaf.prop_recursive(4, 8, 1, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| TypeRef::Array(Box::new(t))),
            inner.prop_map(|t| TypeRef::Map(Box::new(t))),
        ]
    })
}

/// A wire string with the characters a literal must escape.
fn wire_value() -> impl Strategy<Value = String> {
    "[a-z_\"\\\\'é\u{0}-]{0,70}"
}

/// A schema of a struct, a string enum, an integer or mixed enum and a union, whose names and
/// values vary in length.
fn schema_strategy() -> impl Strategy<Value = Schema> {
    prop::collection::vec(name(), 4).prop_flat_map(|names| {
        let fields = prop::collection::vec(
            (
                "[a-z][a-z_]{0,40}",
                type_ref(names.clone()),
                any::<bool>(),
                any::<bool>(),
                prop::option::of("[a-zA-Z ]{1,120}"),
            ),
            0..6,
        );
        let strs = prop::collection::vec(wire_value(), 0..5);
        let ints = prop::collection::vec(any::<i64>(), 1..4);
        let members = prop::collection::vec(type_ref(names.clone()), 1..4);
        (Just(names), fields, strs, ints, any::<bool>(), members).prop_map(
            |(names, fields, strs, ints, mixed, members)| {
                let fields = fields
                    .into_iter()
                    .map(|(n, ty, required, null, text)| {
                        let mut f = field(&n, ty, required);
                        f.nullable = if null { Evidence::Yes } else { Evidence::No };
                        f.doc = text;
                        f
                    })
                    .collect();
                let mut numbers: Vec<_> = ints.into_iter().map(|n| int_value(None, n)).collect();
                if mixed {
                    numbers.push(str_value(None, "auto"));
                }
                schema(vec![
                    strukt(&names[0], fields),
                    enumeration(&names[1], strs.iter().map(|s| str_value(None, s)).collect()),
                    enumeration(&names[2], numbers),
                    union(&names[3], members),
                ])
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_schemas_are_laid_out_as_prettyplease_lays_them_out(schema in schema_strategy()) {
        check(&schema)?;
    }
}
