//! `scs report --post-issue OWNER/NAME#N`: one comment on one issue, kept up to date. The
//! comment is found by the marker its body starts with, among the comments this token wrote,
//! and updated in place; without one, it is added. Nothing else is written.

use std::fmt;
use std::str::FromStr;

use serde_json::{Value, json};

use crate::answers::{self, AddCommentAnswer, CommentsRepository, Next, RepositoryAnswer, UpdateCommentAnswer};
use crate::client::{Client, GithubError};
use crate::queries;

/// The first line of the report comment: an HTML comment, invisible on GitHub. A title in the
/// report cannot forge it (the report escapes `<`), and a comment someone else wrote that
/// starts with it is not taken for scs's.
pub const MARKER: &str = "<!-- scs report: this comment is updated in place by `scs report --post-issue` -->";

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

/// The comment's body: the marker, then `markdown`, cut at a line end to fit [`MAX_BODY`]
/// with a note saying so. Whether it was cut.
pub fn comment_body(markdown: &str) -> (String, bool) {
    const NOTE: &str = "\n\n*The report is cut here: GitHub takes at most 65,536 characters in a comment. The whole report is in the output of `scs report`.*\n";
    let head = format!("{MARKER}\n\n");
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

/// Adds or updates the report comment on `issue`: at least two requests (the comments, the
/// mutation), one more per further 100 comments read before scs's own is found.
pub async fn post(client: &Client, issue: &IssueRef, markdown: &str) -> Result<Posted, GithubError> {
    let (body, cut) = comment_body(markdown);
    let (subject, existing) = find(client, issue).await?;
    let cannot = |message: String| GithubError::CannotComment { issue: issue.to_string(), message };
    let (answer, created) = match &existing {
        Some(id) => (client.mutation(queries::UPDATE_REPORT_COMMENT, json!({"id": id, "body": body})).await, false),
        None => (client.mutation(queries::ADD_REPORT_COMMENT, json!({"subject": subject, "body": body})).await, true),
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

/// The issue's node id and the id of scs's comment on it, if there is one.
async fn find(client: &Client, issue: &IssueRef) -> Result<(String, Option<String>), GithubError> {
    let mut cursor = Value::Null;
    let mut pages = 0u64;
    loop {
        pages += 1;
        let variables = json!({"owner": issue.owner, "name": issue.name, "number": issue.number, "cursor": cursor});
        let answer = client.graphql(queries::REPORT_COMMENTS, variables).await?;
        let page: RepositoryAnswer<CommentsRepository> = answers::read("ReportComments", &answer.data)?;
        let not_found = || GithubError::IssueNotFound { issue: issue.to_string(), url: client.url().to_owned() };
        let found = page.repository.and_then(|r| r.issue).ok_or_else(not_found)?;
        let comments = found.comments;
        if let Some(ours) = comments
            .nodes
            .iter()
            .flatten()
            .flatten()
            .find(|c| c.viewer_did_author && c.body.trim_start().starts_with(MARKER))
        {
            return Ok((found.id, Some(ours.id.clone())));
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
            Next::End => return Ok((found.id, None)),
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
    fn a_long_report_is_cut_at_a_line_end_within_the_limit() {
        let (short, cut) = comment_body("# Report\n");
        assert!(!cut && short.starts_with(MARKER) && short.ends_with("# Report\n"));
        let line = "| [#1](https://github.com/o/n/pull/1) | ä title | alice |\n";
        let long = line.repeat(MAX_BODY / line.len() + 10);
        let (body, cut) = comment_body(&long);
        assert!(cut);
        assert!(body.len() <= MAX_BODY, "{}", body.len());
        assert!(body.starts_with(MARKER));
        let before_note = body.split("\n\n*The report is cut here").next().expect("text");
        assert!(before_note.ends_with("| alice |"), "cut at a line end");
        // Exactly at the limit: not cut.
        let head = MARKER.len() + 2;
        let (fits, cut) = comment_body(&"x".repeat(MAX_BODY - head));
        assert!(!cut && fits.len() == MAX_BODY);
    }
}
