${header}
# Lockdown of `${appliance}`: no magic SysRq key.

kernel.sysrq = 0
