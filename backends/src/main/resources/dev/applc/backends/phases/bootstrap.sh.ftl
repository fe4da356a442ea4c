[=prologue]
rootfs="$WORK/rootfs"

# The root file system does not take the build's source date, which changes with every commit and
# would make every commit bootstrap again: a fixed one makes it the same for the same packages.
# It is 1970-01-02, not 0, which shadow would write as "change the password at next login" for
# the accounts it makes now. The later phases run with the build's date.
export SOURCE_DATE_EPOCH=86400
<#if tool == "mmdebstrap">

# A fresh tree every time: mmdebstrap wants an empty target. --mode=unshare needs no root and
# no mounts. Every package is installed now, because the finished minbase tree cannot fetch
# package lists (it has no gpgv). Besides the spec's packages: [=extras].
rm -rf -- "$rootfs"
mkdir -p -- "$WORK"
mmdebstrap \
  --mode=unshare \
  --variant=minbase \
  --architectures=[=arch] \
  --include=[=include] \
  [=release] \
  "$rootfs"<#if mirror??> \
  [=mirror]</#if>
<#elseif tool == "oci">

# The root file system is an OCI image's: exported from a container engine.
engine=
for candidate in podman docker; do
  if command -v "$candidate" >/dev/null; then
    engine=$candidate
    break
  fi
done
if [ -z "$engine" ]; then
  echo "[=id]: the root file system comes from the OCI image "[=image]", and exporting it needs podman or docker, which this machine does not have" >&2
  exit 1
fi
rm -rf -- "$rootfs"
mkdir -p -- "$rootfs"
container=$("$engine" create -- [=image])
"$engine" export "$container" | tar -x -C "$rootfs"
"$engine" rm "$container" >/dev/null
<#else>

# [=distro] is bootstrapped with [=tool].
if ! command -v [=tool] >/dev/null; then
  echo "[=id]: [=distro] is bootstrapped with [=tool], which this machine does not have; build on a [=distro] machine or install [=tool]" >&2
  exit 1
fi
rm -rf -- "$rootfs"
mkdir -p -- "$rootfs"
<#if tool == "pacstrap">
pacstrap -c -G -M "$rootfs" [=packages]
<#else>
apk --root "$rootfs" --initdb --arch [=arch]<#if mirror??> --repository [=mirror]</#if> --allow-untrusted add [=packages]
</#if>
</#if>
