[=prologue]
rootfs="$WORK/rootfs"
images="$WORK/images"
<#include "in-root.ftl">

mkdir -p -- "$images" "$WORK/uki"
<#if stubDir??>
# The EFI stub: the target's own, which 50-initrd took from its systemd-boot-efi.
stub="$WORK"/[=stubDir]/linux[=efiArch].efi.stub
if [ ! -f "$stub" ]; then
  echo "[=id]: no EFI stub at $stub: run 50-initrd first" >&2
  exit 1
fi
<#else>
# The EFI stub: the image's own if it has one, else this machine's (package systemd-boot-efi).
in_root /usr/lib/systemd/boot/efi/linux[=efiArch].efi.stub
stub=$inroot
if [ ! -e "$stub" ]; then
  stub=/usr/lib/systemd/boot/efi/linux[=efiArch].efi.stub
fi
if [ ! -e "$stub" ]; then
  echo "[=id]: no EFI stub linux[=efiArch].efi.stub: install systemd-boot-efi" >&2
  exit 1
fi
</#if>
<#include "pe-stamp.ftl">
<#if maxSize??>
<#include "max-size.ftl">
</#if>
<#if cert??>
<#include "sign-efi.ftl">
</#if>
in_root /usr/lib/os-release
if [ ! -e "$inroot" ]; then
  in_root /etc/os-release
fi
osrel=$inroot
<#list hashes as h>

# [=h.partition]: its root hash, and the partition UUIDs derived from it (the first and the last
# 128 bits, as the Discoverable Partitions Specification has it).
[=h.var]_hash=$(cat "$WORK"/[=h.roothash])
[=h.var]_data_uuid=$(echo "$[=h.var]_hash" | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
[=h.var]_hash_uuid=$(echo "$[=h.var]_hash" | sed -E 's/^.{32}(.{8})(.{4})(.{4})(.{4})(.{12})$/\1-\2-\3-\4-\5/')
</#list>

# Adds a section to the UKI being assembled at the next 64 KiB boundary after the last one.
sections=()
add_section() {
  local address
  address=$(( (next + 65535) / 65536 * 65536 ))
  sections+=(--add-section "$1=$2" --change-section-vma "$1=$(printf '0x%x' "$address")")
  next=$(( address + $(stat -c %s "$2") ))
}

# Where the stub's sections end: the added sections go after it.
stub_end=0
while read -r index _ size address _; do
  case "$index" in
    [0-9]*)
      end=$(( 0x$address + 0x$size ))
      if [ "$end" -gt "$stub_end" ]; then
        stub_end=$end
      fi
      ;;
  esac
done < <(objdump -h -w "$stub")
<#list ukis as u>

# [=u.what]
cmdline=$(head -n 1 "$CONFIG"/[=u.cmdline])
<#list hashes as h>
cmdline=${cmdline//@[=h.token]HASH@/$[=h.var]_hash}
cmdline=${cmdline//@[=h.token]_PARTUUID@/$[=h.var]_data_uuid}
cmdline=${cmdline//@[=h.token]_VERITY_PARTUUID@/$[=h.var]_hash_uuid}
</#list>
case "$cmdline" in
  *@[A-Z]*@*)
    echo "[=id]: the kernel command line still has a placeholder: $cmdline" >&2
    exit 1
    ;;
esac
printf '%s' "$cmdline" >"$WORK/uki/cmdline"
next=$stub_end
sections=()
add_section .osrel "$osrel"
add_section .cmdline "$WORK/uki/cmdline"
add_section .initrd "$images/initrd.img"
add_section .linux "$images/vmlinuz"
rm -f -- "$WORK"/[=u.file] "$WORK/uki/unsigned.efi"
objcopy "${sections[@]}" "$stub" "$WORK/uki/unsigned.efi"
pe_stamp "$WORK/uki/unsigned.efi"
<#if u.key??>
sign_efi --key "$KEYS"/[=u.key] --cert "$KEYS"/[=u.cert] --output "$WORK"/[=u.file] "$WORK/uki/unsigned.efi"
<#else>
mv -- "$WORK/uki/unsigned.efi" "$WORK"/[=u.file]
</#if>
</#list>
<#if cert??>

# Every UKI must verify against the certificate it was signed with. That certificate (only the
# public half) goes beside the images, for a firmware's db: `applc vm --secure-boot` enrolls it.
<#list ukis as u>
sbverify --cert "$KEYS"/[=cert] "$WORK"/[=u.file]
</#list>
cp -- "$KEYS"/[=cert] "$WORK"/[=publishedCert]
</#if>
<#if maxSize??>

<#list ukis as u>
within_budget "$WORK"/[=u.file]
</#list>
</#if>
