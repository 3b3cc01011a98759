//! "Did you mean": the one place that picks the candidate closest to a mistyped word, for
//! rule ids on the command line and in the configuration, configuration keys, and the values
//! the rules check (tracks, statuses, document names).

/// The candidate closest to `word`, if it is close enough to be a likely typo: a spelling at
/// most a few edits away (case-insensitive Damerau–Levenshtein, normalised, at least 0.6), or
/// a candidate that `word` abbreviates (`docs` → `docs-base-url`).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.trim().to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let candidate = c.to_lowercase();
            let abbreviates = word.chars().count() >= 3 && candidate.starts_with(&word);
            (if abbreviates { 1.0 } else { strsim::normalized_damerau_levenshtein(&word, &candidate) }, c)
        })
        .filter(|&(score, _)| score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `did you mean `x`?` for `word` among `candidates`, if one is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_abbreviations_only() {
        let tracks = ["Global", "IaaS", "KaaS", "IAM", "Ops"];
        assert_eq!(closest("iaas", tracks), Some("IaaS"));
        assert_eq!(closest("Kaas", tracks), Some("KaaS"));
        assert_eq!(closest("Storage", tracks), None);
        assert_eq!(closest("Stabel", ["Draft", "Stable", "Deprecated"]), Some("Stable"));
        assert_eq!(closest("slug-fromat", ["slug-format", "slug-style"]), Some("slug-format"));
        assert_eq!(closest("docs", ["docs-base-url", "repository-url"]), Some("docs-base-url"));
        assert_eq!(closest("", ["a"]), None);
        assert_eq!(closest("I", ["IaaS", "IAM"]), None, "too short to abbreviate");
        assert_eq!(did_you_mean("enable", ["enabled"]).as_deref(), Some("did you mean `enabled`?"));
    }
}
