//! `TypeRef` → Rust types, with fully qualified paths so user models never shadow std.

use crate::context::Ctx;
use crate::tokens::ident;
use mdgen_ir::TypeRef;
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

impl Ctx<'_> {
    /// The Rust type of `ty`, recording the crates it needs in `self.deps`.
    pub fn rust_type(&mut self, ty: &TypeRef) -> TokenStream {
        match ty {
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
                let item = self.rust_type(item);
                quote!(::std::vec::Vec<#item>)
            }
            TypeRef::Map(value) => {
                let value = self.rust_type(value);
                quote!(::std::collections::BTreeMap<::std::string::String, #value>)
            }
            TypeRef::Named(name) => match self.type_ident(name) {
                Some(name) => ident(name).into_token_stream(),
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

    /// `serde_json::Value`, recording the dependency.
    pub fn json_value(&mut self) -> TokenStream {
        self.deps.serde_json = true;
        quote!(::serde_json::Value)
    }
}
