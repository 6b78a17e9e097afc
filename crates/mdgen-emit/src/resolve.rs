//! Which model a `Named` reference points to.

use foldhash::{HashMap, HashMapExt};
use mdgen_ir::{Schema, TypeDef, TypeName, TypeRef};
use std::sync::OnceLock;

/// Looks up `Named` references: by exact name, else by [`TypeName::key`] when that is unique.
/// Each type has a place, its index in schema order, by which the emitter's other tables list
/// what they know of it.
pub struct Resolver<'a> {
    types: Vec<(&'a TypeName, &'a TypeDef)>,
    place: HashMap<&'a TypeName, usize>,
    /// Built when a name is first not found exactly; linked schemas have no such names.
    by_key: OnceLock<HashMap<String, Option<usize>>>,
}

impl<'a> Resolver<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        let types: Vec<_> = schema.types.iter().collect();
        let mut place = HashMap::with_capacity(types.len());
        for (i, (name, _)) in types.iter().enumerate() {
            place.insert(*name, i);
        }
        Resolver {
            types,
            place,
            by_key: OnceLock::new(),
        }
    }

    /// The place of the type `name` refers to, if the schema has such a type.
    pub fn place(&self, name: &TypeName) -> Option<usize> {
        if let Some(&i) = self.place.get(name) {
            return Some(i);
        }
        let by_key = self.by_key.get_or_init(|| {
            let mut by_key = HashMap::new();
            for (i, (name, _)) in self.types.iter().enumerate() {
                by_key
                    .entry(name.key())
                    .and_modify(|found| *found = None)
                    .or_insert(Some(i));
            }
            by_key
        });
        by_key.get(&name.key()).copied().flatten()
    }

    /// The schema's name for `name`, if the schema has such a type.
    pub fn resolve(&self, name: &TypeName) -> Option<&'a TypeName> {
        self.place(name).map(|i| self.types[i].0)
    }

    /// The definition `name` points to.
    pub fn def(&self, name: &TypeName) -> Option<&'a TypeDef> {
        self.place(name).map(|i| self.types[i].1)
    }

    /// Whether `ty` mentions a type marked deprecated (using it would warn).
    pub fn mentions_deprecated(&self, ty: &TypeRef) -> bool {
        ty.named().into_iter().any(|n| match self.def(n) {
            Some(TypeDef::Struct(s)) => s.deprecated,
            Some(TypeDef::Enum(e)) => e.deprecated,
            Some(TypeDef::Union(_)) | None => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdgen_ir::Union;

    fn union(name: &str) -> TypeDef {
        TypeDef::Union(Union {
            name: TypeName(name.into()),
            doc: None,
            variants: vec![],
            discriminator: None,
            nullable: false,
            sources: vec![],
        })
    }

    #[test]
    fn resolves_exactly_then_by_unique_key() {
        let mut schema = Schema::default();
        for n in ["Pet", "pet_owner", "PetOwner", "Shelter"] {
            schema.types.insert(TypeName(n.into()), union(n));
        }
        let r = Resolver::new(&schema);
        let name = |s: &str| TypeName(s.into());
        assert_eq!(r.resolve(&name("Pet")), Some(&name("Pet")));
        assert_eq!(r.resolve(&name("pet")), Some(&name("Pet")));
        assert_eq!(r.resolve(&name("shelter")), Some(&name("Shelter")));
        assert_eq!(r.resolve(&name("pet_owner")), Some(&name("pet_owner")));
        assert_eq!(r.resolve(&name("petowner")), None, "ambiguous");
        assert_eq!(r.resolve(&name("Missing")), None);
    }
}
