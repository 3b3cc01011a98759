//! GitHub's answers to the page queries, typed as the schema types them: a field the schema
//! marks non-null (`String!`) is required here, so a renamed or missing field fails loudly
//! with its name instead of becoming an empty title. Nullable fields are `Option`s, enums are
//! read as GitHub spells them, and a value GitHub may add later falls back where the report
//! has a neutral meaning (an unknown `mergeable` state is "unknown").

use serde::Deserialize;
use serde_json::Value;

use crate::client::GithubError;

/// A connection's `nodes` (`[T]`: the list and its items may be null).
#[derive(Debug, Deserialize)]
pub struct Nodes<T> {
    pub nodes: Option<Vec<Option<T>>>,
}

impl<T> Nodes<T> {
    /// The non-null nodes.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.nodes.iter().flatten().flatten()
    }
}

impl<T> Default for Nodes<T> {
    fn default() -> Self {
        Self { nodes: None }
    }
}

/// `repository` of a page query: null when the repository does not exist or is hidden.
#[derive(Debug, Deserialize)]
pub struct RepositoryAnswer<T> {
    pub repository: Option<T>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenRepository {
    pub url: String,
    /// `object(expression: "HEAD:Standards")`: a tree when the default branch has the folder.
    #[serde(deserialize_with = "present")]
    pub standards: Option<TypeName>,
    #[serde(deserialize_with = "present")]
    pub default_branch_ref: Option<BranchRef>,
    pub pull_requests: Connection<PullRequestNode>,
}

/// `defaultBranchRef { name target { oid ... on Commit { committedDate } } }`.
#[derive(Debug, Deserialize)]
pub struct BranchRef {
    pub name: String,
    #[serde(deserialize_with = "present")]
    pub target: Option<BranchTarget>,
}

/// A ref's target: a commit has its date; another object (a tag) has only its id.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BranchTarget {
    pub oid: String,
    #[serde(default)]
    pub committed_date: Option<String>,
}

/// `requestedReviewer { ... on User { login } ... on Team { name } }`: a user, a team, or
/// `{}` for a bot or mannequin.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    #[serde(default)]
    pub login: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

impl Reviewer {
    /// The login or the team's name, and whether it is a team.
    pub fn who(&self) -> Option<(&str, bool)> {
        match (&self.login, &self.name) {
            (Some(login), _) => Some((login, false)),
            (None, Some(name)) => Some((name, true)),
            (None, None) => None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewRequestNode {
    #[serde(deserialize_with = "present")]
    pub requested_reviewer: Option<Reviewer>,
}

/// A timeline item of `itemTypes: [REVIEW_REQUESTED_EVENT]`; another type would be `{}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TimelineNode {
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub requested_reviewer: Option<Reviewer>,
}

/// An object of which only `__typename` was asked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeName {
    #[serde(rename = "__typename")]
    pub type_name: String,
}

/// One page of a connection asked with `totalCount`, `pageInfo { hasNextPage endCursor }` and
/// `nodes` (the list and its items may be null).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connection<T> {
    pub total_count: u64,
    pub page_info: PageInfo,
    pub nodes: Option<Vec<Option<T>>>,
}

impl<T> Connection<T> {
    /// The pages of `size` its own `totalCount` makes (at least one).
    pub fn pages(&self, size: u64) -> u64 {
        self.total_count.div_ceil(size).max(1)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageInfo {
    pub has_next_page: bool,
    pub end_cursor: Option<String>,
}

/// What follows a page, for a reader that reads at most a number of pages.
#[derive(Debug, PartialEq, Eq)]
pub enum Next<'a> {
    /// The next page starts after this cursor.
    Page(&'a str),
    /// This was the last page.
    End,
    /// The server offers another page, but as many pages as allowed were read.
    Beyond,
}

impl PageInfo {
    /// What follows, after `read` pages of at most `allowed`.
    pub fn next(&self, read: u64, allowed: u64) -> Next<'_> {
        match (self.has_next_page, self.end_cursor.as_deref()) {
            (true, Some(_)) if read >= allowed => Next::Beyond,
            (true, Some(cursor)) => Next::Page(cursor),
            _ => Next::End,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Actor {
    pub login: String,
}

#[derive(Debug, Deserialize)]
pub struct Label {
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewNode {
    pub state: String,
    #[serde(deserialize_with = "present")]
    pub submitted_at: Option<String>,
    pub author: Option<Actor>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusRollup {
    pub state: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Commit {
    pub status_check_rollup: Option<StatusRollup>,
}

#[derive(Debug, Deserialize)]
pub struct CommitNode {
    pub commit: Commit,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileNode {
    pub path: String,
    pub change_type: String,
}

/// One open pull request, as `queries::OPEN_PULL_REQUESTS` asks for it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullRequestNode {
    pub number: u64,
    pub title: String,
    pub url: String,
    pub is_draft: bool,
    pub created_at: String,
    pub updated_at: String,
    pub body: String,
    pub author: Option<Actor>,
    pub labels: Option<Nodes<Label>>,
    pub review_decision: Option<String>,
    pub latest_reviews: Option<Nodes<ReviewNode>>,
    pub review_requests: Option<Nodes<ReviewRequestNode>>,
    pub timeline_items: Nodes<TimelineNode>,
    pub mergeable: String,
    pub base_ref_name: String,
    pub base_ref_oid: String,
    pub head_ref_oid: String,
    pub commits: Nodes<CommitNode>,
    pub files: Option<Nodes<FileNode>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClosedRepository {
    pub pull_requests: Nodes<ClosedNode>,
}

/// One recently closed pull request, as `queries::CLOSED_PULL_REQUESTS` asks for it.
#[derive(Debug, Deserialize)]
pub struct ClosedNode {
    pub number: u64,
    pub url: String,
    pub merged: bool,
    pub files: Option<Nodes<FileNode>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClosedSinceRepository {
    pub pull_requests: Connection<ClosedSinceNode>,
}

#[derive(Debug, Deserialize)]
pub struct MergeCommit {
    pub oid: String,
}

/// One merged or closed pull request, as `queries::CLOSED_SINCE` asks for it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClosedSinceNode {
    pub number: u64,
    pub title: String,
    pub url: String,
    pub merged: bool,
    pub created_at: String,
    pub updated_at: String,
    #[serde(deserialize_with = "present")]
    pub closed_at: Option<String>,
    #[serde(deserialize_with = "present")]
    pub merged_at: Option<String>,
    pub author: Option<Actor>,
    pub base_ref_name: String,
    #[serde(deserialize_with = "present")]
    pub merge_commit: Option<MergeCommit>,
    pub files: Option<Nodes<FileNode>>,
}

/// `object(expression:)` with `... on Blob { text isBinary }`: a blob has both fields (each
/// nullable in the schema); any other git object (a tree, a commit) comes as `{}`; no object
/// at that expression is null.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum GitObject {
    Blob(Blob),
    Other(NoFields),
}

/// A blob's fields: both keys must be present (the values may be null), so that a renamed
/// field is not read as "no text".
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Blob {
    #[serde(deserialize_with = "present")]
    pub text: Option<String>,
    #[serde(deserialize_with = "present")]
    pub is_binary: Option<bool>,
}

/// An object of which the query asked nothing: exactly `{}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoFields {}

/// `issueOrPullRequest(number:)` with the state aliased per type; null when no issue or pull
/// request has that number.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DependencyState {
    pub issue_state: Option<String>,
    pub pull_request_state: Option<String>,
}

impl DependencyState {
    /// Whether it is open; `None` when the answer holds neither state.
    pub fn is_open(&self) -> Option<bool> {
        self.issue_state.as_deref().or(self.pull_request_state.as_deref()).map(|state| state == "OPEN")
    }
}

/// A nullable field that must be present in the answer (serde would read a missing key as
/// `None`).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// The aliased fields `f0`, `f1`, … or `d<number>` of a batch query, each as `T` (null allowed).
pub type Aliased<T> = std::collections::BTreeMap<String, Option<T>>;

/// `repository` of `ReportComments`.
#[derive(Debug, Deserialize)]
pub struct CommentsRepository {
    /// Null when there is no issue of that number (a pull request's number included).
    pub issue: Option<CommentedIssue>,
}

#[derive(Debug, Deserialize)]
pub struct CommentedIssue {
    pub id: String,
    pub comments: Connection<IssueCommentNode>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueCommentNode {
    pub id: String,
    pub url: String,
    pub viewer_did_author: bool,
    pub body: String,
}

/// A comment a mutation returned.
#[derive(Debug, Deserialize)]
pub struct CommentRef {
    pub id: String,
    pub url: String,
}

/// The answer to `AddReportComment`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddCommentAnswer {
    pub add_comment: Option<AddCommentPayload>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddCommentPayload {
    pub comment_edge: Option<CommentEdge>,
}

#[derive(Debug, Deserialize)]
pub struct CommentEdge {
    pub node: Option<CommentRef>,
}

/// The answer to `UpdateReportComment`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCommentAnswer {
    pub update_issue_comment: Option<UpdateCommentPayload>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCommentPayload {
    pub issue_comment: Option<CommentRef>,
}

/// Reads `data` as the answer to the query named `query`; a missing or mistyped field names
/// itself in the error.
pub fn read<T: serde::de::DeserializeOwned>(query: &str, data: &Value) -> Result<T, GithubError> {
    serde_path_to_error::deserialize(data).map_err(|e| {
        GithubError::Malformed(format!(
            "the answer to {query} does not have the shape GitHub's schema gives it: at `{}`: {}",
            e.path(),
            scs_core::untrusted::printable(&e.inner().to_string(), 200)
        ))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn node() -> Value {
        json!({
            "number": 7, "title": "A title", "url": "https://github.com/o/n/pull/7", "isDraft": false,
            "createdAt": "2026-11-20T09:00:00Z", "updatedAt": "2026-11-25T09:00:00Z", "body": "",
            "author": null, "labels": {"nodes": [{"name": "blocked"}, null]}, "reviewDecision": null,
            "latestReviews": {"nodes": []}, "reviewRequests": {"nodes": []}, "timelineItems": {"nodes": []},
            "mergeable": "UNKNOWN", "baseRefName": "main",
            "baseRefOid": "b", "headRefOid": "h", "commits": {"nodes": [{"commit": {"statusCheckRollup": null}}]},
            "files": {"nodes": [{"path": "Standards/scs-0100-v1-a.md", "changeType": "ADDED"}]}
        })
    }

    fn page(node: Value) -> Value {
        json!({"repository": {"url": "https://github.com/o/n", "standards": {"__typename": "Tree"}, "defaultBranchRef": null, "pullRequests": {"totalCount": 1, "pageInfo": {"hasNextPage": false, "endCursor": null}, "nodes": [node]}}})
    }

    #[test]
    fn an_answer_as_github_gives_it_is_read() {
        let answer: RepositoryAnswer<OpenRepository> = read("OpenPullRequests", &page(node())).expect("typed");
        let prs = answer.repository.expect("repository").pull_requests;
        let pr = prs.nodes.into_iter().flatten().flatten().next().expect("one");
        assert_eq!((pr.number, pr.title.as_str()), (7, "A title"));
        assert_eq!(pr.labels.expect("labels").iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["blocked"]);
    }

    /// The defect this module exists for: a field renamed on either side used to read as an
    /// empty title; now the answer is refused, naming the field.
    #[test]
    fn a_missing_or_renamed_field_fails_loudly_with_its_path() {
        for (field, renamed) in [("title", "name"), ("number", "id"), ("headRefOid", "headOid")] {
            let mut broken = node();
            let object = broken.as_object_mut().expect("object");
            let value = object.remove(field).expect("field");
            object.insert(renamed.to_owned(), value);
            let error = read::<RepositoryAnswer<OpenRepository>>("OpenPullRequests", &page(broken))
                .expect_err("a missing field is an error")
                .to_string();
            assert!(error.contains("repository.pullRequests.nodes[0]") && error.contains(field), "{error}");
        }
        let wrong_type = page(json!({"number": "seven"}));
        assert!(read::<RepositoryAnswer<OpenRepository>>("OpenPullRequests", &wrong_type).is_err());
    }

    #[test]
    fn batch_answers_are_typed_too() {
        let texts = json!({"repository": {"f0": {"text": "x", "isBinary": false}, "f1": {}, "f2": null,
                                          "f3": {"text": null, "isBinary": true}}});
        let read_texts: RepositoryAnswer<Aliased<GitObject>> = read("FileTexts", &texts).expect("typed");
        let objects = read_texts.repository.expect("repository");
        assert!(
            matches!(&objects["f0"], Some(GitObject::Blob(Blob { text: Some(t), is_binary: Some(false) })) if t == "x")
        );
        assert!(matches!(objects["f1"], Some(GitObject::Other(_))));
        assert!(objects["f2"].is_none());
        for renamed in [json!({"content": "x", "isBinary": false}), json!({"text": "x"}), json!("x")] {
            let answer = json!({"repository": {"f0": renamed}});
            assert!(read::<RepositoryAnswer<Aliased<GitObject>>>("FileTexts", &answer).is_err(), "{answer}");
        }
        let states =
            json!({"repository": {"d3": {"issueState": "OPEN"}, "d4": {"pullRequestState": "MERGED"}, "d5": null}});
        let deps: RepositoryAnswer<Aliased<DependencyState>> = read("DependencyStates", &states).expect("typed");
        let deps = deps.repository.expect("repository");
        assert_eq!(deps["d3"].as_ref().and_then(DependencyState::is_open), Some(true));
        assert_eq!(deps["d4"].as_ref().and_then(DependencyState::is_open), Some(false));
        assert!(deps["d5"].is_none());
        let renamed = json!({"repository": {"d3": {"state": "OPEN"}}});
        assert!(read::<RepositoryAnswer<Aliased<DependencyState>>>("DependencyStates", &renamed).is_err());
    }

    #[test]
    fn what_follows_a_page() {
        let info =
            |next: bool, cursor: Option<&str>| PageInfo { has_next_page: next, end_cursor: cursor.map(Into::into) };
        assert_eq!(info(true, Some("c")).next(1, 2), Next::Page("c"));
        assert_eq!(info(true, Some("c")).next(2, 2), Next::Beyond, "as many pages as allowed were read");
        assert_eq!(info(false, Some("c")).next(1, 2), Next::End);
        assert_eq!(info(true, None).next(1, 2), Next::End, "a next page without a cursor cannot be asked for");
        let connection =
            |total: u64| Connection::<()> { total_count: total, page_info: info(false, None), nodes: None };
        assert_eq!((connection(0).pages(50), connection(50).pages(50), connection(51).pages(50)), (1, 1, 2));
    }
}
