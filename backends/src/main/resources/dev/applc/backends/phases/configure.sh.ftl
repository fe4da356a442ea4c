[=prologue]
rootfs="$WORK/rootfs"

# The host name, and an empty machine id: a read-only root gets a fresh one at every boot.
printf '%s\n' [=hostname] >"$rootfs/etc/hostname"
: >"$rootfs/etc/machine-id"
<#if groups?has_content || users?has_content>

# The numeric id of a user or group in the image's databases.
id_in() {
  local id
  id=$(awk -F: -v name="$1" '$1 == name { print $3 }' "$rootfs/etc/$2")
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
if ! cut -d: -f1 "$rootfs/etc/passwd" | grep -qxF -- [=u.name]; then
  useradd --root "$rootfs"<#if u.system> --system<#else> --create-home</#if><#if u.uid??> --uid [=u.uid]</#if> --home-dir [=u.home] --shell [=u.shell]<#if u.groups??> --groups [=u.groups]</#if> -- [=u.name]
fi
</#list>
</#if>
<#if owned?has_content>

# Owners of the spec's files.
<#list owned as f>
chown -- "$(id_in [=f.owner] passwd):$(id_in [=f.group] group)" "$rootfs"[=f.path]
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
install -m 0755 -- "$SPEC_DIR"/[=h] "$rootfs/applc-post-install"
chroot "$rootfs" /applc-post-install
rm -f -- "$rootfs/applc-post-install"
</#list>
</#if>
<#if factoryEtc>

# The factory /etc that a fresh or reset root is filled from.
rm -rf -- "$rootfs/usr/share/factory/etc"
mkdir -p -- "$rootfs/usr/share/factory/etc"
cp -a -- "$rootfs/etc/." "$rootfs/usr/share/factory/etc/"
</#if>
