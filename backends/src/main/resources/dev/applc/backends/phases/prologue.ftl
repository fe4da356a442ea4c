#!/bin/bash
[=header]
#
# Phase [=id]: [=purpose]
<#list notes as n>
# [=n]
</#list>
#
# build.sh sets the environment: CONFIG (the tree `applc compile` wrote), SPEC_DIR (the spec's
# folder), KEYS (the folder the spec's key paths are relative to), WORK (the work folder) and
# SOURCE_DATE_EPOCH. The phase can run again: it replaces whatever it made before.
# Spec strings are single-quoted words: a `$` or backtick in them is meant literally.
# shellcheck disable=SC2016
set -euo pipefail
trap 'echo "[=id]: line $LINENO: command failed: $BASH_COMMAND" >&2' ERR
: "${CONFIG:?}" "${SPEC_DIR:?}" "${KEYS:?}" "${WORK:?}" "${SOURCE_DATE_EPOCH:?}"
