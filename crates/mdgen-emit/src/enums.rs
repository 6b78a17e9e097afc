//! `Enum` → an open Rust enum: a variant per documented value plus a catch-all, so that values
//! the API adds later still deserialize and serialize back unchanged.

use crate::context::{collision, place, Ctx};
use crate::docs;
use crate::ident::{self, Case};
use crate::lints::variant_names_may_repeat;
use mdgen_ir::{Diagnostic, Enum, EnumValue, EnumWire, Severity};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use std::collections::HashSet;

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
    /// Both: converted through `serde_json::Value`, so `1` and `"1"` stay apart and every
    /// value round-trips exactly; the catch-all is `Unknown(serde_json::Value)`.
    Mixed,
}

/// The kind of `e`.
pub fn kind(e: &Enum) -> EnumKind {
    let ints = e
        .values
        .iter()
        .filter(|v| matches!(v.value, EnumWire::Int(_)))
        .count();
    match ints {
        0 => EnumKind::Str,
        n if n == e.values.len() => EnumKind::Int,
        _ => EnumKind::Mixed,
    }
}

/// One documented value with its variant identifier.
struct Member<'e> {
    ident: Ident,
    value: &'e EnumValue,
}

/// The enum item for `e`, and for integer and mixed enums the `From` impls serde converts with.
pub fn emit(ctx: &mut Ctx, e: &Enum) -> TokenStream {
    let Some(name) = ctx.type_ident(&e.name) else {
        return TokenStream::new();
    };
    let values = unique_values(ctx, e);
    let bases: Vec<String> = values.iter().map(|v| variant_base(v)).collect();
    let deduped = ident::dedupe(&bases, Case::Pascal);
    for (i, (text, clash)) in deduped.iter().enumerate() {
        if let Some(first) = clash {
            ctx.diagnostics.push(collision(
                &e.sources,
                &format!("value {} of `{}`", wire_text(&values[i].value), e.name),
                &format!("value {}", wire_text(&values[*first].value)),
                &bases[i],
                text,
            ));
        }
    }
    let taken: HashSet<&str> = deduped.iter().map(|(t, _)| t.as_str()).collect();
    let catch_all = ["Unknown".to_string(), "UnknownValue".to_string()]
        .into_iter()
        .chain((2..).map(|n| format!("UnknownValue{n}")))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or_default();
    let members: Vec<Member> = deduped
        .iter()
        .zip(&values)
        .map(|((text, _), value)| Member {
            ident: ident::ident(text),
            value,
        })
        .collect();
    let mut variant_names: Vec<String> = deduped.into_iter().map(|(t, _)| t).collect();
    variant_names.push(catch_all.clone());
    let catch_all = ident::ident(&catch_all);
    let kind = kind(e);

    let variants = members.iter().map(|m| {
        let doc = docs::attrs(&docs::lines(m.value.doc.as_deref()));
        let deprecated = m.value.deprecated.then(|| quote!(#[deprecated]));
        let rename = match (&m.value.value, kind) {
            (EnumWire::Str(wire), EnumKind::Str) => Some(quote!(#[serde(rename = #wire)])),
            _ => None,
        };
        let ident = &m.ident;
        quote!(#doc #deprecated #rename #ident,)
    });
    let (catch_all_variant, container_serde, impls) = match kind {
        EnumKind::Str => (
            quote! {
                /// A value not documented when this code was generated.
                #[serde(untagged)]
                #catch_all(::std::string::String),
            },
            None,
            None,
        ),
        EnumKind::Int => (
            quote! {
                /// A value not documented when this code was generated.
                #catch_all(i64),
            },
            Some(quote!(#[serde(from = "i64", into = "i64")])),
            Some(int_impls(&name, &catch_all, &members)),
        ),
        EnumKind::Mixed => {
            let value = ctx.json_value();
            (
                quote! {
                    /// A value not documented when this code was generated.
                    #catch_all(#value),
                },
                Some(quote!(#[serde(from = "::serde_json::Value", into = "::serde_json::Value")])),
                Some(mixed_impls(&name, &catch_all, &members)),
            )
        }
    };

    let mut lines = docs::lines(e.doc.as_deref());
    if !e.values_known {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(INFERRED_NOTE.to_string());
    }
    let doc = docs::attrs(&lines);
    let deprecated = e.deprecated.then(|| quote!(#[deprecated]));
    let lint = variant_names_may_repeat(&name.to_string(), &variant_names)
        .then(|| quote!(#[allow(clippy::enum_variant_names)]));
    let derive = ctx.derives(&e.name).attr();
    let impls_allow =
        (e.deprecated || values.iter().any(|v| v.deprecated)).then(|| quote!(#[allow(deprecated)]));
    let impls = impls.map(|(from_wire, into_wire)| {
        quote! {
            #impls_allow
            #from_wire
            #impls_allow
            #into_wire
        }
    });
    quote! {
        #doc
        #deprecated
        #lint
        #derive
        #container_serde
        pub enum #name {
            #(#variants)*
            #catch_all_variant
        }
        #impls
    }
}

/// The values of `e`, without any whose wire value an earlier one already has (warned).
fn unique_values<'e>(ctx: &mut Ctx, e: &'e Enum) -> Vec<&'e EnumValue> {
    let mut seen = HashSet::new();
    let mut kept = Vec::new();
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

/// An `i64` literal expression or pattern; `suffixed` makes its type explicit.
fn int_lit(n: i64, suffixed: bool) -> TokenStream {
    if n == i64::MIN {
        return quote!(i64::MIN);
    }
    // `n` is not `i64::MIN`, so its magnitude fits an `i64`.
    let abs = n.unsigned_abs() as i64;
    let lit = if suffixed {
        Literal::i64_suffixed(abs)
    } else {
        Literal::i64_unsuffixed(abs)
    };
    if n < 0 {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}

/// `From<i64> for E` and `From<E> for i64`.
fn int_impls(name: &Ident, catch_all: &Ident, members: &[Member]) -> (TokenStream, TokenStream) {
    let ints: Vec<(TokenStream, &Ident)> = members
        .iter()
        .filter_map(|m| match m.value.value {
            EnumWire::Int(n) => Some((int_lit(n, false), &m.ident)),
            EnumWire::Str(_) => None,
        })
        .collect();
    let (pats, idents): (Vec<_>, Vec<_>) = ints.into_iter().unzip();
    let (from_body, into_body) = if idents.is_empty() {
        (
            quote!(#name::#catch_all(value)),
            quote! {
                let #name::#catch_all(value) = value;
                value
            },
        )
    } else {
        (
            quote! {
                match value {
                    #(#pats => #name::#idents,)*
                    other => #name::#catch_all(other),
                }
            },
            quote! {
                match value {
                    #(#name::#idents => #pats,)*
                    #name::#catch_all(other) => other,
                }
            },
        )
    };
    (
        quote! {
            impl ::std::convert::From<i64> for #name {
                fn from(value: i64) -> Self {
                    #from_body
                }
            }
        },
        quote! {
            impl ::std::convert::From<#name> for i64 {
                fn from(value: #name) -> Self {
                    #into_body
                }
            }
        },
    )
}

/// `From<serde_json::Value> for E` and back, for enums with string and integer values.
fn mixed_impls(name: &Ident, catch_all: &Ident, members: &[Member]) -> (TokenStream, TokenStream) {
    let mut strs = Vec::new();
    let mut ints = Vec::new();
    let mut back = Vec::new();
    for m in members {
        let ident = &m.ident;
        match &m.value.value {
            EnumWire::Str(s) => {
                strs.push(quote!(#s => #name::#ident,));
                back.push(quote!(#name::#ident => ::serde_json::Value::String(::std::string::String::from(#s)),));
            }
            EnumWire::Int(n) => {
                let pat = int_lit(*n, false);
                ints.push(quote!(::std::option::Option::Some(#pat) => #name::#ident,));
                let expr = int_lit(*n, true);
                back.push(quote!(#name::#ident => ::serde_json::Value::from(#expr),));
            }
        }
    }
    (
        quote! {
            impl ::std::convert::From<::serde_json::Value> for #name {
                fn from(value: ::serde_json::Value) -> Self {
                    match value {
                        ::serde_json::Value::String(s) => match s.as_str() {
                            #(#strs)*
                            _ => #name::#catch_all(::serde_json::Value::String(s)),
                        },
                        ::serde_json::Value::Number(n) => match n.as_i64() {
                            #(#ints)*
                            _ => #name::#catch_all(::serde_json::Value::Number(n)),
                        },
                        other => #name::#catch_all(other),
                    }
                }
            }
        },
        quote! {
            impl ::std::convert::From<#name> for ::serde_json::Value {
                fn from(value: #name) -> Self {
                    match value {
                        #(#back)*
                        #name::#catch_all(other) => other,
                    }
                }
            }
        },
    )
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

    #[test]
    fn integer_literals_handle_signs_and_extremes() {
        assert_eq!(int_lit(5, false).to_string(), "5");
        assert_eq!(int_lit(-5, true).to_string(), "- 5i64");
        assert_eq!(int_lit(i64::MIN, false).to_string(), "i64 :: MIN");
    }
}
