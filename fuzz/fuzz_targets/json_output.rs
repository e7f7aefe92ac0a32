//! Fuzz target: see `checks::json_output` for the promise it holds persona to.

#![no_main]

#[path = "../checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    checks::json_output(&String::from_utf8_lossy(data));
});
