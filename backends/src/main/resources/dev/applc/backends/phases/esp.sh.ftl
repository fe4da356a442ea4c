[=prologue]
<#if fail??>

echo "[=id]: "[=fail] >&2
exit 1
<#else>
images="$WORK/images"

# The files of the ESP are staged in a folder with fixed time stamps, then copied into a FAT
# image with mtools: nothing is mounted.
staging="$WORK/esp"
rm -rf -- "$staging"
mkdir -p -- "$staging/EFI/BOOT" "$staging/EFI/Linux" "$staging/loader"
<#if bootloader == "systemd-boot">
rootfs="$WORK/rootfs"
<#include "in-root.ftl">
in_root /usr/lib/systemd/boot/efi/systemd-boot[=efiArch].efi
loader=$inroot
if [ ! -e "$loader" ]; then
  loader=/usr/lib/systemd/boot/efi/systemd-boot[=efiArch].efi
fi
if [ ! -e "$loader" ]; then
  echo "[=id]: no systemd-boot[=efiArch].efi: install systemd-boot-efi" >&2
  exit 1
fi
<#if key??>
<#include "sign-efi.ftl">
sign_efi --key "$KEYS"/[=key] --cert "$KEYS"/[=cert] --output "$staging/EFI/BOOT/BOOT[=efiArchUpper].EFI" "$loader"
<#else>
cp -- "$loader" "$staging/EFI/BOOT/BOOT[=efiArchUpper].EFI"
</#if>
<#if slotEntry??>
# RAUC's slots boot through boot loader entries, not from EFI/Linux: the first slot's kernel
# image and its entry, with all its tries; an update brings the other slot's.
mkdir -p -- "$staging"/[=slotEntry.folder] "$staging/loader/entries"
cp -- "$WORK"/[=slotEntry.file] "$staging"/[=slotEntry.target]
printf '%s\n' [=slotEntry.lines] >"$staging/loader/entries/"[=slotEntry.entry]
<#else>
<#list ukis as u>
cp -- "$WORK"/[=u.file] "$staging/EFI/Linux/"[=u.name]
</#list>
</#if>
printf '%s\n' [=loaderConf] >"$staging/loader/loader.conf"
<#else>
# No boot loader: the firmware starts the UKI itself.
cp -- "$WORK"/[=ukis[0].file] "$staging/EFI/BOOT/BOOT[=efiArchUpper].EFI"
</#if>
# FAT cannot store times before 1980.
stamp=$SOURCE_DATE_EPOCH
if [ "$stamp" -lt 315532800 ]; then
  stamp=315532800
fi
find "$staging" -exec touch -h -d "@$stamp" {} +

mkdir -p -- "$images"
<#if images?size gt 1>
# The same files in every ESP: the firmware boots the next one when the first does not load.
</#if>
<#list images as i>
rm -f -- "$WORK"/[=i.file]
truncate -s [=i.size] "$WORK"/[=i.file]
mkfs.vfat -F 32 -n [=i.label] -i [=i.volumeId] --invariant "$WORK"/[=i.file]
MTOOLS_SKIP_CHECK=1 mcopy -s -m -i "$WORK"/[=i.file] "$staging"/* ::/
</#list>
</#if>
