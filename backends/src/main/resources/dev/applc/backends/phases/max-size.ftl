
# within_budget FILE fails the build when FILE is larger than the size budget of the OS image,
# build { max-size = [=maxSizeText] }.
within_budget() {
  local size
  size=$(stat -c %s -- "$1")
  if [ "$size" -gt [=maxSize] ]; then
    echo "[=id]: ${1##*/} is $size bytes ($(( (size + 1048575) / 1048576 )) MiB), over the budget of build { max-size = [=maxSizeText] } ([=maxSize] bytes)" >&2
    exit 1
  fi
  echo "[=id]: ${1##*/} is $size bytes ($(( (size + 1048575) / 1048576 )) MiB), within build { max-size = [=maxSizeText] }"
}
