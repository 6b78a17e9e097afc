//! How a union is read: by its tag where every member has one, else by trying the members in
//! order and taking the first that reproduces the value exactly.
//!
//! serde's untagged enums take the first member that accepts a value, and a member that ignores
//! some keys (they are all optional to it), or whose tag is an open enum that takes any string,
//! accepts what another member would have read whole. So a union's `Deserialize` reads the
//! value once (as `serde_json::Value`), and:
//! 1. where each member is a struct with a field that holds one value only (a one-value enum
//!    or a constant) under one JSON key, the value of that key picks the member;
//! 2. otherwise each member is tried in order, and the first that serializes back to the value
//!    it read wins (numbers compared by value: a float member writes `1` back as `1.0`);
//!    failing that, the first that read it at all (a value with keys no member knows). A member
//!    holding any JSON value takes only what no other member read.
//!
//! Serializing stays serde's untagged form: each member writes itself.

use crate::resolve::Resolver;
use crate::tokens::str_lit;
use mdgen_ir::{EnumWire, TypeDef, TypeRef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// A member as the `Deserialize` impl reads it.
pub struct Member<'a> {
    pub variant: &'a Ident,
    /// The Rust type of the member (boxed where it must be).
    pub ty: &'a TokenStream,
    /// The member holds any JSON value: a last resort.
    pub any: bool,
    /// The member's value of the union's tag, where the union has one.
    pub tag: Option<String>,
}

/// The JSON key that tells the members of a union apart, and each member's value of it: the
/// key of a field every member (a struct) has, holding one value only, a different one in each.
pub fn tag(resolver: &Resolver, members: &[&TypeRef]) -> Option<(String, Vec<String>)> {
    let mut candidates: Option<Vec<(String, Vec<String>)>> = None;
    for ty in members {
        let TypeRef::Named(n) = ty else { return None };
        let Some(TypeDef::Struct(s)) = resolver.def(n) else {
            return None;
        };
        let own: Vec<(&str, String)> = s
            .fields
            .iter()
            .filter(|f| f.required)
            .filter_map(|f| Some((f.wire.name.as_str(), single_value(resolver, &f.ty)?)))
            .collect();
        candidates = Some(match candidates {
            None => own
                .into_iter()
                .map(|(k, v)| (k.to_string(), vec![v]))
                .collect(),
            Some(found) => found
                .into_iter()
                .filter_map(|(k, mut values)| {
                    let (_, v) = own.iter().find(|(key, _)| *key == k)?;
                    values.push(v.clone());
                    Some((k, values))
                })
                .collect(),
        });
    }
    let distinct = |values: &Vec<String>| {
        let mut sorted = values.clone();
        sorted.sort();
        sorted.dedup();
        sorted.len() == values.len()
    };
    candidates?
        .into_iter()
        .find(|(_, values)| values.len() > 1 && distinct(values))
}

/// The one string `ty` allows: a string constant, or an enum of one string value.
fn single_value(resolver: &Resolver, ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Const(serde_json::Value::String(s)) => Some(s.clone()),
        TypeRef::Named(n) => match resolver.def(n)? {
            TypeDef::Enum(e) => match e.values.as_slice() {
                [only] => match &only.value {
                    EnumWire::Str(s) => Some(s.clone()),
                    EnumWire::Int(_) => None,
                },
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// `impl Deserialize for #name`, reading the members as the module docs say.
pub fn deserialize_impl(name: &Ident, members: &[Member], tag: Option<&str>) -> TokenStream {
    // The member read from `v`; the members tried in turn are closures of it.
    let read = |m: &Member| {
        let (variant, ty) = (m.variant, m.ty);
        quote!(<#ty as ::serde::Deserialize>::deserialize(v).map(Self::#variant))
    };
    let by_tag = tag.map(|key| {
        let key = str_lit(key);
        let arms = members.iter().filter_map(|m| {
            let value = str_lit(m.tag.as_deref()?);
            let read = read(m);
            Some(quote!(::std::option::Option::Some(#value) => {
                let v = &value;
                return #read.map_err(::serde::de::Error::custom);
            }))
        });
        quote! {
            match value.get(#key).and_then(::serde_json::Value::as_str) {
                #(#arms)*
                _ => {}
            }
        }
    });
    let (any, typed): (Vec<&Member>, Vec<&Member>) = members.iter().partition(|m| m.any);
    let count = Literal::usize_unsuffixed(typed.len());
    let typed = typed.into_iter().map(read);
    let last_resort = (!any.is_empty()).then(|| quote!(let v = &value;));
    let any = any.into_iter().map(read);
    let same = same_value();
    let message = str_lit(&format!(
        "data did not match any variant of untagged enum {name}"
    ));
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #by_tag
                #same
                let members: [fn(&::serde_json::Value) -> ::serde_json::Result<Self>; #count] = [#(|v| #typed),*];
                let mut first = ::std::option::Option::None;
                for read in members {
                    if let ::std::result::Result::Ok(member) = read(&value) {
                        if ::serde_json::to_value(&member).is_ok_and(|back| same(&back, &value)) {
                            return ::std::result::Result::Ok(member);
                        }
                        if first.is_none() {
                            first = ::std::option::Option::Some(member);
                        }
                    }
                }
                #last_resort
                #(if first.is_none() {
                    first = #any.ok();
                })*
                first.ok_or_else(|| ::serde::de::Error::custom(#message))
            }
        }
    }
}

/// `fn same(a, b)`: whether a member wrote back the value it read. Numbers are equal by value
/// where either is a float (an `f64` member writes the `1` it read as `1.0`), else exactly.
fn same_value() -> TokenStream {
    quote! {
        fn same(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
            use ::serde_json::Value;
            match (a, b) {
                (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
                    x.as_f64() == y.as_f64()
                }
                (Value::Array(x), Value::Array(y)) => {
                    x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
                }
                (Value::Object(x), Value::Object(y)) => {
                    x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
                }
                _ => a == b,
            }
        }
    }
}
