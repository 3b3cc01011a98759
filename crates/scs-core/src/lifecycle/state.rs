//! A document's lifecycle state on a given day, from its dates as the docs site defines it:
//! the one notion that the site's pages, `scs list` and the editor's hover share.

use crate::document::Document;

/// The state of a document on a day.
///
/// - draft: no `stabilized_at`;
/// - deprecated: `deprecated_at` on or before the day;
/// - effective: otherwise (`stabilized_later`: `stabilized_at` is still ahead, so it is Stable
///   but not yet in effect; `deprecated_later`: `deprecated_at` is set and still ahead);
/// - rejected: `status: Rejected`, whatever the dates.
///
/// Dates compare as ISO text (`YYYY-MM-DD`), as the site does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum LifecycleState {
    Draft,
    Effective { stabilized_later: bool, deprecated_later: bool },
    Deprecated,
    Rejected,
}

impl LifecycleState {
    /// The state of `doc` on `today` (`YYYY-MM-DD`).
    pub fn of(doc: &Document, today: &str) -> Self {
        if doc.scalar("status") == Some("Rejected") {
            return Self::Rejected;
        }
        let Some(stabilized) = doc.date("stabilized_at") else { return Self::Draft };
        let deprecated = doc.date("deprecated_at");
        match deprecated {
            Some(d) if d <= today => Self::Deprecated,
            _ => Self::Effective { stabilized_later: stabilized > today, deprecated_later: deprecated.is_some() },
        }
    }

    /// The word for it in the vocabulary of `status`: a supplement, which has no status, is
    /// shown so.
    pub fn word(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Effective { .. } => "Stable",
            Self::Deprecated => "Deprecated",
            Self::Rejected => "Rejected",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(front: &str, today: &str) -> LifecycleState {
        let text = format!("---\n{front}---\n");
        LifecycleState::of(
            &Document::parse("Standards/scs-0100-v1-a.md".into(), "scs-0100-v1-a.md".into(), text.into_bytes()),
            today,
        )
    }

    #[test]
    fn states_by_date() {
        use LifecycleState::*;
        assert_eq!(state("status: Draft\n", "2026-01-01"), Draft);
        assert_eq!(state("stabilized_at: ~\n", "2026-01-01"), Draft);
        assert_eq!(
            state("stabilized_at: 2025-01-01\n", "2026-01-01"),
            Effective { stabilized_later: false, deprecated_later: false }
        );
        assert_eq!(
            state("stabilized_at: 2027-01-01\n", "2026-01-01"),
            Effective { stabilized_later: true, deprecated_later: false }
        );
        let later = "stabilized_at: 2025-01-01\ndeprecated_at: 2026-01-01\n";
        assert_eq!(state(later, "2025-12-31"), Effective { stabilized_later: false, deprecated_later: true });
        assert_eq!(state(later, "2026-01-01"), Deprecated, "on the day itself");
        assert_eq!(state("status: Rejected\nstabilized_at: 2025-01-01\n", "2026-01-01"), Rejected);
    }
}
