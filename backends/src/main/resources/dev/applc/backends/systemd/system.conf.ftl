${header}
# Lockdown of `${appliance}`: with ctrl-alt-del.target masked, pressing Ctrl+Alt+Del more
# than 7 times in 2 s would still force a reboot; this turns that off too.

[Manager]
CtrlAltDelBurstAction=none
