${header}
# The encrypted partitions of `${appliance}`, unlocked by systemd-cryptsetup.
# <name>  <device>  <key file>  <options>
<#list volumes as v>
<#if v.remark?has_content>
# ${v.remark}
</#if>
${v.name} ${v.device} ${v.key} ${v.options}
</#list>
