${header}
<#list comments as c>
# ${c}
</#list>
<#if verified>
# Versions are those listed in the source's SHA256SUMS, which systemd-sysupdate accepts only
# with a valid detached signature (SHA256SUMS.gpg) by a key of /etc/systemd/import-pubring.gpg
# (or, where that file is missing, of /usr/lib/systemd/import-pubring.gpg).
</#if>

[Transfer]
ProtectVersion=%A

[Source]
Type=${source.type}
Path=${source.path}
<#if source.relativeTo??>
PathRelativeTo=${source.relativeTo}
</#if>
MatchPattern=${source.pattern}

[Target]
Type=${target.type}
Path=${target.path}
<#if target.relativeTo??>
PathRelativeTo=${target.relativeTo}
</#if>
<#list target.patterns as p>
<#if p?is_first>MatchPattern=<#else>             </#if>${p}<#if p?has_next> \</#if>
</#list>
<#if target.partitionType??>
MatchPartitionType=${target.partitionType}
</#if>
<#if target.partitionFlags??>
PartitionFlags=${target.partitionFlags}
</#if>
<#if target.readOnly??>
ReadOnly=${target.readOnly}
</#if>
<#if target.growFileSystem??>
PartitionGrowFileSystem=${target.growFileSystem}
</#if>
<#if target.mode??>
Mode=${target.mode}
</#if>
<#if target.triesLeft??>
TriesLeft=${target.triesLeft}
TriesDone=${target.triesDone}
</#if>
InstancesMax=${instancesMax}
