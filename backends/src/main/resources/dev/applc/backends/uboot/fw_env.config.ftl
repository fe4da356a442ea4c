${header}
# Where u-boot keeps its environment, for fw_printenv and fw_setenv (and so
# for RAUC): one line per copy, as u-boot was built (CONFIG_ENV_OFFSET<#if copies?size gt 1>,
# CONFIG_ENV_OFFSET_REDUND</#if>, CONFIG_ENV_SIZE).
# device	offset	size	erase size
<#list copies as c>
${c.device}	${c.offset}	${c.size}	${c.eraseSize}
</#list>
