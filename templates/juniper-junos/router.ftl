<#-- Juniper Junos (branch SRX: SRX300 / SRX345). Written as `set` commands, one per line, as
     `show configuration | display set` prints them: loadable with `load set`, and compared by the diff
     as an unordered set (dialect.yaml). Only the part of the config we own is rendered.
     No "#" comment lines are printed: everything explanatory stays in Freemarker comments.
     Sources are named next to each block; shared/VENDORS.md section 2 has the source keys. -->
<#if snmp.version != "v3">
<#-- The model carries SNMPv3 keys only (no community), so a v2c router cannot be rendered truthfully:
     fail this router instead of printing an SNMPv3 config it does not use. -->
<#stop "snmp.version is " + snmp.version + "; the juniper-junos template renders SNMPv3 (authPriv) only">
</#if>
<#-- A value as display set prints it: in double quotes when it holds a space, bare otherwise.
     (Inventory text is CLI-safe: it never holds a double quote.) -->
<#function q value>
<#if value?contains(" ")>
<#return "\"" + value + "\"">
</#if>
<#return value>
</#function>
<#-- Junos speed tokens: 10m, 100m, 1g (speed (Ethernet) statement, junos13.2
     speed-edit-interfaces-ethernet.html; 10g for 10-Gigabit ports). -->
<#function speedToken mbps>
<#if mbps lt 1000>
<#return mbps?c + "m">
</#if>
<#return (mbps / 1000)?c + "g">
</#function>
<#-- Host name (host-name statement, [edit system]; juniper.net junos13.1 host-name-edit-system.html). -->
set system host-name ${router.hostname}
<#-- Pre-login banner: `system login message` ("announcement" would be the post-login one)
     [JU-st: Ansible junipernetworks.junos junos_banner docs; a real 21.2 config shows
     `login { ... message "..."; }`, pastebin.com/tGFD8X5q]. -->
set system login message "${banner}"
<#list interfaces as itf>
<#if itf.description??>
set interfaces ${itf.name} description ${q(itf.description)}
</#if>
<#-- Interface mode on branch-SRX ge ports.
     Plain statements at [edit interfaces <if>], not the EX/QFX `ether-options` form: `speed` (Ethernet)
     and `link-mode` live at [edit interfaces interface-name] (juniper.net/documentation/en_US/junos13.2/topics/
     reference/configuration-statement/speed-edit-interfaces-ethernet.html and
     juniper.net/documentation/en_US/junos/topics/reference/configuration-statement/link-mode-edit-interfaces.html,
     whose notes name SRX340/SRX345: "Starting in Junos OS release 18.4R1, half-duplex mode is supported
     on SRX340 and SRX345 devices"); `ether-options speed/link-mode` is the EX-series hierarchy
     (speed-interfaces-ex-series.html). A real SRX set config uses the same plain form
     (`set interfaces ge-0/0/0 speed 100m` / `link-mode full-duplex` / `gigether-options no-auto-negotiation`).
     Auto: no statement at all. Autonegotiation is the default on copper GE ports, and `speed auto` is
     documented for MX Series only ("You can specify the auto option only on MX Series routers",
     junos13.1 speed-edit-interfaces-ethernet.html).
     Fixed: `speed` + `link-mode`; below 1 Gbps also `gigether-options no-auto-negotiation`, because with
     negotiation on the configured values are only advertised and a forced peer would be met by parallel
     detection (half duplex). Not at 1 Gbps: "When you configure Tri-Rate Ethernet copper interfaces to
     operate at 1 Gbps, autonegotiation must be enabled" (auto-negotiation statement,
     juniper.net/documentation/us/en/software/junos/interfaces-ethernet/topics/ref/statement/auto-negotiation-edit-interfaces.html).
     UNCONFIRMED: that SRX300/SRX345 accept `gigether-options no-auto-negotiation` (the statement's hierarchy
     lists both ether-options and gigether-options; only third-party SRX configs show the gigether form). -->
<#if !itf.mode.auto>
set interfaces ${itf.name} speed ${speedToken(itf.mode.speed)}
set interfaces ${itf.name} link-mode ${itf.mode.duplex}-duplex
<#if itf.mode.speed lt 1000>
set interfaces ${itf.name} gigether-options no-auto-negotiation
</#if>
</#if>
<#if itf.address??>
set interfaces ${itf.name} unit 0 family inet address ${itf.address.cidr}
</#if>
</#list>
<#-- WAN shaping to the contracted bandwidth on the physical interface:
     `set class-of-service interfaces <if> shaping-rate <rate>`, rate in bps or with k/m/g suffix
     ("Configuring the Shaping Rate for Physical Interfaces",
     juniper.net/documentation/us/en/software/junos/cos/topics/task/cos-shaping-rate-on-physical-interfaces-configuring.html) [JU-shp].
     Branch SRX support: "With SRX300, SRX320, SRX340, SRX345, SRX550m, SRX1500, SRX1600, and vSRX2.0
     firewalls, you can configure both logical interface shaping rates and physical interface shaping rates
     on the same physical interface" (shaping-rate (Schedulers), juniper.net/documentation/us/en/software/junos/
     cos-hierarchical/cos/topics/ref/statement/shaping-rate-edit-cos-schedulers.html) - the old note that
     physical shaping-rate is not allowed applies to J Series.
     UNCONFIRMED: whether display set prints the rate back as entered (`1000m`) or normalized (`1g`). -->
set class-of-service interfaces ${wan.name} shaping-rate ${line.bandwidth_mbps?c}m
<#-- Static routes over the access line [JU-st: junos13.1 static-edit-routing-options.html]. -->
<#list routes as route>
set routing-options static route ${route.cidr} next-hop ${route.next_hop}
</#list>
<#-- SSH: protocol version 2 and no root login. Current Junos reference "ssh (System Services)":
     `protocol-version [v2]; ... root-login (allow | deny | deny-password)`
     (juniper.net/documentation/en_US/junos/topics/reference/configuration-statement/root-login-edit-system.html);
     CIS Juniper OS benchmark 6.10.1.2 "Ensure SSH is Restricted to Version 2": `set protocol-version v2`
     at [edit system services ssh] (tenable.com/audits/items/CIS_Juniper_OS_v2.1.0_L1.audit:73d7f9a024ceb66bef5023225c68c8ed).
     Source restriction to management_sources: Junos has no per-service client list for SSH; the mechanism is
     a firewall filter on lo0 (out of scope here). -->
set system services ssh root-login deny
set system services ssh protocol-version v2
<#-- SRX: traffic to the router itself reaches it from an interface only as its security zone allows
     (`host-inbound-traffic`: "Control the type of traffic that can reach the device from interfaces bound to the
     zone", Junos ES 9.3 reference host-inbound-traffic.html, [JU-misc] in shared/VENDOR-CHECK.md); the
     operating body polls SNMP and logs in over SSH through the access line, so the WAN's unit 0 is bound to a zone of
     ours, LGWAN, allowing both. The router's base config must not bind that unit to another zone (an interface is in
     one zone only); its other zones and its security policies stay the router's. UNCONFIRMED: the order display set
     prints these in. -->
set security zones security-zone LGWAN interfaces ${wan.name}.0 host-inbound-traffic system-services ssh
set security zones security-zone LGWAN interfaces ${wan.name}.0 host-inbound-traffic system-services snmp
<#-- SNMPv3 authPriv for the verification poller:
     USM user with `authentication-sha256` (Juniper "Configure SNMPv3 Authentication Type and Encryption Type",
     juniper.net/documentation/us/en/software/junos/network-mgmt/topics/topic-map/configure-the-snmpv3-authentication-type-and-encryption-type.html;
     DISA STIG for the Juniper SRX, SV-223224, requires SNMPv3 with SHA256 or higher) and `privacy-aes128`;
     VACM group mapping and a privacy-level read view [JU-v3; junos13.1 access-privileges-for-a-group-configuring-junos-nm.html].
     The view: `set snmp view <v> oid .1 include` (everything under the root). Seen in third-party code only
     (e.g. github jeremmfr/terraform-provider-junos emits `set snmp view "<name>" oid <oid> include`, and several
     onboarding generators emit `set snmp view all oid .1 include`); the vendor page for [edit snmp view] was
     not reachable - UNCONFIRMED by Juniper documentation.
     Keys: Junos stores the passwords as `authentication-key "$9$..."` / `privacy-key "$9$..."` (gist
     rendaw/541c41527d9c576305dd), so display set never shows the `*-password` lines below: verify with an
     SNMPv3 GET, not with the diff. They are quoted because the real secret replacing the placeholder at
     push time may hold characters the CLI would otherwise split on.
     Source restriction: `client-list` / `clients` exist only under [edit snmp community] (v1/v2c;
     junos13.2 clients-edit-snmp.html, client-list-edit-snmp.html); SNMPv3 has no client list [JU-v3], so
     management_sources can only be enforced by a lo0 firewall filter (out of scope). Nothing is rendered
     for it here.
     snmp.auth is the protocol the poller uses for this router (vendor-profiles.yaml snmp.auth, or the
     router's credentials.snmp_auth): sha256 = `authentication-sha256`, sha1 = `authentication-sha`
     (HMAC-SHA1-96; same Juniper page). -->
set snmp view ${snmp.view} oid .1 include
set snmp v3 usm local-engine user ${snmp.user} authentication-${(snmp.auth == "sha256")?then("sha256", "sha")} authentication-password "${snmp.auth_key}"
set snmp v3 usm local-engine user ${snmp.user} privacy-aes128 privacy-password "${snmp.priv_key}"
set snmp v3 vacm security-to-group security-model usm security-name ${snmp.user} group ${snmp.group}
set snmp v3 vacm access group ${snmp.group} default-context-prefix security-model usm security-level privacy read-view ${snmp.view}
<#-- NTP and remote syslog [G:62495022465; G:25464553875 DISA STIG text]. -->
<#list ntp_servers as server>
set system ntp server ${server}
</#list>
<#list syslog_servers as server>
set system syslog host ${server} any notice
</#list>
