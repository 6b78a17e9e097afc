//! Wire names: the JSON key of every field.

use mdgen_ir::{Diagnostic, Diagnostics, Schema, Severity, TypeDef, WireBasis, WireCase, WireName};

/// Sets each field's JSON key: the member name converted by `case` when the user gave one;
/// otherwise the member name as documented, with a note per model saying it was assumed.
pub fn assign(schema: &mut Schema, case: Option<WireCase>, diagnostics: &mut Diagnostics) {
    for def in schema.types.values_mut() {
        let TypeDef::Struct(s) = def else { continue };
        for f in &mut s.fields {
            f.wire = match case {
                Some(c) => WireName {
                    name: c.apply(&f.name),
                    basis: WireBasis::Case,
                },
                None => WireName {
                    name: f.name.clone(),
                    basis: WireBasis::Assumed,
                },
            };
        }
        if case.is_none() && !s.fields.is_empty() {
            let (file, line) = s
                .sources
                .first()
                .map(|s| (s.file.clone(), s.line))
                .unwrap_or_default();
            let message = format!(
                "the JSON keys of `{}` are assumed to be its documented member names; set `wire_case` if the API spells them otherwise",
                s.name
            );
            diagnostics.push(Diagnostic::new(
                Severity::Note,
                "assumed-wire-name",
                file,
                line,
                message,
            ));
        }
    }
}
