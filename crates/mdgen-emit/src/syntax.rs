//! The few Rust items mdgen emits, as small syntax trees printed straight to text.
//!
//! Each printer issues the boxes and breaks prettyplease issues for the same syntax (its
//! `item.rs`, `data.rs`, `attr.rs`, `path.rs`, `expr.rs` and `pat.rs`), so the text is what
//! `prettyplease::unparse` makes of the item, without token streams or a syn tree in between.
//! `tests/layout.rs` checks that against prettyplease itself.

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
    push_str_lit(&mut out, s);
    out
}

/// The attribute item `key = "value"`.
pub fn key_value(key: &str, value: &str) -> Text {
    let mut item = String::with_capacity(key.len() + value.len() + 5);
    item.push_str(key);
    item.push_str(" = ");
    push_str_lit(&mut item, value);
    Cow::Owned(item)
}

/// Appends `s` as a Rust string literal to `out`.
fn push_str_lit(out: &mut String, s: &str) {
    out.push('"');
    // Printable ASCII other than `"` and `\` stands for itself.
    if s.bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        out.push_str(s);
        out.push('"');
        return;
    }
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
}

/// `pub struct name { fields }`, formatted.
pub fn struct_item<'a>(attrs: &'a [Attr], name: &'a str, fields: &'a [Field]) -> String {
    block_item("pub struct ", attrs, name, fields)
}

/// `pub enum name { variants }`, formatted.
pub fn enum_item<'a>(attrs: &'a [Attr], name: &'a str, variants: &'a [Variant]) -> String {
    block_item("pub enum ", attrs, name, variants)
}

/// A field of a struct or a variant of an enum.
trait Member {
    fn attrs(&self) -> &[Attr];
    /// The member without its attributes, on one line.
    fn flat(&self, out: &mut String);
    /// The member without its attributes, to the printer.
    fn print<'a>(&'a self, p: &mut Printer<'a>);
}

impl Member for Field {
    fn attrs(&self) -> &[Attr] {
        &self.attrs
    }

    fn flat(&self, out: &mut String) {
        out.push_str("pub ");
        out.push_str(&self.name);
        out.push_str(": ");
        flat_ty(out, &self.ty);
    }

    fn print<'a>(&'a self, p: &mut Printer<'a>) {
        p.word("pub ");
        p.word(self.name.as_str());
        p.word(": ");
        ty(p, &self.ty);
    }
}

impl Member for Variant {
    fn attrs(&self) -> &[Attr] {
        &self.attrs
    }

    fn flat(&self, out: &mut String) {
        out.push_str(&self.name);
        if let Some(t) = &self.ty {
            out.push('(');
            flat_ty(out, t);
            out.push(')');
        }
    }

    fn print<'a>(&'a self, p: &mut Printer<'a>) {
        p.word(self.name.as_str());
        if let Some(t) = &self.ty {
            p.cbox(INDENT);
            p.word("(");
            p.zerobreak();
            ty(p, t);
            p.trailing_comma(true);
            p.offset(-INDENT);
            p.word(")");
            p.end();
        }
    }
}

/// `keyword name { members }`, a line at a time (see [`Lines`]).
fn block_item<'a, M: Member>(
    keyword: &'static str,
    attrs: &'a [Attr],
    name: &'a str,
    members: &'a [M],
) -> String {
    // Room for a line or two per member: the text is not copied as it grows.
    let mut lines = Lines {
        out: String::with_capacity(64 * (attrs.len() + members.len() + 1)),
    };
    lines.attrs(0, attrs);
    lines.out.push_str(keyword);
    lines.out.push_str(name);
    lines
        .out
        .push_str(if members.is_empty() { " {}\n" } else { " {\n" });
    for m in members {
        lines.attrs(1, m.attrs());
        lines.unit(
            1,
            |out| {
                m.flat(out);
                out.push(',');
            },
            |p| {
                m.print(p);
                p.word(",");
                p.hardbreak();
            },
        );
    }
    if !members.is_empty() {
        lines.out.push_str("}\n");
    }
    lines.out
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

/// An item written a unit at a time: an attribute, or a field or variant with its type. A unit
/// whose line fits in [`MARGIN`] columns is written as it is, since the printer never breaks a
/// line that fits; most do. A longer one is laid out by the printer on its own, in the state
/// the printer is in there within the whole item: at the start of a line, in a broken box
/// indented `depth` levels.
struct Lines {
    out: String,
}

impl Lines {
    /// One unit at `depth` levels of indentation: `flat` writes it on one line, without the
    /// newline; `print` gives it to the printer, ending with the break that follows it.
    fn unit<'a>(
        &mut self,
        depth: usize,
        flat: impl FnOnce(&mut String),
        print: impl FnOnce(&mut Printer<'a>),
    ) {
        let start = self.out.len();
        self.out
            .extend(std::iter::repeat_n(' ', depth * INDENT as usize));
        flat(&mut self.out);
        if (self.out.len() - start) as isize <= MARGIN {
            self.out.push('\n');
            return;
        }
        self.out.truncate(start);
        let mut p = Printer::new();
        p.cbox(depth as isize * INDENT);
        // Breaks the box and starts the line at its indentation.
        p.hardbreak();
        print(&mut p);
        p.end();
        // Without the newline of that first break.
        self.out.push_str(&p.finish()[1..]);
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
                Attr::Path(path) => self.unit(
                    depth,
                    |out| {
                        out.push_str("#[");
                        out.push_str(path);
                        out.push(']');
                    },
                    |p| outer_attr(p, attr),
                ),
                Attr::List(path, items) => self.unit(
                    depth,
                    |out| {
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
                    },
                    |p| outer_attr(p, attr),
                ),
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
        outer_attr(p, attr);
    }
}

/// One attribute and the break after it.
fn outer_attr<'a>(p: &mut Printer<'a>, attr: &'a Attr) {
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

fn ty<'a>(p: &mut Printer<'a>, t: &'a Ty) {
    match t {
        Ty::Path(path) => p.word(path.as_ref()),
        Ty::Generic(path, args) => {
            p.word(*path);
            generic_args(p, args);
        }
    }
}

/// `<args>`.
fn generic_args<'a>(p: &mut Printer<'a>, args: &'a [Ty]) {
    delimited(p, "<", args, ">", ty);
}

/// `open items close`, the items separated by `, `, or one per line with a trailing comma
/// when they do not fit.
fn delimited<'a, T>(
    p: &mut Printer<'a>,
    open: &'static str,
    items: &'a [T],
    close: &'static str,
    item: impl Fn(&mut Printer<'a>, &'a T),
) {
    p.word(open);
    p.cbox(INDENT);
    p.zerobreak();
    for (i, it) in items.iter().enumerate() {
        item(p, it);
        p.trailing_comma(i + 1 == items.len());
    }
    p.offset(-INDENT);
    p.end();
    p.word(close);
}

fn expr<'a>(p: &mut Printer<'a>, e: &'a Expr) {
    match e {
        Expr::Atom(text) => p.word(text.as_ref()),
        Expr::Call(func, args) => {
            p.word(func.as_ref());
            delimited(p, "(", args, ")", expr);
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
            delimited(p, "(", &[], ")", expr);
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
            delimited(p, "(", pats, ")", pat);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_read_back_as_their_value() {
        for s in [
            "",
            "plain",
            "a\"b\\c",
            "it's",
            "tab\there\nnl",
            "\u{0}1 \u{0}x",
            "é ☃",
            "\u{7f}\u{200b}",
        ] {
            let lit: syn::LitStr = syn::parse_str(&str_lit(s)).unwrap();
            assert_eq!(lit.value(), s, "{}", str_lit(s));
        }
        assert_eq!(str_lit("\u{0}1"), "\"\\x001\"");
        assert_eq!(str_lit("it's"), "\"it's\"");
    }
}
