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
    #[error(
        "{url} sent an answer larger than {max_mib} MiB; scs stopped reading it (a GitHub answer to scs's queries is far smaller)"
    )]
    TooLarge { url: String, max_mib: usize },
    #[error(
        "--api-url {url} is plain http:// to a host that is not this machine: the token would travel unencrypted; use https:// (plain http is allowed only for loopback, as for a local test server)"
    )]
    PlainHttp { url: String },
    #[error(
        "the report reached scs's budget for one run ({MAX_RUN_REQUESTS} requests or {} MiB of answers); the rest was not asked",
        MAX_RUN_BYTES / (1024 * 1024)
    )]
    Budget,
    #[error("GitHub's answer is not the expected JSON: {0}")]
    Malformed(String),
    #[error("GitHub reported errors: {0}")]
    GraphQl(String),
    #[error("the GitHub client could not be set up: {0}")]
    Setup(String),
    #[error("{issue} is not an issue at {url} (a pull request's number is not one), or this token cannot see it")]
    IssueNotFound { issue: String, url: String },
    #[error(
        "scs could not comment on {issue}: {message}; the token needs write access to its issues \
         (in GitHub Actions: `permissions: issues: write`)"
    )]
    CannotComment { issue: String, message: String },
    #[error(
        "{issue} has {total} comments; scs read the first {read} and did not find its own: it posts \
         no second one (post the report on an issue with fewer comments)"
    )]
    TooManyComments { issue: String, total: u64, read: u64 },
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
                | Self::TooLarge { .. }
                | Self::PlainHttp { .. }
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
    /// Bytes of answers read so far, against [`MAX_RUN_BYTES`] for the whole run.
    received: std::sync::atomic::AtomicU64,
    /// Milliseconds waited for rate limits so far, against `max_wait` for the whole run.
    waited_ms: std::sync::atomic::AtomicU64,
    progress: Box<dyn Fn(&str) + Send + Sync>,
}

/// A GraphQL answer: its `data`, and the messages of `errors` that came with partial data.
pub struct Answer {
    pub data: Value,
    pub errors: Vec<String>,
}

/// What one attempt ended with.
enum Attempt {
    Answered {
        status: u16,
        headers: http::HeaderMap,
        text: String,
    },
    /// The answer was larger than [`MAX_ANSWER`]; reading it stopped there.
    TooLarge,
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
        if !may_carry_token(&uri) {
            return Err(GithubError::PlainHttp { url: config.graphql_url.clone() });
        }
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
        Ok(Self {
            octocrab,
            config,
            uri,
            authorization,
            requests: AtomicUsize::new(0),
            received: std::sync::atomic::AtomicU64::new(0),
            waited_ms: std::sync::atomic::AtomicU64::new(0),
            progress: Box::new(|_| {}),
        })
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
            let text = match read_body(response.into_body(), MAX_ANSWER).await {
                Ok(text) => text,
                Err(BodyError::TooLarge) => return Ok(Attempt::TooLarge),
                Err(BodyError::Failed(message)) => return Err(message),
            };
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
        self.send(query, variables, self.config.retries).await
    }

    /// Sends the mutation `query` with `variables` once: a mutation whose answer was lost
    /// (a time-out, a broken connection, a server error) may have been carried out, and
    /// sending it again could do it twice. A rate limit is still waited out: GitHub did
    /// nothing with a request it refused for that.
    pub async fn mutation(&self, query: &str, variables: Value) -> Result<Answer, GithubError> {
        self.send(query, variables, 0).await
    }

    async fn send(&self, query: &str, variables: Value, retries: u32) -> Result<Answer, GithubError> {
        let body = serde_json::to_vec(&serde_json::json!({ "query": query, "variables": variables }))
            .map_err(|e| GithubError::Setup(e.to_string()))?;
        let url = || self.config.graphql_url.clone();
        let mut failures = 0;
        loop {
            // A server that always offers more (pages, bytes) is not followed past the budget
            // of the whole run, whatever its answers say.
            if self.requests.load(Ordering::Relaxed) >= MAX_RUN_REQUESTS
                || self.received.load(Ordering::Relaxed) >= MAX_RUN_BYTES
            {
                return Err(GithubError::Budget);
            }
            self.requests.fetch_add(1, Ordering::Relaxed);
            let (status, headers, text) = match self.attempt(&body).await {
                Attempt::Answered { status, headers, text } => {
                    self.received.fetch_add(text.len() as u64, Ordering::Relaxed);
                    (status, headers, text)
                }
                Attempt::Failed(message) => {
                    failures += 1;
                    if failures > retries {
                        return Err(GithubError::Connection { url: url(), attempts: failures, message });
                    }
                    self.pause(failures, "the connection failed").await;
                    continue;
                }
                Attempt::TooLarge => {
                    return Err(GithubError::TooLarge { url: url(), max_mib: MAX_ANSWER / (1024 * 1024) });
                }
                Attempt::TimedOut => {
                    failures += 1;
                    if failures > retries {
                        let seconds = self.config.timeout.as_secs().max(1);
                        return Err(GithubError::TimedOut { url: url(), attempts: failures, seconds });
                    }
                    self.pause(failures, &format!("no answer within {} s", self.config.timeout.as_secs())).await;
                    continue;
                }
            };
            let wait = rate_limit_wait(&headers);
            match status {
                200..=299 => {
                    let mut answer = parse_answer(&text).map_err(|e| match e {
                        GithubError::GraphQl(message) => GithubError::GraphQl(self.clean(&message)),
                        other => other,
                    })?;
                    for error in &mut answer.errors {
                        *error = self.clean(error);
                    }
                    return Ok(answer);
                }
                300..=399 => {
                    let location = headers
                        .get(LOCATION)
                        .and_then(|v| v.to_str().ok())
                        .map_or_else(|| "an unnamed address".to_owned(), |l| self.clean(&first_line(l)));
                    return Err(GithubError::Redirected { status, url: url(), location });
                }
                401 => return Err(GithubError::BadCredentials { status, url: url() }),
                403 | 429 if wait.is_some() || text.contains("rate limit") => {
                    let wait = wait.unwrap_or(Duration::from_secs(60));
                    // One budget for the whole run, not per request: max_wait in all.
                    let waited = Duration::from_millis(self.waited_ms.load(Ordering::Relaxed));
                    if waited + wait > self.config.max_wait || failures >= retries + 2 {
                        return Err(GithubError::RateLimited {
                            seconds: wait.as_secs(),
                            max: self.config.max_wait.saturating_sub(waited).as_secs(),
                        });
                    }
                    failures += 1;
                    self.waited_ms.fetch_add(u64::try_from(wait.as_millis()).unwrap_or(u64::MAX), Ordering::Relaxed);
                    self.progress(&format!("GitHub's rate limit is reached; waiting {} s", wait.as_secs()));
                    tokio::time::sleep(wait).await;
                }
                404 => return Err(GithubError::EndpointNotFound { url: url() }),
                403 => return Err(GithubError::Forbidden { status, message: self.clean(&message_of(&text)) }),
                500..=599 => {
                    failures += 1;
                    if failures > retries {
                        let message = self.clean(&message_of(&text));
                        return Err(GithubError::Server { status, attempts: failures, message });
                    }
                    self.pause(failures, &format!("GitHub answered {status}")).await;
                }
                _ => return Err(GithubError::Forbidden { status, message: self.clean(&message_of(&text)) }),
            }
        }
    }

    /// A text the server chose, fit to print: control characters escaped, cut, and the token
    /// redacted (a server may echo the request's headers).
    pub(crate) fn clean(&self, text: &str) -> String {
        scs_core::untrusted::redacted(text, self.config.token.trim(), 300)
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

/// The largest answer read: scs's queries get a few MiB at most.
pub const MAX_ANSWER: usize = 50 * 1024 * 1024;

/// Requests one report may send in all, retries included: an honest report of a few
/// repositories needs tens (2,000 open pull requests with all their texts are about 100).
pub const MAX_RUN_REQUESTS: usize = 500;

/// Bytes of answers one report may read in all.
pub const MAX_RUN_BYTES: u64 = 256 * 1024 * 1024;

enum BodyError {
    TooLarge,
    Failed(String),
}

/// Reads `body` up to `max` bytes, frame by frame: a larger answer is never held whole.
async fn read_body<B>(mut body: B, max: usize) -> Result<String, BodyError>
where
    B: http_body::Body<Data = bytes::Bytes> + Unpin,
    B::Error: std::fmt::Display,
{
    use http_body_util::BodyExt;
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| BodyError::Failed(first_line(&e.to_string())))?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > max {
                return Err(BodyError::TooLarge);
            }
            bytes.extend_from_slice(&data);
        }
    }
    String::from_utf8(bytes).map_err(|_| BodyError::Failed("the answer is not UTF-8".into()))
}

/// Whether a request to `uri` may carry the token: https, or plain http to this machine only
/// (a local test server). The decision is the host's, never a connection's.
pub fn may_carry_token(uri: &http::Uri) -> bool {
    match uri.scheme_str() {
        Some("https") => true,
        Some("http") => uri.host().is_some_and(is_loopback),
        _ => false,
    }
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
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
    scs_core::untrusted::printable(text.lines().next().unwrap_or_default(), 200)
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

#[cfg(test)]
mod hostile {
    use super::*;

    #[test]
    fn the_token_travels_only_over_https_or_to_this_machine() {
        let may = |url: &str| may_carry_token(&url.parse().expect("uri"));
        for ok in [
            "https://api.github.com/graphql",
            "http://127.0.0.1:8080/graphql",
            "http://127.8.9.1/x",
            "http://localhost/x",
            "http://[::1]:9/x",
        ] {
            assert!(may(ok), "{ok}");
        }
        for refused in [
            "http://github.example.org/api/graphql",
            "http://10.0.0.1/x",
            "http://127.0.0.1.example.org/x",
            "http://localhost.example/x",
            "ftp://localhost/x",
        ] {
            assert!(!may(refused), "{refused}");
        }
    }

    /// The README promises one bound on the whole run's waiting: a second request's wait
    /// counts what the first one waited.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn rate_limit_waits_share_one_budget_for_the_run() {
        use wiremock::{Mock, MockServer, ResponseTemplate, matchers::method};
        let server = MockServer::start().await;
        let limited = |seconds: &str| {
            ResponseTemplate::new(429).insert_header("retry-after", seconds).set_body_string("rate limit")
        };
        Mock::given(method("POST")).respond_with(limited("1")).up_to_n_times(1).with_priority(1).mount(&server).await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_string("{\"data\": {}}"))
            .up_to_n_times(1)
            .with_priority(2)
            .mount(&server)
            .await;
        Mock::given(method("POST")).respond_with(limited("2")).with_priority(3).mount(&server).await;
        let mut config = Config::new(format!("{}/graphql", server.uri()), "t");
        config.max_wait = Duration::from_secs(2);
        let client = Client::new(config).expect("client");
        assert!(client.graphql("{ a }", Value::Null).await.is_ok(), "waited 1 s of 2");
        let started = std::time::Instant::now();
        let second = client.graphql("{ a }", Value::Null).await;
        assert!(matches!(second, Err(GithubError::RateLimited { .. })), "1 s + 2 s > 2 s: {:?}", second.err());
        assert!(started.elapsed() < Duration::from_secs(1), "it did not wait");
    }
}
