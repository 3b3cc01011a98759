//! The vocabulary of SCS-0001: document types, statuses and tracks.

use std::fmt;

macro_rules! scs_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in SCS-0001's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling SCS-0001 uses in front matter.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the exact spelling of SCS-0001 (case-sensitive, as the docs site reads it).
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The allowed spellings, quoted and comma-separated, for messages.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| format!("`{}`", v.as_str())).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// The keys of SCS-0001's metadata table, in its order.
pub const METADATA_KEYS: &[&str] = &[
    "type",
    "status",
    "track",
    "supplements",
    "deprecated_at",
    "stabilized_at",
    "rejected_at",
    "replaced_by",
    "replaces",
];

/// The keys whose values name other documents by file name (a string or a list).
pub const REFERENCE_KEYS: &[&str] = &["replaces", "replaced_by", "supplements"];

/// The lifecycle dates (`YYYY-MM-DD`).
pub const DATE_KEYS: &[&str] = &["stabilized_at", "deprecated_at", "rejected_at"];

/// The keys the docs site (Docusaurus) reads.
pub const SITE_KEYS: &[&str] = &["title", "description", "sidebar_label", "sidebar_position", "tags", "keywords"];

scs_enum!(
    /// The `type` of a document.
    DocType {
        Procedural => "Procedural",
        Standard => "Standard",
        DecisionRecord => "Decision Record",
        Supplement => "Supplement",
    }
);

scs_enum!(
    /// The `status` of a document; `Proposal` is the obsolete spelling of a new `Draft`.
    Status {
        Draft => "Draft",
        Stable => "Stable",
        Deprecated => "Deprecated",
        Rejected => "Rejected",
        Proposal => "Proposal",
    }
);

scs_enum!(
    /// The `track` of a document; the second digit of its number names it too.
    Track {
        Global => "Global",
        IaaS => "IaaS",
        KaaS => "KaaS",
        Iam => "IAM",
        Ops => "Ops",
        Scopes => "Scopes",
    }
);

impl Track {
    /// The digit SCS-0001 assigns to the track (the second digit of a document number).
    pub const fn digit(self) -> u16 {
        match self {
            Track::Global => 0,
            Track::IaaS => 1,
            Track::KaaS => 2,
            Track::Iam => 3,
            Track::Ops => 4,
            Track::Scopes => 5,
        }
    }

    /// The track a document number belongs to, from its second digit.
    pub fn of_number(number: u16) -> Option<Self> {
        let digit = (number / 100) % 10;
        Self::ALL.iter().copied().find(|t| t.digit() == digit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_is_exact() {
        assert_eq!(DocType::parse("Decision Record"), Some(DocType::DecisionRecord));
        assert_eq!(DocType::parse("decision record"), None);
        assert_eq!(Track::parse("IAM"), Some(Track::Iam));
        assert_eq!(Status::parse("Stable "), None);
    }

    #[test]
    fn track_of_number_reads_second_digit() {
        assert_eq!(Track::of_number(100), Some(Track::IaaS));
        assert_eq!(Track::of_number(1), Some(Track::Global));
        assert_eq!(Track::of_number(502), Some(Track::Scopes));
        assert_eq!(Track::of_number(910), None);
    }

    #[test]
    fn expected_lists_every_spelling() {
        assert_eq!(Status::expected(), "`Draft`, `Stable`, `Deprecated`, `Rejected`, `Proposal`");
    }
}
