[=header]
# The phases of build/build.sh, for `applc build`: one `phase NN-name` line per phase, in the
# order they run, each followed by what it reads besides its script (`input spec|keys|config
# PATH`, PATH relative to SPEC_DIR, KEYS or the config tree), the results it makes (`artifact
# PATH`, relative to WORK), `checkpoint` where a cache keeps the work folder after it, and
# `pure` where the phase only replaces files it makes itself (it leaves the root file system alone),
# and `no-source-date` where its result does not depend on SOURCE_DATE_EPOCH (so not its cache key).
<#list phases as p>
phase [=p.id]
<#list p.inputs as i>
input [=i]
</#list>
<#list p.artifacts as a>
artifact [=a]
</#list>
<#if p.checkpoint>
checkpoint
</#if>
<#if p.pure>
pure
</#if>
<#if !p.sourceDate>
no-source-date
</#if>
</#list>
