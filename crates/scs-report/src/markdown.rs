//! The report as Markdown for the meeting minutes, in the order the meeting takes it. Every
//! text from outside (titles, logins, labels, file names, commit subjects) is escaped so that
//! tables stay tables, nothing renders as HTML or reorders text, and nobody is notified or
//! cross-referenced.

use std::fmt::Write;

use scs_core::lifecycle::Step;

use crate::analysis::{DocumentChange, PullRequestAnalysis, Wait};
use crate::facts::{Checks, Mergeable};
use crate::since::{Attribution, ClosedAnalysis};
use crate::{Report, RepositoryReport};

/// New errors listed per pull request; more are counted.
const ERRORS_SHOWN: usize = 5;

/// Text for a table cell or a list item: no line breaks, no Markdown or HTML, no `@mentions`,
/// no issue references (`#5`, `GH-7`, `owner/repo#5`), no bidirectional controls.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' | '\t' => out.push(' '),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `#5` links issue 5 and `owner/repo#5` another repository's; `&#35;` reads the
            // same and links nothing.
            '#' => out.push_str("&#35;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // A zero-width space after `@` keeps GitHub from notifying anyone.
            '@' => out.push_str("@\u{200B}"),
            // `GH-7` links issue 7: a zero-width space after the hyphen keeps it text.
            '-' if gh_reference(&out) => {
                out.push_str("-\u{200B}");
            }
            c if c.is_control() || scs_core::untrusted::is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// Whether `out` ends with a word `GH` (any case): a hyphen and digits after it would link an
/// issue.
fn gh_reference(out: &str) -> bool {
    let mut last = out.chars().rev();
    matches!((last.next(), last.next()), (Some('h' | 'H'), Some('g' | 'G')))
        && last.next().is_none_or(|c| !c.is_alphanumeric())
}

/// A link with `text` (already escaped) to `url`, when it is a plain `https://` one.
fn link(text: &str, url: &str) -> String {
    if url.starts_with("https://") && !url.contains([')', '(', ' ', '\n', '<', '>', '"', '\'', '`']) {
        format!("[{text}]({url})")
    } else {
        text.to_owned()
    }
}

fn pr_link(number: u64, url: &str) -> String {
    link(&format!("#{number}"), url)
}

fn login(author: Option<&str>) -> String {
    author.map(cell).unwrap_or_else(|| "(unknown)".into())
}

/// A step in words for a cell (the names it quotes lose their backticks, which a cell escapes).
fn step(step: &Step) -> String {
    cell(&step.describe().replace('`', ""))
}

fn steps(list: &[Step]) -> String {
    list.iter().map(step).collect::<Vec<_>>().join("; ")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn days(n: i64) -> String {
    plural(n.max(0) as usize, "day", "days")
}

/// A Markdown table: the header, then one row per item (cells already escaped).
fn table(out: &mut String, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |\n|{}", header.join(" | "), "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// Headings below the report's top level; deeper than 6, a bold line.
#[derive(Clone, Copy)]
struct Headings(u8);

impl Headings {
    fn write(self, out: &mut String, depth: u8, text: &str) {
        let level = self.0.saturating_add(depth);
        if level <= 6 {
            let _ = writeln!(out, "{} {text}\n", "#".repeat(level.into()));
        } else {
            let _ = writeln!(out, "**{text}**\n");
        }
    }
}

pub fn render(report: &Report) -> String {
    let h = Headings(report.heading_level.clamp(1, 6));
    let mut out = String::new();
    h.write(&mut out, 0, &format!("SCS standards: meeting report, {}", report.today));
    let _ = writeln!(out, "Since the last meeting: {} to {} (both days included).\n", report.since, report.today);
    clone_state(&mut out, report);
    for repo in &report.repositories {
        let _ = writeln!(out, "- {}", summary(repo, report));
    }
    if report.repositories.is_empty() {
        out.push_str("- Pull requests: not fetched (offline).\n");
    }
    match &report.lifecycle {
        Some(changes) => {
            let _ = writeln!(
                out,
                "- The default branch: {} since {}.",
                plural(
                    changes.len(),
                    "lifecycle step or edit of a Stable document",
                    "lifecycle steps and edits of Stable documents"
                ),
                report.since
            );
        }
        None => out.push_str("- The default branch: its lifecycle steps were not read (see \"Not in this report\").\n"),
    }
    let _ = writeln!(out, "- {} in the repository.\n", plural(report.follow_ups.len(), "follow-up", "follow-ups"));
    let standards = report.repositories.iter().position(|r| r.standards);
    for (i, repo) in report.repositories.iter().enumerate() {
        repository(&mut out, repo, report, h, standards == Some(i));
    }
    if standards.is_none() {
        h.write(&mut out, 1, &format!("Since the last meeting ({} to {})", report.since, report.today));
        lifecycle(&mut out, report);
    }
    h.write(&mut out, 1, "Follow-ups in the repository");
    if report.follow_ups.is_empty() {
        out.push_str("None.\n\n");
    } else {
        for f in &report.follow_ups {
            let _ = writeln!(out, "- {}", cell(&f.describe()));
        }
        out.push('\n');
    }
    if !report.missing.is_empty() {
        h.write(&mut out, 1, "Not in this report");
        for m in &report.missing {
            let _ = writeln!(out, "- {}", cell(m));
        }
        out.push('\n');
    }
    out
}

/// Whether the local clone, from which the steps and new errors are computed, is current.
fn clone_state(out: &mut String, report: &Report) {
    let Some(clone) = &report.clone else { return };
    let local = format!("{} of {}", cell(&clone.head), cell(&clone.head_date));
    match (clone.current, clone.has_remote_head) {
        (Some(true), _) => {
            let _ = writeln!(out, "The local clone is at GitHub's default branch ({local}).\n");
        }
        (Some(false), Some(true)) => {
            let _ = writeln!(
                out,
                "The local clone ({local}) is ahead of GitHub's default branch `{}` ({}): it has commits GitHub does not.\n",
                cell(clone.remote_branch.as_deref().unwrap_or("?")),
                cell(clone.remote_head.as_deref().unwrap_or("?"))
            );
        }
        (Some(false), _) => {
            let remote = match clone.remote_date {
                Some(date) => format!("{} of {date}", cell(clone.remote_head.as_deref().unwrap_or("?"))),
                None => cell(clone.remote_head.as_deref().unwrap_or("?")),
            };
            let _ = writeln!(
                out,
                "**The local clone is behind GitHub's default branch `{}`**: its HEAD is {local}, GitHub's is {remote}. The steps since the last meeting, the follow-ups and the new errors come from the local files: run `git pull` and make the report again.\n",
                cell(clone.remote_branch.as_deref().unwrap_or("?"))
            );
        }
        (None, _) if !report.repositories.is_empty() => {
            let _ = writeln!(
                out,
                "The local clone's newest commit is {local}; GitHub did not name its default branch's head, so whether the clone is behind is not known.\n"
            );
        }
        (None, _) => {
            let age = clone
                .head_date
                .parse::<jiff::civil::Date>()
                .map(|d| {
                    format!(
                        " ({} before the report)",
                        plural((report.today - d).get_days().max(0) as usize, "day", "days")
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "The local clone's newest commit is {local}{age}; offline, whether GitHub's default branch has newer commits is not known.\n"
            );
        }
    }
}

/// One line per repository: the sections' counts, then the window's.
fn summary(repo: &RepositoryReport, report: &Report) -> String {
    let mut parts = vec![
        plural(repo.decisions.len(), "decision for today", "decisions for today"),
        plural(repo.number_clashes.len(), "number clash", "number clashes"),
        format!("{} waiting on reviewers", repo.waiting_on_reviewers.len()),
        format!("{} on authors", repo.waiting_on_authors.len()),
        plural(repo.candidates_to_close.len(), "candidate to close", "candidates to close"),
        format!("{} ready to merge", repo.ready_to_merge.len()),
    ];
    if !repo.standards {
        parts.remove(1);
        parts.remove(0);
    }
    let mut line = format!(
        "{}: {}: {}",
        cell(&repo.repository),
        plural(repo.pull_requests.len(), "open pull request", "open pull requests"),
        parts.join(", ")
    );
    if repo.standards {
        let _ = write!(line, "; {}", plural(repo.decision_records.len(), "Decision Record", "Decision Records"));
    }
    if let Some(closed) = &repo.closed {
        let merged = closed.iter().filter(|c| c.merged).count();
        let _ = write!(
            line,
            ". Since {}: {} opened, {merged} merged, {} closed without merge",
            report.since,
            repo.opened.len(),
            closed.len() - merged
        );
    }
    line.push('.');
    line
}

/// A pull request of the repository by number (`pull_requests` is sorted by number).
fn find(repo: &RepositoryReport, number: u64) -> Option<&PullRequestAnalysis> {
    let i = repo.pull_requests.binary_search_by_key(&number, |p| p.number).ok()?;
    repo.pull_requests.get(i)
}

fn repository(out: &mut String, repo: &RepositoryReport, report: &Report, h: Headings, history: bool) {
    let name = cell(&repo.repository);
    h.write(out, 1, &repo.url.as_deref().map_or(name.clone(), |url| link(&name, url)));
    if repo.standards {
        decisions(out, repo, h);
    }
    // Empty sections are named in one line instead of a heading each.
    let mut empty: Vec<&str> = Vec::new();
    if repo.standards {
        clashes(out, repo, h, &mut empty);
    }
    reviewers(out, repo, h, &mut empty);
    authors(out, repo, h, false, report, &mut empty);
    authors(out, repo, h, true, report, &mut empty);
    ready(out, repo, h, &mut empty);
    if !empty.is_empty() {
        let _ = writeln!(out, "Nothing {}.\n", empty.join(", nothing "));
    }
    if repo.standards {
        decision_records(out, repo, h);
    }
    h.write(out, 2, &format!("Since the last meeting ({} to {})", report.since, report.today));
    if history {
        lifecycle(out, report);
    }
    window(out, repo, report);
}

fn checks(pr: &PullRequestAnalysis) -> &'static str {
    match pr.checks {
        Checks::Success => "checks pass",
        Checks::Pending => "checks pending",
        Checks::Failure => "checks fail",
        Checks::None => "no checks",
    }
}

fn mergeable(pr: &PullRequestAnalysis) -> &'static str {
    match pr.mergeable {
        Mergeable::Mergeable => "mergeable",
        Mergeable::Conflicting => "merge conflict",
        Mergeable::Unknown => "mergeability not known yet",
    }
}

fn requested(pr: &PullRequestAnalysis) -> String {
    if pr.review_requests.is_empty() {
        return "nobody".into();
    }
    pr.review_requests
        .iter()
        .map(|r| {
            let who = if r.team { format!("team {}", cell(&r.reviewer)) } else { cell(&r.reviewer) };
            match (r.since, r.days) {
                (Some(since), Some(days)) => {
                    format!("{who} ({}, since {since})", plural(days.max(0) as usize, "day", "days"))
                }
                _ => format!("{who} (date not known)"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn names(list: &[String]) -> String {
    if list.is_empty() { "none".into() } else { list.iter().map(|l| cell(l)).collect::<Vec<_>>().join(", ") }
}

fn document(doc: &DocumentChange) -> String {
    let name = cell(&doc.file_name);
    let name = doc.url.as_deref().map_or(name.clone(), |url| link(&name, url));
    let kind = match (&doc.doc_type, &doc.track) {
        (Some(t), Some(track)) => format!("{}, {}", cell(t), cell(track)),
        (Some(t), None) => format!("{}, no track", cell(t)),
        (None, Some(track)) => format!("no type, {}", cell(track)),
        (None, None) => "no type, no track".into(),
    };
    format!("{name} ({kind}): {}", steps(&doc.steps))
}

/// Decisions for today: one item per pull request, with everything the chair asks.
fn decisions(out: &mut String, repo: &RepositoryReport, h: Headings) {
    h.write(out, 2, &format!("Decisions for today ({})", repo.decisions.len()));
    if repo.decisions.is_empty() {
        out.push_str(
            "None: no open pull request makes a lifecycle step, edits a Stable document or touches a Global one.\n\n",
        );
        return;
    }
    for entry in &repo.decisions {
        let Some(pr) = find(repo, entry.number) else { continue };
        let _ = writeln!(
            out,
            "- **{}** {} — {}, opened {} ({} ago), last update {} ago",
            pr_link(pr.number, &pr.url),
            cell(&pr.title),
            login(pr.author.as_deref()),
            pr.opened,
            plural(pr.age_days.max(0) as usize, "day", "days"),
            plural(pr.idle_days.max(0) as usize, "day", "days"),
        );
        let mut deciders: Vec<&str> = Vec::new();
        for doc in &entry.documents {
            let _ = writeln!(out, "  - {}", document(doc));
            if !deciders.contains(&doc.deciders.as_str()) {
                deciders.push(&doc.deciders);
            }
        }
        let others = pr.documents.len() - entry.documents.len();
        if others > 0 {
            let _ = writeln!(
                out,
                "  - and {} (edits that need no decision)",
                plural(others, "other document", "other documents")
            );
        }
        let _ = writeln!(
            out,
            "  - Decided by {} · approved by: {} · review requested from: {}",
            cell(&deciders.join("; ")),
            names(&pr.approvals),
            requested(pr)
        );
        // A conflict and failing checks are said beside the checks already.
        let waits: Vec<String> = pr
            .waits_for
            .iter()
            .filter(|w| !matches!(w, Wait::MergeConflict | Wait::FailingChecks))
            .map(|w| cell(&w.describe()))
            .collect();
        let waits = match (waits.is_empty(), pr.waits_for.is_empty()) {
            (false, _) => waits.join(", "),
            (true, true) => "nothing".to_owned(),
            (true, false) => "nothing else".to_owned(),
        };
        let _ = writeln!(out, "  - {} · {} · waits for: {waits}", checks(pr), mergeable(pr));
        if !pr.new_errors.is_empty() {
            let shown: Vec<String> = pr
                .new_errors
                .iter()
                .take(ERRORS_SHOWN)
                .map(|e| {
                    format!("`{}` {}: {}", e.rule, cell(e.path.rsplit('/').next().unwrap_or(&e.path)), cell(&e.message))
                })
                .collect();
            let more = pr.new_errors.len().saturating_sub(ERRORS_SHOWN);
            let tail = if more > 0 { format!("; and {more} more") } else { String::new() };
            let _ = writeln!(out, "  - New errors ({}): {}{tail}", pr.new_errors.len(), shown.join("; "));
        }
    }
    out.push('\n');
}

fn clashes(out: &mut String, repo: &RepositoryReport, h: Headings, empty: &mut Vec<&'static str>) {
    if repo.number_clashes.is_empty() {
        empty.push("with a number clash");
        return;
    }
    h.write(out, 2, &format!("Number clashes ({})", repo.number_clashes.len()));
    out.push_str("| Document id | Wanted by | On the default branch |\n|---|---|---|\n");
    for clash in &repo.number_clashes {
        let prs: Vec<String> = clash
            .pull_requests
            .iter()
            .map(|n| find(repo, *n).map_or(format!("#{n}"), |p| pr_link(p.number, &p.url)))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&clash.id),
            prs.join(", "),
            clash.existing.as_deref().map_or("—".to_owned(), cell)
        );
    }
    out.push('\n');
}

fn reviewers(out: &mut String, repo: &RepositoryReport, h: Headings, empty: &mut Vec<&'static str>) {
    if repo.waiting_on_reviewers.is_empty() {
        empty.push("waiting on reviewers");
        return;
    }
    h.write(out, 2, &format!("Waiting on reviewers ({}), oldest request first", repo.waiting_on_reviewers.len()));
    let header = ["PR", "Title", "Author", "Review requested from", "Approved by", "Open for", "Idle"];
    let rows = repo.waiting_on_reviewers.iter().filter_map(|entry| find(repo, entry.number)).map(|pr| {
        vec![
            pr_link(pr.number, &pr.url),
            cell(&pr.title),
            login(pr.author.as_deref()),
            requested(pr),
            names(&pr.approvals),
            days(pr.age_days),
            days(pr.idle_days),
        ]
    });
    table(out, &header, rows);
}

fn authors(
    out: &mut String,
    repo: &RepositoryReport,
    h: Headings,
    close: bool,
    report: &Report,
    empty: &mut Vec<&'static str>,
) {
    let (list, heading) = if close {
        let heading = format!(
            "Candidates to close ({}): waiting on their authors or on nobody, idle {} or longer",
            repo.candidates_to_close.len(),
            plural(report.stale_days.max(0) as usize, "day", "days")
        );
        (&repo.candidates_to_close, heading)
    } else {
        (&repo.waiting_on_authors, format!("Waiting on authors ({})", repo.waiting_on_authors.len()))
    };
    if list.is_empty() {
        empty.push(if close { "to close" } else { "waiting on authors" });
        return;
    }
    h.write(out, 2, &heading);
    let rows = list.iter().filter_map(|entry| Some((entry, find(repo, entry.number)?))).map(|(entry, pr)| {
        let waits = if entry.waits_for.is_empty() {
            "nobody: no review requested".to_owned()
        } else {
            entry.waits_for.iter().map(|w| cell(&w.describe())).collect::<Vec<_>>().join(", ")
        };
        vec![pr_link(pr.number, &pr.url), cell(&pr.title), login(pr.author.as_deref()), waits, days(entry.idle_days)]
    });
    table(out, &["PR", "Title", "Author", "Waits for", "Idle"], rows);
}

fn ready(out: &mut String, repo: &RepositoryReport, h: Headings, empty: &mut Vec<&'static str>) {
    if repo.ready_to_merge.is_empty() {
        empty.push("ready to merge");
        return;
    }
    h.write(out, 2, &format!("Ready to merge ({})", repo.ready_to_merge.len()));
    let rows =
        repo.ready_to_merge.iter().filter_map(|entry| Some((entry, find(repo, entry.number)?))).map(|(entry, pr)| {
            vec![pr_link(pr.number, &pr.url), cell(&pr.title), login(pr.author.as_deref()), names(&entry.approvals)]
        });
    table(out, &["PR", "Title", "Author", "Approved by"], rows);
}

/// "Any ADRs blocked?", answered.
fn decision_records(out: &mut String, repo: &RepositoryReport, h: Headings) {
    h.write(out, 2, "Any ADRs blocked?");
    let held = repo.decision_records.iter().filter(|d| !d.holds.is_empty()).count();
    if repo.decision_records.is_empty() {
        out.push_str("No: no open pull request touches a Decision Record.\n\n");
        return;
    }
    let _ = writeln!(
        out,
        "{}: {} of {} with a Decision Record {} held.\n",
        if held > 0 { "Yes" } else { "No" },
        held,
        plural(repo.decision_records.len(), "open pull request", "open pull requests"),
        if held == 1 { "is" } else { "are" }
    );
    out.push_str("| PR | Decision Record | Steps | Holds it |\n|---|---|---|---|\n");
    for entry in &repo.decision_records {
        let Some(pr) = find(repo, entry.number) else { continue };
        let docs: Vec<&DocumentChange> = pr.documents.iter().filter(|d| d.is_decision_record()).collect();
        let holds = if entry.holds.is_empty() {
            "nothing: ready to decide".to_owned()
        } else {
            entry.holds.iter().map(|h| cell(h)).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {holds} |",
            pr_link(pr.number, &pr.url),
            docs.iter().map(|d| cell(&d.file_name)).collect::<Vec<_>>().join("<br>"),
            docs.iter().map(|d| steps(&d.steps)).collect::<Vec<_>>().join("<br>"),
        );
    }
    out.push('\n');
}

/// The lifecycle steps and edits of Stable documents the default branch received.
fn lifecycle(out: &mut String, report: &Report) {
    let Some(changes) = &report.lifecycle else {
        out.push_str("Lifecycle steps on the default branch: not read (see \"Not in this report\").\n\n");
        return;
    };
    out.push_str("**Lifecycle steps and edits of Stable documents on the default branch**\n\n");
    if changes.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    out.push_str("| Date | Commit | PR | Document | Type, track | Steps |\n|---|---|---|---|---|---|\n");
    let web = report.web.as_deref();
    for change in changes {
        let commit = cell(&change.commit);
        let commit = web.map_or(commit.clone(), |w| link(&commit, &format!("{w}/commit/{}", change.commit_id)));
        let pr = match (change.pull_request, change.attribution) {
            (Some(n), attribution) => {
                let text = web.map_or(format!("#{n}"), |w| pr_link(n, &format!("{w}/pull/{n}")));
                if attribution == Some(Attribution::Subject) { format!("{text} (from the subject)") } else { text }
            }
            (None, _) => "—".into(),
        };
        let name = cell(&change.file_name);
        let removed = change.steps.contains(&Step::Removed);
        let document = match web {
            Some(w) if !removed => link(&name, &format!("{w}/blob/{}/{}", change.commit_id, change.path)),
            _ => name,
        };
        let document = match &change.title {
            Some(title) => format!("{document}<br>{}", cell(title)),
            None => document,
        };
        let kind = format!(
            "{}, {}",
            change.doc_type.as_deref().map_or("no type".into(), cell),
            change.track.as_deref().map_or("no track".into(), cell)
        );
        let mut what = steps(&change.steps);
        if let Some(text) = &change.text_changes {
            let _ = write!(what, ": {}", cell(text));
        }
        let _ = writeln!(out, "| {} | {commit} | {pr} | {document} | {kind} | {what} |", cell(&change.date));
    }
    out.push('\n');
}

/// The pull requests opened, merged and closed in the window.
fn window(out: &mut String, repo: &RepositoryReport, report: &Report) {
    out.push_str("**Pull requests**\n\n");
    let Some(closed) = &repo.closed else {
        out.push_str("Not fetched (see \"Not in this report\").\n\n");
        return;
    };
    if repo.opened.is_empty() && closed.is_empty() {
        let _ = writeln!(out, "None opened, merged or closed since {}.\n", report.since);
        return;
    }
    // Those opened and still open are in the sections above: named once here.
    let still_open: Vec<String> = repo.opened.iter().filter(|o| o.open).map(|o| pr_link(o.number, &o.url)).collect();
    if !still_open.is_empty() {
        let _ = writeln!(out, "Opened and still open ({}): {}.\n", still_open.len(), still_open.join(", "));
    }
    if closed.is_empty() {
        let _ = writeln!(out, "None merged or closed since {}.\n", report.since);
        return;
    }
    out.push_str("| PR | Title | Author | What happened | Documents |\n|---|---|---|---|---|\n");
    for pr in closed {
        let opened = match pr.opened {
            Some(day) if day >= report.since => format!("opened {day}, "),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {opened}{} | {} |",
            pr_link(pr.number, &pr.url),
            cell(&pr.title),
            login(pr.author.as_deref()),
            outcome(pr),
            documents(pr, repo.standards)
        );
    }
    out.push('\n');
}

fn outcome(pr: &ClosedAnalysis) -> String {
    if pr.merged {
        format!("merged {} into {}", pr.date, cell(&pr.base_ref))
    } else {
        format!("closed {} without merge", pr.date)
    }
}

/// The documents a merged or closed pull request touched, and where its steps are.
fn documents(pr: &ClosedAnalysis, standards: bool) -> String {
    if pr.documents.is_empty() {
        return "none".into();
    }
    let files = pr.documents.iter().map(|d| cell(d)).collect::<Vec<_>>().join(", ");
    if !standards {
        return files;
    }
    let note = match (&pr.steps, pr.merged) {
        (_, false) => "not merged: no step".to_owned(),
        (Some(steps), true) if steps.is_empty() => "no lifecycle step".to_owned(),
        (Some(steps), true) => format!("{} (in the table above)", plural(steps.len(), "step", "steps")),
        (None, true) => {
            "steps not known: its merge commit is not among the local default branch's commits of the window".to_owned()
        }
    };
    format!("{files}: {note}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_in_its_cell() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(
            cell("# Title `code` <script>alert(1)</script>"),
            "&#35; Title \\`code\\` &lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(cell("ping @someone and @org/team"), "ping @\u{200B}someone and @\u{200B}org/team");
        assert_eq!(
            cell("[link](https://x) **bold** a_b ~x~ \\"),
            "\\[link\\](https://x) \\*\\*bold\\*\\* a\\_b \\~x\\~ \\\\"
        );
        assert_eq!(cell("nul\u{0}byte"), "nulbyte");
    }

    #[test]
    fn no_cross_references_and_no_reordering() {
        assert_eq!(cell("see owner/other#5 and #6"), "see owner/other&#35;5 and &#35;6");
        assert_eq!(cell("GH-7 and gh-8, not high-9"), "GH-\u{200B}7 and gh-\u{200B}8, not high-9");
        assert_eq!(cell("abc\u{202E}gpj.exe\u{2066}x\u{200F}"), "abcgpj.exex");
    }
}
