package jp.lgwan.routerconfig.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import jp.lgwan.routerconfig.inventory.load.RecordBinder;
import jp.lgwan.routerconfig.inventory.load.SafeYamlReader;
import jp.lgwan.routerconfig.inventory.load.SourceLocations;
import jp.lgwan.routerconfig.inventory.load.YamlLimits;
import jp.lgwan.routerconfig.inventory.load.YamlWriter;
import org.junit.jupiter.api.Test;

/** What the writer writes, the binder reads back as the same records, whatever the strings hold. */
class YamlWriterTest {

    @Test
    void roundTripsAwkwardStrings() throws Exception {
        for (String text : List.of("011002", "yes", "no", "null", "~", "17.9.4", "a: b", "# not a comment", "quote \" and \\ backslash",
                "line\nbreak", "tab\there", "bell\u0007", "札幌市 情報政策課", " leading", "trailing ", "- dash", "[x]", "{y}", "*alias", "&anchor")) {
            Contact contact = new Contact(text, text, "ops@city.sapporo.lg.jp", null);
            assertEquals(contact, readBack(YamlWriter.write(contact)), () -> "round trip of " + RecordBinder.printable(text));
        }
    }

    @Test
    void roundTripsAGeneratedOrganization() throws Exception {
        Organization org = new jp.lgwan.routerconfig.inventory.generate.FleetGenerator(
                new VendorProfiles(List.of(new VendorProfile("frr", "FRRouting",
                        List.of(new VendorProfile.VendorModel("linux-x86", List.of(InterfaceMode.AUTO, InterfaceMode.parse("1000-full")), "eth0", "eth1",
                                EndOfSupport.on(TestInventory.AS_OF.plusYears(5)))),
                        List.of(new VendorProfile.OsRelease("10.3", EndOfSupport.on(TestInventory.AS_OF.plusYears(5)))), null))),
                TestInventory.AS_OF, 3).organizations(60).get(59);
        String yaml = YamlWriter.write(org);
        List<Finding> findings = new ArrayList<>();
        Organization read = new RecordBinder("x.yaml", new SourceLocations(), findings)
                .bindRoot(new SafeYamlReader(YamlLimits.DEFAULT).parse(yaml, "x.yaml").root(), Organization.class);
        assertEquals(List.of(), findings);
        assertEquals(org, read);
    }

    private static Contact readBack(String yaml) throws Exception {
        List<Finding> findings = new ArrayList<>();
        Contact contact = new RecordBinder("x.yaml", new SourceLocations(), findings)
                .bindRoot(new SafeYamlReader(YamlLimits.DEFAULT).parse(yaml, "x.yaml").root(), Contact.class);
        assertEquals(List.of(), findings, yaml);
        return contact;
    }
}
