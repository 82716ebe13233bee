package jp.lgwan.routerconfig.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample inventory the service runs on by default: clean on the pinned day {@link TestInventory#AS_OF}, and covering
 * what the issue asks of it. The pin is what keeps it green: on 2029-04-01 its earliest OS releases are past their end of support.
 */
class SampleInventoryTest {

    private static LoadResult sample;

    @BeforeAll
    static void load() throws Exception {
        sample = new InventoryLoader().load(Paths.get("inventory"), TestInventory.AS_OF);
    }

    private static List<Organization> organizations() {
        return sample.inventory().organizations();
    }

    @Test
    void validatesWithoutAnyFinding() {
        assertEquals(List.of(), sample.findings());
    }

    /** Without the pin the sample would turn red on 2029-04-01: Yamaha 15.02 and NEC 10.7 end on 2029-03-31. */
    @Test
    void isPastEndOfSupportOn20290401() throws Exception {
        assertEquals(List.of(), new InventoryLoader().load(Paths.get("inventory"), LocalDate.of(2029, 3, 31)).findings(), "supported on the last day");
        LoadResult later = new InventoryLoader().load(Paths.get("inventory"), LocalDate.of(2029, 4, 1));
        assertTrue(!later.isValid());
        assertEquals(Set.of("os-end-of-support"), later.findings().stream().map(Finding::ruleId).collect(Collectors.toSet()));
        assertEquals(Set.of("organizations/014087-akaigawa.yaml", "organizations/384844-matsuno.yaml", "organizations/013951-niseko.yaml",
                        "organizations/380008-ehime.yaml", "organizations/383864-kumakogen.yaml"),
                later.findings().stream().map(f -> f.file().substring(f.file().indexOf("organizations/"))).collect(Collectors.toSet()));
        assertTrue(later.findings().stream().allMatch(f -> f.field().equals("routers[0].os_version")), () -> later.findings().toString());
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
