#![no_main]
//! Whole documents from arbitrary bytes: parsing never panics; headings and links have spans
//! inside the text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let doc = scs_core::Document::parse("Standards/scs-0100-v1-a.md".into(), "scs-0100-v1-a.md".into(), bytes.to_vec());
    for span in doc.body.headings.iter().map(|h| h.span).chain(doc.body.links.iter().map(|l| l.span)) {
        assert!(span.end <= doc.text.len() && doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end));
    }
});
