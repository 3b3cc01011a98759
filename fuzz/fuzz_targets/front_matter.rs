#![no_main]
//! Front matter: locating and parsing never panic, every span lies on character boundaries
//! inside the text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| scs_oracles::front_matter(text));
