package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.Test;

/** The watchdog's way back from a change, on FRR's and IOS-XE's block syntax. */
class RestorePlanTest {

    private static final Dialect FRR = Dialect.load(Path.of("templates"), "frr");
    private static final Dialect IOS = Dialect.load(Path.of("templates"), "cisco-iosxe");

    @Test
    void undoesAddedLinesAndRetypesChangedOnesInsideTheirBlock() {
        String backup = "frr version 8.4.4\nhostname r1\n!\ninterface eth0\n description old\n ip address 192.0.2.1/30\nexit\n!\nip route 10.0.0.0/8 192.0.2.2\n!\nend\n";
        String current = "frr version 8.4.4\nhostname r1\n!\ninterface eth0\n description new text\n ip address 192.0.2.1/30\nexit\n!\nip route 10.0.0.0/8 192.0.2.2\n"
                + "ip route 198.18.0.0/24 192.0.2.2\n!\nend\n";
        // "description" is one setting: typing the old text replaces the new, no undo needed
        assertEquals(List.of("no ip route 198.18.0.0/24 192.0.2.2", "interface eth0", "description old", "exit"),
                RestorePlan.between(FRR, current, backup));
    }

    @Test
    void aBlockTheChangeCreatedGoesWholeAndANegationIsUndoneByItsPositive() {
        String backup = "hostname r1\n!\ninterface GigabitEthernet0/0/0\n negotiation auto\n!\nend\n";
        String current = "hostname r1\n!\ninterface GigabitEthernet0/0/0\n speed 100\n no negotiation auto\n!\npolicy-map SHAPE\n class class-default\n!\nend\n";
        assertEquals(List.of("no policy-map SHAPE", "interface GigabitEthernet0/0/0", "no speed 100", "negotiation auto", "exit"),
                RestorePlan.between(IOS, current, backup));
    }

    @Test
    void nothingToDoWhenNothingChanged() {
        String config = "hostname r1\n!\ninterface eth0\n description x\nexit\nend\n";
        assertEquals(List.of(), RestorePlan.between(FRR, "Building configuration...\n\nCurrent configuration:\n" + config, config));
    }

    /** A bandwidth change: the shaping rate is two blocks deep; each block is entered on the way and left after. */
    @Test
    void aLineInANestedBlockIsTypedInsideEveryBlockAboveIt() {
        String now = "policy-map LGWAN-WAN-SHAPE\n class class-default\n  shape average 1000000000\n!\n";
        String wanted = "policy-map LGWAN-WAN-SHAPE\n class class-default\n  shape average 100000000\n!\n";
        assertEquals(List.of("policy-map LGWAN-WAN-SHAPE", "class class-default", "shape average 100000000",
                "exit", "exit"), RestorePlan.between(IOS, now, wanted));
    }

    /** A setting with one value is typed anew, not undone first: FRR shows a daemon's and vtysh's own hostname line. */
    @Test
    void aSingleValuedSettingIsReplacedNotUndone() {
        assertEquals(List.of("hostname lgrt.test"), RestorePlan.between(FRR, "hostname lgrt.test\nhostname vm\n", "hostname lgrt.test\n"));
        assertEquals(List.of("hostname lgrt"), RestorePlan.between(IOS, "hostname Router\n", "hostname lgrt\n"));
    }

    /** Junos shows a typed password back as a $9$ key: present is equal, whatever the value; missing, it is typed as given. */
    @Test
    void aSecretTheRouterShowsItsOwnWayCountsByPresence() {
        Dialect junos = Dialect.load(Path.of("templates"), "juniper-junos");
        String shown = "set snmp v3 usm local-engine user u authentication-sha256 authentication-key \"$9$xyz\"\n";
        String typed = "set snmp v3 usm local-engine user u authentication-sha256 authentication-password k3y\n";
        assertEquals(List.of(), RestorePlan.between(junos, shown, typed));
        assertEquals(List.of("set snmp v3 usm local-engine user u authentication-sha256 authentication-password k3y"),
                RestorePlan.between(junos, "", typed));
    }
}
