//! Every GraphQL document scs sends is valid against GitHub's public schema
//! (vendored with its licence in tests/data/github/schema.graphql).

use std::path::Path;

use apollo_compiler::{ExecutableDocument, Schema};
use scs_github::queries;

pub fn schema() -> apollo_compiler::validation::Valid<Schema> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/github/schema.graphql");
    let sdl = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("GitHub's schema is vendored at {}: {e}", path.display()));
    // GitHub's published schema defines `EnterpriseOwnerInfo.repositoryDeployKeySetting` twice,
    // which strict validation of the schema rejects. The schema is parsed as it is, and the
    // queries are validated strictly against it.
    let schema = Schema::parse(sdl, "schema.graphql").unwrap_or_else(|with_errors| with_errors.partial);
    assert!(schema.types.contains_key("PullRequest"), "the schema was read");
    apollo_compiler::validation::Valid::assume_valid(schema)
}

fn assert_valid(schema: &apollo_compiler::validation::Valid<Schema>, name: &str, query: &str) {
    if let Err(e) = ExecutableDocument::parse_and_validate(schema, query, name) {
        panic!("{name} is not valid against GitHub's schema:\n{e}\n{query}");
    }
}

#[test]
fn every_query_is_valid_against_githubs_schema() {
    let schema = schema();
    assert_valid(&schema, "open_pull_requests.graphql", queries::OPEN_PULL_REQUESTS);
    let expressions =
        ["0123abc:Standards/scs-0100-v1-a.md".to_owned(), "fed987:Standards/scs \"quoted\".md".to_owned()];
    assert_valid(&schema, "file_texts.graphql", &queries::file_texts(&expressions));
    assert_valid(&schema, "dependency_states.graphql", &queries::dependency_states(&[12, 345]));
    assert_valid(&schema, "closed_pull_requests.graphql", queries::CLOSED_PULL_REQUESTS);
    assert_valid(&schema, "closed_since.graphql", queries::CLOSED_SINCE);
    assert_valid(&schema, "report_comments.graphql", queries::REPORT_COMMENTS);
    assert_valid(&schema, "add_report_comment.graphql", queries::ADD_REPORT_COMMENT);
    assert_valid(&schema, "update_report_comment.graphql", queries::UPDATE_REPORT_COMMENT);
    // A full chunk of each batch.
    let full: Vec<String> =
        (0..queries::TEXTS_PER_QUERY).map(|i| format!("{i:040x}:Standards/scs-{i:04}-v1-x.md")).collect();
    assert_valid(&schema, "file_texts_full.graphql", &queries::file_texts(&full));
    let numbers: Vec<u64> = (1..=queries::DEPENDENCIES_PER_QUERY as u64).collect();
    assert_valid(&schema, "dependency_states_full.graphql", &queries::dependency_states(&numbers));
}

#[test]
fn an_invalid_query_is_caught() {
    let schema = schema();
    let wrong = queries::OPEN_PULL_REQUESTS.replace("isDraft", "isDrafted");
    assert!(ExecutableDocument::parse_and_validate(&schema, wrong, "wrong.graphql").is_err());
    // A mutation's input is checked as strictly: `subject` is not a field of AddCommentInput.
    let wrong = queries::ADD_REPORT_COMMENT.replace("subjectId:", "subject:");
    assert!(ExecutableDocument::parse_and_validate(&schema, wrong, "wrong_mutation.graphql").is_err());
}
