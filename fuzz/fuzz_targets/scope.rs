#![no_main]
//! Certificate-scope YAML: parsing and the typed view never panic; the scope rules run.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| scs_oracles::scope(bytes));
