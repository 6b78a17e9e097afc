//! The members of a union page (`## Supported Types`): each is a `###` heading and a code
//! block, and which of them holds the type depends on the dialect and generator version.
//!
//! - TypeScript, Python, Ruby: the heading is notation (`` ### `shared.Foo` ``, `` `List[str]` ``).
//! - PHP: the heading is a type, often just `array`; the code block's `@var` line says exactly
//!   (`@var array<string, mixed>`), so it wins.
//! - Go: the heading is the member's model name, or empty for scalars; the code block calls a
//!   constructor with a value of the type: `components.CreateFooStr(string{/* values here */})`,
//!   or (generic unions) `components.CreateFoo(int64(0))`.
//! - C#: the heading is the member's name in the SDK, built from its type: `Str`, `Number`,
//!   `Boolean`, `ArrayOfAny`, `MapOfStr`, `ArrayOfInt32`, or a model name.

use super::{read_text, Dialect, Ty};
use mdgen_ir::{TypeName, TypeRef};

/// One member of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// What the docs call the member: the heading, else the constructor's suffix, else the type.
    pub name: String,
    pub ty: Ty,
}

/// Reads the member under `heading` with the code blocks that follow it, in a union doc titled
/// `union_name`.
pub fn read_member(
    dialect: Dialect,
    union_name: &str,
    heading: &str,
    code: &[&str],
) -> Result<Member, String> {
    let heading = heading.trim();
    let member = |name: &str, ty: Ty| Member {
        name: if heading.is_empty() { name } else { heading }.to_string(),
        ty,
    };
    // A constructor call (Go) names the type exactly, whatever the heading says.
    let ctor = code.iter().find_map(|c| constructor(c, union_name));
    if let Some((suffix, arg)) = ctor.filter(|_| dialect == Dialect::Go) {
        let ty = constructor_type(&arg, dialect)
            .map_err(|why| format!("the member's constructor argument `{arg}`: {why}"))?;
        let name = if suffix.is_empty() { &arg } else { &suffix };
        return Ok(member(name, ty));
    }
    // A PHP doc comment `@var T`.
    if let Some(var) = code.iter().find_map(|c| doc_var(c)) {
        return read_text(&var, dialect).map(|ty| member(&var, ty));
    }
    if heading.is_empty() {
        return Err("the member has neither a heading nor a code block that names its type".into());
    }
    if dialect == Dialect::CSharp {
        if let Some(ty) = sdk_member_name(heading, 0) {
            return Ok(member(heading, Ty::plain(ty, mdgen_ir::Evidence::Unknown)));
        }
    }
    match read_text(heading, dialect) {
        Ok(ty) => Ok(member(heading, ty)),
        Err(why) => match sdk_member_name(heading, 0) {
            // Other generator versions name members the way C# does.
            Some(ty) if is_identifier(heading) => {
                Ok(member(heading, Ty::plain(ty, mdgen_ir::Evidence::Unknown)))
            }
            _ => Err(why),
        },
    }
}

fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The type an SDK's member name stands for: `Str`, `ArrayOfInt32`, `MapOfAny`, `Pet`.
fn sdk_member_name(name: &str, depth: usize) -> Option<TypeRef> {
    if depth > 32 || !is_identifier(name) {
        return None;
    }
    if let Some(rest) = name.strip_prefix("ArrayOf").filter(|r| !r.is_empty()) {
        return Some(TypeRef::Array(Box::new(sdk_member_name(rest, depth + 1)?)));
    }
    if let Some(rest) = name.strip_prefix("MapOf").filter(|r| !r.is_empty()) {
        return Some(TypeRef::Map(Box::new(sdk_member_name(rest, depth + 1)?)));
    }
    Some(match name {
        "Str" | "String" => TypeRef::String,
        "Integer" | "Int" => TypeRef::Int { bits: None },
        "Int32" => TypeRef::Int { bits: Some(32) },
        "Int64" | "Long" => TypeRef::Int { bits: Some(64) },
        // The name comes from the schema type `number`.
        "Number" => TypeRef::Float { bits: None },
        "Float" | "Float32" => TypeRef::Float { bits: Some(32) },
        "Double" | "Float64" => TypeRef::Float { bits: Some(64) },
        "Decimal" => TypeRef::Decimal,
        "BigInteger" | "BigInt" => TypeRef::BigInt,
        "Boolean" | "Bool" => TypeRef::Bool,
        "DateTime" => TypeRef::DateTime,
        "Date" => TypeRef::Date,
        "Any" => TypeRef::Any,
        "Bytes" => TypeRef::Bytes,
        _ if name.starts_with(|c: char| c.is_ascii_uppercase()) => {
            TypeRef::Named(TypeName(name.to_string()))
        }
        _ => return None,
    })
}

/// A Go union constructor call in `code`: the part of its name after `Create<Union>` and its
/// argument.
fn constructor(code: &str, union_name: &str) -> Option<(String, String)> {
    code.lines().find_map(|line| {
        let at = line.find("Create")?;
        let rest = line.get(at + "Create".len()..)?;
        let open = rest.find('(')?;
        let ident = rest.get(..open)?;
        if !ident.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let close = rest.rfind(')')?;
        let arg = rest.get(open + 1..close)?.trim();
        // C#'s `Foo.CreateStr(/* values here */)` names no type.
        if arg.is_empty() || arg.starts_with("/*") {
            return None;
        }
        let suffix = strip_prefix_ignore_case(ident, union_name).unwrap_or(ident);
        Some((suffix.to_string(), arg.to_string()))
    })
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// The type of a constructor argument: `T{/* values here */}`, `int64(0)`, `""`, `false`.
fn constructor_type(arg: &str, dialect: Dialect) -> Result<Ty, String> {
    let arg = arg.trim();
    let plain = |ty| Ok(Ty::plain(ty, mdgen_ir::Evidence::Unknown));
    if let Some(open) = arg.find('{').filter(|_| arg.ends_with('}')) {
        return read_text(arg.get(..open).unwrap_or_default(), dialect);
    }
    if let Some(open) = arg.find('(').filter(|_| arg.ends_with(')')) {
        return read_text(arg.get(..open).unwrap_or_default(), dialect);
    }
    match arg {
        "\"\"" => plain(TypeRef::String),
        "true" | "false" => plain(TypeRef::Bool),
        _ if arg.parse::<i64>().is_ok() => plain(TypeRef::Int { bits: None }),
        _ if arg.parse::<f64>().is_ok() => plain(TypeRef::Float { bits: None }),
        _ => read_text(arg, dialect),
    }
}

/// The type of a PHP doc comment's `@var T` line.
fn doc_var(code: &str) -> Option<String> {
    code.lines().find_map(|l| {
        let rest = l.trim().trim_start_matches(['*', '/']).trim();
        let t = rest.strip_prefix("@var")?.trim();
        (!t.is_empty()).then(|| t.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(d: Dialect, union: &str, heading: &str, code: &[&str]) -> (String, TypeRef) {
        let m = read_member(d, union, heading, code).unwrap();
        (m.name, m.ty.ty)
    }

    fn named(n: &str) -> TypeRef {
        TypeRef::Named(TypeName(n.into()))
    }

    #[test]
    fn go_members_come_from_constructors() {
        let code = "value1 := operations.CreateValue1ArrayOfValue2([]operations.Value2{/* values here */})\n";
        assert_eq!(
            ty(Dialect::Go, "Value1", "", &[code]),
            (
                "ArrayOfValue2".into(),
                TypeRef::Array(Box::new(named("Value2")))
            )
        );
        let code =
            "x := components.CreateRenewedSubscriptionsRevenueInteger(int64{/* values here */})";
        assert_eq!(
            ty(Dialect::Go, "RenewedSubscriptionsRevenue", "", &[code]).1,
            TypeRef::Int { bits: Some(64) }
        );
        let code = "subject := shared.CreateSubjectWalletSubject(wallets.WalletSubject{/* values here */})";
        assert_eq!(
            ty(Dialect::Go, "Subject", "WalletSubject", &[code]),
            ("WalletSubject".into(), named("WalletSubject"))
        );
        let generic = "v := components.CreateValue(int64(0))";
        assert_eq!(
            ty(Dialect::Go, "Value", "", &[generic]).1,
            TypeRef::Int { bits: Some(64) }
        );
        assert!(read_member(Dialect::Go, "V", "", &[]).is_err());
    }

    #[test]
    fn php_members_prefer_the_doc_comment() {
        let code = "/**\n* @var array<string, mixed>\n*/\narray $value = /* values here */\n";
        assert_eq!(
            ty(Dialect::Php, "Body", "array", &[code]),
            ("array".into(), TypeRef::Map(Box::new(TypeRef::Any)))
        );
    }

    #[test]
    fn csharp_members_are_named_after_their_types() {
        let c = |h: &str| ty(Dialect::CSharp, "U", h, &["U.CreateX(/* values here */);"]).1;
        assert_eq!(c("Str"), TypeRef::String);
        assert_eq!(c("Number"), TypeRef::Float { bits: None });
        assert_eq!(
            c("ArrayOfInt32"),
            TypeRef::Array(Box::new(TypeRef::Int { bits: Some(32) }))
        );
        assert_eq!(
            c("ArrayOfMapOfAny"),
            TypeRef::Array(Box::new(TypeRef::Map(Box::new(TypeRef::Any))))
        );
        assert_eq!(c("TimeOffSourceValueType"), named("TimeOffSourceValueType"));
        assert!(sdk_member_name(&"ArrayOf".repeat(10_000), 0).is_none());
    }

    #[test]
    fn headings_are_notation_elsewhere() {
        assert_eq!(
            ty(Dialect::TypeScript, "U", "{ [k: string]: any }[]", &[]).1,
            TypeRef::Array(Box::new(TypeRef::Map(Box::new(TypeRef::Any))))
        );
        assert_eq!(
            ty(Dialect::Python, "U", "List[models.Foo]", &[]).1,
            TypeRef::Array(Box::new(named("Foo")))
        );
        assert_eq!(
            ty(Dialect::Python, "U", "datetime", &[]).1,
            TypeRef::DateTime
        );
    }
}
