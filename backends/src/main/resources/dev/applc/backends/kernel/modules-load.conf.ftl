${header}
# Kernel modules loaded at boot (`kernel.modules`), by systemd-modules-load.service.
<#list modules as m>
${m}
</#list>
