//! Parsing never panics: every prefix of every fixture doc, and notations built to hurt.

use mdgen_parse::{parse, Dialect, InputFile, Options};
use std::path::{Path, PathBuf};

fn fixture_docs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fixture_docs(&path, out);
        } else if path.extension().is_some_and(|x| x == "md" || x == "mdx") {
            out.push(path);
        }
    }
}

fn parse_one(text: &str, dialect: Option<Dialect>) -> usize {
    let file = InputFile {
        path: "doc.md".into(),
        bytes: text.as_bytes().to_vec(),
    };
    let options = Options {
        dialect,
        ..Options::default()
    };
    parse(&[file], &options).schema.types.len()
}

#[test]
fn every_prefix_of_every_fixture_parses() {
    let mut docs = Vec::new();
    fixture_docs(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut docs,
    );
    assert!(docs.len() > 20, "{docs:?}");
    let mut parsed = 0;
    for doc in docs {
        let text = std::fs::read_to_string(&doc).unwrap();
        let cuts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .step_by(13)
            .chain([text.len()])
            .collect();
        for cut in cuts {
            parsed += parse_one(&text[..cut], None);
        }
    }
    assert!(parsed > 0);
}

#[test]
fn hostile_notations_are_reported_not_fatal() {
    let deep =
        |open: &str, close: &str| format!("{}string{}", open.repeat(5000), close.repeat(5000));
    let cells = [
        deep("List[", "]"),
        deep("T.nilable(", ")"),
        deep("array<", ">"),
        deep("*", ""),
        deep("?", ""),
        deep("[]", ""),
        deep("{ [k: string]: ", " }"),
        deep("(", ")"),
        deep("*[", "](x.md)*"),
        "\"unterminated".to_string(),
        "`".repeat(3000),
        "| \\| ".repeat(2000),
        "Literal[\"__a__\", **b**, _c_]".to_string(),
        "ArrayOf".repeat(3000),
        "\u{0}\u{1}\u{202e}é漢字🦀".to_string(),
    ];
    for cell in &cells {
        let doc = format!(
            "# M\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `a` | {cell} | :heavy_check_mark: | N/A |\n\n## Supported Types\n\n### {cell}\n\n```go\nm := x.CreateM{cell}({cell}{{}})\n```\n"
        );
        for dialect in [
            None,
            Some(Dialect::Go),
            Some(Dialect::CSharp),
            Some(Dialect::Php),
        ] {
            assert_eq!(parse_one(&doc, dialect), 1, "{cell:.40}");
        }
    }
}
