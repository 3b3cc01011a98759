#![no_main]
//! See `scs_oracles::check_and_fix` for the property.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| scs_oracles::check_and_fix(bytes));
