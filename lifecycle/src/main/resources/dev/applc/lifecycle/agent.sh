#!/bin/bash
# applc test agent: in the images `applc test` builds, and never in a spec's own build.
# It takes one command per line from the virtio-serial port org.applc.test, runs it, and
# answers on the same port: each output line as "@ID TEXT", then "@ID=EXIT". At start it says
# "@hello" with the version and slot that booted, so the host reads results and never guesses
# from timings. The disk of update artifacts is mounted read-only at /run/applc-test/updates.
set -u
port=/dev/virtio-ports/org.applc.test
for _ in $(seq 300); do
  [ -e "$port" ] && break
  sleep 0.2
done
updates=/run/applc-test/updates
mkdir -p "$updates"
for _ in $(seq 50); do
  [ -e /dev/disk/by-id/virtio-applc-updates ] && break
  sleep 0.2
done
if [ -e /dev/disk/by-id/virtio-applc-updates ] && ! mountpoint -q "$updates"; then
  mount -o ro /dev/disk/by-id/virtio-applc-updates "$updates"
fi
exec 3<>"$port"
# shellcheck source=/dev/null
version=$( (. /etc/os-release && echo "${IMAGE_VERSION:-}") 2>/dev/null)
slot=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^rauc\.slot=//p')
# The partition the root came from, by number: a verity root's data partition has the UUID made
# of the first 128 bits of its root hash (sysupdate relabels slots, but never renumbers them).
hash=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^\(root\|usr\)hash=//p' | head -n 1)
if [ -n "$hash" ]; then
  uuid=$(echo "$hash" | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
  device=$(readlink -f "/dev/disk/by-partuuid/$uuid")
else
  device=$(readlink -f "$(findmnt -no SOURCE /)")
fi
part=$(cat "/sys/class/block/${device##*/}/partition" 2>/dev/null)
echo "@hello version=$version slot=$slot part=$part boot=$(cat /proc/sys/kernel/random/boot_id)" >&3
while IFS= read -r line <&3; do
  id=${line%% *}
  command=${line#* }
  bash -c "$command" </dev/null 2>&1 | sed -u "s/^/@$id /" >&3
  echo "@$id=${PIPESTATUS[0]}" >&3
done
