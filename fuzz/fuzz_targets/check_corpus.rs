#![no_main]
//! The whole check of a small corpus built from the input (split into documents at NUL
//! bytes, named after their first line): no rule panics, every finding's span is inside its
//! file.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| scs_oracles::check_corpus(bytes));
