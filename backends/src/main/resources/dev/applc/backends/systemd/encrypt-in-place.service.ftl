${header}
# The build writes partition `${partition}` as a plain file system, with room for a LUKS2 header
# at its end. On the first boot, in the initrd and before the volume is opened, this unit
# encrypts it in place with a key of this device alone, enrolls the TPM2 (PCRs ${pcrs}) and
# wipes that key: from then on only this device's TPM2 opens it. On later boots the partition
# holds LUKS2, and the condition skips the unit.

[Unit]
Description=Encrypt partition ${partition} in place on the first boot
DefaultDependencies=no
Wants=${deviceUnit} tpm2.target
After=${deviceUnit} tpm2.target
Before=${cryptsetupUnit} cryptsetup.target
Conflicts=shutdown.target
Before=shutdown.target
# Only while the partition holds the file system the build wrote, which has this UUID: once
# encrypted, the partition shows the LUKS2 header's UUID instead.
ConditionPathExists=/dev/disk/by-uuid/${fileSystemUuid}

[Service]
Type=oneshot
RemainAfterExit=yes
RuntimeDirectory=applc-encrypt
RuntimeDirectoryMode=0700
# What cryptsetup says reaches the console too: there is no shell to read the journal with.
StandardOutput=journal+console
StandardError=journal+console
ExecStart=/usr/bin/dd if=/dev/urandom of=/run/applc-encrypt/${partition}.key bs=64 count=1 status=none
ExecStart=/usr/sbin/cryptsetup reencrypt --encrypt --type luks2 --reduce-device-size ${headerRoom} --batch-mode --key-file /run/applc-encrypt/${partition}.key ${device}
ExecStart=/usr/bin/systemd-cryptenroll --unlock-key-file=/run/applc-encrypt/${partition}.key --tpm2-device=auto --tpm2-pcrs=${pcrs} --wipe-slot=password ${device}
ExecStartPost=/usr/bin/rm -f /run/applc-encrypt/${partition}.key
