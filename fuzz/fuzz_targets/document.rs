#![no_main]
//! Whole documents from arbitrary bytes: parsing never panics; headings and links have spans
//! inside the text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| scs_oracles::document(bytes));
