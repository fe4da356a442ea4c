#!/bin/bash
# Measures what the build cache saves: a clean build of specs/minimal with an overlay, then a
# rebuild after one overlay file changed, and how much of each was the tools' own work (the
# phases' time) rather than applc's. Prints the figures and their ratios.
#
# Usage (as root, after `mvn -q package -DskipTests`): bash bench/build-cache.sh [WORKDIR]
# Takes a few minutes: the clean build bootstraps Debian with mmdebstrap.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p -- "$work"
spec="$work/spec"
rm -rf -- "$spec" "$work/out"
mkdir -p -- "$spec/overlay/etc"
cp -- "$repo/specs/minimal/minimal.appliance" "$spec/bench.appliance"
# The spec with an overlay folder: what a team changes most between builds.
sed -i 's|^    packages = \[\(.*\)\]$|    packages = [\1]\n    overlays = ["overlay/"]|' "$spec/bench.appliance"
grep -q 'overlays = \["overlay/"\]' "$spec/bench.appliance" || {
  echo "bench: could not add an overlay to the spec" >&2
  exit 1
}
echo "first" > "$spec/overlay/etc/applc-bench"

# Runs one build; prints its wall time in seconds, and the phases' summed time to $2.
build() {
  local log=$1 start end
  start=$(date +%s.%N)
  "$repo/bin/applc" build "$spec/bench.appliance" -o "$work/out" --color=never 2> "$log"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

# The phases' own time: the "done in N.Ns" lines of the runner.
phase_time() {
  sed -n 's/.*done in \([0-9.]*\)s$/\1/p' "$1" | paste -sd+ - | sed 's/^$/0/' | bc
}

clean=$(build "$work/clean.log")
clean_tools=$(phase_time "$work/clean.log")
echo "second" > "$spec/overlay/etc/applc-bench"
rebuild=$(build "$work/rebuild.log")
rebuild_tools=$(phase_time "$work/rebuild.log")
reused=$(grep -c ' reused$' "$work/rebuild.log" || true)

printf 'clean build:              %8.1f s (phases %.1f s)\n' "$clean" "$clean_tools"
printf 'rebuild, overlay changed: %8.1f s (phases %.1f s, %s phases reused)\n' \
  "$rebuild" "$rebuild_tools" "$reused"
printf 'rebuild / clean:          %8.2f\n' "$(echo "$rebuild / $clean" | bc -l)"
printf 'tools / wall (clean):     %8.2f\n' "$(echo "$clean_tools / $clean" | bc -l)"
printf 'tools / wall (rebuild):   %8.2f\n' "$(echo "$rebuild_tools / $rebuild" | bc -l)"
