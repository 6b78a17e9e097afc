//! Which references need a `Box` to give recursive types a finite size.

use crate::resolve::Resolver;
use mdgen_ir::{Schema, TypeDef, TypeName, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// The types each type reaches through direct edges: a field or union member that is a named
/// type itself, not inside a `Vec` or map (those already add indirection).
pub struct Recursion<'a> {
    reach: BTreeMap<&'a TypeName, BTreeSet<&'a TypeName>>,
}

impl<'a> Recursion<'a> {
    pub fn new(schema: &'a Schema, resolver: &Resolver<'a>) -> Self {
        let edges: BTreeMap<&TypeName, Vec<&TypeName>> = schema
            .types
            .iter()
            .map(|(name, def)| {
                let direct: Vec<&TypeName> = match def {
                    TypeDef::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
                    TypeDef::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
                    TypeDef::Enum(_) => vec![],
                }
                .into_iter()
                .filter_map(|ty| match ty {
                    TypeRef::Named(n) => resolver.resolve(n),
                    _ => None,
                })
                .collect();
                (name, direct)
            })
            .collect();
        let reach = edges
            .keys()
            .map(|&start| {
                let mut seen = BTreeSet::new();
                let mut stack = edges[start].clone();
                while let Some(next) = stack.pop() {
                    if seen.insert(next) {
                        stack.extend(edges.get(next).into_iter().flatten());
                    }
                }
                (start, seen)
            })
            .collect();
        Recursion { reach }
    }

    /// Whether a member of type `ty` inside `owner` must be boxed: `ty` names a type from which
    /// `owner` is reachable again (or `owner` itself).
    pub fn needs_box(&self, owner: &TypeName, ty: &TypeRef, resolver: &Resolver) -> bool {
        let TypeRef::Named(target) = ty else {
            return false;
        };
        match resolver.resolve(target) {
            Some(target) => {
                target == owner || self.reach.get(target).is_some_and(|r| r.contains(owner))
            }
            None => false,
        }
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
    fn direct_cycles_are_boxed_and_collections_are_not() {
        let s = schema(vec![
            strukt(
                "Node",
                vec![
                    field("parent", named("Node"), false),
                    field("children", TypeRef::Array(Box::new(named("Node"))), false),
                    field("leaf", named("Leaf"), true),
                ],
            ),
            strukt("Leaf", vec![field("value", TypeRef::String, true)]),
            strukt("A", vec![field("b", named("B"), true)]),
            strukt("B", vec![field("expr", named("Expr"), true)]),
            union("Expr", vec![named("A"), TypeRef::Int { bits: None }]),
            strukt(
                "Tree",
                vec![field("m", TypeRef::Map(Box::new(named("Tree"))), true)],
            ),
        ]);
        let r = Resolver::new(&s);
        let rec = Recursion::new(&s, &r);
        let boxed = |owner: &str, ty: TypeRef| rec.needs_box(&TypeName(owner.into()), &ty, &r);
        assert!(boxed("Node", named("Node")));
        assert!(boxed("Node", named("node")), "resolved by key");
        assert!(!boxed("Node", TypeRef::Array(Box::new(named("Node")))));
        assert!(!boxed("Node", named("Leaf")));
        assert!(boxed("A", named("B")) && boxed("B", named("Expr")) && boxed("Expr", named("A")));
        assert!(!boxed("Tree", TypeRef::Map(Box::new(named("Tree")))));
        assert!(!boxed("Node", named("Missing")));
    }
}
