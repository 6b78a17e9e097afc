//! `Struct` → a Rust struct: field names, optionality, renames, boxing, docs.

use crate::context::{collision, place, Ctx};
use crate::docs;
use crate::ident::{self, Case};
use crate::rename::{field_renames, FieldRenames};
use crate::support::Support;
use crate::tokens::{allow_deprecated, deprecated, ident, key_value, serde_attr};
use foldhash::{HashSet, HashSetExt};
use mdgen_ir::{Diagnostic, Field, Severity, Source, Struct};
use proc_macro2::TokenStream;
use quote::quote;

/// The doc line of a free-form object.
const FREE_FORM_NOTE: &str =
    "The docs list no fields: an object that takes any keys, each with any JSON value.";

/// The struct item for `s`; for a struct without fields, a free-form object.
pub fn emit(ctx: &mut Ctx, s: &Struct) -> Vec<TokenStream> {
    let Some(name) = ctx.type_ident(&s.name) else {
        return Vec::new();
    };
    if s.fields.is_empty() {
        return vec![free_form(ctx, s, name)];
    }
    let fields = unique_wire_names(ctx, s);
    let bases: Vec<String> = fields
        .iter()
        .map(|f| {
            let documented = if f.name.trim().is_empty() {
                &f.wire.name
            } else {
                &f.name
            };
            ident::sanitize(documented, Case::Snake, "field")
        })
        .collect();
    let idents = ident::dedupe(bases, Case::Snake);
    for (i, (text, clash)) in idents.iter().enumerate() {
        if let Some(clash) = clash {
            ctx.diagnostics.push(collision(
                &sources(fields[i], s),
                &format!("field `{}` of `{}`", fields[i].name, s.name),
                &format!("field `{}`", fields[clash.first].name),
                &clash.base,
                text,
            ));
        }
    }
    let pairs: Vec<(&str, &str)> = idents
        .iter()
        .zip(&fields)
        .map(|((text, _), f)| (ident::unraw(text), f.wire.name.as_str()))
        .collect();
    let renames = field_renames(&pairs);
    let members: Vec<TokenStream> = fields
        .iter()
        .zip(&idents)
        .enumerate()
        .map(|(i, (f, (text, _)))| {
            let rename = match &renames {
                FieldRenames::Each(each) => each[i].as_deref(),
                FieldRenames::None | FieldRenames::All(_) => None,
            };
            field(ctx, s, f, text, rename)
        })
        .collect();

    let docs = docs::attrs(&docs::lines(s.doc.as_deref()));
    let deprecated = deprecated(s.deprecated);
    let allow = allow_deprecated(
        fields
            .iter()
            .any(|f| ctx.resolver.mentions_deprecated(&f.ty)),
    );
    let derives = ctx.derives(&s.name).attr();
    let rename_all = match renames {
        FieldRenames::All(rule) => serde_attr(&[key_value("rename_all", rule.as_str())]),
        FieldRenames::None | FieldRenames::Each(_) => TokenStream::new(),
    };
    let name = ident(name);
    vec![quote! {
        #docs
        #deprecated
        #allow
        #derives
        #rename_all
        pub struct #name { #(#members),* }
    }]
}

/// A struct whose Fields table is empty: an object the docs leave open (a JSON Schema, a
/// metadata bag), so a map of JSON values that keeps every key it is sent, never an empty
/// struct that would drop them.
fn free_form(ctx: &mut Ctx, s: &Struct, name: &str) -> TokenStream {
    let lines = docs::with_note(docs::lines(s.doc.as_deref()), FREE_FORM_NOTE);
    let docs = docs::attrs(&lines);
    let deprecated = deprecated(s.deprecated);
    let value = ctx.json_value();
    let name = ident(name);
    quote! {
        #docs
        #deprecated
        pub type #name = ::std::collections::BTreeMap<::std::string::String, #value>;
    }
}

/// The fields of `s`, without any whose wire name an earlier field already has (warned).
fn unique_wire_names<'s>(ctx: &mut Ctx, s: &'s Struct) -> Vec<&'s Field> {
    let mut seen = HashSet::with_capacity(s.fields.len());
    let mut kept = Vec::with_capacity(s.fields.len());
    for f in &s.fields {
        if seen.insert(f.wire.name.as_str()) {
            kept.push(f);
        } else {
            let (file, line) = place(&sources(f, s));
            ctx.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "duplicate-wire-name",
                file,
                line,
                format!(
                    "`{}` has two fields with the JSON key `{}`; only the first is emitted",
                    s.name, f.wire.name
                ),
            ));
        }
    }
    kept
}

/// One field: docs, `#[deprecated]`, serde attributes, and its type by the optionality table.
/// A field whose numbers travel in another form than its Rust type's own goes through a
/// `serde_with` adapter, nested in the `Option`s of the table.
fn field(ctx: &mut Ctx, s: &Struct, f: &Field, text: &str, rename: Option<&str>) -> TokenStream {
    ctx.check_refs(&f.ty, || sources(f, s), &s.name);
    // A union of a type and `null`: the field is that type (or the union of the others), nullable.
    let (mut ty, nullable) = match ctx.non_null_type(&f.ty) {
        Some(ty) => (ty, true),
        None => (
            ctx.rust_type_in(&f.ty, f.number_form),
            f.nullable.allows_null(),
        ),
    };
    if ctx.recursion.needs_box(&s.name, &f.ty, ctx.resolver) {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    let adapter = ctx.adapter(&f.ty, f.number_form);
    let mut serde: Vec<TokenStream> = rename.map(|w| key_value("rename", w)).into_iter().collect();
    let optional = || {
        [
            quote!(default),
            quote!(skip_serializing_if = "::std::option::Option::is_none"),
        ]
    };
    let with_as = |adapter: &str| key_value("with", &format!("::serde_with::As::<{adapter}>"));
    let option_as = |adapter: &str| with_as(&format!("::std::option::Option<{adapter}>"));
    let ty = match (f.required, nullable) {
        (true, false) => {
            serde.extend(adapter.as_deref().map(with_as));
            ty
        }
        (true, true) => {
            // Without `default`, a missing field is an error, and `null` is `None`.
            serde.push(match adapter.as_deref() {
                Some(adapter) => option_as(adapter),
                None => quote!(deserialize_with = "::serde::Deserialize::deserialize"),
            });
            quote!(::std::option::Option<#ty>)
        }
        (false, true) if ctx.options.tri_state => {
            ctx.deps.serde_with = true;
            serde.extend(optional());
            serde.push(match adapter.as_deref() {
                Some(adapter) => {
                    ctx.support.double_option = true;
                    key_value("with", &format!("{}::<{adapter}>", Support::DOUBLE_OPTION))
                }
                None => quote!(with = "::serde_with::rust::double_option"),
            });
            quote!(::std::option::Option<::std::option::Option<#ty>>)
        }
        (false, _) => {
            serde.extend(optional());
            serde.extend(adapter.as_deref().map(option_as));
            quote!(::std::option::Option<#ty>)
        }
    };
    let docs = docs::attrs(&docs::lines(f.doc.as_deref()));
    let deprecated = deprecated(f.deprecated);
    let serde = serde_attr(&serde);
    let name = ident(text);
    quote! {
        #docs
        #deprecated
        #serde
        pub #name: #ty
    }
}

/// Where `f` was documented, or else where its struct was.
fn sources(f: &Field, s: &Struct) -> Vec<Source> {
    let own: Vec<Source> = f.sources().cloned().collect();
    if own.is_empty() {
        s.sources.clone()
    } else {
        own
    }
}
