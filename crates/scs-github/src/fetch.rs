//! Reading the open pull requests of a repository into facts, in few requests that each stay
//! well inside GitHub's limits: pages of 50 pull requests (about 7,100 nodes of the 500,000 a
//! query may ask for), the changed documents' texts at head and base in chunks of
//! [`queries::TEXTS_PER_QUERY`] blobs, the state of the dependencies named in bodies in chunks of
//! [`queries::DEPENDENCIES_PER_QUERY`], one request for recently closed pull requests, and the
//! pull requests merged or closed in the report's window, 50 a page, most recently updated
//! first, until a page reaches back before the window.
//!
//! The budget for N open pull requests, T document texts, D dependencies and U pull requests
//! merged or closed and updated since the window's first day, retries aside:
//! ceil(N/50) + ceil(T/50) + ceil(D/100) + 1 + (floor(U/50) + 1) requests (at least 3: one
//! page, the closed ones, one page of the window). The steps merged pull requests made cost no
//! request: they are read from the local history.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use scs_report::facts::{
    BranchHead, ChangeType, ChangedFile, Checks, ClosedInWindow, Dependency, Fetched, Mergeable, PullRequest, Review,
    ReviewDecision, ReviewRequest, dependency_numbers,
};
use serde_json::{Value, json};

use crate::answers::{
    self, Aliased, Blob, ClosedRepository, ClosedSinceRepository, DependencyState, FileNode, GitObject, Next, Nodes,
    OpenRepository, PullRequestNode, RepositoryAnswer,
};
use crate::client::{Client, GithubError};
use crate::queries;

/// Pull requests per page of `queries::OPEN_PULL_REQUESTS` and `queries::CLOSED_SINCE` (their
/// `first:`).
const PAGE: u64 = 50;

/// Pages of `queries::CLOSED_SINCE` read at most: 1,000 pull requests updated in one window.
const MAX_WINDOW_PAGES: u64 = 20;

/// Pages of `queries::OPEN_PULL_REQUESTS` read at most, whatever the server's total says:
/// 2,000 open pull requests (the standards repository has tens).
const MAX_OPEN_PAGES: u64 = 40;

/// The days of "since the last meeting", both included (UTC).
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub since: Date,
    pub until: Date,
}

/// Fetches the open pull requests of `repository` (`owner/name`) and those merged or closed
/// in `window`.
pub async fn fetch(client: &Client, repository: &str, window: Window) -> Result<Fetched, GithubError> {
    let (owner, name) = repository
        .split_once('/')
        .filter(|(o, n)| !o.is_empty() && !n.is_empty() && !n.contains('/'))
        .ok_or_else(|| GithubError::Setup(format!("`{repository}` is not of the form OWNER/NAME")))?;
    let mut fetched = Fetched { repository: repository.to_owned(), ..Fetched::default() };
    let mut nodes: Vec<PullRequestNode> = Vec::new();
    let mut cursor = Value::Null;
    let mut pages = 0u64;
    loop {
        pages += 1;
        let answer = match client
            .graphql(queries::OPEN_PULL_REQUESTS, json!({"owner": owner, "name": name, "cursor": cursor}))
            .await
        {
            Ok(answer) => answer,
            // Past the run's budget, what was read is reported and the rest named as missing.
            Err(GithubError::Budget) if pages > 1 => {
                fetched.missing.push(format!(
                    "open pull requests after the first {}: {}",
                    nodes.len(),
                    GithubError::Budget
                ));
                break;
            }
            Err(e) => return Err(e),
        };
        let page: RepositoryAnswer<OpenRepository> = answers::read("OpenPullRequests", &answer.data)?;
        let Some(repository_answer) = page.repository else {
            return Err(GithubError::RepositoryNotFound {
                repository: repository.to_owned(),
                url: client.url().to_owned(),
            });
        };
        fetched.missing.extend(answer.errors.iter().map(|e| format!("part of the pull requests: {e}")));
        if pages == 1 {
            fetched.standards = repository_answer.standards.is_some_and(|o| o.type_name == "Tree");
            fetched.url = Some(client.clean(&repository_answer.url)).filter(|u| u.starts_with("https://"));
            fetched.default_branch = repository_answer.default_branch_ref.and_then(|b| {
                let target = b.target?;
                Some(BranchHead {
                    name: client.clean(&b.name),
                    committed_at: target.committed_date.and_then(|d| d.parse().ok()),
                    oid: target.oid,
                })
            });
        }
        let prs = repository_answer.pull_requests;
        // A node GitHub could not resolve comes as null, with an error beside it.
        for node in prs.nodes.into_iter().flatten() {
            match node {
                Some(node) => nodes.push(node),
                None => fetched.missing.push("a pull request whose data GitHub returned incomplete".into()),
            }
        }
        let total = prs.total_count;
        client.progress(&format!("read {} of {total} open pull requests", nodes.len()));
        // A server that always has a next page is not followed for ever: never more pages than
        // its own total implies, plus one, and never more than `MAX_OPEN_PAGES`.
        if pages >= MAX_OPEN_PAGES && prs.page_info.has_next_page {
            fetched.missing.push(format!(
                "open pull requests after the first {} (the server says {total}; scs reads at most {MAX_OPEN_PAGES} pages of {PAGE})",
                nodes.len()
            ));
            break;
        }
        match prs.page_info.next(pages, total.div_ceil(PAGE) + 1) {
            Next::Beyond => {
                return Err(GithubError::Malformed(format!(
                    "the server offers page {} of open pull requests, but its total of {total} makes {} pages of {PAGE}; scs stopped reading",
                    pages + 1,
                    total.div_ceil(PAGE)
                )));
            }
            Next::Page(next) => cursor = json!(next),
            Next::End => break,
        }
    }
    for node in &nodes {
        match pull_request(node) {
            Some(pr) => {
                note_first_files_only(pr.number, node.files.as_ref(), &mut fetched.missing);
                fetched.pull_requests.push(pr);
            }
            None => fetched.missing.push(format!("#{}: GitHub's dates could not be read", node.number)),
        }
    }
    texts(client, owner, name, &nodes, &mut fetched).await?;
    dependencies(client, owner, name, &mut fetched).await?;
    closed(client, owner, name, &mut fetched).await?;
    closed_since(client, owner, name, window, &mut fetched).await?;
    Ok(fetched)
}

/// The pull requests merged or closed in `window`, newest first: pages of the most recently
/// updated merged or closed ones until a page's last one was updated before the window.
async fn closed_since(
    client: &Client,
    owner: &str,
    name: &str,
    window: Window,
    fetched: &mut Fetched,
) -> Result<(), GithubError> {
    let since = window.since.to_zoned(TimeZone::UTC).map(|z| z.timestamp()).unwrap_or(Timestamp::MIN);
    let mut found = Vec::new();
    let mut cursor = Value::Null;
    let mut pages = 0u64;
    loop {
        pages += 1;
        let variables = json!({"owner": owner, "name": name, "cursor": cursor});
        let answer = match client.graphql(queries::CLOSED_SINCE, variables).await {
            Ok(a) => a,
            Err(e) if e.is_fatal() => return Err(e),
            Err(e) => {
                fetched.missing.push(format!("pull requests merged or closed since {} ({e})", window.since));
                return Ok(());
            }
        };
        let page = match answers::read::<RepositoryAnswer<ClosedSinceRepository>>("ClosedSince", &answer.data) {
            Ok(page) => page,
            Err(e) => {
                fetched.missing.push(format!("pull requests merged or closed since {} ({e})", window.since));
                return Ok(());
            }
        };
        fetched
            .missing
            .extend(answer.errors.iter().map(|e| format!("part of the merged and closed pull requests: {e}")));
        let Some(prs) = page.repository.map(|r| r.pull_requests) else { break };
        let allowed = MAX_WINDOW_PAGES.min(prs.pages(PAGE));
        let mut oldest: Option<Timestamp> = None;
        for node in prs.nodes.into_iter().flatten().flatten() {
            let Ok(updated) = node.updated_at.parse::<Timestamp>() else {
                fetched.missing.push(format!("#{}: GitHub's dates could not be read", node.number));
                continue;
            };
            oldest = Some(oldest.map_or(updated, |o| o.min(updated)));
            let closed_at =
                node.merged_at.as_deref().or(node.closed_at.as_deref()).and_then(|t| t.parse::<Timestamp>().ok());
            let Some(closed_at) = closed_at else { continue };
            let day = closed_at.to_zoned(TimeZone::UTC).date();
            if day < window.since || day > window.until {
                continue;
            }
            note_first_files_only(node.number, node.files.as_ref(), &mut fetched.missing);
            found.push(ClosedInWindow {
                number: node.number,
                title: node.title,
                url: node.url,
                author: node.author.map(|a| a.login),
                merged: node.merged,
                created_at: node.created_at.parse().ok(),
                closed_at,
                merge_commit: node.merge_commit.map(|c| c.oid),
                base_ref: node.base_ref_name,
                files: node
                    .files
                    .iter()
                    .flat_map(Nodes::iter)
                    .map(|f| (f.path.clone(), change_type(&f.change_type)))
                    .collect(),
            });
        }
        client.progress(&format!("read {pages} pages of merged and closed pull requests"));
        // Updated before the window: so was every later one, and none was closed in it.
        if oldest.is_none_or(|o| o < since) {
            break;
        }
        match prs.page_info.next(pages, allowed) {
            Next::Beyond => {
                fetched.missing.push(format!(
                    "pull requests merged or closed since {}: only the {} most recently updated were read",
                    window.since,
                    pages * PAGE
                ));
                break;
            }
            Next::Page(next) => cursor = json!(next),
            Next::End => break,
        }
    }
    fetched.closed_in_window = Some(found);
    Ok(())
}

/// `files(first: 100)` gave a full page: there may be more, which the report does not see.
fn note_first_files_only(number: u64, files: Option<&Nodes<FileNode>>, missing: &mut Vec<String>) {
    if files.is_some_and(|f| f.iter().count() >= 100) {
        missing.push(format!("#{number}: only its first 100 changed files were read"));
    }
}

fn change_type(change_type: &str) -> ChangeType {
    match change_type {
        "ADDED" => ChangeType::Added,
        "DELETED" => ChangeType::Removed,
        "RENAMED" => ChangeType::Renamed,
        "COPIED" => ChangeType::Copied,
        "CHANGED" => ChangeType::Changed,
        _ => ChangeType::Modified,
    }
}

/// One request for the recently closed pull requests, merged or not, and the documents they
/// added.
async fn closed(client: &Client, owner: &str, name: &str, fetched: &mut Fetched) -> Result<(), GithubError> {
    let answer = match client.graphql(queries::CLOSED_PULL_REQUESTS, json!({"owner": owner, "name": name})).await {
        Ok(a) => a,
        Err(e) if e.is_fatal() => return Err(e),
        Err(e) => {
            fetched.missing.push(format!("closed pull requests ({e})"));
            return Ok(());
        }
    };
    // An optional part: an answer of the wrong shape is named in the report, as a failed request is.
    let answer: RepositoryAnswer<ClosedRepository> = match answers::read("ClosedPullRequests", &answer.data) {
        Ok(answer) => answer,
        Err(e) => {
            fetched.missing.push(format!("closed pull requests ({e})"));
            return Ok(());
        }
    };
    let closed = answer
        .repository
        .map(|r| r.pull_requests)
        .unwrap_or_default()
        .iter()
        .map(|n| scs_report::facts::ClosedPullRequest {
            number: n.number,
            url: n.url.clone(),
            merged: n.merged,
            added: n
                .files
                .iter()
                .flat_map(Nodes::iter)
                .filter(|f| f.change_type == "ADDED" && scs_core::corpus::is_document_path(&f.path))
                .map(|f| f.path.clone())
                .collect(),
        })
        .collect();
    fetched.closed_recently = Some(closed);
    Ok(())
}

fn pull_request(node: &PullRequestNode) -> Option<PullRequest> {
    let checks = match node
        .commits
        .iter()
        .next()
        .and_then(|c| c.commit.status_check_rollup.as_ref())
        .map(|r| r.state.as_str())
    {
        Some("SUCCESS") => Checks::Success,
        Some("PENDING" | "EXPECTED") => Checks::Pending,
        Some("FAILURE" | "ERROR") => Checks::Failure,
        _ => Checks::None,
    };
    let files = node
        .files
        .iter()
        .flat_map(Nodes::iter)
        .map(|f| ChangedFile {
            path: f.path.clone(),
            change: change_type(&f.change_type),
            head_text: None,
            base_text: None,
        })
        .collect();
    Some(PullRequest {
        number: node.number,
        title: node.title.clone(),
        url: node.url.clone(),
        author: node.author.as_ref().map(|a| a.login.clone()),
        draft: node.is_draft,
        created_at: node.created_at.parse().ok()?,
        updated_at: node.updated_at.parse().ok()?,
        labels: node.labels.iter().flat_map(Nodes::iter).map(|l| l.name.clone()).collect(),
        review_decision: match node.review_decision.as_deref() {
            Some("APPROVED") => Some(ReviewDecision::Approved),
            Some("CHANGES_REQUESTED") => Some(ReviewDecision::ChangesRequested),
            Some("REVIEW_REQUIRED") => Some(ReviewDecision::ReviewRequired),
            _ => None,
        },
        reviews: node
            .latest_reviews
            .iter()
            .flat_map(Nodes::iter)
            .map(|r| Review {
                author: r.author.as_ref().map(|a| a.login.clone()),
                state: r.state.clone(),
                submitted_at: r.submitted_at.as_deref().and_then(|t| t.parse().ok()),
            })
            .collect(),
        review_requests: review_requests(node),
        mergeable: match node.mergeable.as_str() {
            "MERGEABLE" => Mergeable::Mergeable,
            "CONFLICTING" => Mergeable::Conflicting,
            _ => Mergeable::Unknown,
        },
        checks,
        base_ref: node.base_ref_name.clone(),
        head_oid: node.head_ref_oid.clone(),
        dependencies: dependency_numbers(&node.body)
            .into_iter()
            .map(|number| Dependency { number, open: None })
            .collect(),
        body: node.body.clone(),
        files,
    })
}

/// The pending review requests, each dated by the latest request of that reviewer in the
/// timeline (a request made again after a review is dated anew).
fn review_requests(node: &PullRequestNode) -> Vec<ReviewRequest> {
    let events: Vec<(&str, bool, Timestamp)> = node
        .timeline_items
        .iter()
        .filter_map(|e| {
            let (who, team) = e.requested_reviewer.as_ref()?.who()?;
            Some((who, team, e.created_at.as_deref()?.parse().ok()?))
        })
        .collect();
    node.review_requests
        .iter()
        .flat_map(Nodes::iter)
        .filter_map(|r| {
            let (who, team) = r.requested_reviewer.as_ref()?.who()?;
            let requested_at = events.iter().filter(|(w, t, _)| *w == who && *t == team).map(|(_, _, at)| *at).max();
            Some(ReviewRequest { reviewer: who.to_owned(), team, requested_at })
        })
        .collect()
}

/// The head and base text of every changed document, [`queries::TEXTS_PER_QUERY`] a request.
async fn texts(
    client: &Client,
    owner: &str,
    name: &str,
    nodes: &[PullRequestNode],
    fetched: &mut Fetched,
) -> Result<(), GithubError> {
    let oids: BTreeMap<u64, (&str, &str)> =
        nodes.iter().map(|n| (n.number, (n.head_ref_oid.as_str(), n.base_ref_oid.as_str()))).collect();
    // (pr index, file index, head?) per expression
    let mut wanted: Vec<(usize, usize, bool)> = Vec::new();
    let mut expressions = Vec::new();
    for (p, pr) in fetched.pull_requests.iter().enumerate() {
        let Some((head, base)) = oids.get(&pr.number) else { continue };
        for (f, file) in pr.files.iter().enumerate().filter(|(_, f)| scs_core::corpus::is_document_path(&f.path)) {
            if file.change != ChangeType::Removed {
                expressions.push(format!("{head}:{}", file.path));
                wanted.push((p, f, true));
            }
            if !matches!(file.change, ChangeType::Added | ChangeType::Renamed | ChangeType::Copied) {
                expressions.push(format!("{base}:{}", file.path));
                wanted.push((p, f, false));
            }
        }
    }
    let mut unread = 0;
    for (chunk, (expressions, wanted)) in
        expressions.chunks(queries::TEXTS_PER_QUERY).zip(wanted.chunks(queries::TEXTS_PER_QUERY)).enumerate()
    {
        let answer =
            match client.graphql(&queries::file_texts(expressions), json!({"owner": owner, "name": name})).await {
                Ok(a) => a,
                Err(e) if e.is_fatal() => return Err(e),
                Err(e) => {
                    fetched.missing.push(format!(
                        "the texts of changed documents, part {} ({e}); their new errors are not computed",
                        chunk + 1
                    ));
                    continue;
                }
            };
        let objects = match answers::read::<RepositoryAnswer<Aliased<GitObject>>>("FileTexts", &answer.data) {
            Ok(answer) => answer.repository.unwrap_or_default(),
            Err(e) => {
                fetched.missing.push(format!(
                    "the texts of changed documents, part {} ({e}); their new errors are not computed",
                    chunk + 1
                ));
                continue;
            }
        };
        for (i, &(p, f, head)) in wanted.iter().enumerate() {
            let content = match objects.get(&format!("f{i}")) {
                Some(Some(GitObject::Blob(Blob { text: Some(text), is_binary }))) if *is_binary != Some(true) => {
                    Some(text.clone())
                }
                _ => None,
            };
            if content.is_none() {
                unread += 1;
            }
            let file = &mut fetched.pull_requests[p].files[f];
            if head { file.head_text = content } else { file.base_text = content }
        }
    }
    if unread > 0 {
        fetched.missing.push(format!("{unread} document versions could not be read"));
    }
    Ok(())
}

/// The state of every issue or pull request some body depends on,
/// [`queries::DEPENDENCIES_PER_QUERY`] a request.
async fn dependencies(client: &Client, owner: &str, name: &str, fetched: &mut Fetched) -> Result<(), GithubError> {
    let mut numbers: Vec<u64> =
        fetched.pull_requests.iter().flat_map(|p| p.dependencies.iter().map(|d| d.number)).collect();
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.is_empty() {
        return Ok(());
    }
    let mut open = BTreeMap::new();
    for chunk in numbers.chunks(queries::DEPENDENCIES_PER_QUERY) {
        let answer =
            match client.graphql(&queries::dependency_states(chunk), json!({"owner": owner, "name": name})).await {
                Ok(a) => a,
                Err(e) if e.is_fatal() => return Err(e),
                Err(e) => {
                    fetched.missing.push(format!("the state of dependencies ({e})"));
                    continue;
                }
            };
        let states = match answers::read::<RepositoryAnswer<Aliased<DependencyState>>>("DependencyStates", &answer.data)
        {
            Ok(answer) => answer.repository.unwrap_or_default(),
            Err(e) => {
                fetched.missing.push(format!("the state of dependencies ({e})"));
                continue;
            }
        };
        for &number in chunk {
            if let Some(is_open) =
                states.get(&format!("d{number}")).and_then(Option::as_ref).and_then(DependencyState::is_open)
            {
                open.insert(number, is_open);
            }
        }
    }
    for pr in &mut fetched.pull_requests {
        for dep in &mut pr.dependencies {
            dep.open = open.get(&dep.number).copied();
        }
    }
    Ok(())
}
