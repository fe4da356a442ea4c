
# sbsign writes the time of signing into the signature: sign_efi runs it at the source date
# under faketime, so that two builds sign to the same bytes.
sign_efi() {
  if command -v faketime >/dev/null; then
    faketime -f "$(date -u -d "@$SOURCE_DATE_EPOCH" '+%Y-%m-%d %H:%M:%S')" sbsign "$@"
  else
    echo "[=id]: faketime is not installed: the signature holds the time of this build" >&2
    sbsign "$@"
  fi
}
