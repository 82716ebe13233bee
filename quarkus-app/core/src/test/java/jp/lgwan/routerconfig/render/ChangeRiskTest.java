package jp.lgwan.routerconfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What counts as risk, one row per field of the typed router model: the line and the WAN's mode or name need a planned
 * outage, routing is disruptive, the rest is safe. Judged on the model's fields, so the templates' map tree (its keys) has
 * no say.
 */
class ChangeRiskTest {

    private static final RouterModel SAPPORO;

    static {
        try {
            Inventory sample = new InventoryLoader().load(Path.of("inventory"), TestInventory.AS_OF).inventory();
            SAPPORO = RouterModel.of(sample, sample.router("lgrt.city.sapporo.lgwan.jp").orElseThrow());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    record Row(String change, UnaryOperator<RouterModel> edit, boolean textChanged, ChangeRisk risk) {
        @Override
        public String toString() {
            return change;
        }
    }

    static List<Row> rows() {
        return List.of(
                new Row("nothing", m -> m, false, ChangeRisk.NONE),
                new Row("the text alone (a template change)", m -> m, true, ChangeRisk.DISRUPTIVE),
                new Row("the WAN's mode", m -> withWan(m, new RouterModel.Interface(m.wan().name(), m.wan().role(),
                        new RouterModel.Mode(false, 100, "full", "100-full"), m.wan().description(), m.wan().address())), true, ChangeRisk.NEEDS_OUTAGE),
                new Row("the line's bandwidth", m -> withLine(m, line(m.line(), m.line().bandwidthMbps() * 10, m.line().id(), m.line().carrier(),
                        m.line().gateway())), true, ChangeRisk.NEEDS_OUTAGE),
                new Row("the WAN's address", m -> withWan(m, new RouterModel.Interface(m.wan().name(), m.wan().role(), m.wan().mode(),
                        m.wan().description(), new RouterModel.Address("192.0.2.1", 30, "255.255.255.252", "192.0.2.1/30", "192.0.2.0"))), true,
                        ChangeRisk.DISRUPTIVE),
                new Row("the line's gateway", m -> withLine(m, line(m.line(), m.line().bandwidthMbps(), m.line().id(), m.line().carrier(),
                        "192.0.2.2")), true, ChangeRisk.DISRUPTIVE),
                new Row("the line's id and carrier (nothing on the wire)", m -> withLine(m, line(m.line(), m.line().bandwidthMbps(), "renamed",
                        "another carrier", m.line().gateway())), true, ChangeRisk.SAFE),
                new Row("the WAN's description", m -> withWan(m, new RouterModel.Interface(m.wan().name(), m.wan().role(), m.wan().mode(),
                        "another description", m.wan().address())), true, ChangeRisk.SAFE),
                new Row("the NTP servers", m -> new RouterModel(m.router(), m.organization(), m.banner(), m.interfaces(), m.wan(), m.line(),
                        m.routes(), List.of("192.0.2.123"), m.syslogServers(), m.managementSources(), m.snmp()), true, ChangeRisk.SAFE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aChangeOfOneFieldHasItsRisk(Row row) {
        assertEquals(row.risk(), ChangeRisk.of(SAPPORO, row.edit().apply(SAPPORO), row.textChanged()));
    }

    @org.junit.jupiter.api.Test
    void aRouterAddedOrRemovedNeedsAnOutage() {
        assertEquals(ChangeRisk.NEEDS_OUTAGE, ChangeRisk.of(null, SAPPORO, true));
        assertEquals(ChangeRisk.NEEDS_OUTAGE, ChangeRisk.of(SAPPORO, null, true));
    }

    private static RouterModel.Line line(RouterModel.Line line, int bandwidthMbps, String id, String carrier, String gateway) {
        return new RouterModel.Line(id, line.kind(), line.product(), carrier, bandwidthMbps, line.reaches(), gateway, line.device());
    }

    private static RouterModel withLine(RouterModel m, RouterModel.Line line) {
        return new RouterModel(m.router(), m.organization(), m.banner(), m.interfaces(), m.wan(), line, m.routes(), m.ntpServers(),
                m.syslogServers(), m.managementSources(), m.snmp());
    }

    private static RouterModel withWan(RouterModel m, RouterModel.Interface wan) {
        List<RouterModel.Interface> interfaces = new ArrayList<>(m.interfaces());
        interfaces.set(interfaces.indexOf(m.wan()), wan);
        return new RouterModel(m.router(), m.organization(), m.banner(), interfaces, wan, m.line(), m.routes(), m.ntpServers(),
                m.syslogServers(), m.managementSources(), m.snmp());
    }
}
