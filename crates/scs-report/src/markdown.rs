//! The report as Markdown for the meeting minutes. Every text from outside (titles, logins,
//! labels) is escaped so that tables stay tables and nobody is notified.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::Report;
use crate::analysis::{PullRequestAnalysis, Section};

/// Text for a table cell: no line breaks, no Markdown or HTML, no `@mentions`.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            '\r' | '\n' | '\t' => out.push(' '),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 || out.ends_with(' ') => out.push_str("\\#"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // A zero-width space after `@` keeps GitHub from notifying anyone.
            '@' => out.push_str("@\u{200B}"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

fn pr_link(pr: &PullRequestAnalysis) -> String {
    let url = if pr.url.starts_with("https://") && !pr.url.contains([')', ' ', '\n']) { pr.url.as_str() } else { "" };
    if url.is_empty() { format!("#{}", pr.number) } else { format!("[#{}]({url})", pr.number) }
}

fn author(pr: &PullRequestAnalysis) -> String {
    pr.author.as_deref().map(cell).unwrap_or_else(|| "(unknown)".into())
}

fn documents(pr: &PullRequestAnalysis) -> String {
    pr.changes.iter().map(|c| cell(c.path.rsplit('/').next().unwrap_or(&c.path))).collect::<Vec<_>>().join("<br>")
}

fn new_errors(pr: &PullRequestAnalysis) -> String {
    if pr.new_errors.is_empty() {
        return "none".into();
    }
    let mut rules: Vec<&str> = pr.new_errors.iter().map(|e| e.rule).collect();
    rules.dedup();
    format!("{} ({})", pr.new_errors.len(), rules.join(", "))
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let count = |s: Section| report.pull_requests.iter().filter(|p| p.section == s).count();
    let _ = writeln!(out, "# SCS standards: weekly report, {}\n", report.today);
    match &report.repository {
        Some(repo) => {
            let _ = writeln!(
                out,
                "{}: {} open pull requests: {} to discuss, {} blocked, {} stale, {} other; {} follow-ups in the repository.\n",
                cell(repo),
                report.pull_requests.len(),
                count(Section::Discuss),
                count(Section::Blocked),
                count(Section::Stale),
                count(Section::Other),
                report.follow_ups.len()
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Pull requests not fetched (offline); {} follow-ups in the repository.\n",
                report.follow_ups.len()
            );
        }
    }
    if report.repository.is_some() {
        discuss(&mut out, report);
        table(&mut out, report, Section::Blocked, "Blocked", "Reasons", |p| {
            p.blocked.iter().map(|b| cell(&b.describe())).collect::<Vec<_>>().join("; ")
        });
        table(&mut out, report, Section::Stale, "Stale", "Days since the last update", |p| {
            p.stale_days.map(|d| d.to_string()).unwrap_or_default()
        });
        table(&mut out, report, Section::Other, "Other open PRs", "New errors", new_errors);
    }
    let _ = writeln!(out, "## Follow-ups in the repository\n");
    if report.follow_ups.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for f in &report.follow_ups {
        let _ = writeln!(out, "- {}", cell(&f.describe()));
    }
    if !report.follow_ups.is_empty() {
        out.push('\n');
    }
    if !report.missing.is_empty() {
        let _ = writeln!(out, "## Not in this report\n");
        for m in &report.missing {
            let _ = writeln!(out, "- {}", cell(m));
        }
        out.push('\n');
    }
    out
}

fn discuss(out: &mut String, report: &Report) {
    let _ = writeln!(out, "## PRs to discuss\n");
    let mut by_track: BTreeMap<(String, &str), Vec<&PullRequestAnalysis>> = BTreeMap::new();
    for pr in report.pull_requests.iter().filter(|p| p.section == Section::Discuss) {
        let first = pr.changes.first();
        let track = first.and_then(|c| c.track.clone()).unwrap_or_else(|| "no track".into());
        let decided = first.map_or("unknown", |c| c.decided_by);
        by_track.entry((track, decided)).or_default().push(pr);
    }
    if by_track.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for ((track, decided), prs) in by_track {
        let _ = writeln!(out, "### {} (decided by {decided})\n", cell(&track));
        let _ = writeln!(out, "| PR | Title | Author | Documents | Transition | New errors |");
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        for pr in prs {
            let transitions: Vec<&str> = pr.changes.iter().map(|c| c.transition.describe()).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                pr_link(pr),
                cell(&pr.title),
                author(pr),
                documents(pr),
                transitions.join("<br>"),
                new_errors(pr)
            );
        }
        out.push('\n');
    }
}

fn table(
    out: &mut String,
    report: &Report,
    section: Section,
    heading: &str,
    column: &str,
    value: impl Fn(&PullRequestAnalysis) -> String,
) {
    let _ = writeln!(out, "## {heading}\n");
    let prs: Vec<_> = report.pull_requests.iter().filter(|p| p.section == section).collect();
    if prs.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    let _ = writeln!(out, "| PR | Title | Author | {column} |");
    let _ = writeln!(out, "|---|---|---|---|");
    for pr in prs {
        let _ = writeln!(out, "| {} | {} | {} | {} |", pr_link(pr), cell(&pr.title), author(pr), value(pr));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_in_its_cell() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(
            cell("# Title `code` <script>alert(1)</script>"),
            "\\# Title \\`code\\` &lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(cell("ping @someone and @org/team"), "ping @\u{200B}someone and @\u{200B}org/team");
        assert_eq!(
            cell("[link](https://x) **bold** a_b ~x~ \\"),
            "\\[link\\](https://x) \\*\\*bold\\*\\* a\\_b \\~x\\~ \\\\"
        );
        assert_eq!(cell("nul\u{0}byte"), "nulbyte");
    }
}
