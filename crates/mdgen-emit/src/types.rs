//! `TypeRef` → Rust types, with fully qualified paths so user models never shadow std.

use crate::context::Ctx;
use crate::syntax::Ty;
use mdgen_ir::TypeRef;
use std::borrow::Cow;

/// The path of `String`.
pub const STRING: &str = "::std::string::String";
/// The path of `serde_json::Value`.
pub const JSON_VALUE: &str = "::serde_json::Value";

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
    pub fn rust_type(&mut self, ty: &TypeRef) -> Ty {
        let path = |p: &'static str| Ty::Path(Cow::Borrowed(p));
        match ty {
            TypeRef::String | TypeRef::Bytes => path(STRING),
            TypeRef::Bool => path("bool"),
            TypeRef::Int { bits } if is_32(*bits) => path("i32"),
            TypeRef::Int { .. } => path("i64"),
            TypeRef::Float { bits } if is_32(*bits) => path("f32"),
            TypeRef::Float { .. } | TypeRef::Number | TypeRef::Decimal => path("f64"),
            TypeRef::BigInt => path("i128"),
            TypeRef::Date => {
                self.deps.chrono = true;
                path("::chrono::NaiveDate")
            }
            TypeRef::DateTime => {
                self.deps.chrono = true;
                Ty::of("::chrono::DateTime", path("::chrono::FixedOffset"))
            }
            TypeRef::Any => self.json_value(),
            TypeRef::Array(item) => Ty::of("::std::vec::Vec", self.rust_type(item)),
            TypeRef::Map(value) => {
                let value = self.rust_type(value);
                Ty::Generic("::std::collections::BTreeMap", vec![path(STRING), value])
            }
            TypeRef::Named(name) => match self.type_ident(name) {
                Some(ident) => Ty::Path(Cow::Owned(ident.to_string())),
                None => self.json_value(),
            },
            TypeRef::Const(value) => match ConstKind::of(value) {
                ConstKind::Str => path(STRING),
                ConstKind::Bool => path("bool"),
                ConstKind::Int => path("i64"),
                ConstKind::Float => path("f64"),
                ConstKind::Value => self.json_value(),
            },
        }
    }

    /// `serde_json::Value`, recording the dependency.
    pub fn json_value(&mut self) -> Ty {
        self.deps.serde_json = true;
        Ty::Path(Cow::Borrowed(JSON_VALUE))
    }
}

/// Whether `ty` is or holds a decimal, which `f64` may round.
pub fn has_decimal(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Decimal => true,
        TypeRef::Array(t) | TypeRef::Map(t) => has_decimal(t),
        _ => false,
    }
}
