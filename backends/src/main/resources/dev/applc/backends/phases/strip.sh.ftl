[=prologue]
rootfs="$WORK/rootfs"
<#if paths?has_content>

# Removes what one of the spec's patterns matches in the image. The pattern's `*`, `?` and
# `[...]` match inside the image only; nothing else in it is special.
strip_path() {
  local IFS=
  local -a matches
  shopt -s nullglob dotglob
  # shellcheck disable=SC2206 # the pattern is meant to expand
  matches=("$rootfs"$1)
  shopt -u nullglob dotglob
  if [ "${#matches[@]}" -gt 0 ]; then
    rm -rf -- "${matches[@]}"
  fi
}
<#list paths as p>
strip_path [=p]
</#list>
</#if>
<#if firmware?has_content>

# Firmware: only the listed folders and files of /usr/lib/firmware stay.
firmware="$rootfs/usr/lib/firmware"
if [ -d "$firmware" ]; then
  keep="$WORK/firmware-keep"
  rm -rf -- "$keep"
  mkdir -p -- "$keep"
  for name in [=firmware]; do
    if [ -e "$firmware/$name" ]; then
      mv -- "$firmware/$name" "$keep/"
    fi
  done
  rm -rf -- "$firmware"
  mv -- "$keep" "$firmware"
fi
</#if>
