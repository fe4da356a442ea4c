#!/bin/bash
# Fuzzes applc: N mutants (default 100000) of every spec under specs/ and of the standard library
# go through `check` (the compiler), `fmt` (the formatter) and the language server's analysis.
# Mutations: tokens deleted, duplicated, inserted or spliced, lines shuffled, files cut short,
# deep nesting, huge tokens, control characters, NUL bytes, byte flips and invalid UTF-8.
# Prints the count, the time and any internal error (a Throwable, or output that breaks the
# diagnostics standard), and exits non-zero if there was one.
#
# Usage: bash bench/fuzz.sh [N] [SEED]
# Builds the specs module's test classes first (offline Maven), then runs the harness's main
# (dev.applc.specs.Fuzz) with the test classpath.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-100000}
seed=${2:-0xf0225eed}
cd -- "$repo"
mvn -B -q -o -pl specs -am test-compile
classpath_file=$(mktemp)
trap 'rm -f -- "$classpath_file"' EXIT
mvn -B -q -o -pl specs dependency:build-classpath -Dmdep.outputFile="$classpath_file" \
  -Dmdep.includeScope=test > /dev/null
classpath="specs/target/test-classes:specs/target/classes:$(cat -- "$classpath_file")"
for module in compiler stdlib lsp backends cli grammar; do
  classpath="$module/target/classes:$classpath"
done
exec java -cp "$classpath" dev.applc.specs.Fuzz "$count" "$seed"
