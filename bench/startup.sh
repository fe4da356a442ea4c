#!/bin/bash
# Measures what a cold `applc check` costs against two yardsticks: the JVM doing nothing
# (`java -Xshare:auto -version`) and mkosi's own config front end (`mkosi summary` on a small
# Debian config). applc runs with the flags of its launchers (bin/applc and the Debian package's
# /usr/bin/applc), without and with an AppCDS archive made the way the package's postinst makes
# it. The commands take turns, RUNS rounds of them, so that a busy machine slows all of them
# alike; the script prints each one's median wall time, CPU time and peak memory, and the ratios.
#
# Usage (after `mvn -q package -DskipTests`): bash bench/startup.sh [RUNS] [SPEC]
# RUNS defaults to 11, SPEC to the largest example spec. Needs java, mkosi and GNU time.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-11}
spec=${2:-specs/loisto-console/loisto-console.appliance}
jar="$repo/cli/target/applc.jar"
[ -f "$jar" ] || {
  echo "bench: $jar is missing; build it with: mvn -q package -DskipTests" >&2
  exit 2
}
command -v mkosi >/dev/null || {
  echo "bench: mkosi is missing" >&2
  exit 2
}
[ -x /usr/bin/time ] || {
  echo "bench: GNU time (/usr/bin/time) is missing" >&2
  exit 2
}

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# The flags of the launchers: one compiler tier and the serial collector start a short run fastest.
flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)

# The archive, as the package's postinst makes it: the classes one `check` loads, for this JVM and
# this jar at this path.
java -XX:ArchiveClassesAtExit="$work/applc.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$jar" check "$repo/$spec" >/dev/null 2>&1 || true
[ -s "$work/applc.jsa" ] || {
  echo "bench: the JVM made no class-data archive" >&2
  exit 1
}

# A small Debian image for mkosi: what its config front end reads and prints.
mkdir -p -- "$work/mkosi"
cat > "$work/mkosi/mkosi.conf" <<'EOF'
[Distribution]
Distribution=debian
Release=bookworm

[Output]
Format=gpt_ext4

[Content]
Packages=linux-image-amd64
         systemd
         udev
Bootable=yes
EOF

names=(java-version mkosi-summary applc-check applc-check-cds)
timed=(/usr/bin/time -o "$work/t" -f '%e %U %S %M')
run() {
  case $1 in
    java-version) "${timed[@]}" java -Xshare:auto -version ;;
    mkosi-summary) "${timed[@]}" mkosi -C "$work/mkosi" summary ;;
    applc-check) "${timed[@]}" java "${flags[@]}" -jar "$jar" check "$spec" ;;
    applc-check-cds)
      "${timed[@]}" java "${flags[@]}" -XX:SharedArchiveFile="$work/applc.jsa" -jar "$jar" check "$spec"
      ;;
  esac
}

cd "$repo"
# One round first that is not counted: the page cache holds the jar and mkosi's modules after it,
# as it does for a user who has run either once.
for name in "${names[@]}"; do run "$name" >/dev/null 2>&1 || true; done
for ((i = 0; i < runs; i++)); do
  for name in "${names[@]}"; do
    # wall seconds, CPU seconds (user + system), peak resident KiB
    run "$name" >/dev/null 2>&1 || true
    # GNU time puts "Command exited with non-zero status" before its line when one fails.
    read -r wall user sys rss < <(tail -n 1 "$work/t")
    echo "$wall $(echo "$user + $sys" | bc -l) $rss" >> "$work/$name"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A wall cpu
printf '%-18s %9s %9s %9s   (medians of %d runs)\n' command wall-s cpu-s peak-MiB "$runs"
for name in "${names[@]}"; do
  wall[$name]=$(cut -d' ' -f1 "$work/$name" | median)
  cpu[$name]=$(cut -d' ' -f2 "$work/$name" | median)
  rss=$(cut -d' ' -f3 "$work/$name" | median)
  printf '%-18s %9.3f %9.3f %9.0f\n' "$name" "${wall[$name]}" "${cpu[$name]}" "$(echo "$rss / 1024" | bc -l)"
done
ratio() { printf '%-44s %6.2fx wall %6.2fx cpu\n' "$1 / $2" \
  "$(echo "${wall[$1]} / ${wall[$2]}" | bc -l)" "$(echo "${cpu[$1]} / ${cpu[$2]}" | bc -l)"; }
echo
ratio applc-check mkosi-summary
ratio applc-check-cds mkosi-summary
ratio applc-check java-version
ratio applc-check-cds java-version
ratio applc-check-cds applc-check
