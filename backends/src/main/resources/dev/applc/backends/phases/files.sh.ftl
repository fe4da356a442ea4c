[=prologue]
rootfs="$WORK/rootfs"
<#include "in-root.ftl">
<#include "in-root-new.ftl">

# The compiler refuses inputs that are not regular files or folders (APL0407); the phase checks
# again when it copies, since the files may have changed since: a device (a link to /dev/zero)
# would be read without end, a FIFO would block the build.
regular_source() {
  if [ ! -f "$1" ]; then
    echo "[=id]: $1 is not a regular file (a device, FIFO, socket or missing file)" >&2
    return 1
  fi
}

# Copies a folder's entries over the image one at a time, each through in_root. A folder merges
# with the image's folder of that path (a link to a folder is followed inside the image) and
# takes the mode of its source; anything else replaces what the image has at its path, a link
# included, instead of writing through it. Files belong to root in the image, whoever owns them
# here, so set-user-ID and set-group-ID bits are dropped: they would give the owner's rights to
# whoever runs the file on the device.
copy_in() {
  local source=$1 entry
  local -a entries
  mapfile -d '' -t entries < <(find "$source/" -mindepth 1 -printf '%P\0')
  wait "$!"
  for entry in "${entries[@]}"; do
    if [ -d "$source/$entry" ] && [ ! -L "$source/$entry" ]; then
      in_root "/$entry"
      if [ ! -d "$inroot" ]; then
        if [ -e "$inroot" ]; then
          echo "[=id]: /$entry is a folder in $source but not in the image" >&2
          return 1
        fi
        mkdir -p -- "$inroot"
      fi
      chmod --reference="$source/$entry" -- "$inroot"
    else
      if [ ! -L "$source/$entry" ]; then
        regular_source "$source/$entry"
      fi
      in_root_new "/$entry"
      cp -a --no-preserve=ownership -- "$source/$entry" "$inroot"
      if [ -f "$inroot" ] && [ ! -L "$inroot" ]; then
        chmod ug-s -- "$inroot"
      fi
    fi
  done
}
<#if overlays?has_content>

# The spec's overlay folders, in order: a later one wins.
<#list overlays as o>
copy_in "$SPEC_DIR"/[=o]
</#list>
</#if>

# The files applc generated for the image (partition definitions, units, presets, fstab...).
copy_in "$CONFIG/rootfs"
<#if files?has_content>

# Files the spec writes, with their modes; owners other than root are set by the configure
# phase, once the users exist. A link already at the path is replaced, not written through.
<#list files as f>
in_root_new [=f.path]
<#if f.source??>
regular_source "$SPEC_DIR"/[=f.source]
install -m [=f.mode] -- "$SPEC_DIR"/[=f.source] "$inroot"
<#else>
printf '%s' [=f.content] >"$inroot"
chmod -- [=f.mode] "$inroot"
</#if>
</#list>
</#if>
<#if keyring??>

# The certificate RAUC checks bundles against on the device (system.conf's [keyring] path).
in_root_new [=keyringTarget]
regular_source "$KEYS"/[=keyring]
install -m 0644 -- "$KEYS"/[=keyring] "$inroot"
</#if>
<#if pubring??>

# The OpenPGP keys systemd-sysupdate's gpg checks SHA256SUMS.gpg against: a binary keyring, the
# dearmored public keys one after another. sysupdate prefers this file to the distribution's
# /usr/lib/systemd/import-pubring.gpg, which trusts other vendors' keys. gpg runs in a home of
# its own, removed when the phase ends, so that it neither reads nor creates the builder's.
<#list pubring as k>
regular_source "$KEYS"/[=k]
</#list>
gnupg=$(mktemp -d)
trap 'rm -rf -- "$gnupg"' EXIT
in_root_new [=pubringTarget]
{
<#list pubring as k>
  gpg --homedir "$gnupg" --batch --dearmor <"$KEYS"/[=k]
</#list>
} >"$inroot"
chmod 0644 -- "$inroot"
</#if>
