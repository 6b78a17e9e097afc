//! Inputs that once went wrong (found by fuzzing, `cargo xtask fuzz`, and by the mangled-docs
//! property test of the facade), kept so they stay right.

use mdgen_parse::{parse, InputFile, Options};

fn file(path: &str, bytes: &[u8]) -> InputFile {
    InputFile {
        path: path.into(),
        bytes: bytes.to_vec(),
    }
}

const PET: &str = "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *string* | :heavy_check_mark: | N/A |\n| `name` | *string* | :heavy_minus_sign: | N/A |\n";

/// A copy of a doc whose heading holds bytes that are not UTF-8 fuses with the intact doc (the
/// names match once normalized), but must not rename the intact doc's model, whichever path
/// sorts first.
#[test]
fn a_heading_with_invalid_utf8_does_not_rename_the_intact_model() {
    // `# P\xFF\xC3(et`: the heading reads `P��(et`.
    let mut broken_bytes = PET.as_bytes().to_vec();
    broken_bytes.splice(3..3, [0xFF, 0xC3, b'(']);
    for broken_path in ["a/broken.md", "z/broken.md"] {
        let files = [
            file("m/pet.md", PET.as_bytes()),
            file(broken_path, &broken_bytes),
        ];
        let parsed = parse(&files, &Options::default());
        let names: Vec<_> = parsed.schema.types.keys().map(|n| n.0.as_str()).collect();
        assert!(names.contains(&"Pet"), "{broken_path}: {names:?}");
        let utf8 = parsed.diagnostics.iter().find(|d| d.kind == "invalid-utf8");
        assert_eq!(
            utf8.map(|d| (d.file.to_str(), d.line)),
            Some((Some(broken_path), 1))
        );
    }
}
