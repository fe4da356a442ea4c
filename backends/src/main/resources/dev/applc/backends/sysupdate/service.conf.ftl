${header}
# `reboot = auto`: reboot into the new version as soon as it is installed.

[Service]
ExecStart=
ExecStart=${binary} --reboot update
