//! `Enum` → an open Rust enum: a variant per documented value plus a catch-all, so that values
//! the API adds later still deserialize and serialize back unchanged.

use crate::context::{collision, place, Ctx};
use crate::docs;
use crate::ident::{self, Case};
use crate::lints::variant_names_may_repeat;
use crate::syntax::{self, key_value, str_lit, Arm, Attr, Expr, FromImpl, Pat, Text, Ty, Variant};
use crate::types::STRING;
use foldhash::{HashSet, HashSetExt};
use mdgen_ir::{Diagnostic, Enum, EnumValue, EnumWire, Severity};
use std::borrow::Cow;

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
    ident: &'e str,
    value: &'e EnumValue,
}

/// The enum item for `e`, and for integer and mixed enums the `From` impls serde converts with,
/// formatted.
pub fn emit(ctx: &mut Ctx, e: &Enum) -> Vec<String> {
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
    let mut variants: Vec<Variant> = deduped
        .into_iter()
        .zip(&values)
        .map(|((ident, _), value)| {
            let mut attrs = docs::attrs(docs::lines(value.doc.as_deref()));
            if value.deprecated {
                attrs.push(Attr::Path("deprecated"));
            }
            if let (EnumWire::Str(wire), EnumKind::Str) = (&value.value, kind) {
                attrs.push(Attr::serde(key_value("rename", wire)));
            }
            Variant {
                attrs,
                name: ident,
                ty: None,
            }
        })
        .collect();
    let unknown_doc = Attr::Doc(" A value not documented when this code was generated.".into());
    let (catch_all_ty, container_serde) = match kind {
        EnumKind::Str => (Ty::Path(Cow::Borrowed(STRING)), None),
        EnumKind::Int => (Ty::Path(Cow::Borrowed("i64")), Some("i64")),
        EnumKind::Mixed => (ctx.json_value(), Some("::serde_json::Value")),
    };
    let mut catch_all_attrs = vec![unknown_doc];
    if kind == EnumKind::Str {
        catch_all_attrs.push(Attr::serde("untagged"));
    }
    variants.push(Variant {
        attrs: catch_all_attrs,
        name: catch_all.clone(),
        ty: Some(catch_all_ty),
    });

    let mut lines = docs::lines(e.doc.as_deref());
    if !e.values_known {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(INFERRED_NOTE.to_string());
    }
    let mut attrs = docs::attrs(lines);
    if e.deprecated {
        attrs.push(Attr::Path("deprecated"));
    }
    if variant_names_may_repeat(name, variants.iter().map(|v| v.name.as_str())) {
        attrs.push(Attr::allow("clippy::enum_variant_names"));
    }
    attrs.push(ctx.derives(&e.name).attr());
    if let Some(via) = container_serde {
        let items = vec![key_value("from", via), key_value("into", via)];
        attrs.push(Attr::List("serde", items));
    }
    let mut items = vec![syntax::enum_item(&attrs, name, &variants)];
    let members = || -> Vec<Member> {
        let idents = variants.iter().map(|v| v.name.as_str());
        let pairs = idents.zip(&values);
        pairs
            .map(|(ident, value)| Member { ident, value })
            .collect()
    };
    let impls = match kind {
        EnumKind::Str => None,
        EnumKind::Int => Some(int_impls(name, &catch_all, &members())),
        EnumKind::Mixed => Some(mixed_impls(name, &catch_all, &members())),
    };
    if let (Some(via), Some((from_wire, into_wire))) = (container_serde, impls) {
        let deprecated = e.deprecated || values.iter().any(|v| v.deprecated);
        let attrs = || {
            deprecated
                .then(|| Attr::allow("deprecated"))
                .into_iter()
                .collect()
        };
        let wire = || Ty::Path(Cow::Borrowed(via));
        let this = || Ty::Path(Cow::Owned(name.to_string()));
        items.push(syntax::from_impl(&FromImpl {
            attrs: attrs(),
            from: wire(),
            to: this(),
            body: from_wire,
        }));
        items.push(syntax::from_impl(&FromImpl {
            attrs: attrs(),
            from: this(),
            to: wire(),
            body: into_wire,
        }));
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

/// An `i64` literal expression or pattern; `suffixed` makes its type explicit.
fn int_lit(n: i64, suffixed: bool) -> String {
    match n {
        i64::MIN => "i64::MIN".to_string(),
        _ if suffixed => format!("{n}i64"),
        _ => n.to_string(),
    }
}

/// `Enum::Variant`.
fn path(name: &str, variant: &str) -> Text {
    Cow::Owned(format!("{name}::{variant}"))
}

fn atom(text: impl Into<Text>) -> Expr {
    Expr::Atom(text.into())
}

/// `match value { arms }`.
fn match_value(arms: Vec<Arm>) -> Expr {
    Expr::Match(Box::new(atom("value")), arms)
}

/// `pat => body`, where the pattern is a single token.
fn arm(pat: impl Into<Text>, body: Expr) -> Arm {
    Arm {
        pat: Pat::Atom(pat.into()),
        body,
    }
}

/// The arm `Enum::CatchAll(other) => other`.
fn catch_all_back(name: &str, catch_all: &str) -> Arm {
    Arm {
        pat: Pat::TupleStruct(path(name, catch_all), vec![Pat::Atom("other".into())]),
        body: atom("other"),
    }
}

/// The bodies of `From<i64> for E` and `From<E> for i64`.
fn int_impls(name: &str, catch_all: &str, members: &[Member]) -> (Expr, Expr) {
    let ints: Vec<(i64, &str)> = members
        .iter()
        .filter_map(|m| match m.value.value {
            EnumWire::Int(n) => Some((n, m.ident)),
            EnumWire::Str(_) => None,
        })
        .collect();
    let mut from: Vec<Arm> = ints
        .iter()
        .map(|&(n, ident)| arm(int_lit(n, false), atom(path(name, ident))))
        .collect();
    from.push(arm(
        "other",
        Expr::Call(path(name, catch_all), vec![atom("other")]),
    ));
    let mut into: Vec<Arm> = ints
        .iter()
        .map(|&(n, ident)| arm(path(name, ident), atom(int_lit(n, false))))
        .collect();
    into.push(catch_all_back(name, catch_all));
    (match_value(from), match_value(into))
}

/// The bodies of `From<serde_json::Value> for E` and back, for enums with string and integer
/// values.
fn mixed_impls(name: &str, catch_all: &str, members: &[Member]) -> (Expr, Expr) {
    let value = |variant: &'static str, binding: &'static str| {
        Expr::Call(
            Cow::Owned(format!("::serde_json::Value::{variant}")),
            vec![atom(binding)],
        )
    };
    let unknown = |inner: Expr| Expr::Call(path(name, catch_all), vec![inner]);
    let mut strs = Vec::new();
    let mut ints = Vec::new();
    let mut back = Vec::new();
    for m in members {
        let variant = path(name, m.ident);
        match &m.value.value {
            EnumWire::Str(s) => {
                strs.push(arm(str_lit(s), atom(variant.clone())));
                let string =
                    Expr::Call("::std::string::String::from".into(), vec![atom(str_lit(s))]);
                let json = Expr::Call("::serde_json::Value::String".into(), vec![string]);
                back.push(arm(variant, json));
            }
            EnumWire::Int(n) => {
                ints.push(Arm {
                    pat: Pat::TupleStruct(
                        "::std::option::Option::Some".into(),
                        vec![Pat::Atom(int_lit(*n, false).into())],
                    ),
                    body: atom(variant.clone()),
                });
                let json = Expr::Call(
                    "::serde_json::Value::from".into(),
                    vec![atom(int_lit(*n, true))],
                );
                back.push(arm(variant, json));
            }
        }
    }
    strs.push(arm("_", unknown(value("String", "s"))));
    ints.push(arm("_", unknown(value("Number", "n"))));
    let by_kind = |variant: &'static str, binding: &'static str, method, arms| Arm {
        pat: Pat::TupleStruct(
            Cow::Owned(format!("::serde_json::Value::{variant}")),
            vec![Pat::Atom(binding.into())],
        ),
        body: Expr::Match(Box::new(Expr::MethodCall(binding, method)), arms),
    };
    let from = vec![
        by_kind("String", "s", "as_str", strs),
        by_kind("Number", "n", "as_i64", ints),
        arm("other", unknown(atom("other"))),
    ];
    back.push(catch_all_back(name, catch_all));
    (match_value(from), match_value(back))
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
        assert_eq!(int_lit(5, false), "5");
        assert_eq!(int_lit(-5, true), "-5i64");
        assert_eq!(int_lit(i64::MIN, false), "i64::MIN");
    }
}
