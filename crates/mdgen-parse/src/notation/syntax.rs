//! The syntax every dialect's type notation shares: names with generic arguments in `<>`, `[]`
//! or `()`, prefix `?`, `*` and `[]`, postfix `[]`, Go's `map[K]V`, and literals. What a name
//! *means* is up to each dialect ([`super::dialect`]).

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
    /// `*T` (Go).
    Pointer(Box<Syn>),
    /// `[]T` (Go) or `T[]` (TypeScript).
    Slice(Box<Syn>),
    /// `map[K]V` (Go).
    Map(Box<Syn>, Box<Syn>),
    /// `"phone"`.
    Str(String),
    /// `42`, `true`.
    Lit(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident { text: String, link: Option<String> },
    Punct(char),
    Str(String),
}

/// Parses the inlines of a Type cell or heading.
pub fn parse(inlines: &[Inline]) -> Result<Syn, String> {
    let mut tokens = Vec::new();
    lex_inlines(inlines, None, &mut tokens)?;
    let mut p = Parser { tokens, pos: 0 };
    if p.tokens.is_empty() {
        return Err("the type is empty".into());
    }
    let syn = p.ty(0)?;
    match p.peek() {
        None => Ok(syn),
        Some(t) => Err(format!("unexpected {} after the type", describe(t))),
    }
}

fn lex_inlines(inlines: &[Inline], link: Option<&str>, out: &mut Vec<Token>) -> Result<(), String> {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => lex(t, link, out)?,
            Inline::Link { dest, inner } => lex_inlines(inner, Some(dest), out)?,
            Inline::Struck(inner) => lex_inlines(inner, link, out)?,
            Inline::Break => {}
        }
    }
    Ok(())
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | ':' | '\\' | '$' | '-')
}

fn lex(text: &str, link: Option<&str>, out: &mut Vec<Token>) -> Result<(), String> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '"' | '\'' => {
                let mut s = String::new();
                let mut closed = false;
                for (_, d) in chars.by_ref() {
                    if d == c {
                        closed = true;
                        break;
                    }
                    s.push(d);
                }
                if !closed {
                    return Err(format!("unterminated string literal at `{}`", &text[i..]));
                }
                out.push(Token::Str(s));
            }
            c if is_ident_char(c) => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if !is_ident_char(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                out.push(Token::Ident {
                    text: text[i..end].to_string(),
                    link: link.map(str::to_string),
                });
            }
            '<' | '>' | '[' | ']' | '(' | ')' | ',' | '?' | '*' | '|' | '{' | '}' | '&' => {
                out.push(Token::Punct(c))
            }
            other => return Err(format!("unexpected character `{other}`")),
        }
    }
    Ok(())
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

    fn peek2_punct(&self, c: char) -> bool {
        self.tokens.get(self.pos + 1) == Some(&Token::Punct(c))
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

    /// type := prefix* primary postfix*
    fn ty(&mut self, depth: usize) -> Result<Syn, String> {
        if depth > MAX_DEPTH {
            return Err("the type nests too deeply".into());
        }
        let d = depth + 1;
        let base = match self.peek() {
            Some(Token::Punct('?')) => {
                self.pos += 1;
                Syn::Nullable(Box::new(self.ty(d)?))
            }
            Some(Token::Punct('*')) => {
                self.pos += 1;
                Syn::Pointer(Box::new(self.ty(d)?))
            }
            Some(Token::Punct('[')) if self.peek2_punct(']') => {
                self.pos += 2;
                Syn::Slice(Box::new(self.ty(d)?))
            }
            Some(Token::Punct('(')) => {
                self.pos += 1;
                let inner = self.ty(d)?;
                self.expect(')')?;
                inner
            }
            _ => self.primary(d)?,
        };
        let mut syn = base;
        while self.peek_punct('[') && self.peek2_punct(']') {
            self.pos += 2;
            syn = Syn::Slice(Box::new(syn));
        }
        Ok(syn)
    }

    /// primary := literal | ident args? (`map[K]V` included)
    fn primary(&mut self, depth: usize) -> Result<Syn, String> {
        let token = self.peek().cloned().ok_or("expected a type at the end")?;
        self.pos += 1;
        match token {
            Token::Str(s) => Ok(Syn::Str(s)),
            Token::Punct(c) => Err(format!("expected a type, found `{c}`")),
            Token::Ident { text, link } => {
                if text
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
                    || text == "true"
                    || text == "false"
                {
                    return Ok(Syn::Lit(text));
                }
                let args = match self.peek() {
                    Some(Token::Punct('<')) => self.args('<', '>', depth)?,
                    Some(Token::Punct('(')) => self.args('(', ')', depth)?,
                    Some(Token::Punct('[')) if !self.peek2_punct(']') => {
                        self.args('[', ']', depth)?
                    }
                    _ => Vec::new(),
                };
                if text == "map"
                    && args.len() == 1
                    && self.peek().is_some()
                    && !self.peek_punct(',')
                {
                    let key = args
                        .into_iter()
                        .next()
                        .map(Box::new)
                        .ok_or("map without key")?;
                    return Ok(Syn::Map(key, Box::new(self.ty(depth)?)));
                }
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
        let mut args = vec![self.ty(depth)?];
        while self.peek_punct(',') {
            self.pos += 1;
            args.push(self.ty(depth)?);
        }
        self.expect(close)?;
        Ok(args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<Inline> {
        vec![Inline::Text(s.into())]
    }

    fn name(n: &str, args: Vec<Syn>) -> Syn {
        Syn::Name {
            name: n.into(),
            args,
            link: None,
        }
    }

    #[test]
    fn generic_forms() {
        let s = |n: &str| name(n, vec![]);
        assert_eq!(
            parse(&text("array<string>")),
            Ok(name("array", vec![s("string")]))
        );
        assert_eq!(
            parse(&text("T.nilable(::String)")),
            Ok(name("T.nilable", vec![s("::String")]))
        );
        assert_eq!(
            parse(&text("Dict[str, List[int]]")),
            Ok(name("Dict", vec![s("str"), name("List", vec![s("int")])]))
        );
        assert_eq!(
            parse(&text("?string")),
            Ok(Syn::Nullable(Box::new(s("string"))))
        );
        assert_eq!(
            parse(&text("[]*int64")),
            Ok(Syn::Slice(Box::new(Syn::Pointer(Box::new(s("int64"))))))
        );
        assert_eq!(
            parse(&text("number[][]")),
            Ok(Syn::Slice(Box::new(Syn::Slice(Box::new(s("number"))))))
        );
        assert_eq!(
            parse(&text("map[string]any")),
            Ok(Syn::Map(Box::new(s("string")), Box::new(s("any"))))
        );
        assert_eq!(
            parse(&text("Literal[\"x\"]")),
            Ok(name("Literal", vec![Syn::Str("x".into())]))
        );
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
        assert_eq!(parse(&inlines), Ok(want));
    }

    #[test]
    fn errors_say_what_went_wrong() {
        assert_eq!(parse(&text("")), Err("the type is empty".into()));
        assert_eq!(
            parse(&text("array<string")),
            Err("expected `>` at the end".into())
        );
        assert_eq!(
            parse(&text("string string")),
            Err("unexpected `string` after the type".into())
        );
        assert!(parse(&text("\"open")).unwrap_err().contains("unterminated"));
        assert!(parse(&text(&"?".repeat(500)))
            .unwrap_err()
            .contains("deeply"));
    }
}
