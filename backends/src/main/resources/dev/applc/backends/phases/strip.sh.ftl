[=prologue]
rootfs="$WORK/rootfs"
<#include "in-root.ftl">
<#if paths?has_content>

# Removes what one of the spec's patterns matches in the image. The pattern is expanded one
# component at a time inside the image: `*`, `?` and `[...]` match names in one folder (hidden
# ones too) and nothing else in it is special; a folder reached is resolved by in_root, so a link
# on the way leads inside the image; what the last component matches is removed itself, a link
# and not its target. A match named `.` or `..` is dropped, whatever bash's globskipdots says
# (before bash 5.2, `.[.]` matched `..` and a pattern could climb out of the image).
strip_path() {
  local IFS= pattern=${1#/} part dir match name last=""
  local -a dirs=("") next matches
  while [ "${pattern%/}" != "$pattern" ]; do
    pattern=${pattern%/}
  done
  while [ -z "$last" ]; do
    part=${pattern%%/*}
    if [ "$part" = "$pattern" ]; then
      last=yes
    else
      pattern=${pattern#*/}
    fi
    case "$part" in
      "") continue ;;
      . | ..)
        echo "[=id]: the strip pattern $1 has a \`$part\` component" >&2
        return 1
        ;;
    esac
    next=()
    for dir in "${dirs[@]}"; do
      shopt -s nullglob dotglob
      # shellcheck disable=SC2206 # the component is meant to expand
      matches=("$rootfs$dir"/$part)
      shopt -u nullglob dotglob
      for match in "${matches[@]}"; do
        name=${match##*/}
        if [ "$name" = . ] || [ "$name" = .. ] || { [ ! -e "$match" ] && [ ! -L "$match" ]; }; then
          continue
        fi
        if [ -n "$last" ]; then
          rm -rf -- "$match"
        else
          in_root "$dir/$name"
          if [ -d "$inroot" ]; then
            next+=("${inroot#"$rootfs"}")
          fi
        fi
      done
    done
    dirs=("${next[@]}")
  done
}
<#list paths as p>
strip_path [=p]
</#list>
</#if>
<#if firmware?has_content>

# Firmware: only the listed folders and files of /usr/lib/firmware stay.
in_root /usr/lib/firmware
firmware=$inroot
if [ -d "$firmware" ]; then
  keep="$WORK/firmware-keep"
  rm -rf -- "$keep"
  mkdir -p -- "$keep"
  for name in [=firmware]; do
    if [ -e "$firmware/$name" ] || [ -L "$firmware/$name" ]; then
      mv -- "$firmware/$name" "$keep/"
    fi
  done
  rm -rf -- "$firmware"
  mv -- "$keep" "$firmware"
fi
</#if>
