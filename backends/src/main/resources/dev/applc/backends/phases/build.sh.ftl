#!/bin/bash
[=header]
#
# Builds the images of `[=appliance]`: runs build/phases/NN-*.sh in order, then copies each
# phase's results into OUT. `applc build` runs the same phases itself, with a cache.
#
# Environment (all optional except SPEC_DIR):
#   SPEC_DIR           the folder of the .appliance file: overlays and files are read from it
#   KEYS               the folder the spec's key paths are relative to (default: SPEC_DIR)
#   WORK               the work folder (default: ./work)
#   OUT                where the results go (default: ./images)
#   SOURCE_DATE_EPOCH  the date written into the images ([=dateNote])
<#if runsApplc>
#   APPLC              the applc command whose `applc tool oci-unpack` unpacks the OCI image
#                      (default: applc from PATH; `applc build` sets it to itself)
</#if>
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CONFIG=$(dirname "$here")
: "${SPEC_DIR:?set SPEC_DIR to the folder of the .appliance file}"
KEYS=${KEYS:-$SPEC_DIR}
WORK=${WORK:-$PWD/work}
OUT=${OUT:-$PWD/images}
<#if dateFromGit>
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$SPEC_DIR" log -1 --format=%ct -- . 2>/dev/null || echo 0)}
<#else>
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-[=date]}
</#if>
export CONFIG SPEC_DIR KEYS WORK OUT SOURCE_DATE_EPOCH
mkdir -p -- "$WORK" "$OUT"

# Copies results (files, or folders such as a casync chunk store) into OUT once the phase that
# makes them has completed, replacing what an earlier run put there.
publish() {
  rm -rf -- "${OUT:?}/${1##*/}"
  cp -R --sparse=always -- "$WORK/$1" "$OUT/"
}
<#list phases as p>

echo "=== [=p.id]"
bash "$here/phases/[=p.id].sh"
<#list p.artifacts as a>
publish [=a]
</#list>
</#list>
echo "=== done: results in $OUT"
