//! `TypeRef` → Rust types, with fully qualified paths so user models never shadow std.

use crate::context::Ctx;
use crate::support::Support;
use crate::tokens::ident;
use mdgen_ir::{NumberForm, TypeDef, TypeRef};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// The Rust type a `Const` value is carried in: the JSON type of the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstKind {
    Str,
    Bool,
    Int,
    Float,
    /// Null, arrays, objects and integers beyond `i64`: a `serde_json::Value`.
    Value,
}

impl ConstKind {
    pub fn of(value: &serde_json::Value) -> ConstKind {
        match value {
            serde_json::Value::String(_) => ConstKind::Str,
            serde_json::Value::Bool(_) => ConstKind::Bool,
            serde_json::Value::Number(n) if n.is_i64() => ConstKind::Int,
            serde_json::Value::Number(n) if n.is_f64() => ConstKind::Float,
            _ => ConstKind::Value,
        }
    }
}

/// Whether an integer or float of `bits` fits the 32-bit Rust type.
fn is_32(bits: Option<u8>) -> bool {
    bits.is_some_and(|b| b <= 32)
}

impl<'a> Ctx<'a> {
    /// The Rust type of `ty`, recording the crates it needs in `self.deps`.
    pub fn rust_type(&mut self, ty: &TypeRef) -> TokenStream {
        self.rust_type_in(ty, NumberForm::Unknown)
    }

    /// The Rust type of `ty` whose numbers travel in `form`: a big integer sent as a string
    /// is a `num_bigint::BigInt`, exact at any size (a JSON number is exact to 64 bits only
    /// in `serde_json::Number`, and read through the `serde_json::Value` unions buffer).
    pub fn rust_type_in(&mut self, ty: &TypeRef, form: NumberForm) -> TokenStream {
        match ty {
            TypeRef::BigInt if form == NumberForm::String => {
                self.deps.num_bigint = true;
                quote!(::num_bigint::BigInt)
            }
            TypeRef::String | TypeRef::Bytes => quote!(::std::string::String),
            TypeRef::Bool => quote!(bool),
            TypeRef::Int { bits } if is_32(*bits) => quote!(i32),
            TypeRef::Int { .. } => quote!(i64),
            TypeRef::Float { bits } if is_32(*bits) => quote!(f32),
            TypeRef::Float { .. } => quote!(f64),
            // Exact, written as a string (rust_decimal's serde form); read from a string or a
            // number.
            TypeRef::Decimal => {
                self.deps.rust_decimal = true;
                quote!(::rust_decimal::Decimal)
            }
            // A number that may be an integer keeps what was sent: `42` stays `42`, an integer
            // beyond 2^53 stays exact, `1.5` stays `1.5`. A big integer is one too, exact to
            // 64 bits: `i128` cannot be read inside untagged enums or flattened structs (serde
            // buffers those without 128-bit integers).
            TypeRef::Number | TypeRef::BigInt => {
                self.deps.serde_json = true;
                quote!(::serde_json::Number)
            }
            TypeRef::Date => {
                self.deps.chrono = true;
                quote!(::chrono::NaiveDate)
            }
            TypeRef::DateTime => {
                self.deps.chrono = true;
                quote!(::chrono::DateTime<::chrono::FixedOffset>)
            }
            TypeRef::DateOrDateTime => {
                self.deps.chrono = true;
                ident(crate::dates::TYPE_NAME).into_token_stream()
            }
            TypeRef::Any => self.json_value(),
            TypeRef::Array(item) => {
                let item = self.rust_type_in(item, form);
                quote!(::std::vec::Vec<#item>)
            }
            TypeRef::Map(value) => {
                let value = self.rust_type_in(value, form);
                quote!(::std::collections::BTreeMap<::std::string::String, #value>)
            }
            TypeRef::Named(name) => match self.type_ident(name) {
                // A union of several types and `null` is the union of the others, or null.
                Some(id) if self.null_union(ty).is_some_and(|others| others.len() > 1) => {
                    let id = ident(id);
                    quote!(::std::option::Option<#id>)
                }
                Some(id) => ident(id).into_token_stream(),
                None => self.json_value(),
            },
            TypeRef::Const(value) => match ConstKind::of(value) {
                ConstKind::Str => quote!(::std::string::String),
                ConstKind::Bool => quote!(bool),
                ConstKind::Int => quote!(i64),
                ConstKind::Float => quote!(f64),
                ConstKind::Value => self.json_value(),
            },
        }
    }

    /// The `serde_with` adapter (a type, as text for a `with` attribute) that reads and writes
    /// values of `ty` whose numbers travel in `form`, where that is not the Rust type's own
    /// serde form: integers and big integers sent as strings (`DisplayFromStr`), decimals sent
    /// as numbers. A decimal's own form is a string, and it reads numbers too; so is a decimal
    /// whose form is unknown.
    pub fn adapter(&mut self, ty: &TypeRef, form: NumberForm) -> Option<String> {
        let adapter = match (ty, form) {
            (TypeRef::Int { .. } | TypeRef::BigInt, NumberForm::String) => {
                "::serde_with::DisplayFromStr".to_string()
            }
            (TypeRef::Decimal, NumberForm::Number) => {
                self.deps.serde_json = true;
                self.support.decimal_number = true;
                Support::DECIMAL_NUMBER.to_string()
            }
            (TypeRef::Array(item), _) => format!("::std::vec::Vec<{}>", self.adapter(item, form)?),
            (TypeRef::Map(value), _) => format!(
                "::std::collections::BTreeMap<::serde_with::Same, {}>",
                self.adapter(value, form)?
            ),
            _ => return None,
        };
        self.deps.serde_with = true;
        self.deps.serde_with_as = true;
        Some(adapter)
    }

    /// The members of the union `ty` names, other than `null`, where it has a `null` member.
    pub fn null_union(&self, ty: &TypeRef) -> Option<&'a [mdgen_ir::Variant]> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        match self.resolver.def(name)? {
            TypeDef::Union(u) if u.nullable => Some(&u.variants),
            _ => None,
        }
    }

    /// The Rust type of a value of `ty` other than `null`, where `ty` names a union with a
    /// `null` member (a field of it is nullable): the one other member's type, or the union.
    pub fn non_null_type(&mut self, ty: &TypeRef) -> Option<TokenStream> {
        let others = self.null_union(ty)?;
        Some(match others {
            [only] => self.rust_type(&only.ty),
            _ => match ty {
                TypeRef::Named(name) => ident(self.type_ident(name)?).into_token_stream(),
                _ => return None,
            },
        })
    }

    /// `serde_json::Value`, recording the dependency.
    pub fn json_value(&mut self) -> TokenStream {
        self.deps.serde_json = true;
        quote!(::serde_json::Value)
    }
}
