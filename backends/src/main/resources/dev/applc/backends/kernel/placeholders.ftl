${header}
# What the kernel command line in <#if perSlot>kernel/cmdline-SLOT (the line that boots slot SLOT)<#else>kernel/cmdline</#if> holds
# in place of values that exist only once the image is built. The command line is one line of
# text with no header (the format has no comments), for the UKI's .cmdline section or a boot
# loader entry. It is data: whoever puts it into another format (a u-boot script, a mkosi
# setting) quotes it for that format.
#
# The build replaces each placeholder below before the line is used. One per line: the
# placeholder, a tab, and what the build puts in its place.
<#if placeholders?has_content>
<#list placeholders as p>
${p.token}	${p.meaning}
</#list>
<#else>
# (This command line holds no placeholders.)
</#if>
