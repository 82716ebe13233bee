<#-- Cisco IOS-XE (ISR4000 / Catalyst 8200 / 8300 edge). Written in `show running-config` style:
     one unindented header per block, indented sub-commands, "!" separators, global sections in the
     order show running-config prints them (dialect.yaml says order matters for this profile), `end`
     last. Only the part of the config we own is rendered; the router keeps everything else.
     Sources are named next to each block; shared/VENDORS.md section 1 has the source keys. -->
<#if snmp.version != "v3">
<#-- The model carries SNMPv3 keys only (no community), so a v2c router cannot be rendered truthfully:
     fail this router instead of printing an SNMPv3 config it does not use. -->
<#stop "snmp.version is " + snmp.version + "; the cisco-iosxe template renders SNMPv3 (authPriv) only">
</#if>
<#-- Names this template gives to objects it creates (the model names only the SNMP group and view). -->
<#assign shapePolicy = "LGWAN-WAN-SHAPE">
<#assign sshAcl = "MGMT-SSH">
<#assign snmpAcl = "SNMP-POLLER">
<#-- One standard-ACL entry as IOS-XE show running-config prints it: sequence number first
     (`ip access-list standard X` / ` 10 permit 10.0.0.0 0.0.0.255`, seen in IOS-XE 17 show run
     output, e.g. a C8000v `ip access-list standard NTP-Server-ACL` / ` 10 permit 10.0.0.252`),
     a /32 as the bare address, a /0 as `any`.
     UNCONFIRMED: IOS re-orders host (/32) entries of a standard ACL ahead of network entries in
     show running-config; with more than one management source mixing /32 and wider prefixes the
     printed order may differ from inventory order. -->
<#macro aclEntries sources>
<#list sources as source>
 ${(source?index + 1) * 10} permit <#if source.length == 32>${source.network}<#elseif source.length == 0>any<#else>${source.network} ${source.wildcard}</#if>
</#list>
</#macro>
<#-- Host name: the first label only, the rest as `ip domain name`. Cisco's hostname command reference: "must
     start with a letter, end with a letter or digit, and have as interior characters only letters, digits, and
     hyphens. Names must be 63 characters or fewer"
     (cisco.com/E-Learning/bulk/public/tac/cim/cib/using_cisco_ios_software/cmdrefs/hostname.htm) [CI-host]; a
     dotted name printed "% Hostname contains one or more illegal characters." in a 3rd-party IOS capture
     (shared/VENDOR-CHECK.md §1), so the FQDN is split as the reference allows. `ip domain name` is the IOS-XE 16+
     form of `ip domain-name`; SSH's RSA key needs a domain name anyway. -->
<#if router.hostname?contains(".")>
hostname ${router.hostname?keep_before(".")}
ip domain name ${router.hostname?keep_after(".")}
<#else>
hostname ${router.hostname}
</#if>
!
<#-- Port shaping of the WAN to the contracted bandwidth: a policy with only class-default and
     `shape average <bps>`, attached with `service-policy output` (shaping is output-only).
     Sources: Cisco "Regulating Packet Flow on a Per-Class Basis Using Class-Based Traffic Shaping"
     (cisco.com/content/en/us/td/docs/ios-xml/ios/qos_regpkt/configuration/15-s/qos-regpkt-15-s-book/qos-regpkt-cls.html);
     Cisco ME 3400 command reference "shape average": class-default as the only class = port shaping
     (manualslib.com/manual/356474/Cisco-Me-3400.html?page=373) [CI-shp].
     UNCONFIRMED: whether IOS-XE 17 on C8200/C8300 prints the rate back exactly as `shape average <bps>`. -->
policy-map ${shapePolicy}
 class class-default
  shape average ${line.bandwidth_bps}
!
<#list interfaces as itf>
interface ${itf.name}
<#if itf.description??>
 description ${itf.description}
</#if>
<#if itf.address??>
 ip address ${itf.address.ip} ${itf.address.netmask}
<#else>
 no ip address
</#if>
<#-- Interface mode. The built-in GE ports of ISR4000/C8000 routers print ` negotiation auto` in show
     running-config (a real ISR4321 show run: `interface GigabitEthernet0/0/0` / ` negotiation auto`,
     github milanDewilde/VirtueleNetwerken opdracht01/proefopstellingLabo4/R1Configuration.md), not the
     `speed auto` / `duplex auto` of older ISR G2 / switch ports; so auto renders `negotiation auto`.
     Fixed: `speed N`, `duplex D`, `no negotiation auto` (IOS-XE show run of a forced port:
     ` speed 1000` / ` no negotiation auto`, cisco.ios molecule fixture in github ansible-collections/cisco.ios).
     Duplex only below 1000: "The Gigabit Ethernet interfaces are full duplex only. You cannot change the
     duplex mode on ... a 10/100/1000-Mbps interface that is configured for Gigabit Ethernet" (Cisco speed
     command reference, www3-realm.cisco.com/en/US/docs/ios-xml/ios/interface/command/ir-xe-3se-3850-cr-book_chapter_01100.html) [CI-spd].
     UNCONFIRMED: that C8200/C8300/ISR4331 copper ports need `no negotiation auto` for a forced speed, and
     the exact order show running-config prints speed / duplex / no negotiation auto in. -->
<#if itf.mode.auto>
 negotiation auto
<#else>
 speed ${itf.mode.speed}
<#if itf.mode.speed lt 1000>
 duplex ${itf.mode.duplex}
</#if>
 no negotiation auto
</#if>
<#if itf.name == wan.name>
 service-policy output ${shapePolicy}
</#if>
!
</#list>
<#-- Static routes over the access line: `ip route <network> <netmask> <next hop>` [AN-ios static_routes].
     Printed in ascending network order.
     UNCONFIRMED: that show running-config sorts `ip route` lines by destination (assumed; the model lists
     the reached node first, then the backbone routes). -->
<#assign sortedRoutes = []>
<#list routes as route>
<#assign octets = route.network?split(".")>
<#assign sortedRoutes = sortedRoutes + [{"key": octets[0]?left_pad(3, "0") + octets[1]?left_pad(3, "0") + octets[2]?left_pad(3, "0") + octets[3]?left_pad(3, "0") + route.length?c?left_pad(2, "0"), "route": route}]>
</#list>
<#list sortedRoutes?sort_by("key") as entry>
ip route ${entry.route.network} ${entry.route.netmask} ${entry.route.next_hop}
</#list>
<#-- SSH version 2 only (CIS Cisco IOS XE benchmark 2.1.1.2 "Set version 2 for 'ip ssh version'",
     tenable.com/audits/items/CIS_Cisco_IOS_XE_v1.0.0_L1.audit:b91a6f5016643af482d654ecd0e8a9e6).
     SSH also needs `ip domain name` and an RSA key (`crypto key generate rsa modulus 2048`); the key is
     generated once at provisioning and is not part of the config text, so neither is rendered here. -->
ip ssh version 2
!
<#-- Who may SSH in (line vty access-class) and who may poll SNMP (snmp-server group ... access). -->
ip access-list standard ${sshAcl}
<@aclEntries management_sources/>
ip access-list standard ${snmpAcl}
<@aclEntries management_sources/>
!
<#list syslog_servers as server>
logging host ${server}
</#list>
!
<#-- SNMPv3 authPriv for the verification poller.
     `snmp-server group G v3 priv read V access ACL` and `snmp-server view V iso included`:
     Cisco snmp-server command reference (cisco.com/en/US/docs/ios/ipv6/command/reference/ipv6_17.html) [CI-snmp],
     Cisco's own pyATS library (github CiscoTestAutomation/genielibs
     pkgs/sdk-pkg/src/genie/libs/sdk/apis/iosxe/snmp/configure.py: `snmp-server group {g} {v} {priv} read {view} access {acl}`,
     `snmp-server view {view} {oid} included`).
     `auth sha-2 256 ... priv aes 128 ...`: genielibs configure_snmp_server_user for iosxe, whose unit test on a
     C1113 (IOS-XE) expects `snmp-server user snmp_user snmp_group v3 auth sha-2 256 cisco123 priv aes 256 cisco123`;
     the same form in Ansible cisco.ios [AN-ios]. AES key length 128 per the command reference (`aes {128|192|256}`).
     UNCONFIRMED: the first IOS-XE release with `sha-2 256` (all sample routers run 17.18).
     Note: IOS does not print `snmp-server user` lines in show running-config (the keys are localized and
     kept elsewhere; Ansible cisco.ios warns of it) - the line below is config to apply, and will always look
     "missing" from a running config: verify it with an SNMPv3 GET, not with the diff.
     snmp.auth is the protocol the poller uses for this router (vendor-profiles.yaml snmp.auth, or the
     router's credentials.snmp_auth): sha256 = `sha-2 256`; sha1 = `sha` (HMAC-SHA1-96, [CI-snmp] `auth {md5 | sha}`). -->
snmp-server group ${snmp.group} v3 priv read ${snmp.view} access ${snmpAcl}
snmp-server view ${snmp.view} iso included
snmp-server user ${snmp.user} ${snmp.group} v3 auth ${(snmp.auth == "sha256")?then("sha-2 256", "sha")} ${snmp.auth_key} priv aes 128 ${snmp.priv_key}
!
<#-- Login banner. show running-config prints the banner delimiter (ETX, Ctrl-C) as the two characters
     `^C` (ciscoconfparse issue #4; napalm-ios issue #23: loading needs the real ETX, chr(3), "a ctrl-C in the
     file, but as a single character"). The output must be printable ASCII, so the show-run form `^C` is
     rendered; the banner text can never hold `^`, so `^` alone is also a safe literal delimiter.
     UNCONFIRMED: how the push driver sends it (ETX, or `^` with the trailing C) - it must not paste
     `banner login ^C` literally, which makes `^` the delimiter and can leave a stray "C" in the banner
     (batfish issue #2127, netutils PR #69). -->
banner login ^C
${banner}
^C
!
<#-- SSH only, from the management networks only: `transport input ssh` and `access-class <acl> in` on
     `line vty 0 4` [G:3751400103][G:62495022465]; show run prints access-class before transport input.
     UNCONFIRMED: C8000 routers have more vty lines than 0-4 (show run of IOS-XE 17 routers lists e.g.
     `line vty 5 20`); those are left to the router and must be closed by the base config. -->
line vty 0 4
 access-class ${sshAcl} in
 transport input ssh
!
<#list ntp_servers as server>
ntp server ${server}
</#list>
!
end
