
# The image's package database, which `applc build` reads for its SBOM (OUT/sbom.cdx.json):
# copied into the work folder now, because a later phase may strip it from the image.
in_root /var/lib/dpkg/status
mkdir -p -- "$WORK/sbom"
if [ -f "$inroot" ]; then
  cp -- "$inroot" "$WORK/sbom/dpkg-status"
else
  rm -f -- "$WORK/sbom/dpkg-status"
fi
