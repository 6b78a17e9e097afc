//! Type notation: what a Type cell (or a `### member` heading) means in each SDK dialect.
//!
//! [`syntax`] parses the shape every dialect shares; [`dialect`] gives the names meaning.

mod dialect;
mod syntax;

pub use dialect::Dialect;

use crate::markdown::Inline;
use mdgen_ir::{Evidence, TypeName, TypeRef};

/// The meaning of one type notation.
#[derive(Debug, Clone, PartialEq)]
pub struct Ty {
    pub ty: TypeRef,
    /// Whether the notation shows the value may be null.
    pub nullable: Evidence,
}

/// Reads a type notation written in `dialect`; the error says what was not understood.
pub fn read(inlines: &[Inline], dialect: Dialect) -> Result<Ty, String> {
    let syn = syntax::parse(inlines)?;
    dialect.interpret(&syn)
}

/// The model name a qualified reference points to: `shared.Foo`, `Components\Foo`,
/// `::StackOne::Shared::Foo` and `*components.Foo` all name `Foo`.
pub fn model_name(qualified: &str) -> TypeName {
    let last = qualified
        .rsplit(['.', ':', '\\'])
        .find(|s| !s.is_empty())
        .unwrap_or(qualified);
    TypeName(last.trim_start_matches(['*', '?']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names_drop_qualifiers() {
        for q in [
            "shared.Foo",
            "Components\\Foo",
            "::StackOne::Shared::Foo",
            "Foo",
        ] {
            assert_eq!(model_name(q), TypeName("Foo".into()), "{q}");
        }
    }
}
