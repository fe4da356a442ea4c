[=prologue]
rootfs="$WORK/rootfs"
<#include "in-root.ftl">
<#include "in-root-new.ftl">

# The host name, and an empty machine id: a read-only root gets a fresh one at every boot.
in_root_new /etc/hostname
printf '%s\n' [=hostname] >"$inroot"
in_root_new /etc/machine-id
: >"$inroot"

# The image's id and version in os-release: systemd-sysupdate tells the installed version by
# IMAGE_VERSION, and the UKI's .osrel section is made from this file. Lines from an earlier run
# (or from the distribution) are replaced, not repeated.
in_root /usr/lib/os-release
if [ ! -e "$inroot" ]; then
  in_root /etc/os-release
fi
if [ ! -e "$inroot" ]; then
  in_root_new /usr/lib/os-release
  : >"$inroot"
fi
sed -i -e '/^IMAGE_ID=/d' -e '/^IMAGE_VERSION=/d' -- "$inroot"
printf '%s\n'<#list osRelease as l> [=l]</#list> >>"$inroot"
<#if mountPoints?has_content>

# Mount points: a read-only root cannot have them made at boot, and a mount without its folder
# fails (with everything that needs it, such as local-fs.target).
<#list mountPoints as d>
in_root [=d]
mkdir -p -- "$inroot"
</#list>
</#if>
<#if groups?has_content || users?has_content>

# The numeric id of a user or group in the image's databases.
id_in() {
  local id
  in_root "/etc/$2"
  id=$(awk -F: -v name="$1" '$1 == name { print $3 }' "$inroot")
  if [ -z "$id" ]; then
    echo "[=id]: no $1 in the image's /etc/$2" >&2
    return 1
  fi
  echo "$id"
}
</#if>
<#if groups?has_content>

# Groups the users join (shadow's --root: the image's databases, this machine's tools).
<#list groups as g>
groupadd --root "$rootfs" --system --force -- [=g]
</#list>
</#if>
<#if users?has_content>

# Users.
<#list users as u>
in_root /etc/passwd
if ! cut -d: -f1 "$inroot" | grep -qxF -- [=u.name]; then
  useradd --root "$rootfs"<#if u.system> --system<#else> --create-home</#if><#if u.uid??> --uid [=u.uid]</#if> --home-dir [=u.home] --shell [=u.shell]<#if u.groups??> --groups [=u.groups]</#if> -- [=u.name]
fi
</#list>
</#if>
<#if owned?has_content>

# Owners of the spec's files.
<#list owned as f>
owner="$(id_in [=f.owner] passwd):$(id_in [=f.group] group)"
in_root [=f.path] nofollow
chown --no-dereference -- "$owner" "$inroot"
</#list>
</#if>
<#if systemd>

# Units: build/systemd/*.list of the config tree say what to enable (by the presets applc
# generated), what to mask and the default target.
units() {
  sed -e '/^#/d' -e '/^[[:space:]]*$/d' "$CONFIG/build/systemd/$1.list"
}
while read -r unit; do
  systemctl --root="$rootfs" preset -- "$unit"
done < <(units enable)
while read -r unit; do
  systemctl --root="$rootfs" mask -- "$unit"
done < <(units mask)
while read -r unit; do
  systemctl --root="$rootfs" set-default -- "$unit"
done < <(units default-target)
</#if>
<#if hooks?has_content>

# The spec's post-install scripts, run in the image.
<#list hooks as h>
in_root_new /applc-post-install
install -m 0755 -- "$SPEC_DIR"/[=h] "$inroot"
chroot "$rootfs" /applc-post-install
rm -f -- "$inroot"
</#list>
</#if>
<#if factoryEtc>

# The factory /etc that a fresh or reset root is filled from.
in_root /usr/share/factory/etc nofollow
rm -rf -- "$inroot"
in_root /usr/share/factory/etc
mkdir -p -- "$inroot"
factory=$inroot
in_root /etc
cp -a -- "$inroot/." "$factory/"
</#if>
<#include "package-db.ftl">
