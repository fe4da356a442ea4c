#!/bin/bash
${header}
#
# mkosi finalize script for `${appliance}`: runs in the image as the last step, after
# mkosi has applied presets and removed files, and keeps the finished /etc as the
# factory /etc that a fresh or reset root is filled from.
set -euo pipefail

mkdir -p /usr/share/factory/etc
cp -a /etc/. /usr/share/factory/etc/
