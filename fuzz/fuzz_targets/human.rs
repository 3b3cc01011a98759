#![no_main]
//! See `scs_oracles::human` for the property.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| scs_oracles::human(bytes));
