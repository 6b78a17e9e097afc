//! Descriptions → `///` doc comments.

use crate::tokens::str_lit;
use proc_macro2::TokenStream;
use quote::quote;
use std::borrow::Cow;

/// The lines of the doc comment for `doc`: `<br/>` becomes a line break, lines are trimmed,
/// runs of blank lines collapse, control characters become spaces, and lines that say only `N/A`
/// are dropped. An unlabeled code
/// fence is marked `text` so rustdoc does not compile it as a doctest.
pub fn lines(doc: Option<&str>) -> Vec<String> {
    let Some(doc) = doc else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    let doc = if doc.contains('\r') {
        Cow::Owned(doc.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(doc)
    };
    for line in break_lines(&doc).split(['\n', '\r']) {
        // Other control characters (a bare CR is an error in a doc comment) become spaces.
        let line: Cow<str> = if line.contains(char::is_control) {
            Cow::Owned(
                line.chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect(),
            )
        } else {
            Cow::Borrowed(line)
        };
        let line = line.trim();
        let blank = line.is_empty() || line.eq_ignore_ascii_case("n/a");
        if blank && out.last().is_none_or(String::is_empty) {
            continue;
        }
        if blank {
            out.push(String::new());
            continue;
        }
        if let Some(info) = line.strip_prefix("```") {
            if !in_fence && info.trim().is_empty() {
                out.push("```text".to_string());
                in_fence = true;
                continue;
            }
            in_fence = !in_fence;
        }
        out.push(line.to_string());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    explicit_continuations(out)
}

/// `lines` with `note` as a paragraph of its own at the end.
pub fn with_note(mut lines: Vec<String>, note: &str) -> Vec<String> {
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(note.to_string());
    lines
}

/// Lines that continue a quote or a list item lazily get the `> ` or the indentation that says
/// so (the meaning markdown gives them anyway; clippy's `doc_lazy_continuation` wants it written).
fn explicit_continuations(lines: Vec<String>) -> Vec<String> {
    let mut prefix: Option<String> = None;
    let mut fence = false;
    lines
        .into_iter()
        .map(|line| {
            if line.starts_with("```") {
                fence = !fence;
                prefix = None;
            } else if fence {
            } else if line.is_empty() {
                prefix = None;
            } else if line.starts_with('>') {
                prefix = Some("> ".into());
            } else if let Some(width) = list_marker_width(&line) {
                prefix = Some(" ".repeat(width));
            } else if let Some(p) = &prefix {
                return format!("{p}{line}");
            }
            line
        })
        .collect()
}

/// The width of the list marker `line` starts with (`- `, `* `, `+ `, `12. `, `3) `), if any.
fn list_marker_width(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    if matches!(b, [b'-' | b'*' | b'+', b' ', ..]) {
        return Some(2);
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let marked = (1..10).contains(&digits)
        && matches!(b.get(digits), Some(b'.' | b')'))
        && b.get(digits + 1) == Some(&b' ');
    marked.then_some(digits + 2)
}

/// `doc` with every `<br>`, `<br/>` and `<br />` (any case) replaced by a newline.
fn break_lines(doc: &str) -> Cow<'_, str> {
    if !doc.contains('<') {
        return Cow::Borrowed(doc);
    }
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let end = tag.find('>').map(|e| e + 1);
        let is_br = end.is_some_and(|e| {
            let inner: String = tag[1..e - 1]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            inner.eq_ignore_ascii_case("br") || inner.eq_ignore_ascii_case("br/")
        });
        match end {
            Some(e) if is_br => {
                out.push('\n');
                rest = &tag[e..];
            }
            _ => {
                out.push('<');
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One `#[doc]` attribute per line, printed as `/// line` (an empty line as `///`).
pub fn attrs(lines: &[String]) -> TokenStream {
    let docs = lines.iter().map(|l| {
        if l.is_empty() {
            str_lit("")
        } else {
            str_lit(&format!(" {l}"))
        }
    });
    quote!(#(#[doc = #docs])*)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_trims_and_collapses() {
        assert_eq!(
            lines(Some(
                "  First line.<br/>Second<BR>third <br /> \n\n\n last  \n\n"
            )),
            ["First line.", "Second", "third", "", "last"]
        );
    }

    #[test]
    fn control_characters_do_not_reach_the_comment() {
        assert_eq!(lines(Some("a\r\nb\rc\u{0}d\te")), ["a", "b", "c d e"]);
    }

    #[test]
    fn keeps_other_tags() {
        assert_eq!(lines(Some("a <b>bold</b> < c")), ["a <b>bold</b> < c"]);
        assert_eq!(lines(Some("unclosed <br")), ["unclosed <br"]);
    }

    #[test]
    fn drops_not_applicable_and_empty() {
        assert!(lines(Some(" N/A ")).is_empty());
        assert!(lines(Some("n/a")).is_empty());
        assert_eq!(lines(Some("The ID.<br/>N/A")), ["The ID."]);
        assert!(lines(Some(" \n ")).is_empty());
        assert!(lines(None).is_empty());
    }

    #[test]
    fn unlabeled_fences_are_not_doctests() {
        assert_eq!(
            lines(Some("e.g.\n```\n{\"a\": 1}\n```\n```json\n{}\n```")),
            [
                "e.g.",
                "```text",
                "{\"a\": 1}",
                "```",
                "```json",
                "{}",
                "```"
            ]
        );
    }

    #[test]
    fn lazy_continuations_of_quotes_and_lists_are_made_explicit() {
        assert_eq!(
            lines(Some("as follows:\n\n> quoted\nstill quoted\n\nafter\n- item\nmore of it\n12. twelve\nof twelve\n```\n- x\ny\n```\nend")),
            [
                "as follows:",
                "",
                "> quoted",
                "> still quoted",
                "",
                "after",
                "- item",
                "  more of it",
                "12. twelve",
                "    of twelve",
                "```text",
                "- x",
                "y",
                "```",
                "end"
            ]
        );
        assert_eq!(list_marker_width("-x"), None);
        assert_eq!(list_marker_width("2024. a year"), Some(6));
        assert_eq!(list_marker_width("1234567890. no"), None);
    }

    #[test]
    fn attributes_have_a_leading_space() {
        let a = attrs(&["x".to_string(), String::new()]);
        assert_eq!(a.to_string(), quote!(#[doc = " x"] #[doc = ""]).to_string());
    }
}
