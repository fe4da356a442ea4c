${header}
# The boot-to-app session of `${appliance}`: one program on tty${tty}, without a login
# prompt. It takes the VT from the getty there and starts again when it stops.

[Unit]
Description=${description}
After=${after?join(" ")}
<#if wants?has_content>
Wants=${wants?join(" ")}
</#if>
Conflicts=${conflicts}

[Service]
User=${user}
PAMName=login
TTYPath=/dev/tty${tty}
StandardInput=tty
StandardOutput=journal
ExecStartPre=${chvt}
ExecStart=${exec}
Restart=${restart}
<#if restartSec??>
RestartSec=${restartSec}
</#if>
<#list environment as e>
Environment=${e}
</#list>

[Install]
WantedBy=${target}
