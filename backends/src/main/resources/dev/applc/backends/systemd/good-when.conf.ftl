${header}
# systemd-bless-boot marks a boot of `${appliance}` good when boot-complete.target is
# reached: that now needs `${goodWhen}` to have started. A boot that never gets there
# uses up one of its ${tries} tries, then the boot loader falls back to the previous version.

[Unit]
Requires=${goodWhen}
After=${goodWhen}
