${header}
# `check-interval`: systemd-sysupdate looks for updates on its timer.
enable systemd-sysupdate.timer
