#!/bin/sh
[=header]
#
# The bundle's hook: RAUC runs it after it wrote each image that names it (`hooks=post-install`).
# After the root of a slot it puts that slot's unified kernel image, which carries the new
# root's verity hash, onto the ESP as [=ukiFolder]/SLOT.efi: kernel, initrd and command line come
# with the root they belong to. RAUC marked the slot bad before writing it and makes it primary
# only after every image and this hook succeeded, so a half-copied image is never booted.
set -eu

case "$1" in
  slot-post-install) ;;
  *) exit 0 ;;
esac
[ "$RAUC_SLOT_CLASS" = [=bootClassWord] ] || exit 0

case "$RAUC_SLOT_BOOTNAME" in
<#list slots as slot>
  [=slot.bootnameWord]) id=[=slot.idWord] ;;
</#list>
  *)
    echo "unknown slot '$RAUC_SLOT_BOOTNAME'" >&2
    exit 1
    ;;
esac
source="$RAUC_BUNDLE_MOUNT_POINT/uki-$id.efi"
folder=[=espWord][=ukiFolderWord]
target="$folder/$id.efi"
mkdir -p -- "$folder"
cp -- "$source" "$target.new"
sync -f "$target.new"
mv -f -- "$target.new" "$target"
sync -f "$folder"
