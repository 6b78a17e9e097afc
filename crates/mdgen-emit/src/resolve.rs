//! Which model a `Named` reference points to.

use foldhash::{HashMap, HashMapExt};
use mdgen_ir::{Schema, TypeDef, TypeName, TypeRef};

/// Looks up `Named` references: by exact name, else by [`TypeName::key`] when that is unique.
pub struct Resolver<'a> {
    by_name: HashMap<&'a TypeName, &'a TypeDef>,
    by_key: HashMap<String, Option<&'a TypeName>>,
}

impl<'a> Resolver<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        let mut by_key = HashMap::new();
        for name in schema.types.keys() {
            by_key
                .entry(name.key())
                .and_modify(|found| *found = None)
                .or_insert(Some(name));
        }
        let by_name = schema.types.iter().collect();
        Resolver { by_name, by_key }
    }

    /// The schema's name for `name`, if the schema has such a type.
    pub fn resolve(&self, name: &TypeName) -> Option<&'a TypeName> {
        match self.by_name.get_key_value(name) {
            Some((found, _)) => Some(*found),
            None => self.by_key.get(&name.key()).copied().flatten(),
        }
    }

    /// The definition `name` points to.
    pub fn def(&self, name: &TypeName) -> Option<&'a TypeDef> {
        self.resolve(name)
            .and_then(|n| self.by_name.get(n).copied())
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
