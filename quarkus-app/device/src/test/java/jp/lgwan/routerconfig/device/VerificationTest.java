package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import jp.lgwan.routerconfig.inventory.SnmpCapabilities;
import jp.lgwan.routerconfig.inventory.SnmpObject;
import jp.lgwan.routerconfig.inventory.SnmpPrivProtocol;
import org.junit.jupiter.api.Test;

/**
 * The post-check's rules on snapshots made by hand: which source each fact is read from for what a
 * platform exposes, and what counts as a restart of the router rather than of its agent.
 */
class VerificationTest {

    private static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");
    private static final SnmpCapabilities FRR_HOST = new SnmpCapabilities(List.of(SnmpAuthProtocol.SHA256), List.of(SnmpPrivProtocol.AES128),
            List.of(SnmpObject.IF_NAME, SnmpObject.IF_HIGH_SPEED, SnmpObject.IF_ALIAS, SnmpObject.DOT3_STATS_DUPLEX_STATUS,
                    SnmpObject.HR_SYSTEM_UPTIME, SnmpObject.SNMP_ENGINE_BOOTS));
    private static final SnmpCapabilities MIB_II_ONLY = new SnmpCapabilities(List.of(SnmpAuthProtocol.SHA1), List.of(SnmpPrivProtocol.AES128), List.of());

    private static RouterSnapshot snapshot(Instant at, String engineId, long sysUpTime, Long hostUptime, Long boots, RouterSnapshot.InterfaceStatus wan) {
        return new RouterSnapshot(at, "test", "lgrt.test.lgwan.jp", engineId, new RouterSnapshot.Reading(sysUpTime, "sysUpTime 1.3.6.1.2.1.1.3.0"),
                hostUptime == null ? null : new RouterSnapshot.Reading(hostUptime, "hrSystemUptime 1.3.6.1.2.1.25.1.1.0"),
                boots == null ? null : new RouterSnapshot.Reading(boots, "snmpEngineBoots 1.3.6.1.6.3.10.2.1.2.0"), List.of(wan));
    }

    private static RouterSnapshot.InterfaceStatus wan(String name, String nameSource, String alias, RouterSnapshot.Duplex duplex, long speed,
                                                      String speedSource) {
        return new RouterSnapshot.InterfaceStatus(2, name, nameSource, alias, true, true, speed, speedSource, duplex, 0, 0);
    }

    private static final RouterSnapshot.InterfaceStatus FULL_SNMP = wan("eth0", "ifName", "LGWAN line", RouterSnapshot.Duplex.FULL, 1000, "ifHighSpeed");

    private static Map<String, Verification.Check> byName(Verification.Result result) {
        return result.checks().stream().collect(Collectors.toMap(Verification.Check::name, c -> c));
    }

    @Test
    void restartingOnlyTheAgentOfAHostIsNoRestart() {
        Verification.IntendedWan intended = new Verification.IntendedWan("lgrt.test.lgwan.jp", "eth0", InterfaceMode.AUTO, "LGWAN line", 100, FRR_HOST);
        RouterSnapshot baseline = snapshot(T0, "80001f88", 879, 500_000L, 3L, FULL_SNMP);
        // snmpd restarted 3 s ago: its sysUpTime is back at 301 and its engine counted a boot; the host is up 10 s longer
        RouterSnapshot after = snapshot(T0.plusSeconds(10), "80001f88", 301, 501_000L, 4L, FULL_SNMP);
        Verification.Check restart = byName(Verification.of(intended, baseline, after, after, false)).get("restart");
        assertEquals(new Verification.Check("restart", true, "no restart", "no restart (hrSystemUptime 500000 -> 501000, sysUpTime 879 -> 301)",
                "snmp hrSystemUptime 1.3.6.1.2.1.25.1.1.0"), restart);
        // the host rebooted: its uptime went back
        RouterSnapshot rebooted = snapshot(T0.plusSeconds(600), "80001f88", 2_000, 4_000L, 4L, FULL_SNMP);
        assertEquals("restarted (hrSystemUptime 500000 -> 4000, sysUpTime 879 -> 2000)",
                byName(Verification.of(intended, baseline, rebooted, rebooted, true)).get("restart").actual());
        assertTrue(byName(Verification.of(intended, baseline, rebooted, rebooted, true)).get("restart").passed());
    }

    @Test
    void aDeviceRestartIsTheEngineCountingABoot() {
        Verification.IntendedWan intended = new Verification.IntendedWan("lgrt.test.lgwan.jp", "eth0", InterfaceMode.AUTO, "LGWAN line", 100,
                SnmpCapabilities.STANDARD);
        RouterSnapshot baseline = snapshot(T0, "80000009", 4_294_967_000L, null, 7L, FULL_SNMP);
        // sysUpTime wrapped past 2^32 (497 days): the same boot, no restart
        RouterSnapshot wrapped = snapshot(T0.plusSeconds(30), "80000009", 2_704L, null, 7L, FULL_SNMP);
        assertEquals(new Verification.Check("restart", true, "no restart", "no restart (engine boots 7 -> 7, sysUpTime 4294967000 -> 2704)",
                "snmp snmpEngineBoots 1.3.6.1.6.3.10.2.1.2.0, sysUpTime 1.3.6.1.2.1.1.3.0"), byName(Verification.of(intended, baseline, wrapped, wrapped,
                false)).get("restart"));
        RouterSnapshot reloaded = snapshot(T0.plusSeconds(300), "80000009", 12_000L, null, 8L, FULL_SNMP);
        assertFalse(byName(Verification.of(intended, baseline, reloaded, reloaded, false)).get("restart").passed());
    }

    @Test
    void withoutEngineBootsAWrapOfSysUpTimeIsNoRestartButAFallIs() {
        assertFalse(Verification.wentBack(4_294_967_000L, 2_704L, 3_000), "wrapped: 4294967000 + 30 s lands at 2704");
        assertTrue(Verification.wentBack(879, 301, 1_000), "fell without wrapping");
        assertFalse(Verification.wentBack(301, 879, 600), "rose");
        assertTrue(Verification.wentBack(4_294_967_000L, 2_704L, Duration.ofDays(3).toMillis() / 10), "too far off the wrap to be one");
    }

    /** A platform with MIB-II alone (Yamaha RTX): speed, duplex and description come from the CLI, each named. */
    @Test
    void whatThePlatformDoesNotExposeIsReadOnTheCliAndSaysSo() {
        Verification.IntendedWan intended = new Verification.IntendedWan("lgrt.test.lgwan.jp", "lan2", InterfaceMode.AUTO, "LGWAN line", 100, MIB_II_ONLY);
        RouterSnapshot.InterfaceStatus mibTwo = wan("LAN2", "ifDescr", null, null, 1000, "ifSpeed");
        RouterSnapshot snapshot = snapshot(T0, "8000049e03", 100, null, 1L, mibTwo);
        InterfaceFacts cli = new InterfaceFacts("lan2", true, 1000, RouterSnapshot.Duplex.FULL, "show status lan2", "LGWAN line", "show config");
        Map<String, Verification.Check> checks = byName(Verification.of(intended, null, snapshot, snapshot, false, cli));
        assertEquals(new Verification.Check("wan-speed", true, ">= 100 Mbps (auto)", "1000 Mbps", "cli show status lan2"), checks.get("wan-speed"));
        assertEquals(new Verification.Check("wan-duplex", true, "full", "full", "cli show status lan2"), checks.get("wan-duplex"));
        assertEquals(new Verification.Check("wan-description", true, "\"LGWAN line\"", "\"LGWAN line\"", "cli show config"), checks.get("wan-description"));
        assertEquals("snmp ifAdminStatus 1.3.6.1.2.1.2.2.1.7, ifOperStatus 1.3.6.1.2.1.2.2.1.8", checks.get("wan-up").source());

        // nothing read on the CLI: the checks fail naming why, never pass on a value nobody read
        Map<String, Verification.Check> blind = byName(Verification.of(intended, null, snapshot, snapshot, false, null));
        assertEquals(new Verification.Check("wan-duplex", false, "full", "not read: the platform exposes no dot3StatsDuplexStatus and its dialect"
                + " names no CLI command for it", "none"), blind.get("wan-duplex"));
        assertFalse(blind.get("wan-description").passed());
        assertEquals(new Verification.Check("wan-speed", true, ">= 100 Mbps (auto)", "1000 Mbps", "snmp ifSpeed 1.3.6.1.2.1.2.2.1.5"), blind.get("wan-speed"));
    }
}
