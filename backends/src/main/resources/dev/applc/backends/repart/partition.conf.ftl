${header}
# Partition `${id}`<#if slot??> (slot ${slot})</#if> of the ${purpose} disk layout.

[Partition]
Type=${type}
Label=${label}
<#if noAuto>
NoAuto=yes
</#if>
<#if format??>
Format=${format}
</#if>
<#list copyFiles as c>
CopyFiles=${c}
</#list>
<#if sizeMin??>
SizeMinBytes=${sizeMin}
</#if>
<#if sizeMax??>
SizeMaxBytes=${sizeMax}
</#if>
<#if readOnly>
ReadOnly=yes
</#if>
<#if growFileSystem>
GrowFileSystem=yes
</#if>
<#if encrypt??>
Encrypt=${encrypt}
</#if>
<#if factoryReset>
FactoryReset=yes
</#if>
<#if subvolumes??>
Subvolumes=${subvolumes}
</#if>
