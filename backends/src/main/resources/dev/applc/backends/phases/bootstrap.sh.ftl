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

# The root file system is the layers of a local OCI image (a layout folder or its archive),
# unpacked by applc itself: every blob is checked against its digest, whiteouts are applied, and
# no layer writes outside the root. APPLC is the applc that runs the build; `applc build` sets it.
rm -rf -- "$rootfs"
mkdir -p -- "$WORK"
"${APPLC:-applc}" tool oci-unpack \
  --image "$SPEC_DIR"/[=image] \
<#if ref??>
  --ref [=ref] \
</#if>
  --platform [=platform] \
  "$rootfs"
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
