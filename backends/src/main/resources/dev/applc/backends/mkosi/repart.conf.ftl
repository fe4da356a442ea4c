${header}
# Partition `${id}`<#if slot?has_content> (slot ${slot}; the other slots are made on first boot)</#if> of the image mkosi builds.
<#list notes as note>
# ${note}
</#list>

[Partition]
<#list entries as e>
${e.key}=${e.value}
</#list>
