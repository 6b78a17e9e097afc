//! The few Rust items mdgen emits, as small syntax trees printed straight to text.
//!
//! Each printer issues the boxes and breaks prettyplease issues for the same syntax (its
//! `item.rs`, `data.rs`, `attr.rs`, `path.rs`, `expr.rs` and `pat.rs`), so the text is what
//! `prettyplease::unparse` makes of the item, without token streams or a syn tree in between.
//! `tests::format` checks that against prettyplease itself.

use crate::pretty::{BreakToken, Printer, INDENT, MARGIN};
use std::borrow::Cow;

/// Text that is static for std paths and keywords, owned for names.
pub type Text = Cow<'static, str>;

/// A type: a path, with generic arguments (`::std::option::Option<T>`) or without.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Path(Text),
    Generic(&'static str, Vec<Ty>),
}

impl Ty {
    /// `path<arg>`.
    pub fn of(path: &'static str, arg: Ty) -> Ty {
        Ty::Generic(path, vec![arg])
    }
}

/// An outer attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Attr {
    /// One line of a doc comment, without the `///`.
    Doc(String),
    /// `#[path]`.
    Path(&'static str),
    /// `#[path(item, ...)]`; each item is its tokens as text (`rename = "id"`).
    List(&'static str, Vec<Text>),
}

impl Attr {
    /// `#[allow(lint)]`.
    pub fn allow(lint: &'static str) -> Attr {
        Attr::List("allow", vec![Cow::Borrowed(lint)])
    }

    /// `#[serde(item)]`.
    pub fn serde(item: impl Into<Text>) -> Attr {
        Attr::List("serde", vec![item.into()])
    }
}

/// A named field: `pub name: ty`.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub attrs: Vec<Attr>,
    pub name: String,
    pub ty: Ty,
}

/// An enum variant: unit, or a tuple variant of one type.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub attrs: Vec<Attr>,
    pub name: String,
    pub ty: Option<Ty>,
}

/// An expression of a `From` conversion.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A path, identifier or literal.
    Atom(Text),
    /// `func(args)`.
    Call(Text, Vec<Expr>),
    /// `receiver.method()`.
    MethodCall(&'static str, &'static str),
    Match(Box<Expr>, Vec<Arm>),
}

/// A pattern of a match arm.
#[derive(Debug, Clone, PartialEq)]
pub enum Pat {
    /// A literal, identifier, path or `_`.
    Atom(Text),
    /// `path(pats)`.
    TupleStruct(Text, Vec<Pat>),
}

/// `pat => body`.
#[derive(Debug, Clone, PartialEq)]
pub struct Arm {
    pub pat: Pat,
    pub body: Expr,
}

/// `impl ::std::convert::From<from> for to { fn from(value: from) -> Self { body } }`.
#[derive(Debug, Clone, PartialEq)]
pub struct FromImpl {
    pub attrs: Vec<Attr>,
    pub from: Ty,
    pub to: Ty,
    pub body: Expr,
}

/// `s` as a Rust string literal, escaped as `proc_macro2::Literal::string` escapes it.
pub fn str_lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            // `\0` followed by a digit would read as an octal escape to clippy.
            '\0' if chars
                .as_str()
                .starts_with(|n: char| ('0'..='7').contains(&n)) =>
            {
                out.push_str("\\x00");
            }
            '\0' => out.push_str("\\0"),
            '\'' => out.push(c),
            _ => out.extend(c.escape_debug()),
        }
    }
    out.push('"');
    out
}

/// `pub struct name { fields }`, formatted.
pub fn struct_item<'a>(attrs: &'a [Attr], name: &'a str, fields: &'a [Field]) -> String {
    let mut flat = Flat::new();
    flat.attrs(0, attrs);
    flat.out.push_str("pub struct ");
    flat.out.push_str(name);
    flat.out
        .push_str(if fields.is_empty() { " {}\n" } else { " {\n" });
    for f in fields {
        flat.attrs(1, &f.attrs);
        flat.line(1, |out| {
            out.push_str("pub ");
            out.push_str(&f.name);
            out.push_str(": ");
            flat_ty(out, &f.ty);
            out.push(',');
        });
    }
    if !fields.is_empty() {
        flat.out.push_str("}\n");
    }
    if flat.fits {
        return flat.out;
    }
    item(|p| {
        outer_attrs(p, attrs);
        p.cbox(INDENT);
        p.word("pub struct ");
        p.word(name);
        p.nbsp();
        p.word("{");
        p.hardbreak_if_nonempty();
        for f in fields {
            outer_attrs(p, &f.attrs);
            p.word("pub ");
            p.word(f.name.as_str());
            p.word(": ");
            ty(p, &f.ty);
            p.word(",");
            p.hardbreak();
        }
        p.offset(-INDENT);
        p.end();
        p.word("}");
        p.hardbreak();
    })
}

/// `pub enum name { variants }`, formatted.
pub fn enum_item<'a>(attrs: &'a [Attr], name: &'a str, variants: &'a [Variant]) -> String {
    let mut flat = Flat::new();
    flat.attrs(0, attrs);
    flat.out.push_str("pub enum ");
    flat.out.push_str(name);
    flat.out
        .push_str(if variants.is_empty() { " {}\n" } else { " {\n" });
    for v in variants {
        flat.attrs(1, &v.attrs);
        flat.line(1, |out| {
            out.push_str(&v.name);
            if let Some(t) = &v.ty {
                out.push('(');
                flat_ty(out, t);
                out.push(')');
            }
            out.push(',');
        });
    }
    if !variants.is_empty() {
        flat.out.push_str("}\n");
    }
    if flat.fits {
        return flat.out;
    }
    item(|p| {
        outer_attrs(p, attrs);
        p.cbox(INDENT);
        p.word("pub enum ");
        p.word(name);
        p.nbsp();
        p.word("{");
        p.hardbreak_if_nonempty();
        for v in variants {
            outer_attrs(p, &v.attrs);
            p.word(v.name.as_str());
            if let Some(t) = &v.ty {
                p.cbox(INDENT);
                p.word("(");
                p.zerobreak();
                ty(p, t);
                p.trailing_comma(true);
                p.offset(-INDENT);
                p.word(")");
                p.end();
            }
            p.word(",");
            p.hardbreak();
        }
        p.offset(-INDENT);
        p.end();
        p.word("}");
        p.hardbreak();
    })
}

/// The `From` impl, formatted.
pub fn from_impl(i: &FromImpl) -> String {
    item(|p| {
        outer_attrs(p, &i.attrs);
        p.cbox(INDENT);
        p.ibox(-INDENT);
        p.cbox(INDENT);
        p.word("impl");
        p.end();
        p.nbsp();
        p.word("::std::convert::From");
        generic_args(p, std::slice::from_ref(&i.from));
        p.space();
        p.word("for ");
        ty(p, &i.to);
        p.end();
        p.nbsp();
        p.word("{");
        p.hardbreak_if_nonempty();
        // fn from(value: from) -> Self { body }
        p.cbox(INDENT);
        p.word("fn from(");
        p.neverbreak();
        p.cbox(0);
        p.zerobreak();
        p.word("value: ");
        ty(p, &i.from);
        p.trailing_comma(true);
        p.offset(-INDENT);
        p.end();
        p.word(")");
        p.cbox(-INDENT);
        p.word(" -> Self");
        p.end();
        p.nbsp();
        p.word("{");
        p.hardbreak_if_nonempty();
        p.ibox(0);
        expr(p, &i.body);
        p.end();
        p.hardbreak();
        p.offset(-INDENT);
        p.end();
        p.word("}");
        p.hardbreak();
        // The impl's block.
        p.offset(-INDENT);
        p.end();
        p.word("}");
        p.hardbreak();
    })
}

/// An item written line by line without breaking any line, and whether that is what the
/// printer makes of it: a line that fits in [`MARGIN`] columns is one the printer leaves whole.
/// Most items fit, and are written at the cost of copying their text.
struct Flat {
    out: String,
    fits: bool,
}

impl Flat {
    fn new() -> Self {
        Flat {
            out: String::new(),
            fits: true,
        }
    }

    /// One line at `depth` levels of indentation; `write` writes it without the newline.
    fn line(&mut self, depth: usize, write: impl FnOnce(&mut String)) {
        let start = self.out.len();
        self.out
            .extend(std::iter::repeat_n(' ', depth * INDENT as usize));
        write(&mut self.out);
        self.fits &= (self.out.len() - start) as isize <= MARGIN;
        self.out.push('\n');
    }

    fn attrs(&mut self, depth: usize, attrs: &[Attr]) {
        for attr in attrs {
            match attr {
                // A doc comment is never broken, however long.
                Attr::Doc(line) => {
                    self.out
                        .extend(std::iter::repeat_n(' ', depth * INDENT as usize));
                    self.out.push_str("///");
                    self.out.push_str(line);
                    self.out.push('\n');
                }
                Attr::Path(path) => self.line(depth, |out| {
                    out.push_str("#[");
                    out.push_str(path);
                    out.push(']');
                }),
                Attr::List(path, items) => self.line(depth, |out| {
                    out.push_str("#[");
                    out.push_str(path);
                    out.push('(');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(item);
                    }
                    out.push_str(")]");
                }),
            }
        }
    }
}

/// `t` on one line.
fn flat_ty(out: &mut String, t: &Ty) {
    match t {
        Ty::Path(path) => out.push_str(path),
        Ty::Generic(path, args) => {
            out.push_str(path);
            out.push('<');
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flat_ty(out, arg);
            }
            out.push('>');
        }
    }
}

/// One item as prettyplease prints a file of it.
fn item<'a>(print: impl FnOnce(&mut Printer<'a>)) -> String {
    let mut p = Printer::new();
    p.cbox(0);
    print(&mut p);
    p.end();
    p.finish()
}

fn outer_attrs<'a>(p: &mut Printer<'a>, attrs: &'a [Attr]) {
    for attr in attrs {
        match attr {
            Attr::Doc(line) => {
                p.word("///");
                p.word(line.as_str());
                p.hardbreak();
            }
            Attr::Path(path) => {
                p.word("#[");
                p.word(*path);
                p.word("]");
                p.space();
            }
            Attr::List(path, items) => {
                p.word("#[");
                p.word(*path);
                p.word("(");
                p.cbox(INDENT);
                p.zerobreak();
                for (i, item) in items.iter().enumerate() {
                    p.word(item.as_ref());
                    if i + 1 < items.len() {
                        p.word(",");
                        p.space();
                    }
                }
                p.zerobreak();
                p.offset(-INDENT);
                p.end();
                p.word(")]");
                p.space();
            }
        }
    }
}

fn ty<'a>(p: &mut Printer<'a>, t: &'a Ty) {
    match t {
        Ty::Path(path) => p.word(path.as_ref()),
        Ty::Generic(path, args) => {
            p.word(*path);
            generic_args(p, args);
        }
    }
}

/// `<args>`, broken one per line when they do not fit.
fn generic_args<'a>(p: &mut Printer<'a>, args: &'a [Ty]) {
    p.word("<");
    p.cbox(INDENT);
    p.zerobreak();
    for (i, arg) in args.iter().enumerate() {
        ty(p, arg);
        p.trailing_comma(i + 1 == args.len());
    }
    p.offset(-INDENT);
    p.end();
    p.word(">");
}

fn expr<'a>(p: &mut Printer<'a>, e: &'a Expr) {
    match e {
        Expr::Atom(text) => p.word(text.as_ref()),
        Expr::Call(func, args) => {
            p.word(func.as_ref());
            p.word("(");
            call_args(p, args);
            p.word(")");
        }
        Expr::MethodCall(receiver, method) => {
            p.cbox(INDENT);
            p.cbox(-INDENT);
            p.word(*receiver);
            p.end();
            p.zerobreak();
            p.word(".");
            p.word(*method);
            p.cbox(0);
            p.word("(");
            call_args(p, &[]);
            p.word(")");
            p.end();
            p.end();
        }
        Expr::Match(scrutinee, arms) => {
            p.ibox(0);
            p.word("match ");
            p.cbox(0);
            expr(p, scrutinee);
            // A method call wraps onto its own line rather than leave `{` dangling.
            if matches!(**scrutinee, Expr::MethodCall(..)) {
                p.space();
            } else {
                p.nbsp();
            }
            p.end();
            p.word("{");
            p.neverbreak();
            p.cbox(INDENT);
            p.hardbreak_if_nonempty();
            for a in arms {
                arm(p, a);
                p.hardbreak();
            }
            p.offset(-INDENT);
            p.end();
            p.word("}");
            p.end();
        }
    }
}

fn call_args<'a>(p: &mut Printer<'a>, args: &'a [Expr]) {
    p.cbox(INDENT);
    p.zerobreak();
    for (i, arg) in args.iter().enumerate() {
        expr(p, arg);
        p.trailing_comma(i + 1 == args.len());
    }
    p.offset(-INDENT);
    p.end();
}

/// An arm whose body, when it does not fit, is wrapped in braces on lines of its own.
fn arm<'a>(p: &mut Printer<'a>, a: &'a Arm) {
    p.ibox(0);
    pat(p, &a.pat);
    p.word(" => ");
    p.neverbreak();
    p.cbox(INDENT);
    p.scan_break(BreakToken {
        pre_break: Some('{'),
        ..BreakToken::default()
    });
    expr(p, &a.body);
    // A match ends in `}` and needs no comma; the others do.
    let comma = !matches!(a.body, Expr::Match(..));
    p.scan_break(BreakToken {
        offset: -INDENT,
        post_break: "}",
        no_break: comma.then_some(','),
        ..BreakToken::default()
    });
    p.end();
    p.end();
}

fn pat<'a>(p: &mut Printer<'a>, pt: &'a Pat) {
    match pt {
        Pat::Atom(text) => p.word(text.as_ref()),
        Pat::TupleStruct(path, pats) => {
            p.word(path.as_ref());
            p.word("(");
            p.cbox(INDENT);
            p.zerobreak();
            for (i, inner) in pats.iter().enumerate() {
                pat(p, inner);
                p.trailing_comma(i + 1 == pats.len());
            }
            p.offset(-INDENT);
            p.end();
            p.word(")");
        }
    }
}
