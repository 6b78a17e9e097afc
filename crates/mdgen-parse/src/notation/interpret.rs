//! What each dialect's names mean: the vocabulary that turns a [`Syn`] into an IR type, and
//! the nullability the notation shows.
//!
//! Nullability, per dialect (checked against the Required column of the corpus):
//! - Python `Nullable[T]` / `OptionalNullable[T]`, Java `JsonNullable<T>`, Go
//!   `optionalnullable.OptionalNullable[T]` and a `null` member of a union are `Yes`; PHP `?T`
//!   and Ruby `T.nilable(T)` are `Maybe` (below).
//! - Python `Optional[T]` and Java `Optional<T>` on optional fields are not nullable: `No`.
//!   Python's on a required row can only mean null ([`Ty::absent_or_null`]).
//! - Go `*T`, C# `T?` and Java `@Nullable T` mean "absent or null" ([`Ty::absent_or_null`]).
//! - Without a mark, Python, Java, PHP and Ruby show nullability on scalars and models (`No`)
//!   but never on arrays, maps or dates, which their templates print without wrappers
//!   (`Unknown`); Go shows it on everything but slices and maps. TypeScript and C# never show
//!   it (`Unknown`).
//!
//! PHP `?T` and Ruby `T.nilable(T)` also mark fields that are only optional (587 StackOne
//! fields that Java calls `Optional<T>`, not `JsonNullable<T>`, are `T.nilable` in Ruby; 310
//! are `?T` in PHP), so they are `Maybe`: emitted as nullable (a type that also accepts null
//! reads every value the API sends and round-trips it), but overruled by a clear `No` from
//! another input in fusion. On a required field they can only mean null: `Yes`.

use super::dialect::Dialect;
use super::syntax::{Notation, Syn};
use super::{linked_model, model_name, InlineUnion, Ty};
use mdgen_ir::{Evidence, TypeRef};

/// Why a notation has no IR type.
#[derive(Debug, Clone, PartialEq)]
pub enum Fail {
    /// Not understood.
    Unknown(String),
    /// Understood: an SDK object, not JSON.
    Sdk(String),
}

impl Fail {
    fn message(self) -> String {
        match self {
            Fail::Unknown(s) | Fail::Sdk(s) => s,
        }
    }
}

impl From<String> for Fail {
    fn from(s: String) -> Fail {
        Fail::Unknown(s)
    }
}

/// How deep interpretation recurses (the syntax is already bounded; this is a second guard).
const MAX_DEPTH: usize = 80;

/// Reads a parsed notation in dialect `d`.
pub fn interpret(d: Dialect, n: &Notation) -> Result<Ty, String> {
    let mut cx = Cx {
        d,
        unions: Vec::new(),
        lossy: None,
    };
    let mut syn = &n.syn;
    let mut nullable = false;
    let mut maybe = false;
    let mut optional = false;
    let mut absent_or_null = false;
    // Peel the wrappers that say "absent" or "null" off the outside.
    for _ in 0..MAX_DEPTH {
        match cx.wrapper(syn).map_err(Fail::message)? {
            Some((inner, mark)) => {
                match mark {
                    Mark::Nullable => nullable = true,
                    Mark::NullableOrOptional => maybe = true,
                    Mark::Optional => {
                        optional = true;
                        // Speakeasy's Python writes `Optional[T]` on a required row only for
                        // a field that may be null.
                        absent_or_null |= d == Dialect::Python;
                    }
                    Mark::AbsentOrNull => absent_or_null = true,
                }
                syn = inner;
            }
            None => break,
        }
    }
    // `A | B | null`: nullable, and the union of the rest.
    if matches!(syn, Syn::Union(ms) if ms.iter().any(is_null)) {
        nullable = true;
    }
    let ty = match cx.ty(syn, 0) {
        Ok(ty) => ty,
        Err(Fail::Sdk(what)) => {
            let mut t = Ty::plain(TypeRef::Any, Evidence::Unknown);
            t.sdk = Some(what);
            return Ok(t);
        }
        Err(Fail::Unknown(why)) => return Err(why),
    };
    let nullable = if nullable {
        Evidence::Yes
    } else if maybe {
        Evidence::Maybe
    } else if (absent_or_null && !optional) || ty == TypeRef::Any {
        // Any JSON value includes null: no notation says otherwise.
        Evidence::Unknown
    } else if optional || shows_nullability(d, &ty) {
        Evidence::No
    } else {
        Evidence::Unknown
    };
    Ok(Ty {
        ty,
        nullable,
        absent_or_null: absent_or_null && !nullable.is_yes(),
        sdk: None,
        inline_unions: cx.unions,
        lossy: cx.lossy,
    })
}

/// Whether dialect `d` would have marked a value of type `ty` nullable (see the module docs).
fn shows_nullability(d: Dialect, ty: &TypeRef) -> bool {
    let container = matches!(ty, TypeRef::Array(_) | TypeRef::Map(_));
    let date = matches!(
        ty,
        TypeRef::Date | TypeRef::DateTime | TypeRef::DateOrDateTime
    );
    match d {
        Dialect::TypeScript | Dialect::CSharp => false,
        Dialect::Python | Dialect::Java | Dialect::Ruby | Dialect::Php => !container && !date,
        Dialect::Go => !container,
    }
}

/// What a wrapper says about the value it wraps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Nullable,
    /// Nullable, or merely optional (PHP `?T`, Ruby `T.nilable`).
    NullableOrOptional,
    /// May be absent, is never null.
    Optional,
    AbsentOrNull,
}

/// A JSON literal from a notation literal (`42`, `-1.5`, `true`, Python's `True`).
pub fn literal(l: &str) -> Option<serde_json::Value> {
    match l {
        "true" | "True" => Some(true.into()),
        "false" | "False" => Some(false.into()),
        _ => serde_json::from_str::<serde_json::Number>(l)
            .ok()
            .map(serde_json::Value::Number),
    }
}

/// The names of `null` in each dialect.
/// Whether `syn` is a name of `null` (`null`, `None`, `nil`, `NilClass`, `undefined`).
pub fn is_null(syn: &Syn) -> bool {
    matches!(syn, Syn::Name { name, args, .. }
        if args.is_empty() && matches!(name.as_str(), "null" | "None" | "nil" | "NilClass" | "undefined"))
}

fn one<'a>(name: &str, args: &'a [Syn]) -> Result<&'a Syn, Fail> {
    match args {
        [arg] => Ok(arg),
        _ => Err(Fail::Unknown(format!(
            "`{name}` takes one type argument, not {}",
            args.len()
        ))),
    }
}

/// A name's last segment, after a package or namespace path of lowercase segments
/// (`java.time.OffsetDateTime`, `System.DateTime`).
fn unqualified(name: &str) -> &str {
    let (head, last) = match name.rsplit_once('.') {
        Some(split) => split,
        None => return name,
    };
    let package = head
        .split('.')
        .all(|s| s.starts_with(|c: char| c.is_ascii_lowercase()) || s == "System");
    if package {
        last
    } else {
        name
    }
}

/// A name that can only be a model: qualified (`shared.Foo`) or PascalCase.
fn is_model_reference(name: &str) -> bool {
    let last = model_name(name).0;
    last.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The source text of a notation, for union member names and messages.
pub fn show(syn: &Syn) -> String {
    let list = |args: &[Syn]| args.iter().map(show).collect::<Vec<_>>().join(", ");
    match syn {
        Syn::Name { name, args, .. } if args.is_empty() => name.clone(),
        Syn::Name { name, args, .. } => format!("{name}[{}]", list(args)),
        Syn::Nullable(t) => format!("?{}", show(t)),
        Syn::Question(t) => format!("{}?", show(t)),
        Syn::Pointer(t) => format!("*{}", show(t)),
        Syn::Slice(t) => format!("[]{}", show(t)),
        Syn::Map(k, v) => format!("map[{}]{}", show(k), show(v)),
        Syn::Index(k, v) => format!("{{ [k: {}]: {} }}", show(k), show(v)),
        Syn::Union(ms) => ms.iter().map(show).collect::<Vec<_>>().join(" | "),
        Syn::Annotated(a, t) => format!("{a} {}", show(t)),
        Syn::Str(s) => format!("{s:?}"),
        Syn::Lit(l) => l.clone(),
    }
}

/// The link every name in `syn` shares, if there is one.
fn shared_link(syn: &Syn) -> Option<&str> {
    fn walk<'a>(syn: &'a Syn, found: &mut Option<Option<&'a str>>) {
        match syn {
            Syn::Name { link, args, .. } => {
                let l = link.as_deref();
                match found {
                    None => *found = Some(l),
                    Some(f) if *f != l => *found = Some(None),
                    _ => {}
                }
                args.iter().for_each(|a| walk(a, found));
            }
            Syn::Nullable(t)
            | Syn::Question(t)
            | Syn::Pointer(t)
            | Syn::Slice(t)
            | Syn::Annotated(_, t) => walk(t, found),
            Syn::Map(k, v) | Syn::Index(k, v) => {
                walk(k, found);
                walk(v, found);
            }
            Syn::Union(ms) => ms.iter().for_each(|m| walk(m, found)),
            Syn::Str(_) | Syn::Lit(_) => {}
        }
    }
    let mut found = None;
    walk(syn, &mut found);
    found.flatten()
}

struct Cx {
    d: Dialect,
    unions: Vec<InlineUnion>,
    lossy: Option<String>,
}

impl Cx {
    /// The wrapper `syn` is, if it is one: what it wraps and what it says.
    fn wrapper<'s>(&self, syn: &'s Syn) -> Result<Option<(&'s Syn, Mark)>, Fail> {
        use Dialect::*;
        Ok(Some(match (self.d, syn) {
            (Php, Syn::Nullable(inner)) => (&**inner, Mark::NullableOrOptional),
            (CSharp, Syn::Question(inner)) => (&**inner, Mark::AbsentOrNull),
            (Go, Syn::Pointer(inner)) => (&**inner, Mark::AbsentOrNull),
            (Java, Syn::Annotated(a, inner)) if a == "@Nullable" => (&**inner, Mark::AbsentOrNull),
            (_, Syn::Name { name, args, .. }) => {
                let mark = match (self.d, unqualified(name)) {
                    (Python, "Optional") | (Java, "Optional") => Mark::Optional,
                    (Python, "Nullable" | "OptionalNullable") | (Java, "JsonNullable") => {
                        Mark::Nullable
                    }
                    (Ruby, "T.nilable" | "Crystalline::Nilable.new" | "Crystalline::Nilable") => {
                        Mark::NullableOrOptional
                    }
                    (Go, _)
                        if name.ends_with("OptionalNullable") || name == "nullable.Nullable" =>
                    {
                        Mark::Nullable
                    }
                    (CSharp, "Nullable") => Mark::AbsentOrNull,
                    _ => return Ok(None),
                };
                (one(name, args)?, mark)
            }
            // `T | null`: nullable; the rest is the type.
            (_, Syn::Union(members)) if members.iter().any(is_null) => {
                let rest: Vec<&Syn> = members.iter().filter(|m| !is_null(m)).collect();
                match rest.as_slice() {
                    [only] => (*only, Mark::Nullable),
                    [] => return Err(Fail::Unknown("a union of `null` alone".into())),
                    // Several members besides null: the union itself, read as a whole below.
                    _ => return Ok(None),
                }
            }
            _ => return Ok(None),
        }))
    }

    fn unknown<T>(&self, what: impl Into<String>) -> Result<T, Fail> {
        Err(Fail::Unknown(what.into()))
    }

    /// The type a notation stands for, ignoring nullability at the outside.
    fn ty(&mut self, syn: &Syn, depth: usize) -> Result<TypeRef, Fail> {
        use Dialect::*;
        if depth > MAX_DEPTH {
            return self.unknown("the type nests too deeply");
        }
        let d = depth + 1;
        match (self.d, syn) {
            (_, Syn::Name { name, args, link }) => self.name(syn, name, args, link.as_deref(), d),
            // `[]byte` and `byte[]` are binary data.
            (Go | Java | CSharp, Syn::Slice(inner)) if matches!(&**inner, Syn::Name { name, args, .. } if args.is_empty() && matches!(name.as_str(), "byte" | "Byte")) => {
                Ok(TypeRef::Bytes)
            }
            (TypeScript | Go | Java | CSharp | Php, Syn::Slice(inner)) => {
                Ok(TypeRef::Array(Box::new(self.ty(inner, d)?)))
            }
            (Go, Syn::Map(k, v)) => self.map(k, v, d),
            (TypeScript, Syn::Index(k, v)) => self.map(k, v, d),
            // Inside a type, the wrappers only say "nullable", which the IR does not track
            // below a field.
            (Go, Syn::Pointer(inner))
            | (Php, Syn::Nullable(inner))
            | (CSharp, Syn::Question(inner))
            | (Java, Syn::Annotated(_, inner)) => self.ty(inner, d),
            (_, Syn::Union(members)) => {
                let link = shared_link(syn).map(str::to_string);
                let refs: Vec<&Syn> = members.iter().collect();
                self.union(&refs, link, d)
            }
            (_, Syn::Str(s)) => Ok(TypeRef::Const(s.clone().into())),
            (_, Syn::Lit(l)) => match literal(l) {
                Some(v) => Ok(TypeRef::Const(v)),
                None => self.unknown(format!("`{l}` is not a literal")),
            },
            (_, other) => self.unknown(format!("{} notation has no {}", self.d, shape(other))),
        }
    }

    fn map(&mut self, key: &Syn, value: &Syn, depth: usize) -> Result<TypeRef, Fail> {
        // JSON object keys are strings whatever the SDK calls them (`Symbol`, `str`, `int`).
        match self.ty(key, depth)? {
            TypeRef::String | TypeRef::Int { .. } | TypeRef::Number | TypeRef::Named(_) => {}
            _ if matches!(key, Syn::Name { name, .. } if name == "Symbol" || name == "::Symbol") => {
            }
            other => return self.unknown(format!("a map keyed by {other:?} is not a JSON object")),
        }
        Ok(TypeRef::Map(Box::new(self.ty(value, depth)?)))
    }

    /// An inline union: `A | B`, Python `Union[A, B]`, Ruby `T.any(A, B)`.
    ///
    /// Linked to a doc, it is that doc's model (the members are kept for dialects that never
    /// write union docs: see [`Ty::inline_unions`]). Otherwise it is the one IR type that holds
    /// every member: binary data if any member is an upload, the member type if all agree,
    /// `String` for string literals, a number type for numbers, and else any JSON value (with a
    /// warning: the IR has no inline unions).
    fn union(
        &mut self,
        members: &[&Syn],
        link: Option<String>,
        depth: usize,
    ) -> Result<TypeRef, Fail> {
        let nonnull: Vec<&Syn> = members.iter().copied().filter(|m| !is_null(m)).collect();
        let mut tys = Vec::new();
        for m in &nonnull {
            tys.push((show(m), self.ty(m, depth)?));
        }
        if let Some(link) = link {
            if let Some(name) = linked_model(&link) {
                if !self.unions.iter().any(|u| u.link == link) {
                    self.unions.push(InlineUnion {
                        link,
                        name: name.clone(),
                        members: tys,
                    });
                }
                return Ok(TypeRef::Named(name));
            }
        }
        let types: Vec<&TypeRef> = tys.iter().map(|(_, t)| t).collect();
        if types.iter().any(|t| **t == TypeRef::Bytes) {
            return Ok(TypeRef::Bytes);
        }
        let Some(first) = types.first() else {
            return self.unknown("an empty union");
        };
        if types.iter().all(|t| t == first) {
            return Ok((*first).clone());
        }
        let is_str = |t: &TypeRef| {
            matches!(t, TypeRef::String) || matches!(t, TypeRef::Const(v) if v.is_string())
        };
        if types.iter().all(|t| is_str(t)) {
            return Ok(TypeRef::String);
        }
        let is_num = |t: &TypeRef| {
            matches!(
                t,
                TypeRef::Int { .. } | TypeRef::Float { .. } | TypeRef::Number
            ) || matches!(t, TypeRef::Const(v) if v.is_number())
        };
        if types.iter().all(|t| is_num(t)) {
            let int = |t: &TypeRef| {
                matches!(t, TypeRef::Int { .. })
                    || matches!(t, TypeRef::Const(v) if v.is_i64() || v.is_u64())
            };
            return Ok(if types.iter().all(|t| int(t)) {
                TypeRef::Int { bits: None }
            } else {
                TypeRef::Number
            });
        }
        let bools = |t: &TypeRef| {
            matches!(t, TypeRef::Bool) || matches!(t, TypeRef::Const(v) if v.is_boolean())
        };
        if types.iter().all(|t| bools(t)) {
            return Ok(TypeRef::Bool);
        }
        let listed: Vec<String> = tys.iter().map(|(s, _)| format!("`{s}`")).collect();
        self.lossy = Some(format!(
            "an inline union ({}) with no doc of its own; it accepts any JSON value",
            listed.join(", ")
        ));
        Ok(TypeRef::Any)
    }

    fn name(
        &mut self,
        syn: &Syn,
        name: &str,
        args: &[Syn],
        link: Option<&str>,
        depth: usize,
    ) -> Result<TypeRef, Fail> {
        use Dialect::*;
        let d = self.d;
        let bare = unqualified(name);
        // Inline unions.
        let union_args = match (d, bare) {
            (Python, "Union")
            | (Ruby, "T.any" | "Crystalline::Union.new" | "Crystalline::Union") => Some(args),
            _ => None,
        };
        if let Some(members) = union_args {
            let refs: Vec<&Syn> = members.iter().collect();
            let link = link
                .map(str::to_string)
                .or_else(|| shared_link(syn).map(str::to_string));
            return self.union(&refs, link, depth);
        }
        // Wrappers met inside a type (`List[Optional[X]]`): nullability of items is not kept.
        if let Some((inner, _)) = self.wrapper(syn)? {
            return self.ty(inner, depth);
        }
        if let Some(what) = sdk_object(d, name) {
            return Err(Fail::Sdk(what.to_string()));
        }
        if let Some(t) = self.scalar(name, bare, link) {
            if !args.is_empty() && !matches!(t, TypeRef::Bytes) {
                return self.unknown(format!("`{name}` takes no type arguments"));
            }
            return Ok(t);
        }
        // A vague name (PHP `array`, a list or a map): a doc it links to says what it is;
        // alone it is any JSON value, which is all it says.
        if args.is_empty() && vague(d, name) {
            if let Some(model) = link.and_then(linked_model) {
                return Ok(TypeRef::Named(model));
            }
            return Ok(TypeRef::Any);
        }
        if let Some(t) = self.container(bare, args, depth)? {
            return Ok(t);
        }
        // Literals: Python `Literal["x"]`, TypeScript const types.
        if matches!((d, bare), (Python, "Literal" | "typing.Literal")) && !args.is_empty() {
            let refs: Vec<&Syn> = args.iter().collect();
            return self.union(&refs, None, depth);
        }
        let local_link = link.and_then(linked_model).is_some();
        if args.is_empty() && (local_link || (is_model_reference(name) && !foreign_scalar(name))) {
            return Ok(TypeRef::Named(model_name(name)));
        }
        if !args.is_empty() && is_model_reference(name) {
            return self.unknown(format!("`{name}` is not a generic {d} type"));
        }
        self.unknown(format!("`{name}` is not a {d} type"))
    }

    /// A scalar of dialect `self.d`, by its full name, or in Java and C# by its name without
    /// the package (`java.time.OffsetDateTime`, `System.DateTime`). Elsewhere a qualified name
    /// is a model's: TypeScript's `shared.File` is a model, not a browser `File`.
    fn scalar(&self, name: &str, bare: &str, link: Option<&str>) -> Option<TypeRef> {
        let packaged = matches!(self.d, Dialect::Java | Dialect::CSharp) && bare != name;
        self.scalar_named(name, link)
            .or_else(|| packaged.then(|| self.scalar_named(bare, link)).flatten())
    }

    fn scalar_named(&self, name: &str, link: Option<&str>) -> Option<TypeRef> {
        use Dialect::*;
        use TypeRef::*;
        let int = |bits: u8| Int { bits: Some(bits) };
        let float = |bits: u8| Float { bits: Some(bits) };
        let linked = link.is_some();
        let t = match (self.d, name) {
            (TypeScript, "string") => String,
            (TypeScript, "number") => Number,
            (TypeScript, "boolean") => Bool,
            (TypeScript, "bigint") => BigInt,
            (TypeScript, "Decimal") => Decimal,
            (TypeScript, "any" | "unknown" | "object") => Any,
            (TypeScript, "Date") => DateTime,
            (TypeScript, "RFCDate") => Date,
            (TypeScript, "Uint8Array" | "ArrayBuffer" | "Blob" | "File" | "ReadableStream") => {
                Bytes
            }

            (Python, "str") => String,
            (Python, "int") => Int { bits: None },
            (Python, "float") => Float { bits: None },
            (Python, "bool") => Bool,
            (
                Python,
                "bytes" | "IO" | "io.BufferedReader" | "io.IOBase" | "BinaryIO" | "typing.BinaryIO",
            ) => Bytes,
            (Python, "Any" | "typing.Any" | "object") => Any,
            (Python, "Decimal" | "decimal.Decimal") => Decimal,
            // Speakeasy's Python docs label date-times `[date](..)` and dates `[datetime](..)`
            // (mistral's "RFC 3339 timestamp." fields are `[date]`); unlinked, the names mean
            // what Python means by them.
            (Python, "date") if linked => DateTime,
            (Python, "datetime") if linked => Date,
            (Python, "date" | "datetime.date") => Date,
            (Python, "datetime" | "datetime.datetime") => DateTime,

            (Go, "string") => String,
            (Go, "bool") => Bool,
            // Speakeasy's Go `int` is OpenAPI's int32 (authlete: `*int` ⇔ `format: int32`).
            (Go, "int" | "int32") => int(32),
            (Go, "int8") => int(8),
            (Go, "int16" | "uint8" | "byte") => int(16),
            (Go, "int64" | "uint" | "uint16" | "uint32" | "uint64") => int(64),
            (Go, "float32") => float(32),
            (Go, "float64") => float(64),
            (Go, "any" | "interface{}") => Any,
            (Go, "time.Time") => DateTime,
            (Go, "types.Date") => Date,
            (Go, "big.Int") => BigInt,
            (Go, "decimal.Big" | "big.Float") => Decimal,
            (Go, "io.Reader" | "io.ReadCloser") => Bytes,

            (CSharp, "string" | "String") => String,
            (CSharp, "bool" | "Boolean") => Bool,
            (CSharp, "int" | "Int32") => int(32),
            (CSharp, "long" | "Int64") => int(64),
            (CSharp, "short" | "Int16") => int(16),
            (CSharp, "float" | "Single") => float(32),
            (CSharp, "double" | "Double") => float(64),
            (CSharp, "decimal" | "Decimal") => Decimal,
            (CSharp, "BigInteger" | "System.Numerics.BigInteger") => BigInt,
            (CSharp, "object" | "dynamic" | "Object") => Any,
            (CSharp, "DateTime" | "DateTimeOffset" | "System.DateTime") => DateTime,
            (CSharp, "LocalDate" | "DateOnly" | "NodaTime.LocalDate") => Date,
            (CSharp, "Stream" | "System.IO.Stream") => Bytes,

            (Php, "string") => String,
            (Php, "int" | "integer") => Int { bits: None },
            (Php, "float" | "double") => Float { bits: None },
            (Php, "bool" | "boolean") => Bool,
            (Php, "mixed" | "object" | "\\stdClass") => Any,
            // Speakeasy's PHP docs write `\DateTime` for dates and date-times alike.
            (Php, "\\DateTime" | "\\DateTimeInterface" | "\\DateTimeImmutable") => DateOrDateTime,
            (Php, "\\Brick\\DateTime\\LocalDate") => Date,
            (Php, "\\Brick\\Math\\BigDecimal") => Decimal,
            (Php, "\\Brick\\Math\\BigInteger") => BigInt,
            (Php, "\\Psr\\Http\\Message\\StreamInterface") => Bytes,

            (Ruby, "::String" | "String") => String,
            (Ruby, "::Integer" | "Integer") => Int { bits: None },
            (Ruby, "::Float" | "Float") => Float { bits: None },
            (Ruby, "::Numeric") => Number,
            (Ruby, "::BigDecimal") => Decimal,
            (Ruby, "T::Boolean" | "Crystalline::Boolean.new" | "Crystalline::Boolean") => Bool,
            (Ruby, "::Object" | "T.untyped" | "BasicObject" | "::BasicObject") => Any,
            // Like Python's, Speakeasy's Ruby docs link date-times to `Date` and dates to
            // `DateTime` (StackOne's `created_at` fields are `[Date](..)`).
            (Ruby, "Date") if linked => DateTime,
            (Ruby, "DateTime") if linked => Date,
            (Ruby, "::Date" | "Date") => Date,
            (Ruby, "::DateTime" | "DateTime" | "::Time") => DateTime,
            (Ruby, "::StringIO" | "::IO") => Bytes,
            _ => return self.java_scalar(name),
        };
        Some(t)
    }

    /// Java's scalars, qualified or not (`java.lang.String`).
    fn java_scalar(&self, bare: &str) -> Option<TypeRef> {
        use TypeRef::*;
        if self.d != Dialect::Java {
            return None;
        }
        Some(match bare {
            "String" => String,
            "boolean" | "Boolean" => Bool,
            "int" | "Integer" => Int { bits: Some(32) },
            "long" | "Long" => Int { bits: Some(64) },
            "short" | "Short" => Int { bits: Some(16) },
            "byte" | "Byte" => Int { bits: Some(8) },
            "float" | "Float" => Float { bits: Some(32) },
            "double" | "Double" => Float { bits: Some(64) },
            "BigDecimal" => Decimal,
            "BigInteger" => BigInt,
            "Object" => Any,
            "OffsetDateTime" | "Instant" | "ZonedDateTime" | "LocalDateTime" => DateTime,
            "LocalDate" => Date,
            "InputStream" | "Blob" => Bytes,
            _ => return None,
        })
    }

    /// Arrays and maps.
    fn container(
        &mut self,
        bare: &str,
        args: &[Syn],
        depth: usize,
    ) -> Result<Option<TypeRef>, Fail> {
        use Dialect::*;
        let list = matches!(
            (self.d, bare),
            (TypeScript, "Array" | "ReadonlyArray")
                | (Python, "List" | "list" | "Sequence")
                | (Java, "List" | "Set" | "Collection")
                | (
                    CSharp,
                    "List" | "IList" | "IEnumerable" | "ICollection" | "HashSet"
                )
                | (Php, "array")
                | (
                    Ruby,
                    "T::Array" | "Crystalline::Array" | "Crystalline::Array.new" | "T::Set"
                )
        );
        let map = matches!(
            (self.d, bare),
            (TypeScript, "Record")
                | (Python, "Dict" | "dict" | "Mapping")
                | (Java, "Map")
                | (CSharp, "Dictionary" | "IDictionary")
                | (Php, "array")
                | (
                    Ruby,
                    "T::Hash" | "Crystalline::Hash" | "Crystalline::Hash.new"
                )
        );
        Ok(match args {
            // Without arguments the name is a model's (StackOne has a model named `List`).
            [] => None,
            [item] if list => Some(TypeRef::Array(Box::new(self.ty(item, depth)?))),
            [k, v] if map => Some(self.map(k, v, depth)?),
            // The TypeScript open-enum fallback, `Unrecognized<string>`.
            [inner] if self.d == TypeScript && bare == "Unrecognized" => {
                Some(self.ty(inner, depth)?)
            }
            _ if list || map => {
                return self.unknown(format!(
                    "`{bare}` takes {} type argument{}, not {}",
                    if list && map {
                        "one or two"
                    } else if list {
                        "one"
                    } else {
                        "two"
                    },
                    if list && !map { "" } else { "s" },
                    args.len()
                ))
            }
            _ => None,
        })
    }
}

/// A scalar of some other dialect (`String` read as TypeScript): not taken for a model unless
/// it links to one, so that a doc read in the wrong dialect says so.
fn foreign_scalar(name: &str) -> bool {
    matches!(
        name,
        "String"
            | "Boolean"
            | "Integer"
            | "Long"
            | "Short"
            | "Double"
            | "Float"
            | "Object"
            | "BigDecimal"
            | "BigInteger"
            | "OffsetDateTime"
            | "LocalDate"
            | "DateTime"
            | "Date"
            | "Decimal"
            | "Any"
            | "Int32"
            | "Int64"
            | "Single"
            | "DateOnly"
            | "Uint8Array"
    )
}

/// A name that says "some JSON" without saying what: PHP's bare `array` (a list or a map).
fn vague(d: Dialect, name: &str) -> bool {
    matches!((d, name), (Dialect::Php, "array" | "iterable"))
}

/// SDK objects that are not JSON: HTTP responses and requests, retry and event-stream types.
fn sdk_object(d: Dialect, name: &str) -> Option<&'static str> {
    use Dialect::*;
    let response = "an HTTP response object of the SDK";
    let request = "an HTTP request object of the SDK";
    Some(match (d, name) {
        (TypeScript, "Response")
        | (Python, "httpx.Response")
        | (Go, "http.Response")
        | (Java, "HttpResponse" | "java.net.http.HttpResponse")
        | (CSharp, "HttpResponseMessage" | "System.Net.Http.HttpResponseMessage")
        | (Php, "\\Psr\\Http\\Message\\ResponseInterface")
        | (Ruby, "Faraday::Response") => response,
        (TypeScript, "Request" | "RequestInit")
        | (Python, "httpx.Request")
        | (Go, "http.Request")
        | (Java, "HttpRequest")
        | (CSharp, "HttpRequestMessage")
        | (Php, "\\Psr\\Http\\Message\\RequestInterface")
        | (Ruby, "Faraday::Request") => request,
        (Go, "context.Context") => "a Go context",
        // The metadata of the HTTP exchange that Go and C# responses carry (`HTTPMeta`).
        (_, "HTTPMetadata" | "components.HTTPMetadata" | "shared.HTTPMetadata") => {
            "the HTTP metadata of the SDK"
        }
        (_, "RetryConfig" | "utils.RetryConfig" | "retry.Config" | "RequestOptions") => {
            "an SDK retry or request option"
        }
        (Python, n) if n.ends_with("EventStream") || n.ends_with("EventStreamAsync") => {
            "a server-sent event stream of the SDK"
        }
        (TypeScript, "EventStream") => "a server-sent event stream of the SDK",
        _ => return None,
    })
}

fn shape(syn: &Syn) -> &'static str {
    match syn {
        Syn::Name { .. } => "such name",
        Syn::Nullable(_) => "`?T` form",
        Syn::Question(_) => "`T?` form",
        Syn::Pointer(_) => "`*T` form",
        Syn::Slice(_) => "`[]` form",
        Syn::Map(..) => "`map[K]V` form",
        Syn::Index(..) => "`{ [k: K]: V }` form",
        Syn::Union(_) => "`A | B` form",
        Syn::Annotated(..) => "annotation",
        Syn::Str(_) => "string literal",
        Syn::Lit(_) => "literal",
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse, read_text};
    use super::*;
    use crate::markdown::Inline;
    use mdgen_ir::TypeName;

    fn t(d: Dialect, s: &str) -> Result<TypeRef, String> {
        read_text(s, d).map(|t| t.ty)
    }

    fn linked(d: Dialect, before: &str, text: &str, dest: &str, after: &str) -> Ty {
        let inlines = vec![
            Inline::Text(before.into()),
            Inline::Link {
                dest: dest.into(),
                inner: vec![Inline::Text(text.into())],
            },
            Inline::Text(after.into()),
        ];
        interpret(d, &parse(&inlines).unwrap()).unwrap()
    }

    fn named(n: &str) -> TypeRef {
        TypeRef::Named(TypeName(n.into()))
    }

    #[test]
    fn qualified_names_are_models_except_java_and_csharp_packages() {
        let d = Dialect::TypeScript;
        assert_eq!(
            linked(d, "", "shared.File", "../file.md", "").ty,
            named("File")
        );
        assert_eq!(t(d, "File"), Ok(TypeRef::Bytes));
        assert_eq!(
            t(Dialect::Java, "java.time.OffsetDateTime"),
            Ok(TypeRef::DateTime)
        );
        assert_eq!(t(Dialect::Java, "com.acme.models.Pet"), Ok(named("Pet")));
        assert_eq!(t(Dialect::CSharp, "System.DateTime"), Ok(TypeRef::DateTime));
        assert_eq!(t(Dialect::Python, "typing.Any"), Ok(TypeRef::Any));
        // A container name without arguments is a model's (StackOne has `List`).
        assert_eq!(
            linked(Dialect::Java, "", "List", "List.md", "").ty,
            named("List")
        );
    }

    #[test]
    fn other_dialects_scalars_are_not_models() {
        let e = t(Dialect::TypeScript, "String").unwrap_err();
        assert_eq!(e, "`String` is not a TypeScript type");
        assert!(t(Dialect::Go, "?string")
            .unwrap_err()
            .contains("Go notation has no `?T` form"));
        assert!(t(Dialect::Php, "Optional[str]")
            .unwrap_err()
            .contains("not a generic PHP type"));
    }

    #[test]
    fn unions_collapse_to_the_type_that_holds_every_member() {
        let d = Dialect::TypeScript;
        assert_eq!(t(d, "\"a\" | \"b\""), Ok(TypeRef::String));
        assert_eq!(t(d, "1 | 2"), Ok(TypeRef::Int { bits: None }));
        assert_eq!(t(d, "number | 2"), Ok(TypeRef::Number));
        assert_eq!(t(d, "string | null"), Ok(TypeRef::String));
        assert_eq!(
            read_text("string | null", d).unwrap().nullable,
            Evidence::Yes
        );
        let loose = read_text("string | boolean", d).unwrap();
        assert_eq!(loose.ty, TypeRef::Any);
        assert!(loose.lossy.unwrap().contains("`string`, `boolean`"));
        assert_eq!(
            t(
                Dialect::Python,
                "Union[bytes, IO[bytes], io.BufferedReader]"
            ),
            Ok(TypeRef::Bytes)
        );
        assert_eq!(
            t(Dialect::Python, "Literal[\"x\"]"),
            Ok(TypeRef::Const("x".into()))
        );
        assert_eq!(
            t(Dialect::Python, "Literal[True]"),
            Ok(TypeRef::Const(true.into()))
        );
    }

    #[test]
    fn nullability_follows_what_each_dialect_can_show() {
        let n = |d: Dialect, s: &str| read_text(s, d).unwrap().nullable;
        assert_eq!(n(Dialect::Python, "Optional[str]"), Evidence::No);
        assert!(
            read_text("Optional[str]", Dialect::Python)
                .unwrap()
                .absent_or_null
        );
        assert!(
            !read_text("Optional<String>", Dialect::Java)
                .unwrap()
                .absent_or_null
        );
        assert_eq!(n(Dialect::Python, "OptionalNullable[str]"), Evidence::Yes);
        assert_eq!(n(Dialect::Python, "List[str]"), Evidence::Unknown);
        assert_eq!(n(Dialect::Python, "Optional[Any]"), Evidence::Unknown);
        assert_eq!(n(Dialect::Java, "Optional<String>"), Evidence::No);
        assert_eq!(n(Dialect::Java, "JsonNullable<String>"), Evidence::Yes);
        assert_eq!(n(Dialect::Java, "OffsetDateTime"), Evidence::Unknown);
        assert_eq!(n(Dialect::Go, "string"), Evidence::No);
        assert_eq!(n(Dialect::Go, "[]string"), Evidence::Unknown);
        let ptr = read_text("*string", Dialect::Go).unwrap();
        assert_eq!(
            (ptr.nullable, ptr.absent_or_null),
            (Evidence::Unknown, true)
        );
        assert_eq!(n(Dialect::TypeScript, "string"), Evidence::Unknown);
        assert_eq!(n(Dialect::CSharp, "string"), Evidence::Unknown);
        // Nullable, or only optional: the notation does not say which.
        assert_eq!(n(Dialect::Php, "?string"), Evidence::Maybe);
        assert_eq!(n(Dialect::Ruby, "T.nilable(::String)"), Evidence::Maybe);
        assert_eq!(n(Dialect::Ruby, "::String"), Evidence::No);
    }

    #[test]
    fn sdk_objects_are_recognized() {
        let r = linked(
            Dialect::Go,
            "",
            "*http.Response",
            "https://pkg.go.dev/net/http#Response",
            "",
        );
        assert_eq!(r.sdk.as_deref(), Some("an HTTP response object of the SDK"));
        assert!(read_text("HttpResponse<InputStream>", Dialect::Java)
            .unwrap()
            .sdk
            .is_some());
    }
}
