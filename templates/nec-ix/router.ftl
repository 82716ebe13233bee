<#-- NEC UNIVERGE IX (IX2106 / IX2310 / IX3110, Ver.10.x): the part of `show running-config` we own.
     Global lines first, then `device` blocks (physical port: speed, duplex), then `interface` blocks
     (logical: description, address); sub-lines are indented two spaces and every block ends with `!`.
     Sources (shared/VENDORS.md section 4 plus the look-ups named below):
       [IX-run]    real IX2215 Ver.10.7.18 `show running-config` captures: order hostname/timezone,
                   logging, username, `ip route`/`ip access-list`, `ssh-server ip enable`, one
                   `device GigaEthernetN` block per port (empty when all defaults), then `interface`
                   blocks ending in `no shutdown` (3rd-party, index ids 623059270, 58545638040,
                   51820205604; IX2025 Ver.9.5: `hostname` right after the header, id 43411409630);
                   `proxy-dns ip enable` printed before `proxy-dns ip access-list` (id 58545638040).
       [IX-cfg]    3rd-party IX setup notes (id 23688988158): `hostname ix01`, `syslog ip enable`,
                   `syslog ip host X`, `ntp server X`, `ssh-server ip enable`,
                   `ssh-server ip access-list ACL`, `ip route 172.16.11.0/24 10.0.0.1`,
                   `interface ... description WAN for Uplink` (unquoted, with spaces).
       [IX-acl]    `ip access-list NAME permit ip src 192.168.10.0/24 dest any` used for
                   `ssh-server ip access-list`; "SSHサーバはsrcのみを判定する" (3rd-party, id 69603649280).
       [IX-R-l1]   https://support.necplatforms.co.jp/ix-nrv/manual/fd/02_router/04_layer1-2.html
                   (device mode: `speed` Rateの設定, `duplex` Duplexの設定; IX-R/IX-V manual).
       [IX-dev]    github Rucdev/ix_ansible argspec/device_interfaces: speed {10,100,1000,auto},
                   duplex {auto,full,half} (3rd-party).
       [IX-R-snmp] https://support.necplatforms.co.jp/ix-nrv/manual/crm/cli/network-management/cli_snmp.html
                   (command list: snmp-agent ip enable, snmp-agent ip access-list, snmp-agent view,
                   snmpv3 group, snmpv3 user; IX-R/IX-V manual, arguments not stored).
     UNCONFIRMED: where `show running-config` prints the ntp/syslog/snmp lines relative to the
     `ip route` block; this follows [IX-run] for what it shows and puts the rest before it. -->
<#function device_of name>
  <#-- GigaEthernet0.0 -> GigaEthernet0; the port-VLAN form GigaEthernet2:2.0 -> GigaEthernet2 [IX-R-l1]. -->
  <#return name?replace("(:[0-9]+)?\\.[0-9]+$", "", "r")>
</#function>
<#assign acl = "lgwan-mgmt">
hostname ${router.hostname}
<#-- Login banner: no banner command for IX was found (shared/VENDORS.md section 4, [IX-R-snmp]
     manual tree); `banner` is not rendered. UNCONFIRMED. -->
!
<#list ntp_servers as server>
ntp server ${server}
</#list>
!
syslog ip enable
<#list syslog_servers as server>
syslog ip host ${server}
</#list>
!
<#list routes as route>
ip route ${route.cidr} ${route.next_hop}
</#list>
<#list management_sources as source>
ip access-list ${acl} permit ip src ${source.cidr} dest any
</#list>
!
<#if snmp.version == "v3">
<#-- [IX-R-snmp] names the commands; their arguments are UNCONFIRMED on IX2000/3000:
     `snmp-agent view NAME OID included`, `snmpv3 group NAME priv read VIEW`,
     `snmpv3 user NAME GROUP auth sha plain PASS priv aes plain PASS` (the last shaped like a 3rd-party
     test line `snmpv3 user user group auth sha plain X priv aes secret Y`, repository not identified).
     `sha` is taken as HMAC-SHA1-96 and `aes` as AES-128: whether IX2000/3000 offer SHA-2 was not found, so
     the verification poller must poll an IX with SHA-1/AES-128 as configured here, never SHA-256 (the SNMP
     auth is a fact of the vendor profile, not of the poller). The router likely shows the keys back in a
     `secret` (hashed) form: UNCONFIRMED. -->
<#if snmp.auth != "sha1">
<#stop "snmp.auth is " + snmp.auth + "; the nec-ix template renders `auth sha` (HMAC-SHA1-96) only">
</#if>
snmp-agent ip enable
snmp-agent ip access-list ${acl}
snmp-agent view ${snmp.view} 1.3.6.1 included
snmpv3 group ${snmp.group} priv read ${snmp.view}
snmpv3 user ${snmp.user} ${snmp.group} auth sha plain ${snmp.auth_key} priv aes plain ${snmp.priv_key}
<#else>
! SNMP ${snmp.version}: the model holds no community; not rendered
</#if>
!
<#-- [IX-cfg][IX-acl]; the host key (`pki private-key generate rsa`) is an operation, not config. -->
ssh-server ip enable
ssh-server ip access-list ${acl}
!
<#assign devices = []>
<#list interfaces as itf>
  <#if !devices?seq_contains(device_of(itf.name))>
    <#assign devices = devices + [device_of(itf.name)]>
device ${device_of(itf.name)}
    <#if !itf.mode.auto>
<#-- [IX-R-l1] commands, [IX-dev] values; auto is the default and not printed. UNCONFIRMED on
     IX2106/IX2310/IX3110 (only the IX-R/IX-V manual is stored), and 10000 for IX3110 10G ports. -->
  speed ${itf.mode.speed?c}
  duplex ${itf.mode.duplex}
    </#if>
!
  </#if>
</#list>
<#list interfaces as itf>
interface ${itf.name}
  <#if itf.description??>
  description ${itf.description}
  </#if>
  <#if itf.address??>
  ip address ${itf.address.cidr}
  </#if>
  <#if itf.name == wan.name>
<#-- Shape the WAN to the contracted bandwidth: `traffic-shape` is an interface-mode command
     ("インタフェースのトラフィックシェーピングの設定", IX-R/IX-V QoS manual
     https://support.necplatforms.co.jp/ix-nrv/manual/crm/cli/qos/cli_qos.html). UNCONFIRMED: the
     argument form `rate KBPS` (unit kbit/s assumed) and its place among the interface lines. -->
  traffic-shape rate ${line.bandwidth_kbps?c}
  </#if>
  no shutdown
!
</#list>
