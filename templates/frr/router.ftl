<#-- FRRouting (vtysh, integrated frr.conf). FRR owns addresses, routes, hostname and banner.
     Link speed/duplex (ethtool), shaping (tc), SNMP (snmpd), SSH, NTP and remote syslog are
     Linux host settings outside FRR: they are listed as "! host:" comment lines so the intended
     state is visible in diffs (vtysh keeps no comments; applying them is the host side's job).
     "frr defaults traditional" is stated because FRR prints it in every running config. The login
     banner is a host setting too: vtysh reads it from vtysh.conf and never shows it in the running
     config (VENDORS.md §5). -->
frr defaults traditional
hostname ${router.hostname}
log syslog informational
service integrated-vtysh-config
!
<#-- vtysh prints top-level lines (static routes among them) before the interface blocks, and the
     static routes by prefix length, then address (measured on FRR 8.4.4): the same order here, so
     that a router running exactly this config compares clean -->
<#list routes?sort_by("network_number")?sort_by("length") as route>
ip route ${route.cidr} ${route.next_hop}
</#list>
!
<#list interfaces as itf>
interface ${itf.name}
<#if itf.description??>
 description ${itf.description}
</#if>
<#if itf.address??>
 ip address ${itf.address.cidr}
</#if>
exit
! host: ethtool -s ${itf.name} <#if itf.mode.auto>autoneg on<#else>speed ${itf.mode.speed} duplex ${itf.mode.duplex} autoneg off</#if>
!
</#list>
! host: tc qdisc replace dev ${wan.name} root tbf rate ${line.bandwidth_mbps}mbit burst 256kb latency 50ms
!
<#list ntp_servers as server>
! host: ntp server ${server}
</#list>
<#list syslog_servers as server>
! host: syslog host ${server}
</#list>
! host: snmpd createUser ${snmp.user} ${(snmp.auth == "sha256")?then("SHA-256", "SHA")} ${snmp.auth_key} AES ${snmp.priv_key}
! host: snmpd view ${snmp.view} included .1
! host: snmpd access ${snmp.group} usm priv read ${snmp.view}
<#list management_sources as source>
! host: allow ssh and snmp from ${source.cidr}
</#list>
!
! host: vtysh.conf banner motd line ${banner}
!
end
