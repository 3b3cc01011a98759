//! The meeting's morning: 29 open pull requests of the standards repository (the real
//! documents of tests/data/scs-standards, invented reviews, labels and conflicts) and a docs
//! repository without `Standards/`, served by the fake GitHub that executes every query
//! against the schema. The report must carry the agenda item in the order the meeting takes
//! it: decisions (with step, type, track, who decides, approvals, review requests and their
//! age, checks, conflicts, what each waits for, new errors), number clashes, waiting on
//! reviewers (oldest request first) and on authors, candidates to close, "Any ADRs blocked?",
//! and since the last meeting; the request budget holds (reviews and review requests cost no
//! request per pull request).

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use crate::fake_github::{FakeGithub, Hosted};
use crate::report::{budget_with_window, pr, report};
use crate::report_since::{count, host, requests};
use crate::support::{Repo, git, git_with, workspace};

const STANDARDS: &str = "SovereignCloudStack/standards";
const DOCS: &str = "SovereignCloudStack/docs";

/// A document of the vendored snapshot.
fn real(name: &str) -> String {
    fs::read_to_string(workspace().join("tests/data/scs-standards/Standards").join(name)).expect("vendored document")
}

fn new_document(title: &str, doc_type: &str, track: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ntype: {doc_type}\nstatus: Draft\ntrack: {track}\n{extra}---\n\n## Introduction\n\nText.\n\n## Motivation\n\nText.\n\n## Design Considerations\n\nText.\n\n## Decision\n\nText.\n"
    )
}

/// Commits everything at `when` (ISO 8601) with `subject`; returns the commit id.
fn commit(dir: &Path, subject: &str, when: &str) -> String {
    git(dir, &["add", "-A"]);
    git_with(dir, &["commit", "-q", "-m", subject], &[("GIT_AUTHOR_DATE", when), ("GIT_COMMITTER_DATE", when)]);
    git(dir, &["rev-parse", "HEAD"]).trim().to_owned()
}

/// The local clone: the real snapshot, then in the window three edits of Stable documents.
fn clone() -> (Repo, String) {
    let repo = Repo::new();
    let from = workspace().join("tests/data/scs-standards");
    for sub in ["Standards", "Tests"] {
        fs::create_dir_all(repo.path().join(sub)).expect("mkdir");
        for entry in fs::read_dir(from.join(sub)).expect("vendored").flatten() {
            fs::copy(entry.path(), repo.path().join(sub).join(entry.file_name())).expect("copy");
        }
    }
    git(repo.path(), &["init", "-q"]);
    commit(repo.path(), "The standards so far (#800)", "2026-10-01T09:00:00Z");
    let standards = repo.path().join("Standards");
    let policy = standards.join("scs-0210-v2-k8s-version-policy.md");
    let text = fs::read_to_string(&policy).expect("read");
    fs::write(
        &policy,
        text.replace(
            "  2 weeks if the patch addresses critical CVEs",
            "  1 month if the patch addresses critical CVEs",
        ),
    )
    .expect("write");
    let merged = commit(repo.path(), "k8s version policy: one month for critical CVEs (#831)", "2026-11-20T10:00:00Z");
    let entropy = standards.join("scs-0101-v1-entropy.md");
    let text = fs::read_to_string(&entropy).expect("read");
    let kept: Vec<&str> = text.lines().take(text.lines().count().saturating_sub(29)).collect();
    fs::write(&entropy, kept.join("\n") + "\n").expect("write");
    commit(repo.path(), "Entropy: drop the outdated appendix (#833)", "2026-11-23T10:00:00Z");
    (repo, merged)
}

fn file(path: &str, change: &str) -> Value {
    json!({"path": format!("Standards/{path}"), "changeType": change})
}

/// An open pull request as GitHub stores it, with its author, creation and update days.
fn open(number: u64, title: &str, author: &str, created: &str, updated: &str, files: Value) -> Value {
    open_in(STANDARDS, number, title, author, created, updated, files)
}

fn open_in(
    repository: &str,
    number: u64,
    title: &str,
    author: &str,
    created: &str,
    updated: &str,
    files: Value,
) -> Value {
    let mut pr = pr(number, title, files);
    let fields = pr.as_object_mut().expect("object");
    fields.insert("url".into(), json!(format!("https://github.com/{repository}/pull/{number}")));
    fields.insert("state".into(), json!("OPEN"));
    fields.insert("author".into(), json!({"login": author}));
    fields.insert("createdAt".into(), json!(format!("{created}T09:00:00Z")));
    fields.insert("updatedAt".into(), json!(format!("{updated}T09:00:00Z")));
    for (key, value) in
        [("merged", json!(false)), ("closedAt", Value::Null), ("mergedAt", Value::Null), ("mergeCommit", Value::Null)]
    {
        fields.insert(key.into(), value);
    }
    pr
}

/// Sets `key` of a stored pull request.
fn set(pr: &mut Value, key: &str, value: Value) {
    pr.as_object_mut().expect("object").insert(key.into(), value);
}

fn approved_by(pr: &mut Value, logins: &[&str]) {
    let nodes: Vec<Value> = logins
        .iter()
        .map(|l| json!({"state": "APPROVED", "submittedAt": "2026-11-24T12:00:00Z", "author": {"login": l}}))
        .collect();
    set(pr, "latestReviews", json!({"nodes": nodes}));
    set(pr, "reviewDecision", json!("APPROVED"));
}

fn changes_requested_by(pr: &mut Value, login: &str) {
    set(
        pr,
        "latestReviews",
        json!({"nodes": [{"state": "CHANGES_REQUESTED", "submittedAt": "2026-11-10T12:00:00Z", "author": {"login": login}}]}),
    );
    set(pr, "reviewDecision", json!("CHANGES_REQUESTED"));
}

/// Review requests `(reviewer, team, day requested)`, pending and in the timeline; the
/// timeline also holds an older request of the first reviewer (requested again since).
fn requested(pr: &mut Value, requests: &[(&str, bool, &str)]) {
    let reviewer = |who: &str, team: bool| if team { json!({"name": who}) } else { json!({"login": who}) };
    let pending: Vec<Value> = requests.iter().map(|(w, t, _)| json!({"requestedReviewer": reviewer(w, *t)})).collect();
    let mut events: Vec<Value> = requests
        .iter()
        .map(|(w, t, day)| json!({"createdAt": format!("{day}T08:00:00Z"), "requestedReviewer": reviewer(w, *t)}))
        .collect();
    if let Some((w, t, _)) = requests.first() {
        events.insert(0, json!({"createdAt": "2026-09-01T08:00:00Z", "requestedReviewer": reviewer(w, *t)}));
    }
    set(pr, "reviewRequests", json!({"nodes": pending}));
    set(pr, "timelineItems", json!({"nodes": events}));
}

fn checks(pr: &mut Value, state: &str) {
    set(pr, "commits", json!({"nodes": [{"commit": {"statusCheckRollup": {"state": state}}}]}));
}

/// The standards repository on GitHub: 28 open pull requests, the texts of their documents,
/// and the pull requests of the window.
fn standards(merged: &str) -> Hosted {
    let stable =
        |text: String, date: &str| text.replacen("status: Draft", &format!("status: Stable\nstabilized_at: {date}"), 1);
    let mut texts: Vec<(u64, &str, String)> = Vec::new();
    let mut prs = Vec::new();
    let mut add = |pr: Value, docs: Vec<(&'static str, String)>| {
        let number = pr["number"].as_u64().expect("number");
        for (name, text) in docs {
            texts.push((number, name, text));
        }
        prs.push(pr);
    };

    // Stabilizations: one approved and requested of a team two weeks ago, one still a draft.
    let mut p = open(
        840,
        "Stabilize scs-0124-v1: security of IaaS service software",
        "josephineSei",
        "2026-11-02",
        "2026-11-25",
        json!([file("scs-0124-v1-security-of-iaas-service-software.md", "MODIFIED")]),
    );
    approved_by(&mut p, &["mbuechse"]);
    set(&mut p, "reviewDecision", json!("REVIEW_REQUIRED"));
    requested(&mut p, &[("sig-iaas", true, "2026-11-12"), ("fkr", false, "2026-11-20")]);
    add(
        p,
        vec![(
            "scs-0124-v1-security-of-iaas-service-software.md",
            stable(real("scs-0124-v1-security-of-iaas-service-software.md"), "2026-12-01"),
        )],
    );
    let mut p = open(
        841,
        "Stabilize the KaaS default storage class v2",
        "martinmo",
        "2026-10-20",
        "2026-11-18",
        json!([file("scs-0211-v2-kaas-default-storage-class.md", "MODIFIED")]),
    );
    set(&mut p, "isDraft", json!(true));
    add(
        p,
        vec![(
            "scs-0211-v2-kaas-default-storage-class.md",
            stable(real("scs-0211-v2-kaas-default-storage-class.md"), "2026-12-15"),
        )],
    );

    // Three edits of the Stable, Global SCS-0001.
    let process = real("scs-0001-v1-sovereign-cloud-standards.md");
    let mut p = open(
        842,
        "SCS-0001: supplements keep no status",
        "garloff",
        "2026-11-05",
        "2026-11-24",
        json!([file("scs-0001-v1-sovereign-cloud-standards.md", "MODIFIED")]),
    );
    requested(&mut p, &[("forum-scs-standards", true, "2026-11-06")]);
    add(
        p,
        vec![(
            "scs-0001-v1-sovereign-cloud-standards.md",
            process.replace(
                "Supplements are perpetually kept in phase Draft",
                "Supplements MUST NOT carry a status; they are perpetually kept in phase Draft",
            ),
        )],
    );
    let mut p = open(
        843,
        "SCS-0001: clarify the track table",
        "anjastrunk",
        "2026-11-10",
        "2026-11-21",
        json!([file("scs-0001-v1-sovereign-cloud-standards.md", "MODIFIED")]),
    );
    set(&mut p, "mergeable", json!("CONFLICTING"));
    add(
        p,
        vec![(
            "scs-0001-v1-sovereign-cloud-standards.md",
            process.replace("| Scopes | 5 |", "| Scopes (certificate scopes) | 5 |"),
        )],
    );
    let mut p = open(
        844,
        "SCS-0001: RFC 8174 for the keywords",
        "mbuechse",
        "2026-11-19",
        "2026-11-25",
        json!([file("scs-0001-v1-sovereign-cloud-standards.md", "MODIFIED")]),
    );
    set(&mut p, "body", json!("Depends on #842."));
    add(
        p,
        vec![(
            "scs-0001-v1-sovereign-cloud-standards.md",
            process.replace("as described in [RFC 2119]", "as described in BCP 14 [RFC 2119]"),
        )],
    );

    // Deprecation, rejection of a Decision Record, and an edit of a Decision Record draft.
    let mut p = open(
        845,
        "Deprecate scs-0104-v1 in favour of v2",
        "mbuechse",
        "2026-11-15",
        "2026-11-25",
        json!([file("scs-0104-v1-standard-images.md", "MODIFIED")]),
    );
    approved_by(&mut p, &["fkr", "garloff"]);
    add(
        p,
        vec![(
            "scs-0104-v1-standard-images.md",
            real("scs-0104-v1-standard-images.md").replacen(
                "status: Stable",
                "status: Deprecated\ndeprecated_at: 2027-03-01\nreplaced_by:\n  - scs-0104-v2-standard-images.md",
                1,
            ),
        )],
    );
    let mut p = open(
        846,
        "Reject the SONiC decision record",
        "berendt",
        "2026-11-18",
        "2026-11-22",
        json!([file("scs-0112-v1-sonic.md", "MODIFIED")]),
    );
    requested(&mut p, &[("sig-iaas", true, "2026-11-18")]);
    add(
        p,
        vec![(
            "scs-0112-v1-sonic.md",
            real("scs-0112-v1-sonic.md").replacen("status: Draft", "status: Rejected\nrejected_at: 2026-11-26", 1),
        )],
    );
    let mut p = open(
        847,
        "Time sync decisions: add chrony",
        "cah-patrickthiem",
        "2026-11-21",
        "2026-11-24",
        json!([file("scs-0129-v1-time-sync-decisions.md", "MODIFIED")]),
    );
    requested(&mut p, &[("berendt", false, "2026-11-21")]);
    add(
        p,
        vec![(
            "scs-0129-v1-time-sync-decisions.md",
            real("scs-0129-v1-time-sync-decisions.md") + "\nChrony is used as the client.\n",
        )],
    );

    // New proposals: `xxxx`, `02xx`, and a Decision Record whose author has changes to make.
    let p = open(
        848,
        "Proposal: object storage for IaaS",
        "fzakfeld",
        "2026-11-22",
        "2026-11-25",
        json!([file("scs-xxxx-v1-object-storage.md", "ADDED")]),
    );
    add(p, vec![("scs-xxxx-v1-object-storage.md", new_document("Object storage", "Standard", "IaaS", ""))]);
    let p = open(
        849,
        "Proposal: KaaS backup and restore",
        "jschoone",
        "2026-11-24",
        "2026-11-25",
        json!([file("scs-02xx-v1-kaas-backup.md", "ADDED")]),
    );
    add(p, vec![("scs-02xx-v1-kaas-backup.md", new_document("KaaS backup and restore", "Standard", "KaaS", ""))]);
    let mut p = open(
        855,
        "Decision record: Gardener as a KaaS option",
        "bitkeks",
        "2026-11-01",
        "2026-11-12",
        json!([file("scs-xxxx-v1-gardener-decision.md", "ADDED")]),
    );
    changes_requested_by(&mut p, "jschoone");
    add(
        p,
        vec![(
            "scs-xxxx-v1-gardener-decision.md",
            new_document("Gardener as a KaaS option", "Decision Record", "KaaS", ""),
        )],
    );

    // Number clashes: two want scs-0130-v1, two scs-0220-v1, one scs-0129-v1 (taken).
    add(
        open(
            850,
            "Load balancer standard",
            "fkr",
            "2026-11-12",
            "2026-11-24",
            json!([file("scs-0130-v1-load-balancer.md", "ADDED")]),
        ),
        vec![("scs-0130-v1-load-balancer.md", new_document("Load balancers", "Standard", "IaaS", ""))],
    );
    add(
        open(
            851,
            "VPN as a service",
            "josephineSei",
            "2026-11-20",
            "2026-11-24",
            json!([file("scs-0130-v1-vpn-as-a-service.md", "ADDED")]),
        ),
        vec![("scs-0130-v1-vpn-as-a-service.md", new_document("VPN as a service", "Standard", "IaaS", ""))],
    );
    add(
        open(
            852,
            "Secure boot for IaaS hosts",
            "berendt",
            "2026-11-13",
            "2026-11-20",
            json!([file("scs-0129-v1-secure-boot.md", "ADDED")]),
        ),
        vec![("scs-0129-v1-secure-boot.md", new_document("Secure boot", "Standard", "IaaS", ""))],
    );
    add(
        open(
            853,
            "KaaS cluster autoscaling",
            "jschoone",
            "2026-11-03",
            "2026-11-24",
            json!([file("scs-0220-v1-cluster-autoscaling.md", "ADDED")]),
        ),
        vec![("scs-0220-v1-cluster-autoscaling.md", new_document("Cluster autoscaling", "Standard", "KaaS", ""))],
    );
    add(
        open(
            854,
            "KaaS ingress",
            "chess-knight",
            "2026-11-17",
            "2026-11-24",
            json!([file("scs-0220-v1-ingress.md", "ADDED")]),
        ),
        vec![("scs-0220-v1-ingress.md", new_document("Ingress", "Standard", "KaaS", ""))],
    );

    // An edit of a Stable standard's table, new major versions, a slug change git cannot pair.
    let mut p = open(
        856,
        "Image metadata: replace_frequency values",
        "mbuechse",
        "2026-11-19",
        "2026-11-24",
        json!([file("scs-0102-v1-image-metadata.md", "MODIFIED")]),
    );
    requested(&mut p, &[("sig-iaas", true, "2026-11-19")]);
    add(
        p,
        vec![(
            "scs-0102-v1-image-metadata.md",
            real("scs-0102-v1-image-metadata.md").replace("| `monthly`  ", "| `every-month`"),
        )],
    );
    let p = open(
        857,
        "k8s version policy v3",
        "martinmo",
        "2026-11-16",
        "2026-11-25",
        json!([file("scs-0210-v3-k8s-version-policy.md", "ADDED")]),
    );
    add(
        p,
        vec![(
            "scs-0210-v3-k8s-version-policy.md",
            new_document(
                "Kubernetes version policy",
                "Standard",
                "KaaS",
                "replaces:\n  - scs-0210-v2-k8s-version-policy.md\n",
            ),
        )],
    );
    let p = open(
        858,
        "SCS-compatible IaaS v6",
        "mbuechse",
        "2026-11-14",
        "2026-11-25",
        json!([file("scs-0501-v6-scs-compatible-iaas.md", "ADDED")]),
    );
    add(
        p,
        vec![(
            "scs-0501-v6-scs-compatible-iaas.md",
            new_document(
                "SCS-compatible IaaS",
                "Standard",
                "Scopes",
                "replaces:\n  - scs-0501-v5-scs-compatible-iaas.md\n",
            ),
        )],
    );
    let p = open(
        859,
        "Cluster hardening: new name, rewritten",
        "cah-hbaum",
        "2026-11-11",
        "2026-11-23",
        json!([
            file("scs-0217-v1-cluster-hardening.md", "DELETED"),
            file("scs-0217-v1-kubernetes-security-baseline.md", "ADDED")
        ]),
    );
    add(
        p,
        vec![(
            "scs-0217-v1-kubernetes-security-baseline.md",
            new_document("Kubernetes security baseline", "Standard", "KaaS", ""),
        )],
    );

    // Waiting on reviewers, on authors, to close, ready.
    let mut p = open(
        860,
        "Fix typos in the README",
        "bitkeks",
        "2026-11-24",
        "2026-11-25",
        json!([{"path": "Standards/README.md", "changeType": "MODIFIED"}]),
    );
    approved_by(&mut p, &["garloff"]);
    add(p, vec![]);
    let mut p = open(
        861,
        "Image metadata testing notes",
        "mbuechse",
        "2026-10-28",
        "2026-11-20",
        json!([file("scs-0102-w1-image-metadata-implementation-testing.md", "MODIFIED")]),
    );
    requested(&mut p, &[("fkr", false, "2026-10-30")]);
    add(
        p,
        vec![(
            "scs-0102-w1-image-metadata-implementation-testing.md",
            real("scs-0102-w1-image-metadata-implementation-testing.md") + "\nMore notes.\n",
        )],
    );
    let mut p = open(
        862,
        "Flavor naming implementation notes",
        "kgube",
        "2026-11-09",
        "2026-11-21",
        json!([file("scs-0100-w1-flavor-naming-implementation-testing.md", "MODIFIED")]),
    );
    changes_requested_by(&mut p, "mbuechse");
    checks(&mut p, "FAILURE");
    add(
        p,
        vec![(
            "scs-0100-w1-flavor-naming-implementation-testing.md",
            real("scs-0100-w1-flavor-naming-implementation-testing.md") + "\nA note.\n",
        )],
    );
    let mut p = open(
        863,
        "Tests: scs-compatible-iaas.yaml for v6",
        "mbuechse",
        "2026-09-20",
        "2026-10-10",
        json!([{"path": "Tests/scs-compatible-iaas.yaml", "changeType": "MODIFIED"}]),
    );
    checks(&mut p, "FAILURE");
    add(p, vec![]);
    let mut p = open(
        864,
        "KaaS robustness: ideas",
        "jschoone",
        "2026-09-01",
        "2026-10-27",
        json!([file("scs-0215-v1-robustness-features.md", "MODIFIED")]),
    );
    set(&mut p, "isDraft", json!(true));
    add(p, vec![("scs-0215-v1-robustness-features.md", real("scs-0215-v1-robustness-features.md") + "\nIdeas.\n")]);
    let p =
        open(865, "DNS: wording", "fkr", "2026-11-23", "2026-11-24", json!([file("scs-0127-v1-dns.md", "MODIFIED")]));
    add(p, vec![("scs-0127-v1-dns.md", real("scs-0127-v1-dns.md") + "\nWording.\n")]);
    let mut p = open(
        866,
        "Standard template: fix links",
        "bitkeks",
        "2026-11-21",
        "2026-11-22",
        json!([file("scs-XXXX-vN-standard-template.md", "MODIFIED")]),
    );
    requested(&mut p, &[("garloff", false, "2026-11-21")]);
    set(&mut p, "labels", json!({"nodes": [{"name": "documentation"}]}));
    add(p, vec![("scs-XXXX-vN-standard-template.md", real("scs-XXXX-vN-standard-template.md") + "\nLinks.\n")]);
    let mut p = open(
        867,
        "chore(deps): bump actions/checkout to v5",
        "dependabot[bot]",
        "2026-11-20",
        "2026-11-25",
        json!([{"path": ".github/workflows/check.yml", "changeType": "MODIFIED"}]),
    );
    approved_by(&mut p, &["garloff"]);
    checks(&mut p, "PENDING");
    add(p, vec![]);
    let mut p = open(
        868,
        "Block: wait for the Forum on SCS-0005",
        "garloff",
        "2026-11-25",
        "2026-11-25",
        json!([file("scs-0005-v2-project-governance.md", "MODIFIED")]),
    );
    set(&mut p, "labels", json!({"nodes": [{"name": "on hold"}]}));
    add(p, vec![("scs-0005-v2-project-governance.md", real("scs-0005-v2-project-governance.md") + "\nMore.\n")]);

    // The window: merged (the local commit), closed without merge, opened and closed in it.
    let closed = |number: u64, title: &str, merge_commit: Option<&str>, created: &str, at: &str, files: Value| {
        let mut pr = open(number, title, "fkr", created, at, files);
        set(&mut pr, "state", json!(if merge_commit.is_some() { "MERGED" } else { "CLOSED" }));
        set(&mut pr, "merged", json!(merge_commit.is_some()));
        set(&mut pr, "updatedAt", json!(format!("{at}T12:00:00Z")));
        set(&mut pr, "closedAt", json!(format!("{at}T12:00:00Z")));
        set(&mut pr, "mergedAt", if merge_commit.is_some() { json!(format!("{at}T12:00:00Z")) } else { Value::Null });
        set(&mut pr, "mergeCommit", merge_commit.map_or(Value::Null, |oid| json!({"oid": oid})));
        pr
    };
    prs.push(closed(
        831,
        "k8s version policy: one month for critical CVEs",
        Some(merged),
        "2026-11-10",
        "2026-11-20",
        json!([file("scs-0210-v2-k8s-version-policy.md", "MODIFIED")]),
    ));
    prs.push(closed(
        832,
        "Proposal: bare-metal flavors",
        None,
        "2026-11-21",
        "2026-11-22",
        json!([file("scs-xxxx-v1-bare-metal.md", "ADDED")]),
    ));

    let mut hosted = Hosted::new(STANDARDS, prs).with_standards();
    hosted.default_branch = json!({"name": "main", "target": {"oid": "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed", "committedDate": "2026-11-25T16:00:00Z"}});
    for (number, name, text) in texts {
        let path = format!("Standards/{name}");
        hosted.objects.insert(format!("head{number:04}:{path}"), json!({"text": text, "isBinary": false}));
    }
    let base = workspace().join("tests/data/scs-standards/Standards");
    for entry in fs::read_dir(base).expect("vendored").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = fs::read_to_string(entry.path()).expect("read");
        hosted.objects.insert(format!("base0000:Standards/{name}"), json!({"text": text, "isBinary": false}));
    }
    hosted
}

/// The docs repository: no `Standards/`, one approved, one with changes requested, one stale.
fn docs() -> Hosted {
    let md = |path: &str| json!([{"path": path, "changeType": "MODIFIED"}]);
    let open =
        |number, title, author, created, updated, files| open_in(DOCS, number, title, author, created, updated, files);
    let mut ready = open(
        301,
        "Getting started: the new installer",
        "bitkeks",
        "2026-11-20",
        "2026-11-25",
        md("docs/getting-started.md"),
    );
    approved_by(&mut ready, &["garloff"]);
    let mut held = open(302, "Rework the glossary", "fkr", "2026-11-10", "2026-11-22", md("docs/glossary.md"));
    changes_requested_by(&mut held, "bitkeks");
    let stale = open(303, "Old page move", "anjastrunk", "2026-08-01", "2026-09-01", md("docs/old.md"));
    Hosted::new(DOCS, vec![ready, held, stale])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_meeting_takes_the_agenda_item_from_the_report() {
    let (repo, merged) = clone();
    let fake = FakeGithub::start().await;
    host(&fake, standards(&merged)).await;
    host(&fake, docs()).await;
    let run = report(&repo, &fake, &["--repo", DOCS, "--heading-level", "4"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids = regex::Regex::new(r"\b[0-9a-f]{40}\b").expect("regex");
    let short = regex::Regex::new(r"\b[0-9a-f]{10}\b").expect("regex");
    let shown = ids.replace_all(&run.stdout, "<commit>");
    let shown = short.replace_all(&shown, "<short>");
    insta::assert_snapshot!("report_meeting_morning", shown);
    // Nested under the minutes' `###` agenda item; no heading deeper than six.
    assert!(run.stdout.starts_with("#### SCS standards: meeting report, 2026-11-26\n"), "{}", run.stdout);
    assert!(run.stdout.contains("\n###### Decisions for today (20)\n"), "{}", run.stdout);
    assert!(!run.stdout.lines().any(|l| l.starts_with("#######")));
    assert!(run.stdout.contains("**The local clone is behind GitHub's default branch `main`**"), "{}", run.stdout);

    let json = report(&repo, &fake, &["--repo", DOCS, "--format", "json"]).json();
    let standards = &json["repositories"][0];
    let numbers = |key: &str| -> Vec<u64> {
        standards[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key}"))
            .iter()
            .filter_map(|e| e["number"].as_u64())
            .collect()
    };
    assert_eq!(
        numbers("decisions"),
        [840, 841, 842, 843, 844, 845, 846, 848, 849, 850, 851, 852, 853, 854, 855, 856, 857, 858, 859, 868],
        "lifecycle steps, Stable edits and Global documents, whatever else holds them"
    );
    assert_eq!(
        standards["number_clashes"],
        json!([
            {"id": "scs-0129-v1", "pull_requests": [852], "existing": "scs-0129-v1-time-sync-decisions.md"},
            {"id": "scs-0130-v1", "pull_requests": [850, 851], "existing": null},
            {"id": "scs-0220-v1", "pull_requests": [853, 854], "existing": null},
        ])
    );
    assert_eq!(numbers("waiting_on_reviewers"), [861, 847, 866, 865], "oldest request first");
    assert_eq!(standards["waiting_on_reviewers"][0]["oldest_days"], 27);
    assert_eq!(numbers("waiting_on_authors"), [862]);
    assert_eq!(numbers("candidates_to_close"), [863, 864]);
    assert_eq!(numbers("ready_to_merge"), [860, 867]);
    let records: Vec<(u64, Vec<String>)> = standards["decision_records"]
        .as_array()
        .expect("decision_records")
        .iter()
        .map(|d| {
            (d["number"].as_u64().unwrap_or_default(), serde_json::from_value(d["holds"].clone()).unwrap_or_default())
        })
        .collect();
    assert_eq!(
        records,
        [
            (846, vec!["review requested from sig-iaas (8 days)".to_owned()]),
            (847, vec!["review requested from berendt (5 days)".to_owned()]),
            (855, vec!["changes requested by jschoone".to_owned()]),
        ]
    );
    // Every open pull request is in exactly one section.
    let sections: Vec<u64> =
        ["decisions", "waiting_on_reviewers", "waiting_on_authors", "candidates_to_close", "ready_to_merge"]
            .iter()
            .flat_map(|k| numbers(k))
            .collect();
    assert_eq!(sections.len(), 29);
    let pull_request = |n: u64| {
        standards["pull_requests"].as_array().expect("prs").iter().find(|p| p["number"] == n).cloned().expect("listed")
    };
    // The request of sig-iaas was made again on the 12th: its days count from then.
    assert_eq!(
        pull_request(840)["review_requests"],
        json!([
            {"reviewer": "sig-iaas", "team": true, "since": "2026-11-12", "days": 14},
            {"reviewer": "fkr", "team": false, "since": "2026-11-20", "days": 6},
        ])
    );
    assert_eq!(pull_request(840)["approvals"], json!(["mbuechse"]));
    assert_eq!(
        pull_request(859)["documents"][0]["steps"][0],
        json!({"step": "renamed", "from": "scs-0217-v1-cluster-hardening.md"})
    );
    assert_eq!(pull_request(849)["documents"][0]["steps"][0], json!({"step": "proposed", "status": "Draft"}));
    assert_eq!(pull_request(866)["documents"][0]["steps"][0], json!({"step": "template"}));
    assert!(pull_request(852)["new_errors"].as_array().is_some_and(|e| !e.is_empty()), "the taken id is an error");
    // The docs repository: the plain sections.
    let docs = &json["repositories"][1];
    assert_eq!(docs["standards"], false);
    assert_eq!(docs["ready_to_merge"][0]["number"], 301);
    assert_eq!(docs["waiting_on_authors"][0]["number"], 302);
    assert_eq!(docs["candidates_to_close"][0]["number"], 303);
    // Since the last meeting: the Stable edits with their pull requests (GitHub's and the
    // subject's), what changed in a line.
    let lifecycle = json["lifecycle"].as_array().expect("lifecycle");
    assert_eq!(lifecycle.len(), 2, "{lifecycle:?}");
    assert_eq!(
        (lifecycle[0]["pull_request"].as_u64(), lifecycle[0]["attribution"].as_str()),
        (Some(831), Some("github"))
    );
    assert_eq!(
        (lifecycle[1]["pull_request"].as_u64(), lifecycle[1]["attribution"].as_str()),
        (Some(833), Some("subject"))
    );
    assert!(
        lifecycle[0]["text_changes"].as_str().is_some_and(|t| t.ends_with("“…MUST not be longer than 2 weeks if the patch addresses…” → “…MUST not be longer than 1 month if the patch addresses…”")),
        "{}",
        lifecycle[0]
    );
    assert!(lifecycle[1]["text_changes"].as_str().is_some_and(|t| t.contains("−21 +0 lines")), "{}", lifecycle[1]);
    assert_eq!(json["clone"]["current"], false);

    // The budget: per repository one page, the closed ones, one page of the window; the
    // standards' texts and dependencies in chunks; nothing per pull request.
    let sent = requests(&fake).await;
    let texts = count(&sent, "standards", "FileTexts");
    for (repository, operation, n) in [
        ("standards", "OpenPullRequests", 2),
        ("standards", "ClosedPullRequests", 2),
        ("standards", "ClosedSince", 2),
        ("standards", "DependencyStates", 2),
        ("docs", "OpenPullRequests", 2),
        ("docs", "ClosedPullRequests", 2),
        ("docs", "ClosedSince", 2),
        ("docs", "FileTexts", 0),
    ] {
        assert_eq!(count(&sent, repository, operation), n, "{operation}: {sent:?}");
    }
    // 29 pull requests with 26 document versions at their heads and 16 at their bases.
    assert_eq!(texts, 2 * 42_usize.div_ceil(50), "{sent:?}");
    assert_eq!(sent.len(), 2 * (4 + 1 + 3), "{sent:?}");
    assert!(sent.len() / 2 <= budget_with_window(29, 42, 1, 2) + budget_with_window(3, 0, 0, 0));
}

/// The README's excerpt of the report is the snapshot of the morning above: each part between
/// `…` lines is a run of its lines, word for word.
#[test]
fn the_readme_shows_the_snapshot() {
    let root = workspace();
    let snapshot =
        fs::read_to_string(root.join("tests/e2e/snapshots/e2e__report_meeting__report_meeting_morning.snap"))
            .expect("the snapshot");
    let body = snapshot.splitn(3, "---\n").nth(2).expect("the snapshot's text");
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let start = readme.find("An excerpt of the report").expect("the excerpt");
    let excerpt =
        readme[start..].split("```markdown\n").nth(1).and_then(|r| r.split("\n```").next()).expect("the block");
    let parts: Vec<&str> = excerpt.split("\n…\n").collect();
    assert!(parts.len() >= 3, "{excerpt}");
    for part in parts {
        assert!(body.contains(part), "README.md's excerpt is not in the snapshot:\n{part}");
    }
}
