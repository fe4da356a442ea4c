${header}
# `${appliance}` keeps its /etc in ${factory}. systemd-tmpfiles copies each entry
# below back into /etc when it is missing there (a fresh or factory-reset root); entries the
# image does not have are skipped.

<#list entries as e>
C ${e} - - - - -
</#list>
