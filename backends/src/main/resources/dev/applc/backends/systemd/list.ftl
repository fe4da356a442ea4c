${header}
# ${purpose}
<#list units as u>
${u}
</#list>
