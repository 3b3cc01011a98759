//! "Did you mean": the one place that picks the candidate closest to a mistyped word, for
//! rule ids on the command line and in the configuration, configuration keys, and the values
//! the rules check (tracks, statuses, document names).

/// The candidate closest to `word`, if it is close enough to be a likely typo: a spelling at
/// most a few edits away (case-insensitive Damerau–Levenshtein, normalised, at least 0.6), or
/// a candidate that `word` abbreviates (`docs` → `docs-base-url`).
///
/// The cost is bounded per candidate: words and candidates longer than [`MAX_LEN`] characters
/// are not compared, nor are candidates whose length alone rules them out.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.trim().to_lowercase();
    let len = word.chars().count();
    if len > MAX_LEN {
        return None;
    }
    candidates
        .into_iter()
        .filter_map(|c| {
            let candidate = c.to_lowercase();
            let abbreviates = len >= 3 && candidate.starts_with(&word);
            if abbreviates {
                return Some((1.0, c));
            }
            // The edit distance is at least the difference of the lengths.
            let other = candidate.chars().count();
            if other > MAX_LEN || len.abs_diff(other) as f64 > 0.4 * len.max(other) as f64 {
                return None;
            }
            Some((strsim::normalized_damerau_levenshtein(&word, &candidate), c))
        })
        .filter(|&(score, _)| score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Longer words are not typos scs guesses at.
pub const MAX_LEN: usize = 64;

/// How many "did you mean" a rule computes for one document: each costs a pass over the
/// candidates, so a document with thousands of unknown names costs linear time, not names ×
/// candidates. Later findings of the document come without the suggestion.
pub const PER_DOCUMENT: usize = 10;

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
