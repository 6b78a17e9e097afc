//! Linking: every reference to a model resolved to a model of the schema. A reference to a doc
//! that is missing becomes an enum when the Example cell lists its values, else any JSON value;
//! both with a warning, never an error.

use crate::fuse::names_by_key;
use crate::model::Snippets;
use mdgen_ir::{
    Diagnostic, Diagnostics, Enum, EnumValue, EnumWire, Field, Schema, Severity, TypeDef, TypeName,
    TypeRef,
};
use std::collections::BTreeMap;

/// Resolves every [`TypeRef::Named`] in `schema`.
pub fn link(schema: &mut Schema, snippets: &Snippets, diagnostics: &mut Diagnostics) {
    let known = names_by_key(schema);
    let mut inferred: BTreeMap<String, Enum> = BTreeMap::new();
    for def in schema.types.values_mut() {
        match def {
            TypeDef::Struct(s) => {
                for f in &mut s.fields {
                    let mut ty = std::mem::replace(&mut f.ty, TypeRef::Any);
                    resolve(&mut ty, &known, &mut |name| {
                        missing_in_field(name, f, snippets, &mut inferred, diagnostics)
                    });
                    f.ty = ty;
                }
            }
            TypeDef::Union(u) => {
                let at = u.sources.first().cloned();
                for v in &mut u.variants {
                    resolve(&mut v.ty, &known, &mut |name| {
                        let (file, line) = at.clone().map(|s| (s.file, s.line)).unwrap_or_default();
                        let message = format!("no doc for `{name}`, a member of `{}`; the member accepts any JSON value", u.name);
                        diagnostics.push(Diagnostic::new(
                            Severity::Warning,
                            "missing-link",
                            file,
                            line,
                            message,
                        ));
                        TypeRef::Any
                    });
                }
            }
            TypeDef::Enum(_) => {}
        }
    }
    for (_, e) in inferred {
        schema.types.insert(e.name.clone(), TypeDef::Enum(e));
    }
}

/// Rewrites `ty` in place: known names to their canonical spelling, unknown ones by `missing`.
fn resolve(
    ty: &mut TypeRef,
    known: &BTreeMap<String, TypeName>,
    missing: &mut dyn FnMut(&TypeName) -> TypeRef,
) {
    match ty {
        TypeRef::Named(name) => match known.get(&name.key()) {
            Some(canonical) => *name = canonical.clone(),
            None => *ty = missing(name),
        },
        TypeRef::Array(inner) | TypeRef::Map(inner) => resolve(inner, known, missing),
        _ => {}
    }
}

/// What a field's reference to the missing doc `name` becomes.
fn missing_in_field(
    name: &TypeName,
    field: &Field,
    snippets: &Snippets,
    inferred: &mut BTreeMap<String, Enum>,
    diagnostics: &mut Diagnostics,
) -> TypeRef {
    let values = field.example.as_deref().and_then(example_values);
    let message = match &values {
        Some(_) => format!(
            "no doc for `{name}`; an open enum is inferred from the Example cell of `{}`",
            field.name
        ),
        None => format!(
            "no doc for `{name}`; field `{}` accepts any JSON value",
            field.name
        ),
    };
    for source in &field.sources {
        let mut d = Diagnostic::new(
            Severity::Warning,
            "missing-link",
            &source.file,
            source.line,
            message.clone(),
        );
        if let Some((line, span)) = snippets.get(source) {
            d = d.with_snippet(line.clone(), span.clone());
        }
        diagnostics.push(d);
    }
    let Some(values) = values else {
        return TypeRef::Any;
    };
    let e = inferred.entry(name.key()).or_insert_with(|| Enum {
        name: name.clone(),
        doc: None,
        values: Vec::new(),
        values_known: false,
        deprecated: false,
        sources: Vec::new(),
    });
    for v in values {
        if !e.values.iter().any(|x| x.value == v) {
            e.values.push(EnumValue {
                name: None,
                value: v,
                doc: None,
                deprecated: false,
            });
        }
    }
    e.sources.extend(field.sources.iter().cloned());
    e.sources.sort();
    e.sources.dedup();
    TypeRef::Named(e.name.clone())
}

/// The values an Example cell lists: a JSON array of strings, or one JSON string.
fn example_values(example: &str) -> Option<Vec<EnumWire>> {
    match serde_json::from_str::<serde_json::Value>(example).ok()? {
        serde_json::Value::String(s) => Some(vec![EnumWire::Str(s)]),
        serde_json::Value::Array(items) if !items.is_empty() => items
            .into_iter()
            .map(|v| v.as_str().map(|s| EnumWire::Str(s.to_string())))
            .collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdgen_ir::{Evidence, Source, Struct, WireBasis, WireName};

    fn field(name: &str, ty: TypeRef, example: Option<&str>, line: u32) -> Field {
        Field {
            name: name.into(),
            wire: WireName {
                name: name.into(),
                basis: WireBasis::Assumed,
            },
            ty,
            required: false,
            nullable: Evidence::Unknown,
            doc: None,
            example: example.map(str::to_string),
            deprecated: false,
            sources: vec![Source {
                file: "m.md".into(),
                line,
            }],
        }
    }

    fn named(n: &str) -> TypeRef {
        TypeRef::Named(TypeName(n.into()))
    }

    #[test]
    fn missing_docs_become_open_enums_or_any() {
        let s = Struct {
            name: TypeName("M".into()),
            doc: None,
            fields: vec![
                field(
                    "cats",
                    TypeRef::Array(Box::new(named("Cat"))),
                    Some("[\n\"a\",\n\"b\"\n]"),
                    3,
                ),
                field("cat", named("cat"), Some("[\"b\", \"c\"]"), 4),
                field("meta", named("Meta"), None, 5),
                field("self_ref", named("m"), None, 6),
            ],
            deprecated: false,
            sources: vec![],
        };
        let mut schema = Schema::default();
        schema.types.insert(s.name.clone(), TypeDef::Struct(s));
        let mut diags = Diagnostics::default();
        link(&mut schema, &Snippets::new(), &mut diags);
        let TypeDef::Struct(s) = &schema.types[&TypeName("M".into())] else {
            panic!()
        };
        let tys: Vec<_> = s.fields.iter().map(|f| f.ty.clone()).collect();
        assert_eq!(
            tys,
            [
                TypeRef::Array(Box::new(named("Cat"))),
                named("Cat"),
                TypeRef::Any,
                named("M")
            ]
        );
        let TypeDef::Enum(e) = &schema.types[&TypeName("Cat".into())] else {
            panic!()
        };
        assert!(!e.values_known);
        let values: Vec<_> = e.values.iter().map(|v| v.value.clone()).collect();
        assert_eq!(values, ["a", "b", "c"].map(|s| EnumWire::Str(s.into())));
        let kinds: Vec<_> = diags.iter().map(|d| (d.kind.as_str(), d.line)).collect();
        assert_eq!(
            kinds,
            [
                ("missing-link", 3),
                ("missing-link", 4),
                ("missing-link", 5)
            ]
        );
    }
}
