//! Bytes → Rust source: never panics, the source always parses with syn, diagnostics render,
//! and the output does not depend on the order of the files.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let case = mdgen_fuzz::decode(data);
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
    mdgen_fuzz::check_diagnostics(&case.files, &diagnostics);
    let _ = mdgen::render::render_all(&diagnostics, false);
    let _ = mdgen::render::render_all(&diagnostics, true);

    let mut reversed = case.files.clone();
    reversed.reverse();
    let again = mdgen_parse::parse(&reversed, &case.options);
    assert_eq!(
        again.diagnostics, parsed.diagnostics,
        "diagnostics depend on file order"
    );
    let again = mdgen_emit::emit(&again.schema, &options);
    assert_eq!(again.code, emitted.code, "code depends on file order");
});
