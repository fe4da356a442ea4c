${header}
# `${goodWhen}` decides whether a boot is good. When it fails, the device reboots: the
# boot loader counts the failed boot, and after ${tries} of them falls back to the other slot.

[Unit]
FailureAction=reboot
