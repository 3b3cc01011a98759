//! The only crate of scs that talks to the network: it reads the pull requests of a
//! repository from GitHub's GraphQL API (GitHub.com or Enterprise) into the plain facts of
//! `scs-report`, and keeps the report's one comment on an issue up to date.

pub mod answers;
pub mod client;
pub mod comment;
pub mod fetch;
pub mod queries;

pub use client::{Client, Config, GithubError};
pub use comment::{IssueRef, Posted, ReportComments, post, read_comments};
pub use fetch::{Window, fetch};

/// The GraphQL endpoint: an explicit URL (a GraphQL URL, or a REST base such as GitHub
/// Enterprise's `https://host/api/v3`), else `GITHUB_GRAPHQL_URL`, else `GITHUB_API_URL` as
/// GitHub Actions sets them, else GitHub.com.
pub fn graphql_url(explicit: Option<&str>, graphql_env: Option<&str>, api_env: Option<&str>) -> String {
    let from_rest = |api: &str| {
        let api = api.trim_end_matches('/');
        if api.ends_with("/graphql") {
            api.to_owned()
        } else if let Some(base) = api.strip_suffix("/api/v3") {
            format!("{base}/api/graphql")
        } else {
            format!("{api}/graphql")
        }
    };
    match (explicit, graphql_env, api_env) {
        (Some(url), ..) => from_rest(url),
        (None, Some(url), _) if !url.is_empty() => url.to_owned(),
        (None, _, Some(api)) if !api.is_empty() => from_rest(api),
        _ => "https://api.github.com/graphql".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(graphql_url(None, None, None), "https://api.github.com/graphql");
        assert_eq!(
            graphql_url(None, Some("https://ghe.example/api/graphql"), Some("x")),
            "https://ghe.example/api/graphql"
        );
        assert_eq!(graphql_url(None, None, Some("https://ghe.example/api/v3")), "https://ghe.example/api/graphql");
        assert_eq!(graphql_url(Some("http://127.0.0.1:9/"), Some("https://x"), None), "http://127.0.0.1:9/graphql");
        assert_eq!(graphql_url(Some("http://127.0.0.1:9/graphql"), None, None), "http://127.0.0.1:9/graphql");
    }
}
