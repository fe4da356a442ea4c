[=prologue]
rootfs="$WORK/rootfs"
<#if overlays?has_content>

# The spec's overlay folders, in order: a later one wins. Files belong to root in the image,
# whoever owns them here.
<#list overlays as o>
cp -a --no-preserve=ownership -- "$SPEC_DIR"/[=o]/. "$rootfs/"
</#list>
</#if>

# The files applc generated for the image (partition definitions, units, presets, fstab...).
cp -a --no-preserve=ownership -- "$CONFIG/rootfs/." "$rootfs/"
<#if files?has_content>

# Files the spec writes, with their modes; owners other than root are set by the configure
# phase, once the users exist.
<#list files as f>
install -d -m 0755 -- "$rootfs"[=f.dir]
<#if f.source??>
install -m [=f.mode] -- "$SPEC_DIR"/[=f.source] "$rootfs"[=f.path]
<#else>
printf '%s' [=f.content] >"$rootfs"[=f.path]
chmod -- [=f.mode] "$rootfs"[=f.path]
</#if>
</#list>
</#if>
<#if keyring??>

# The certificate RAUC checks bundles against on the device (system.conf's [keyring] path).
install -D -m 0644 -- "$KEYS"/[=keyring] "$rootfs"[=keyringTarget]
</#if>
