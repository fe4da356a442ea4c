#!/bin/bash
[=header]
#
# RAUC's boot-loader backend for systemd-boot (system.conf: bootloader=custom). RAUC calls it
# with get-primary, set-primary SLOT, get-state SLOT, set-state SLOT good|bad and get-current.
#
# Each slot boots from one Boot Loader Specification entry on the ESP,
#   [=esp]/loader/entries/[=prefix]-GEN-SLOT+LEFT-DONE.conf
# which starts that slot's unified kernel image [=esp][=ukiFolder]/SLOT.efi. systemd-boot
# takes the first entry in its order: entries with no tries left (+0) last, then the highest
# GEN. So:
#   - set-primary gives the slot the next GEN and [=tries] tries;
#   - systemd-boot counts a try down at every boot (+3 becomes +2-1);
#   - set-state good gives the booted slot its [=tries] tries back (RAUC's mark-good, once the
#     boot is good), set-state bad takes them all;
#   - a slot that used up its tries without being marked good sorts last, and the other slot
#     boots: that is the rollback, whether the kernel panicked, dm-verity found a changed
#     block or the health check failed.
# Every boot counts, also on a slot that was good before, as RAUC's u-boot integration
# counts BOOT_x_LEFT: a root that gets damaged later still falls back.
# Every change is one rename (or one new file) on the ESP, synced before the next.
set -euo pipefail

esp=${APPLC_ESP:-[=esp]}
entries=$esp/loader/entries
prefix=[=prefixWord]
tries=[=tries]
uki_folder=[=ukiFolderWord]

fail() {
  echo "applc-systemd-boot: $*" >&2
  exit 1
}

# The entry id of a RAUC bootname, and back.
slot_id() {
  case "$1" in
<#list slots as slot>
    [=slot.bootnameWord]) id=[=slot.idWord] ;;
</#list>
    *) fail "unknown slot '$1'" ;;
  esac
}
bootname() {
  case "$1" in
<#list slots as slot>
    [=slot.idWord]) echo [=slot.bootnameWord] ;;
</#list>
  esac
}
ids=(<#list slots as slot>[=slot.idWord]<#sep> </#sep></#list>)

# entry ID: sets file (empty if the slot has no entry), gen, left (-1: not counted) and tried.
entry() {
  local found name rest counter
  file="" gen=0 left=-1 tried=0
  shopt -s nullglob
  found=("$entries/$prefix"-*-"$1".conf "$entries/$prefix"-*-"$1"+*.conf)
  shopt -u nullglob
  if [ ${#found[@]} -gt 1 ]; then
    fail "slot $1 has more than one entry: ${found[*]}"
  fi
  if [ ${#found[@]} -eq 0 ]; then
    return 0
  fi
  file=${found[0]}
  name=${file##*/}
  name=${name%.conf}
  rest=${name#"$prefix"-}
  gen=${rest%%-*}
  case "$rest" in
    *+*)
      counter=${rest#*+}
      left=${counter%%-*}
      if [ "$counter" != "$left" ]; then
        tried=${counter#*-}
      fi
      ;;
  esac
  case "$gen$left$tried" in
    *[!0-9-]* | "") fail "cannot read the entry $file" ;;
  esac
}

# rename_entry ID GEN COUNTER: the slot's entry becomes PREFIX-GEN-ID+COUNTER.conf.
rename_entry() {
  local target="$entries/$prefix-$2-$1+$3.conf"
  if [ "$file" != "$target" ]; then
    mv -T -- "$file" "$target"
    sync -f "$entries"
  fi
}

# write_entry ID GEN: a new entry for a slot that has none, with all its tries.
write_entry() {
  local target="$entries/$prefix-$2-$1+$tries.conf"
  mkdir -p -- "$entries"
  printf '%s\n' "title $(bootname "$1")" "efi $uki_folder/$1.efi" >"$entries/.new-$1"
  sync -f "$entries"
  mv -T -- "$entries/.new-$1" "$target"
  sync -f "$entries"
}

highest_gen() {
  local best=0 id
  for id in "${ids[@]}"; do
    entry "$id"
    if [ -n "$file" ] && [ "$gen" -gt "$best" ]; then
      best=$gen
    fi
  done
  echo "$best"
}

# The slot systemd-boot boots next: the highest GEN among the entries with tries left, else
# the highest GEN of all.
primary() {
  local id best="" best_gen=-1 best_bad="" bad
  for id in "${ids[@]}"; do
    entry "$id"
    [ -n "$file" ] || continue
    bad=""
    if [ "$left" = 0 ]; then
      bad=yes
    fi
    if [ -z "$best" ] || { [ -n "$best_bad" ] && [ -z "$bad" ]; } ||
      { [ "$bad" = "$best_bad" ] && [ "$gen" -gt "$best_gen" ]; }; then
      best=$id best_gen=$gen best_bad=$bad
    fi
  done
  [ -n "$best" ] || fail "no boot entry in $entries"
  bootname "$best"
}

case "${1:-}" in
  get-primary)
    primary
    ;;
  set-primary)
    slot_id "${2:?set-primary needs a slot}"
    [ -f "$esp$uki_folder/$id.efi" ] || fail "slot $2 has no kernel image $esp$uki_folder/$id.efi"
    next=$(($(highest_gen) + 1))
    entry "$id"
    if [ -n "$file" ]; then
      rename_entry "$id" "$next" "$tries"
    else
      write_entry "$id" "$next"
    fi
    ;;
  get-state)
    slot_id "${2:?get-state needs a slot}"
    entry "$id"
    if [ -z "$file" ] || [ "$left" = 0 ]; then
      echo bad
    else
      echo good
    fi
    ;;
  set-state)
    slot_id "${2:?set-state needs a slot}"
    entry "$id"
    case "${3:-}" in
      good)
        [ -n "$file" ] || fail "slot $2 has no boot entry to mark good"
        rename_entry "$id" "$gen" "$tries"
        ;;
      bad)
        if [ -n "$file" ]; then
          rename_entry "$id" "$gen" "0-$tried"
        fi
        ;;
      *) fail "set-state needs good or bad" ;;
    esac
    ;;
  get-current)
    for word in $(cat /proc/cmdline); do
      case "$word" in
        rauc.slot=*) echo "${word#rauc.slot=}" && exit 0 ;;
      esac
    done
    fail "no rauc.slot= on the kernel command line"
    ;;
  *)
    fail "usage: get-primary | set-primary SLOT | get-state SLOT | set-state SLOT good|bad | get-current"
    ;;
esac
