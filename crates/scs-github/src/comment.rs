//! `scs report --post-issue OWNER/NAME#N`: one comment per meeting day on one issue, kept up to
//! date. A report comment is found by the marker its body starts with, which names the
//! meeting's day, among the comments this token wrote: the one of the report's day is updated
//! in place; without one, a comment is added. Earlier meetings' comments are never touched,
//! and the newest of them dates the last meeting. Nothing else is written.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::answers::{self, AddCommentAnswer, CommentsRepository, Next, RepositoryAnswer, UpdateCommentAnswer};
use crate::client::{Client, GithubError};
use crate::queries;

/// The start of the first line of a report comment, an HTML comment invisible on GitHub; the
/// meeting's day follows (see [`marker`]). A title in the report cannot forge it (the report
/// escapes `<`), and a comment someone else wrote that starts with it is not taken for scs's.
pub const MARKER_PREFIX: &str = "<!-- scs report ";

/// The marker of the report comment of the meeting on `day`.
pub fn marker(day: Date) -> String {
    format!("{MARKER_PREFIX}{day}: this comment is updated in place by `scs report --post-issue` for that meeting -->")
}

/// The meeting's day a report comment's body names, if it starts with a marker.
fn marked_day(body: &str) -> Option<Date> {
    let rest = body.trim_start().strip_prefix(MARKER_PREFIX)?;
    let (day, tail) = rest.split_at_checked(10)?;
    tail.starts_with(':').then(|| day.parse().ok()).flatten()
}

/// GitHub's limit on a comment body: 65,536 characters. Bytes are counted, which is never
/// fewer than characters.
pub const MAX_BODY: usize = 65_536;

/// Pages of 100 comments read at most while looking for the report comment.
const MAX_COMMENT_PAGES: u64 = 30;

/// An issue, `OWNER/NAME#N`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRef {
    pub owner: String,
    pub name: String,
    pub number: u64,
}

impl FromStr for IssueRef {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let wrong =
            || format!("`{text}` is not an issue of the form OWNER/NAME#N, such as SovereignCloudStack/standards#42");
        let (repository, number) = text.split_once('#').ok_or_else(wrong)?;
        let (owner, name) = repository.split_once('/').ok_or_else(wrong)?;
        let valid = |part: &str| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        let number: u64 = number.parse().ok().filter(|&n| n > 0 && n <= i32::MAX as u64).ok_or_else(wrong)?;
        if !valid(owner) || !valid(name) {
            return Err(wrong());
        }
        Ok(Self { owner: owner.to_owned(), name: name.to_owned(), number })
    }
}

impl fmt::Display for IssueRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}#{}", self.owner, self.name, self.number)
    }
}

/// What `post` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub url: String,
    /// A new comment (else the existing one was updated).
    pub created: bool,
    /// The report was cut to fit GitHub's limit.
    pub cut: bool,
}

/// The comment's body: the marker of `day`, then `markdown`, cut at a line end to fit
/// [`MAX_BODY`] with a note saying so. Whether it was cut.
pub fn comment_body(day: Date, markdown: &str) -> (String, bool) {
    const NOTE: &str = "\n\n*The report is cut here: GitHub takes at most 65,536 characters in a comment. The whole report is in the output of `scs report`.*\n";
    let head = format!("{}\n\n", marker(day));
    if head.len() + markdown.len() <= MAX_BODY {
        return (head + markdown, false);
    }
    let room = MAX_BODY - head.len() - NOTE.len();
    let mut end = room.min(markdown.len());
    while !markdown.is_char_boundary(end) {
        end -= 1;
    }
    let end = markdown[..end].rfind('\n').unwrap_or(end);
    (format!("{head}{}{NOTE}", &markdown[..end]), true)
}

/// The report comments scs keeps on an issue, read before the report is made.
#[derive(Debug, Clone, Default)]
pub struct ReportComments {
    /// The issue's node id (to add a comment).
    pub subject: String,
    /// scs's report comments by the meeting day their marker names (node ids).
    pub by_day: std::collections::BTreeMap<Date, String>,
}

impl ReportComments {
    /// The day of the newest report comment before `today`: the last meeting.
    pub fn last_meeting(&self, today: Date) -> Option<Date> {
        self.by_day.range(..today).next_back().map(|(day, _)| *day)
    }
}

/// Keeps `markdown` as the report comment of `day` on `issue`: updates the comment of that day
/// among `comments` (read by [`read_comments`]), else adds one. One request, never retried (a
/// lost answer must not make two comments).
pub async fn post(
    client: &Client,
    issue: &IssueRef,
    comments: &ReportComments,
    day: Date,
    markdown: &str,
) -> Result<Posted, GithubError> {
    let (body, cut) = comment_body(day, markdown);
    let cannot = |message: String| GithubError::CannotComment { issue: issue.to_string(), message };
    let (answer, created) = match comments.by_day.get(&day) {
        Some(id) => (client.mutation(queries::UPDATE_REPORT_COMMENT, json!({"id": id, "body": body})).await, false),
        None => (
            client.mutation(queries::ADD_REPORT_COMMENT, json!({"subject": comments.subject, "body": body})).await,
            true,
        ),
    };
    let answer = match answer {
        Ok(answer) => answer,
        Err(GithubError::GraphQl(message) | GithubError::Forbidden { message, .. }) => return Err(cannot(message)),
        Err(e) => return Err(e),
    };
    let comment = if created {
        answers::read::<AddCommentAnswer>("AddReportComment", &answer.data)?
            .add_comment
            .and_then(|p| p.comment_edge)
            .and_then(|e| e.node)
    } else {
        answers::read::<UpdateCommentAnswer>("UpdateReportComment", &answer.data)?
            .update_issue_comment
            .and_then(|p| p.issue_comment)
    };
    match comment {
        Some(comment) => Ok(Posted { url: client.clean(&comment.url), created, cut }),
        None if !answer.errors.is_empty() => Err(cannot(answer.errors.join("; "))),
        None => Err(cannot("GitHub answered without the comment".into())),
    }
}

/// The issue's node id and scs's report comments on it, by meeting day: one request per 100
/// comments, at most [`MAX_COMMENT_PAGES`].
pub async fn read_comments(client: &Client, issue: &IssueRef) -> Result<ReportComments, GithubError> {
    let mut cursor = Value::Null;
    let mut pages = 0u64;
    let mut found = ReportComments::default();
    loop {
        pages += 1;
        let variables = json!({"owner": issue.owner, "name": issue.name, "number": issue.number, "cursor": cursor});
        let answer = client.graphql(queries::REPORT_COMMENTS, variables).await?;
        let page: RepositoryAnswer<CommentsRepository> = answers::read("ReportComments", &answer.data)?;
        let not_found = || GithubError::IssueNotFound { issue: issue.to_string(), url: client.url().to_owned() };
        let commented = page.repository.and_then(|r| r.issue).ok_or_else(not_found)?;
        found.subject = commented.id;
        let comments = commented.comments;
        for comment in comments.nodes.iter().flatten().flatten().filter(|c| c.viewer_did_author) {
            if let Some(day) = marked_day(&comment.body) {
                found.by_day.insert(day, comment.id.clone());
            }
        }
        client.progress(&format!("read {pages} pages of the comments of {issue}"));
        match comments.page_info.next(pages, MAX_COMMENT_PAGES.min(comments.pages(100))) {
            Next::Beyond => {
                return Err(GithubError::TooManyComments {
                    issue: issue.to_string(),
                    total: comments.total_count,
                    read: pages * 100,
                });
            }
            Next::Page(next) => cursor = json!(next),
            Next::End => return Ok(found),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_references() {
        let issue: IssueRef = "SovereignCloudStack/standards#42".parse().expect("valid");
        assert_eq!(issue, IssueRef { owner: "SovereignCloudStack".into(), name: "standards".into(), number: 42 });
        assert_eq!(issue.to_string(), "SovereignCloudStack/standards#42");
        for wrong in [
            "standards#42",
            "a/b",
            "a/b#",
            "a/b#0",
            "a/b#-1",
            "a/b#x",
            "a/b/c#1",
            "/b#1",
            "a/#1",
            "a/b#99999999999",
            "a b/c#1",
        ] {
            assert!(wrong.parse::<IssueRef>().is_err(), "{wrong}");
        }
    }

    #[test]
    fn markers_name_the_meeting_day() {
        let day: Date = "2026-11-26".parse().expect("date");
        assert_eq!(marked_day(&format!("{}\n\n# Report", marker(day))), Some(day));
        assert_eq!(marked_day("  <!-- scs report 2026-11-19: x -->"), "2026-11-19".parse().ok());
        for not in [
            "<!-- scs report: this comment is updated in place -->",
            "<!-- scs report 2026-13-01: -->",
            "text <!-- scs report 2026-11-19: -->",
            "<!-- scs report 2026-11-1",
        ] {
            assert_eq!(marked_day(not), None, "{not}");
        }
        let mut comments = ReportComments::default();
        for (d, id) in [("2026-11-12", "a"), ("2026-11-19", "b"), ("2026-11-26", "c")] {
            comments.by_day.insert(d.parse().expect("date"), id.into());
        }
        assert_eq!(comments.last_meeting(day), "2026-11-19".parse().ok());
        assert_eq!(comments.last_meeting("2026-11-12".parse().expect("date")), None);
    }

    #[test]
    fn a_long_report_is_cut_at_a_line_end_within_the_limit() {
        let day: Date = "2026-11-26".parse().expect("date");
        let marker = marker(day);
        let comment_body = |text: &str| comment_body(day, text);
        let (short, cut) = comment_body("# Report\n");
        assert!(!cut && short.starts_with(&marker) && short.ends_with("# Report\n"));
        let line = "| [#1](https://github.com/o/n/pull/1) | ä title | alice |\n";
        let long = line.repeat(MAX_BODY / line.len() + 10);
        let (body, cut) = comment_body(&long);
        assert!(cut);
        assert!(body.len() <= MAX_BODY, "{}", body.len());
        assert!(body.starts_with(&marker));
        let before_note = body.split("\n\n*The report is cut here").next().expect("text");
        assert!(before_note.ends_with("| alice |"), "cut at a line end");
        // Exactly at the limit: not cut.
        let head = marker.len() + 2;
        let (fits, cut) = comment_body(&"x".repeat(MAX_BODY - head));
        assert!(!cut && fits.len() == MAX_BODY);
    }
}
