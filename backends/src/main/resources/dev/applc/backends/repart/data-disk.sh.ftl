#!/bin/sh
${header}
#
# The data disk of `${appliance}`, whose OS is the UKI's initrd: nothing of the OS is on a disk.
# The initrd's /init runs this at every boot, before /sbin/init. It loads the kernel modules the
# spec names, waits for the disk and mounts its partitions. On the first boot, when the disk is
# blank (no partition table and no file system on it), it partitions and formats it first. A disk
# that is not blank is never formatted: without its partitions the script fails instead.
set -eu
disk=${disk}
<#if modules?has_content>

# Without udev nothing loads modules for the devices the kernel finds.
modprobe -a <#list modules as m>${m}<#sep> </#list>
</#if>

# Waits up to 10 s for a block device to appear.
wait_for() {
  tries=0
  while [ ! -b "$1" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
      echo "data-disk: $1 did not appear" >&2
      return 1
    fi
    sleep 0.1
  done
}

# The device of partition N: /dev/vda1, /dev/nvme0n1p1, /dev/mmcblk0p1.
part() {
  case "$disk" in
    *[0-9]) echo "$disk"p"$1" ;;
    *) echo "$disk$1" ;;
  esac
}

wait_for "$disk"
if ! blkid -p "$disk" >/dev/null 2>&1; then
  echo "data-disk: $disk is blank: partitioning and formatting it (first boot)"
  sfdisk --quiet --label gpt "$disk" <<'PARTITIONS'
<#list partitions as p>
${p.sfdisk}
</#list>
PARTITIONS
<#list partitions as p>
  wait_for "$(part ${p.number})"
<#if p.mkfs??>
  ${p.mkfs} "$(part ${p.number})"
</#if>
</#list>
fi
<#list partitions as p>
<#if p.mount??>

# Partition `${p.name}`.
wait_for "$(part ${p.number})"
mkdir -p ${p.mount}
mount -t ${p.fstype}<#if p.options??> -o ${p.options}</#if> "$(part ${p.number})" ${p.mount}
</#if>
</#list>
