#![no_main]
//! File names: parsing never panics, and what parses prints back to its id.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| scs_oracles::file_name(text));
