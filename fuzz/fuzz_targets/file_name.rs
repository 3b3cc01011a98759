#![no_main]
//! File names: parsing never panics, and what parses prints back to its id.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|name: &str| {
    if let Ok(parsed) = scs_core::DocName::parse(name) {
        let id = parsed.id.to_string();
        assert!(id.starts_with("scs-"));
        assert_eq!(scs_core::DocId::parse(&id).map(|i| i.to_string()), Some(id));
    }
    let _ = scs_core::DocId::parse(name);
});
