//! The release contract: the asset names the release workflow builds, the names `cargo
//! binstall` asks for, and the Action's install step, run against a local server that serves a
//! fake release made from the test binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::integrations::yaml;
use crate::support::workspace;

/// The targets and archive formats every consumer of the release relies on.
const CONTRACT: [(&str, &str); 5] = [
    ("x86_64-unknown-linux-musl", "tar.gz"),
    ("aarch64-unknown-linux-musl", "tar.gz"),
    ("x86_64-apple-darwin", "tar.gz"),
    ("aarch64-apple-darwin", "tar.gz"),
    ("x86_64-pc-windows-msvc", "zip"),
];

fn asset(target: &str, ext: &str) -> String {
    format!("scs-{target}.{ext}")
}

/// `(target, other keys)` of a job's matrix.
fn matrix(job: &str) -> Vec<(String, Option<String>)> {
    let workflow = yaml(".github/workflows/release.yml");
    let include = workflow
        .as_mapping()
        .and_then(|m| m.get_mapping("jobs"))
        .and_then(|j| j.get_mapping(job))
        .and_then(|j| j.get_mapping("strategy"))
        .and_then(|s| s.get_mapping("matrix"))
        .and_then(|m| m.get_sequence("include"))
        .unwrap_or_else(|| panic!("jobs.{job}.strategy.matrix.include"));
    include
        .iter()
        .filter_map(|e| e.as_mapping())
        .map(|e| {
            let get = |k: &str| e.get_scalar(k).map(|s| s.as_str().to_owned());
            (get("target").expect("target"), get("archive"))
        })
        .collect()
}

#[test]
fn the_release_workflow_builds_the_contracts_targets_and_assets() {
    let text = fs::read_to_string(workspace().join(".github/workflows/release.yml")).expect("workflow");
    assert!(text.contains(r#"tags: ["v[0-9]+.[0-9]+.[0-9]+"]"#), "released on tags vX.Y.Z");
    let binaries = matrix("binaries");
    let expected: Vec<(String, Option<String>)> =
        CONTRACT.iter().map(|(t, e)| ((*t).to_owned(), Some((*e).to_owned()))).collect();
    assert_eq!(binaries, expected);
    let wheels: Vec<String> = matrix("wheels").into_iter().map(|(t, _)| t).collect();
    assert_eq!(wheels, CONTRACT.map(|(t, _)| t.to_owned()));
    // The packaging names each archive scs-<target>.<archive> and its checksum .sha256, and
    // the binary sits in the folder scs-<target>/.
    for needle in [
        r#"name="scs-$TARGET""#,
        r#""$name.$ARCHIVE.sha256""#,
        r#"tar -czf "$name.tar.gz" "$name""#,
        r#"7z a -tzip "$name.zip" "$name""#,
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    assert!(text.contains("SCS_BUILD_COMMIT: ${{ github.sha }}"), "--version names the commit");
}

#[test]
fn cargo_binstall_resolves_to_the_release_assets() {
    let manifest = fs::read_to_string(workspace().join("Cargo.toml")).expect("manifest");
    // `key = "value"` of the TOML table `[name]` of the manifest.
    let value = |table: &str, key: &str| -> Option<String> {
        let start = manifest.find(&format!("\n[{table}]\n"))?;
        let body = &manifest[start + table.len() + 4..];
        let body = &body[..body.find("\n[").unwrap_or(body.len())];
        body.lines()
            .find_map(|l| l.strip_prefix(&format!("{key} = \"")).and_then(|v| v.strip_suffix('"')).map(str::to_owned))
    };
    let template = value("package.metadata.binstall", "pkg-url").expect("pkg-url");
    let bin_dir = value("package.metadata.binstall", "bin-dir").expect("bin-dir");
    for (target, ext) in CONTRACT {
        let format = value(&format!("package.metadata.binstall.overrides.{target}"), "pkg-fmt")
            .or_else(|| value("package.metadata.binstall", "pkg-fmt"))
            .expect("pkg-fmt");
        let suffix = match format.as_str() {
            "tgz" => ".tar.gz",
            "zip" => ".zip",
            other => panic!("unexpected format {other}"),
        };
        let resolve = |t: &str| {
            t.replace("{ repo }", "https://github.com/SovereignCloudStack/scs")
                .replace("{ version }", "1.2.3")
                .replace("{ target }", target)
                .replace("{ archive-suffix }", suffix)
                .replace("{ bin }", "scs")
                .replace("{ binary-ext }", if target.contains("windows") { ".exe" } else { "" })
        };
        assert_eq!(
            resolve(&template),
            format!("https://github.com/SovereignCloudStack/scs/releases/download/v1.2.3/{}", asset(target, ext))
        );
        let exe = if target.contains("windows") { "scs.exe" } else { "scs" };
        assert_eq!(resolve(&bin_dir), format!("scs-{target}/{exe}"));
    }
}

/// A fake release of version 9.9.9 for x86_64 Linux: the test binary packed as the release
/// workflow packs it, and its checksum (or `checksum` instead).
async fn fake_release(checksum: Option<&str>) -> (MockServer, tempfile::TempDir) {
    let server = MockServer::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let target = "x86_64-unknown-linux-musl";
    let folder = dir.path().join(format!("scs-{target}"));
    fs::create_dir_all(&folder).expect("mkdir");
    fs::copy(env!("CARGO_BIN_EXE_scs"), folder.join("scs")).expect("copy");
    let archive = dir.path().join(asset(target, "tar.gz"));
    let status = Command::new("tar")
        .args(["-czf"])
        .arg(&archive)
        .arg("-C")
        .arg(dir.path())
        .arg(format!("scs-{target}"))
        .status()
        .expect("tar");
    assert!(status.success());
    let bytes = fs::read(&archive).expect("archive");
    let out = Command::new("sha256sum").arg(&archive).output().expect("sha256sum");
    let real = String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap_or_default().to_owned();
    let sum = format!("{}  {}\n", checksum.unwrap_or(&real), asset(target, "tar.gz"));
    let at = format!("/v9.9.9/{}", asset(target, "tar.gz"));
    Mock::given(method("GET"))
        .and(path(at.clone()))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bytes))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{at}.sha256")))
        .respond_with(ResponseTemplate::new(200).set_body_string(sum))
        .mount(&server)
        .await;
    (server, dir)
}

struct Installed {
    code: i32,
    output: String,
    temp: tempfile::TempDir,
}

impl Installed {
    fn scs(&self) -> PathBuf {
        self.temp.path().join("scs/bin/scs")
    }
    fn cargo_ran(&self) -> bool {
        self.temp.path().join("cargo-ran").exists()
    }
}

/// Runs the Action's install script as the Action runs it, on an x86_64 Linux runner, with a
/// `cargo` on the PATH that only records that it ran (and installs the test binary).
fn install(base: &str, version: &str, mode: &str) -> Installed {
    let temp = tempfile::tempdir().expect("tempdir");
    let bin = temp.path().join("fake-bin");
    fs::create_dir_all(&bin).expect("mkdir");
    let fake_cargo = format!(
        "#!/bin/sh\ntouch '{}'\nmkdir -p \"$6/bin\" && cp '{}' \"$6/bin/scs\"\n",
        temp.path().join("cargo-ran").display(),
        env!("CARGO_BIN_EXE_scs")
    );
    fs::write(bin.join("cargo"), fake_cargo).expect("fake cargo");
    make_executable(&bin.join("cargo"));
    let github_path = temp.path().join("github-path");
    let out = Command::new("bash")
        .arg(workspace().join("scripts/install-scs.sh"))
        .env("SCS_VERSION", version)
        .env("SCS_INSTALL", mode)
        .env("SCS_DOWNLOAD_URL", base)
        .env("SCS_ACTION_REF", "main")
        .env("SCS_ACTION_PATH", workspace())
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", temp.path())
        .env("GITHUB_PATH", &github_path)
        .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
        .output()
        .expect("bash");
    let output = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    Installed { code: out.status.code().unwrap_or(-1), output, temp }
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_action_installs_the_verified_release_binary() {
    let (server, _dir) = fake_release(None).await;
    let done = install(&server.uri(), "9.9.9", "binary");
    assert_eq!(done.code, 0, "{}", done.output);
    assert!(done.output.contains("installed release v9.9.9 for x86_64-unknown-linux-musl"), "{}", done.output);
    assert!(!done.cargo_ran());
    let version = Command::new(done.scs()).arg("--version").output().expect("scs runs");
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("scs "), "the installed scs runs");
    let path = fs::read_to_string(done.temp.path().join("github-path")).expect("GITHUB_PATH");
    assert_eq!(path.trim(), done.temp.path().join("scs/bin").display().to_string());
    // A `v` in front of the version is fine too.
    assert_eq!(install(&server.uri(), "v9.9.9", "auto").code, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checksum_mismatch_is_a_clear_failure_and_never_falls_back() {
    let (server, _dir) = fake_release(Some(&"0".repeat(64))).await;
    for mode in ["binary", "auto"] {
        let done = install(&server.uri(), "9.9.9", mode);
        assert_eq!(done.code, 1, "{mode}: {}", done.output);
        assert!(
            done.output.contains("::error title=scs install::the SHA-256 of scs-x86_64-unknown-linux-musl.tar.gz is"),
            "{}",
            done.output
        );
        assert!(!done.scs().exists() && !done.cargo_ran(), "{mode}: nothing was installed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_asset_falls_back_to_cargo_with_auto_and_fails_with_binary() {
    let (server, _dir) = fake_release(None).await;
    let auto = install(&server.uri(), "8.8.8", "auto");
    assert_eq!(auto.code, 0, "{}", auto.output);
    assert!(auto.cargo_ran(), "cargo install ran: {}", auto.output);
    assert!(
        auto.output.contains("building from source with cargo install --locked (the release asset"),
        "{}",
        auto.output
    );
    let binary = install(&server.uri(), "8.8.8", "binary");
    assert_eq!(binary.code, 1, "{}", binary.output);
    assert!(
        binary.output.contains("::error title=scs install::the release asset")
            && binary.output.contains("(install: binary)"),
        "{}",
        binary.output
    );
    assert!(!binary.cargo_ran());
    // A branch ref and no version: no release matches.
    let branch = install(&server.uri(), "", "binary");
    assert!(branch.output.contains("no release matches the action's ref 'main'"), "{}", branch.output);
}

#[test]
fn version_names_the_commit() {
    let out = Command::new(env!("CARGO_BIN_EXE_scs")).arg("--version").output().expect("scs runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let pattern = regex::Regex::new(r"^scs \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}|unknown)\)\n$").expect("regex");
    assert!(pattern.is_match(&text), "{text}");
}
