${header}
# The A/B boot state RAUC and boot.scr share, for the environment image the
# build writes at the board's offsets:
#   mkenvimage -s ${size}<#if redundant> -r</#if> -o uboot-env.bin uboot-env.txt
# u-boot replaces its whole built-in environment with a valid stored one, so
# append these lines to u-boot's default environment (`make u-boot-initial-env`
# in the u-boot build) before running mkenvimage.
BOOT_ORDER=${bootOrder}
<#list slots as s>
BOOT_${s.bootname}_LEFT=${triesHex}
</#list>
