#!/usr/bin/env bash
# Installs scs for the GitHub Action: the release binary for this runner, verified by its
# SHA-256, into $RUNNER_TEMP/scs/bin (added to $GITHUB_PATH); with SCS_INSTALL=auto it falls
# back to `cargo install --locked` from the action's own source when no release matches (a
# branch ref, or a missing asset); with `binary` it fails instead; `source` always builds.
#
# Inputs (environment): SCS_VERSION (X.Y.Z or vX.Y.Z; empty: the release the action's ref
# names), SCS_INSTALL (auto | binary | source), SCS_DOWNLOAD_URL (the releases' download
# base, for tests and GitHub Enterprise), SCS_ACTION_REF, SCS_ACTION_PATH, and the runner's
# RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH.
set -euo pipefail

fail() {
  echo "::error title=scs install::$*"
  exit 1
}

install=${SCS_INSTALL:-auto}
case "$install" in auto | binary | source) ;; *) fail "install must be auto, binary or source, not '$install'" ;; esac
base=${SCS_DOWNLOAD_URL:-https://github.com/SovereignCloudStack/scs/releases/download}
root="$RUNNER_TEMP/scs"
dest="$root/bin"

version=${SCS_VERSION:-}
if [ -z "$version" ] && [[ "${SCS_ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  version=$SCS_ACTION_REF
fi
version=${version#v}

case "${RUNNER_OS:-}-${RUNNER_ARCH:-}" in
  Linux-X64) target=x86_64-unknown-linux-musl ext=tar.gz exe=scs ;;
  Linux-ARM64) target=aarch64-unknown-linux-musl ext=tar.gz exe=scs ;;
  macOS-X64) target=x86_64-apple-darwin ext=tar.gz exe=scs ;;
  macOS-ARM64) target=aarch64-apple-darwin ext=tar.gz exe=scs ;;
  Windows-X64) target=x86_64-pc-windows-msvc ext=zip exe=scs.exe ;;
  *) target="" ext="" exe=scs ;;
esac

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

from_source() {
  echo "scs: building from source with cargo install --locked ($1)"
  cargo install --locked --path "${SCS_ACTION_PATH:?}" --root "$root"
}

# Installs the release binary; when there is none to use, returns 1 with the reason in $why.
why=""
from_release() {
  if [ -z "$version" ]; then
    why="no release matches the action's ref '${SCS_ACTION_REF:-}' and no version was given"
    return 1
  fi
  if [ -z "$target" ]; then
    why="no release binary is built for ${RUNNER_OS:-?} ${RUNNER_ARCH:-?}"
    return 1
  fi
  local asset="scs-$target.$ext" url tmp
  url="${base%/}/v$version/$asset"
  tmp=$(mktemp -d)
  if ! curl -fsSL --retry 2 --connect-timeout 20 --max-time 300 -o "$tmp/$asset" "$url" ||
    ! curl -fsSL --retry 2 --connect-timeout 20 --max-time 60 -o "$tmp/$asset.sha256" "$url.sha256"; then
    why="the release asset $url (or its .sha256) cannot be downloaded"
    return 1
  fi
  local expected actual
  expected=$(cut -d' ' -f1 <"$tmp/$asset.sha256")
  actual=$(sha256 "$tmp/$asset")
  if [ "$expected" != "$actual" ]; then
    # Never run or fall back past a binary that is not the one released.
    fail "the SHA-256 of $asset is $actual, but $asset.sha256 says $expected: refusing to install it"
  fi
  if [ "$ext" = zip ]; then unzip -q "$tmp/$asset" -d "$tmp"; else tar -xzf "$tmp/$asset" -C "$tmp"; fi
  mkdir -p "$dest"
  cp "$tmp/scs-$target/$exe" "$dest/$exe"
  chmod +x "$dest/$exe"
  echo "$version $target" >"$root/installed"
  echo "scs: installed release v$version for $target ($asset, SHA-256 verified)"
}

if [ -x "$dest/$exe" ] && [ -f "$root/installed" ] && [ "$(cat "$root/installed")" = "$version $target" ]; then
  echo "scs: v$version for $target from the cache"
elif [ "$install" = source ]; then
  from_source "install: source"
elif ! from_release; then
  if [ "$install" = binary ]; then
    fail "$why (install: binary)"
  fi
  from_source "$why"
fi
echo "$dest" >>"$GITHUB_PATH"
"$dest/$exe" --version
