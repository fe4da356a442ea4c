#!/bin/bash
# Fuzzes applc: N mutants (default 100000) of every spec under specs/ and of the standard library
# go through `check` (the compiler), `fmt` (the formatter) and the language server's analysis.
# Mutations: tokens deleted, duplicated, inserted or spliced, lines shuffled, files cut short,
# deep nesting, huge tokens, control characters, NUL bytes, byte flips and invalid UTF-8.
# Prints the count, the time and any internal error (a Throwable, or output that breaks the
# diagnostics standard), and exits non-zero if there was one.
#
# Usage: bash bench/fuzz.sh [N] [SEED]
# Runs the harness (dev.applc.specs.Fuzz) through FuzzTest with offline Maven, which builds the
# modules it needs first; the test's own run in every build is 3,000 inputs.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-100000}
seed=${2:-0xf0225eed}
cd -- "$repo"
log=$(mktemp)
trap 'rm -f -- "$log"' EXIT
status=0
mvn -B -o -pl specs -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dapplc.fuzz.count="$count" -Dapplc.fuzz.seed="$seed" > "$log" 2>&1 || status=$?
# The harness's summary, then its failures (if any), without Maven's own lines.
sed -n '/^fuzz: /,/^\[/p' "$log" | grep -a -v '^\[' || true
if [ "$status" -ne 0 ]; then
  grep -a -E '^\[ERROR\]' "$log" | head -20 >&2 || true
  echo "fuzz: FAILED (exit $status)" >&2
fi
exit "$status"
