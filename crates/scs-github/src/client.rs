//! Sending one GraphQL request: authentication, bounded retries on server errors and resets,
//! waiting out rate limits within a bound, and errors that say what went wrong (never the
//! token).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue, LOCATION, USER_AGENT};
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
    /// Retries after a server error, a broken connection or a timeout.
    pub retries: u32,
    /// The first pause between retries; doubled each time.
    pub backoff: Duration,
    /// Longest time one request may take, from connecting to the last byte of the answer.
    pub timeout: Duration,
}

/// The default bound of one request: with two retries and the backoff, a server that accepts
/// connections and never answers ends `scs report` after 3 × 30 s + 1 s + 2 s = 93 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("graphql_url", &self.graphql_url)
            .field("token", &"<hidden>")
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Config {
    pub fn new(graphql_url: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            graphql_url: graphql_url.into(),
            token: token.into(),
            max_wait: Duration::from_secs(120),
            retries: 2,
            backoff: Duration::from_secs(1),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The longest a run of one request can take when the server never answers: every attempt
    /// times out, with the backoff pauses between them.
    pub fn worst_case_stall(&self) -> Duration {
        let attempts = self.retries + 1;
        let pauses: Duration = (1..attempts).map(|n| self.backoff * 2u32.saturating_pow(n - 1)).sum();
        self.timeout * attempts + pauses
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GithubError {
    #[error("GitHub at {url} rejected the token (HTTP {status}); use a token that can read the repository")]
    BadCredentials { status: u16, url: String },
    #[error("GitHub refused the request (HTTP {status}): {message}")]
    Forbidden { status: u16, message: String },
    #[error(
        "the repository {repository} was not found at {url}, or this token cannot see it \
         (a private repository needs a token with read access to it)"
    )]
    RepositoryNotFound { repository: String, url: String },
    #[error("{url} answered HTTP 404: there is no GraphQL API at this address (check --api-url)")]
    EndpointNotFound { url: String },
    #[error(
        "{url} answered with a redirect (HTTP {status}) to {location}; scs does not follow \
         redirects, so that the token goes nowhere else: set --api-url to the address you trust"
    )]
    Redirected { status: u16, url: String, location: String },
    #[error("GitHub's rate limit is exhausted; it resets in {seconds} s, longer than scs waits ({max} s)")]
    RateLimited { seconds: u64, max: u64 },
    #[error("GitHub answered HTTP {status} {attempts} times: {message}")]
    Server { status: u16, attempts: u32, message: String },
    #[error("cannot reach GitHub at {url} after {attempts} attempts: {message}")]
    Connection { url: String, attempts: u32, message: String },
    #[error(
        "GitHub at {url} did not answer within {seconds} s, {attempts} times; \
         check the address, or allow more time with --timeout"
    )]
    TimedOut { url: String, attempts: u32, seconds: u64 },
    #[error("GitHub's answer is not the expected JSON: {0}")]
    Malformed(String),
    #[error("GitHub reported errors: {0}")]
    GraphQl(String),
    #[error("the GitHub client could not be set up: {0}")]
    Setup(String),
}

impl GithubError {
    /// Errors after which no further request can succeed: the report stops instead of leaving
    /// a part out.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            Self::BadCredentials { .. }
                | Self::RateLimited { .. }
                | Self::RepositoryNotFound { .. }
                | Self::EndpointNotFound { .. }
                | Self::Redirected { .. }
                | Self::TimedOut { .. }
                | Self::Connection { .. }
        )
    }
}

/// A GraphQL client that counts its HTTP requests.
///
/// octocrab sends its own credentials only to api.github.com, so the client holds none: it
/// sets the `Authorization` header itself on each request, which goes to the configured
/// endpoint and nowhere else (redirects are not followed).
pub struct Client {
    octocrab: Octocrab,
    config: Config,
    uri: http::Uri,
    authorization: HeaderValue,
    requests: AtomicUsize,
    progress: Box<dyn Fn(&str) + Send + Sync>,
}

/// A GraphQL answer: its `data`, and the messages of `errors` that came with partial data.
pub struct Answer {
    pub data: Value,
    pub errors: Vec<String>,
}

/// What one attempt ended with.
enum Attempt {
    Answered { status: u16, headers: http::HeaderMap, text: String },
    Failed(String),
    TimedOut,
}

impl Client {
    pub fn new(config: Config) -> Result<Self, GithubError> {
        let uri: http::Uri = config
            .graphql_url
            .parse()
            .ok()
            .filter(|u: &http::Uri| matches!(u.scheme_str(), Some("http" | "https")) && u.authority().is_some())
            .ok_or_else(|| GithubError::Setup(format!("`{}` is not an http:// or https:// URL", config.graphql_url)))?;
        let token = config.token.trim();
        let mut authorization = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
            GithubError::Setup("the token holds characters that cannot be sent in an HTTP header".into())
        })?;
        authorization.set_sensitive(true);
        let connect = config.timeout.min(Duration::from_secs(10));
        let octocrab = Octocrab::builder()
            .set_connect_timeout(Some(connect))
            .set_read_timeout(Some(config.timeout))
            .build()
            .map_err(|e| GithubError::Setup(e.to_string()))?;
        Ok(Self { octocrab, config, uri, authorization, requests: AtomicUsize::new(0), progress: Box::new(|_| {}) })
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

    /// The GraphQL endpoint this client talks to.
    pub fn url(&self) -> &str {
        &self.config.graphql_url
    }

    pub fn progress(&self, message: &str) {
        (self.progress)(message);
    }

    /// One POST of `body` to the endpoint, bounded by the configured timeout as a whole.
    async fn attempt(&self, body: &[u8]) -> Attempt {
        let request = http::Request::post(self.uri.clone())
            .header(AUTHORIZATION, self.authorization.clone())
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, concat!("scs/", env!("CARGO_PKG_VERSION")))
            .body(body.to_vec());
        let request = match request {
            Ok(r) => r,
            Err(e) => return Attempt::Failed(e.to_string()),
        };
        let exchange = async {
            let response = self.octocrab.execute(request).await.map_err(|e| first_line(&e.to_string()))?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let text = self.octocrab.body_to_string(response).await.map_err(|e| first_line(&e.to_string()))?;
            Ok::<_, String>(Attempt::Answered { status, headers, text })
        };
        match tokio::time::timeout(self.config.timeout, exchange).await {
            Ok(Ok(answered)) => answered,
            Ok(Err(message)) => Attempt::Failed(message),
            Err(_) => Attempt::TimedOut,
        }
    }

    /// Sends `query` with `variables`; retries within the configured bounds.
    pub async fn graphql(&self, query: &str, variables: Value) -> Result<Answer, GithubError> {
        let body = serde_json::to_vec(&serde_json::json!({ "query": query, "variables": variables }))
            .map_err(|e| GithubError::Setup(e.to_string()))?;
        let url = || self.config.graphql_url.clone();
        let mut failures = 0;
        loop {
            self.requests.fetch_add(1, Ordering::Relaxed);
            let (status, headers, text) = match self.attempt(&body).await {
                Attempt::Answered { status, headers, text } => (status, headers, text),
                Attempt::Failed(message) => {
                    failures += 1;
                    if failures > self.config.retries {
                        return Err(GithubError::Connection { url: url(), attempts: failures, message });
                    }
                    self.pause(failures, "the connection failed").await;
                    continue;
                }
                Attempt::TimedOut => {
                    failures += 1;
                    if failures > self.config.retries {
                        let seconds = self.config.timeout.as_secs().max(1);
                        return Err(GithubError::TimedOut { url: url(), attempts: failures, seconds });
                    }
                    self.pause(failures, &format!("no answer within {} s", self.config.timeout.as_secs())).await;
                    continue;
                }
            };
            let wait = rate_limit_wait(&headers);
            match status {
                200..=299 => return parse_answer(&text),
                300..=399 => {
                    let location = headers
                        .get(LOCATION)
                        .and_then(|v| v.to_str().ok())
                        .map_or_else(|| "an unnamed address".to_owned(), first_line);
                    return Err(GithubError::Redirected { status, url: url(), location });
                }
                401 => return Err(GithubError::BadCredentials { status, url: url() }),
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
                404 => return Err(GithubError::EndpointNotFound { url: url() }),
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

/// The first line of `text`, at most 200 characters, with control characters dropped: a
/// server's words reach the terminal only as one plain line.
fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().chars().filter(|c| !c.is_control()).take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_stall_ends_within_two_minutes() {
        let config = Config::new("https://api.github.com/graphql", "t");
        assert_eq!(config.worst_case_stall(), Duration::from_secs(93));
        assert!(config.worst_case_stall() < Duration::from_secs(120));
    }

    #[test]
    fn only_http_urls_and_header_safe_tokens() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let _entered = runtime.enter();
        assert!(Client::new(Config::new("ftp://x/graphql", "t")).is_err());
        assert!(Client::new(Config::new("not a url", "t")).is_err());
        let bad = Client::new(Config::new("https://x/graphql", "abc\ndef")).err().map(|e| e.to_string());
        assert!(bad.is_some_and(|e| !e.contains("abc")), "the token is never echoed");
        assert!(Client::new(Config::new("https://x/graphql", "abc\n")).is_ok(), "a trailing newline is trimmed");
    }
}
