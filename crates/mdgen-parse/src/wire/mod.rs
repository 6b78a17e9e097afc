//! Wire names: the JSON key of every field.
//!
//! The docs never state keys: each SDK shows a transform of the key (`spelling`). In order of
//! strength: a rename in the config; a key seen in a sample (`--sample`); the model's
//! configured [`WireCase`]; a key seen in an Example cell; the run's configured case; the
//! convention most keys seen follow (the model's own keys, else the API's); with none, a guess
//! said once per run. A case turns back the member names of every input into the key the most
//! of them agree on (`choose`).

mod evidence;
mod spelling;

use crate::{dates, ModelOptions, Sample};
use evidence::{Found, Seen};

use mdgen_ir::{
    normalize_key, Diagnostic, Diagnostics, Evidence, Field, NameStyle, Schema, Severity, Source,
    Struct, TypeDef, TypeRef, WireBasis, WireCase, WireName,
};
use std::collections::BTreeMap;

/// Sets each field's JSON key, and what samples show of nullability, integers and dates.
pub fn assign(
    schema: &mut Schema,
    case: Option<WireCase>,
    models: &BTreeMap<String, ModelOptions>,
    samples: &[Sample],
    diagnostics: &mut Diagnostics,
) {
    let mut examples = evidence::examples(schema);
    let mut sampled = sampled(schema, samples, diagnostics);
    // The vote counts the keys of both: API-wide, and per model.
    let mut api_votes = std::mem::take(&mut examples.votes);
    api_votes.merge(std::mem::take(&mut sampled.votes));
    api_votes.merge(agreed_votes(schema));
    let mut model_votes = std::mem::take(&mut examples.model_votes);
    for (model, votes) in std::mem::take(&mut sampled.model_votes) {
        model_votes.entry(model).or_default().merge(votes);
    }
    // Keys named in prose vote only where no JSON shows a key.
    let api_votes = match api_votes.winner() {
        Some(_) => api_votes,
        None => evidence::mentions(schema),
    };
    let api = api_votes.winner();
    let convention = |model: &str| model_votes.get(model).and_then(|v| v.winner());
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
        let mut tally = Tally::default();
        for s in run {
            let key = s.name.key();
            let config = models.get(&key).copied();
            let own = convention(&key);
            let keys = Keys {
                model_case: config.and_then(|c| c.wire_case),
                case,
                renames: config.map(|c| &c.rename).filter(|r| !r.is_empty()),
                sampled: sampled.fields.get(&key),
                seen: examples.fields.get(&key),
                convention: own.or(api),
            };
            keys.assign(s, &mut tally);
            tally.own_convention += usize::from(own.is_some_and(|c| Some(c) != api));
        }
        tally
    });
    let mut tally = Tally::default();
    for t in found {
        tally.add(t);
    }
    diagnostics.extend(std::mem::take(&mut tally.diagnostics));
    tally.report(api.map(|c| (c, api_votes.describe())), diagnostics);
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

/// What the samples show, with a warning for each key no documented field has and each model
/// no doc defines.
fn sampled(schema: &Schema, samples: &[Sample], diagnostics: &mut Diagnostics) -> Found {
    let mut found = Found::default();
    for sample in samples {
        let source = Source {
            file: sample.file.clone(),
            line: 1,
        };
        let key = normalize_key(&sample.model);
        match schema.types.keys().find(|n| n.key() == key) {
            Some(name) => {
                let ty = TypeRef::Named(name.clone());
                found.absorb(schema, &ty, &sample.value, &source);
            }
            None => {
                let message = format!(
                    "the sample is of model `{}`, which no doc defines; it is not used",
                    sample.model
                );
                let d =
                    Diagnostic::new(Severity::Warning, "unknown-model", &sample.file, 0, message);
                diagnostics.push(d);
            }
        }
    }
    let mut unmatched = std::mem::take(&mut found.unmatched);
    unmatched.sort();
    unmatched.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    for (model, key, source) in unmatched {
        let message = format!(
            "the sample shows key `{key}` in `{model}`, but no documented field of `{model}` has it; it is not part of the generated type"
        );
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "sample-key",
            &source.file,
            0,
            message,
        ));
    }
    found
}

/// What deciding the keys of many models found, to report once.
#[derive(Default)]
struct Tally {
    diagnostics: Diagnostics,
    /// Multi-word keys guessed in an assumed convention.
    guessed: usize,
    /// Keys set by the convention the vote decided.
    by_convention: usize,
    /// Models whose own keys vote for another convention than the API's.
    own_convention: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.diagnostics.extend(other.diagnostics);
        self.guessed += other.guessed;
        self.by_convention += other.by_convention;
        self.own_convention += other.own_convention;
    }

    /// One note for the convention the keys seen decided; one warning when keys were guessed.
    fn report(&self, api: Option<(WireCase, String)>, diagnostics: &mut Diagnostics) {
        if self.by_convention > 0 {
            let why = match &api {
                Some((c, vote)) => format!("{c}, the case most keys seen follow ({vote})"),
                None => "the case the keys seen for their own models follow".to_string(),
            };
            let own = match self.own_convention {
                0 => String::new(),
                n => format!("; {n} model(s) follow the case of their own keys instead"),
            };
            let message = format!(
                "{} JSON key(s) are converted to {why}{own}",
                self.by_convention
            );
            diagnostics.push(Diagnostic::new(
                Severity::Note,
                "wire-convention",
                "",
                0,
                message,
            ));
        }
        if self.guessed > 0 {
            let message = format!(
                "no Example cell or sample shows how the API spells its JSON keys: {} key(s) of several words are guessed (the member names of TypeScript, Java, PHP, Python and Ruby docs as written, Go and C# names in camelCase); set `--wire-case` (`wire_case` in mdgen.toml) or give a captured body with `--sample MODEL=FILE.json`",
                self.guessed
            );
            diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "assumed-wire-name",
                "",
                0,
                message,
            ));
        }
    }
}

/// What decides the keys of one model's fields.
struct Keys<'a> {
    /// The model's configured case.
    model_case: Option<WireCase>,
    /// The run's configured case.
    case: Option<WireCase>,
    /// The model's renames, by documented member name; `None` when it has none.
    renames: Option<&'a BTreeMap<String, String>>,
    /// The keys samples show for its fields, by field key.
    sampled: Option<&'a BTreeMap<String, Seen>>,
    /// The keys Example cells show for its fields, by field key.
    seen: Option<&'a BTreeMap<String, Seen>>,
    /// The convention the keys seen decided: the model's own, else the API's.
    convention: Option<WireCase>,
}

impl Keys<'_> {
    /// Sets the key of each field of `s`.
    fn assign(&self, s: &mut Struct, tally: &mut Tally) {
        let evidenced = self.renames.is_some() || self.seen.is_some() || self.sampled.is_some();
        for f in &mut s.fields {
            // Matched by key only where there is something to match.
            let field_key = evidenced.then(|| normalize_key(&f.name));
            let renamed = field_key.as_ref().and_then(|key| {
                self.renames?
                    .iter()
                    .find(|(name, _)| normalize_key(name) == *key)
                    .map(|(_, wire)| wire)
            });
            let sampled = field_key.as_ref().and_then(|key| self.sampled?.get(key));
            let example = field_key.as_ref().and_then(|key| self.seen?.get(key));
            let seen = |s: Option<&Seen>, basis| s.map(|s| (s.key.clone(), basis));
            let (name, basis) = renamed
                .map(|w| (w.clone(), WireBasis::Config))
                .or_else(|| seen(sampled, WireBasis::Sample))
                .or_else(|| {
                    self.model_case
                        .map(|c| (choose(f, Some(c)), WireBasis::Case))
                })
                .or_else(|| seen(example, WireBasis::Example))
                .or_else(|| self.case.map(|c| (choose(f, Some(c)), WireBasis::Case)))
                .or_else(|| {
                    let c = self.convention?;
                    Some((choose(f, Some(c)), WireBasis::Convention))
                })
                .unwrap_or_else(|| (choose(f, None), WireBasis::Assumed));
            match basis {
                WireBasis::Assumed => {
                    tally.guessed += usize::from(WireCase::of_key(&name).is_some())
                }
                WireBasis::Convention => tally.by_convention += 1,
                _ => {}
            }
            f.wire = WireName { name, basis };
            if let Some(seen) = sampled {
                settle(f, seen);
            }
            let contradicted = sampled.or(example).filter(|seen| seen.key != f.wire.name);
            if let Some(Seen { key, source, .. }) = contradicted {
                let message = format!(
                    "field `{}` of `{}` is sent as `{key}` (seen at {}:{}), but the configuration makes its key `{}`",
                    f.name,
                    s.name,
                    source.file.display(),
                    source.line,
                    f.wire.name
                );
                tally.diagnostics.push(at(
                    &s.sources,
                    Severity::Warning,
                    "wire-name-conflict",
                    message,
                ));
            }
        }
    }
}

/// What a sample shows of a field besides its key: a `null` makes it nullable; integers and
/// no fractions make a `number` an integer; strings of digits or numbers say how its numbers
/// are sent, over what the docs suggest; dates or date-times settle a date notation as an
/// Example cell does ([`dates::settle_shown`]).
fn settle(f: &mut Field, seen: &Seen) {
    if seen.null {
        f.nullable = Evidence::Yes;
    }
    if !seen.number_form.is_unknown() {
        f.number_form = seen.number_form;
    }
    if f.ty == TypeRef::Number && seen.integer && !seen.fraction {
        f.ty = TypeRef::Int { bits: None };
    }
    if let Some(form) = seen.date_form() {
        f.ty = dates::settle_shown(std::mem::replace(&mut f.ty, TypeRef::Any), &form);
    }
}

/// The key the member names of every input that documents `f` agree on most, each turned
/// back into a key in `case`: the key the most inputs' transforms give their names; among
/// equals, one that follows `case`, then one from a dialect that keeps case (Go and C# lose
/// it), then the first.
fn choose(f: &Field, case: Option<WireCase>) -> String {
    let candidates: Vec<(String, bool)> = match f.observed.as_slice() {
        [] => return spelling::key_of(NameStyle::Verbatim, &f.name, case),
        [one] => return spelling::key_of(one.style, &one.name, case),
        // A name of a dialect that keeps case is a candidate as it is too: TypeScript's
        // `requestID` cannot come from `request_id`, whatever the case.
        many => many
            .iter()
            .flat_map(|o| {
                let keeps = spelling::keeps_case(o.style);
                let converted = (spelling::key_of(o.style, &o.name, case), keeps);
                let as_is = (keeps && case.is_some())
                    .then(|| (spelling::key_of(o.style, &o.name, None), keeps));
                std::iter::once(converted).chain(as_is)
            })
            .collect(),
    };
    let agree = |key: &str| {
        f.observed
            .iter()
            .filter(|o| spelling::shows(o.style, key, &o.name))
            .count()
    };
    let best = candidates
        .iter()
        .enumerate()
        .max_by_key(|(i, (key, keeps))| {
            (
                agree(key),
                case.is_some_and(|c| c.follows(key)),
                *keeps,
                std::cmp::Reverse(*i),
            )
        });
    best.map_or_else(|| f.name.clone(), |(_, (key, _))| key.clone())
}

/// The keys of several words that the names of different dialects pin down together, as
/// votes: TypeScript's `street1` and Python's `street_1` can only come from `street_1`.
fn agreed_votes(schema: &Schema) -> evidence::Votes {
    let mut votes = evidence::Votes::default();
    for def in schema.types.values() {
        let TypeDef::Struct(s) = def else { continue };
        for f in s.fields.iter().filter(|f| f.observed.len() > 1) {
            // Pinned down: the same key whichever convention the API follows.
            let key = choose(f, Some(WireCase::Snake));
            if key == choose(f, Some(WireCase::Camel)) {
                votes.add(&key);
            }
        }
    }
    votes
}

fn at(sources: &[Source], severity: Severity, kind: &str, message: String) -> Diagnostic {
    let (file, line) = sources
        .first()
        .map(|s| (s.file.clone(), s.line))
        .unwrap_or_default();
    Diagnostic::new(severity, kind, file, line, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdgen_ir::TypeName;

    fn field(name: &str, ty: TypeRef, example: Option<&str>) -> Field {
        crate::test_support::field(name, ty, example, 3)
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
        assign(&mut s, None, &BTreeMap::new(), &[], &mut diags);
        let ex = |n: &str| (n.to_string(), WireBasis::Example);
        let conv = |n: &str| (n.to_string(), WireBasis::Convention);
        assert_eq!(wires(&s, "Account"), [ex("account_id"), ex("owner")]);
        assert_eq!(wires(&s, "Owner"), [ex("full_name")]);
        assert_eq!(
            wires(&s, "Outer"),
            [conv("account_ref"), conv("created_at")]
        );
        // One note for the run, with the vote.
        let notes: Vec<_> = diags
            .iter()
            .map(|d| (d.kind.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(notes, [("wire-convention", "2 JSON key(s) are converted to snake_case, the case most keys seen follow (2 multi-word keys: 2 snake_case)")]);
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
        assign(&mut s, Some(WireCase::Kebab), &models, &[], &mut diags);
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
                .contains("sent as `account_id` (seen at m.md:3)"),
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
        assign(&mut s, None, &models, &[], &mut diags);
        assert_eq!(wires(&s, "M"), [("fooBar".to_string(), WireBasis::Assumed)]);
        let kinds: Vec<_> = diags.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(kinds, ["assumed-wire-name", "unknown-model"]);
        assert!(diags.0[0].message.starts_with(
            "no Example cell or sample shows how the API spells its JSON keys: 1 key(s)"
        ));
    }
}
