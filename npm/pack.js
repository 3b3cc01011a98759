#!/usr/bin/env node
// Builds the npm packages of scs: the platform package of each binary given, and the main
// package @sovereigncloudstack/scs, as tarballs (npm pack) in OUT.
//
//   node npm/pack.js OUT VERSION TARGET=BINARY...
//
// TARGET is a Rust target triple of the release (release.yml); BINARY the built scs for it.
// Used by release.yml (all five targets, then `npm publish` of each tarball) and by
// .ci/npm-test (the local target only, installed without the network).
'use strict'

const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')

// Rust target → npm's process.platform and process.arch.
const PLATFORMS = {
  'x86_64-unknown-linux-musl': ['linux', 'x64'],
  'aarch64-unknown-linux-musl': ['linux', 'arm64'],
  'x86_64-apple-darwin': ['darwin', 'x64'],
  'aarch64-apple-darwin': ['darwin', 'arm64'],
  'x86_64-pc-windows-msvc': ['win32', 'x64'],
  // Hosts a developer or CI builds on (the release ships the musl builds).
  'x86_64-unknown-linux-gnu': ['linux', 'x64'],
  'aarch64-unknown-linux-gnu': ['linux', 'arm64'],
}

function main(argv) {
  const [out, version, ...binaries] = argv
  if (!out || !/^\d+\.\d+\.\d+$/.test(version || '') || binaries.length === 0) {
    process.stderr.write('usage: node npm/pack.js OUT VERSION TARGET=BINARY...\n')
    process.exit(2)
  }
  fs.mkdirSync(out, { recursive: true })
  const staging = fs.mkdtempSync(path.join(out, '.staging-'))
  const main = JSON.parse(fs.readFileSync(path.join(__dirname, 'scs/package.json'), 'utf8'))
  const tarballs = []
  for (const arg of binaries) {
    const [target, binary] = arg.split('=')
    const platform = PLATFORMS[target]
    if (!platform || !binary) {
      process.stderr.write(`unknown target or no binary: ${arg} (targets: ${Object.keys(PLATFORMS).join(', ')})\n`)
      process.exit(2)
    }
    const [os, cpu] = platform
    const name = `@sovereigncloudstack/scs-${os}-${cpu}`
    const exe = os === 'win32' ? 'scs.exe' : 'scs'
    const dir = path.join(staging, `${os}-${cpu}`)
    fs.mkdirSync(path.join(dir, 'bin'), { recursive: true })
    fs.copyFileSync(binary, path.join(dir, 'bin', exe))
    fs.chmodSync(path.join(dir, 'bin', exe), 0o755)
    const manifest = {
      name,
      version,
      description: `The scs binary for ${os}-${cpu} (${target}); installed by @sovereigncloudstack/scs`,
      license: main.license,
      repository: main.repository,
      os: [os],
      cpu: [cpu],
      files: [`bin/${exe}`],
      preferUnplugged: true,
    }
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
    tarballs.push(pack(dir, out))
  }
  const mainDir = path.join(staging, 'scs')
  fs.mkdirSync(path.join(mainDir, 'bin'), { recursive: true })
  fs.copyFileSync(path.join(__dirname, 'scs/bin/scs.js'), path.join(mainDir, 'bin/scs.js'))
  fs.chmodSync(path.join(mainDir, 'bin/scs.js'), 0o755)
  main.version = version
  for (const dep of Object.keys(main.optionalDependencies)) main.optionalDependencies[dep] = version
  fs.writeFileSync(path.join(mainDir, 'package.json'), JSON.stringify(main, null, 2) + '\n')
  tarballs.push(pack(mainDir, out))
  fs.rmSync(staging, { recursive: true, force: true })
  process.stdout.write(tarballs.join('\n') + '\n')
}

function pack(dir, out) {
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', path.resolve(out)], {
    cwd: dir,
    encoding: 'utf8',
  }).trim()
  return path.join(out, name.split('\n').pop())
}

main(process.argv.slice(2))
