//! `Struct` → a Rust struct: field names, optionality, renames, boxing, docs.

use crate::context::{collision, place, Ctx};
use crate::docs;
use crate::ident::{self, Case};
use crate::rename::{field_renames, FieldRenames};
use crate::syntax::{self, Attr, Ty};
use crate::types::has_decimal;
use foldhash::{HashSet, HashSetExt};
use mdgen_ir::{Diagnostic, Field, Severity, Source, Struct};
use std::borrow::Cow;

/// The note added to the docs of a field that holds a decimal.
const DECIMAL_NOTE: &str =
    "A decimal on the wire, read as `f64`: digits beyond its precision (about 15) are rounded.";

/// The struct item for `s`, formatted.
pub fn emit(ctx: &mut Ctx, s: &Struct) -> Vec<String> {
    let Some(name) = ctx.type_ident(&s.name) else {
        return Vec::new();
    };
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
    let members: Vec<syntax::Field> = fields
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

    let mut attrs = docs::attrs(docs::lines(s.doc.as_deref()));
    if s.deprecated {
        attrs.push(Attr::Path("deprecated"));
    }
    if fields
        .iter()
        .any(|f| ctx.resolver.mentions_deprecated(&f.ty))
    {
        attrs.push(Attr::allow("deprecated"));
    }
    attrs.push(ctx.derives(&s.name).attr());
    if let FieldRenames::All(rule) = renames {
        attrs.push(Attr::serde(syntax::key_value("rename_all", rule.as_str())));
    }
    vec![syntax::struct_item(&attrs, name, &members)]
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
fn field(ctx: &mut Ctx, s: &Struct, f: &Field, text: &str, rename: Option<&str>) -> syntax::Field {
    ctx.check_refs(&f.ty, || sources(f, s), &s.name);
    let mut ty = ctx.rust_type(&f.ty);
    if ctx.recursion.needs_box(&s.name, &f.ty, ctx.resolver) {
        ty = Ty::of("::std::boxed::Box", ty);
    }
    let mut serde: Vec<Cow<'static, str>> = rename
        .map(|w| syntax::key_value("rename", w))
        .into_iter()
        .collect();
    let optional = [
        Cow::Borrowed("default"),
        Cow::Borrowed("skip_serializing_if = \"::std::option::Option::is_none\""),
    ];
    let ty = match (f.required, f.nullable.allows_null()) {
        (true, false) => ty,
        (true, true) => {
            // Without `default`, a missing field is an error, and `null` is `None`.
            serde.push(Cow::Borrowed(
                "deserialize_with = \"::serde::Deserialize::deserialize\"",
            ));
            Ty::of(OPTION, ty)
        }
        (false, true) if ctx.options.tri_state => {
            ctx.deps.serde_with = true;
            serde.extend(optional);
            serde.push(Cow::Borrowed(
                "with = \"::serde_with::rust::double_option\"",
            ));
            Ty::of(OPTION, Ty::of(OPTION, ty))
        }
        (false, _) => {
            serde.extend(optional);
            Ty::of(OPTION, ty)
        }
    };
    let mut lines = docs::lines(f.doc.as_deref());
    if has_decimal(&f.ty) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(DECIMAL_NOTE.to_string());
    }
    let mut attrs = docs::attrs(lines);
    if f.deprecated {
        attrs.push(Attr::Path("deprecated"));
    }
    if !serde.is_empty() {
        attrs.push(Attr::List("serde", serde));
    }
    syntax::Field {
        attrs,
        name: text.to_string(),
        ty,
    }
}

/// The path of `Option`.
const OPTION: &str = "::std::option::Option";

/// Where `f` was documented, or else where its struct was.
fn sources(f: &Field, s: &Struct) -> Vec<Source> {
    let own: Vec<Source> = f.sources().cloned().collect();
    if own.is_empty() {
        s.sources.clone()
    } else {
        own
    }
}
