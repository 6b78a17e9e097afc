//! `Enum` → an open Rust enum: a variant per documented value plus a catch-all, so that values
//! the API adds later still deserialize and serialize back unchanged.

use crate::context::{collision, place, Ctx};
use crate::docs;
use crate::ident::{self, Case};
use crate::lints::variant_names_may_repeat;
use crate::tokens::{allow_deprecated, deprecated, ident, int_lit, key_value, serde_attr, str_lit};
use foldhash::{HashSet, HashSetExt};
use mdgen_ir::{Diagnostic, Enum, EnumValue, EnumWire, Severity};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The doc line of an enum whose values were only seen in examples.
const INFERRED_NOTE: &str =
    "The values were inferred from Example cells; their wire spelling may differ.";

/// What the documented values of an enum are on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    /// Strings (or no values at all): unit variants and `Unknown(String)`.
    Str,
    /// Integers: unit variants and `Unknown(i64)`, converted through `i64`.
    Int,
    /// Both, or strings that read as other JSON (`true`, `1.5`: a Values table does not say
    /// whether the API sends `true` or `"true"`): converted through `serde_json::Value`, so `1`
    /// and `"1"` stay apart and every value round-trips exactly, the form the docs do not show
    /// kept by the catch-all, `Unknown(serde_json::Value)`.
    Mixed,
}

/// The kind of `e`.
pub fn kind(e: &Enum) -> EnumKind {
    let ints = e
        .values
        .iter()
        .filter(|v| matches!(v.value, EnumWire::Int(_)))
        .count();
    let literal = |v: &EnumValue| matches!(&v.value, EnumWire::Str(s) if reads_as_json(s));
    match ints {
        0 if e.values.iter().any(literal) => EnumKind::Mixed,
        0 => EnumKind::Str,
        n if n == e.values.len() => EnumKind::Int,
        _ => EnumKind::Mixed,
    }
}

/// Whether a string value would read as a JSON boolean or number (`true`, `1.5`).
fn reads_as_json(s: &str) -> bool {
    s == "true" || s == "false" || serde_json::from_str::<serde_json::Number>(s).is_ok()
}

/// One documented value with its variant identifier.
struct Member<'e> {
    ident: Ident,
    value: &'e EnumValue,
}

/// The enum item for `e`, and for integer and mixed enums the `From` impls serde converts with.
pub fn emit(ctx: &mut Ctx, e: &Enum) -> Vec<TokenStream> {
    let Some(name) = ctx.type_ident(&e.name) else {
        return Vec::new();
    };
    let values = unique_values(ctx, e);
    let bases: Vec<String> = values.iter().map(|v| variant_base(v)).collect();
    let deduped = ident::dedupe(bases, Case::Pascal);
    for (i, (text, clash)) in deduped.iter().enumerate() {
        if let Some(clash) = clash {
            ctx.diagnostics.push(collision(
                &e.sources,
                &format!("value {} of `{}`", wire_text(&values[i].value), e.name),
                &format!("value {}", wire_text(&values[clash.first].value)),
                &clash.base,
                text,
            ));
        }
    }
    // Only names starting `Unknown` can be taken; usually none is.
    let taken: HashSet<&str> = deduped
        .iter()
        .map(|(t, _)| t.as_str())
        .filter(|t| t.starts_with("Unknown"))
        .collect();
    let catch_all = ["Unknown".to_string(), "UnknownValue".to_string()]
        .into_iter()
        .chain((2..).map(|n| format!("UnknownValue{n}")))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or_default();
    let kind = kind(e);
    let repeats = variant_names_may_repeat(
        name,
        deduped
            .iter()
            .map(|(t, _)| t.as_str())
            .chain([catch_all.as_str()]),
    );
    let members: Vec<Member> = deduped
        .iter()
        .zip(&values)
        .map(|((text, _), value)| Member {
            ident: ident(text),
            value,
        })
        .collect();
    let variants = members.iter().map(|m| {
        let docs = docs::attrs(&docs::lines(m.value.doc.as_deref()));
        let deprecated = deprecated(m.value.deprecated);
        let rename = match (&m.value.value, kind) {
            (EnumWire::Str(wire), EnumKind::Str) => serde_attr(&[key_value("rename", wire)]),
            _ => TokenStream::new(),
        };
        let variant = &m.ident;
        quote!(#docs #deprecated #rename #variant)
    });
    let catch_all = ident(&catch_all);
    // The type serde converts through, as a path and as tokens.
    let (catch_all_ty, via) = match kind {
        EnumKind::Str => (quote!(::std::string::String), None),
        EnumKind::Int => (quote!(i64), Some(("i64", quote!(i64)))),
        EnumKind::Mixed => {
            let value = ctx.json_value();
            (value.clone(), Some(("::serde_json::Value", value)))
        }
    };
    let untagged = (kind == EnumKind::Str).then(|| quote!(#[serde(untagged)]));

    let mut lines = docs::lines(e.doc.as_deref());
    if !e.values_known {
        lines = docs::with_note(lines, INFERRED_NOTE);
    }
    let docs = docs::attrs(&lines);
    let enum_deprecated = deprecated(e.deprecated);
    let allow_repeats = repeats.then(|| quote!(#[allow(clippy::enum_variant_names)]));
    let derives = ctx.derives(&e.name).attr();
    let convert = via
        .as_ref()
        .map(|(path, _)| serde_attr(&[key_value("from", path), key_value("into", path)]));
    let name = ident(name);
    let mut items = vec![quote! {
        #docs
        #enum_deprecated
        #allow_repeats
        #derives
        #convert
        pub enum #name {
            #(#variants,)*
            /// A value not documented when this code was generated.
            #untagged
            #catch_all(#catch_all_ty),
        }
    }];
    let impls = match kind {
        EnumKind::Str => None,
        EnumKind::Int => Some(int_impls(&name, &catch_all, &members)),
        EnumKind::Mixed => Some(mixed_impls(&name, &catch_all, &members)),
    };
    if let (Some((_, via)), Some((from_wire, into_wire))) = (via, impls) {
        let allow = allow_deprecated(e.deprecated || values.iter().any(|v| v.deprecated));
        items.push(quote! {
            #allow
            impl ::std::convert::From<#via> for #name {
                fn from(value: #via) -> Self {
                    #from_wire
                }
            }
        });
        items.push(quote! {
            #allow
            impl ::std::convert::From<#name> for #via {
                fn from(value: #name) -> Self {
                    #into_wire
                }
            }
        });
    }
    items
}

/// The values of `e`, without any whose wire value an earlier one already has (warned).
fn unique_values<'e>(ctx: &mut Ctx, e: &'e Enum) -> Vec<&'e EnumValue> {
    let mut seen = HashSet::with_capacity(e.values.len());
    let mut kept = Vec::with_capacity(e.values.len());
    for v in &e.values {
        if seen.insert(&v.value) {
            kept.push(v);
        } else {
            let (file, line) = place(&e.sources);
            ctx.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "duplicate-enum-value",
                file,
                line,
                format!(
                    "`{}` lists the value {} twice; only the first is emitted",
                    e.name,
                    wire_text(&v.value)
                ),
            ));
        }
    }
    kept
}

/// The variant identifier a value asks for: its documented name, else its value.
fn variant_base(v: &EnumValue) -> String {
    match (v.name.as_deref().map(str::trim), &v.value) {
        (Some(name), _) if !name.is_empty() => ident::sanitize(name, Case::Pascal, "Value"),
        (_, EnumWire::Str(s)) if s.is_empty() => "Empty".to_string(),
        (_, EnumWire::Str(s)) => ident::sanitize(s, Case::Pascal, "Value"),
        (_, EnumWire::Int(n)) if *n < 0 => format!("ValueMinus{}", n.unsigned_abs()),
        (_, EnumWire::Int(n)) => format!("Value{n}"),
    }
}

/// A wire value as it reads in JSON, for messages.
fn wire_text(w: &EnumWire) -> String {
    match w {
        EnumWire::Int(n) => n.to_string(),
        EnumWire::Str(s) => format!("{s:?}"),
    }
}

/// The bodies of `From<i64> for E` and `From<E> for i64`.
fn int_impls(name: &Ident, catch_all: &Ident, members: &[Member]) -> (TokenStream, TokenStream) {
    let ints: Vec<(TokenStream, &Ident)> = members
        .iter()
        .filter_map(|m| match m.value.value {
            EnumWire::Int(n) => Some((int_lit(n, false), &m.ident)),
            EnumWire::Str(_) => None,
        })
        .collect();
    let (lits, variants): (Vec<_>, Vec<_>) = ints.into_iter().unzip();
    let from = quote! {
        match value {
            #(#lits => #name::#variants,)*
            other => #name::#catch_all(other),
        }
    };
    let into = quote! {
        match value {
            #(#name::#variants => #lits,)*
            #name::#catch_all(other) => other,
        }
    };
    (from, into)
}

/// The bodies of `From<serde_json::Value> for E` and back, for enums with string and integer
/// values.
fn mixed_impls(name: &Ident, catch_all: &Ident, members: &[Member]) -> (TokenStream, TokenStream) {
    let mut strs = Vec::new();
    let mut ints = Vec::new();
    let mut back = Vec::new();
    for m in members {
        let variant = &m.ident;
        match &m.value.value {
            EnumWire::Str(s) => {
                let s = str_lit(s);
                strs.push(quote!(#s => #name::#variant,));
                back.push(quote! {
                    #name::#variant => ::serde_json::Value::String(::std::string::String::from(#s)),
                });
            }
            EnumWire::Int(n) => {
                let pat = int_lit(*n, false);
                ints.push(quote!(::std::option::Option::Some(#pat) => #name::#variant,));
                let lit = int_lit(*n, true);
                back.push(quote!(#name::#variant => ::serde_json::Value::from(#lit),));
            }
        }
    }
    let numbers = (!ints.is_empty()).then(|| {
        quote! {
            ::serde_json::Value::Number(n) => match n.as_i64() {
                #(#ints)*
                _ => #name::#catch_all(::serde_json::Value::Number(n)),
            },
        }
    });
    let from = quote! {
        match value {
            ::serde_json::Value::String(s) => match s.as_str() {
                #(#strs)*
                _ => #name::#catch_all(::serde_json::Value::String(s)),
            },
            #numbers
            other => #name::#catch_all(other),
        }
    };
    let into = quote! {
        match value {
            #(#back)*
            #name::#catch_all(other) => other,
        }
    };
    (from, into)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(name: Option<&str>, value: EnumWire) -> EnumValue {
        EnumValue {
            name: name.map(String::from),
            value,
            doc: None,
            deprecated: false,
        }
    }

    #[test]
    fn string_values_that_read_as_other_json_make_the_enum_mixed() {
        let e = |values: Vec<EnumValue>| Enum {
            name: mdgen_ir::TypeName("E".into()),
            doc: None,
            values,
            values_known: true,
            deprecated: false,
            sources: Vec::new(),
        };
        let s = |v: &str| value(None, EnumWire::Str(v.into()));
        assert_eq!(kind(&e(vec![s("true"), s("false")])), EnumKind::Mixed);
        assert_eq!(kind(&e(vec![s("a"), s("1.5")])), EnumKind::Mixed);
        assert_eq!(kind(&e(vec![s("a"), s("01"), s("1080p")])), EnumKind::Str);
        assert_eq!(kind(&e(vec![value(None, EnumWire::Int(1))])), EnumKind::Int);
    }

    #[test]
    fn variants_are_named_from_names_then_values() {
        assert_eq!(
            variant_base(&value(Some("HRIS_LEGACY"), EnumWire::Str("x".into()))),
            "HrisLegacy"
        );
        assert_eq!(
            variant_base(&value(Some(" "), EnumWire::Str("hris-legacy".into()))),
            "HrisLegacy"
        );
        assert_eq!(
            variant_base(&value(None, EnumWire::Str(String::new()))),
            "Empty"
        );
        assert_eq!(
            variant_base(&value(None, EnumWire::Str("+".into()))),
            "Value"
        );
        assert_eq!(
            variant_base(&value(None, EnumWire::Str("1080p".into()))),
            "_1080p"
        );
        assert_eq!(variant_base(&value(None, EnumWire::Int(-3))), "ValueMinus3");
        assert_eq!(variant_base(&value(None, EnumWire::Int(42))), "Value42");
    }
}
