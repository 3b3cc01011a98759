//! Sending one GraphQL request: authentication, bounded retries on server errors and resets,
//! waiting out rate limits within a bound, and errors that say what went wrong (never the
//! token).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use octocrab::Octocrab;
use serde_json::Value;

/// How the client reaches GitHub and how patient it is.
#[derive(Clone)]
pub struct Config {
    /// The GraphQL endpoint (`https://api.github.com/graphql`, or GitHub Enterprise's).
    pub graphql_url: String,
    pub token: String,
    /// Longest wait for a rate limit to reset before giving up.
    pub max_wait: Duration,
    /// Retries after a server error or a broken connection.
    pub retries: u32,
    /// The first pause between retries; doubled each time.
    pub backoff: Duration,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config").field("graphql_url", &self.graphql_url).field("token", &"<hidden>").finish()
    }
}

impl Config {
    pub fn new(graphql_url: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            graphql_url: graphql_url.into(),
            token: token.into(),
            max_wait: Duration::from_secs(120),
            retries: 3,
            backoff: Duration::from_secs(1),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GithubError {
    #[error("GitHub rejected the token (HTTP {status}); use a token that can read the repository")]
    BadCredentials { status: u16 },
    #[error("GitHub refused the request (HTTP {status}): {message}")]
    Forbidden { status: u16, message: String },
    #[error("GitHub's rate limit is exhausted; it resets in {seconds} s, longer than scs waits ({max} s)")]
    RateLimited { seconds: u64, max: u64 },
    #[error("GitHub answered HTTP {status} {attempts} times: {message}")]
    Server { status: u16, attempts: u32, message: String },
    #[error("cannot reach GitHub at {url} after {attempts} attempts: {message}")]
    Connection { url: String, attempts: u32, message: String },
    #[error("GitHub's answer is not the expected JSON: {0}")]
    Malformed(String),
    #[error("GitHub reported errors: {0}")]
    GraphQl(String),
    #[error("the GitHub client could not be set up: {0}")]
    Setup(String),
}

/// A GraphQL client that counts its HTTP requests.
pub struct Client {
    octocrab: Octocrab,
    config: Config,
    requests: AtomicUsize,
    progress: Box<dyn Fn(&str) + Send + Sync>,
}

/// A GraphQL answer: its `data`, and the messages of `errors` that came with partial data.
pub struct Answer {
    pub data: Value,
    pub errors: Vec<String>,
}

impl Client {
    pub fn new(config: Config) -> Result<Self, GithubError> {
        let octocrab = Octocrab::builder()
            .personal_token(config.token.clone())
            .build()
            .map_err(|e| GithubError::Setup(e.to_string()))?;
        Ok(Self { octocrab, config, requests: AtomicUsize::new(0), progress: Box::new(|_| {}) })
    }

    /// Reports waits and retries (the CLI prints them on a terminal).
    pub fn with_progress(mut self, progress: impl Fn(&str) + Send + Sync + 'static) -> Self {
        self.progress = Box::new(progress);
        self
    }

    /// HTTP requests sent so far, retries included.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    pub fn progress(&self, message: &str) {
        (self.progress)(message);
    }

    /// Sends `query` with `variables`; retries within the configured bounds.
    pub async fn graphql(&self, query: &str, variables: Value) -> Result<Answer, GithubError> {
        let body = serde_json::json!({ "query": query, "variables": variables });
        let mut failures = 0;
        loop {
            self.requests.fetch_add(1, Ordering::Relaxed);
            let response = match self.octocrab._post(self.config.graphql_url.as_str(), Some(&body)).await {
                Ok(r) => r,
                Err(e) => {
                    failures += 1;
                    if failures > self.config.retries {
                        return Err(GithubError::Connection {
                            url: self.config.graphql_url.clone(),
                            attempts: failures,
                            message: first_line(&e.to_string()),
                        });
                    }
                    self.pause(failures, "the connection failed").await;
                    continue;
                }
            };
            let status = response.status().as_u16();
            let wait = rate_limit_wait(response.headers());
            let text = self.octocrab.body_to_string(response).await.unwrap_or_default();
            match status {
                200..=299 => return parse_answer(&text),
                401 => return Err(GithubError::BadCredentials { status }),
                403 | 429 if wait.is_some() || text.contains("rate limit") => {
                    let wait = wait.unwrap_or(Duration::from_secs(60));
                    if wait > self.config.max_wait || failures >= self.config.retries + 2 {
                        return Err(GithubError::RateLimited {
                            seconds: wait.as_secs(),
                            max: self.config.max_wait.as_secs(),
                        });
                    }
                    failures += 1;
                    self.progress(&format!("GitHub's rate limit is reached; waiting {} s", wait.as_secs()));
                    tokio::time::sleep(wait).await;
                }
                403 => return Err(GithubError::Forbidden { status, message: message_of(&text) }),
                500..=599 => {
                    failures += 1;
                    if failures > self.config.retries {
                        return Err(GithubError::Server { status, attempts: failures, message: message_of(&text) });
                    }
                    self.pause(failures, &format!("GitHub answered {status}")).await;
                }
                _ => return Err(GithubError::Forbidden { status, message: message_of(&text) }),
            }
        }
    }

    async fn pause(&self, failures: u32, why: &str) {
        let delay = self.config.backoff * 2u32.saturating_pow(failures.saturating_sub(1));
        self.progress(&format!("{why}; retrying in {} ms", delay.as_millis()));
        tokio::time::sleep(delay).await;
    }
}

/// How long a rate-limited answer asks to wait: `Retry-After`, or `x-ratelimit-reset` when
/// `x-ratelimit-remaining` is 0.
fn rate_limit_wait(headers: &http::HeaderMap) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(seconds) = header("retry-after").and_then(|v| v.parse::<u64>().ok()) {
        return Some(Duration::from_secs(seconds));
    }
    if header("x-ratelimit-remaining") == Some("0") {
        let reset = header("x-ratelimit-reset")?.parse::<i64>().ok()?;
        let now = jiff::Timestamp::now().as_second();
        return Some(Duration::from_secs(u64::try_from(reset - now).unwrap_or(0) + 1));
    }
    None
}

fn parse_answer(text: &str) -> Result<Answer, GithubError> {
    let value: Value = serde_json::from_str(text).map_err(|e| GithubError::Malformed(e.to_string()))?;
    let errors: Vec<String> = value
        .get("errors")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .map(|e| e.get("message").and_then(Value::as_str).unwrap_or("unknown error").to_owned())
                .collect()
        })
        .unwrap_or_default();
    match value.get("data") {
        Some(data) if !data.is_null() => Ok(Answer { data: data.clone(), errors }),
        _ if !errors.is_empty() => Err(GithubError::GraphQl(errors.join("; "))),
        _ => Err(GithubError::Malformed("no `data` in the answer".into())),
    }
}

fn message_of(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| first_line(text))
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().chars().take(200).collect()
}
