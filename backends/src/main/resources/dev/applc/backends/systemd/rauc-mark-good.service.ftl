${header}
<#if goodWhen??>
# Marks the booted RAUC slot good once `${goodWhen}` has started. If it fails, this
# never runs, and after ${tries} failed boots the boot loader falls back to the other slot.
<#else>
# Marks the booted RAUC slot good once the system is up; otherwise the boot loader
# falls back to the other slot after ${tries} boots.
</#if>

[Unit]
Description=RAUC Good-marking Service
After=${after?join(" ")}
<#if goodWhen??>
Requires=${goodWhen}
</#if>

[Service]
Type=oneshot
ExecStart=${exec}

[Install]
WantedBy=${wantedBy}
