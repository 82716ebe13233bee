package jp.lgwan.routerconfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which host settings a change holds: FRR's "! host:" lines that differ, nothing for dialects without them. */
class HostSettingsTest {

    private static final Dialect FRR = Dialect.load(Path.of("templates"), "frr");

    private static final String BEFORE = """
            hostname lgrt.example.lgwan.jp
            interface eth0
             description LGWAN line
            exit
            ! host: ethtool -s eth0 autoneg on
            ! host: tc qdisc replace dev eth0 root tbf rate 200mbit burst 256kb latency 50ms
            ! host: ntp server 198.18.0.123
            !
            end
            """;

    @Test
    void aDescriptionChangeHoldsNoHostSettings() {
        assertEquals(List.of(), HostSettings.changes(FRR, BEFORE, BEFORE.replace("LGWAN line", "LGWAN line (renamed)")));
    }

    @Test
    void aBandwidthChangeIsTheShapingLineDroppedAndTheNewOneAdded() {
        assertEquals(List.of("- ! host: tc qdisc replace dev eth0 root tbf rate 200mbit burst 256kb latency 50ms",
                        "+ ! host: tc qdisc replace dev eth0 root tbf rate 100mbit burst 256kb latency 50ms"),
                HostSettings.changes(FRR, BEFORE, BEFORE.replace("200mbit", "100mbit")));
    }

    @Test
    void aRouterNeverPushedHasEveryHostLineToApply() {
        assertEquals(List.of("+ ! host: ethtool -s eth0 autoneg on", "+ ! host: tc qdisc replace dev eth0 root tbf rate 200mbit burst 256kb latency 50ms",
                "+ ! host: ntp server 198.18.0.123"), HostSettings.changes(FRR, null, BEFORE));
    }

    @Test
    void aDialectWithoutHostLinesHasNone() {
        Dialect ios = Dialect.load(Path.of("templates"), "cisco-iosxe");
        assertEquals(List.of(), HostSettings.changes(ios, "hostname a\n", "hostname a\n! host: x\n"));
    }
}
