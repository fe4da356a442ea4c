[=prologue]
images="$WORK/images"

mkdir -p -- "$images"
<#list entries as e>

# dm-verity of [=e.partition]: the hash tree, and the root hash the kernel command line gets.
# A fixed salt and UUID make the same image give the same root hash.
rm -f -- "$WORK"/[=e.hash] "$WORK"/[=e.roothash]
veritysetup format --salt=[=e.salt] --uuid=[=e.uuid] --root-hash-file="$WORK"/[=e.roothash] \
  "$WORK"/[=e.data] "$WORK"/[=e.hash]
size=$(stat -c %s "$WORK"/[=e.hash])
if [ "$size" -gt [=e.hashMax] ]; then
  echo "[=id]: the verity hash tree of "[=e.partitionWord]" is $size bytes, more than its partition's [=e.hashMax]" >&2
  exit 1
fi
<#if e.sig??>

# The root hash signed (PKCS#7, detached) and wrapped as systemd reads a verity signature
# partition: JSON, padded with zeros to a multiple of 4096 bytes.
rm -f -- "$WORK"/[=e.sig]
signature=$(openssl smime -sign -nocerts -noattr -binary -in "$WORK"/[=e.roothash] \
  -inkey "$KEYS"/[=e.key] -signer "$KEYS"/[=e.cert] -outform der | base64 -w 0)
fingerprint=$(openssl x509 -in "$KEYS"/[=e.cert] -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr 'A-F' 'a-f')
printf '{"rootHash":"%s","certificateFingerprint":"%s","signature":"%s"}\n' \
  "$(cat "$WORK"/[=e.roothash])" "$fingerprint" "$signature" >"$WORK"/[=e.sig]
truncate -s %4096 "$WORK"/[=e.sig]
</#if>
</#list>
