//! The type of values the docs cannot say are dates or date-times
//! ([`TypeRef::DateOrDateTime`]): emitted once, by a run that uses it, under a name that
//! models give way to (see `context::type_idents`).

use mdgen_ir::{Diagnostic, Schema, Severity, Source, TypeDef, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The name of the type. A model of the same name is renamed, with a warning.
pub const TYPE_NAME: &str = "DateOrDateTime";

/// The fields and union members of a schema whose type holds a date or date-time.
#[derive(Debug, Default, PartialEq)]
pub struct Usage {
    pub count: usize,
    /// Where the first of them is documented.
    pub first: Option<Source>,
}

impl Usage {
    /// Counts the fields and union members of `schema` whose type holds a date or date-time.
    pub fn of(schema: &Schema) -> Usage {
        let mut usage = Usage::default();
        let mut count = |ty: &TypeRef, source: Option<&Source>| {
            if holds(ty) {
                usage.count += 1;
                usage.first = usage.first.take().or_else(|| source.cloned());
            }
        };
        for def in schema.types.values() {
            match def {
                TypeDef::Struct(s) => s.fields.iter().for_each(|f| {
                    count(&f.ty, f.sources().next().or(s.sources.first()));
                }),
                TypeDef::Union(u) => u
                    .variants
                    .iter()
                    .for_each(|v| count(&v.ty, u.sources.first())),
                TypeDef::Enum(_) => {}
            }
        }
        usage
    }

    /// Whether the type is to be emitted.
    pub fn used(&self) -> bool {
        self.count > 0
    }

    /// The note saying how many values take either form, when some do.
    pub fn note(&self) -> Option<Diagnostic> {
        let first = self.first.as_ref().filter(|_| self.used());
        let (file, line) = first.map_or((Default::default(), 0), |s| (s.file.clone(), s.line));
        let message = format!(
            "{} field(s) and union member(s) are documented in a notation written for dates and date-times alike (PHP `\\DateTime`), and no example or other input says which: they read either and write back the form read (`{TYPE_NAME}`)",
            self.count
        );
        self.used()
            .then(|| Diagnostic::new(Severity::Note, "date-or-date-time", file, line, message))
    }
}

/// Whether `ty` is or holds (in arrays and maps) a date or date-time.
fn holds(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::DateOrDateTime => true,
        TypeRef::Array(t) | TypeRef::Map(t) => holds(t),
        _ => false,
    }
}

/// The type: a date is tried first, as a date-time never reads as one.
pub fn item() -> TokenStream {
    let name = crate::tokens::ident(TYPE_NAME);
    quote! {
        /// A date (`2020-01-01`) or a date-time (`2020-01-01T10:00:00+02:00`), where the docs
        /// write one notation for both and do not say which. Reads either, and writes back the
        /// form it read.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            /// A calendar date.
            Date(::chrono::NaiveDate),
            /// An instant, with the offset it was sent with (RFC 3339).
            DateTime(::chrono::DateTime<::chrono::FixedOffset>),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_schema::{field, schema, strukt, union};
    use crate::{emit, Options};
    use mdgen_ir::TypeRef::{self, Array, DateOrDateTime, Map};

    #[test]
    fn emitted_once_where_used_and_a_model_of_its_name_gives_way() {
        let s = schema(vec![
            strukt(
                "A",
                vec![
                    field("at", DateOrDateTime, true),
                    field("ats", Array(Box::new(Map(Box::new(DateOrDateTime)))), false),
                    field("name", TypeRef::String, true),
                ],
            ),
            union("U", vec![TypeRef::String, DateOrDateTime]),
            strukt("date_or_date_time", vec![field("x", TypeRef::Date, true)]),
        ]);
        let out = emit(&s, &Options::default());
        assert_eq!(out.code.matches("pub enum DateOrDateTime {").count(), 1);
        assert!(
            out.code.contains("pub struct DateOrDateTime2 {"),
            "{}",
            out.code
        );
        assert!(out.code.contains("pub at: DateOrDateTime,"));
        assert!(out.code.contains("DateOrDateTime(DateOrDateTime),"));
        assert!(out.deps.chrono);
        let said: Vec<(&str, &str)> = out
            .diagnostics
            .iter()
            .map(|d| (d.kind.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said
            .iter()
            .any(|(kind, message)| *kind == "date-or-date-time"
                && message.starts_with("3 field(s) and union member(s)")));
        assert!(said.iter().any(|(kind, message)| *kind == "name-collision"
            && message.contains("mdgen's type for dates and date-times")
            && message.ends_with("emitted as `DateOrDateTime2`")));

        // Unused: not emitted, and the name is the model's.
        let s = schema(vec![strukt(
            "DateOrDateTime",
            vec![field("x", TypeRef::Date, true)],
        )]);
        let out = emit(&s, &Options::default());
        assert!(out.code.contains("pub struct DateOrDateTime {"));
        assert!(!out.code.contains("enum DateOrDateTime"));
        assert_eq!(out.diagnostics.iter().count(), 0, "{:?}", out.diagnostics);
    }
}
