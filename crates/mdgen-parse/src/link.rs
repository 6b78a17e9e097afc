//! Linking: every reference to a model resolved to a model of the schema. A reference to a doc
//! that is missing becomes an enum when the Example cell lists its values, else any JSON value;
//! both with a warning, never an error.

use crate::model::Snippets;
use foldhash::{HashMap, HashSet};
use mdgen_ir::{
    Diagnostic, Diagnostics, Enum, EnumValue, EnumWire, Field, Schema, Severity, Source, TypeDef,
    TypeName, TypeRef,
};
use std::collections::btree_map::{BTreeMap, Entry};

/// Resolves every [`TypeRef::Named`] in `schema`.
pub fn link(schema: &mut Schema, snippets: &Snippets, diagnostics: &mut Diagnostics) {
    // One pass over the references, on the schema as it is: most name a model exactly, and
    // only the models holding others are visited again, to rewrite those.
    let (renames, owners, missing) = {
        let known = Known::new(schema);
        let survey = survey(schema, &known);
        let renames = known.renames(&survey.others, &survey.missing);
        let owners: Vec<TypeName> = survey.owners.into_iter().cloned().collect();
        (renames, owners, survey.missing)
    };
    for owner in &owners {
        let tys: Vec<&mut TypeRef> = match schema.types.get_mut(owner) {
            Some(TypeDef::Struct(s)) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
            Some(TypeDef::Union(u)) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            Some(TypeDef::Enum(_)) | None => Vec::new(),
        };
        for ty in tys {
            resolve(ty, &mut |name| renames.get(name).cloned());
        }
    }
    for m in missing.into_values() {
        diagnostics.push(m.diagnostic(snippets));
        if let Some(e) = m.inferred {
            schema.types.insert(e.name.clone(), TypeDef::Enum(e));
        }
    }
}

/// The models of the schema: by name, and by key ([`TypeName::key`]) to their name.
struct Known<'s> {
    exact: HashSet<&'s TypeName>,
    by_key: HashMap<String, &'s TypeName>,
}

impl<'s> Known<'s> {
    fn new(schema: &'s Schema) -> Self {
        Known {
            exact: schema.types.keys().collect(),
            by_key: schema.types.keys().map(|n| (n.key(), n)).collect(),
        }
    }

    /// What each of `others`, names referenced that are not a model's own, stands for: the
    /// model of the same key; for a missing doc, the enum inferred from Example cells, else any
    /// JSON value.
    fn renames(
        &self,
        others: &HashSet<&TypeName>,
        missing: &BTreeMap<String, Missing>,
    ) -> HashMap<TypeName, TypeRef> {
        let rename = |name: &&TypeName| {
            let key = name.key();
            let to = match self.by_key.get(&key) {
                Some(canonical) => TypeRef::Named((*canonical).clone()),
                None => match missing.get(&key) {
                    Some(m) if m.inferred.is_some() => TypeRef::Named(m.name.clone()),
                    _ => TypeRef::Any,
                },
            };
            ((*name).clone(), to)
        };
        others.iter().map(rename).collect()
    }
}

/// What the references of a schema ask of linking.
#[derive(Default)]
struct Survey<'s> {
    /// The models holding a reference that does not name a model exactly, in schema order.
    owners: Vec<&'s TypeName>,
    /// The names such references use.
    others: HashSet<&'s TypeName>,
    /// The models referenced that have no doc, by key.
    missing: BTreeMap<String, Missing>,
}

/// Every reference of `schema`, looked at once. The models are shared among the cores and
/// their surveys joined in schema order: the result is the same whatever the number of threads.
fn survey<'s>(schema: &'s Schema, known: &Known) -> Survey<'s> {
    let mut models: Vec<(&TypeName, &TypeDef)> = schema.types.iter().collect();
    let runs = mdgen_ir::map_chunks(&mut models, MIN_MODELS_PER_THREAD, |run| {
        survey_of(run, known)
    });
    let mut runs = runs.into_iter();
    let mut survey = runs.next().unwrap_or_default();
    for later in runs {
        survey.join(later);
    }
    survey
}

/// Below this many models per thread, starting threads costs more than it saves.
const MIN_MODELS_PER_THREAD: usize = 512;

impl<'s> Survey<'s> {
    /// Adds `later`, the survey of the models after these.
    fn join(&mut self, later: Survey<'s>) {
        self.owners.extend(later.owners);
        self.others.extend(later.others);
        for (key, m) in later.missing {
            match self.missing.entry(key) {
                Entry::Vacant(e) => {
                    e.insert(m);
                }
                Entry::Occupied(mut e) => e.get_mut().join(m),
            }
        }
    }
}

/// The survey of the references of `models`.
fn survey_of<'s>(models: &[(&'s TypeName, &'s TypeDef)], known: &Known) -> Survey<'s> {
    let mut survey = Survey::default();
    for &(owner, def) in models {
        let mut holds_other = false;
        // The sources are copied only for a reference to a missing model: most resolve.
        let mut visit = |ty: &'s TypeRef, sources: &dyn Fn() -> Vec<Source>, field| {
            for name in ty.named() {
                if known.exact.contains(name) {
                    continue;
                }
                holds_other = true;
                survey.others.insert(name);
                if !known.by_key.contains_key(&name.key()) {
                    note_missing(&mut survey.missing, name, &sources(), field);
                }
            }
        };
        match def {
            TypeDef::Struct(s) => s
                .fields
                .iter()
                .for_each(|f| visit(&f.ty, &|| f.sources().cloned().collect(), Some(f))),
            TypeDef::Union(u) => u
                .variants
                .iter()
                .for_each(|v| visit(&v.ty, &|| u.sources.clone(), None)),
            TypeDef::Enum(_) => {}
        }
        if holds_other {
            survey.owners.push(owner);
        }
    }
    survey
}

/// A model that is referenced but has no doc among the inputs.
struct Missing {
    name: TypeName,
    /// Where it is referenced: the model, and the field if any.
    references: Vec<(Source, Option<String>)>,
    /// The open enum its references' Example cells describe, if they list values.
    inferred: Option<Enum>,
}

impl Missing {
    /// Adds `later`, what the references after these say of the same model.
    fn join(&mut self, later: Missing) {
        self.references.extend(later.references);
        match (&mut self.inferred, later.inferred) {
            (Some(e), Some(later)) => {
                for v in later.values {
                    if !e.values.iter().any(|x| x.value == v.value) {
                        e.values.push(v);
                    }
                }
                e.sources.extend(later.sources);
            }
            (inferred @ None, later) => *inferred = later,
            (Some(_), None) => {}
        }
    }

    /// One warning for the missing doc, at its first reference.
    fn diagnostic(&self, snippets: &Snippets) -> Diagnostic {
        let mut refs = self.references.clone();
        refs.sort();
        let (first, field) = refs.first().cloned().unwrap_or_else(|| {
            (
                Source {
                    file: Default::default(),
                    line: 0,
                },
                None,
            )
        });
        let what = match &field {
            Some(f) => format!("field `{f}`"),
            None => "a union member".to_string(),
        };
        let also = match refs.len() {
            1 => String::new(),
            n => format!(" (and {} more references)", n - 1),
        };
        let outcome = match self.inferred {
            Some(_) => "an open enum is inferred from the Example cells listing its values",
            None => "references to it accept any JSON value",
        };
        let message = format!(
            "no doc for `{}`, used by {what}{also}; {outcome}",
            self.name
        );
        let d = Diagnostic::new(
            Severity::Warning,
            "missing-link",
            &first.file,
            first.line,
            message,
        );
        match snippets.get(&first) {
            Some((line, span)) if field.is_some() => d.with_snippet(line.clone(), span.clone()),
            _ => d,
        }
    }
}

/// Records a reference to `name`, which has no doc, from `field` (none for a union member)
/// documented at `sources`.
fn note_missing(
    missing: &mut BTreeMap<String, Missing>,
    name: &TypeName,
    sources: &[Source],
    field: Option<&Field>,
) {
    let m = missing.entry(name.key()).or_insert_with(|| Missing {
        name: name.clone(),
        references: Vec::new(),
        inferred: None,
    });
    m.references.extend(
        sources
            .iter()
            .map(|s| (s.clone(), field.map(|f| f.name.clone()))),
    );
    if let Some(values) = field
        .and_then(|f| f.example.as_deref())
        .and_then(listed_strings)
    {
        let e = m.inferred.get_or_insert_with(|| Enum {
            name: name.clone(),
            doc: None,
            values: Vec::new(),
            values_known: false,
            deprecated: false,
            sources: Vec::new(),
        });
        for v in values {
            if !e.values.iter().any(|x| x.value == v) {
                e.values.push(EnumValue {
                    name: None,
                    value: v,
                    doc: None,
                    deprecated: false,
                });
            }
        }
        e.sources.extend(sources.iter().cloned());
    }
}

/// Rewrites every name in `ty` that `to` gives a replacement for.
fn resolve(ty: &mut TypeRef, to: &mut dyn FnMut(&TypeName) -> Option<TypeRef>) {
    match ty {
        TypeRef::Named(name) => {
            if let Some(to) = to(name) {
                *ty = to;
            }
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) => resolve(inner, to),
        _ => {}
    }
}

/// The values an Example cell lists: a JSON array of strings, or one JSON string.
fn listed_strings(example: &str) -> Option<Vec<EnumWire>> {
    match serde_json::from_str::<serde_json::Value>(example).ok()? {
        serde_json::Value::String(s) => Some(vec![EnumWire::Str(s)]),
        serde_json::Value::Array(items) if !items.is_empty() => items
            .into_iter()
            .map(|v| v.as_str().map(|s| EnumWire::Str(s.to_string())))
            .collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::field;
    use mdgen_ir::Struct;

    fn named(n: &str) -> TypeRef {
        TypeRef::Named(TypeName(n.into()))
    }

    #[test]
    fn surveys_joined_across_threads_are_the_survey_of_all_models() {
        // Enough models for two runs; references to one missing model, with example values,
        // in both halves, and each half referring to a model of the other by its key.
        let n = 4 * MIN_MODELS_PER_THREAD;
        let mut schema = Schema::default();
        for i in 0..n {
            let example = if i < n / 2 {
                "[\"a\"]"
            } else {
                "[\"b\", \"a\"]"
            };
            let other = format!("m{}", (i + n / 2) % n);
            let s = Struct {
                name: TypeName(format!("M{i}")),
                doc: None,
                fields: vec![
                    field(
                        "cat",
                        named(if i % 2 == 0 { "Cat" } else { "cat" }),
                        Some(example),
                        3,
                    ),
                    field("other", named(&other), None, 4),
                    field("own", named(&format!("M{i}")), None, 5),
                ],
                deprecated: false,
                sources: vec![],
            };
            schema.types.insert(s.name.clone(), TypeDef::Struct(s));
        }
        let known = Known::new(&schema);
        let joined = survey(&schema, &known);
        let models: Vec<(&TypeName, &TypeDef)> = schema.types.iter().collect();
        let whole = survey_of(&models, &known);
        assert_eq!(joined.owners, whole.owners);
        assert_eq!(joined.others, whole.others);
        assert_eq!(joined.missing.len(), 1);
        let (a, b) = (&joined.missing["cat"], &whole.missing["cat"]);
        assert_eq!((&a.name, &a.references), (&b.name, &b.references));
        assert_eq!(a.inferred, b.inferred);
        assert_eq!(a.references.len(), n);
        let values = a.inferred.as_ref().map(|e| e.values.len());
        assert_eq!(values, Some(2));
    }

    #[test]
    fn missing_docs_become_open_enums_or_any() {
        let s = Struct {
            name: TypeName("M".into()),
            doc: None,
            fields: vec![
                field(
                    "cats",
                    TypeRef::Array(Box::new(named("Cat"))),
                    Some("[\n\"a\",\n\"b\"\n]"),
                    3,
                ),
                field("cat", named("cat"), Some("[\"b\", \"c\"]"), 4),
                field("meta", named("Meta"), None, 5),
                field("self_ref", named("m"), None, 6),
            ],
            deprecated: false,
            sources: vec![],
        };
        let mut schema = Schema::default();
        schema.types.insert(s.name.clone(), TypeDef::Struct(s));
        let mut diags = Diagnostics::default();
        link(&mut schema, &Snippets::default(), &mut diags);
        let TypeDef::Struct(s) = &schema.types[&TypeName("M".into())] else {
            panic!()
        };
        let tys: Vec<_> = s.fields.iter().map(|f| f.ty.clone()).collect();
        assert_eq!(
            tys,
            [
                TypeRef::Array(Box::new(named("Cat"))),
                named("Cat"),
                TypeRef::Any,
                named("M")
            ]
        );
        let TypeDef::Enum(e) = &schema.types[&TypeName("Cat".into())] else {
            panic!()
        };
        assert!(!e.values_known);
        let values: Vec<_> = e.values.iter().map(|v| v.value.clone()).collect();
        assert_eq!(values, ["a", "b", "c"].map(|s| EnumWire::Str(s.into())));
        let found: Vec<_> = diags.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (3, "no doc for `Cat`, used by field `cats` (and 1 more references); an open enum is inferred from the Example cells listing its values"),
                (5, "no doc for `Meta`, used by field `meta`; references to it accept any JSON value"),
            ]
        );
        assert!(diags.iter().all(|d| d.kind == "missing-link"));
    }
}
