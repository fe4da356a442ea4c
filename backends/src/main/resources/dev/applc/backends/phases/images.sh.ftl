[=prologue]
<#if fail??>

echo "[=id]: "[=fail] >&2
exit 1
<#else>
rootfs="$WORK/rootfs"
images="$WORK/images"
<#if needsInRoot??>
<#include "in-root.ftl">
</#if>

mkdir -p -- "$images"
# mkfs.ext4 takes its time stamps from here (e2fsprogs 1.47.0 does not read SOURCE_DATE_EPOCH);
# to it 0 means "now", so a source date of 0 becomes one second later.
export E2FSPROGS_FAKE_TIME=$((SOURCE_DATE_EPOCH > 0 ? SOURCE_DATE_EPOCH : 1))

# Gives every file, folder and link under a tree the source date, for the tools that copy each
# file's own times into the image (mkfs.ext4 -d, mkfs.btrfs --rootdir). find does not follow
# links and touch -h sets a link's own times, so nothing outside the tree is touched; running it
# again sets the same times, so the phase can still run again. A file's change time cannot be set:
# ext4 and btrfs keep the one of this build.
stamp_tree() {
  find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

# A copy of a folder of the spec with the source date on every file: the spec stays as it is.
stamped_copy() {
  rm -rf -- "$2"
  mkdir -p -- "$2"
  cp -a -- "$1"/. "$2"/
  stamp_tree "$2"
}

# Runs mcopy at the source date (FAT cannot store times before 1980), so that every file and
# folder it writes has that time; without faketime they have the time of this build.
at_fat_source_date() {
  local stamp=$SOURCE_DATE_EPOCH
  if [ "$stamp" -lt 315532800 ]; then
    stamp=315532800
  fi
  if command -v faketime >/dev/null; then
    TZ=UTC MTOOLS_SKIP_CHECK=1 faketime -f "$(date -u -d "@$stamp" '+%Y-%m-%d %H:%M:%S')" "$@"
  else
    echo "[=id]: faketime is not installed: the files of the FAT images have the time of this build" >&2
    MTOOLS_SKIP_CHECK=1 "$@"
  fi
}

# Fails unless an image fits the partition it is for.
fits() {
  local size
  size=$(stat -c %s "$1")
  if [ "$size" -gt "$2" ]; then
    echo "[=id]: $1 is $size bytes, more than the $2 bytes of partition $3: make the partition bigger in the spec" >&2
    return 1
  fi
}
<#if maxSize??>
<#include "max-size.ftl">
</#if>
<#-- The tree an ext4 or btrfs image is made from, with the source date on every file. -->
<#macro stamp e>
<#if e.source??>
<#if e.fromSpec??>
stamped_copy [=e.source] "$WORK"/stamped/[=e.file]
<#else>
stamp_tree [=e.source]
</#if>
</#if>
</#macro>
<#macro from e><#if e.fromSpec??>"$WORK"/stamped/[=e.file]<#else>[=e.source]</#if></#macro>
<#list entries as e>

# Partition [=e.partition]: [=e.what].
<#if e.fail??>
echo "[=id]: "[=e.fail] >&2
exit 1
<#else>
rm -f -- "$WORK"/[=e.file]
<#if e.kind == "squashfs">
# The source date is the time of the image and of every file. mksquashfs 4.5.1 given
# SOURCE_DATE_EPOCH only moves later times back to it (an older file keeps its own), and refuses
# -all-time while it is set.
env -u SOURCE_DATE_EPOCH mksquashfs [=e.source] "$WORK"/[=e.file] -noappend -no-progress [=e.compression] \
  -mkfs-time "$SOURCE_DATE_EPOCH" -all-time "$SOURCE_DATE_EPOCH"
<#elseif e.kind == "erofs">
# -T: the time of the image and of every file.
mkfs.erofs [=e.compression] -T"$SOURCE_DATE_EPOCH" -U [=e.uuid] "$WORK"/[=e.file] [=e.source]
<#elseif e.kind == "ext4">
<@stamp e=e/>
mkfs.ext4 -q -F<#if e.label??> -L [=e.label]</#if> -U [=e.uuid] -E hash_seed=[=e.uuid],root_owner=0:0 \
  <#if e.source??>-d <@from e=e/> </#if>"$WORK"/[=e.file] [=e.kib]k
<#elseif e.kind == "vfat">
truncate -s [=e.size] "$WORK"/[=e.file]
mkfs.vfat -F 32<#if e.label??> -n [=e.label]</#if> -i [=e.volumeId] --invariant "$WORK"/[=e.file]
<#if e.source??>
at_fat_source_date mcopy -s -i "$WORK"/[=e.file] [=e.source]/* ::/
</#if>
<#elseif e.kind == "btrfs" && e.subvolumes??>
# Each subvolume is a folder of the tree mkfs.btrfs copies in (--subvol, btrfs-progs 6.12 and
# later): the root's holds a linked copy of the root file system, the others start empty.
tree="$WORK/subvolumes/"[=e.partitionWord]
rm -rf -- "$tree"
<#list e.subvolumes as v>
mkdir -p -- "$tree"/[=v.name]
<#if v.root>
cp -al -- "$rootfs"/. "$tree"/[=v.name]/
</#if>
</#list>
stamp_tree "$tree"
# Whether a mkfs.btrfs (the command given) has --subvol. Its help is read whole: grep -q would
# stop reading early, and under pipefail the writer's broken pipe would count as a failure.
has_subvol() {
  local help
  help=$("$@" --help 2>&1 || true)
  [[ $help == *--subvol* ]]
}
mkfs_btrfs=(mkfs.btrfs)
if ! has_subvol mkfs.btrfs; then
  # This machine's btrfs-progs is older: the image's own mkfs.btrfs runs, through the image's
  # dynamic loader and libraries (no chroot, nothing mounted).
  in_root /usr/sbin/mkfs.btrfs
  tool=$inroot
  in_root [=e.loader]
  loader=$inroot
  in_root [=e.libraries]
  libraries=$inroot
  if [ ! -x "$tool" ] || [ ! -e "$loader" ] || ! has_subvol "$loader" --library-path "$libraries" "$tool"; then
    echo "[=id]: btrfs subvolumes need mkfs.btrfs --subvol (btrfs-progs 6.12 or later), on this machine or in the image (package btrfs-progs)" >&2
    exit 1
  fi
  mkfs_btrfs=("$loader" --library-path "$libraries" "$tool")
fi
truncate -s [=e.size] "$WORK"/[=e.file]
"${mkfs_btrfs[@]}" -q<#if e.label??> -L [=e.label]</#if> -U [=e.uuid] --rootdir "$tree"<#list e.subvolumes as v> --subvol [=v.type]:[=v.name]</#list> "$WORK"/[=e.file]
rm -rf -- "$tree"
<#elseif e.kind == "btrfs">
<@stamp e=e/>
truncate -s [=e.size] "$WORK"/[=e.file]
mkfs.btrfs -q<#if e.label??> -L [=e.label]</#if> -U [=e.uuid]<#if e.source??> --rootdir <@from e=e/></#if> "$WORK"/[=e.file]
<#elseif e.kind == "swap">
truncate -s [=e.size] "$WORK"/[=e.file]
mkswap -U [=e.uuid] "$WORK"/[=e.file]
</#if>
fits "$WORK"/[=e.file] [=e.max] [=e.partitionWord]
<#if maxSize?? && e.osImage??>
within_budget "$WORK"/[=e.file]
</#if>
</#if>
</#list>
</#if>
