#![no_main]
//! Front matter: locating and parsing never panic, every span lies on character boundaries
//! inside the text.

use libfuzzer_sys::fuzz_target;
use scs_core::front_matter::{self, Block};

fuzz_target!(|text: &str| {
    if let Block::Closed { yaml, .. } = front_matter::locate(text, 0) {
        match front_matter::parse(text, yaml) {
            Ok(fm) => {
                for entry in &fm.entries {
                    for span in [entry.key_span, entry.value.span] {
                        assert!(span.start <= span.end && span.end <= text.len());
                        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                    }
                }
            }
            Err(e) => assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start)),
        }
    }
});
