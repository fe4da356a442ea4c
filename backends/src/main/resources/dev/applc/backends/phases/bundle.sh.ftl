[=prologue]
<#if rauc>

# The RAUC bundle: the manifest applc generated and the slot images, named as the manifest
# names them, signed with the spec's signing key.
bundle="$WORK/bundle"
rm -rf -- "$bundle"
mkdir -p -- "$bundle"
cp -- "$CONFIG/bundle/manifest.raucm" "$bundle/"
<#if hook??>
install -m 0755 -- "$CONFIG/bundle/"[=hook] "$bundle/"[=hook]
</#if>
<#list images as i>
cp -- "$WORK"/[=i.file] "$bundle"/[=i.name]
</#list>
rm -f -- "$WORK"/[=output]
rauc bundle --cert="$KEYS"/[=cert] --key="$KEYS"/[=key] "$bundle" "$WORK"/[=output]
<#if casync>

# The casync variant, for delta downloads: `rauc convert` checks the bundle against the keyring,
# replaces each image by a casync index and writes the chunks to the .castr folder beside the new
# bundle, where RAUC fetches them; a device downloads only the chunks it has in no slot.
rm -rf -- "$WORK"/[=casyncBundle] "$WORK"/[=casyncStore]
rauc convert --cert="$KEYS"/[=cert] --key="$KEYS"/[=key] --keyring="$KEYS"/[=keyring] "$WORK"/[=output] "$WORK"/[=casyncBundle]
</#if>
</#if>
<#if sysupdate>

# systemd-sysupdate artifacts: versioned, compressed partition images, the UKI and SHA256SUMS.
# UUIDs in the names are the partitions' on the built disk.
update="$WORK"/[=updateDir]
rm -rf -- "$update"
mkdir -p -- "$update"
<#list hashes as h>
[=h.var]_hash=$(cat "$WORK"/[=h.roothash])
[=h.var]_data_uuid=$(echo "$[=h.var]_hash" | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
[=h.var]_hash_uuid=$(echo "$[=h.var]_hash" | sed -E 's/^.{32}(.{8})(.{4})(.{4})(.{4})(.{12})$/\1-\2-\3-\4-\5/')
<#if h.signed>
[=h.var]_sig_uuid=$(printf '%s' "$[=h.var]_hash" | sha256sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
</#if>
</#list>
<#list artifacts as a>
[=a.compress] <"$WORK"/[=a.file] >"$update/"[=a.name]
</#list>
(cd "$update" && sha256sum -- * >../SHA256SUMS.new)
mv -- "$update/../SHA256SUMS.new" "$update/SHA256SUMS"
</#if>
