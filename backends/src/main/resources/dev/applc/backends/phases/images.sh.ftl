[=prologue]
<#if fail??>

echo "[=id]: "[=fail] >&2
exit 1
<#else>
rootfs="$WORK/rootfs"
images="$WORK/images"

mkdir -p -- "$images"
# mkfs.ext4 takes its time stamps from here (e2fsprogs 1.47.0 does not read SOURCE_DATE_EPOCH);
# to it 0 means "now", so a source date of 0 becomes one second later.
export E2FSPROGS_FAKE_TIME=$((SOURCE_DATE_EPOCH > 0 ? SOURCE_DATE_EPOCH : 1))

# Fails unless an image fits the partition it is for.
fits() {
  local size
  size=$(stat -c %s "$1")
  if [ "$size" -gt "$2" ]; then
    echo "[=id]: $1 is $size bytes, more than the $2 bytes of partition $3: make the partition bigger in the spec" >&2
    return 1
  fi
}
<#list entries as e>

# Partition [=e.partition]: [=e.what].
<#if e.fail??>
echo "[=id]: "[=e.fail] >&2
exit 1
<#else>
rm -f -- "$WORK"/[=e.file]
<#if e.kind == "squashfs">
# mksquashfs reads SOURCE_DATE_EPOCH itself: it is the time of the image and of every file.
mksquashfs [=e.source] "$WORK"/[=e.file] -noappend -no-progress [=e.compression]
<#elseif e.kind == "erofs">
mkfs.erofs [=e.compression] -T"$SOURCE_DATE_EPOCH" -U [=e.uuid] "$WORK"/[=e.file] [=e.source]
<#elseif e.kind == "ext4">
mkfs.ext4 -q -F<#if e.label??> -L [=e.label]</#if> -U [=e.uuid] -E hash_seed=[=e.uuid],root_owner=0:0 \
  <#if e.source??>-d [=e.source] </#if>"$WORK"/[=e.file] [=e.kib]k
<#elseif e.kind == "vfat">
truncate -s [=e.size] "$WORK"/[=e.file]
mkfs.vfat -F 32<#if e.label??> -n [=e.label]</#if> -i [=e.volumeId] --invariant "$WORK"/[=e.file]
<#if e.source??>
MTOOLS_SKIP_CHECK=1 mcopy -s -m -i "$WORK"/[=e.file] [=e.source]/* ::/
</#if>
<#elseif e.kind == "btrfs">
truncate -s [=e.size] "$WORK"/[=e.file]
mkfs.btrfs -q<#if e.label??> -L [=e.label]</#if> -U [=e.uuid]<#if e.source??> --rootdir [=e.source]</#if> "$WORK"/[=e.file]
<#elseif e.kind == "swap">
truncate -s [=e.size] "$WORK"/[=e.file]
mkswap -U [=e.uuid] "$WORK"/[=e.file]
</#if>
fits "$WORK"/[=e.file] [=e.max] [=e.partitionWord]
</#if>
</#list>
</#if>
