//! What changed in an API between two versions of its docs, and whether it breaks code built on
//! the old types.
//!
//! The comparison is of the fused IR, so a change of dialect or of formatting alone reports
//! nothing, and a fact one side's docs cannot state is not taken for a change: TypeScript's
//! `number` matches an integer or a float, an unstated integer width matches any, and
//! nullability is compared only where both sides state it clearly (TypeScript and C# never do;
//! PHP's `?T` and Ruby's `T.nilable` on an optional field may mean merely optional). Models and
//! fields are matched by name ignoring case, `_` and `-` (`organizationId` is `organization_id`),
//! enum values by their wire value, union members by type.

use mdgen_ir::{
    normalize_key, Enum, EnumWire, Evidence, Field, Schema, TypeDef, TypeRef, Union, WireBasis,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;

/// The changes from `old` to `new`, sorted by model, then kind, then member.
pub fn diff(old: &Schema, new: &Schema) -> Diff {
    let mut differ = Differ::default();
    let models = pairs(old.types.values(), new.types.values(), |d| d.name().key());
    for (old, new) in models.into_values() {
        match (old, new) {
            (Some(old), Some(new)) => differ.queue.push_back((old, new)),
            (Some(old), None) => _ = differ.removed.insert(old.name().key(), old),
            (None, Some(new)) => _ = differ.added.insert(new.name().key(), new),
            (None, None) => {}
        }
    }
    while let Some((old, new)) = differ.queue.pop_front() {
        differ.model(old, new);
    }
    let mut changes = differ.changes;
    let removed = differ.removed.into_values();
    changes.extend(removed.map(|d| Change::model(d, true)));
    let added = differ.added.into_values();
    changes.extend(added.map(|d| Change::model(d, false)));
    changes.sort();
    Diff { changes }
}

/// The changes between two versions of an API's docs; see [`diff`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Sorted by model, then kind, then member.
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether any change breaks code built on the old types.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }
}

/// One change to a model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// The model, named as the new docs name it (the old, if it was removed).
    pub model: String,
    pub kind: ChangeKind,
    /// The field (by its JSON key), enum value or union member changed; `None` for the model.
    pub member: Option<String>,
    /// What it was, where that is more than the kind says: `required string`, `int64`.
    pub old: Option<String>,
    /// What it is now.
    pub new: Option<String>,
    /// Code built on the old types may fail with the new API: reading JSON it now sends, or
    /// sending JSON it no longer accepts.
    pub breaking: bool,
}

/// What kind of change; its `breaking` verdict is stated with each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// A model is gone: breaking (code naming it no longer builds).
    ModelRemoved,
    /// A new model: not breaking.
    ModelAdded,
    /// A model has a new name (a field or union member that named the old one names it, and
    /// no model of either name is on the other side): not breaking, as the JSON is the same
    /// (code naming the model no longer builds, which the compiler says). Changes within it
    /// are reported under the new name.
    ModelRenamed,
    /// A struct became an enum or a union, or the like: breaking.
    ModelKind,
    /// A field is gone: breaking if it was required (old types demand it).
    FieldRemoved,
    /// A new field: breaking if required (old types do not send it).
    FieldAdded,
    /// A field's type changed: breaking unless the old type was any JSON value.
    FieldType,
    /// A field became required (old types may not send it) or optional (old types demand
    /// it): breaking either way.
    FieldRequired,
    /// A field may now be `null` (breaking if it was required: old types cannot read `null`),
    /// or no longer (not breaking).
    FieldNullable,
    /// A field's JSON key changed: breaking.
    FieldKey,
    /// An enum value is gone: breaking when both sides list the values (old types may send
    /// it), not when one side's are only what Example cells show.
    ValueRemoved,
    /// A new enum value: not breaking (enums are open: old types read it as `Unknown`).
    ValueAdded,
    /// A union member is gone: breaking (old types may send it).
    MemberRemoved,
    /// A new union member: breaking (old types cannot read it).
    MemberAdded,
}

impl ChangeKind {
    /// The kind as JSON shows it: `field-removed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::ModelRemoved => "model-removed",
            ChangeKind::ModelAdded => "model-added",
            ChangeKind::ModelRenamed => "model-renamed",
            ChangeKind::ModelKind => "model-kind",
            ChangeKind::FieldRemoved => "field-removed",
            ChangeKind::FieldAdded => "field-added",
            ChangeKind::FieldType => "field-type",
            ChangeKind::FieldRequired => "field-required",
            ChangeKind::FieldNullable => "field-nullable",
            ChangeKind::FieldKey => "field-key",
            ChangeKind::ValueRemoved => "value-removed",
            ChangeKind::ValueAdded => "value-added",
            ChangeKind::MemberRemoved => "member-removed",
            ChangeKind::MemberAdded => "member-added",
        }
    }
}

impl Serialize for ChangeKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Change {
    fn new(model: &TypeDef, member: Option<String>, kind: ChangeKind, breaking: bool) -> Change {
        Change {
            model: model.name().0.clone(),
            member,
            kind,
            old: None,
            new: None,
            breaking,
        }
    }

    fn was(mut self, old: impl Into<String>, new: impl Into<String>) -> Change {
        self.old = Some(old.into());
        self.new = Some(new.into());
        self
    }

    /// What was there (`gone`) or is there now, on the side that has it.
    fn on_one_side(self, gone: bool, what: impl Into<String>) -> Change {
        let what = Some(what.into());
        match gone {
            true => Change { old: what, ..self },
            false => Change { new: what, ..self },
        }
    }

    fn model(def: &TypeDef, gone: bool) -> Change {
        let kind = [ChangeKind::ModelAdded, ChangeKind::ModelRemoved][usize::from(gone)];
        Change::new(def, None, kind, gone).on_one_side(gone, kind_name(def))
    }
}

fn required(required: bool) -> &'static str {
    if required {
        "required"
    } else {
        "optional"
    }
}

/// The state of a comparison: models matched and still to compare, models not matched yet.
#[derive(Default)]
struct Differ<'a> {
    /// Matched models not compared yet.
    queue: VecDeque<(&'a TypeDef, &'a TypeDef)>,
    /// Old models no new one matches yet, by key.
    removed: BTreeMap<String, &'a TypeDef>,
    /// New models no old one matches yet, by key.
    added: BTreeMap<String, &'a TypeDef>,
    /// The new key of each old model found renamed.
    renamed: HashMap<String, String>,
    changes: Vec<Change>,
}

impl<'a> Differ<'a> {
    fn model(&mut self, old: &'a TypeDef, new: &'a TypeDef) {
        match (old, new) {
            (TypeDef::Struct(o), TypeDef::Struct(n)) => {
                let fields = pairs(&o.fields, &n.fields, |f| normalize_key(&f.name));
                for (o, n) in fields.into_values() {
                    self.field(new, o, n);
                }
            }
            (TypeDef::Enum(o), TypeDef::Enum(n)) => self.values(new, o, n),
            (TypeDef::Union(o), TypeDef::Union(n)) => self.members(new, o, n),
            _ => self.changes.push(
                Change::new(new, None, ChangeKind::ModelKind, true)
                    .was(kind_name(old), kind_name(new)),
            ),
        }
    }

    fn field(&mut self, model: &TypeDef, old: Option<&Field>, new: Option<&Field>) {
        let summary = |f: &Field| format!("{} {}", required(f.required), f.ty);
        let (o, n) = match (old, new) {
            (Some(o), Some(n)) => (o, n),
            (Some(f), None) | (None, Some(f)) => {
                let gone = old.is_some();
                let kind = [ChangeKind::FieldAdded, ChangeKind::FieldRemoved][usize::from(gone)];
                let change = Change::new(model, Some(f.wire.name.clone()), kind, f.required);
                self.changes.push(change.on_one_side(gone, summary(f)));
                return;
            }
            (None, None) => return,
        };
        let change = |kind, breaking| Change::new(model, Some(n.wire.name.clone()), kind, breaking);
        if !self.same_type(&o.ty, &n.ty) {
            let breaking = o.ty != TypeRef::Any;
            let types = (o.ty.to_string(), n.ty.to_string());
            self.changes
                .push(change(ChangeKind::FieldType, breaking).was(types.0, types.1));
        }
        if o.required != n.required {
            let change = change(ChangeKind::FieldRequired, true);
            self.changes
                .push(change.was(required(o.required), required(n.required)));
        }
        if let (Some(was), Some(is)) = (stated_null(o), stated_null(n)) {
            if was != is {
                let says = |null| if null { "nullable" } else { "not nullable" };
                let change = change(ChangeKind::FieldNullable, is && o.required);
                self.changes.push(change.was(says(was), says(is)));
            }
        }
        // Keys both derived from member names differ only as the dialects spell members
        // (`street1`, `street_1`); only a key seen or configured says what the JSON holds.
        let stated = |f: &Field| f.wire.basis >= WireBasis::Example;
        if o.wire.name != n.wire.name && (stated(o) || stated(n)) {
            let change = change(ChangeKind::FieldKey, true);
            self.changes.push(change.was(&o.wire.name, &n.wire.name));
        }
    }

    /// Whether two types are the same as far as both docs can tell: `number` (integer or
    /// float) matches either, a date or date-time (PHP `\DateTime`) either, an unstated width
    /// any width. Models match by key, or as renamed:
    /// an old model no new one matches and a new one no old one matches are taken for one
    /// model renamed (and compared in turn).
    fn same_type(&mut self, a: &TypeRef, b: &TypeRef) -> bool {
        use TypeRef::*;
        match (a, b) {
            (Number, Int { .. } | Float { .. }) | (Int { .. } | Float { .. }, Number) => true,
            (DateOrDateTime, Date | DateTime) | (Date | DateTime, DateOrDateTime) => true,
            (Int { bits: x }, Int { bits: y }) | (Float { bits: x }, Float { bits: y }) => {
                x.is_none() || y.is_none() || x == y
            }
            (Array(x), Array(y)) | (Map(x), Map(y)) => self.same_type(x, y),
            (Named(x), Named(y)) => self.same_model(x.key(), y.key()),
            _ => a == b,
        }
    }

    fn same_model(&mut self, old: String, new: String) -> bool {
        if old == new || self.renamed.get(&old) == Some(&new) {
            return true;
        }
        let (Some(&o), Some(&n)) = (self.removed.get(&old), self.added.get(&new)) else {
            return false;
        };
        self.removed.remove(&old);
        self.added.remove(&new);
        self.renamed.insert(old, new);
        let change = Change::new(n, None, ChangeKind::ModelRenamed, false);
        self.changes.push(change.on_one_side(true, &o.name().0));
        self.queue.push_back((o, n));
        true
    }

    fn values(&mut self, model: &TypeDef, old: &Enum, new: &Enum) {
        let wire = |v: &EnumWire| match v {
            EnumWire::Str(s) => s.clone(),
            EnumWire::Int(i) => i.to_string(),
        };
        let closed = old.values_known && new.values_known;
        let found = pairs(&old.values, &new.values, |v| format!("{:?}", v.value));
        for (o, n) in found.into_values() {
            let (value, kind, breaking) = match (o, n) {
                (Some(o), None) => (&o.value, ChangeKind::ValueRemoved, closed),
                (None, Some(n)) => (&n.value, ChangeKind::ValueAdded, false),
                _ => continue,
            };
            self.changes
                .push(Change::new(model, Some(wire(value)), kind, breaking));
        }
    }

    /// Members are paired by type; of those left, each old one with the first new one that
    /// [`same_type`](Differ::same_type) takes for it (a model renamed).
    fn members(&mut self, model: &TypeDef, old: &Union, new: &Union) {
        let found = pairs(&old.variants, &new.variants, |v| member_key(&v.ty));
        let (mut gone, mut came) = (Vec::new(), Vec::new());
        for (o, n) in found.into_values() {
            match (o, n) {
                (Some(o), None) => gone.push(&o.ty),
                (None, Some(n)) => came.push(&n.ty),
                _ => {}
            }
        }
        // `number` is an integer or a float: where one side has it and the other any number,
        // their numbers are the same members as far as both docs tell.
        let numeric = |t: &TypeRef| {
            matches!(
                t,
                TypeRef::Int { .. } | TypeRef::Float { .. } | TypeRef::Number
            )
        };
        let number = |t: &TypeRef| *t == TypeRef::Number;
        let has =
            |u: &Union, which: &dyn Fn(&TypeRef) -> bool| u.variants.iter().any(|v| which(&v.ty));
        if has(old, &number) && has(new, &numeric) || has(new, &number) && has(old, &numeric) {
            gone.retain(|t| !numeric(t));
            came.retain(|t| !numeric(t));
        }
        gone.retain(|o| match came.iter().position(|n| self.same_type(o, n)) {
            Some(i) => {
                came.remove(i);
                false
            }
            None => true,
        });
        let changes = (gone.into_iter().map(|t| (t, ChangeKind::MemberRemoved)))
            .chain(came.into_iter().map(|t| (t, ChangeKind::MemberAdded)));
        for (ty, kind) in changes {
            self.changes
                .push(Change::new(model, Some(ty.to_string()), kind, true));
        }
    }
}

fn kind_name(def: &TypeDef) -> &'static str {
    match def {
        TypeDef::Struct(_) => "struct",
        TypeDef::Enum(_) => "enum",
        TypeDef::Union(_) => "union",
    }
}

/// Whether the field may be `null`, where its docs say so clearly: `Yes` or `No`, or `Maybe`
/// on a required field (which then means `Yes`).
fn stated_null(f: &Field) -> Option<bool> {
    match f.nullable {
        Evidence::Yes => Some(true),
        Evidence::No => Some(false),
        Evidence::Maybe if f.required => Some(true),
        Evidence::Maybe | Evidence::Unknown => None,
    }
}

/// The key union members are first paired by: integers and floats of any width, models by
/// their names.
fn member_key(t: &TypeRef) -> String {
    match t {
        TypeRef::Int { .. } => "int".to_string(),
        TypeRef::Float { .. } => "float".to_string(),
        TypeRef::Array(t) => format!("array<{}>", member_key(t)),
        TypeRef::Map(t) => format!("map<{}>", member_key(t)),
        TypeRef::Named(n) => format!("model {}", n.key()),
        t => t.to_string(),
    }
}

/// The items of `old` and `new` paired by `key`, sorted by key. An item whose key another item
/// of its side took first gets the key with a NUL added, so that none is lost.
fn pairs<'a, T: 'a>(
    old: impl IntoIterator<Item = &'a T>,
    new: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&T) -> String,
) -> BTreeMap<String, (Option<&'a T>, Option<&'a T>)> {
    let mut out: BTreeMap<String, (Option<&T>, Option<&T>)> = BTreeMap::new();
    for item in old {
        let mut k = key(item);
        while out.get(&k).is_some_and(|(o, _)| o.is_some()) {
            k.push('\0');
        }
        out.entry(k).or_default().0 = Some(item);
    }
    for item in new {
        let mut k = key(item);
        while out.get(&k).is_some_and(|(_, n)| n.is_some()) {
            k.push('\0');
        }
        out.entry(k).or_default().1 = Some(item);
    }
    out
}

impl fmt::Display for Change {
    /// One line: `Account.owner_id: field removed (was required string)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ChangeKind::*;
        let member = self.member.as_deref().unwrap_or_default();
        let old = self.old.as_deref().unwrap_or_default();
        let new = self.new.as_deref().unwrap_or_default();
        let model = &self.model;
        match self.kind {
            ModelRemoved => write!(f, "{model}: {old} removed"),
            ModelAdded => write!(f, "{model}: {new} added"),
            ModelRenamed => write!(f, "{model}: renamed from {old}"),
            FieldRemoved => write!(f, "{model}.{member}: field removed (was {old})"),
            FieldAdded => write!(f, "{model}.{member}: field added ({new})"),
            FieldType => write!(f, "{model}.{member}: type {old} → {new}"),
            FieldKey => write!(f, "{model}.{member}: JSON key `{old}` → `{new}`"),
            ModelKind => write!(f, "{model}: {old} → {new}"),
            FieldRequired | FieldNullable => write!(f, "{model}.{member}: {old} → {new}"),
            ValueRemoved => write!(f, "{model}: value `{member}` removed"),
            ValueAdded => write!(f, "{model}: value `{member}` added"),
            MemberRemoved => write!(f, "{model}: member {member} removed"),
            MemberAdded => write!(f, "{model}: member {member} added"),
        }
    }
}

/// Enum values a line of the report names; the rest are counted.
const VALUES_SHOWN: usize = 8;

impl fmt::Display for Diff {
    /// The report: a line per change (the values of an enum added or removed on one line),
    /// the breaking ones marked, then the count of each kind.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.changes.as_slice();
        while let Some(first) = rest.first() {
            let values = matches!(
                first.kind,
                ChangeKind::ValueAdded | ChangeKind::ValueRemoved
            );
            let alike = |c: &&Change| c.model == first.model && c.kind == first.kind;
            let run = if values {
                rest.iter().take_while(alike).count()
            } else {
                1
            };
            let (group, after) = rest.split_at(run);
            rest = after;
            let mark = if first.breaking { "breaking" } else { "" };
            if run == 1 {
                writeln!(f, "{mark:8}  {first}")?;
                continue;
            }
            let shown = group.iter().take(VALUES_SHOWN);
            let names: Vec<String> = shown
                .map(|c| format!("`{}`", c.member.as_deref().unwrap_or_default()))
                .collect();
            let more = match run - names.len() {
                0 => String::new(),
                more => format!(" and {more} more"),
            };
            let how = if first.kind == ChangeKind::ValueAdded {
                "added"
            } else {
                "removed"
            };
            let model = &first.model;
            writeln!(
                f,
                "{mark:8}  {model}: {run} values {how}: {}{more}",
                names.join(", ")
            )?;
        }
        let breaking = self.changes.iter().filter(|c| c.breaking).count();
        let mut kinds: BTreeMap<ChangeKind, usize> = BTreeMap::new();
        for change in &self.changes {
            *kinds.entry(change.kind).or_default() += 1;
        }
        let kinds: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{n} {}", k.as_str()))
            .collect();
        let kinds = kinds.join(", ");
        match self.changes.len() {
            0 => writeln!(f, "no changes"),
            1 => writeln!(f, "1 change, {breaking} breaking: {kinds}"),
            n => writeln!(f, "{n} changes, {breaking} breaking: {kinds}"),
        }
    }
}
