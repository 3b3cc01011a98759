//! A fake GitHub GraphQL endpoint that refuses what GitHub refuses, so that a test cannot pass
//! against an answer the real server would never give:
//! - a request without `Authorization: Bearer <token>` (or `token <token>`) gets HTTP 401
//!   "Bad credentials", as from GitHub;
//! - a query that is not valid against GitHub's schema (tests/data/github/schema.graphql), a
//!   connection argument `first`/`last` outside 1..=100, or a non-null variable left out gets
//!   GitHub's HTTP 200 with `errors` and no `data`;
//! - a batch of more aliases than scs promises to send ([`MAX_ALIASES`]) is refused likewise,
//!   so that the chunking cannot silently regress.
//!
//! Each guard is a wiremock mock of the highest priority; the tests mount the answers behind
//! them. A stalled server (one that accepts a connection and never answers) is [`stalled`].
//!
//! The answers are held to the schema too: [`Answer`] checks its `data` against the query it
//! answers, as GitHub's executor would produce it ([`answer_violations`]: every field asked
//! for, none more, the types and enum values of the schema, null only where allowed). An
//! answer GitHub could not give is served as HTTP 500 naming the violation, so the test fails.

use std::net::TcpListener;
use std::sync::OnceLock;

use apollo_compiler::executable::{Selection, SelectionSet};
use apollo_compiler::resolvers::{Execution, FieldError, ObjectValue, ResolveInfo, ResolvedValue};
use apollo_compiler::response::JsonMap;
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Schema};
use serde_json::{Value, json};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

/// The token every fake expects; it must never appear in any output.
pub const TOKEN: &str = "ghp_secret_token_for_tests_0123456789";

/// The most aliased fields scs puts in one query (`scs_github::queries::*_PER_QUERY`).
pub const MAX_ALIASES: usize = 100;

fn schema() -> &'static Valid<Schema> {
    static SCHEMA: OnceLock<Valid<Schema>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = crate::support::workspace().join("tests/data/github/schema.graphql");
        let sdl = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // GitHub's schema defines one field twice, which strict schema validation rejects; the
        // queries are still validated strictly against it.
        let schema = Schema::parse(sdl, "schema.graphql").unwrap_or_else(|with_errors| with_errors.partial);
        Valid::assume_valid(schema)
    })
}

/// Why GitHub would refuse this request body, if it would.
pub fn refusal(body: &[u8]) -> Option<String> {
    let Ok(body) = serde_json::from_slice::<Value>(body) else {
        return Some("Problems parsing JSON".into());
    };
    let Some(query) = body["query"].as_str() else {
        return Some("A query attribute must be specified and must be a string.".into());
    };
    let document = match ExecutableDocument::parse_and_validate(schema(), query, "query.graphql") {
        Ok(d) => d,
        Err(e) => return Some(errors(&e.to_string())),
    };
    for operation in document.operations.iter() {
        for variable in &operation.variables {
            let given = &body["variables"][variable.name.as_str()];
            if variable.ty.is_non_null() && variable.default_value.is_none() && given.is_null() {
                return Some(format!("Variable ${} of type {} was provided invalid value", variable.name, variable.ty));
            }
        }
    }
    for argument in ["first:", "last:"] {
        for at in query.match_indices(argument).map(|(i, _)| i + argument.len()) {
            let digits: String = query[at..].trim_start().chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse::<u64>()
                && !(1..=100).contains(&n)
            {
                return Some(format!(
                    "Requesting {n} records on the connection exceeds the `{argument}` limit of 100 records."
                ));
            }
        }
    }
    let aliases = query.lines().filter(|l| l.trim_start().split_once(": ").is_some_and(|(a, _)| is_alias(a))).count();
    if aliases > MAX_ALIASES {
        return Some(format!("{aliases} aliased fields in one query: more than scs promises to send ({MAX_ALIASES})"));
    }
    None
}

fn is_alias(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('f' | 'd')) && chars.as_str().chars().all(|c| c.is_ascii_digit()) && word.len() > 1
}

/// The error lines of apollo-compiler's report, as GitHub lists every error of a query.
fn errors(report: &str) -> String {
    let lines: Vec<&str> = report.lines().map(str::trim).filter(|l| l.starts_with("Error:")).collect();
    if lines.is_empty() { "invalid query".to_owned() } else { lines.join("; ") }
}

/// What is wrong with `answer` (a GraphQL response with `data`) as GitHub's answer to the
/// request `body`; empty when GitHub could have sent it.
pub fn answer_violations(body: &[u8], answer: &Value) -> Vec<String> {
    let Ok(request) = serde_json::from_slice::<Value>(body) else { return vec!["the request is not JSON".into()] };
    let query = request["query"].as_str().unwrap_or_default();
    let Ok(document) = ExecutableDocument::parse_and_validate(schema(), query, "query.graphql") else {
        return vec!["the query is not valid (the guards refuse it)".into()];
    };
    let Some(data) = answer.get("data").and_then(Value::as_object) else {
        return vec![format!("no `data` object in {answer}")];
    };
    let variables: JsonMap = serde_json::from_value(request["variables"].clone()).unwrap_or_default();
    let execution = Execution::new(schema(), &document).raw_variable_values(&variables);
    let root = AnswerObject { type_name: "Query".into(), map: data };
    let response = match execution.execute_sync(&root) {
        Ok(response) => response,
        Err(e) => return vec![format!("cannot execute: {}", e.message())],
    };
    let mut out: Vec<String> = response.errors.iter().map(|e| format!("{} at {:?}", e.message, e.path)).collect();
    let produced = serde_json::to_value(&response.data).unwrap_or_default();
    if out.is_empty() && produced != Value::Object(data.clone()) {
        out.push(format!("the answer holds fields the query did not ask for (GitHub would give {produced})"));
    }
    out
}

/// A JSON object of an answer, as the object of type `type_name` it stands for.
struct AnswerObject<'a> {
    type_name: String,
    map: &'a serde_json::Map<String, Value>,
}

impl ObjectValue for AnswerObject<'_> {
    fn type_name(&self) -> &str {
        &self.type_name
    }

    fn resolve_field<'a>(&'a self, info: &'a ResolveInfo<'a>) -> Result<ResolvedValue<'a>, FieldError> {
        let key = info.field_selections()[0].response_key().as_str();
        let value = self.map.get(key).ok_or_else(|| FieldError { message: format!("the answer has no `{key}`") })?;
        Ok(resolve(value, info))
    }
}

fn resolve<'a>(value: &'a Value, info: &'a ResolveInfo<'a>) -> ResolvedValue<'a> {
    match value {
        Value::Array(items) => ResolvedValue::list(items.iter().map(move |item| resolve(item, info))),
        Value::Object(map) => {
            let declared = info.field_definition().ty.inner_named_type().as_str();
            let type_name = concrete_type(declared, map, info);
            ResolvedValue::object(AnswerObject { type_name, map })
        }
        leaf => ResolvedValue::leaf(
            serde_json::from_value::<apollo_compiler::response::JsonValue>(leaf.clone()).unwrap_or_default(),
        ),
    }
}

/// The object type an answer's object of the (maybe abstract) type `declared` is: the
/// possible type whose selections give exactly the object's keys. GitHub sends no
/// `__typename` unless asked: an inline fragment's fields present tell the type.
fn concrete_type(declared: &str, map: &serde_json::Map<String, Value>, info: &ResolveInfo<'_>) -> String {
    let schema = schema();
    let candidates: Vec<String> = match schema.types.get(declared) {
        Some(ExtendedType::Union(union)) => union.members.iter().map(|m| m.name.to_string()).collect(),
        Some(ExtendedType::Interface(_)) => schema
            .types
            .iter()
            .filter(|(name, ty)| matches!(ty, ExtendedType::Object(_)) && schema.is_subtype(declared, name))
            .map(|(name, _)| name.to_string())
            .collect(),
        _ => return declared.to_owned(),
    };
    if let Some(named) = map.get("__typename").and_then(Value::as_str)
        && candidates.iter().any(|c| c == named)
    {
        return named.to_owned();
    }
    let present: std::collections::BTreeSet<&str> = map.keys().map(String::as_str).collect();
    candidates
        .iter()
        .find(|candidate| {
            let mut keys = std::collections::BTreeSet::new();
            for field in info.field_selections() {
                keys_for(&field.selection_set, candidate, info.document(), &mut keys);
            }
            keys.iter().map(String::as_str).collect::<std::collections::BTreeSet<_>>() == present
        })
        .or(candidates.first())
        .cloned()
        .unwrap_or_else(|| declared.to_owned())
}

/// The response keys `set` gives for an object of type `object`.
fn keys_for(
    set: &SelectionSet,
    object: &str,
    document: &ExecutableDocument,
    keys: &mut std::collections::BTreeSet<String>,
) {
    let applies = |condition: &str| condition == object || schema().is_subtype(condition, object);
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                keys.insert(field.response_key().to_string());
            }
            Selection::InlineFragment(fragment) => {
                if fragment.type_condition.as_ref().is_none_or(|c| applies(c.as_str())) {
                    keys_for(&fragment.selection_set, object, document, keys);
                }
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = document.fragments.get(&spread.fragment_name)
                    && applies(fragment.type_condition().as_str())
                {
                    keys_for(&fragment.selection_set, object, document, keys);
                }
            }
        }
    }
}

/// GitHub's answer (`{"data": …}`) to whatever query asks for it, checked against that query
/// and the schema: an answer GitHub could not give becomes HTTP 500 with the violations.
pub struct Answer(pub Value);

impl wiremock::Respond for Answer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let violations = answer_violations(&request.body, &self.0);
        if violations.is_empty() {
            ResponseTemplate::new(200).set_body_json(&self.0)
        } else {
            ResponseTemplate::new(500)
                .set_body_string(format!("the fake's answer is not one GitHub could give: {}", violations.join("; ")))
        }
    }
}

/// A repository as GitHub holds it: pull requests stored with every field any query of scs
/// asks for, and blobs by expression. Any query is answered by executing it against the schema,
/// with the arguments of `pullRequests` applied as GitHub applies them:
/// - `states` filters (`OPEN`, `CLOSED` without merge, `MERGED`);
/// - `orderBy` sorts by `CREATED_AT` or `UPDATED_AT`, `ASC` or `DESC`; without it GitHub
///   orders by creation, oldest first;
/// - `first` with `after`, or `last` with `before`, cut a page; a cursor GitHub did not hand
///   out is an error; `totalCount` counts every pull request the states select;
/// - an argument the fake does not implement is an error, so a test cannot pass on a query
///   whose meaning the fake ignores.
///
/// `repository(owner:, name:)` other than this one is null with GitHub's error.
#[derive(Clone)]
pub struct Hosted {
    pub owner: String,
    pub name: String,
    pub pull_requests: Vec<Value>,
    /// `object(expression:)` answers, such as `{"__typename": "Tree"}` for `HEAD:Standards`.
    pub objects: std::collections::HashMap<String, Value>,
    /// Issues by number, each `{"id": …, "comments": [{"id", "url", "body", "author"}]}`;
    /// mutations change them.
    pub issues: std::sync::Arc<std::sync::Mutex<std::collections::BTreeMap<u64, Value>>>,
    /// The login the token belongs to (`viewerDidAuthor`).
    pub viewer: String,
    /// `defaultBranchRef` (`{"name", "target": {"oid", "committedDate"}}`), null when unset.
    pub default_branch: Value,
    /// Whether the token may write issues and comments; without, GitHub's FORBIDDEN.
    pub can_write: bool,
}

impl Hosted {
    pub fn new(repository: &str, pull_requests: Vec<Value>) -> Self {
        let (owner, name) = repository.split_once('/').expect("OWNER/NAME");
        Self {
            owner: owner.into(),
            name: name.into(),
            pull_requests,
            objects: Default::default(),
            issues: Default::default(),
            viewer: "github-actions[bot]".into(),
            default_branch: Value::Null,
            can_write: true,
        }
    }

    /// Issue `number` with comments `(author, body)`, oldest first.
    pub fn with_issue(self, number: u64, comments: &[(&str, &str)]) -> Self {
        let comments: Vec<Value> = comments
            .iter()
            .enumerate()
            .map(|(i, (author, body))| self.comment(number, 1000 * number + i as u64, author, body))
            .collect();
        let id = format!("I_kwDO{number}");
        self.issues.lock().expect("issues").insert(number, json!({"id": id, "number": number, "comments": comments}));
        self
    }

    fn comment(&self, issue: u64, id: u64, author: &str, body: &str) -> Value {
        json!({
            "id": format!("IC_kwDO{id}"), "number": id, "createdAt": format!("2026-01-01T00:00:00.{id:06}Z"),
            "url": format!("https://github.com/{}/{}/issues/{issue}#issuecomment-{id}", self.owner, self.name),
            "body": body, "author": author
        })
    }

    /// The default branch has a `Standards/` folder.
    pub fn with_standards(mut self) -> Self {
        self.objects.insert("HEAD:Standards".into(), json!({"__typename": "Tree"}));
        self
    }
}

impl wiremock::Respond for Hosted {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
            return ResponseTemplate::new(400);
        };
        let query = body["query"].as_str().unwrap_or_default();
        let Ok(document) = ExecutableDocument::parse_and_validate(schema(), query, "query.graphql") else {
            return ResponseTemplate::new(500).set_body_string("the guards should have refused this query");
        };
        let variables: JsonMap = serde_json::from_value(body["variables"].clone()).unwrap_or_default();
        let execution = Execution::new(schema(), &document).raw_variable_values(&variables);
        let mutation = document
            .operations
            .get(None)
            .is_ok_and(|o| o.operation_type == apollo_compiler::executable::OperationType::Mutation);
        let result = if mutation {
            execution.execute_sync(&HostedMutation(self))
        } else {
            execution.execute_sync(&HostedQuery(self))
        };
        match result {
            Ok(response) => ResponseTemplate::new(200).set_body_json(&response),
            Err(e) => {
                ResponseTemplate::new(200).set_body_json(json!({"errors": [{"message": e.message().to_string()}]}))
            }
        }
    }
}

struct HostedQuery<'a>(&'a Hosted);

impl ObjectValue for HostedQuery<'_> {
    fn type_name(&self) -> &str {
        "Query"
    }

    fn resolve_field<'a>(&'a self, info: &'a ResolveInfo<'a>) -> Result<ResolvedValue<'a>, FieldError> {
        match info.field_name() {
            "repository" => {
                let args = arguments(info);
                if args["owner"] == self.0.owner && args["name"] == self.0.name {
                    Ok(ResolvedValue::object(HostedRepository(self.0)))
                } else {
                    Err(FieldError {
                        message: format!(
                            "Could not resolve to a Repository with the name '{}/{}'.",
                            args["owner"].as_str().unwrap_or_default(),
                            args["name"].as_str().unwrap_or_default()
                        ),
                    })
                }
            }
            _ => Err(self.unknown_field_error(info)),
        }
    }
}

/// The coerced arguments of a field, as JSON.
fn arguments(info: &ResolveInfo<'_>) -> Value {
    serde_json::to_value(info.arguments()).unwrap_or_default()
}

struct HostedRepository<'a>(&'a Hosted);

impl ObjectValue for HostedRepository<'_> {
    fn type_name(&self) -> &str {
        "Repository"
    }

    fn resolve_field<'a>(&'a self, info: &'a ResolveInfo<'a>) -> Result<ResolvedValue<'a>, FieldError> {
        let args = arguments(info);
        match info.field_name() {
            "url" => Ok(ResolvedValue::leaf(format!("https://github.com/{}/{}", self.0.owner, self.0.name))),
            "defaultBranchRef" => Ok(resolve(&self.0.default_branch, info)),
            // The state of an issue or pull request of this repository, as a stored pull
            // request (`state`) has it; an unknown number is null, as on GitHub.
            "issueOrPullRequest" => {
                let number = args["number"].as_u64().unwrap_or_default();
                Ok(match self.0.pull_requests.iter().find(|pr| pr["number"] == number) {
                    Some(pr) => ResolvedValue::object(Owned {
                        type_name: "PullRequest",
                        value: json!({"state": state(pr), "number": number}),
                    }),
                    None => ResolvedValue::null(),
                })
            }
            "object" => {
                let expression = args["expression"].as_str().unwrap_or_default();
                Ok(match self.0.objects.get(expression) {
                    Some(value) => resolve(value, info),
                    None => ResolvedValue::null(),
                })
            }
            "pullRequests" => {
                Ok(ResolvedValue::object(connection(&self.0.pull_requests, &args, "PullRequestConnection")?))
            }
            "issue" => {
                let number = args["number"].as_u64().unwrap_or_default();
                match self.0.issues.lock().expect("issues").get(&number) {
                    Some(issue) => {
                        Ok(ResolvedValue::object(HostedIssue { issue: issue.clone(), viewer: &self.0.viewer }))
                    }
                    None => Err(FieldError {
                        message: format!("Could not resolve to an Issue with the number of {number}."),
                    }),
                }
            }
            _ => Err(FieldError { message: format!("the fake does not hold Repository.{}", info.field_name()) }),
        }
    }
}

/// GitHub's state of a stored pull request.
fn state(pr: &Value) -> &str {
    pr["state"].as_str().unwrap_or("OPEN")
}

/// `pullRequests(…)` (or `comments(…)`) over `stored`, as GitHub computes it.
fn connection(stored: &[Value], args: &Value, type_name: &'static str) -> Result<Connection, FieldError> {
    let error = |message: String| FieldError { message };
    let known = ["states", "orderBy", "first", "after", "last", "before"];
    if let Some((unknown, _)) =
        args.as_object().into_iter().flatten().find(|(k, v)| !known.contains(&k.as_str()) && !v.is_null())
    {
        return Err(error(format!("the fake does not implement the argument `{unknown}` of pullRequests")));
    }
    let states: Vec<&str> = match &args["states"] {
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        Value::String(one) => vec![one.as_str()],
        _ => Vec::new(),
    };
    let mut selected: Vec<&Value> =
        stored.iter().filter(|pr| states.is_empty() || states.contains(&state(pr))).collect();
    let (field, direction) = match &args["orderBy"] {
        Value::Null => ("CREATED_AT", "ASC"),
        order => (order["field"].as_str().unwrap_or_default(), order["direction"].as_str().unwrap_or_default()),
    };
    let key = match field {
        "CREATED_AT" => "createdAt",
        "UPDATED_AT" => "updatedAt",
        other => return Err(error(format!("the fake does not order pull requests by {other}"))),
    };
    // GitHub's timestamps are ISO 8601 in UTC: their text order is their time order; ties by number.
    selected.sort_by(|a, b| {
        let ordering = a[key].as_str().cmp(&b[key].as_str()).then(a["number"].as_u64().cmp(&b["number"].as_u64()));
        if direction == "DESC" { ordering.reverse() } else { ordering }
    });
    let total = selected.len();
    let position = |cursor: &Value| -> Result<Option<usize>, FieldError> {
        match cursor {
            Value::Null => Ok(None),
            Value::String(text) => text
                .strip_prefix("Y3Vyc29yOnYyOpK")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|&n| n < total)
                .map(Some)
                .ok_or_else(|| error(format!("`{text}` does not appear to be a valid cursor."))),
            _ => Err(error("a cursor is a string".into())),
        }
    };
    let after = position(&args["after"])?.map_or(0, |i| i + 1);
    let before = position(&args["before"])?.unwrap_or(total);
    let window: Vec<usize> = (after..before.max(after)).collect();
    let window = match (args["first"].as_u64(), args["last"].as_u64()) {
        (Some(_), Some(_)) => {
            return Err(error(
                "Passing both `first` and `last` to paginate the `pullRequests` connection is not supported.".into(),
            ));
        }
        (Some(first), None) => window.into_iter().take(first as usize).collect::<Vec<_>>(),
        (None, Some(last)) => window.iter().copied().skip(window.len().saturating_sub(last as usize)).collect(),
        (None, None) => {
            return Err(error(
                "You must provide a `first` or `last` value to properly paginate the `pullRequests` connection.".into(),
            ));
        }
    };
    let end = window.last().copied();
    let start = window.first().copied();
    Ok(Connection {
        type_name,
        nodes: window.iter().map(|&i| selected[i].clone()).collect(),
        total,
        has_next: end.is_some_and(|e| e + 1 < before),
        has_previous: start.is_some_and(|s| s > after),
        end_cursor: end.map(|e| format!("Y3Vyc29yOnYyOpK{e}")),
        start_cursor: start.map(|s| format!("Y3Vyc29yOnYyOpK{s}")),
    })
}

struct Connection {
    type_name: &'static str,
    nodes: Vec<Value>,
    total: usize,
    has_next: bool,
    has_previous: bool,
    end_cursor: Option<String>,
    start_cursor: Option<String>,
}

impl ObjectValue for Connection {
    fn type_name(&self) -> &str {
        self.type_name
    }

    fn resolve_field<'a>(&'a self, info: &'a ResolveInfo<'a>) -> Result<ResolvedValue<'a>, FieldError> {
        match info.field_name() {
            "totalCount" => Ok(ResolvedValue::leaf(self.total)),
            "nodes" => Ok(ResolvedValue::list(self.nodes.iter().map(move |node| resolve(node, info)))),
            "pageInfo" => Ok(ResolvedValue::object(PageInfo(json!({
                "hasNextPage": self.has_next, "hasPreviousPage": self.has_previous,
                "endCursor": self.end_cursor, "startCursor": self.start_cursor
            })))),
            _ => {
                Err(FieldError { message: format!("the fake does not hold {}.{}", self.type_name, info.field_name()) })
            }
        }
    }
}

/// An issue of [`Hosted`] (a snapshot: a mutation in the same request is not seen), as the
/// token's user (`viewer`) sees it.
struct HostedIssue<'a> {
    issue: Value,
    viewer: &'a str,
}

impl ObjectValue for HostedIssue<'_> {
    fn type_name(&self) -> &str {
        "Issue"
    }

    fn resolve_field<'a>(&'a self, info: &'a ResolveInfo<'a>) -> Result<ResolvedValue<'a>, FieldError> {
        match info.field_name() {
            "id" | "number" => Ok(resolve(&self.issue[info.field_name()], info)),
            "comments" => {
                let viewer = self.viewer;
                let comments: Vec<Value> = self.issue["comments"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|c| {
                        let mut c = c.clone();
                        c["viewerDidAuthor"] = json!(c["author"] == viewer);
                        c
                    })
                    .collect();
                Ok(ResolvedValue::object(connection(&comments, &arguments(info), "IssueCommentConnection")?))
            }
            other => Err(FieldError { message: format!("the fake does not hold Issue.{other}") }),
        }
    }
}

/// An object built for an answer (a mutation's payload), served as its JSON.
struct Owned {
    type_name: &'static str,
    value: Value,
}

impl ObjectValue for Owned {
    fn type_name(&self) -> &str {
        self.type_name
    }

    fn resolve_field<'a>(&'a self, info: &'a ResolveInfo<'a>) -> Result<ResolvedValue<'a>, FieldError> {
        let value = self.value.get(info.field_name()).ok_or_else(|| FieldError {
            message: format!("the fake has no {}.{}", self.type_name, info.field_name()),
        })?;
        Ok(resolve(value, info))
    }
}

/// The mutations of [`Hosted`]: `addComment` and `updateIssueComment`, refused as GitHub
/// refuses them (a token without write access, another's comment, a body over 65,536
/// characters, an unknown node id).
struct HostedMutation<'a>(&'a Hosted);

/// GitHub's limit on a comment body, in characters.
const MAX_COMMENT_BODY: usize = 65_536;

impl ObjectValue for HostedMutation<'_> {
    fn type_name(&self) -> &str {
        "Mutation"
    }

    fn resolve_field<'a>(&'a self, info: &'a ResolveInfo<'a>) -> Result<ResolvedValue<'a>, FieldError> {
        let hosted = self.0;
        let error = |message: &str| Err(FieldError { message: message.to_owned() });
        if !hosted.can_write {
            return error("Resource not accessible by integration");
        }
        let input = &arguments(info)["input"];
        let body = input["body"].as_str().unwrap_or_default();
        if body.chars().count() > MAX_COMMENT_BODY {
            return error("Body is too long (maximum is 65536 characters)");
        }
        let mut issues = hosted.issues.lock().expect("issues");
        match info.field_name() {
            "addComment" => {
                let subject = input["subjectId"].as_str().unwrap_or_default();
                let Some((&number, issue)) = issues.iter_mut().find(|(_, i)| i["id"] == subject) else {
                    return error(&format!("Could not resolve to a node with the global id of '{subject}'"));
                };
                let comments = issue["comments"].as_array_mut().expect("comments");
                let id = 1000 * number + comments.len() as u64;
                let comment = hosted.comment(number, id, &hosted.viewer, body);
                comments.push(comment.clone());
                let node = json!({"id": comment["id"], "url": comment["url"]});
                let value = json!({"commentEdge": {"node": node}});
                Ok(ResolvedValue::object(Owned { type_name: "AddCommentPayload", value }))
            }
            "updateIssueComment" => {
                let id = input["id"].as_str().unwrap_or_default();
                let Some(comment) = issues
                    .values_mut()
                    .flat_map(|i| i["comments"].as_array_mut().expect("comments"))
                    .find(|c| c["id"] == id)
                else {
                    return error(&format!("Could not resolve to a node with the global id of '{id}'"));
                };
                if comment["author"] != hosted.viewer.as_str() {
                    return error("Resource not accessible by integration");
                }
                comment["body"] = json!(body);
                let node = json!({"id": comment["id"], "url": comment["url"]});
                Ok(ResolvedValue::object(Owned {
                    type_name: "UpdateIssueCommentPayload",
                    value: json!({"issueComment": node}),
                }))
            }
            other => error(&format!("the fake does not implement the mutation {other}")),
        }
    }
}

struct PageInfo(Value);

impl ObjectValue for PageInfo {
    fn type_name(&self) -> &str {
        "PageInfo"
    }

    fn resolve_field<'a>(&'a self, info: &'a ResolveInfo<'a>) -> Result<ResolvedValue<'a>, FieldError> {
        Ok(resolve(&self.0[info.field_name()], info))
    }
}

/// Matches requests that do not carry the token in a form GitHub accepts.
struct Unauthorized;

impl Match for Unauthorized {
    fn matches(&self, request: &Request) -> bool {
        let header = request.headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
        header != format!("Bearer {TOKEN}") && header != format!("token {TOKEN}")
    }
}

/// Matches requests GitHub would refuse as a query.
struct Refused;

impl Match for Refused {
    fn matches(&self, request: &Request) -> bool {
        refusal(&request.body).is_some()
    }
}

/// A running fake; `server` takes the answers of the test.
pub struct FakeGithub {
    pub server: MockServer,
}

impl FakeGithub {
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        Mock::given(Unauthorized)
            .respond_with(ResponseTemplate::new(401).set_body_json(json!({
                "message": "Bad credentials",
                "documentation_url": "https://docs.github.com/graphql",
                "status": "401"
            })))
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(Refused)
            .respond_with(|request: &Request| {
                let message = refusal(&request.body).unwrap_or_default();
                ResponseTemplate::new(200).set_body_json(json!({"errors": [{"message": message}]}))
            })
            .with_priority(2)
            .mount(&server)
            .await;
        Self { server }
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The bodies of the requests that passed the guards (JSON), in order.
    pub async fn accepted(&self) -> Vec<Value> {
        self.server
            .received_requests()
            .await
            .unwrap_or_default()
            .iter()
            .filter(|r| !Unauthorized.matches(r) && refusal(&r.body).is_none())
            .map(|r| serde_json::from_slice(&r.body).unwrap_or(Value::Null))
            .collect()
    }

    /// Every request that reached the fake, accepted or not.
    pub async fn received(&self) -> usize {
        self.server.received_requests().await.unwrap_or_default().len()
    }
}

/// A server that accepts connections and never answers; it lives as long as the returned
/// listener thread's owner keeps the guard.
pub struct Stalled {
    pub port: u16,
}

pub fn stalled() -> Stalled {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        // Hold every connection open, unanswered, until the test process ends.
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    Stalled { port }
}

#[test]
fn the_guards_refuse_what_github_refuses() {
    let valid = json!({"query": "query Q($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { name } }",
                       "variables": {"owner": "o", "name": "n"}});
    assert_eq!(refusal(valid.to_string().as_bytes()), None);
    let wrong_field = json!({"query": "query { viewer { loginn } }"});
    let refused = refusal(wrong_field.to_string().as_bytes());
    assert!(refused.as_ref().is_some_and(|m| m.contains("loginn")), "{refused:?}");
    let missing_variable = json!({"query": "query Q($owner: String!) { repository(owner: $owner, name: \"n\") { name } }", "variables": {}});
    assert!(refusal(missing_variable.to_string().as_bytes()).is_some_and(|m| m.contains("$owner")));
    let too_many = json!({"query": "query { viewer { repositories(first: 101) { totalCount } } }"});
    assert!(refusal(too_many.to_string().as_bytes()).is_some_and(|m| m.contains("101")));
    let aliases: String = (0..=MAX_ALIASES).map(|i| format!("  d{i}: issue(number: {i}) {{ number }}\n")).collect();
    let batch = json!({"query": format!("query {{ repository(owner: \"o\", name: \"n\") {{\n{aliases}}} }}")});
    assert!(refusal(batch.to_string().as_bytes()).is_some_and(|m| m.contains("aliased")));
    assert!(refusal(b"not json").is_some());
}

#[test]
fn answers_are_held_to_the_query_and_the_schema() {
    let request = json!({"query": "query Q($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { name isPrivate pullRequests(first: 1, states: OPEN) { totalCount nodes { number state } } d1: issueOrPullRequest(number: 1) { ... on Issue { issueState: state } ... on PullRequest { pullRequestState: state } } f0: object(expression: \"HEAD:x\") { ... on Blob { text isBinary } } } }",
                         "variables": {"owner": "o", "name": "n"}}).to_string();
    let good = json!({"data": {"repository": {"name": "n", "isPrivate": false,
        "pullRequests": {"totalCount": 1, "nodes": [{"number": 7, "state": "OPEN"}]},
        "d1": {"pullRequestState": "MERGED"}, "f0": {"text": "x", "isBinary": false}}}});
    assert_eq!(answer_violations(request.as_bytes(), &good), Vec::<String>::new());
    // A tree instead of a blob, an issue, a missing repository: all GitHub's.
    let mut other = good.clone();
    other["data"]["repository"]["f0"] = json!({});
    other["data"]["repository"]["d1"] = json!({"issueState": "CLOSED"});
    assert_eq!(answer_violations(request.as_bytes(), &other), Vec::<String>::new());
    assert_eq!(answer_violations(request.as_bytes(), &json!({"data": {"repository": null}})), Vec::<String>::new());
    let broken = |path: &[&str], value: Value| {
        let mut answer = good.clone();
        let mut at = &mut answer["data"]["repository"];
        for key in &path[..path.len() - 1] {
            at = &mut at[*key];
        }
        match value {
            Value::Null if path.last() == Some(&"-") => {}
            value => at[path[path.len() - 1]] = value,
        }
        answer
    };
    let mut missing = good.clone();
    missing["data"]["repository"].as_object_mut().expect("object").remove("isPrivate");
    for (what, answer) in [
        ("a missing field", missing),
        ("null for Boolean!", broken(&["isPrivate"], Value::Null)),
        ("a string for Int!", broken(&["pullRequests", "totalCount"], json!("1"))),
        ("an enum value GitHub lacks", broken(&["pullRequests", "nodes"], json!([{"number": 7, "state": "DONE"}]))),
        ("a field not asked for", broken(&["title"], json!("x"))),
        ("a renamed field", broken(&["d1"], json!({"state": "OPEN"}))),
    ] {
        assert!(!answer_violations(request.as_bytes(), &answer).is_empty(), "{what} passed: {answer}");
    }
}
