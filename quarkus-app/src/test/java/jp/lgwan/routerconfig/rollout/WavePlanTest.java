package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Credentials;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.InterfaceRole;
import jp.lgwan.routerconfig.inventory.Ipv4Address;
import jp.lgwan.routerconfig.inventory.RouterInterface;
import org.junit.jupiter.api.Test;

class WavePlanTest {

    private static ConnectionRouter router(String hostname, String profile, String peer) {
        return new ConnectionRouter(hostname, profile, "M", "1", Ipv4Address.parse("10.0.0.1"), "global-address/" + hostname,
                "SHA256:" + "A".repeat(43), new Credentials("ssh/x", null, "snmp/x", null),
                List.of(new RouterInterface("wan0", InterfaceRole.WAN, null, null, InterfaceMode.AUTO)), peer);
    }

    @Test
    void theCanaryWaveHoldsTheFirstRoutersOfEachProfileAndRunsAlone() {
        List<ConnectionRouter> routers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            routers.add(router("r" + i + ".ios", "cisco-iosxe", null));
            routers.add(router("r" + i + ".junos", "juniper-junos", null));
        }
        Map<String, Integer> waves = WavePlan.of(routers, 1, 3);
        assertEquals(List.of("r0.ios", "r0.junos"), waves.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).sorted().toList());
        Map<Integer, Long> sizes = waves.values().stream().collect(Collectors.groupingBy(w -> w, Collectors.counting()));
        assertEquals(Map.of(0, 2L, 1, 3L, 2, 3L, 3, 2L), sizes);
        assertEquals(2, WavePlan.of(routers, 2, 100).values().stream().distinct().count(), "two canaries per profile, then one wave");
    }

    @Test
    void theTwoRoutersOfAPairNeverShareAWave() {
        List<ConnectionRouter> routers = List.of(router("a.lgrt", "cisco-iosxe", "a.lgsu"), router("a.lgsu", "cisco-iosxe", "a.lgrt"),
                router("b.lgrt", "yamaha-rtx", "b.lgsu"), router("b.lgsu", "juniper-junos", "b.lgrt"), router("c.lgrt", "cisco-iosxe", null));
        Map<String, Integer> waves = WavePlan.of(routers, 1, 100);
        assertNotEquals(waves.get("a.lgrt"), waves.get("a.lgsu"));
        assertNotEquals(waves.get("b.lgrt"), waves.get("b.lgsu"), "not even as canaries of different profiles");
        assertEquals(5, waves.size());
        assertTrue(waves.values().stream().allMatch(w -> w >= 0 && w <= 2), waves.toString());
    }

    @Test
    void aWaveNeedsRoom() {
        assertThrows(IllegalArgumentException.class, () -> WavePlan.of(List.of(), 1, 0));
    }
}
