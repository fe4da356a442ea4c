
# in_root_new PATH sets `inroot` for a new file at PATH: its folder is made where missing, and a
# link or file already at PATH is removed, so that what is written next replaces it rather than
# going through it.
in_root_new() {
  in_root "$1" nofollow
  if [ -d "$inroot" ] && [ ! -L "$inroot" ]; then
    echo "[=id]: $1 is a folder in the image" >&2
    return 1
  fi
  rm -f -- "$inroot"
  if [ ! -d "${inroot%/*}" ]; then
    install -d -m 0755 -- "${inroot%/*}"
  fi
}
