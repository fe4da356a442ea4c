#!/usr/bin/env bash
# Builds, tests and packages the VS Code extension: editors/vscode/applc-<version>.vsix.
# Needs Node.js >= 20 and npm; the npm registry only while npm's cache lacks a package.
# Independent of Maven: it reads the specs and the standard library as files.
set -euo pipefail
cd "$(dirname "$0")"

command -v node >/dev/null || { echo "build.sh: node (Node.js >= 20) is needed" >&2; exit 1; }
command -v npm >/dev/null || { echo "build.sh: npm is needed" >&2; exit 1; }
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  { echo "build.sh: Node.js >= 20 is needed, this is $(node --version)" >&2; exit 1; }

version=$(node -p 'require("./package.json").version')
vsix="applc-${version}.vsix"

# Exactly what package-lock.json records. Install scripts are not needed (esbuild finds its
# binary through its platform package) and are skipped, keytar's native build among them
# (an optional part of vsce, for publishing only). --prefer-offline: npm's cache first.
npm ci --prefer-offline --ignore-scripts --no-audit --no-fund

# Bundles out/extension.js (pretest), then runs the grammar and client tests.
npm test

rm -f "$vsix"
npm run package
node scripts/check-vsix.mjs "$vsix"
echo "build.sh: built $(pwd)/$vsix"
