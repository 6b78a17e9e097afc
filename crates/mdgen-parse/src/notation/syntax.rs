//! The syntax every dialect's type notation shares. What a name *means* is up to each dialect
//! ([`super::interpret`]); this grammar only knows shapes:
//!
//! ```text
//! union   := type ("|" type)*
//! type    := "?" type                      PHP `?T`
//!          | "*" type                      Go pointer `*T`
//!          | "[" "]" type                  Go slice `[]T`
//!          | "@" IDENT type                Java annotation `@Nullable T`
//!          | "(" union ")"
//!          | primary postfix*
//! postfix := "[" "]"                       TypeScript, Java, C# `T[]`
//!          | "?"                           C# `T?`
//! primary := STRING | NUMBER | true | false
//!          | "?"                           Java wildcard `HttpResponse<?>`
//!          | "{" "[" IDENT ":" union "]" ":" union "}"     TypeScript `{ [k: string]: T }`
//!          | "map" "[" union "]" type      Go `map[K]V`
//!          | IDENT args?
//! args    := "<" list ">" | "[" list "]" | "(" list ")"   `List<T>`, `Dict[K, V]`, `T.nilable(T)`
//! IDENT   := letters, digits, `_`, `.`, `\`, `$`, and `::` (`Models::Shared::X`, `Components\X`)
//! ```
//!
//! A markdown link around a name is kept on that name; a link around the whole notation is
//! reported separately ([`Notation::link`]): it names the doc of the type as a whole, which
//! matters when the text does not name it (`[T.nilable(T.any(A, B))](../x.md)`).

use crate::markdown::Inline;

/// A parsed type notation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Syn {
    /// `string`, `array<T>`, `T.nilable(T)`, `Dict[str, T]`; `link` is the target of a markdown
    /// link around the name.
    Name {
        name: String,
        args: Vec<Syn>,
        link: Option<String>,
    },
    /// `?T` (PHP).
    Nullable(Box<Syn>),
    /// `T?` (C#).
    Question(Box<Syn>),
    /// `*T` (Go).
    Pointer(Box<Syn>),
    /// `[]T` (Go) or `T[]` (TypeScript, Java, C#).
    Slice(Box<Syn>),
    /// `map[K]V` (Go).
    Map(Box<Syn>, Box<Syn>),
    /// `{ [k: K]: V }` (TypeScript).
    Index(Box<Syn>, Box<Syn>),
    /// `A | B` (PHP, TypeScript).
    Union(Vec<Syn>),
    /// `@Nullable T` (Java).
    Annotated(String, Box<Syn>),
    /// `"phone"`.
    Str(String),
    /// `42`, `-1.5`, `true`.
    Lit(String),
}

/// A notation and the link that encloses all of it, if one does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notation {
    pub syn: Syn,
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident { text: String, link: Option<String> },
    Punct(char),
    Str(String),
}

/// Parses the inlines of a Type cell or heading.
pub fn parse(inlines: &[Inline]) -> Result<Notation, String> {
    let mut flat = Flat::default();
    flat.push_inlines(inlines, None);
    let tokens = lex(&flat)?;
    let link = enclosing_link(inlines);
    parse_tokens(tokens).map(|syn| Notation { syn, link })
}

/// Parses a notation written as plain text (a code block, a heading).
pub fn parse_text(text: &str) -> Result<Syn, String> {
    let mut flat = Flat::default();
    flat.push_text(text, None, false);
    parse_tokens(lex(&flat)?)
}

fn parse_tokens(tokens: Vec<Token>) -> Result<Syn, String> {
    if tokens.is_empty() {
        return Err("the type is empty".into());
    }
    let mut p = Parser { tokens, pos: 0 };
    let syn = p.union(0)?;
    match p.peek() {
        None => Ok(syn),
        Some(t) => Err(format!("unexpected {} after the type", describe(t))),
    }
}

/// The target of the one link that holds every non-blank inline, if there is one.
fn enclosing_link(inlines: &[Inline]) -> Option<String> {
    let mut found = None;
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) if t.trim().is_empty() => {}
            Inline::Break => {}
            Inline::Link { dest, .. } if found.is_none() => found = Some(dest.to_string()),
            Inline::Struck(inner) | Inline::Emph { inner, .. } if found.is_none() => {
                found = enclosing_link(inner)
            }
            _ => return None,
        }
    }
    found
}

/// A cell's inlines as one stream of characters, each with the link it stands in; emphasis
/// delimiters are marked, to be dropped outside string literals and kept inside them.
#[derive(Default)]
struct Flat {
    chars: Vec<(char, Option<usize>, bool)>,
    links: Vec<String>,
}

impl Flat {
    fn push_text(&mut self, text: &str, link: Option<usize>, delim: bool) {
        // At most one char per byte.
        self.chars.reserve(text.len());
        self.chars.extend(text.chars().map(|c| (c, link, delim)));
    }

    fn push_inlines(&mut self, inlines: &[Inline], link: Option<usize>) {
        for i in inlines {
            match i {
                Inline::Text(t) | Inline::Code(t) => self.push_text(t, link, false),
                Inline::Link { dest, inner } => {
                    self.links.push(dest.to_string());
                    let id = self.links.len() - 1;
                    self.push_inlines(inner, Some(id));
                }
                Inline::Struck(inner) => self.push_inlines(inner, link),
                Inline::Emph { delim, inner } => {
                    self.push_text(delim, link, true);
                    self.push_inlines(inner, link);
                    self.push_text(delim, link, true);
                }
                Inline::Break => self.push_text(" ", link, false),
            }
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '\\' | '$' | '@')
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '\\' | '$')
}

/// A backslash that escapes markdown punctuation the docs meant literally (`List\<String>`).
fn is_escape(c: Option<char>) -> bool {
    matches!(c, Some('<' | '>' | '|' | '[' | ']' | '*' | '_'))
}

fn lex(flat: &Flat) -> Result<Vec<Token>, String> {
    // Emphasis delimiters outside string literals are markdown, not notation.
    let mut chars: Vec<(char, Option<usize>)> = Vec::with_capacity(flat.chars.len());
    let mut quote: Option<char> = None;
    for &(c, link, delim) in &flat.chars {
        match quote {
            Some(q) if !delim && (c == q || (q == '“' && c == '”')) => quote = None,
            None if !delim && matches!(c, '"' | '\'' | '“') => quote = Some(c),
            None if delim => continue,
            _ => {}
        }
        chars.push((c, link));
    }
    let at = |k: usize| chars.get(k).map(|&(c, _)| c);
    let link_at = |k: usize| {
        chars
            .get(k)
            .and_then(|&(_, l)| l)
            .and_then(|l| flat.links.get(l).cloned())
    };
    let text = |from: usize, to: usize| -> String {
        chars
            .get(from..to.min(chars.len()))
            .unwrap_or_default()
            .iter()
            .map(|&(c, _)| c)
            .collect()
    };
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(c) = at(k) {
        match c {
            c if c.is_whitespace() => k += 1,
            '\\' if is_escape(at(k + 1)) => k += 1,
            '"' | '\'' | '“' => {
                let close = if c == '“' { '”' } else { c };
                let start = k;
                let mut s = String::new();
                k += 1;
                loop {
                    match at(k) {
                        None => {
                            let rest = text(start, chars.len());
                            return Err(format!("unterminated string literal at `{rest}`"));
                        }
                        Some('\\') if matches!(at(k + 1), Some(d) if d == close || d == '\\') => {
                            s.extend(at(k + 1));
                            k += 2;
                        }
                        Some(d) if d == close || (c == '“' && d == '"') => {
                            k += 1;
                            break;
                        }
                        Some(d) => {
                            s.push(d);
                            k += 1;
                        }
                    }
                }
                out.push(Token::Str(s));
            }
            // A number: `42`, `-1`, `1.5`.
            '-' if at(k + 1).is_some_and(|d| d.is_ascii_digit()) => {
                let start = k;
                k += 1;
                while at(k).is_some_and(|d| d.is_ascii_digit() || d == '.') {
                    k += 1;
                }
                out.push(Token::Ident {
                    text: text(start, k),
                    link: link_at(start),
                });
            }
            c if is_ident_start(c) || (c == ':' && at(k + 1) == Some(':')) => {
                let start = k;
                k += if c == ':' { 2 } else { 1 };
                loop {
                    match at(k) {
                        Some('\\') if is_escape(at(k + 1)) => break,
                        Some(d) if is_ident_char(d) => k += 1,
                        Some(':') if at(k + 1) == Some(':') => k += 2,
                        _ => break,
                    }
                }
                out.push(Token::Ident {
                    text: text(start, k),
                    link: link_at(start),
                });
            }
            '<' | '>' | '[' | ']' | '(' | ')' | ',' | '?' | '*' | '|' | '{' | '}' | ':' => {
                out.push(Token::Punct(c));
                k += 1;
            }
            other => return Err(format!("unexpected character `{other}`")),
        }
    }
    Ok(out)
}

fn describe(t: &Token) -> String {
    match t {
        Token::Ident { text, .. } => format!("`{text}`"),
        Token::Punct(c) => format!("`{c}`"),
        Token::Str(s) => format!("\"{s}\""),
    }
}

/// How deep notations may nest before they are refused (guards the recursion).
const MAX_DEPTH: usize = 64;

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_punct(&self, c: char) -> bool {
        self.peek() == Some(&Token::Punct(c))
    }

    fn peek_at_punct(&self, ahead: usize, c: char) -> bool {
        self.tokens.get(self.pos + ahead) == Some(&Token::Punct(c))
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        match self.peek() {
            Some(Token::Punct(p)) if *p == c => {
                self.pos += 1;
                Ok(())
            }
            Some(t) => Err(format!("expected `{c}`, found {}", describe(t))),
            None => Err(format!("expected `{c}` at the end")),
        }
    }

    /// union := type ("|" type)*
    fn union(&mut self, depth: usize) -> Result<Syn, String> {
        let first = self.ty(depth)?;
        if !self.peek_punct('|') {
            return Ok(first);
        }
        let mut members = vec![first];
        while self.peek_punct('|') {
            self.pos += 1;
            members.push(self.ty(depth)?);
        }
        Ok(Syn::Union(members))
    }

    /// Whether the next token ends a type (so a `?` there is Java's wildcard).
    fn at_type_end(&self, ahead: usize) -> bool {
        match self.tokens.get(self.pos + ahead) {
            None => true,
            Some(Token::Punct(c)) => matches!(c, '>' | ',' | ']' | ')' | '|'),
            _ => false,
        }
    }

    /// type := prefix* primary postfix*
    fn ty(&mut self, depth: usize) -> Result<Syn, String> {
        if depth > MAX_DEPTH {
            return Err("the type nests too deeply".into());
        }
        let d = depth + 1;
        let base = match self.peek() {
            Some(Token::Punct('?')) if self.at_type_end(1) => {
                self.pos += 1;
                Syn::Name {
                    name: "?".into(),
                    args: Vec::new(),
                    link: None,
                }
            }
            Some(Token::Punct('?')) => {
                self.pos += 1;
                Syn::Nullable(Box::new(self.ty(d)?))
            }
            Some(Token::Punct('*')) => {
                self.pos += 1;
                Syn::Pointer(Box::new(self.ty(d)?))
            }
            Some(Token::Punct('[')) if self.peek_at_punct(1, ']') => {
                self.pos += 2;
                Syn::Slice(Box::new(self.ty(d)?))
            }
            Some(Token::Punct('(')) => {
                self.pos += 1;
                let inner = self.union(d)?;
                self.expect(')')?;
                inner
            }
            Some(Token::Ident { text, .. }) if text.starts_with('@') && text.len() > 1 => {
                let name = text.clone();
                self.pos += 1;
                Syn::Annotated(name, Box::new(self.ty(d)?))
            }
            Some(Token::Punct('{')) => self.index(d)?,
            _ => self.primary(d)?,
        };
        let mut syn = base;
        loop {
            if self.peek_punct('[') && self.peek_at_punct(1, ']') {
                self.pos += 2;
                syn = Syn::Slice(Box::new(syn));
            } else if self.peek_punct('?') && self.at_type_end(1) {
                self.pos += 1;
                syn = Syn::Question(Box::new(syn));
            } else {
                return Ok(syn);
            }
        }
    }

    /// `{ [k: K]: V }`
    fn index(&mut self, depth: usize) -> Result<Syn, String> {
        self.expect('{')?;
        self.expect('[')?;
        match self.peek() {
            Some(Token::Ident { .. }) => self.pos += 1,
            Some(t) => return Err(format!("expected a key name, found {}", describe(t))),
            None => return Err("expected a key name at the end".into()),
        }
        self.expect(':')?;
        let key = self.union(depth)?;
        self.expect(']')?;
        self.expect(':')?;
        let value = self.union(depth)?;
        self.expect('}')?;
        Ok(Syn::Index(Box::new(key), Box::new(value)))
    }

    /// primary := literal | ident args? (`map[K]V` included)
    fn primary(&mut self, depth: usize) -> Result<Syn, String> {
        let token = self.peek().cloned().ok_or("expected a type at the end")?;
        self.pos += 1;
        match token {
            Token::Str(s) => Ok(Syn::Str(s)),
            Token::Punct(c) => Err(format!("expected a type, found `{c}`")),
            Token::Ident { text, link } => {
                let numeric = text.trim_start_matches('-');
                if (!numeric.is_empty()
                    && numeric.starts_with(|c: char| c.is_ascii_digit())
                    && numeric.chars().all(|c| c.is_ascii_digit() || c == '.'))
                    || matches!(text.as_str(), "true" | "false" | "True" | "False")
                {
                    return Ok(Syn::Lit(text));
                }
                if text == "map" && self.peek_punct('[') && !self.peek_at_punct(1, ']') {
                    self.pos += 1;
                    let key = self.union(depth + 1)?;
                    self.expect(']')?;
                    let value = self.ty(depth + 1)?;
                    return Ok(Syn::Map(Box::new(key), Box::new(value)));
                }
                let args = match self.peek() {
                    Some(Token::Punct('<')) => self.args('<', '>', depth)?,
                    Some(Token::Punct('(')) => self.args('(', ')', depth)?,
                    Some(Token::Punct('[')) if !self.peek_at_punct(1, ']') => {
                        self.args('[', ']', depth)?
                    }
                    _ => Vec::new(),
                };
                Ok(Syn::Name {
                    name: text,
                    args,
                    link,
                })
            }
        }
    }

    fn args(&mut self, open: char, close: char, depth: usize) -> Result<Vec<Syn>, String> {
        self.expect(open)?;
        let d = depth + 1;
        let mut args = Vec::new();
        if self.peek_punct(close) {
            self.pos += 1;
            return Ok(args);
        }
        args.push(self.union(d)?);
        while self.peek_punct(',') {
            self.pos += 1;
            args.push(self.union(d)?);
        }
        self.expect(close)?;
        Ok(args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<Inline<'_>> {
        vec![Inline::Text(s.into())]
    }

    fn p(s: &str) -> Result<Syn, String> {
        parse(&text(s)).map(|n| n.syn)
    }

    fn name(n: &str, args: Vec<Syn>) -> Syn {
        Syn::Name {
            name: n.into(),
            args,
            link: None,
        }
    }

    fn s(n: &str) -> Syn {
        name(n, vec![])
    }

    fn bx(s: Syn) -> Box<Syn> {
        Box::new(s)
    }

    #[test]
    fn generic_forms() {
        assert_eq!(p("array<string>"), Ok(name("array", vec![s("string")])));
        assert_eq!(
            p("T.nilable(::String)"),
            Ok(name("T.nilable", vec![s("::String")]))
        );
        assert_eq!(
            p("Dict[str, List[int]]"),
            Ok(name("Dict", vec![s("str"), name("List", vec![s("int")])]))
        );
        assert_eq!(p("?string"), Ok(Syn::Nullable(bx(s("string")))));
        assert_eq!(
            p("[]*int64"),
            Ok(Syn::Slice(bx(Syn::Pointer(bx(s("int64"))))))
        );
        assert_eq!(
            p("number[][]"),
            Ok(Syn::Slice(bx(Syn::Slice(bx(s("number"))))))
        );
        assert_eq!(
            p("map[string]any"),
            Ok(Syn::Map(bx(s("string")), bx(s("any"))))
        );
        assert_eq!(
            p("Literal[\"x\"]"),
            Ok(name("Literal", vec![Syn::Str("x".into())]))
        );
        assert_eq!(
            p("Literal[True]"),
            Ok(name("Literal", vec![Syn::Lit("True".into())]))
        );
    }

    #[test]
    fn dialect_specific_shapes() {
        // Ruby: `::` joins names, `.new(...)` calls.
        assert_eq!(
            p("Crystalline::Nilable.new(Crystalline::Boolean.new)"),
            Ok(name(
                "Crystalline::Nilable.new",
                vec![s("Crystalline::Boolean.new")]
            ))
        );
        assert_eq!(
            p("T::Hash[Symbol, T::Array<::String>]"),
            Ok(name(
                "T::Hash",
                vec![s("Symbol"), name("T::Array", vec![s("::String")])]
            ))
        );
        // Java: escaped angle brackets, wildcards, annotations, arrays.
        assert_eq!(
            p("Map\\<String, List\\<String>>"),
            Ok(name(
                "Map",
                vec![s("String"), name("List", vec![s("String")])]
            ))
        );
        assert_eq!(p("HttpResponse<?>"), Ok(name("HttpResponse", vec![s("?")])));
        assert_eq!(
            p("@Nullable String"),
            Ok(Syn::Annotated("@Nullable".into(), bx(s("String"))))
        );
        assert_eq!(
            p("Optional<byte[]>"),
            Ok(name("Optional", vec![Syn::Slice(bx(s("byte")))]))
        );
        // C#: postfix `?`.
        assert_eq!(p("long?"), Ok(Syn::Question(bx(s("long")))));
        // PHP and TypeScript unions.
        assert_eq!(
            p("string|float|Components\\X|null"),
            Ok(Syn::Union(vec![
                s("string"),
                s("float"),
                s("Components\\X"),
                s("null")
            ]))
        );
        assert_eq!(
            p("\"a\" | \"b\" | Unrecognized<string>"),
            Ok(Syn::Union(vec![
                Syn::Str("a".into()),
                Syn::Str("b".into()),
                name("Unrecognized", vec![s("string")])
            ]))
        );
        // TypeScript index signatures.
        assert_eq!(
            p("{ [k: string]: any }[]"),
            Ok(Syn::Slice(bx(Syn::Index(bx(s("string")), bx(s("any"))))))
        );
        // Go generics.
        assert_eq!(
            p("optionalnullable.OptionalNullable[[]string]"),
            Ok(name(
                "optionalnullable.OptionalNullable",
                vec![Syn::Slice(bx(s("string")))]
            ))
        );
        assert_eq!(p("-1"), Ok(Syn::Lit("-1".into())));
    }

    #[test]
    fn links_attach_to_the_names_inside_them() {
        let inlines = vec![
            Inline::Text("array<".into()),
            Inline::Link {
                dest: "../X.md".into(),
                inner: text("Components\\X"),
            },
            Inline::Text(">".into()),
        ];
        let want = name(
            "array",
            vec![Syn::Name {
                name: "Components\\X".into(),
                args: vec![],
                link: Some("../X.md".into()),
            }],
        );
        let n = parse(&inlines).unwrap();
        assert_eq!(n.syn, want);
        assert_eq!(n.link, None);
        let whole = vec![Inline::Link {
            dest: "../x.md".into(),
            inner: text("T.nilable(T.any(::String, ::Float))"),
        }];
        assert_eq!(parse(&whole).unwrap().link.as_deref(), Some("../x.md"));
    }

    #[test]
    fn errors_say_what_went_wrong() {
        assert_eq!(p(""), Err("the type is empty".into()));
        assert_eq!(p("array<string"), Err("expected `>` at the end".into()));
        assert_eq!(
            p("string string"),
            Err("unexpected `string` after the type".into())
        );
        assert!(p("\"open").unwrap_err().contains("unterminated"));
        assert!(p(&"?".repeat(500)).unwrap_err().contains("deeply"));
        assert!(p(&"List[".repeat(500)).unwrap_err().contains("deeply"));
        assert!(p(&"(".repeat(500)).unwrap_err().contains("deeply"));
        assert!(p("a ; b").unwrap_err().contains("unexpected character"));
    }
}
