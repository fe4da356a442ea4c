${header}
# The units `${appliance}` enables, applied by `systemctl preset-all` or
# `systemctl preset UNIT`. There is no final `disable *`: units the spec does not name
# keep the presets of the distribution and of systemd; what the spec turns off, it masks.
<#list lines as l>
enable ${l}
</#list>
