${header}
#
# u-boot boot script: RAUC's A/B slot selection (bootloader=uboot). Compile it
# into the boot.scr that u-boot's distro boot runs from the boot partition:
#   mkimage -A ${mkimageArch} -O linux -T script -C none -n "${scriptName}" -d boot.cmd boot.scr
#
# RAUC keeps the boot state in the u-boot environment: BOOT_ORDER lists the
# bootnames to try in order, BOOT_<bootname>_LEFT the tries each has left, in
# hexadecimal as RAUC writes them. Every boot takes one try from the first slot
# that has one left; `rauc status mark-good` refills it. A slot with no tries
# left is skipped, so after ${tries} failed boots the other slot boots again.
#
<#list slots as s>
#   slot ${s.bootname}: partition ${s.part} (${s.label}) of the boot device
</#list>
#
# Kernel, initrd and device tree come from the chosen slot's root file system,
# so that an update replaces them together with the system that matches them.

test -n "${r"${BOOT_ORDER}"}" || setenv BOOT_ORDER "${bootOrder}"
<#list slots as s>
test -n "${r"${BOOT_"}${s.bootname}${r"_LEFT}"}" || setenv BOOT_${s.bootname}_LEFT ${triesHex}
</#list>
# Set by distro boot for the device this script was loaded from.
test -n "${r"${devtype}"}" || setenv devtype ${devtype}
test -n "${r"${devnum}"}" || setenv devnum ${devnum}

setenv rauc_slot
setenv rauc_part
for BOOT_SLOT in "${r"${BOOT_ORDER}"}"; do
  if test "x${r"${rauc_slot}"}" != "x"; then
    # a slot was chosen already
<#list slots as s>
  elif test "x${r"${BOOT_SLOT}"}" = "x${s.bootname}"; then
    if test 0x${r"${BOOT_"}${s.bootname}${r"_LEFT}"} -gt 0; then
      echo "Booting slot ${s.bootname}, ${r"${BOOT_"}${s.bootname}${r"_LEFT}"} tries left"
      setexpr BOOT_${s.bootname}_LEFT ${r"${BOOT_"}${s.bootname}${r"_LEFT}"} - 1
      setenv rauc_slot ${s.bootname}
      setenv rauc_part ${s.part}
    fi
</#list>
  fi
done

if test -n "${r"${rauc_slot}"}"; then
  saveenv
else
  echo "No slot has tries left: giving every slot ${tries} again"
<#list slots as s>
  setenv BOOT_${s.bootname}_LEFT ${triesHex}
</#list>
  saveenv
  reset
fi

part uuid ${r"${devtype} ${devnum}:${rauc_part}"} rauc_root
setenv bootargs "${bootargs} root=PARTUUID=${r"${rauc_root}"} rauc.slot=${r"${rauc_slot}"}"

load ${r"${devtype} ${devnum}:${rauc_part} ${kernel_addr_r}"} ${kernel}
load ${r"${devtype} ${devnum}:${rauc_part} ${ramdisk_addr_r}"} ${initrd}
setenv rauc_initrd_size ${r"${filesize}"}
<#if dtb??>
if load ${r"${devtype} ${devnum}:${rauc_part} ${fdt_addr_r}"} ${dtb}; then
  setenv rauc_fdt ${r"${fdt_addr_r}"}
else
  echo "No ${dtb} in slot ${r"${rauc_slot}"}: using the device tree u-boot has"
  setenv rauc_fdt ${r"${"}${fallbackFdt}${r"}"}
fi
<#else>
setenv rauc_fdt ${r"${"}${fallbackFdt}${r"}"}
</#if>
booti ${r"${kernel_addr_r} ${ramdisk_addr_r}:${rauc_initrd_size} ${rauc_fdt}"}
