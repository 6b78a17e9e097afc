//! Diagnostics for people: rendered like rustc's, with the offending cell underlined.

use annotate_snippets::{Level, Renderer, Snippet};
use mdgen_ir::{Diagnostic, Diagnostics, Severity};
use std::ops::Range;

/// One diagnostic, rustc style:
///
/// ```text
/// warning[unknown-type]: type not understood
///  --> docs/Pet.md:7:10
///   |
/// 7 | | `id` | *flaot* |
///   |          ^^^^^^^
/// ```
///
/// `color` adds terminal styling. Ends without a newline.
pub fn render(diagnostic: &Diagnostic, color: bool) -> String {
    let level = level(diagnostic.severity);
    // Text from the docs is shown, never obeyed: control characters (a terminal's escape
    // sequences among them) are replaced.
    let origin = printable(&diagnostic.file.display().to_string());
    let title = printable(&diagnostic.message);
    let kind = printable(&diagnostic.kind);
    let mut message = level.title(&title).id(&kind);
    let location;
    let snippet = match (&diagnostic.source_line, &diagnostic.span) {
        (Some(source), Some(span)) if !source.is_empty() => Some(displayable(source, span.clone())),
        _ => None,
    };
    match &snippet {
        Some((source, span)) if diagnostic.line > 0 => {
            message = message.snippet(
                Snippet::source(source)
                    .line_start(diagnostic.line as usize)
                    .origin(&origin)
                    .annotation(level.span(span.clone())),
            );
        }
        _ => {
            // No text to show: point at the file (and line) in a footer instead.
            location = match diagnostic.line {
                0 => format!("in {origin}"),
                line => format!("at {origin}:{line}"),
            };
            message = message.footer(Level::Note.title(&location));
        }
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let text = renderer.render(message).to_string();
    text
}

/// `text` with every control character but a line break replaced by U+FFFD.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => c,
            c if c.is_control() => char::REPLACEMENT_CHARACTER,
            c => c,
        })
        .collect()
}

/// A source line and span as the renderer can show them: each white-space or control character
/// one space (so that every character before the span is one column wide, and the column shown
/// stays the count of characters before it), the span on character boundaries and not inside
/// the line's leading white space (it is moved to the first other character).
fn displayable(line: &str, span: Range<usize>) -> (String, Range<usize>) {
    let mut start = span.start.min(line.len());
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, line.len());
    while !line.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::with_capacity(line.len());
    let (mut new_start, mut new_end) = (0, 0);
    for (i, c) in line.char_indices() {
        if i == start {
            new_start = out.len();
        }
        if i == end {
            new_end = out.len();
        }
        out.push(if c.is_whitespace() || c.is_control() {
            ' '
        } else {
            c
        });
    }
    if start == line.len() {
        new_start = out.len();
    }
    if end == line.len() {
        new_end = out.len();
    }
    let indent = out.len() - out.trim_start().len();
    if new_end <= indent && indent < out.len() {
        // Pointing into nothing but the indentation: point at what follows it.
        let next = out[indent..].chars().next().map_or(0, char::len_utf8);
        return (out, indent..indent + next);
    }
    (out, new_start..new_end)
}

/// Every diagnostic, a blank line after each, then the [`summary`] line.
pub fn render_all(diagnostics: &Diagnostics, color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics.iter() {
        out += &render(d, color);
        out += "\n\n";
    }
    if let Some(summary) = summary(diagnostics) {
        out += &summary;
        out += "\n";
    }
    out
}

/// `mdgen: 1 error, 2 warnings, 1 note`; `None` when there is nothing to count.
pub fn summary(diagnostics: &Diagnostics) -> Option<String> {
    let counts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Note]
        .into_iter()
        .filter_map(|s| match diagnostics.count(s) {
            0 => None,
            1 => Some(format!("1 {s}")),
            n => Some(format!("{n} {s}s")),
        })
        .collect();
    (!counts.is_empty()).then(|| format!("mdgen: {}", counts.join(", ")))
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Note => Level::Note,
        Severity::Warning => Level::Warning,
        Severity::Error => Level::Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell_warning() -> Diagnostic {
        Diagnostic::new(
            Severity::Warning,
            "unknown-type",
            "docs/Pet.md",
            7,
            "type not understood",
        )
        .with_snippet("| `id` | *flaot* | :heavy_check_mark: |", 9..16)
    }

    #[test]
    fn shows_file_line_column_and_underlines_the_cell() {
        let text = render(&cell_warning(), false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "warning[unknown-type]: type not understood");
        assert!(lines[1].ends_with("--> docs/Pet.md:7:10"), "{text}");
        let source = lines
            .iter()
            .position(|l| l.starts_with("7 |"))
            .expect(&text);
        assert!(lines[source].ends_with("| `id` | *flaot* | :heavy_check_mark: |"));
        // The underline (`-` for a warning, `^` for an error) sits exactly below `*flaot*`.
        let cell_at = lines[source].find("*flaot*").unwrap();
        let marks = lines[source + 1];
        assert_eq!(marks.find('-'), Some(cell_at), "{text}");
        assert_eq!(marks.matches('-').count(), "*flaot*".len(), "{text}");
    }

    #[test]
    fn long_table_lines_are_cut_around_the_cell() {
        let pad = " ".repeat(140);
        let line = format!(
            "| `createdAt`{pad}| [\\DateTime](https://php.net/datetime){pad}| :heavy_check_mark: |"
        );
        let start = line.find("[\\Date").unwrap();
        let end = line.find("datetime)").unwrap() + "datetime)".len();
        let d = Diagnostic::new(Severity::Error, "k", "a.md", 17, "bad")
            .with_snippet(line.clone(), start..end);
        let text = render(&d, false);
        assert!(
            text.contains(&format!("--> a.md:17:{}", start + 1)),
            "{text}"
        );
        assert!(text.lines().all(|l| l.len() < line.len()), "{text}");
        let shown = text.lines().find(|l| l.starts_with("17 |")).expect(&text);
        assert!(
            shown.contains("| [\\DateTime](https://php.net/datetime) "),
            "{text}"
        );
        assert!(text.contains(&"^".repeat(end - start)), "{text}");
    }

    #[test]
    fn a_diagnostic_without_a_snippet_still_names_its_place() {
        let d = Diagnostic::new(Severity::Error, "no-heading", "docs/X.md", 0, "no heading");
        let text = render(&d, false);
        assert!(text.starts_with("error[no-heading]: no heading"), "{text}");
        assert!(text.contains("in docs/X.md"), "{text}");
        let d = Diagnostic::new(Severity::Note, "k", "docs/X.md", 4, "m");
        assert!(render(&d, false).contains("at docs/X.md:4"));
    }

    #[test]
    fn hostile_lines_and_spans_render_without_panicking() {
        let long = format!("{}| *x* |{}", " ".repeat(150), " ".repeat(150));
        let tabs = format!("{}| `a` | *string* |{}", "\t".repeat(40), "y".repeat(200));
        let cases = [
            // A span inside long indentation (found by fuzzing: annotate-snippets underflowed).
            (long.clone(), 3..5),
            (long.clone(), 0..0),
            (long.clone(), 150..150),
            // Tabs are four columns to the renderer's indentation count but none to its spans.
            (tabs.clone(), 45..48),
            (tabs.clone(), 2..3),
            // Spans off character boundaries, reversed, or past the end.
            ("| é漢🦀 |".to_string(), 3..6),
            #[allow(clippy::reversed_empty_ranges)]
            ("| é漢🦀 |".to_string(), 9..4),
            ("abc".to_string(), 7..9),
            (" ".repeat(300), 10..20),
            (String::new(), 0..1),
            ("\u{1b}[31m| red |\u{7}".to_string(), 5..10),
        ];
        for (line, span) in cases {
            let mut d = Diagnostic::new(Severity::Error, "k", "a.md", 3, "m");
            d.source_line = Some(line.clone());
            d.span = Some(span.clone());
            for color in [false, true] {
                let text = render(&d, color);
                assert!(text.contains("a.md:3"), "{line:?} {span:?}: {text}");
            }
        }
    }

    #[test]
    fn control_characters_from_the_docs_are_not_printed() {
        let d = Diagnostic::new(Severity::Warning, "k", "a\u{1b}.md", 2, "`X\u{1b}[2J`")
            .with_snippet("| `x\u{1b}[2J` | *y* |", 2..11);
        let text = render(&d, false);
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains("X\u{FFFD}[2J"), "{text}");
        // The column is still the count of characters before the span.
        assert!(text.contains("a\u{FFFD}.md:2:3"), "{text}");
    }

    #[test]
    fn indentation_and_tabs_keep_the_column() {
        let d = Diagnostic::new(Severity::Warning, "k", "a.md", 2, "m")
            .with_snippet("\t\u{a0} | *flaot* |", 6..13);
        let text = render(&d, false);
        assert!(text.contains("--> a.md:2:6"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let source = lines.iter().position(|l| l.starts_with("2 |")).unwrap();
        let at = lines[source].find("*flaot*").unwrap();
        assert_eq!(lines[source + 1].find('-'), Some(at), "{text}");
    }

    #[test]
    fn color_adds_styling_only_when_asked() {
        assert!(!render(&cell_warning(), false).contains('\x1b'));
        assert!(render(&cell_warning(), true).contains('\x1b'));
    }

    #[test]
    fn summary_counts_by_severity() {
        let mut ds = Diagnostics::default();
        assert_eq!(summary(&ds), None);
        ds.push(cell_warning());
        ds.push(Diagnostic::new(Severity::Warning, "k", "a.md", 1, "m"));
        ds.push(Diagnostic::new(Severity::Note, "k", "a.md", 2, "m"));
        assert_eq!(summary(&ds).unwrap(), "mdgen: 2 warnings, 1 note");
        ds.push(Diagnostic::new(Severity::Error, "k", "a.md", 3, "m"));
        let all = render_all(&ds, false);
        assert!(
            all.ends_with("mdgen: 1 error, 2 warnings, 1 note\n"),
            "{all}"
        );
        assert_eq!(all.matches("warning[").count(), 2);
    }
}
