#!/bin/bash
${header}
#
# ${purpose}
<#list notes as note>
# ${note}
</#list>
# Spec strings are single-quoted: a `$` or backtick in them is meant literally.
# shellcheck disable=SC2016
set -euo pipefail
<#if guard>

# mkosi 14 also runs this script in the build image (argument `build`); only the
# image itself (`final`) is configured.
if [ "$#" -gt 0 ] && [ "$1" = build ]; then
  exit 0
fi
</#if>
<#if mountPoints?has_content>

# Mount points: a read-only root cannot have them made at boot.
<#list mountPoints as d>
mkdir -p -- ${d}
</#list>
</#if>
<#if groups?has_content>

# Groups the users join.
<#list groups as g>
getent group ${g} >/dev/null || groupadd --system ${g}
</#list>
</#if>
<#if users?has_content>

# Users.
<#list users as u>
id -u ${u.name} >/dev/null 2>&1 || useradd<#if u.system> --system<#else> --create-home</#if><#if u.uid??> --uid ${u.uid}</#if> --home-dir ${u.home} --shell ${u.shell}<#if u.groups??> --groups ${u.groups}</#if> -- ${u.name}
</#list>
</#if>
<#if files?has_content>

# Files.
<#list files as f>
<#if f.dir??>
mkdir -p -- ${f.dir}
</#if>
<#if f.source??>
cp -- ${f.source} ${f.path}
<#else>
printf '%s' ${f.content} | tee -- ${f.path} >/dev/null
</#if>
chmod -- ${f.mode} ${f.path}
chown -- ${f.owner} ${f.path}
</#list>
</#if>
<#if enable?has_content || unmask?has_content || mask?has_content || defaultTarget??>

# Units.
<#list unmask as u>
systemctl unmask ${u}
</#list>
<#list enable as u>
systemctl enable ${u}
</#list>
<#list mask as u>
systemctl mask ${u}
</#list>
<#if defaultTarget??>
systemctl set-default ${defaultTarget}
</#if>
</#if>
<#if hooks?has_content>

# The spec's post-install scripts.
<#list hooks as h>
${h}
</#list>
</#if>
<#if factoryEtc>

# The factory /etc that a fresh or reset root is filled from.
mkdir -p /usr/share/factory/etc
cp -a /etc/. /usr/share/factory/etc/
</#if>
