
# objcopy writes the time of day into the PE header: pe_stamp puts the source date there
# instead and clears the header checksum that covered it (UEFI does not check it), so that two
# builds give the same bytes.
pe_stamp() {
  local header
  header=$(od -An -t u4 -j 60 -N 4 "$1" | tr -d ' ')
  printf '%b' "$(le32 "$SOURCE_DATE_EPOCH")" | dd of="$1" bs=1 seek=$((header + 8)) conv=notrunc status=none
  printf '%b' "$(le32 0)" | dd of="$1" bs=1 seek=$((header + 88)) conv=notrunc status=none
}
le32() {
  printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255))
}
