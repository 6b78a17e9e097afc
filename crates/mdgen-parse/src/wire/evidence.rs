//! Keys seen in the JSON the docs and the user show: objects in Example cells, and samples of
//! captured bodies. Each key is matched to the documented field it belongs to, following the
//! field types into nested models, and counted in the vote on the API's convention.

use crate::number_form;
use mdgen_ir::{
    normalize_key, Field, NumberForm, Schema, Source, Struct, TypeDef, TypeName, TypeRef, WireCase,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Multi-word keys seen, distinct, by the case they are written in.
#[derive(Debug, Default)]
pub struct Votes(BTreeMap<WireCase, BTreeSet<String>>);

impl Votes {
    /// Counts `key`, if it has several words.
    pub fn add(&mut self, key: &str) {
        if let Some(case) = WireCase::of_key(key) {
            self.0.entry(case).or_default().insert(key.to_string());
        }
    }

    /// Adds the keys of `other`.
    pub fn merge(&mut self, other: Votes) {
        for (case, keys) in other.0 {
            self.0.entry(case).or_default().extend(keys);
        }
    }

    /// The case most keys follow, if one has more than any other.
    pub fn winner(&self) -> Option<WireCase> {
        let mut counts: Vec<(usize, WireCase)> =
            self.0.iter().map(|(c, keys)| (keys.len(), *c)).collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        match counts.as_slice() {
            [(n, c), (m, _), ..] if n > m => Some(*c),
            [(_, c)] => Some(*c),
            _ => None,
        }
    }

    /// The vote as a sentence: `57 of 60 ... (3 camelCase)`.
    pub fn describe(&self) -> String {
        let total: usize = self.0.values().map(BTreeSet::len).sum();
        let mut counts: Vec<(usize, WireCase)> =
            self.0.iter().map(|(c, keys)| (keys.len(), *c)).collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let parts: Vec<String> = counts.iter().map(|(n, c)| format!("{n} {c}")).collect();
        format!("{total} multi-word keys: {}", parts.join(", "))
    }
}

/// A key seen for a documented field, and where.
#[derive(Debug, Clone)]
pub struct Seen {
    pub key: String,
    pub source: Source,
    /// A `null` was seen for it.
    pub null: bool,
    /// Numbers seen for it: whether any was an integer, and any was not.
    pub integer: bool,
    pub fraction: bool,
    /// Whether its numbers were sent as JSON numbers or strings of digits.
    pub number_form: NumberForm,
    /// Strings seen for it, alone or in an array: whether any was a date, and any a date-time.
    pub date: bool,
    pub date_time: bool,
}

impl Seen {
    /// The form of the dates seen, where all were dates or all date-times.
    pub fn date_form(&self) -> Option<TypeRef> {
        match (self.date, self.date_time) {
            (true, false) => Some(TypeRef::Date),
            (false, true) => Some(TypeRef::DateTime),
            _ => None,
        }
    }

    fn see_string(&mut self, s: &str) {
        match crate::dates::text_form(s) {
            Some(TypeRef::Date) => self.date = true,
            Some(_) => self.date_time = true,
            None => {}
        }
    }
}

/// Keys seen for the fields of the models, by model key, then field key.
pub type FieldKeys = BTreeMap<String, BTreeMap<String, Seen>>;

/// Everything one kind of evidence (Example cells, or samples) shows.
#[derive(Debug, Default)]
pub struct Found {
    pub fields: FieldKeys,
    /// The vote over every key seen, API-wide.
    pub votes: Votes,
    /// The vote over the keys seen for each model's own fields, by model key.
    pub model_votes: BTreeMap<String, Votes>,
    /// Keys of a model's object that no documented field has: model, key, where.
    pub unmatched: Vec<(TypeName, String, Source)>,
}

impl Found {
    /// Records what `value`, shown for a value of type `ty` at `source`, says.
    pub fn absorb(&mut self, schema: &Schema, ty: &TypeRef, value: &Value, source: &Source) {
        match (ty, value) {
            (TypeRef::Array(item), Value::Array(values)) => {
                for v in values {
                    self.absorb(schema, item, v, source);
                }
            }
            // One item of an array shown on its own.
            (TypeRef::Array(item), Value::Object(_)) => self.absorb(schema, item, value, source),
            // Its keys are data, though they mostly follow the API's convention: counted in
            // the vote API-wide.
            (TypeRef::Map(item), Value::Object(object)) => {
                for (key, v) in object {
                    self.votes.add(key);
                    self.absorb(schema, item, v, source);
                }
            }
            // A list of bodies of one model.
            (TypeRef::Named(_), Value::Array(values)) => {
                for v in values {
                    self.absorb(schema, ty, v, source);
                }
            }
            (TypeRef::Named(name), Value::Object(object)) => match schema.types.get(name) {
                Some(TypeDef::Struct(s)) => self.model(schema, s, object, source),
                _ => self.free(value),
            },
            (_, Value::Object(_) | Value::Array(_)) => self.free(value),
            _ => {}
        }
    }

    /// The keys of an object of the model `s`.
    fn model(
        &mut self,
        schema: &Schema,
        s: &Struct,
        object: &serde_json::Map<String, Value>,
        source: &Source,
    ) {
        let model = s.name.key();
        for (key, v) in object {
            self.votes.add(key);
            let field_key = normalize_key(key);
            let Some(f) = field_named(s, &field_key) else {
                self.unmatched
                    .push((s.name.clone(), key.clone(), source.clone()));
                self.free(v);
                continue;
            };
            self.model_votes.entry(model.clone()).or_default().add(key);
            let seen = self
                .fields
                .entry(model.clone())
                .or_default()
                .entry(field_key)
                .or_insert_with(|| Seen {
                    key: key.clone(),
                    source: source.clone(),
                    null: false,
                    integer: false,
                    fraction: false,
                    number_form: NumberForm::Unknown,
                    date: false,
                    date_time: false,
                });
            seen.number_form = seen.number_form.join(number_form::of_value(&f.ty, v));
            match v {
                Value::Null => seen.null = true,
                Value::Number(n) if n.is_f64() => seen.fraction = true,
                Value::Number(_) => seen.integer = true,
                Value::String(s) => seen.see_string(s),
                Value::Array(items) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .for_each(|s| seen.see_string(s)),
                _ => {}
            }
            self.absorb(schema, &f.ty, v, source);
        }
    }

    /// The keys of JSON that no model describes: counted in the vote only.
    fn free(&mut self, value: &Value) {
        match value {
            Value::Object(object) => {
                for (key, v) in object {
                    self.votes.add(key);
                    self.free(v);
                }
            }
            Value::Array(values) => values.iter().for_each(|v| self.free(v)),
            _ => {}
        }
    }
}

/// The field of `s` whose key ([`normalize_key`]) is `key`.
fn field_named<'s>(s: &'s Struct, key: &str) -> Option<&'s Field> {
    s.fields.iter().find(|f| normalize_key(&f.name) == key)
}

/// What the Example cells of every field show.
pub fn examples(schema: &Schema) -> Found {
    let mut found = Found::default();
    for def in schema.types.values() {
        let TypeDef::Struct(s) = def else { continue };
        for f in &s.fields {
            let Some(example) = f.example.as_deref() else {
                continue;
            };
            let Some(source) = f.sources().next() else {
                continue;
            };
            for value in json_values(example) {
                found.absorb(schema, &f.ty, &value, source);
            }
        }
    }
    // An Example cell shows the keys of the API, not of a sample: none is reported unmatched
    // (docs of several versions show keys a field was renamed from).
    found.unmatched.clear();
    found
}

/// Keys the API's own words name: a description or an Example cell that writes a documented
/// field's key (`Deprecated: use jurisdiction_type instead`, an `orderBy` example
/// `created_at,street_1`). Descriptions and examples come from the API, not the SDK, so a word
/// of several words in snake_case or camelCase that is a documented field's key (case, `_` and
/// `-` ignored) is mostly written as the API writes its keys. Mostly: prose also names other
/// things spelled like fields (an OAuth API's `client_id` parameter beside its `clientId` key),
/// so these words only vote on the convention where no JSON shows a key, and never settle a
/// field's key. (A word with dashes is not one: prose is full of them, `tax-exempt`.)
pub fn mentions(schema: &Schema) -> Votes {
    let documented: BTreeSet<String> = schema
        .types
        .values()
        .filter_map(|def| match def {
            TypeDef::Struct(s) => Some(s.fields.iter().map(|f| normalize_key(&f.name))),
            _ => None,
        })
        .flatten()
        .collect();
    let mut votes = Votes::default();
    for def in schema.types.values() {
        let TypeDef::Struct(s) = def else { continue };
        for f in &s.fields {
            let texts = [f.doc.as_deref(), f.example.as_deref()];
            for word in texts.into_iter().flatten().flat_map(key_words) {
                if documented.contains(&normalize_key(word)) {
                    votes.add(word);
                }
            }
        }
    }
    votes
}

/// The words of `text` written as keys of several words in snake_case or camelCase
/// (`jurisdiction_type`, `postalCode`).
fn key_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| matches!(WireCase::of_key(w), Some(WireCase::Snake | WireCase::Camel)))
}

/// Most attempts to read JSON from one cell: a cell of prose with many brackets is not
/// read to the end at each of them.
const MAX_ATTEMPTS: usize = 32;

/// The JSON objects and arrays in the text of an Example cell: the whole cell, several
/// examples one after the other (`Example 1: {...}` lines), or one inside prose.
pub fn json_values(text: &str) -> Vec<Value> {
    let mut values = Vec::new();
    if !text.contains('{') {
        return values;
    }
    let mut at = 0;
    for _ in 0..MAX_ATTEMPTS {
        let Some(offset) = text[at..].find(['{', '[']) else {
            break;
        };
        let start = at + offset;
        let mut stream = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => {
                at = start + stream.byte_offset();
                values.push(value);
            }
            _ => at = start + 1,
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_found_wherever_a_cell_shows_it() {
        let keys = |text: &str| -> Vec<String> {
            json_values(text)
                .iter()
                .flat_map(|v| match v {
                    Value::Object(o) => o.keys().cloned().collect(),
                    Value::Array(a) => a
                        .iter()
                        .filter_map(Value::as_object)
                        .flat_map(|o| o.keys().cloned())
                        .collect(),
                    _ => vec![],
                })
                .collect()
        };
        assert_eq!(keys(r#"{"a_b": 1}"#), ["a_b"]);
        assert_eq!(
            keys("Example 1: {\n\"type\": \"text\"\n}\nExample 2: {\n\"json_schema\": {}\n}"),
            ["type", "json_schema"]
        );
        assert_eq!(keys(r#"see [the docs](x) for {"x_y": [1]}"#), ["x_y"]);
        assert_eq!(keys(r#"[{"k_1": 1}, {"k_2": 2}]"#), ["k_1", "k_2"]);
        assert!(keys("[1, 2]").is_empty() && keys("{not json").is_empty());
    }

    #[test]
    fn the_majority_of_multi_word_keys_decides() {
        let mut votes = Votes::default();
        for k in ["sourceID", "name", "id"] {
            votes.add(k);
        }
        for i in 0..3 {
            votes.add(&format!("key_{i}"));
        }
        assert_eq!(votes.winner(), Some(WireCase::Snake));
        assert_eq!(
            votes.describe(),
            "4 multi-word keys: 3 snake_case, 1 camelCase"
        );
        votes.add("otherKey");
        votes.add("thirdKey");
        assert_eq!(votes.winner(), None, "a tie decides nothing");
        assert_eq!(Votes::default().winner(), None);
    }
}
