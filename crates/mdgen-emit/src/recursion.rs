//! Which references need a `Box` to give recursive types a finite size.

use crate::resolve::Resolver;
use mdgen_ir::{Schema, TypeDef, TypeName, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// The types each type reaches through direct edges: a field or union member that is a named
/// type itself, not inside a `Vec` or map (those already add indirection).
pub struct Recursion<'a> {
    reach: BTreeMap<&'a TypeName, BTreeSet<&'a TypeName>>,
    /// The same through union members that are unions only.
    union_reach: BTreeMap<&'a TypeName, BTreeSet<&'a TypeName>>,
}

impl<'a> Recursion<'a> {
    pub fn new(schema: &'a Schema, resolver: &Resolver<'a>) -> Self {
        let direct = |ty: &TypeRef| match ty {
            TypeRef::Named(n) => resolver.resolve(n),
            _ => None,
        };
        let mut edges: Edges = BTreeMap::new();
        let mut union_edges: Edges = BTreeMap::new();
        for (name, def) in &schema.types {
            let (to, to_unions) = match def {
                TypeDef::Struct(s) => (
                    s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
                    vec![],
                ),
                TypeDef::Union(u) => {
                    let to: Vec<&TypeName> =
                        u.variants.iter().filter_map(|v| direct(&v.ty)).collect();
                    let unions = to
                        .iter()
                        .copied()
                        .filter(|n| matches!(schema.types[*n], TypeDef::Union(_)));
                    let unions = unions.collect();
                    (to, unions)
                }
                TypeDef::Enum(_) => (vec![], vec![]),
            };
            edges.insert(name, to);
            union_edges.insert(name, to_unions);
        }
        Recursion {
            reach: closure(&edges),
            union_reach: closure(&union_edges),
        }
    }

    /// Whether a member of type `ty` inside `owner` must be boxed: `ty` names a type from which
    /// `owner` is reachable again (or `owner` itself).
    pub fn needs_box(&self, owner: &TypeName, ty: &TypeRef, resolver: &Resolver) -> bool {
        cycles(&self.reach, owner, ty, resolver)
    }

    /// Whether the member `ty` of the union `owner` leads back to `owner` through unions alone:
    /// untagged deserialization would then try `owner` again forever.
    pub fn loops_through_unions(
        &self,
        owner: &TypeName,
        ty: &TypeRef,
        resolver: &Resolver,
    ) -> bool {
        cycles(&self.union_reach, owner, ty, resolver)
    }
}

type Edges<'a> = BTreeMap<&'a TypeName, Vec<&'a TypeName>>;

/// Every type reachable from each type along `edges`.
fn closure<'a>(edges: &Edges<'a>) -> BTreeMap<&'a TypeName, BTreeSet<&'a TypeName>> {
    edges
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
        .collect()
}

/// Whether `ty` names `owner` or a type from which `owner` is in `reach`.
fn cycles(
    reach: &BTreeMap<&TypeName, BTreeSet<&TypeName>>,
    owner: &TypeName,
    ty: &TypeRef,
    resolver: &Resolver,
) -> bool {
    let TypeRef::Named(target) = ty else {
        return false;
    };
    resolver
        .resolve(target)
        .is_some_and(|t| t == owner || reach.get(t).is_some_and(|r| r.contains(owner)))
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
        let looping =
            |owner: &str, ty: TypeRef| rec.loops_through_unions(&TypeName(owner.into()), &ty, &r);
        assert!(
            !looping("Expr", named("A")),
            "a struct in between needs input to recurse"
        );
    }

    #[test]
    fn unions_of_unions_that_come_back_loop() {
        let s = schema(vec![
            union("U", vec![named("V"), named("U"), TypeRef::Bool]),
            union("V", vec![named("U"), TypeRef::String]),
            union("W", vec![named("U")]),
        ]);
        let r = Resolver::new(&s);
        let rec = Recursion::new(&s, &r);
        let looping =
            |owner: &str, ty: TypeRef| rec.loops_through_unions(&TypeName(owner.into()), &ty, &r);
        assert!(looping("U", named("U")) && looping("U", named("V")) && looping("V", named("U")));
        assert!(!looping("W", named("U")));
    }
}
