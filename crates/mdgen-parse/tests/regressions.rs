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

/// The same for what a broken copy says of a field: its damaged Example cell (or link) must
/// not replace the intact doc's, from which the enum for a missing doc is inferred (found by
/// the mangled-docs property test: the intact docs' `...Categories` enum disappeared).
#[test]
fn a_damaged_example_or_link_does_not_replace_the_intact_ones() {
    let doc = |link: &[u8], example: &[u8]| {
        let mut d = b"# Pet\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n| `kind` | [".to_vec();
        d.extend_from_slice(link);
        d.extend_from_slice(b"](kind.md) | :heavy_minus_sign: | N/A | ");
        d.extend_from_slice(example);
        d.extend_from_slice(b" |\n");
        d
    };
    let intact = doc(b"PetKind", b"\"dog\"");
    for broken in [
        doc(b"PetKind", b"\"dog\"\xFF"),
        doc(b"Pet\xFF\xC3(Kind", b"\"dog\""),
    ] {
        for broken_path in ["a/broken.md", "z/broken.md"] {
            let files = [file("m/pet.md", &intact), file(broken_path, &broken)];
            let parsed = parse(&files, &Options::default());
            let names: Vec<_> = parsed.schema.types.keys().map(|n| n.0.as_str()).collect();
            assert_eq!(names, ["Pet", "PetKind"], "{broken_path}");
        }
    }
    // Not fused: another model whose link is damaged, read first.
    let other = doc(b"Pet\xFFKind", b"\"cat\"");
    let other = String::from_utf8_lossy(&other).replacen("# Pet", "# Other", 1);
    let files = [
        file("a/other.md", other.as_bytes()),
        file("m/pet.md", &intact),
    ];
    let parsed = parse(&files, &Options::default());
    let names: Vec<_> = parsed.schema.types.keys().map(|n| n.0.as_str()).collect();
    assert_eq!(names, ["Other", "Pet", "PetKind"]);
}
