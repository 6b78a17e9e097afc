//! Bytes → IR: parsing never panics, and the IR always prints as JSON (`mdgen ir`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let case = mdgen_fuzz::decode(data);
    let parsed = mdgen_parse::parse(&case.files, &case.options);
    mdgen_fuzz::check_diagnostics(&case.files, &parsed.diagnostics);
    if let Err(e) = serde_json::to_string(&parsed.schema) {
        panic!("the IR does not print as JSON: {e}");
    }
});
