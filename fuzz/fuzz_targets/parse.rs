//! Bytes → IR: see `mdgen_fuzz::parse_target`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mdgen_fuzz::parse_target(data);
});
