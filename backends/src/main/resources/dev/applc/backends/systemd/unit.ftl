${header}
# Unit `${name}`, built from its settings in the spec.

[Unit]
<#if description??>
Description=${description}
</#if>
<#if after?has_content>
After=${after?join(" ")}
</#if>
<#if before?has_content>
Before=${before?join(" ")}
</#if>
<#if wants?has_content>
Wants=${wants?join(" ")}
</#if>
<#if requires?has_content>
Requires=${requires?join(" ")}
</#if>
<#if service>

[Service]
Type=${type}
<#if user??>
User=${user}
</#if>
<#list execPre as e>
ExecStartPre=${e}
</#list>
<#if exec??>
ExecStart=${exec}
</#if>
<#if restart??>
Restart=${restart}
</#if>
<#if restartSec??>
RestartSec=${restartSec}
</#if>
<#list environment as e>
Environment=${e}
</#list>
<#if remainAfterExit>
RemainAfterExit=yes
</#if>
<#if standardOutput??>
StandardOutput=${standardOutput}
</#if>
</#if>
<#if wantedBy?has_content>

[Install]
WantedBy=${wantedBy?join(" ")}
</#if>
