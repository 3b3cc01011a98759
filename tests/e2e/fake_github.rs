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

use std::net::TcpListener;
use std::sync::OnceLock;

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
