package jp.lgwan.routerconfig.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;

/**
 * What a virtual router runs besides what the project renders, as a real one would on the day we
 * first push to it: the lines its operator, its factory defaults and its other tools put there
 * (version and boot markers, users and their password hashes, the archive, the licence, aaa,
 * crypto, console lines, root-authentication, other security zones and policies, console settings,
 * BGP, {@code no ipv6 forwarding} ...) — none of which the project owns. Every lab router boots
 * with it around its rendered config, so that a push which touched anything unowned shows in its
 * running config (the driver contract test checks those lines byte for byte after every step).
 *
 * <p>The lines are shaped like public configurations of each platform (sources per block); their
 * values are made up. Secrets are fake hashes.
 */
public final class LabBaseConfig {

    private LabBaseConfig() {
    }

    /** The boot config of {@code router}: its rendered (owned) config with the base config of its platform around it. */
    public static String boot(ConnectionRouter router, String rendered) {
        return switch (router.vendorProfile()) {
            case "cisco-iosxe" -> iosXe(router, rendered);
            case "juniper-junos" -> junos(router, rendered);
            case "yamaha-rtx" -> yamaha(router, rendered);
            case "nec-ix" -> necIx(router, rendered);
            case "frr" -> frr(router, rendered);
            default -> rendered;
        };
    }

    /**
     * IOS-XE 17 on a C8200/C8300, in show running-config order (a C8000v/ISR4000 show run: version,
     * service and platform lines, boot markers, the Mgmt-intf VRF, aaa, licence, the archive the revert
     * timer needs [Cisco IOS XE 17 "Configuration Rollback Confirmed Change"], crypto pki self-signed
     * trustpoint, a privilege-15 user with a type 9 secret, the management port GigabitEthernet0 in its VRF,
     * control-plane, line con/aux, line vty 5 15). The inventory's interfaces and line vty 0 4 get
     * lines of the router's own too (load-interval, login local, exec-timeout).
     */
    static String iosXe(ConnectionRouter router, String rendered) {
        Text text = new Text(rendered);
        text.before(line -> line.startsWith("hostname "), """
                version 17.18
                service timestamps debug datetime msec
                service timestamps log datetime msec
                service password-encryption
                service call-home
                platform qfp utilization monitor load 80
                platform punt-keepalive disable-kernel-core
                !""");
        text.after(line -> line.startsWith("ip domain name ") || line.startsWith("hostname "), """
                !
                boot-start-marker
                boot-end-marker
                !
                vrf definition Mgmt-intf
                 !
                 address-family ipv4
                 exit-address-family
                !
                aaa new-model
                aaa authentication login default local
                aaa authorization exec default local
                aaa session-id common
                !
                login on-success log
                !
                license udi pid %s sn FGL2621LABA
                license boot level network-advantage
                memory free low-watermark processor 68484
                !
                archive
                 path bootflash:archive
                 maximum 14
                !
                crypto pki trustpoint TP-self-signed-3504815203
                 enrollment selfsigned
                 subject-name cn=IOS-Self-Signed-Certificate-3504815203
                 revocation-check none
                 rsakeypair TP-self-signed-3504815203
                !
                diagnostic bootup level minimal
                !
                username lgwan-admin privilege 15 secret 9 $9$lAbAsEcReTlAbA$0vXq6cFm7yQ1aZt3T0lXoE8pW9hDq2JmKsLrNbVcUxY
                !
                redundancy
                !""".formatted(router.model()));
        for (var itf : router.interfaces()) {
            text.endOfBlock("interface " + itf.name(), " load-interval 30");
        }
        text.afterLastBlock("interface ", """
                interface GigabitEthernet0
                 vrf forwarding Mgmt-intf
                 no ip address
                 shutdown
                 negotiation auto
                !""");
        text.before(line -> line.startsWith("ip route "), """
                ip forward-protocol nd
                no ip http server
                no ip http secure-server""");
        text.afterLast(line -> line.startsWith("ip route "), "ip route vrf Mgmt-intf 0.0.0.0 0.0.0.0 192.168.255.1");
        text.before(line -> line.startsWith("banner login "), """
                control-plane
                !""");
        text.before(line -> line.equals("line vty 0 4"), """
                line con 0
                 exec-timeout 15 0
                 stopbits 1
                line aux 0""");
        text.insertInBlock("line vty 0 4", line -> line.startsWith(" transport input"), " exec-timeout 15 0\n login local");
        text.endOfBlock("line vty 0 4", """
                line vty 5 15
                 login local
                 transport input none""");
        return text.toString();
    }

    /**
     * Junos 24.4 on a branch SRX (a factory-default-like SRX300 config: version, root-authentication,
     * a super-user with an SHA-512 hash and an SSH key, netconf, syslog files, the trust zone with the
     * LAN in it and its security policies, a firewall filter on the LAN, and a second SNMPv3 user
     * with its $9$ keys; root-authentication is mandatory, commits fail without it).
     */
    static String junos(ConnectionRouter router, String rendered) {
        String lan = router.interfaces().stream().filter(i -> i.role() != jp.lgwan.routerconfig.inventory.InterfaceRole.WAN)
                .map(i -> i.name()).findFirst().orElse("ge-0/0/1");
        return """
                set version %s
                set system root-authentication encrypted-password "$6$lAbSaLt$Yp0c3Nq7oWmZ9hT2xK4vB6sD8fG1jL3nQ5rU7wY9aC2eE4gI6kM8oP0sR2tV4xZ6bD8fH0jL2nP4rT6vX8zB0"
                set system login user lgwan-admin uid 2000
                set system login user lgwan-admin class super-user
                set system login user lgwan-admin authentication encrypted-password "$6$lAbSaLt$Qw1e2R3t4Y5u6I7o8P9a0SdFgHjKlZxCvBnMqWeRtYuIoPaSdFgHjKlZxCvBnMqWeRtYuIoPaSdFgHjKlZxCvB"
                set system services netconf ssh
                set system syslog file messages any any
                set system syslog file interactive-commands interactive-commands any
                set system time-zone Asia/Tokyo
                """.formatted(router.osVersion())
                + rendered.stripTrailing() + "\n"
                + """
                set interfaces %1$s unit 0 family inet filter input LAN-IN
                set firewall family inet filter LAN-IN term all then accept
                set security zones security-zone trust host-inbound-traffic system-services ping
                set security zones security-zone trust interfaces %1$s.0
                set security policies from-zone trust to-zone LGWAN policy lan-to-lgwan match source-address any
                set security policies from-zone trust to-zone LGWAN policy lan-to-lgwan match destination-address any
                set security policies from-zone trust to-zone LGWAN policy lan-to-lgwan match application any
                set security policies from-zone trust to-zone LGWAN policy lan-to-lgwan then permit
                set snmp v3 usm local-engine user noc-monitor authentication-sha256 authentication-key "$9$lAbKeY1.mT3nQ6p0BEcyKvWxNdbs2oJDi"
                set snmp v3 usm local-engine user noc-monitor privacy-aes128 privacy-key "$9$lAbKeY2.Fn/tOBIcyeKMWxdVYgoaZUjq."
                """.formatted(lan);
    }

    /**
     * RTX830/1220/1300 show config: a login user and its attributes, the login password (shown
     * encrypted), the time zone, console settings, a DNS server — §2 (login user), §4.22-4.24
     * (console) of the NVR500 command reference in github highgain86j/RTX_ConfigBuilder
     * command.d/frompdf/nvr500.html. The console settings are the router's; the driver's session
     * set-up must leave them as it found them. The administrator password is not a line here: the
     * lab RTX holds it as device state ({@link YamahaRtxCli.Device}), so a lab router may have none.
     */
    static String yamaha(ConnectionRouter router, String rendered) {
        return """
                login user lgwan-admin encrypted Lab0PaSsWoRdHaSh
                user attribute lgwan-admin connection=ssh
                login password encrypted Lab2LoGiNhAsH
                timezone +09:00
                console character ja.utf8
                console lines 24
                dns server 198.18.0.53
                """ + rendered;
    }

    /**
     * IX show running-config (3rd-party IX captures, e.g. github FoxBoxsnet/try-conbu docs/networks/vpn/ix/ix-settings.md):
     * time zone and logging after the hostname, an administrator user with a hashed password, a
     * loopback interface; the inventory's interfaces keep an MSS clamp of the router's own.
     */
    static String necIx(ConnectionRouter router, String rendered) {
        Text text = new Text(rendered);
        text.after(line -> line.startsWith("hostname "), """
                timezone +09 00
                logging buffered 131072
                logging subsystem all warn
                logging timestamp datetime
                !
                username lgwan-admin password hash 0A1B2C3D4E5F60718293 administrator""");
        for (var itf : router.interfaces()) {
            text.insertInBlock("interface " + itf.name(), line -> line.strip().equals("no shutdown"), "  ip tcp adjust-mss auto");
        }
        text.afterLastBlock("interface ", """
                interface Loopback0.0
                  ip address 10.255.255.1/32
                !""");
        return text.toString();
    }

    /**
     * FRR 8.4 show running-config of a host that also runs bgpd and keeps IPv6 forwarding off
     * (Debian's default, shown as {@code no ipv6 forwarding}); measured on FRR 8.4.4 here:
     * {@code no ipv6 forwarding} among the first lines, {@code router bgp} after the interfaces with its
     * address family indented two blanks.
     */
    static String frr(ConnectionRouter router, String rendered) {
        Text text = new Text(rendered);
        text.after(line -> line.startsWith("log syslog"), "no ipv6 forwarding");
        for (var itf : router.interfaces()) {
            text.insertInBlock("interface " + itf.name(), line -> line.equals("exit"), " ipv6 nd suppress-ra");
        }
        text.before(line -> line.equals("end"), """
                router bgp 65001
                 bgp router-id 192.0.2.1
                 neighbor 192.0.2.2 remote-as 65000
                 !
                 address-family ipv4 unicast
                  network 172.16.0.0/24
                 exit-address-family
                exit
                !""");
        return text.toString();
    }

    /** A config as lines to insert into: each insertion at the first place its rule finds, nothing where it finds none. */
    private static final class Text {
        private final List<String> lines;

        Text(String text) {
            lines = new ArrayList<>(text.lines().toList());
        }

        void before(Predicate<String> at, String block) {
            for (int i = 0; i < lines.size(); i++) {
                if (at.test(lines.get(i))) {
                    lines.addAll(i, block.lines().toList());
                    return;
                }
            }
        }

        void after(Predicate<String> at, String block) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (at.test(lines.get(i))) {
                    lines.addAll(i + 1, block.lines().toList());
                    return;
                }
            }
        }

        void afterLast(Predicate<String> at, String block) {
            after(at, block);
        }

        /** Inserts {@code block} before the line of {@code header}'s block that {@code at} matches. */
        void insertInBlock(String header, Predicate<String> at, String block) {
            int start = lines.indexOf(header);
            if (start < 0) {
                return;
            }
            for (int i = start + 1; i < lines.size(); i++) {
                if (at.test(lines.get(i))) {
                    lines.addAll(i, block.lines().toList());
                    return;
                }
                if (!lines.get(i).startsWith(" ") && !lines.get(i).equals("exit")) {
                    return;
                }
            }
        }

        /** Appends {@code block} to the end of {@code header}'s block (after its indented lines). */
        void endOfBlock(String header, String block) {
            int start = lines.indexOf(header);
            if (start < 0) {
                return;
            }
            int i = start + 1;
            while (i < lines.size() && lines.get(i).startsWith(" ")) {
                i++;
            }
            lines.addAll(i, block.lines().toList());
        }

        /** Adds {@code block} after the last block whose header starts with {@code prefix} (and its closing "!"). */
        void afterLastBlock(String prefix, String block) {
            int last = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    last = i;
                }
            }
            if (last < 0) {
                return;
            }
            int i = last + 1;
            while (i < lines.size() && (lines.get(i).startsWith(" ") || lines.get(i).equals("exit"))) {
                i++;
            }
            if (i < lines.size() && lines.get(i).equals("!")) {
                i++;
            }
            lines.addAll(i, block.lines().toList());
        }

        @Override
        public String toString() {
            return String.join("\n", lines) + "\n";
        }
    }
}
