${header}
# RAUC ${rauc} system configuration: which bundles this device accepts, how it
# switches slots, and which partition each slot is.
<#list notes as note>
# ${note}
</#list>

[system]
compatible=${compatible}
bootloader=${bootloader}
bundle-formats=${bundleFormats}
<#if bootAttempts??>
boot-attempts=${bootAttempts}
boot-attempts-primary=${bootAttempts}
</#if>
<#if dataDirectory??>
data-directory=${dataDirectory}
</#if>
<#if statusFile??>
statusfile=${statusFile}
</#if>
<#if maxBundleDownloadSize??>
max-bundle-download-size=${maxBundleDownloadSize}
</#if>

[keyring]
path=${keyring}
<#if casync>

# Delta updates: the build converts each bundle with `rauc convert`, which
# writes its chunk store NAME.castr/ beside NAME.raucb; RAUC fetches the
# chunks from there and seeds from the active slot of each class.
[casync]
</#if>
<#if customBackend??>

[handlers]
bootloader-custom-backend=${customBackend}
</#if>
<#list slots as slot>

[${slot.section}]
device=${slot.device}
type=${slot.type}
<#if slot.bootname??>
bootname=${slot.bootname}
</#if>
<#if slot.parent??>
parent=${slot.parent}
</#if>
</#list>
