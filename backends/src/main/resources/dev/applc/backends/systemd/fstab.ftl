${header}
# The partitions `${appliance}` mounts, by GPT partition label.
# <device>  <mount point>  <type>  <options>  <dump>  <pass>
<#list mounts as m>
${m.device} ${m.where} ${m.type} ${m.options} 0 ${m.pass}
</#list>
