${header}
# RAUC bundle manifest. The build puts the images named here beside this file
# and runs `rauc bundle --cert=CERT --key=KEY bundle/ ${bundleName}`.

[update]
compatible=${compatible}
version=${version}
<#if description??>
description=${description}
</#if>

[bundle]
format=${format}
<#if hook??>

[hooks]
filename=${hook}
</#if>
<#list images as image>

[image.${image.slotClass}]
filename=${image.filename}
<#if hookedClass?? && image.slotClass == hookedClass>
hooks=post-install
</#if>
</#list>
