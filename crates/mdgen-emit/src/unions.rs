//! `Union` → an enum serialized `#[serde(untagged)]`, read by tag or by the member that
//! reproduces the value ([`union_de`]), its members tried most specific first.

use crate::context::{collision, place, Ctx};
use crate::docs;
use crate::enums::{self, EnumKind};
use crate::ident::{self, Case};
use crate::lints::variant_names_may_repeat;
use crate::resolve::Resolver;
use crate::tokens::{allow_deprecated, ident};
use crate::union_de;
use mdgen_ir::{Diagnostic, Severity, TypeDef, TypeRef, Union, Variant};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::cmp::Reverse;

/// The union item for `u`. A union without (usable) members holds any JSON value.
pub fn emit(ctx: &mut Ctx, u: &Union) -> Vec<TokenStream> {
    let Some(name) = ctx.type_ident(&u.name) else {
        return Vec::new();
    };
    if let (true, [only]) = (u.nullable, u.variants.as_slice()) {
        return vec![optional(ctx, u, name, only)];
    }
    let mut variants: Vec<&Variant> = Vec::new();
    for v in &u.variants {
        // Members are tried in order: one that leads back here without consuming input would
        // recurse forever.
        if ctx
            .recursion
            .loops_through_unions(&u.name, &v.ty, ctx.resolver)
        {
            let (file, line) = place(&u.sources);
            ctx.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "recursive-union-member",
                file,
                line,
                format!(
                    "member `{}` of `{}` leads back to `{}` through unions only; it is left out",
                    v.name, u.name, u.name
                ),
            ));
        } else {
            variants.push(v);
        }
    }
    let any = Variant {
        name: "any".into(),
        ty: TypeRef::Any,
    };
    if variants.is_empty() {
        variants.push(&any);
    }
    variants.sort_by_key(|v| specificity(&v.ty, ctx.resolver));

    let bases: Vec<String> = variants.iter().map(|v| variant_base(v)).collect();
    let deduped = ident::dedupe(bases, Case::Pascal);
    for (i, (text, clash)) in deduped.iter().enumerate() {
        if let Some(clash) = clash {
            ctx.diagnostics.push(collision(
                &u.sources,
                &format!("member `{}` of `{}`", variants[i].name, u.name),
                &format!("member `{}`", variants[clash.first].name),
                &clash.base,
                text,
            ));
        }
    }
    let repeats = variant_names_may_repeat(name, deduped.iter().map(|(t, _)| t.as_str()));
    let mut large = false;
    let typed: Vec<(Ident, TokenStream)> = variants
        .iter()
        .zip(&deduped)
        .map(|(v, (text, _))| {
            ctx.check_refs(&v.ty, || &u.sources, &u.name);
            let mut ty = ctx.rust_type(&v.ty);
            if ctx.recursion.needs_box(&u.name, &v.ty, ctx.resolver) {
                ty = quote!(::std::boxed::Box<#ty>);
            } else if let TypeRef::Named(n) = &v.ty {
                large |= matches!(
                    ctx.resolver.def(n),
                    Some(TypeDef::Struct(_) | TypeDef::Union(_))
                );
            }
            (ident(text), ty)
        })
        .collect();
    let members = typed.iter().map(|(variant, ty)| quote!(#variant(#ty)));
    let tys: Vec<&TypeRef> = variants.iter().map(|v| &v.ty).collect();
    let (tag_key, tag_values) = union_de::tag(ctx.resolver, &tys).unzip();
    let mut tag_values = tag_values.map(Vec::into_iter);
    let readers: Vec<union_de::Member> = typed
        .iter()
        .zip(&variants)
        .map(|((variant, ty), v)| union_de::Member {
            variant,
            ty,
            // `Any`, or a model no doc defines: `serde_json::Value`.
            any: match &v.ty {
                TypeRef::Any => true,
                TypeRef::Named(n) => ctx.resolver.def(n).is_none(),
                _ => false,
            },
            tag: tag_values.as_mut().and_then(Iterator::next),
        })
        .collect();
    ctx.json_value();

    let docs = docs::attrs(&docs::lines(u.doc.as_deref()));
    let allow = allow_deprecated(
        variants
            .iter()
            .any(|v| ctx.resolver.mentions_deprecated(&v.ty)),
    );
    // Variant sizes are not known here; a struct member may well be much larger than a string.
    let allow_large =
        (large && variants.len() > 1).then(|| quote!(#[allow(clippy::large_enum_variant)]));
    let allow_repeats = repeats.then(|| quote!(#[allow(clippy::enum_variant_names)]));
    let derives = ctx.derives(&u.name).attr_serialize_only();
    let name = ident(name);
    let read = union_de::deserialize_impl(&name, &readers, tag_key.as_deref());
    vec![
        quote! {
            #docs
            #allow
            #allow_large
            #allow_repeats
            #derives
            #[serde(untagged)]
            pub enum #name { #(#members),* }
        },
        quote! {
            #allow
            #read
        },
    ]
}

/// A union of one type and `null`: an `Option` of that type.
fn optional(ctx: &mut Ctx, u: &Union, name: &str, only: &Variant) -> TokenStream {
    ctx.check_refs(&only.ty, || &u.sources, &u.name);
    let docs = docs::attrs(&docs::lines(u.doc.as_deref()));
    let ty = ctx.rust_type(&only.ty);
    let name = ident(name);
    quote! {
        #docs
        pub type #name = ::std::option::Option<#ty>;
    }
}

/// The sort key that puts the most specific members first: untagged deserialization takes the
/// first member that accepts the value. Objects with more required (then more) fields come
/// before looser ones, free-form objects after them; an integer before a float; a date before a
/// plain string; anything last.
fn specificity(ty: &TypeRef, resolver: &Resolver) -> (u8, Reverse<usize>, Reverse<usize>) {
    let rank = match ty {
        TypeRef::Named(n) => match resolver.def(n) {
            // A free-form object takes any object: after every object with fields.
            Some(TypeDef::Struct(s)) if s.fields.is_empty() => 2,
            Some(TypeDef::Struct(s)) => {
                let required = s.fields.iter().filter(|f| f.required).count();
                return (0, Reverse(required), Reverse(s.fields.len()));
            }
            Some(TypeDef::Union(_)) => 1,
            Some(TypeDef::Enum(e)) => match enums::kind(e) {
                EnumKind::Int => 4,
                EnumKind::Str => 9,
                EnumKind::Mixed => 10,
            },
            None => 11,
        },
        TypeRef::Map(_) => 2,
        TypeRef::Array(_) => 3,
        TypeRef::Int { .. } | TypeRef::BigInt => 4,
        TypeRef::Float { .. } | TypeRef::Number | TypeRef::Decimal => 5,
        TypeRef::Bool => 6,
        TypeRef::Date | TypeRef::DateTime | TypeRef::DateOrDateTime => 7,
        TypeRef::String | TypeRef::Bytes => 9,
        TypeRef::Const(_) => 10,
        TypeRef::Any => 11,
    };
    (rank, Reverse(0), Reverse(0))
}

/// The variant identifier of a member: the last segment of its heading (`shared.Employee4` →
/// `Employee4`), or for arrays and maps a name from the type (`any[]` → `ArrayOfAny`).
fn variant_base(v: &Variant) -> String {
    let segment = v
        .name
        .rsplit(['.', ':', '\\', '/'])
        .find(|s| s.chars().any(|c| c.is_ascii_alphanumeric()));
    match (&v.ty, segment) {
        (TypeRef::Array(_) | TypeRef::Map(_), _) | (_, None) => type_word(&v.ty),
        (_, Some(segment)) => ident::sanitize(segment, Case::Pascal, "Value"),
    }
}

/// A PascalCase word for a type, for naming union members.
fn type_word(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "Boolean".into(),
        TypeRef::Int { .. } => "Integer".into(),
        TypeRef::Float { .. } => "Float".into(),
        TypeRef::Number => "Number".into(),
        TypeRef::Decimal => "Decimal".into(),
        TypeRef::BigInt => "BigInt".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::DateOrDateTime => crate::dates::TYPE_NAME.into(),
        TypeRef::Bytes => "Bytes".into(),
        TypeRef::Any => "Any".into(),
        TypeRef::Const(_) => "Const".into(),
        TypeRef::Array(item) => format!("ArrayOf{}", type_word(item)),
        TypeRef::Map(value) => format!("MapOf{}", type_word(value)),
        TypeRef::Named(n) => {
            let last = n.0.rsplit(['.', ':', '\\', '/']).next().unwrap_or_default();
            ident::sanitize(last, Case::Pascal, "Value")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdgen_ir::{Schema, TypeName};

    fn variant(name: &str, ty: TypeRef) -> Variant {
        Variant {
            name: name.into(),
            ty,
        }
    }

    #[test]
    fn members_are_named_after_headings() {
        let named = TypeRef::Named(TypeName("shared.Employee4".into()));
        assert_eq!(
            variant_base(&variant("shared.Employee4", named.clone())),
            "Employee4"
        );
        assert_eq!(
            variant_base(&variant("Models\\Employee", named.clone())),
            "Employee"
        );
        assert_eq!(variant_base(&variant("shared::Pet", named.clone())), "Pet");
        assert_eq!(variant_base(&variant("", named)), "Employee4");
        assert_eq!(variant_base(&variant("string", TypeRef::String)), "String");
        assert_eq!(variant_base(&variant("boolean", TypeRef::Bool)), "Boolean");
        assert_eq!(variant_base(&variant("number", TypeRef::Number)), "Number");
        let any_list = TypeRef::Array(Box::new(TypeRef::Any));
        assert_eq!(variant_base(&variant("any[]", any_list)), "ArrayOfAny");
        let map = TypeRef::Map(Box::new(TypeRef::Array(Box::new(TypeRef::String))));
        assert_eq!(
            variant_base(&variant("Map<String, List<String>>", map)),
            "MapOfArrayOfString"
        );
        assert_eq!(
            variant_base(&variant("...", TypeRef::Int { bits: None })),
            "Integer"
        );
    }

    #[test]
    fn specific_members_sort_first() {
        let schema = Schema::default();
        let r = Resolver::new(&schema);
        let mut tys = [
            TypeRef::Any,
            TypeRef::String,
            TypeRef::DateTime,
            TypeRef::Number,
            TypeRef::Int { bits: None },
            TypeRef::Array(Box::new(TypeRef::Any)),
            TypeRef::Map(Box::new(TypeRef::Any)),
            TypeRef::Bool,
        ];
        tys.sort_by_key(|t| specificity(t, &r));
        let words: Vec<String> = tys.iter().map(type_word).collect();
        assert_eq!(
            words,
            [
                "MapOfAny",
                "ArrayOfAny",
                "Integer",
                "Number",
                "Boolean",
                "DateTime",
                "String",
                "Any"
            ]
        );
    }
}
