//! How a fuzz input becomes a run of mdgen: shared by the fuzz targets and `cargo xtask fuzz`
//! (which writes seeds in this format).
//!
//! An input is chunks separated by the byte `0x1E` (ASCII record separator):
//!
//! - a chunk that starts with `!` holds options, words separated by white space:
//!   `dialect=<go|php|...>`, `wire=<snake_case|camelCase|...>`, `flat` (no tri-state),
//!   `model=<Name>:<case>`, `rename=<Model>.<member>:<key>`; other words are ignored;
//! - any other chunk is a file: its first line is the path (`doc<i>.md` when empty), the rest
//!   its bytes.
//!
//! Paths are made unique (the facade never passes one file twice).

use mdgen_ir::WireCase;
use mdgen_parse::{Dialect, InputFile, Options};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The separator of chunks.
pub const SEPARATOR: u8 = 0x1E;

/// At most this many files are taken from one input.
pub const MAX_FILES: usize = 64;

/// One run: the files and the settings.
#[derive(Debug, Clone, Default)]
pub struct Case {
    pub files: Vec<InputFile>,
    pub options: Options,
    pub tri_state: bool,
}

/// Decodes a fuzz input; every byte string is some case.
pub fn decode(data: &[u8]) -> Case {
    let mut case = Case {
        tri_state: true,
        ..Case::default()
    };
    let mut paths = BTreeSet::new();
    for chunk in data.split(|&b| b == SEPARATOR) {
        if let Some(words) = chunk.strip_prefix(b"!") {
            options(&String::from_utf8_lossy(words), &mut case);
            continue;
        }
        if case.files.len() == MAX_FILES {
            continue;
        }
        let (first, bytes) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], &chunk[i + 1..]),
            None => (chunk, &[][..]),
        };
        let mut path = String::from_utf8_lossy(first).trim().to_string();
        if path.is_empty() {
            path = format!("doc{}.md", case.files.len());
        }
        while !paths.insert(path.clone()) {
            path.push('~');
        }
        case.files.push(InputFile {
            path: PathBuf::from(path),
            bytes: bytes.to_vec(),
        });
    }
    case
}

/// Encodes files and an options line into one input (the inverse of [`decode`]).
pub fn encode(options: &str, files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    if !options.is_empty() {
        out.push(b'!');
        out.extend_from_slice(options.as_bytes());
    }
    for (path, bytes) in files {
        if !out.is_empty() {
            out.push(SEPARATOR);
        }
        out.extend_from_slice(path.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(bytes);
    }
    out
}

fn options(words: &str, case: &mut Case) {
    for word in words.split_whitespace() {
        let (key, value) = word.split_once('=').unwrap_or((word, ""));
        match key {
            "dialect" => case.options.dialect = value.parse::<Dialect>().ok(),
            "wire" => case.options.wire_case = value.parse::<WireCase>().ok(),
            "flat" => case.tri_state = false,
            "model" => {
                if let Some((name, wire)) = value.split_once(':') {
                    let model = case.options.models.entry(name.to_string()).or_default();
                    model.wire_case = wire.parse::<WireCase>().ok();
                }
            }
            "rename" => {
                if let Some((target, key)) = value.split_once(':') {
                    if let Some((model, member)) = target.split_once('.') {
                        let model = case.options.models.entry(model.to_string()).or_default();
                        model.rename.insert(member.to_string(), key.to_string());
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_then_decode() {
        let files = vec![
            ("a/x.md".to_string(), b"# X\n".to_vec()),
            ("a/x.md".to_string(), b"# Y\n".to_vec()),
            (String::new(), Vec::new()),
        ];
        let case = decode(&encode("dialect=go wire=snake_case flat", &files));
        assert_eq!(case.options.dialect, Some(Dialect::Go));
        assert_eq!(case.options.wire_case, Some(WireCase::Snake));
        assert!(!case.tri_state);
        let paths: Vec<_> = case.files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(paths, ["a/x.md", "a/x.md~", "doc2.md"].map(PathBuf::from));
        assert_eq!(case.files[1].bytes, b"# Y\n");
    }
}

/// What every diagnostic must be: about one of the files, at a line it has (or 0, the whole
/// file), pointing into its snippet at character boundaries.
pub fn check_diagnostics(files: &[InputFile], diagnostics: &mdgen_ir::Diagnostics) {
    for d in diagnostics.iter() {
        if d.file.as_os_str().is_empty() && d.line == 0 {
            continue; // about the settings, not a file
        }
        let Some(file) = files.iter().find(|f| f.path == d.file) else {
            panic!("a diagnostic names no input file: {d:?}");
        };
        let lines = line_count(&file.bytes);
        assert!(
            (d.line as usize) <= lines,
            "line {} of a file of {lines} lines: {d:?}",
            d.line
        );
        if let (Some(source), Some(span)) = (&d.source_line, &d.span) {
            assert!(
                span.start <= span.end
                    && span.end <= source.len()
                    && source.is_char_boundary(span.start)
                    && source.is_char_boundary(span.end),
                "span outside its line: {d:?}"
            );
        }
    }
}

/// Lines as an editor counts them: ended by `\n`, `\r\n` or a lone `\r`.
fn line_count(bytes: &[u8]) -> usize {
    let lone_cr = bytes
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(bytes.last() == Some(&b'\r'));
    bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1
}

/// The `parse` target: bytes → IR. Parsing never panics; the IR always prints as JSON (what
/// `mdgen ir` does); every diagnostic is in bounds.
pub fn parse_target(data: &[u8]) -> mdgen_parse::Parsed {
    let case = decode(data);
    let parsed = mdgen_parse::parse(&case.files, &case.options);
    check_diagnostics(&case.files, &parsed.diagnostics);
    if let Err(e) = serde_json::to_string(&parsed.schema) {
        panic!("the IR does not print as JSON: {e}");
    }
    parsed
}

/// The `pipeline` target: bytes → Rust source. Never panics; the source parses with syn; the
/// diagnostics are in bounds and render; the output does not depend on the order of the files.
pub fn pipeline_target(data: &[u8]) -> (mdgen_ir::Diagnostics, String) {
    let case = decode(data);
    let options = mdgen_emit::Options {
        tri_state: case.tri_state,
        ..mdgen_emit::Options::default()
    };
    let parsed = mdgen_parse::parse(&case.files, &case.options);
    let emitted = mdgen_emit::emit(&parsed.schema, &options);
    if let Err(e) = syn::parse_file(&emitted.code) {
        panic!("the generated code does not parse: {e}\n{}", emitted.code);
    }
    let mut diagnostics = parsed.diagnostics.clone();
    diagnostics.extend(emitted.diagnostics.clone());
    check_diagnostics(&case.files, &diagnostics);
    for d in diagnostics.iter() {
        let _ = mdgen::render::render(d, false);
        let _ = mdgen::render::render(d, true);
    }

    let mut reversed = case.files.clone();
    reversed.reverse();
    let again = mdgen_parse::parse(&reversed, &case.options);
    assert_eq!(
        again.diagnostics, parsed.diagnostics,
        "diagnostics depend on file order"
    );
    let again = mdgen_emit::emit(&again.schema, &options);
    assert_eq!(again.code, emitted.code, "code depends on file order");
    (diagnostics, emitted.code)
}
