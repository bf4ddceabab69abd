//! Fuzz target `slug`: see `fuzz/checks.rs` for what is checked.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::slug(data));
