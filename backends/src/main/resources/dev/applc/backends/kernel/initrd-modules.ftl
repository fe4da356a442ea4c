${header}
# Kernel modules the initrd needs: the spec's `initrd.modules`, then what mounting /usr and the
# root file system takes (dm-verity, dm-crypt, the file system). One per line; the build adds
# them to the initrd generator's configuration.
<#list modules as m>
${m}
</#list>
