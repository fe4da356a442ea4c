[=prologue]
rootfs="$WORK/rootfs"

# Packages the spec removes from what the bootstrap installed. Removing a package that is
# already gone succeeds, so the phase can run again.
<#if distro == "debian">
chroot "$rootfs" apt-get purge --yes --allow-remove-essential [=packages]
<#elseif distro == "arch">
for package in [=packages]; do
  if pacman --root "$rootfs" -Q "$package" >/dev/null 2>&1; then
    pacman --root "$rootfs" -Rns --noconfirm "$package"
  fi
done
<#else>
apk --root "$rootfs" del [=packages]
</#if>
