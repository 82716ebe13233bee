package jp.lgwan.routerconfig.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample inventory the service runs on by default: clean today, and covering what the issue asks of it. */
class SampleInventoryTest {

    private static LoadResult sample;

    @BeforeAll
    static void load() throws Exception {
        sample = new InventoryLoader().load(Paths.get("inventory"), LocalDate.now(ZoneId.of("Asia/Tokyo")));
    }

    private static List<Organization> organizations() {
        return sample.inventory().organizations();
    }

    @Test
    void validatesWithoutAnyFinding() {
        assertEquals(List.of(), sample.findings());
    }

    @Test
    void coversTheKindsOfOrganizationAndAtLeastThreePrefectures() {
        assertTrue(organizations().size() >= 12, "at least 12 organizations");
        assertTrue(organizations().stream().map(Organization::prefecture).distinct().count() >= 3, "at least 3 prefectures");
        Set<OrganizationKind> kinds = organizations().stream().map(Organization::kind).collect(Collectors.toSet());
        for (OrganizationKind kind : List.of(OrganizationKind.PREFECTURE, OrganizationKind.MUNICIPALITY, OrganizationKind.PARTIAL_AFFAIRS_ASSOCIATION,
                OrganizationKind.WIDE_AREA_UNION, OrganizationKind.ASP_HOSTING_PROVIDER)) {
            assertTrue(kinds.contains(kind), "has a " + kind);
        }
        assertTrue(organizations().stream().anyMatch(o -> "011002".equals(o.code())), "has the designated city Sapporo");
    }

    @Test
    void usesEveryVendorProfileBothLineKindsAndAFixedModeDevice() {
        Set<String> profiles = organizations().stream().flatMap(o -> o.routers().stream()).map(ConnectionRouter::vendorProfile)
                .collect(Collectors.toSet());
        assertEquals(Set.of("cisco-iosxe", "juniper-junos", "yamaha-rtx", "nec-ix", "frr"), profiles);
        List<AccessLine> lines = organizations().stream().flatMap(o -> o.accessLines().stream()).toList();
        assertEquals(Set.of(AccessLineKind.PREFECTURE_WAN, AccessLineKind.CARRIER_LINE), lines.stream().map(AccessLine::kind).collect(Collectors.toSet()));
        assertTrue(lines.stream().anyMatch(l -> !l.terminationDevice().mode().auto()), "a fixed-mode termination device");
        assertTrue(organizations().stream().flatMap(o -> o.routers().stream()).anyMatch(r -> r.redundancyPeer() != null), "a redundancy pair");
    }
}
