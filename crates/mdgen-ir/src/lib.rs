//! The intermediate representation of mdgen: plain, serializable data.
//!
//! The parser (`mdgen-parse`) turns markdown docs into a [`Schema`]; the emitter (`mdgen-emit`)
//! turns a [`Schema`] into Rust. Every fact keeps the [`Source`]s it was read from, and evidence
//! that a single dialect cannot settle (is this `number` an integer? may this field be null? is
//! this PHP `\DateTime` a date?) is kept as evidence ([`TypeRef::Number`],
//! [`TypeRef::DateOrDateTime`], [`Evidence`]) until fusion has seen every input.

mod diag;
mod naming;
mod threads;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use naming::{for_each_word, normalize_key, WireCase};
pub use threads::{drop_in_background, map_chunks, threads_for};

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

/// The name of a model, as its heading gives it (deprecation marks stripped).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TypeName(pub String);

impl TypeName {
    /// The key models are matched by across inputs: case, `_` and `-` ignored.
    pub fn key(&self) -> String {
        normalize_key(&self.0)
    }
}

impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a fact came from: a file and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    pub file: PathBuf,
    pub line: u32,
}

/// Every model the inputs describe, sorted by name so that output is deterministic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    pub types: BTreeMap<TypeName, TypeDef>,
}

impl Schema {
    /// Keeps the types `roots` name and every type they reach through fields, array items,
    /// map values and union members; drops the rest. A root matches a type by exact name, else
    /// by [`TypeName::key`] (case, `_` and `-` ignored) when that is unique. Linear in the size
    /// of the schema: each kept type is visited once.
    ///
    /// Returns the roots that name no type (and then changes nothing).
    pub fn retain_reachable<S: AsRef<str>>(&mut self, roots: &[S]) -> Result<(), Vec<String>> {
        let mut by_key: HashMap<String, Option<&TypeName>> = HashMap::new();
        for name in self.types.keys() {
            by_key
                .entry(name.key())
                .and_modify(|found| *found = None)
                .or_insert(Some(name));
        }
        let find = |name: &str| -> Option<&TypeName> {
            match self.types.get_key_value(&TypeName(name.to_string())) {
                Some((found, _)) => Some(found),
                None => by_key.get(&normalize_key(name)).copied().flatten(),
            }
        };
        let mut unknown = Vec::new();
        let mut stack = Vec::new();
        for root in roots {
            match find(root.as_ref()) {
                Some(name) => stack.push(name),
                None => unknown.push(root.as_ref().to_string()),
            }
        }
        if !unknown.is_empty() {
            return Err(unknown);
        }
        let mut keep: HashSet<&TypeName> = HashSet::new();
        while let Some(name) = stack.pop() {
            if !keep.insert(name) {
                continue;
            }
            let refs: Vec<&TypeRef> = match &self.types[name] {
                TypeDef::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
                TypeDef::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
                TypeDef::Enum(_) => Vec::new(),
            };
            let reached = refs.into_iter().flat_map(TypeRef::named);
            stack.extend(reached.filter_map(|n| find(&n.0)));
        }
        let keep: HashSet<TypeName> = keep.into_iter().cloned().collect();
        self.types.retain(|name, _| keep.contains(name));
        Ok(())
    }
}

/// One model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeDef {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
}

impl TypeDef {
    pub fn name(&self) -> &TypeName {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }

    pub fn doc(&self) -> Option<&str> {
        match self {
            TypeDef::Struct(s) => s.doc.as_deref(),
            TypeDef::Enum(e) => e.doc.as_deref(),
            TypeDef::Union(u) => u.doc.as_deref(),
        }
    }

    pub fn sources(&self) -> &[Source] {
        match self {
            TypeDef::Struct(s) => &s.sources,
            TypeDef::Enum(e) => &e.sources,
            TypeDef::Union(u) => &u.sources,
        }
    }
}

/// An object with named fields (a `## Fields` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Struct {
    pub name: TypeName,
    pub doc: Option<String>,
    pub fields: Vec<Field>,
    pub deprecated: bool,
    pub sources: Vec<Source>,
}

/// One row of a `## Fields` table, fused over every input that documents it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The member name as the docs show it (first input that has the field).
    pub name: String,
    /// The JSON key.
    pub wire: WireName,
    pub ty: TypeRef,
    /// Must be present in the JSON object.
    pub required: bool,
    /// May be JSON `null`.
    pub nullable: Evidence,
    pub doc: Option<String>,
    pub example: Option<String>,
    pub deprecated: bool,
    /// How the JSON carries the numbers of `ty` (an integer, big integer or decimal, or the
    /// items of an array or map of them): as numbers or as strings of their digits.
    #[serde(default, skip_serializing_if = "NumberForm::is_unknown")]
    pub number_form: NumberForm,
    /// What each doc that documents the field says of it, in the order fusion met them.
    pub observed: Vec<Observation>,
}

impl Field {
    /// An optional field of type `ty` whose JSON key is assumed to be `name`, seen nowhere.
    pub fn new(name: impl Into<String>, ty: TypeRef) -> Field {
        let name = name.into();
        Field {
            wire: WireName {
                name: name.clone(),
                basis: WireBasis::Assumed,
            },
            name,
            ty,
            required: false,
            nullable: Evidence::Unknown,
            doc: None,
            example: None,
            deprecated: false,
            number_form: NumberForm::Unknown,
            observed: Vec::new(),
        }
    }

    /// Records that the doc at `source` says of the field what it says now, in a Type cell
    /// reading `notation`.
    pub fn observed_at(mut self, source: Source, notation: impl Into<String>) -> Field {
        self.observed.push(Observation {
            source,
            name: self.name.clone(),
            notation: notation.into(),
            ty: self.ty.clone(),
            required: self.required,
            nullable: self.nullable,
            style: NameStyle::Verbatim,
        });
        self
    }

    /// Records that the doc of the last observation spells member names in `style`.
    pub fn spelled(mut self, style: NameStyle) -> Field {
        if let Some(o) = self.observed.last_mut() {
            o.style = style;
        }
        self
    }

    /// Where the field is documented.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.observed.iter().map(|o| &o.source)
    }
}

/// What one doc says of a field, before fusion weighs it against the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub source: Source,
    /// The member name in this doc.
    pub name: String,
    /// The Type cell as written.
    pub notation: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: Evidence,
    /// How this doc's SDK turns a JSON key into the member name.
    #[serde(default)]
    pub style: NameStyle,
}

/// How an SDK turns a JSON key into the member name its docs show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameStyle {
    /// The key itself.
    #[default]
    Verbatim,
    /// camelCase, the case inside words kept (`agent_id` → `agentId`, `requestID` stays):
    /// TypeScript, Java and PHP; `escapes` where a keyword gets a trailing `_` (Java, PHP).
    Camel { escapes: bool },
    /// snake_case (`postalCode` → `postal_code`), a keyword with a trailing `_` (`date_`):
    /// Python and Ruby.
    Snake,
    /// An exported identifier, PascalCase with initialisms in capitals (`login_url` →
    /// `LoginURL`): Go and C#. The case of the key is lost.
    Exported,
}

/// A JSON key and how mdgen knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireName {
    pub name: String,
    pub basis: WireBasis,
}

/// Why a wire name is what it is, strongest last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireBasis {
    /// The documented member names turned back into a key in an assumed convention, nothing
    /// to confirm it.
    Assumed,
    /// The documented member names turned back into a key in the configured [`WireCase`].
    Case,
    /// The documented member names turned back into a key in the convention most keys seen in
    /// Example cells and samples follow.
    Convention,
    /// Seen as a key in an object-valued Example cell.
    Example,
    /// Seen as a key in a sample of the JSON the API sends or takes (`--sample`).
    Sample,
    /// Set by the user for this field.
    Config,
}

/// What the inputs say about a yes/no fact that some dialects do not show (nullability).
///
/// Ordered by strength, so that fusion is [`join`](Evidence::join), the maximum: a clear
/// statement (`No`, `Yes`) beats an ambiguous one (`Maybe`), which beats silence; and between
/// clear statements, any input that shows `Yes` wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// No input could show it (TypeScript and C# never show nullability).
    Unknown,
    /// An input marks it in a notation that also means merely "optional" (PHP `?T`, Ruby
    /// `T.nilable(T)` on an optional field).
    Maybe,
    /// An input that would show it does not.
    No,
    /// An input shows it.
    Yes,
}

impl Evidence {
    /// The fused evidence of two inputs.
    pub fn join(self, other: Evidence) -> Evidence {
        self.max(other)
    }

    pub fn is_yes(self) -> bool {
        self == Evidence::Yes
    }

    /// Whether a faithful type must accept `null`: `Yes`, or `Maybe` with nothing clearer.
    pub fn allows_null(self) -> bool {
        matches!(self, Evidence::Yes | Evidence::Maybe)
    }
}

/// How the JSON carries a number whose type the docs give (`int64`, `*big.Int`, `Decimal`):
/// SDKs show the same type for `type: integer, format: bigint` (a JSON number) and `type:
/// string, format: bigint` (a string of its digits), so the form comes from other evidence.
///
/// Ordered by strength, so that fusion is [`join`](NumberForm::join), the maximum: a quoted
/// number is a deliberate sign that the digits travel as a string.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum NumberForm {
    /// Nothing says (numbers are then read as the type's default serde form).
    #[default]
    Unknown,
    /// A JSON number: `12.5`.
    Number,
    /// A JSON string holding the number: `"12.50"`.
    String,
}

impl NumberForm {
    /// The fused form of two inputs.
    pub fn join(self, other: NumberForm) -> NumberForm {
        self.max(other)
    }

    pub fn is_unknown(&self) -> bool {
        *self == NumberForm::Unknown
    }
}

/// The type of a field, an array item, a map value or a union member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "of", rename_all = "snake_case")]
pub enum TypeRef {
    String,
    Bool,
    /// An integer; `bits` where an input states the width.
    Int {
        bits: Option<u8>,
    },
    /// A floating-point number; `bits` where an input states the width.
    Float {
        bits: Option<u8>,
    },
    /// A number that may be integer or float (TypeScript `number`).
    Number,
    /// An arbitrary-precision decimal.
    Decimal,
    /// An arbitrary-precision integer.
    BigInt,
    /// A calendar date, `2020-01-01`.
    Date,
    /// An instant, RFC 3339.
    DateTime,
    /// A date or a date-time: a notation written for both (PHP `\DateTime`), with no example
    /// to tell which. A date or date-time from any other input wins in fusion.
    DateOrDateTime,
    Bytes,
    /// Any JSON value.
    Any,
    Array(Box<TypeRef>),
    /// A JSON object with string keys.
    Map(Box<TypeRef>),
    Named(TypeName),
    /// A single allowed value.
    Const(serde_json::Value),
}

impl TypeRef {
    /// The named types this type mentions, in order.
    pub fn named(&self) -> Vec<&TypeName> {
        let mut out = Vec::new();
        self.collect_named(&mut out);
        out
    }

    /// The number type an array or map of `self` holds at its end, or `self` itself, when it
    /// is one a JSON string can carry exactly: an integer, big integer or decimal.
    pub fn exact_number(&self) -> Option<&TypeRef> {
        match self {
            TypeRef::Int { .. } | TypeRef::BigInt | TypeRef::Decimal => Some(self),
            TypeRef::Array(t) | TypeRef::Map(t) => t.exact_number(),
            _ => None,
        }
    }

    fn collect_named<'a>(&'a self, out: &mut Vec<&'a TypeName>) {
        match self {
            TypeRef::Named(n) => out.push(n),
            TypeRef::Array(t) | TypeRef::Map(t) => t.collect_named(out),
            _ => {}
        }
    }
}

impl fmt::Display for TypeRef {
    /// A short readable form for messages: `int64`, `array<Foo>`, `map<date-time>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bits = |name: &str, bits: &Option<u8>| match bits {
            Some(b) => format!("{name}{b}"),
            None => name.to_string(),
        };
        match self {
            TypeRef::String => f.write_str("string"),
            TypeRef::Bool => f.write_str("bool"),
            TypeRef::Int { bits: b } => f.write_str(&bits("int", b)),
            TypeRef::Float { bits: b } => f.write_str(&bits("float", b)),
            TypeRef::Number => f.write_str("number"),
            TypeRef::Decimal => f.write_str("decimal"),
            TypeRef::BigInt => f.write_str("big integer"),
            TypeRef::Date => f.write_str("date"),
            TypeRef::DateTime => f.write_str("date-time"),
            TypeRef::DateOrDateTime => f.write_str("date or date-time"),
            TypeRef::Bytes => f.write_str("bytes"),
            TypeRef::Any => f.write_str("any"),
            TypeRef::Array(t) => write!(f, "array<{t}>"),
            TypeRef::Map(t) => write!(f, "map<{t}>"),
            TypeRef::Named(n) => write!(f, "{n}"),
            TypeRef::Const(v) => write!(f, "const {v}"),
        }
    }
}

/// A set of allowed values (a `## Values` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enum {
    pub name: TypeName,
    pub doc: Option<String>,
    pub values: Vec<EnumValue>,
    /// The values come from a `## Values` table, not guessed from Example cells.
    pub values_known: bool,
    pub deprecated: bool,
    pub sources: Vec<Source>,
}

/// One allowed value of an [`Enum`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The member name as documented (`HrisLegacy`), when a Values table gives one.
    pub name: Option<String>,
    pub value: EnumWire,
    pub doc: Option<String>,
    pub deprecated: bool,
}

/// The wire form of an enum value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum EnumWire {
    Int(i64),
    Str(String),
}

/// One of several types (a `## Supported Types` page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Union {
    pub name: TypeName,
    pub doc: Option<String>,
    pub variants: Vec<Variant>,
    /// The property whose value names the variant, where the docs give one.
    pub discriminator: Option<String>,
    /// One member is `null`: the union of the others (`variants`), or `null`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    pub sources: Vec<Source>,
}

/// One member of a [`Union`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// The heading of the member (`shared.Employee4`, `string`).
    pub name: String,
    pub ty: TypeRef,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_evidence_beats_ambiguous_and_yes_beats_no() {
        use Evidence::*;
        assert_eq!(Maybe.join(No), No, "Java's Optional<T> overrules PHP's ?T");
        assert_eq!(Unknown.join(Maybe), Maybe);
        assert_eq!(No.join(Yes), Yes);
        assert_eq!(Unknown.join(No), No);
        let allows: Vec<_> = [Unknown, Maybe, No, Yes]
            .map(Evidence::allows_null)
            .to_vec();
        assert_eq!(allows, [false, true, false, true]);
    }

    #[test]
    fn type_refs_display_shortly() {
        let t = TypeRef::Array(Box::new(TypeRef::Map(Box::new(TypeRef::Int {
            bits: Some(64),
        }))));
        assert_eq!(t.to_string(), "array<map<int64>>");
        assert_eq!(TypeRef::Named(TypeName("Foo".into())).to_string(), "Foo");
        assert_eq!(TypeRef::Const("x".into()).to_string(), "const \"x\"");
        assert_eq!(TypeRef::DateOrDateTime.to_string(), "date or date-time");
    }
}

#[cfg(test)]
mod retain_tests {
    use super::*;

    fn name(n: &str) -> TypeName {
        TypeName(n.to_string())
    }

    fn strukt(n: &str, tys: Vec<TypeRef>) -> TypeDef {
        let field = |(i, ty): (usize, TypeRef)| Field {
            name: format!("f{i}"),
            wire: WireName {
                name: format!("f{i}"),
                basis: WireBasis::Assumed,
            },
            ty,
            required: true,
            nullable: Evidence::Unknown,
            doc: None,
            example: None,
            deprecated: false,
            number_form: NumberForm::Unknown,
            observed: Vec::new(),
        };
        TypeDef::Struct(Struct {
            name: name(n),
            doc: None,
            fields: tys.into_iter().enumerate().map(field).collect(),
            deprecated: false,
            sources: Vec::new(),
        })
    }

    fn schema(defs: Vec<TypeDef>) -> Schema {
        Schema {
            types: defs.into_iter().map(|d| (d.name().clone(), d)).collect(),
        }
    }

    fn named(n: &str) -> TypeRef {
        TypeRef::Named(name(n))
    }

    fn names(s: &Schema) -> Vec<&str> {
        s.types.keys().map(|n| n.0.as_str()).collect()
    }

    /// A: B, [C], map<D>, itself; B: U; U: E | B (a cycle); C, D, E: nothing; Lone, Other: apart.
    fn sample() -> Schema {
        let e = TypeDef::Enum(Enum {
            name: name("E"),
            doc: None,
            values: Vec::new(),
            values_known: true,
            deprecated: false,
            sources: Vec::new(),
        });
        let u = TypeDef::Union(Union {
            name: name("U"),
            doc: None,
            variants: vec![
                Variant {
                    name: "E".into(),
                    ty: named("E"),
                },
                Variant {
                    name: "B".into(),
                    ty: named("B"),
                },
            ],
            discriminator: None,
            nullable: false,
            sources: Vec::new(),
        });
        schema(vec![
            strukt(
                "A",
                vec![
                    named("B"),
                    TypeRef::Array(Box::new(named("C"))),
                    TypeRef::Map(Box::new(named("D"))),
                    named("A"),
                    TypeRef::String,
                    named("Missing"),
                ],
            ),
            strukt("B", vec![named("U")]),
            u,
            e,
            strukt("C", vec![]),
            strukt("D", vec![]),
            strukt("Lone", vec![named("other")]),
            strukt("Other", vec![]),
        ])
    }

    #[test]
    fn keeps_the_roots_and_everything_they_reach() {
        let mut s = sample();
        s.retain_reachable(&["A"]).unwrap();
        assert_eq!(names(&s), ["A", "B", "C", "D", "E", "U"]);

        let mut s = sample();
        s.retain_reachable(&["U"]).unwrap();
        assert_eq!(names(&s), ["B", "E", "U"], "through the cycle, not up to A");

        let mut s = sample();
        s.retain_reachable(&["lone", "C"]).unwrap();
        assert_eq!(
            names(&s),
            ["C", "Lone", "Other"],
            "matched by key both ways"
        );
    }

    #[test]
    fn unknown_roots_are_named_and_nothing_changes() {
        let mut s = sample();
        let before = s.clone();
        let err = s.retain_reachable(&["A", "Nope", "Missing"]).unwrap_err();
        assert_eq!(err, ["Nope", "Missing"]);
        assert_eq!(s, before);
    }

    #[test]
    fn an_ambiguous_key_needs_the_exact_name() {
        let mut s = schema(vec![strukt("a_b", vec![]), strukt("AB", vec![])]);
        assert_eq!(s.retain_reachable(&["ab"]).unwrap_err(), ["ab"]);
        s.retain_reachable(&["AB"]).unwrap();
        assert_eq!(names(&s), ["AB"]);
    }
}
