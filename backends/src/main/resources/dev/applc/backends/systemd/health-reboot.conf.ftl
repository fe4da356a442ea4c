${header}
# `${goodWhen}` decides whether a boot is good. When it fails, the device reboots: the
# boot loader counts the failed boot, and after ${tries} of them falls back to the other slot.
# A service that restarts itself (Restart=) is failed only once its starts hit the start
# limit, which the default limit (5 in 10s) never reaches with a restart delay of 2s or more:
# 3 failed starts in 5 minutes fail it, and reboot.

[Unit]
FailureAction=reboot
StartLimitIntervalSec=5min
StartLimitBurst=3
StartLimitAction=reboot
