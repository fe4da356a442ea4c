[=prologue]
rootfs="$WORK/rootfs"
images="$WORK/images"
<#include "in-root.ftl">
<#include "in-root-new.ftl">

mkdir -p -- "$images" "$WORK"/[=stubDir]
# The one kernel of the image.
in_root /usr/lib/modules
kernels=("$inroot"/*)
if [ "${#kernels[@]}" -ne 1 ] || [ ! -d "${kernels[0]}" ]; then
  echo "[=id]: the image must have exactly one kernel under /usr/lib/modules" >&2
  exit 1
fi
kver=${kernels[0]##*/}

# The kernel is the UKI's .linux section, not a file of the archive. /boot goes with it, and so does
# what the distribution's initrd generator made there for a root on a disk, which nothing uses.
rm -f -- "$images/vmlinuz"
in_root "/usr/lib/modules/$kver/vmlinuz"
if [ ! -e "$inroot" ]; then
  in_root "/boot/vmlinuz-$kver"
fi
cp -- "$inroot" "$images/vmlinuz"
for leftover in /boot /var/lib/initramfs-tools; do
  in_root "$leftover"
  if [ -d "$inroot" ]; then
    find "$inroot" -mindepth 1 -delete
  fi
done
# ldconfig's aux-cache records this machine's inode numbers and times: any package the build
# removed after the bootstrap rewrote it. ldconfig makes it again when it needs it (mmdebstrap
# removes it for the same reason).
in_root /var/cache/ldconfig/aux-cache nofollow
rm -f -- "$inroot"

# The UKI's EFI stub is the target's own, from its systemd-boot-efi, never this machine's.
in_root /usr/lib/systemd/boot/efi/linux[=efiArch].efi.stub
if [ ! -f "$inroot" ]; then
  echo "[=id]: the image has no EFI stub /usr/lib/systemd/boot/efi/linux[=efiArch].efi.stub (package [=stubPackage])" >&2
  exit 1
fi
cp -- "$inroot" "$WORK"/[=stubDir]/linux[=efiArch].efi.stub
<#if purgeStub>
# The stub was installed for the build only: it is not part of the OS.
# --log: its log line would carry the time of this build into the archive.
chroot "$rootfs" dpkg --log=/dev/null --purge [=stubPackage] >/dev/null
<#include "package-db.ftl">
</#if>
<#if modules?has_content>

# The root is in RAM: only the modules of `kernel { modules }` stay, with those they need.
if ! needed=$(chroot "$rootfs" modprobe --set-version "$kver" --show-depends -a <#list modules as m>[=m]<#sep> </#list> 2>&1); then
  echo "[=id]: kernel $kver cannot load the modules of kernel { modules }: $needed" >&2
  exit 1
fi
moddir=${kernels[0]}
declare -A keep=()
while read -r how path _; do
  if [ "$how" = insmod ]; then
    keep[${path##*/}]=1
  fi
done <<<"$needed"
while IFS= read -r -d '' module; do
  if [ -z "${keep[${module##*/}]:-}" ]; then
    rm -f -- "$module"
  fi
done < <(find "$moddir/kernel" -type f -name '*.ko*' -print0)
find "$moddir/kernel" -mindepth 1 -type d -empty -delete
chroot "$rootfs" depmod "$kver"
</#if>

# Without /dev mounted, tools in the chroot that write to /dev/null create a file there.
in_root /dev
if [ -d "$inroot" ]; then
  find "$inroot" -maxdepth 1 -type f -delete
fi

# The kernel runs /init from the archive: <#if init??>the spec's `initrd { init }`<#else>sysvinit's or systemd's /sbin/init</#if>.
<#if init??>
regular() {
  if [ ! -f "$1" ]; then
    echo "[=id]: $1 is not a regular file" >&2
    return 1
  fi
}
regular "$SPEC_DIR"/[=init]
in_root_new /init
install -m 0755 -- "$SPEC_DIR"/[=init] "$inroot"
<#else>
in_root_new /init
ln -s /sbin/init "$inroot"
</#if>

# The archive is the same for the same root: times no later than the source date (a file the
# build made now gets the source date), entries in one sorted order, owners as in the root, and
# cpio's --reproducible leaves out this machine's device and inode numbers.
find "$rootfs" -newermt "@$SOURCE_DATE_EPOCH" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" -- {} +
rm -f -- "$images/initrd.img"
(
  cd "$rootfs"
  find . -print0 | LC_ALL=C sort -z | cpio --null --create --format=newc --reproducible --quiet
) | [=compressor] >"$images/initrd.img"
