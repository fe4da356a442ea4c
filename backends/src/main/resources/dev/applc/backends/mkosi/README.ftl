${header}

This mkosi tree builds the appliance `${appliance}` only in part. applc does not
warn about it at every compile because the spec does not say the appliance is
built with mkosi; state the mkosi that builds it (`tools { mkosi = N }` in `os`)
and `applc check` and `applc compile` report these as warnings (APL0601):
<#list problems as p>

- ${p.location}: ${p.message} (${p.code})
<#list p.notes as n>
  note: ${n}
</#list>
<#if p.help?has_content>
  help: ${p.help}
</#if>
</#list>
