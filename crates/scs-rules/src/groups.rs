//! The named groups of rules for `--select` and `--ignore`. A rule joins a group in its own
//! declaration (`groups: [LINKS]`); nothing here lists rules.

use crate::meta::Group;

pub const CHK_ADRS: Group = Group { name: "chk-adrs", description: "the checks of SCS's own Tests/chk_adrs.py" };
pub const LINKS: Group = Group { name: "links", description: "links and anchors in documents" };
pub const SCOPES: Group = Group { name: "scopes", description: "certificate-scope files (SCS-0003)" };
pub const LIFECYCLE: Group = Group { name: "lifecycle", description: "replacements and lifecycle across documents" };
pub const HISTORY: Group = Group {
    name: "history",
    description: "the past of documents, read from git (`scs check --history` or `--base REF`)",
};

/// The groups, in the order help texts list them.
pub static GROUPS: &[&Group] = &[&CHK_ADRS, &LINKS, &SCOPES, &LIFECYCLE, &HISTORY];
