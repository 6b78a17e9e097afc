//! Which references need a `Box` to give recursive types a finite size.

use crate::resolve::Resolver;
use mdgen_ir::{Schema, TypeDef, TypeName, TypeRef};

/// The strongly connected components of the graph of direct references: a field or union
/// member that is a named type itself, not inside a `Vec` or map (those already add
/// indirection). A member needs a box when it leads back to its owner, that is when the two are
/// in one component: linear in the types and references, however long the chains of models
/// that reference each other.
pub struct Recursion {
    /// By place ([`Resolver::place`]).
    component: Vec<usize>,
    /// The same through union members that are unions only.
    union_component: Vec<usize>,
}

impl Recursion {
    pub fn new(schema: &Schema, resolver: &Resolver) -> Self {
        let defs: Vec<&TypeDef> = schema.types.values().collect();
        let direct = |ty: &TypeRef| match ty {
            TypeRef::Named(n) => resolver.place(n),
            _ => None,
        };
        let mut edges = Vec::with_capacity(defs.len());
        let mut union_edges = Vec::with_capacity(defs.len());
        for def in &defs {
            let (to, to_unions) = match def {
                TypeDef::Struct(s) => (
                    s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
                    vec![],
                ),
                TypeDef::Union(u) => {
                    let to: Vec<usize> = u.variants.iter().filter_map(|v| direct(&v.ty)).collect();
                    let unions = to.iter().copied();
                    let unions = unions.filter(|&t| matches!(defs[t], TypeDef::Union(_)));
                    let unions = unions.collect();
                    (to, unions)
                }
                TypeDef::Enum(_) => (vec![], vec![]),
            };
            edges.push(to);
            union_edges.push(to_unions);
        }
        Recursion {
            component: components(&edges),
            union_component: components(&union_edges),
        }
    }

    /// Whether the member of type `ty` of `owner` must be boxed: `ty` names a type from which
    /// `owner` is reachable again (or `owner` itself).
    pub fn needs_box(&self, owner: &TypeName, ty: &TypeRef, resolver: &Resolver) -> bool {
        cycles(&self.component, owner, ty, resolver)
    }

    /// Whether the member `ty` of the union `owner` leads back to `owner` through unions alone:
    /// untagged deserialization would then try `owner` again forever.
    pub fn loops_through_unions(
        &self,
        owner: &TypeName,
        ty: &TypeRef,
        resolver: &Resolver,
    ) -> bool {
        cycles(&self.union_component, owner, ty, resolver)
    }
}

/// Whether `ty`, a member of `owner`, names `owner` or a type in its `component` (from which
/// `owner` is reachable, as `owner` reaches it).
fn cycles(component: &[usize], owner: &TypeName, ty: &TypeRef, resolver: &Resolver) -> bool {
    let TypeRef::Named(target) = ty else {
        return false;
    };
    let (Some(t), Some(owner)) = (resolver.place(target), resolver.place(owner)) else {
        return false;
    };
    t == owner || component[t] == component[owner]
}

/// The strongly connected component of each type along `next` (the types each type refers
/// to, by place), numbered: two types share one when each reaches the other. Tarjan's
/// algorithm, iterative, so that a chain of thousands of models does not recurse as deep.
fn components(next: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = next.len();
    let mut index = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNSEEN; count];
    let mut stack = Vec::new();
    let (mut indexed, mut components) = (0, 0);
    for root in 0..count {
        if index[root] != UNSEEN {
            continue;
        }
        // (type, how many of its edges were followed)
        let mut path = vec![(root, 0)];
        index[root] = indexed;
        low[root] = indexed;
        indexed += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(top) = path.last_mut() {
            let v = top.0;
            if let Some(&w) = next[v].get(top.1) {
                top.1 += 1;
                if index[w] == UNSEEN {
                    index[w] = indexed;
                    low[w] = indexed;
                    indexed += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    path.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = components;
                    if w == v {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
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
    fn long_chains_of_references_take_linear_time_and_space() {
        // 20,000 models, each referencing the next; the last one closes the ring or not.
        let n = 20_000;
        let ring = |closed: bool| {
            let defs = (0..n)
                .map(|i| {
                    let next = if closed { (i + 1) % n } else { i + 1 };
                    let f = field("next", named(&format!("M{next}")), true);
                    strukt(&format!("M{i}"), vec![f])
                })
                .collect();
            schema(defs)
        };
        for closed in [true, false] {
            let s = ring(closed);
            let r = Resolver::new(&s);
            let rec = Recursion::new(&s, &r);
            for i in [0, 1, n / 2, n - 2] {
                let owner = TypeName(format!("M{i}"));
                let next = named(&format!("M{}", i + 1));
                assert_eq!(
                    rec.needs_box(&owner, &next, &r),
                    closed,
                    "M{i}, closed {closed}"
                );
            }
        }
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
