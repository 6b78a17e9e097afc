//! Which derives beyond `Debug, Clone, PartialEq` are valid, found by fixpoint over the schema.

use crate::enums::{self, EnumKind};
use crate::resolve::Resolver;
use crate::types::ConstKind;
use mdgen_ir::{Schema, TypeDef, TypeName, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The optional derives of one type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Derives {
    /// `Eq` and `Hash`: no float anywhere inside (`serde_json::Value` and `Number` have both).
    pub eq_hash: bool,
    /// `Default`: a struct whose fields are all optional.
    pub default: bool,
    /// `Copy`: an integer enum.
    pub copy: bool,
}

impl Derives {
    /// The `#[derive(...)]` attribute: these plus `Debug, Clone, PartialEq` and serde's.
    pub fn attr(self) -> TokenStream {
        self.attr_with(quote!(::serde::Serialize, ::serde::Deserialize))
    }

    /// [`Derives::attr`] for a type that implements `Deserialize` itself.
    pub fn attr_serialize_only(self) -> TokenStream {
        self.attr_with(quote!(::serde::Serialize))
    }

    fn attr_with(self, serde: TokenStream) -> TokenStream {
        let copy = self.copy.then(|| quote!(Copy,));
        let eq_hash = self.eq_hash.then(|| quote!(Eq, Hash,));
        let default = self.default.then(|| quote!(Default,));
        quote! {
            #[derive(Debug, Clone, #copy PartialEq, #eq_hash #default #serde)]
        }
    }
}

/// The derives of every type of `schema`, by place ([`Resolver::place`]).
///
/// `Eq`/`Hash` hold for a type unless it holds a float, or a type without them. The types that
/// hold a float themselves lose them first, then every type that holds one of those, and so on
/// along the references backwards: linear in the references, and recursive types keep them when
/// nothing in the cycle rules them out.
pub fn derives(schema: &Schema, resolver: &Resolver) -> Vec<Derives> {
    let count = schema.types.len();
    // For each type, the types that hold it.
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut eq = vec![true; count];
    let mut lost = Vec::new();
    for (i, def) in schema.types.values().enumerate() {
        let mut float = false;
        for ty in members(def) {
            float |= holds_float(ty, &mut |name| {
                if let Some(j) = resolver.place(name) {
                    holders[j].push(i);
                }
            });
        }
        if float {
            eq[i] = false;
            lost.push(i);
        }
    }
    while let Some(j) = lost.pop() {
        for &i in &holders[j] {
            if std::mem::replace(&mut eq[i], false) {
                lost.push(i);
            }
        }
    }
    schema
        .types
        .values()
        .zip(eq)
        .map(|(def, eq_hash)| Derives {
            eq_hash,
            default: matches!(def, TypeDef::Struct(s) if s.fields.iter().all(|f| !f.required)),
            copy: matches!(def, TypeDef::Enum(e) if enums::kind(e) == EnumKind::Int),
        })
        .collect()
}

/// The types a definition holds values of. Enums hold strings, integers or JSON values.
fn members(def: &TypeDef) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
    match def {
        TypeDef::Struct(s) => Box::new(s.fields.iter().map(|f| &f.ty)),
        TypeDef::Union(u) => Box::new(u.variants.iter().map(|v| &v.ty)),
        TypeDef::Enum(_) => Box::new(std::iter::empty()),
    }
}

/// Whether `ty` is or holds a float itself; `named` is told each model it holds.
fn holds_float(ty: &TypeRef, named: &mut impl FnMut(&TypeName)) -> bool {
    match ty {
        TypeRef::Float { .. } => true,
        TypeRef::Const(v) => ConstKind::of(v) == ConstKind::Float,
        TypeRef::Array(t) | TypeRef::Map(t) => holds_float(t, named),
        TypeRef::Named(n) => {
            named(n);
            false
        }
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Int { .. }
        | TypeRef::Number
        | TypeRef::Decimal
        | TypeRef::BigInt
        | TypeRef::Date
        | TypeRef::DateTime
        | TypeRef::DateOrDateTime
        | TypeRef::Bytes
        | TypeRef::Any => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_schema::{field, schema, strukt, union};

    fn named(n: &str) -> TypeRef {
        TypeRef::Named(TypeName(n.into()))
    }

    #[test]
    fn floats_rule_out_eq_transitively_even_through_cycles() {
        let s = schema(vec![
            strukt(
                "A",
                vec![
                    field("b", named("B"), true),
                    field("tags", TypeRef::String, false),
                ],
            ),
            strukt(
                "B",
                vec![
                    field("a", named("A"), false),
                    field("x", TypeRef::Float { bits: None }, true),
                ],
            ),
            strukt(
                "C",
                vec![
                    field("c", named("C"), false),
                    field("v", TypeRef::Any, false),
                ],
            ),
            strukt(
                "D",
                vec![field("m", TypeRef::Map(Box::new(named("A"))), false)],
            ),
            union("U", vec![named("Missing"), TypeRef::Int { bits: None }]),
        ]);
        let r = Resolver::new(&s);
        let d = derives(&s, &r);
        let get = |n: &str| d[r.place(&TypeName(n.into())).unwrap()];
        assert!(!get("A").eq_hash && !get("B").eq_hash && !get("D").eq_hash);
        assert!(get("C").eq_hash, "a cycle with nothing against it keeps Eq");
        assert!(get("U").eq_hash, "missing types are serde_json::Value");
    }

    #[test]
    fn default_needs_every_field_optional() {
        let s = schema(vec![
            strukt("Opt", vec![field("a", TypeRef::Bool, false)]),
            strukt(
                "Req",
                vec![
                    field("a", TypeRef::Bool, false),
                    field("b", TypeRef::Bool, true),
                ],
            ),
            strukt("Empty", vec![]),
        ]);
        let r = Resolver::new(&s);
        let d = derives(&s, &r);
        let get = |n: &str| d[r.place(&TypeName(n.into())).unwrap()];
        assert!(get("Opt").default && get("Empty").default);
        assert!(!get("Req").default);
        assert!(!get("Opt").copy);
    }
}
