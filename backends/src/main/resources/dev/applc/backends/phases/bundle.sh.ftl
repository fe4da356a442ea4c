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
<#if signingKey??>

# SHA256SUMS.gpg, the detached signature systemd-sysupdate checks against the device's
# keyring. The secret key is imported only into a gpg home of this phase's own (mode 0700,
# outside WORK, removed on exit with its agent), never into the work or output folders. gpg
# signs at SOURCE_DATE_EPOCH, or at the key's date when that is later (gpg rejects a signature
# older than its key); an RSA PKCS#1 v1.5 signature has no randomness, so the same inputs give
# the same bytes.
gnupg=$(mktemp -d)
trap 'gpgconf --homedir "$gnupg" --kill all >/dev/null 2>&1 || true; rm -rf -- "$gnupg"' EXIT
chmod 0700 -- "$gnupg"
if [ ! -f "$KEYS"/[=signingKey] ]; then
  echo "[=id]: the signing key $KEYS/"[=signingKey]" is not a regular file" >&2
  exit 1
fi
gpg --homedir "$gnupg" --batch --quiet --import <"$KEYS"/[=signingKey]
signer=$(gpg --homedir "$gnupg" --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')
created=$(gpg --homedir "$gnupg" --batch --with-colons --list-secret-keys | awk -F: '$1 == "sec" { print $6; exit }')
signed_at=$((SOURCE_DATE_EPOCH > created ? SOURCE_DATE_EPOCH : created))
gpg --homedir "$gnupg" --batch --quiet --faked-system-time "$signed_at!" --local-user "$signer" --detach-sign --output "$update/SHA256SUMS.gpg.new" "$update/SHA256SUMS"
mv -- "$update/SHA256SUMS.gpg.new" "$update/SHA256SUMS.gpg"
</#if>
