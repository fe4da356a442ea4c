${header}
# System extension `${name}` of `${appliance}`: systemd-sysext merges it only on a host
# whose os-release matches these fields.
<#list fields as k, v>
${k}=${v}
</#list>
