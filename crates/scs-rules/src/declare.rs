//! The two macros that declare rules where they live: `declare_rules!` in each rule file and
//! `rule_modules!` over the rule modules. They only expand; nothing here runs.

/// Declares the rules of one rule file, each a unit struct with everything about it in one
/// place (as clippy's `declare_lint!` does): id, default severity, the checks it takes part in
/// (`kinds`: `document`, `corpus`, `scope`, `history`, `engine`), its groups, summary and
/// explanation. The checks are implemented beside it. It also generates the file's
/// `register`, which `rule_modules!` collects into the registry: one invocation per file.
#[macro_export]
macro_rules! declare_rules {
    ($(
        $(#[$doc:meta])*
        pub $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            kinds: [$($kind:ident),+ $(,)?],
            groups: [$($group:ident),* $(,)?],
            summary: $summary:literal,
            explanation: $explanation:literal $(,)?
        }
    )+) => {
        $(
            $(#[$doc])*
            pub struct $name;

            impl $name {
                pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                    id: $id,
                    default_severity: $crate::diagnostic::Severity::$severity,
                    summary: $summary,
                    explanation: $explanation,
                    groups: &[$(&$crate::groups::$group),*],
                };
            }

            impl $crate::rule::Rule for $name {
                fn meta(&self) -> &'static $crate::rule::RuleMeta {
                    &Self::META
                }
            }
        )+

        /// Adds the rules of this file to the registry, in declaration order.
        pub(crate) fn register(into: &mut Vec<$crate::rule::Registration>) {
            $(
                into.push($crate::rule::Registration::new(&$name::META)$(.$kind(&$name))+);
            )+
        }
    };
}

/// Declares the rule modules of a folder (`pub mod` each) and collects their registrations in
/// the order given: adding a rule file is adding its name here. Attributes on a name (such as
/// `#[cfg(test)]`) apply to its module and its registration.
#[macro_export]
macro_rules! rule_modules {
    ($($(#[$attr:meta])* $module:ident),+ $(,)?) => {
        $($(#[$attr])* pub mod $module;)+

        /// Adds the rules of these modules to the registry.
        pub(crate) fn register(into: &mut Vec<$crate::rule::Registration>) {
            $($(#[$attr])* $module::register(into);)+
        }
    };
}
