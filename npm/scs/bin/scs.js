#!/usr/bin/env node
// Runs the scs binary of this platform, installed by npm as one of the optional dependencies
// of @sovereigncloudstack/scs (the way esbuild and biome ship native binaries): npm installs
// only the package whose `os` and `cpu` match, so no download happens at install time and no
// install script runs.
'use strict'

const { spawnSync } = require('child_process')

const platform = `${process.platform}-${process.arch}`
const pkg = `@sovereigncloudstack/scs-${platform}`
const exe = process.platform === 'win32' ? 'scs.exe' : 'scs'

let binary
try {
  binary = require.resolve(`${pkg}/bin/${exe}`)
} catch (e) {
  process.stderr.write(
    `scs: no binary for ${platform}: the package ${pkg} is not installed.\n` +
      'scs is published for linux-x64, linux-arm64, darwin-x64, darwin-arm64 and win32-x64; ' +
      'installing with --no-optional (or --omit=optional) leaves it out. ' +
      'Elsewhere: cargo install scs-cli\n'
  )
  process.exit(2)
}

const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit', windowsHide: true })
if (result.error) {
  process.stderr.write(`scs: cannot run ${binary}: ${result.error.message}\n`)
  process.exit(2)
}
if (result.signal) {
  process.kill(process.pid, result.signal)
}
process.exit(result.status === null ? 2 : result.status)
