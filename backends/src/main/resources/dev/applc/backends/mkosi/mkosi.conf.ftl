${header}
<#list notes as note>
#<#if note?has_content> ${note}</#if>
</#list>
<#list sections as s>

[${s.name}]
<#list s.entries as e>
<#if e.lines?size == 1>
${e.key}=${e.lines[0]}
<#else>
${e.key}=
<#list e.lines as line>
        ${line}
</#list>
</#if>
</#list>
</#list>
