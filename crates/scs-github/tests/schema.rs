//! Every GraphQL document scs sends is valid against GitHub's public schema
//! (../shared/github/schema.graphql); the test skips with a message when it is absent.

use std::path::Path;

use apollo_compiler::{ExecutableDocument, Schema};
use scs_github::queries;

fn schema() -> Option<apollo_compiler::validation::Valid<Schema>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/github/schema.graphql");
    let Ok(sdl) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: GitHub's schema is not at {}", path.display());
        return None;
    };
    // GitHub's published schema defines `EnterpriseOwnerInfo.repositoryDeployKeySetting` twice,
    // which strict validation of the schema rejects. The schema is parsed as it is, and the
    // queries are validated strictly against it.
    let schema = Schema::parse(sdl, "schema.graphql").unwrap_or_else(|with_errors| with_errors.partial);
    assert!(schema.types.contains_key("PullRequest"), "the schema was read");
    Some(apollo_compiler::validation::Valid::assume_valid(schema))
}

fn assert_valid(schema: &apollo_compiler::validation::Valid<Schema>, name: &str, query: &str) {
    if let Err(e) = ExecutableDocument::parse_and_validate(schema, query, name) {
        panic!("{name} is not valid against GitHub's schema:\n{e}\n{query}");
    }
}

#[test]
fn every_query_is_valid_against_githubs_schema() {
    let Some(schema) = schema() else { return };
    assert_valid(&schema, "open_pull_requests.graphql", queries::OPEN_PULL_REQUESTS);
    let expressions =
        ["0123abc:Standards/scs-0100-v1-a.md".to_owned(), "fed987:Standards/scs \"quoted\".md".to_owned()];
    assert_valid(&schema, "file_texts.graphql", &queries::file_texts(&expressions));
    assert_valid(&schema, "dependency_states.graphql", &queries::dependency_states(&[12, 345]));
    assert_valid(&schema, "closed_pull_requests.graphql", queries::CLOSED_PULL_REQUESTS);
}

#[test]
fn an_invalid_query_is_caught() {
    let Some(schema) = schema() else { return };
    let wrong = queries::OPEN_PULL_REQUESTS.replace("isDraft", "isDrafted");
    assert!(ExecutableDocument::parse_and_validate(&schema, wrong, "wrong.graphql").is_err());
}
