[=prologue]
<#list hashes as h>

# [=h.partition]'s verity partitions are found by UUIDs derived from its root hash<#if h.signed>; the signature
# partition's is derived from it too, so that no two versions share a partition UUID.<#else>.</#if>
[=h.var]_hash=$(cat "$WORK"/[=h.roothash])
[=h.var]_data_uuid=$(echo "$[=h.var]_hash" | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
[=h.var]_hash_uuid=$(echo "$[=h.var]_hash" | sed -E 's/^.{32}(.{8})(.{4})(.{4})(.{4})(.{12})$/\1-\2-\3-\4-\5/')
<#if h.signed>
[=h.var]_sig_uuid=$(printf '%s' "$[=h.var]_hash" | sha256sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
</#if>
</#list>

# Build-time partition definitions: only what systemd-repart can do without loop devices or
# mounts (CopyBlocks= of the images made before, fixed sizes and UUIDs). The device's own
# definitions are in the image, under /usr/lib/repart.d.
definitions="$WORK/repart.d"
rm -rf -- "$definitions"
mkdir -p -- "$definitions"
<#list partitions as p>
printf '%s\n' \
  '[Partition]' \
<#list p.lines as l>
  [=l] \
</#list>
  >"$definitions"/[=p.file]
</#list>

rm -f -- "$WORK"/[=disk]
<#if firstLba??>
# The first partition starts at [=start] bytes, after the board's u-boot environment. systemd-repart
# starts where the partition table's first usable sector is: sfdisk writes an empty table with it.
truncate -s [=size] "$WORK"/[=disk]
printf '%s\n' 'label: gpt' 'label-id: [=labelId]' 'first-lba: [=firstLba]' |
  sfdisk --quiet --no-reread --no-tell-kernel "$WORK"/[=disk]
systemd-repart --no-pager --empty=allow --dry-run=no --seed=[=seed] \
  --definitions="$definitions" "$WORK"/[=disk]
<#else>
systemd-repart --no-pager --empty=create --size=auto --dry-run=no --seed=[=seed] \
  --definitions="$definitions" "$WORK"/[=disk]
</#if>
