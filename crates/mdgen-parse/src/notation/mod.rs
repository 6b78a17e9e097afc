//! Type notation: what a Type cell (or a union member) means in each SDK dialect.
//!
//! [`syntax`] parses the shape every dialect shares; [`interpret`] gives the names of each
//! dialect their meaning; [`member`] reads the members of `## Supported Types` pages, whose
//! headings are notation in some dialects and constructor names in others; [`dialect`] names
//! the dialects and detects which one a doc is written in.

mod dialect;
mod interpret;
mod member;
mod syntax;

pub use dialect::{CellMemo, Clues, Dialect};
pub use member::read_member;
pub use syntax::Notation;

use crate::markdown::Inline;
use mdgen_ir::{Evidence, TypeName, TypeRef};

/// The meaning of one type notation.
#[derive(Debug, Clone, PartialEq)]
pub struct Ty {
    pub ty: TypeRef,
    /// Whether the notation shows the value may be null.
    pub nullable: Evidence,
    /// The notation says "absent or null" without saying which (Go `*T`, C# `T?`, Java
    /// `@Nullable T`): on a required field it can only mean null.
    pub absent_or_null: bool,
    /// Not JSON at all but an SDK object (an HTTP response, a retry configuration): says what.
    pub sdk: Option<String>,
    /// Inline unions (Ruby `T.any(A, B)`) whose members the notation lists, each with the doc
    /// its link names.
    pub inline_unions: Vec<InlineUnion>,
    /// Something worth a warning: the notation was understood, but only loosely.
    pub lossy: Option<String>,
}

/// The members of a union written inline, and the doc a link names it by.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineUnion {
    /// The link target, as written.
    pub link: String,
    /// The model the link names (its file name).
    pub name: TypeName,
    /// Each member as written, and its type.
    pub members: Vec<(String, TypeRef)>,
}

impl Ty {
    pub fn plain(ty: TypeRef, nullable: Evidence) -> Ty {
        Ty {
            ty,
            nullable,
            absent_or_null: false,
            sdk: None,
            inline_unions: Vec::new(),
            lossy: None,
        }
    }
}

/// Parses the inlines of a Type cell into the shape every dialect shares, to be read in a
/// dialect by [`interpret`]; the error says what was not understood.
pub fn parse(inlines: &[Inline]) -> Result<Notation, String> {
    syntax::parse(inlines)
}

/// Reads a parsed type notation in `dialect`; the error says what was not understood.
pub fn interpret(notation: &Notation, dialect: Dialect) -> Result<Ty, String> {
    interpret::interpret(dialect, notation)
}

/// Reads a type notation given as plain text (a code block, a heading).
pub fn read_text(text: &str, dialect: Dialect) -> Result<Ty, String> {
    let syn = syntax::parse_text(text)?;
    interpret::interpret(dialect, &syntax::Notation { syn, link: None })
}

/// Whether the text (a union member's heading) is `null` in some dialect's notation: `null`
/// (TypeScript, Java, PHP), `None` (Python), `nil` (Ruby, Go).
pub fn is_null_text(text: &str) -> bool {
    syntax::parse_text(text).is_ok_and(|syn| interpret::is_null(&syn))
}

/// The values a notation lists: `"a" | "b" | Unrecognized<string>` (a TypeScript enum written
/// as a union of literals). `None` if the text is not such a list.
pub fn literal_values(text: &str) -> Option<Vec<serde_json::Value>> {
    let syn = syntax::parse_text(text).ok()?;
    let members = match syn {
        syntax::Syn::Union(ms) => ms,
        other => vec![other],
    };
    let mut values = Vec::new();
    for m in members {
        match m {
            syntax::Syn::Str(s) => values.push(serde_json::Value::String(s)),
            syntax::Syn::Lit(l) => values.push(interpret::literal(&l)?),
            // The open-enum fallback of TypeScript: not a value.
            syntax::Syn::Name { name, .. } if name == "Unrecognized" => {}
            _ => return None,
        }
    }
    (!values.is_empty()).then_some(values)
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

/// The model a link to a doc names: its file name without the extension, if the link is to a
/// local `.md`/`.mdx` file. The folders in the link are ignored: upstream SDKs ship links whose
/// folders are wrong, and models are matched by name anyway.
pub fn linked_model(dest: &str) -> Option<TypeName> {
    if dest.contains("://") || dest.starts_with('#') || dest.starts_with("mailto:") {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".mdx"))?;
    (!stem.is_empty()).then(|| TypeName(stem.to_string()))
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

    #[test]
    fn links_name_models_by_file_name() {
        let n = |s: &str| linked_model(s).map(|t| t.0);
        assert_eq!(n("../../models/shared/active.md"), Some("active".into()));
        assert_eq!(n("Foo.mdx#fields"), Some("Foo".into()));
        assert_eq!(n("https://ruby-doc.org/x/Date.html"), None);
        assert_eq!(n("#backoffstrategy"), None);
        assert_eq!(n("../types/rfcdate"), None);
    }

    #[test]
    fn null_members_are_named_as_each_dialect_names_null() {
        for null in ["null", "None", "nil", "NilClass"] {
            assert!(is_null_text(null), "{null}");
        }
        // A model may be called `Null`; `null` in a type is no member.
        for other in ["Null", "NullValue", "string | null", "Optional[None]", ""] {
            assert!(!is_null_text(other), "{other}");
        }
    }

    #[test]
    fn literal_lists() {
        assert_eq!(
            literal_values("\"a\" | \"b\" | Unrecognized<string>"),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(literal_values("1 | 2"), Some(vec![1.into(), 2.into()]));
        assert_eq!(literal_values("string"), None);
    }
}
