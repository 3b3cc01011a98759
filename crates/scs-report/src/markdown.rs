//! The report as Markdown for the meeting minutes. Every text from outside (titles, logins,
//! labels) is escaped so that tables stay tables and nobody is notified.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::analysis::{PullRequestAnalysis, Section};
use crate::since::{ClosedAnalysis, LifecycleChange};
use crate::{Report, RepositoryReport};

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

/// A link to a pull request, when its URL is a plain `https://` one.
fn link(number: u64, url: &str) -> String {
    if url.starts_with("https://") && !url.contains([')', '(', ' ', '\n', '<', '>']) {
        format!("[#{number}]({url})")
    } else {
        format!("#{number}")
    }
}

fn pr_link(pr: &PullRequestAnalysis) -> String {
    link(pr.number, &pr.url)
}

fn login(author: Option<&str>) -> String {
    author.map(cell).unwrap_or_else(|| "(unknown)".into())
}

fn author(pr: &PullRequestAnalysis) -> String {
    login(pr.author.as_deref())
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

/// A lifecycle step in words, for a cell (the names it quotes lose their backticks, which the
/// cell would escape).
fn step(change: &LifecycleChange) -> String {
    let name = match &change.was {
        Some(was) => format!("{was} → {}", change.file_name),
        None => change.file_name.clone(),
    };
    cell(&format!("{name}: {}", change.transition.describe().replace('`', "")))
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# SCS standards: weekly report, {}\n", report.today);
    for repo in &report.repositories {
        let _ = writeln!(out, "{}\n", summary(repo, report.since));
    }
    match &report.lifecycle {
        Some(changes) => {
            let _ = writeln!(
                out,
                "The repository: {} lifecycle changes on the default branch since {}; {} follow-ups.\n",
                changes.len(),
                report.since,
                report.follow_ups.len()
            );
        }
        None => {
            let _ = writeln!(out, "The repository: {} follow-ups.\n", report.follow_ups.len());
        }
    }
    if report.repositories.is_empty() {
        let _ = writeln!(out, "Pull requests not fetched (offline).\n");
    }
    let window = format!("{} to {}", report.since, report.today);
    for repo in &report.repositories {
        repository(&mut out, repo, &window);
    }
    if let Some(changes) = &report.lifecycle {
        lifecycle(&mut out, changes, &window);
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

/// One line per repository: open pull requests by section, merged and closed in the window.
fn summary(repo: &RepositoryReport, since: jiff::civil::Date) -> String {
    let count = |s: Section| repo.pull_requests.iter().filter(|p| p.section == s).count();
    let mut line = format!(
        "{}: {} open pull requests: {} to discuss, {} blocked, {} stale",
        cell(&repo.repository),
        repo.pull_requests.len(),
        count(Section::Discuss),
        count(Section::Blocked),
        count(Section::Stale)
    );
    // Only a standards repository has "other" pull requests: elsewhere every one is to discuss.
    if repo.standards {
        let _ = write!(line, ", {} other", count(Section::Other));
    }
    if let Some(closed) = &repo.closed {
        let merged = closed.iter().filter(|c| c.merged).count();
        let _ = write!(line, "; since {since}: {merged} merged, {} closed without merge", closed.len() - merged);
    }
    line.push('.');
    line
}

fn repository(out: &mut String, repo: &RepositoryReport, window: &str) {
    let _ = writeln!(out, "## {}\n", cell(&repo.repository));
    if repo.standards {
        discuss(out, repo);
    } else {
        table(out, repo, Section::Discuss, "PRs to discuss", "Days since the last update", |p| p.idle_days.to_string());
    }
    table(out, repo, Section::Blocked, "Blocked", "Reasons", |p| {
        p.blocked.iter().map(|b| cell(&b.describe())).collect::<Vec<_>>().join("; ")
    });
    table(out, repo, Section::Stale, "Stale", "Days since the last update", |p| {
        p.stale_days.map(|d| d.to_string()).unwrap_or_default()
    });
    if repo.standards {
        table(out, repo, Section::Other, "Other open PRs", "New errors", new_errors);
    }
    if let Some(closed) = &repo.closed {
        since_last_meeting(out, closed, window, repo.standards);
    }
}

/// "Since the last meeting": the pull requests merged or closed in the window.
fn since_last_meeting(out: &mut String, closed: &[ClosedAnalysis], window: &str, standards: bool) {
    let _ = writeln!(out, "### Since the last meeting ({window})\n");
    if closed.is_empty() {
        let _ = writeln!(out, "No pull request merged or closed.\n");
        return;
    }
    if standards {
        let _ = writeln!(out, "| PR | Title | Author | Outcome | Transitions |");
        let _ = writeln!(out, "|---|---|---|---|---|");
    } else {
        let _ = writeln!(out, "| PR | Title | Author | Outcome |");
        let _ = writeln!(out, "|---|---|---|---|");
    }
    for pr in closed {
        let outcome = if pr.merged {
            format!("merged {} into {}", pr.date, cell(&pr.base_ref))
        } else {
            format!("closed {} without merge", pr.date)
        };
        let _ = write!(
            out,
            "| {} | {} | {} | {outcome} |",
            link(pr.number, &pr.url),
            cell(&pr.title),
            login(pr.author.as_deref())
        );
        if standards {
            let transitions = match &pr.transitions {
                Some(steps) if steps.is_empty() => "no lifecycle change".to_owned(),
                Some(steps) => steps.iter().map(step).collect::<Vec<_>>().join("<br>"),
                None if !pr.merged && pr.documents.is_empty() => "none".to_owned(),
                None if !pr.merged => format!(
                    "none, not merged (it touched {})",
                    pr.documents.iter().map(|d| cell(d)).collect::<Vec<_>>().join(", ")
                ),
                None => "not known: its merge commit is not among the local default branch's commits of the window"
                    .to_owned(),
            };
            let _ = write!(out, " {transitions} |");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// The lifecycle steps the local default branch received in the window.
fn lifecycle(out: &mut String, changes: &[LifecycleChange], window: &str) {
    let _ = writeln!(out, "## Since the last meeting: lifecycle changes on the default branch ({window})\n");
    if changes.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    let _ = writeln!(out, "| Date | Commit | PR | Change | Title | Track |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for change in changes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&change.date),
            cell(&change.commit),
            change.pull_request.map(|n| format!("#{n}")).unwrap_or_default(),
            step(change),
            change.title.as_deref().map(cell).unwrap_or_default(),
            change.track.as_deref().map(cell).unwrap_or_default()
        );
    }
    out.push('\n');
}

fn discuss(out: &mut String, repo: &RepositoryReport) {
    let _ = writeln!(out, "### PRs to discuss\n");
    let mut by_track: BTreeMap<(String, &str), Vec<&PullRequestAnalysis>> = BTreeMap::new();
    for pr in repo.pull_requests.iter().filter(|p| p.section == Section::Discuss) {
        let first = pr.changes.first();
        let track = first.and_then(|c| c.track.clone()).unwrap_or_else(|| "no track".into());
        let decided = first.map_or("unknown", |c| c.decided_by);
        by_track.entry((track, decided)).or_default().push(pr);
    }
    if by_track.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for ((track, decided), prs) in by_track {
        let _ = writeln!(out, "#### {} (decided by {decided})\n", cell(&track));
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
    repo: &RepositoryReport,
    section: Section,
    heading: &str,
    column: &str,
    value: impl Fn(&PullRequestAnalysis) -> String,
) {
    let _ = writeln!(out, "### {heading}\n");
    let prs: Vec<_> = repo.pull_requests.iter().filter(|p| p.section == section).collect();
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
