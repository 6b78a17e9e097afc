//! Fusion: the docs of one model from several dialects or versions → one model that keeps the
//! strongest evidence of each fact, and every source of it.

use crate::dates;
use foldhash::{HashMap, HashMapExt, HashSet};
use mdgen_ir::{
    normalize_key, Diagnostic, Diagnostics, Enum, EnumValue, EnumWire, Field, NumberForm, Schema,
    Severity, Source, Struct, TypeDef, TypeName, TypeRef, Union,
};

/// Fuses models by normalized name. `docs` must come in a deterministic order (by path).
pub fn fuse(docs: Vec<TypeDef>, diagnostics: &mut Diagnostics) -> Schema {
    // The docs in order of their keys, and of their place among `docs` for equal keys: the
    // docs of one model are then next to each other, in the order they came in.
    let mut order: Vec<(String, usize)> = docs.iter().map(|d| d.name().key()).zip(0..).collect();
    order.sort_unstable();
    let mut docs: Vec<Option<TypeDef>> = docs.into_iter().map(Some).collect();
    let mut fused = Vec::with_capacity(order.len());
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        let group = group.iter().filter_map(|(_, i)| docs[*i].take()).collect();
        let def = fuse_group(group, diagnostics);
        fused.push((def.name().clone(), def));
    }
    // Built in one go from the models sorted by name, not by an insertion per model.
    Schema {
        types: fused.into_iter().collect(),
    }
}

fn fuse_group(defs: Vec<TypeDef>, diagnostics: &mut Diagnostics) -> TypeDef {
    let mut defs = one_schema(defs, diagnostics);
    // The richest doc with a heading of its own leads: its kind, name and field order win.
    // (Models named after a file, like Ruby's inline unions, follow; so do docs with bytes that
    // were not UTF-8, whose names, types and examples a broken copy must not give to the
    // intact ones.)
    let lead = defs
        .iter()
        .enumerate()
        .max_by_key(|(i, d)| {
            (
                defs.len() == 1 || !damaged(d),
                from_heading(d),
                // C# writes a union as a struct with an empty Fields table: one with members
                // says more.
                size(d) > 0,
                kind_rank(d),
                size(d),
                std::cmp::Reverse(*i),
            )
        })
        .map_or(0, |(i, _)| i);
    let first = defs.remove(lead);
    defs.into_iter()
        .fold(first, |acc, next| merge(acc, next, diagnostics))
}

/// The docs of one name that describe one schema. Versions of a schema keep most of its fields
/// (they add, drop or retype a few); two struct docs that have fewer than half of the smaller
/// one's fields in common describe different schemas that share a name (an SDK documenting a
/// model the API has since replaced). Fusing those would make every field optional, so only
/// the schema most docs describe is kept (ties: the one with the most fields, then the first),
/// and each doc of another is left out with a `different-schema` warning.
fn one_schema(defs: Vec<TypeDef>, diagnostics: &mut Diagnostics) -> Vec<TypeDef> {
    if defs.len() < 2 {
        return defs;
    }
    let fields = |d: &TypeDef| -> Option<HashSet<String>> {
        match d {
            TypeDef::Struct(s) if !s.fields.is_empty() => {
                Some(s.fields.iter().map(|f| normalize_key(&f.name)).collect())
            }
            _ => None,
        }
    };
    let keys: Vec<Option<HashSet<String>>> = defs.iter().map(fields).collect();
    // Each struct doc joins the first group whose first doc it shares a schema with.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let Some(k) = k else { continue };
        let same = |g: &&mut Vec<usize>| {
            let first = keys[g[0]].as_ref().map_or(k, |f| f);
            k.intersection(first).count() * 2 >= k.len().min(first.len())
        };
        match groups.iter_mut().find(same) {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    if groups.len() < 2 {
        return defs;
    }
    let width = |g: &Vec<usize>| g.iter().map(|&i| size(&defs[i])).max().unwrap_or(0);
    let kept = groups
        .iter()
        .enumerate()
        .max_by_key(|(n, g)| (g.len(), width(g), std::cmp::Reverse(*n)))
        .map_or(0, |(n, _)| n);
    let kept_at = defs[groups[kept][0]].sources().first().map(describe);
    let left_out: HashSet<usize> = groups
        .iter()
        .enumerate()
        .filter(|(n, _)| *n != kept)
        .flat_map(|(_, g)| g.iter().copied())
        .collect();
    for &i in &left_out {
        let (mine, theirs) = (keys[i].as_ref(), keys[groups[kept][0]].as_ref());
        let common = mine
            .zip(theirs)
            .map_or(0, |(a, b)| a.intersection(b).count());
        let message = format!(
            "`{}` here shares {common} of its {} fields with the `{}` at {} ({} of {} docs): \
             a different schema of the same name, left out of the fused model",
            defs[i].name(),
            size(&defs[i]),
            defs[groups[kept][0]].name(),
            kept_at.as_deref().unwrap_or("another input"),
            groups[kept].len(),
            defs.len(),
        );
        push_at(
            diagnostics,
            Severity::Warning,
            "different-schema",
            defs[i].sources().first(),
            message,
        );
    }
    defs.into_iter()
        .enumerate()
        .filter(|(i, _)| !left_out.contains(i))
        .map(|(_, d)| d)
        .collect()
}

/// Whether a model holds text whose bytes were not UTF-8 (replaced by U+FFFD).
fn damaged(def: &TypeDef) -> bool {
    let bad = |s: &str| s.contains(char::REPLACEMENT_CHARACTER);
    let bad_opt = |s: &Option<String>| s.as_deref().is_some_and(bad);
    let bad_ty = |t: &TypeRef| t.named().iter().any(|n| bad(&n.0));
    bad(&def.name().0)
        || match def {
            TypeDef::Struct(s) => {
                bad_opt(&s.doc)
                    || s.fields.iter().any(|f| {
                        bad(&f.name) || bad_opt(&f.doc) || bad_opt(&f.example) || bad_ty(&f.ty)
                    })
            }
            TypeDef::Enum(e) => {
                bad_opt(&e.doc)
                    || e.values.iter().any(|v| {
                        bad_opt(&v.name)
                            || bad_opt(&v.doc)
                            || matches!(&v.value, EnumWire::Str(s) if bad(s))
                    })
            }
            TypeDef::Union(u) => {
                bad_opt(&u.doc) || u.variants.iter().any(|v| bad(&v.name) || bad_ty(&v.ty))
            }
        }
}

/// Whether a model's name looks like a heading's (`AccountValue`), not a file's (`accountvalue`).
fn from_heading(def: &TypeDef) -> bool {
    def.name().0.chars().any(|c| c.is_ascii_uppercase())
}

/// Structs describe the most, unions next, enums least.
fn kind_rank(def: &TypeDef) -> u8 {
    match def {
        TypeDef::Struct(_) => 2,
        TypeDef::Union(_) => 1,
        TypeDef::Enum(_) => 0,
    }
}

fn size(def: &TypeDef) -> usize {
    match def {
        TypeDef::Struct(s) => s.fields.len(),
        TypeDef::Enum(e) => e.values.len(),
        TypeDef::Union(u) => u.variants.len(),
    }
}

fn merge(acc: TypeDef, next: TypeDef, diagnostics: &mut Diagnostics) -> TypeDef {
    match (acc, next) {
        (TypeDef::Struct(a), TypeDef::Struct(b)) => {
            TypeDef::Struct(merge_structs(a, b, diagnostics))
        }
        (TypeDef::Enum(a), TypeDef::Enum(b)) => TypeDef::Enum(merge_enums(a, b)),
        (TypeDef::Union(a), TypeDef::Union(b)) => TypeDef::Union(merge_unions(a, b)),
        // An empty struct (C#'s rendering of a union) says nothing against another kind.
        (a, TypeDef::Struct(b)) if b.fields.is_empty() => a,
        (a, b) => {
            let at = |d: &TypeDef| d.sources().first().map(describe).unwrap_or_default();
            let message = format!(
                "`{}` is {} at {} but {} here; the one at {} is kept",
                a.name(),
                kind_name(&a),
                at(&a),
                kind_name(&b),
                at(&a)
            );
            push_at(
                diagnostics,
                Severity::Warning,
                "model-conflict",
                b.sources().first(),
                message,
            );
            a
        }
    }
}

fn kind_name(def: &TypeDef) -> &'static str {
    match def {
        TypeDef::Struct(_) => "a struct",
        TypeDef::Enum(_) => "an enum",
        TypeDef::Union(_) => "a union",
    }
}

fn describe(s: &Source) -> String {
    format!("{}:{}", s.file.display(), s.line)
}

/// Pushes a diagnostic at `source`, if known.
fn push_at(
    diagnostics: &mut Diagnostics,
    severity: Severity,
    kind: &str,
    source: Option<&Source>,
    message: String,
) {
    let (file, line) = source.map_or((Default::default(), 0), |s| (s.file.clone(), s.line));
    diagnostics.push(Diagnostic::new(severity, kind, file, line, message));
}

fn merge_structs(mut a: Struct, b: Struct, diagnostics: &mut Diagnostics) -> Struct {
    let keys =
        |s: &Struct| -> Vec<String> { s.fields.iter().map(|f| normalize_key(&f.name)).collect() };
    let (a_keys, b_keys) = (keys(&a), keys(&b));
    // The last of `a`'s fields with each key.
    let a_index: HashMap<&str, usize> = a_keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let in_b: HashSet<&str> = b_keys.iter().map(String::as_str).collect();
    // A field one version lacks is optional in the fused model.
    for (f, key) in a.fields.iter_mut().zip(&a_keys) {
        if !in_b.contains(key.as_str()) {
            f.required = false;
        }
    }
    for (mut f, key) in b.fields.into_iter().zip(&b_keys) {
        match a_index.get(key.as_str()) {
            Some(&i) => merge_field(&mut a.fields[i], f, diagnostics),
            None => {
                f.required = false;
                a.fields.push(f);
            }
        }
    }
    a.doc = a.doc.or(b.doc);
    a.deprecated |= b.deprecated;
    a.sources.extend(b.sources);
    a
}

fn merge_field(a: &mut Field, b: Field, diagnostics: &mut Diagnostics) {
    // Most fields have one type in every input: then there is nothing to fuse.
    if a.ty != b.ty {
        merge_field_types(a, &b, diagnostics);
    }
    a.required &= b.required;
    a.nullable = a.nullable.join(b.nullable);
    a.number_form = a.number_form.join(b.number_form);
    a.doc = a.doc.take().or(b.doc);
    a.example = a.example.take().or(b.example);
    a.deprecated |= b.deprecated;
    a.observed.extend(b.observed);
}

/// Fuses the types of one field as two inputs give them (which differ).
fn merge_field_types(a: &mut Field, b: &Field, diagnostics: &mut Diagnostics) {
    if let Some((x, y)) = renamed(&a.ty, &b.ty) {
        let message = format!(
            "field `{}` is `{x}` at {} but `{y}` here, a model of another name; `{x}` is used",
            a.name,
            a.sources().next().map(describe).unwrap_or_default(),
        );
        push_at(
            diagnostics,
            Severity::Note,
            "renamed-model",
            b.sources().next(),
            message,
        );
    }
    // The number type says what the field carries, the string how JSON carries it.
    if let Some(number) = digits_in_string(&a.ty, &b.ty) {
        a.ty = number;
        a.number_form = NumberForm::String;
        return;
    }
    match fuse_types(&a.ty, &b.ty) {
        // One input says date, another date-time: an example settles it.
        Some(t) if dates::disagree(&a.ty, &b.ty) => {
            let example = a.example.as_deref().or(b.example.as_deref());
            a.ty = match example.and_then(dates::example_form) {
                Some(form) => dates::settle_disagreement(t, &form),
                None => t,
            }
        }
        Some(t) => a.ty = t,
        None => {
            let message = format!(
                "field `{}` is `{}` at {} but `{}` here; it accepts any JSON value",
                a.name,
                a.ty,
                a.sources().next().map(describe).unwrap_or_default(),
                b.ty
            );
            push_at(
                diagnostics,
                Severity::Warning,
                "type-conflict",
                b.sources().next(),
                message,
            );
            a.ty = TypeRef::Any;
        }
    }
}

/// The two model names where `a` and `b` name different models in the same place.
fn renamed<'t>(a: &'t TypeRef, b: &'t TypeRef) -> Option<(&'t TypeName, &'t TypeName)> {
    match (a, b) {
        (TypeRef::Named(x), TypeRef::Named(y)) => (!same_key(x, y)).then_some((x, y)),
        (TypeRef::Array(x), TypeRef::Array(y)) | (TypeRef::Map(x), TypeRef::Map(y)) => {
            renamed(x, y)
        }
        _ => None,
    }
}

/// Whether two names have the same key ([`TypeName::key`]), compared without building the keys.
fn same_key(x: &TypeName, y: &TypeName) -> bool {
    key_bytes(x).eq(key_bytes(y))
}

/// The bytes of a name's key: its ASCII letters and digits, lowercased (the bytes of other
/// characters are never ASCII).
fn key_bytes(name: &TypeName) -> impl Iterator<Item = u8> + '_ {
    let bytes = name.0.bytes().filter(u8::is_ascii_alphanumeric);
    bytes.map(|b| b.to_ascii_lowercase())
}

/// The number type, where one of `a` and `b` is a string and the other a number a string
/// carries exactly (an integer, big integer or decimal), or arrays or maps of them: the field
/// is that number, sent as a string of its digits.
fn digits_in_string(a: &TypeRef, b: &TypeRef) -> Option<TypeRef> {
    match (a, b) {
        (TypeRef::String, n) | (n, TypeRef::String) if n.exact_number() == Some(n) => {
            Some(n.clone())
        }
        (TypeRef::Array(x), TypeRef::Array(y)) => {
            Some(TypeRef::Array(Box::new(digits_in_string(x, y)?)))
        }
        (TypeRef::Map(x), TypeRef::Map(y)) => Some(TypeRef::Map(Box::new(digits_in_string(x, y)?))),
        _ => None,
    }
}

/// The most precise type both notations allow, or `None` when they contradict each other.
pub fn fuse_types(a: &TypeRef, b: &TypeRef) -> Option<TypeRef> {
    use TypeRef::*;
    let bits = |x: &Option<u8>, y: &Option<u8>| x.max(y).to_owned();
    Some(match (a, b) {
        (x, y) if x == y => x.clone(),
        (Any, x) | (x, Any) => x.clone(),
        (Int { bits: x }, Int { bits: y }) => Int { bits: bits(x, y) },
        (Float { bits: x }, Float { bits: y }) => Float { bits: bits(x, y) },
        // An integer in any input beats a float or `number` in another.
        (Int { bits: x }, Float { .. } | Number) | (Float { .. } | Number, Int { bits: x }) => {
            Int { bits: *x }
        }
        (Float { bits: x }, Number) | (Number, Float { bits: x }) => Float { bits: *x },
        (BigInt, Int { .. } | Number | Float { .. })
        | (Int { .. } | Number | Float { .. }, BigInt) => BigInt,
        (Decimal, Float { .. } | Number) | (Float { .. } | Number, Decimal) => Decimal,
        // A calendar date is the narrower claim; an input that says date-time may just not
        // have a date type.
        (Date, DateTime) | (DateTime, Date) => Date,
        // A notation written for both is settled by any input that tells them apart.
        (DateOrDateTime, x @ (Date | DateTime)) | (x @ (Date | DateTime), DateOrDateTime) => {
            x.clone()
        }
        (Const(c), String) | (String, Const(c)) if c.is_string() => String,
        (Array(x), Array(y)) => Array(Box::new(fuse_types(x, y)?)),
        (Map(x), Map(y)) => Map(Box::new(fuse_types(x, y)?)),
        // The same field naming two models: SDK versions name inline schemas differently
        // (`LinkedAccountStatus`, `StatusEnum`). The first name stays; see `renamed`.
        (Named(x), Named(_)) => Named(x.clone()),
        (Bytes, String) | (String, Bytes) => Bytes,
        _ => return None,
    })
}

fn merge_enums(mut a: Enum, b: Enum) -> Enum {
    let targets = merge_targets(&a.values, &b.values);
    for (v, target) in b.values.into_iter().zip(targets) {
        match target {
            Some(i) => {
                let x = &mut a.values[i];
                x.name = x.name.take().or(v.name);
                x.doc = x.doc.take().or(v.doc);
            }
            None => a.values.push(v),
        }
    }
    a.values_known |= b.values_known;
    a.doc = a.doc.or(b.doc);
    a.deprecated |= b.deprecated;
    a.sources.extend(b.sources);
    a
}

/// Where each of `b`'s values goes when merged into `a`'s: the index of the first value of the
/// same wire value (in `a`, or among those of `b` added before it), or `None` to be added.
/// Through an index, not a search per value: enums of hundreds of values (country codes) are
/// common, and each appears in every SDK.
fn merge_targets(a: &[EnumValue], b: &[EnumValue]) -> Vec<Option<usize>> {
    let mut index: HashMap<&EnumWire, usize> = HashMap::with_capacity(a.len() + b.len());
    for (i, x) in a.iter().enumerate() {
        index.entry(&x.value).or_insert(i);
    }
    let mut added = a.len();
    let mut targets = Vec::with_capacity(b.len());
    for v in b {
        targets.push(match index.get(&v.value) {
            Some(&i) => Some(i),
            None => {
                index.insert(&v.value, added);
                added += 1;
                None
            }
        });
    }
    targets
}

fn merge_unions(mut a: Union, b: Union) -> Union {
    for v in b.variants {
        if !a.variants.iter().any(|x| x.ty == v.ty) {
            a.variants.push(v);
        }
    }
    a.doc = a.doc.or(b.doc);
    a.discriminator = a.discriminator.or(b.discriminator);
    a.nullable |= b.nullable;
    a.sources.extend(b.sources);
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::extract;
    use crate::notation::CellMemo;
    use mdgen_ir::Evidence;
    use std::path::Path;

    fn model(path: &str, text: &str) -> TypeDef {
        extract(Path::new(path), text, None, &mut CellMemo::default())
            .model
            .unwrap()
    }

    const HEAD: &str = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n";

    #[test]
    fn fields_fuse_across_dialects_and_versions() {
        let php = model("p.md", &format!("# Tok\n\n## Fields\n\n{HEAD}| `id` | *int* | :heavy_check_mark: | N/A |\n| `provider` | *?string* | :heavy_minus_sign: | N/A |\n| `token` | *string* | :heavy_check_mark: | N/A |\n"));
        let ts = model("t.ts.md", &format!("# Tok\n\n## Fields\n\n{HEAD}| `id` | *number* | :heavy_check_mark: | The id |\n| `provider` | *string* | :heavy_minus_sign: | N/A |\n| `label` | *boolean* | :heavy_check_mark: | N/A |\n"));
        let mut diags = Diagnostics::default();
        let schema = fuse(vec![php, ts], &mut diags);
        assert!(diags.0.is_empty());
        let TypeDef::Struct(s) = &schema.types[&TypeName("Tok".into())] else {
            panic!()
        };
        let got: Vec<_> = s
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.ty.clone(), f.required, f.nullable))
            .collect();
        assert_eq!(
            got,
            [
                ("id", TypeRef::Int { bits: None }, true, Evidence::No),
                ("provider", TypeRef::String, false, Evidence::Maybe),
                // Absent from the TypeScript version: optional.
                ("token", TypeRef::String, false, Evidence::No),
                ("label", TypeRef::Bool, false, Evidence::Unknown),
            ]
        );
        assert_eq!(s.fields[0].doc.as_deref(), Some("The id"));
        assert_eq!(s.fields[0].observed.len(), 2);
    }

    #[test]
    fn docs_of_one_name_sharing_few_fields_are_different_schemas() {
        let row = |f: &str, t: &str, req: bool| {
            let mark = if req {
                "heavy_check_mark"
            } else {
                "heavy_minus_sign"
            };
            format!("| `{f}` | *{t}* | :{mark}: | N/A |\n")
        };
        let doc = |rows: &[(&str, &str, bool)]| {
            let rows: String = rows.iter().map(|(f, t, r)| row(f, t, *r)).collect();
            format!("# Agent\n\n## Fields\n\n{HEAD}{rows}")
        };
        let new = [
            ("agentId", "string", true),
            ("name", "string", true),
            ("capabilities", "string", true),
        ];
        let old = [
            ("ID", "*string", false),
            ("Name", "*string", false),
            ("Author", "*string", false),
            ("CreateTimestamp", "*int64", false),
        ];
        // one version adds a field to the other: still one schema, the new field optional
        let mut grown = new.to_vec();
        grown.push(("description", "string", false));
        for (docs, kept) in [
            (vec![doc(&new), doc(&old), doc(&new)], 3),
            // two against one whatever the order; a tie keeps the one with more fields
            (vec![doc(&old), doc(&new), doc(&new)], 3),
            (vec![doc(&new), doc(&old)], 4),
        ] {
            let n = docs.len();
            let models = docs
                .iter()
                .enumerate()
                .map(|(i, d)| model(&format!("{i}.md"), d))
                .collect();
            let mut diags = Diagnostics::default();
            let schema = fuse(models, &mut diags);
            let TypeDef::Struct(s) = &schema.types[&TypeName("Agent".into())] else {
                panic!()
            };
            assert_eq!(s.fields.len(), kept, "{docs:?}");
            assert!(s.fields.iter().all(|f| f.required == (kept == 3)));
            let warned: Vec<_> = diags
                .iter()
                .filter(|d| d.kind == "different-schema")
                .collect();
            assert_eq!(warned.len(), 1, "{:?}", diags);
            assert_eq!(s.sources.len(), n - 1);
        }
        let mut diags = Diagnostics::default();
        let schema = fuse(
            vec![model("a.md", &doc(&new)), model("b.md", &doc(&grown))],
            &mut diags,
        );
        let TypeDef::Struct(s) = &schema.types[&TypeName("Agent".into())] else {
            panic!()
        };
        let req: Vec<_> = s.fields.iter().map(|f| f.required).collect();
        assert_eq!(req, [true, true, true, false]);
        assert_eq!(diags.count(Severity::Warning), 0);
    }

    #[test]
    fn a_clear_no_overrules_an_ambiguous_mark_and_required_marks_mean_null() {
        let php = model("p.md", &format!("# Tok\n\n## Fields\n\n{HEAD}| `provider` | *?string* | :heavy_minus_sign: | N/A |\n| `label` | *?string* | :heavy_minus_sign: | N/A |\n| `owner` | *?string* | :heavy_check_mark: | N/A |\n"));
        let java = model("j.md", &format!("# Tok\n\n## Fields\n\n{HEAD}| `provider` | *Optional\\<String>* | :heavy_minus_sign: | N/A |\n| `label` | *JsonNullable\\<String>* | :heavy_minus_sign: | N/A |\n| `owner` | *String* | :heavy_check_mark: | N/A |\n"));
        let mut diags = Diagnostics::default();
        let schema = fuse(vec![php, java], &mut diags);
        let TypeDef::Struct(s) = &schema.types[&TypeName("Tok".into())] else {
            panic!()
        };
        let got: Vec<_> = s
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.nullable))
            .collect();
        // Java's Optional<T> says "not null" where PHP's ?T only says "optional or null";
        // JsonNullable<T> says null; a ?T on a required field can only mean null.
        assert_eq!(
            got,
            [
                ("provider", Evidence::No),
                ("label", Evidence::Yes),
                ("owner", Evidence::Yes)
            ]
        );
    }

    #[test]
    fn contradictions_warn_and_accept_anything() {
        let a = model(
            "a.md",
            &format!("# M\n\n## Fields\n\n{HEAD}| `x` | *string* | :heavy_check_mark: | N/A |\n"),
        );
        let b = model(
            "b.md",
            &format!("# M\n\n## Fields\n\n{HEAD}| `x` | *boolean* | :heavy_check_mark: | N/A |\n"),
        );
        let mut diags = Diagnostics::default();
        let schema = fuse(vec![a, b], &mut diags);
        let TypeDef::Struct(s) = &schema.types[&TypeName("M".into())] else {
            panic!()
        };
        assert_eq!(s.fields[0].ty, TypeRef::Any);
        assert_eq!(diags.0[0].kind, "type-conflict");
        assert!(
            diags.0[0].message.contains("a.md:7"),
            "{}",
            diags.0[0].message
        );
        assert_eq!(diags.0[0].file, Path::new("b.md"));
    }

    #[test]
    fn a_string_in_one_input_and_a_number_in_another_is_the_number_sent_as_a_string() {
        let doc = |rows: &str| format!("# M\n\n## Fields\n\n{HEAD}{rows}");
        let go = model("go.md", &doc("| `ID` | [*big.Int](https://pkg.go.dev/math/big#Int) | :heavy_check_mark: | N/A |\n| `Amounts` | map[string]`int64` | :heavy_check_mark: | N/A |\n| `Name` | `string` | :heavy_check_mark: | N/A |\n"));
        let ts = model("ts.md", &doc("| `id` | *string* | :heavy_check_mark: | N/A |\n| `amounts` | Record<string, *string*> | :heavy_check_mark: | N/A |\n| `name` | *string* | :heavy_check_mark: | N/A |\n"));
        let mut diags = Diagnostics::default();
        let schema = fuse(vec![ts, go], &mut diags);
        assert!(diags.0.is_empty(), "{diags:?}");
        let TypeDef::Struct(s) = &schema.types[&TypeName("M".into())] else {
            panic!()
        };
        let got: Vec<_> = s
            .fields
            .iter()
            .map(|f| (f.ty.to_string(), f.number_form))
            .collect();
        let int64 = TypeRef::Int { bits: Some(64) };
        assert_eq!(
            got,
            [
                ("big integer".to_string(), NumberForm::String),
                (
                    TypeRef::Map(Box::new(int64)).to_string(),
                    NumberForm::String
                ),
                ("string".to_string(), NumberForm::Unknown),
            ]
        );
        // A string against a float is still a conflict: a string does not carry it exactly.
        assert_eq!(
            digits_in_string(&TypeRef::String, &TypeRef::Float { bits: None }),
            None
        );
    }

    #[test]
    fn examples_settle_date_against_date_time() {
        let doc = |ty: &str, ex: &str| {
            format!("# M\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n| `at` | {ty} | :heavy_check_mark: | N/A | {ex} |\n")
        };
        let fused = |java_ex: &str| {
            let java = model(
                "a.md",
                &doc("[OffsetDateTime](https://docs.oracle.com/x)", java_ex),
            );
            let ts = model("b.md", &doc("[RFCDate](https://x)", ""));
            fused_type(vec![java, ts])
        };
        assert_eq!(fused("2021-05-01T00:00:00Z"), TypeRef::DateTime);
        assert_eq!(fused("2021-05-01"), TypeRef::Date);
        // No example: the narrower claim, a date.
        assert_eq!(fused(""), TypeRef::Date);
    }

    /// The type of the first field of the model `M` fused from `docs`.
    fn fused_type(docs: Vec<TypeDef>) -> TypeRef {
        let schema = fuse(docs, &mut Diagnostics::default());
        let TypeDef::Struct(s) = &schema.types[&TypeName("M".into())] else {
            panic!()
        };
        s.fields[0].ty.clone()
    }

    #[test]
    fn a_notation_for_dates_and_date_times_alike_takes_what_another_input_says() {
        let doc = |ty: &str| {
            format!("# M\n\n## Fields\n\n{HEAD}| `at` | {ty} | :heavy_check_mark: | N/A |\n")
        };
        let php = || model("a.md", &doc("[\\DateTime](https://www.php.net/x)"));
        assert_eq!(fused_type(vec![php()]), TypeRef::DateOrDateTime);
        // Speakeasy's Python docs link dates to `datetime` (see `notation::interpret`).
        let python = model(
            "b.md",
            &doc("[datetime](https://docs.python.org/3/library/datetime.html#datetime-objects)"),
        );
        assert_eq!(fused_type(vec![php(), python]), TypeRef::Date);
        let java = model("c.md", &doc("[OffsetDateTime](https://docs.oracle.com/x)"));
        assert_eq!(fused_type(vec![java, php()]), TypeRef::DateTime);
        assert_eq!(
            fuse_types(
                &TypeRef::Array(Box::new(TypeRef::DateOrDateTime)),
                &TypeRef::Array(Box::new(TypeRef::Date))
            ),
            Some(TypeRef::Array(Box::new(TypeRef::Date)))
        );
    }

    #[test]
    fn names_from_headings_win_over_names_from_files() {
        let ts = model(
            "t.md",
            "# AccountValue\n\n## Supported Types\n\n### `string`\n\n### `number`\n\n",
        );
        // Ruby spells the union out in the cell, and names it after the linked file.
        let mut extra = extract(Path::new("r.md"), &format!("# A\n\n## Fields\n\n{HEAD}| `v` | [T.any(::String, ::Integer, ::Float)](accountvalue.md) | :heavy_check_mark: | N/A |\n"), None, &mut CellMemo::default()).extra;
        assert_eq!(extra.len(), 1);
        extra.push(ts);
        let mut diags = Diagnostics::default();
        let schema = fuse(extra, &mut diags);
        let names: Vec<_> = schema.types.keys().map(|n| n.0.as_str()).collect();
        assert_eq!(names, ["AccountValue"]);
    }

    #[test]
    fn a_model_that_is_a_struct_in_one_input_and_an_enum_in_another_is_reported() {
        let a = model(
            "a.md",
            &format!(
                "# Kind\n\n## Fields\n\n{HEAD}| `x` | *string* | :heavy_check_mark: | N/A |\n"
            ),
        );
        let b = model(
            "b.md",
            "# Kind\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A` | a |\n",
        );
        let mut diags = Diagnostics::default();
        let schema = fuse(vec![b, a], &mut diags);
        assert!(matches!(
            schema.types[&TypeName("Kind".into())],
            TypeDef::Struct(_)
        ));
        let found: Vec<_> = diags
            .iter()
            .map(|d| (d.kind.as_str(), d.file.to_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [(
                "model-conflict",
                Some("b.md"),
                "`Kind` is a struct at a.md:1 but an enum here; the one at a.md:1 is kept"
            )]
        );
    }

    #[test]
    fn an_empty_struct_gives_way_to_a_union_quietly() {
        let csharp = model("c.md", &format!("# V\n\n## Fields\n\n{HEAD}"));
        let ts = model(
            "t.md",
            "# V\n\n## Supported Types\n\n### `string`\n\n### `number`\n\n",
        );
        let mut diags = Diagnostics::default();
        let schema = fuse(vec![csharp, ts], &mut diags);
        assert!(matches!(
            schema.types[&TypeName("V".into())],
            TypeDef::Union(_)
        ));
        assert!(diags.0.is_empty(), "{diags:?}");
    }

    #[test]
    fn type_precision() {
        use TypeRef::*;
        assert_eq!(
            fuse_types(&Number, &Int { bits: Some(64) }),
            Some(Int { bits: Some(64) })
        );
        assert_eq!(
            fuse_types(&Float { bits: None }, &Number),
            Some(Float { bits: None })
        );
        assert_eq!(fuse_types(&DateTime, &Date), Some(Date));
        assert_eq!(
            fuse_types(
                &Array(Box::new(Number)),
                &Array(Box::new(Int { bits: None }))
            ),
            Some(Array(Box::new(Int { bits: None })))
        );
        assert_eq!(fuse_types(&String, &Bool), None);
        let (a, b) = (
            Named(TypeName("StatusEnum".into())),
            Named(TypeName("LinkedAccountStatus".into())),
        );
        assert_eq!(
            fuse_types(&Array(Box::new(a.clone())), &Array(Box::new(b.clone()))),
            Some(Array(Box::new(a.clone())))
        );
        assert_eq!(
            renamed(&a, &b).map(|(x, y)| (x.0.as_str(), y.0.as_str())),
            Some(("StatusEnum", "LinkedAccountStatus"))
        );
        assert_eq!(renamed(&a, &a), None);
    }
}
