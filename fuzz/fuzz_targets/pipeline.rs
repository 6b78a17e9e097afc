//! Bytes → Rust source that parses: see `mdgen_fuzz::pipeline_target`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mdgen_fuzz::pipeline_target(data);
});
