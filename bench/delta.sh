#!/bin/bash
# Measures a casync delta update: builds specs/minimal-signed (with an overlay folder added),
# then changes the overlay (one 3 MiB file added, one small file edited) and bumps the version,
# rebuilds with --previous, and prints what a device running the first build downloads.
#
# Usage (as root, after `mvn -q package -DskipTests`): bash bench/delta.sh [WORKDIR]
# Takes a few minutes: the first build bootstraps Debian with mmdebstrap.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p -- "$work"
spec="$work/spec"
rm -rf -- "$spec" "$work/v1" "$work/v2"
mkdir -p -- "$spec/overlay/etc"
cp -- "$repo/specs/minimal-signed/minimal-signed.appliance" "$spec/bench.appliance"
sed -i 's|^    packages = \[\(.*\)\]$|    packages = [\1]\n    overlays = ["overlay/"]|' "$spec/bench.appliance"
grep -q 'overlays = \["overlay/"\]' "$spec/bench.appliance" || {
  echo "bench: could not add an overlay to the spec" >&2
  exit 1
}
echo "first" > "$spec/overlay/etc/applc-bench"
"$repo/bin/applc" keys "$spec/bench.appliance" > /dev/null

"$repo/bin/applc" build "$spec/bench.appliance" -o "$work/v1" --color=never 2> "$work/v1.log"

echo "second" > "$spec/overlay/etc/applc-bench"
head -c 3145728 /dev/urandom > "$spec/overlay/etc/applc-bench.bin"
sed -i 's|^  version = "0.1.0"$|  version = "0.1.1"|' "$spec/bench.appliance"
"$repo/bin/applc" build "$spec/bench.appliance" -o "$work/v2" --cache "$work/v1/cache" \
  --previous "$work/v1" --color=never 2> "$work/v2.log"

bundle=$(find "$work/v2/images" -maxdepth 1 -name '*-casync.raucb' -printf '%s\n')
full=$(find "$work/v2/images" -maxdepth 1 -name '*.raucb' ! -name '*-casync.raucb' -printf '%s\n')
grep '^delta from ' "$work/v2.log"
printf 'full bundle:              %8.1f MiB\n' "$(echo "$full / 1048576" | bc -l)"
printf 'casync bundle (indexes):  %8.1f KiB\n' "$(echo "$bundle / 1024" | bc -l)"
