//! Wire names: the JSON key of every field.
//!
//! The docs never state keys. In order of strength: a rename in the config; the model's or the
//! run's configured [`WireCase`]; a key seen in an object-valued Example cell; the convention
//! those keys show across the whole API; the documented member name. A model whose keys are not
//! all configured or evidenced gets one note saying so.

use crate::ModelOptions;
use mdgen_ir::{
    normalize_key, Diagnostic, Diagnostics, Schema, Severity, Source, Struct, TypeDef, TypeRef,
    WireBasis, WireCase, WireName,
};
use serde_json::Value;
use std::collections::BTreeMap;

/// Keys seen in Example cells: by model key, then field key, the key and where it was seen.
type Evidence = BTreeMap<String, BTreeMap<String, (String, Source)>>;

/// Sets each field's JSON key.
pub fn assign(
    schema: &mut Schema,
    case: Option<WireCase>,
    models: &BTreeMap<String, ModelOptions>,
    diagnostics: &mut Diagnostics,
) {
    let evidence = example_keys(schema);
    let convention = convention(&evidence);
    let models: BTreeMap<String, &ModelOptions> = models
        .iter()
        .map(|(name, o)| (normalize_key(name), o))
        .collect();
    let mut structs: Vec<&mut Struct> = schema
        .types
        .values_mut()
        .filter_map(|def| match def {
            TypeDef::Struct(s) => Some(s),
            _ => None,
        })
        .collect();
    // Each model's keys depend only on the tables above: the models are shared among the cores.
    let found = mdgen_ir::map_chunks(&mut structs, MIN_STRUCTS_PER_THREAD, |run| {
        let mut diagnostics = Diagnostics::default();
        for s in run {
            let key = s.name.key();
            let config = models.get(&key).copied();
            let keys = Keys {
                case: config.and_then(|c| c.wire_case).or(case),
                renames: config.map(|c| &c.rename).filter(|r| !r.is_empty()),
                seen: evidence.get(&key),
                convention,
            };
            keys.assign(s, &mut diagnostics);
        }
        diagnostics
    });
    for d in found {
        diagnostics.extend(d);
    }
    if let Some(model) = models
        .keys()
        .find(|k| !schema.types.keys().any(|n| &n.key() == *k))
    {
        let message = format!("the configuration names model `{model}`, which no doc defines");
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "unknown-model",
            "",
            0,
            message,
        ));
    }
}

/// Below this many structs per thread, starting threads costs more than it saves.
const MIN_STRUCTS_PER_THREAD: usize = 256;

/// What decides the keys of one model's fields.
struct Keys<'a> {
    /// The model's or the run's case.
    case: Option<WireCase>,
    /// The model's renames, by documented member name; `None` when it has none.
    renames: Option<&'a BTreeMap<String, String>>,
    /// The keys Example cells show for its fields, by field key.
    seen: Option<&'a BTreeMap<String, (String, Source)>>,
    convention: Option<WireCase>,
}

impl Keys<'_> {
    /// Sets the key of each field of `s`.
    fn assign(&self, s: &mut Struct, diagnostics: &mut Diagnostics) {
        for f in &mut s.fields {
            // Matched by key only where there is something to match.
            let field_key =
                (self.renames.is_some() || self.seen.is_some()).then(|| normalize_key(&f.name));
            let renamed = field_key.as_ref().and_then(|key| {
                self.renames?
                    .iter()
                    .find(|(name, _)| normalize_key(name) == *key)
                    .map(|(_, wire)| wire)
            });
            let example = field_key.as_ref().and_then(|key| self.seen?.get(key));
            f.wire = match (renamed, self.case, example, self.convention) {
                (Some(wire), ..) => WireName {
                    name: wire.clone(),
                    basis: WireBasis::Config,
                },
                (None, Some(c), ..) => WireName {
                    name: c.apply(&f.name),
                    basis: WireBasis::Case,
                },
                (None, None, Some((key, _)), _) => WireName {
                    name: key.clone(),
                    basis: WireBasis::Example,
                },
                (None, None, None, Some(c)) => WireName {
                    name: c.apply(&f.name),
                    basis: WireBasis::Convention,
                },
                (None, None, None, None) => WireName {
                    name: f.name.clone(),
                    basis: WireBasis::Assumed,
                },
            };
            if let Some((key, source)) = example.filter(|(key, _)| *key != f.wire.name) {
                let message = format!(
                    "field `{}` of `{}` is sent as `{key}` in an Example cell at {}:{}, but the configuration makes its key `{}`",
                    f.name,
                    s.name,
                    source.file.display(),
                    source.line,
                    f.wire.name
                );
                diagnostics.push(at(
                    &s.sources,
                    Severity::Warning,
                    "wire-name-conflict",
                    message,
                ));
            }
        }
        note_assumed(s, self.convention, diagnostics);
    }
}

/// One note for a model whose keys were not all configured or seen.
fn note_assumed(s: &Struct, convention: Option<WireCase>, diagnostics: &mut Diagnostics) {
    let guessed = |b: WireBasis| matches!(b, WireBasis::Assumed | WireBasis::Convention);
    let count = s.fields.iter().filter(|f| guessed(f.wire.basis)).count();
    if count == 0 {
        return;
    }
    let how = match convention {
        Some(c) => {
            format!("converted to {c}, the convention the Example cells of other models show")
        }
        None => "taken to be the documented member names".to_string(),
    };
    let message = format!(
        "{count} JSON key(s) of `{}` are {how}; set `wire_case` or a rename if the API spells them otherwise",
        s.name
    );
    diagnostics.push(at(&s.sources, Severity::Note, "assumed-wire-name", message));
}

fn at(sources: &[Source], severity: Severity, kind: &str, message: String) -> Diagnostic {
    let (file, line) = sources
        .first()
        .map(|s| (s.file.clone(), s.line))
        .unwrap_or_default();
    Diagnostic::new(severity, kind, file, line, message)
}

/// The keys object-valued Example cells show for the fields of the models they describe.
fn example_keys(schema: &Schema) -> Evidence {
    let mut evidence = Evidence::new();
    for def in schema.types.values() {
        let TypeDef::Struct(s) = def else { continue };
        for f in &s.fields {
            // Only an object, or an array of them, shows keys.
            let shows_keys = |e: &&str| e.trim_start().starts_with(['{', '[']);
            let Some(value) = f
                .example
                .as_deref()
                .filter(shows_keys)
                .and_then(|e| serde_json::from_str::<Value>(e).ok())
            else {
                continue;
            };
            let Some(source) = f.sources().next() else {
                continue;
            };
            absorb(schema, &f.ty, &value, source, &mut evidence);
        }
    }
    evidence
}

/// Records the keys `value` shows for the model `ty` names, and for the models nested in it.
fn absorb(schema: &Schema, ty: &TypeRef, value: &Value, source: &Source, evidence: &mut Evidence) {
    match (ty, value) {
        (TypeRef::Array(item), Value::Array(values)) => {
            for v in values {
                absorb(schema, item, v, source, evidence);
            }
        }
        (TypeRef::Named(name), Value::Object(object)) => {
            let Some(TypeDef::Struct(s)) = schema.types.get(name) else {
                return;
            };
            for (key, v) in object {
                let field_key = normalize_key(key);
                let Some(f) = s
                    .fields
                    .iter()
                    .find(|f| normalize_key(&f.name) == field_key)
                else {
                    continue;
                };
                evidence
                    .entry(name.key())
                    .or_default()
                    .entry(field_key)
                    .or_insert_with(|| (key.clone(), source.clone()));
                absorb(schema, &f.ty, v, source, evidence);
            }
        }
        _ => {}
    }
}

/// The one case every informative key seen is written in, if there is one. A key is
/// informative when it has several words (`account_id`, not `name`).
fn convention(evidence: &Evidence) -> Option<WireCase> {
    let keys: Vec<&str> = evidence
        .values()
        .flat_map(|fields| fields.values().map(|(key, _)| key.as_str()))
        .filter(|k| WireCase::Snake.apply(k) != WireCase::Camel.apply(k))
        .collect();
    if keys.is_empty() {
        return None;
    }
    WireCase::ALL
        .into_iter()
        .filter(|c| *c != WireCase::AsDocumented)
        .find(|c| keys.iter().all(|k| c.apply(k) == *k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdgen_ir::{Field, TypeName};

    fn field(name: &str, ty: TypeRef, example: Option<&str>) -> Field {
        let f = Field {
            example: example.map(str::to_string),
            ..Field::new(name, ty)
        };
        f.observed_at(
            Source {
                file: "m.md".into(),
                line: 3,
            },
            "",
        )
    }

    fn schema(structs: Vec<(&str, Vec<Field>)>) -> Schema {
        let mut schema = Schema::default();
        for (name, fields) in structs {
            let name = TypeName(name.into());
            let s = Struct {
                name: name.clone(),
                doc: None,
                fields,
                deprecated: false,
                sources: vec![],
            };
            schema.types.insert(name, TypeDef::Struct(s));
        }
        schema
    }

    fn wires(schema: &Schema, model: &str) -> Vec<(String, WireBasis)> {
        let TypeDef::Struct(s) = &schema.types[&TypeName(model.into())] else {
            panic!()
        };
        s.fields
            .iter()
            .map(|f| (f.wire.name.clone(), f.wire.basis))
            .collect()
    }

    fn named(n: &str) -> TypeRef {
        TypeRef::Named(TypeName(n.into()))
    }

    fn sample() -> Schema {
        schema(vec![
            (
                "Outer",
                vec![
                    field(
                        "accountRef",
                        named("Account"),
                        Some(r#"{"account_id": "a", "owner": {"full_name": "x"}}"#),
                    ),
                    field("createdAt", TypeRef::String, None),
                ],
            ),
            (
                "Account",
                vec![
                    field("accountId", TypeRef::String, None),
                    field("owner", named("Owner"), None),
                ],
            ),
            ("Owner", vec![field("fullName", TypeRef::String, None)]),
        ])
    }

    #[test]
    fn example_keys_give_wire_names_and_the_convention_covers_the_rest() {
        let mut s = sample();
        let mut diags = Diagnostics::default();
        assign(&mut s, None, &BTreeMap::new(), &mut diags);
        let ex = |n: &str| (n.to_string(), WireBasis::Example);
        let conv = |n: &str| (n.to_string(), WireBasis::Convention);
        assert_eq!(wires(&s, "Account"), [ex("account_id"), ex("owner")]);
        assert_eq!(wires(&s, "Owner"), [ex("full_name")]);
        assert_eq!(
            wires(&s, "Outer"),
            [conv("account_ref"), conv("created_at")]
        );
        // One note, for the one model whose keys were guessed.
        let notes: Vec<_> = diags
            .iter()
            .map(|d| (d.kind.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(notes, [("assumed-wire-name", "2 JSON key(s) of `Outer` are converted to snake_case, the convention the Example cells of other models show; set `wire_case` or a rename if the API spells them otherwise")]);
    }

    #[test]
    fn configuration_wins_and_a_contradicted_example_is_reported() {
        let mut s = sample();
        let mut models = BTreeMap::new();
        let rename = BTreeMap::from([("fullName".to_string(), "name".to_string())]);
        models.insert(
            "owner".to_string(),
            ModelOptions {
                wire_case: None,
                rename,
            },
        );
        models.insert(
            "Account".to_string(),
            ModelOptions {
                wire_case: Some(WireCase::Camel),
                rename: BTreeMap::new(),
            },
        );
        let mut diags = Diagnostics::default();
        assign(&mut s, Some(WireCase::Kebab), &models, &mut diags);
        assert_eq!(
            wires(&s, "Owner"),
            [("name".to_string(), WireBasis::Config)]
        );
        assert_eq!(
            wires(&s, "Account")[0],
            ("accountId".to_string(), WireBasis::Case)
        );
        assert_eq!(
            wires(&s, "Outer")[1],
            ("created-at".to_string(), WireBasis::Case)
        );
        let kinds: Vec<_> = diags.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(kinds, ["wire-name-conflict", "wire-name-conflict"]);
        assert!(
            diags.0[0]
                .message
                .contains("sent as `account_id` in an Example cell at m.md:3"),
            "{}",
            diags.0[0].message
        );
    }

    #[test]
    fn without_evidence_names_are_taken_as_documented() {
        let mut s = schema(vec![(
            "M",
            vec![field("fooBar", TypeRef::String, Some("\"x\""))],
        )]);
        let mut diags = Diagnostics::default();
        let models = BTreeMap::from([("Nope".to_string(), ModelOptions::default())]);
        assign(&mut s, None, &models, &mut diags);
        assert_eq!(wires(&s, "M"), [("fooBar".to_string(), WireBasis::Assumed)]);
        let kinds: Vec<_> = diags.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(kinds, ["assumed-wire-name", "unknown-model"]);
    }

    #[test]
    fn the_convention_needs_every_informative_key_to_agree() {
        let ev = |keys: &[&str]| -> Evidence {
            let src = Source {
                file: "m.md".into(),
                line: 1,
            };
            let fields = keys
                .iter()
                .map(|k| (normalize_key(k), (k.to_string(), src.clone())))
                .collect();
            BTreeMap::from([("m".to_string(), fields)])
        };
        assert_eq!(
            convention(&ev(&["clientId", "serviceNumber", "name"])),
            Some(WireCase::Camel)
        );
        assert_eq!(
            convention(&ev(&["client_id", "name"])),
            Some(WireCase::Snake)
        );
        assert_eq!(convention(&ev(&["client_id", "serviceNumber"])), None);
        assert_eq!(convention(&ev(&["name", "id"])), None);
    }
}
