${header}
# Look for updates every ${interval} (`check-interval`), the first time ${interval} after boot,
# instead of systemd's own schedule. The empty OnBootSec= clears every earlier timer setting.

[Timer]
OnBootSec=
OnBootSec=${interval}
OnUnitActiveSec=${interval}
RandomizedDelaySec=0
