//! The GraphQL documents sent to GitHub. Each is validated against GitHub's public schema in
//! the tests (`tests/schema.rs`).

/// One page of open pull requests with everything the report needs but file texts: reviews,
/// review requests and when each was made (the timeline's last 20 requests), checks and
/// mergeability, in the page itself (no request per pull request); and, for the repository,
/// whether it has `Standards/` and its default branch's head.
pub const OPEN_PULL_REQUESTS: &str = r#"query OpenPullRequests($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    url
    standards: object(expression: "HEAD:Standards") { __typename }
    defaultBranchRef { name target { oid ... on Commit { committedDate } } }
    pullRequests(states: OPEN, first: 50, after: $cursor, orderBy: {field: CREATED_AT, direction: ASC}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        number
        title
        url
        isDraft
        createdAt
        updatedAt
        body
        author { login }
        labels(first: 20) { nodes { name } }
        reviewDecision
        latestReviews(first: 20) { nodes { state submittedAt author { login } } }
        reviewRequests(first: 20) { nodes { requestedReviewer { ... on User { login } ... on Team { name } } } }
        timelineItems(itemTypes: [REVIEW_REQUESTED_EVENT], last: 20) {
          nodes { ... on ReviewRequestedEvent { createdAt requestedReviewer { ... on User { login } ... on Team { name } } } }
        }
        mergeable
        baseRefName
        baseRefOid
        headRefOid
        commits(last: 1) { nodes { commit { statusCheckRollup { state } } } }
        files(first: 100) { nodes { path changeType } }
      }
    }
  }
}"#;

/// The most recently closed pull requests and the files they added: a document whose proposal
/// pull request was closed without merge is a follow-up.
pub const CLOSED_PULL_REQUESTS: &str = r#"query ClosedPullRequests($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: CLOSED, last: 100) {
      nodes {
        number
        url
        merged
        files(first: 100) { nodes { path changeType } }
      }
    }
  }
}"#;

/// One page of the merged and closed pull requests, most recently updated first: the pages
/// are read until one ends before the window (a pull request is updated when it is merged or
/// closed, so none later in this order was merged or closed in the window).
pub const CLOSED_SINCE: &str = r#"query ClosedSince($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: [MERGED, CLOSED], first: 50, after: $cursor, orderBy: {field: UPDATED_AT, direction: DESC}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        number
        title
        url
        merged
        createdAt
        updatedAt
        closedAt
        mergedAt
        author { login }
        baseRefName
        mergeCommit { oid }
        files(first: 100) { nodes { path changeType } }
      }
    }
  }
}"#;

/// One page of the comments of the issue that `scs report --post-issue` keeps its comment on:
/// the issue's node id (to add a comment) and, per comment, whether this token wrote it and
/// its body (to find the marker).
pub const REPORT_COMMENTS: &str = r#"query ReportComments($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      id
      comments(first: 100, after: $cursor) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id url viewerDidAuthor body }
      }
    }
  }
}"#;

/// Adds the report comment to the issue `$subject` (its node id).
pub const ADD_REPORT_COMMENT: &str = r#"mutation AddReportComment($subject: ID!, $body: String!) {
  addComment(input: {subjectId: $subject, body: $body}) {
    commentEdge { node { id url } }
  }
}"#;

/// Replaces the body of the report comment `$id`.
pub const UPDATE_REPORT_COMMENT: &str = r#"mutation UpdateReportComment($id: ID!, $body: String!) {
  updateIssueComment(input: {id: $id, body: $body}) {
    issueComment { id url }
  }
}"#;

/// Blobs asked for in one request. GitHub sets no limit on aliases, but a query must finish
/// within its 10 s server-side time-out and documents can be large: 50 blobs of the size SCS
/// documents have (up to ~60 KB) is a 3 MB answer.
pub const TEXTS_PER_QUERY: usize = 50;

/// Issues and pull requests whose state is asked for in one request (one node each).
pub const DEPENDENCIES_PER_QUERY: usize = 100;

/// Escapes a string for a GraphQL string literal.
fn literal(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// One request for many file texts: `f0: object(expression: "<oid>:<path>")`, ….
pub fn file_texts(expressions: &[String]) -> String {
    let fields: String = expressions
        .iter()
        .enumerate()
        .map(|(i, e)| format!("    f{i}: object(expression: {}) {{ ... on Blob {{ text isBinary }} }}\n", literal(e)))
        .collect();
    format!(
        "query FileTexts($owner: String!, $name: String!) {{\n  repository(owner: $owner, name: $name) {{\n{fields}  }}\n}}"
    )
}

/// One request for the state of many issues and pull requests.
pub fn dependency_states(numbers: &[u64]) -> String {
    let fields: String = numbers
        .iter()
        .map(|n| {
            format!("    d{n}: issueOrPullRequest(number: {n}) {{ ... on Issue {{ issueState: state }} ... on PullRequest {{ pullRequestState: state }} }}\n")
        })
        .collect();
    format!(
        "query DependencyStates($owner: String!, $name: String!) {{\n  repository(owner: $owner, name: $name) {{\n{fields}  }}\n}}"
    )
}
