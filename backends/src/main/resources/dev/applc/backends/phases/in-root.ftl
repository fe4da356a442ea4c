
# A path of the image is resolved inside the image, as if the build ran chrooted there: a link's
# absolute target starts at the image's root, `..` at the root stays at the root, and a path that
# goes through more than 40 links is refused. The image's own links (Debian has var/run -> /run
# and etc/localtime -> /usr/share/zoneinfo/...) can then never take a write, copy, chmod or
# delete to this machine's files: the build runs as root.
#
# in_root PATH [nofollow] sets `inroot` to where PATH of the image is here. With nofollow, a link
# as the last component is not followed: the link itself is meant (to remove or replace it).
in_root() {
  local rest=$1 resolved="" part target hops=0
  while [ -n "$rest" ]; do
    part=${rest%%/*}
    if [ "$part" = "$rest" ]; then
      rest=""
    else
      rest=${rest#*/}
    fi
    case "$part" in
      "" | .) continue ;;
      ..)
        resolved=${resolved%/*}
        continue
        ;;
    esac
    if [ -L "$rootfs$resolved/$part" ] && { [ -n "$rest" ] || [ "${2:-}" != nofollow ]; }; then
      hops=$((hops + 1))
      if [ "$hops" -gt 40 ]; then
        echo "[=id]: $1 goes through more than 40 links in the image" >&2
        return 1
      fi
      # The sentinel keeps a target's own trailing newlines, which $(...) would drop.
      target=$(
        readlink -- "$rootfs$resolved/$part"
        echo .
      )
      target=${target%$'\n.'}
      case "$target" in
        /*) resolved="" ;;
      esac
      rest=$target/$rest
    else
      resolved=$resolved/$part
    fi
  done
  inroot=$rootfs$resolved
}
