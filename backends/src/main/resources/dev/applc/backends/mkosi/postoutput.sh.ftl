#!/bin/bash
${header}
#
# mkosi post-output script for `${appliance}`: runs after mkosi wrote its outputs into
# $OUTPUTDIR, before it moves them to the output directory, and completes the files of a
# systemd-sysupdate update: IMAGEID_VERSION.NAME.UUID.raw${suffix} per partition (systemd-repart
# writes them, SplitName= in mkosi.repart/), <#if uki??>the UKI IMAGEID_VERSION.efi${suffix}, </#if>and SHA256SUMS.
# Publish them with SHA256SUMS.gpg, a detached signature of SHA256SUMS by a key the
# device's sysupdate trusts, which this script does not make (the key stays off the build).
set -euo pipefail
cd "$OUTPUTDIR"
<#if compressPartitions>

# mkosi does not compress with ${compression} (CompressOutput=): the partitions are compressed here.
for f in ${prefix}.*.raw; do
  ${compressor} "$f"
done
</#if>
<#if uki?? && suffix?has_content>

# mkosi copies the UKI out (SplitArtifacts=uki) uncompressed, whatever CompressOutput= says.
${compressor} ${uki}
</#if>

sha256sum -- ${prefix}.*.raw${suffix}<#if uki??> ${uki}${suffix}</#if> >SHA256SUMS
