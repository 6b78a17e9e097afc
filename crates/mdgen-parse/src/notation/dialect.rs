//! The SDK dialects: how to recognize each, and what each one's type names mean.

use super::syntax::Syn;
use super::{model_name, Ty};
use mdgen_ir::{Evidence, TypeRef};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The SDK language a doc was generated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    TypeScript,
    Php,
    Ruby,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::TypeScript, Dialect::Php, Dialect::Ruby];

    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::TypeScript => "typescript",
            Dialect::Php => "php",
            Dialect::Ruby => "ruby",
        }
    }

    /// Whether this dialect writes nullability into its types, so that its absence means
    /// "not nullable" rather than "unknown".
    fn shows_nullability(self) -> bool {
        matches!(self, Dialect::Php | Dialect::Ruby)
    }

    /// How strongly a code-block language, link target or Type cell points to this dialect.
    pub fn score(self, code_langs: &[&str], type_cells: &[String]) -> usize {
        let (langs, cues): (&[&str], &[&str]) = match self {
            Dialect::TypeScript => (
                &["typescript", "ts"],
                &[
                    "mozilla.org",
                    "[]",
                    "shared.",
                    "number",
                    "boolean",
                    "Record<",
                ],
            ),
            Dialect::Php => (
                &["php"],
                &[
                    "php.net",
                    "?",
                    "array<",
                    "Components\\",
                    "Operations\\",
                    "float",
                    "mixed",
                ],
            ),
            Dialect::Ruby => (
                &["ruby"],
                &[
                    "ruby-doc.org",
                    "T.nilable",
                    "T::",
                    "::String",
                    "::Float",
                    "::Integer",
                ],
            ),
        };
        let lang_score = code_langs.iter().filter(|l| langs.contains(l)).count() * 100;
        let cue_score: usize = type_cells
            .iter()
            .map(|cell| cues.iter().filter(|c| cell.contains(*c)).count())
            .sum();
        lang_score + cue_score
    }

    /// The meaning of a parsed notation in this dialect.
    pub fn interpret(self, syn: &Syn) -> Result<Ty, String> {
        match (self, syn) {
            (Dialect::Php, Syn::Nullable(inner)) => Ok(Ty::nullable(self.ty(inner)?)),
            (Dialect::Ruby, Syn::Name { name, args, .. }) if name == "T.nilable" => {
                Ok(Ty::nullable(self.ty(one(name, args)?)?))
            }
            _ => self.ty(syn).map(|ty| Ty {
                ty,
                nullable: if self.shows_nullability() {
                    Evidence::No
                } else {
                    Evidence::Unknown
                },
            }),
        }
    }

    /// The type a notation stands for, ignoring nullability.
    fn ty(self, syn: &Syn) -> Result<TypeRef, String> {
        match syn {
            Syn::Name { name, args, link } => self.name(name, args, link.is_some()),
            Syn::Slice(inner) if self == Dialect::TypeScript => Ok(array(self.ty(inner)?)),
            Syn::Nullable(inner) if self == Dialect::Php => self.ty(inner),
            Syn::Str(s) if self == Dialect::TypeScript => Ok(TypeRef::Const(s.clone().into())),
            other => Err(format!("{} notation has no {}", self, shape(other))),
        }
    }

    fn name(self, name: &str, args: &[Syn], linked: bool) -> Result<TypeRef, String> {
        let scalar = match (self, name) {
            (Dialect::TypeScript, "string") => Some(TypeRef::String),
            (Dialect::TypeScript, "number") => Some(TypeRef::Number),
            (Dialect::TypeScript, "boolean") => Some(TypeRef::Bool),
            (Dialect::TypeScript, "any" | "unknown") => Some(TypeRef::Any),
            (Dialect::TypeScript, "Date") => Some(TypeRef::DateTime),
            (Dialect::TypeScript, "RFCDate") => Some(TypeRef::Date),
            (Dialect::Php, "string") => Some(TypeRef::String),
            (Dialect::Php, "int") => Some(TypeRef::Int { bits: None }),
            (Dialect::Php, "float") => Some(TypeRef::Float { bits: None }),
            (Dialect::Php, "bool") => Some(TypeRef::Bool),
            (Dialect::Php, "mixed") => Some(TypeRef::Any),
            (Dialect::Php, "\\DateTime") => Some(TypeRef::DateTime),
            (Dialect::Ruby, "::String") => Some(TypeRef::String),
            (Dialect::Ruby, "::Float") => Some(TypeRef::Float { bits: None }),
            (Dialect::Ruby, "::Integer") => Some(TypeRef::Int { bits: None }),
            (Dialect::Ruby, "T::Boolean") => Some(TypeRef::Bool),
            (Dialect::Ruby, "::Object" | "T.untyped") => Some(TypeRef::Any),
            // The StackOne Ruby SDK links every date-time to Ruby's `Date` class.
            (Dialect::Ruby, "Date" | "DateTime") => Some(TypeRef::DateTime),
            _ => None,
        };
        if let Some(t) = scalar {
            return if args.is_empty() {
                Ok(t)
            } else {
                Err(format!("`{name}` takes no type arguments"))
            };
        }
        match (self, name) {
            (Dialect::TypeScript, "Array")
            | (Dialect::Php, "array")
            | (Dialect::Ruby, "T::Array")
                if args.len() == 1 =>
            {
                Ok(array(self.ty(&args[0])?))
            }
            (Dialect::TypeScript, "Record")
            | (Dialect::Php, "array")
            | (Dialect::Ruby, "T::Hash")
                if args.len() == 2 =>
            {
                Ok(TypeRef::Map(Box::new(self.ty(&args[1])?)))
            }
            _ if args.is_empty() && (linked || is_model_reference(name)) => {
                Ok(TypeRef::Named(model_name(name)))
            }
            _ => Err(format!("`{name}` is not a {self} type")),
        }
    }
}

fn array(item: TypeRef) -> TypeRef {
    TypeRef::Array(Box::new(item))
}

fn one<'a>(name: &str, args: &'a [Syn]) -> Result<&'a Syn, String> {
    match args {
        [arg] => Ok(arg),
        _ => Err(format!(
            "`{name}` takes one type argument, not {}",
            args.len()
        )),
    }
}

/// A name that can only be a model: qualified (`shared.Foo`) or PascalCase.
fn is_model_reference(name: &str) -> bool {
    let last = model_name(name).0;
    last.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn shape(syn: &Syn) -> &'static str {
    match syn {
        Syn::Name { .. } => "such name",
        Syn::Nullable(_) => "`?T` form",
        Syn::Pointer(_) => "`*T` form",
        Syn::Slice(_) => "`[]` form",
        Syn::Map(..) => "`map[K]V` form",
        Syn::Str(_) => "string literal",
        Syn::Lit(_) => "literal",
    }
}

impl Ty {
    fn nullable(ty: TypeRef) -> Ty {
        Ty {
            ty,
            nullable: Evidence::Yes,
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::TypeScript => "TypeScript",
            Dialect::Php => "PHP",
            Dialect::Ruby => "Ruby",
        })
    }
}

impl FromStr for Dialect {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        Dialect::ALL
            .into_iter()
            .find(|d| d.as_str() == lower || (lower == "ts" && *d == Dialect::TypeScript))
            .ok_or_else(|| {
                let all: Vec<_> = Dialect::ALL.iter().map(|d| d.as_str()).collect();
                format!("unknown dialect `{s}`; expected one of {}", all.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read, Ty};
    use super::*;
    use crate::markdown::Inline;
    use mdgen_ir::TypeName;

    fn t(d: Dialect, s: &str) -> Result<Ty, String> {
        read(&[Inline::Text(s.into())], d)
    }

    fn linked(d: Dialect, before: &str, text: &str, after: &str) -> Ty {
        let inlines = vec![
            Inline::Text(before.into()),
            Inline::Link {
                dest: "x.md".into(),
                inner: vec![Inline::Text(text.into())],
            },
            Inline::Text(after.into()),
        ];
        read(&inlines, d).unwrap()
    }

    fn named(n: &str) -> TypeRef {
        TypeRef::Named(TypeName(n.into()))
    }

    #[test]
    fn php() {
        let d = Dialect::Php;
        assert_eq!(
            t(d, "?string"),
            Ok(Ty {
                ty: TypeRef::String,
                nullable: Evidence::Yes
            })
        );
        assert_eq!(
            t(d, "float"),
            Ok(Ty {
                ty: TypeRef::Float { bits: None },
                nullable: Evidence::No
            })
        );
        assert_eq!(
            t(d, "array<string, int>").unwrap().ty,
            TypeRef::Map(Box::new(TypeRef::Int { bits: None }))
        );
        assert_eq!(
            linked(d, "array<", "Components\\Cat", ">").ty,
            array(named("Cat"))
        );
        assert_eq!(
            linked(d, "", "?Components\\Meta", "").nullable,
            Evidence::Yes
        );
        assert_eq!(linked(d, "", "\\DateTime", "").ty, TypeRef::DateTime);
        assert!(t(d, "flaot")
            .unwrap_err()
            .contains("`flaot` is not a PHP type"));
    }

    #[test]
    fn ruby() {
        let d = Dialect::Ruby;
        assert_eq!(
            t(d, "T.nilable(::String)"),
            Ok(Ty {
                ty: TypeRef::String,
                nullable: Evidence::Yes
            })
        );
        assert_eq!(t(d, "::Float").unwrap().ty, TypeRef::Float { bits: None });
        assert_eq!(
            linked(d, "T::Array<", "::StackOne::Shared::Cat", ">").ty,
            array(named("Cat"))
        );
        assert_eq!(
            t(d, "T::Hash[Symbol, ::Integer]").unwrap().ty,
            TypeRef::Map(Box::new(TypeRef::Int { bits: None }))
        );
        assert!(t(d, "T.nilable(::String, ::Float)")
            .unwrap_err()
            .contains("one type argument"));
    }

    #[test]
    fn typescript() {
        let d = Dialect::TypeScript;
        assert_eq!(
            t(d, "number"),
            Ok(Ty {
                ty: TypeRef::Number,
                nullable: Evidence::Unknown
            })
        );
        assert_eq!(linked(d, "", "shared.Cat", "[]").ty, array(named("Cat")));
        assert_eq!(
            t(d, "Record<string, any>").unwrap().ty,
            TypeRef::Map(Box::new(TypeRef::Any))
        );
        assert_eq!(
            t(d, "\"phone\"").unwrap().ty,
            TypeRef::Const("phone".into())
        );
        assert_eq!(t(d, "shared.Employee4").unwrap().ty, named("Employee4"));
        assert!(t(d, "?string")
            .unwrap_err()
            .contains("TypeScript notation has no `?T` form"));
    }

    #[test]
    fn detection_scores_cues() {
        let cells = vec![
            "*?string*".to_string(),
            "array<[Components\\X](x)>".to_string(),
        ];
        assert!(Dialect::Php.score(&[], &cells) > Dialect::TypeScript.score(&[], &cells));
        assert!(Dialect::Ruby.score(&["ruby"], &[]) > Dialect::Php.score(&["ruby"], &cells));
    }
}
