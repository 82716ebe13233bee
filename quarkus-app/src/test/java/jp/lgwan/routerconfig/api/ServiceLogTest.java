package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import javax.sql.DataSource;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.rollout.QuartzCheckOut;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

/**
 * What the service says in its log of what an operator must know (issue 17): each reload of the
 * inventory with the revision it left and the one it serves; and a clean stop that checks its Quartz
 * instance out of the cluster table, so that the next start does not report it as a failed instance.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ServiceLogTest {

    @Inject
    QuartzCheckOut checkOut;
    @Inject
    Scheduler quartz;
    @Inject
    DataSource dataSource;

    @Test
    void aReloadIsLoggedWithTheRevisionItLeftAndTheOneItServes() {
        String before = Api.headCommit();
        try (LogCapture log = LogCapture.of(LiveInventory.class)) {
            String after = Api.commit("inventory/README.md", text -> text + "\nA line for ServiceLogTest.\n", "docs: a line");
            Api.post(ENGINEER, "/api/inventory/reload").then().statusCode(200);
            Api.post(ENGINEER, "/api/inventory/reload").then().statusCode(200);
            List<String> reloads = log.messages().stream().filter(m -> m.startsWith("inventory reload")).toList();
            assertEquals(List.of("inventory reloaded by engineer: " + before + " -> " + after + " (13 organizations, 14 routers)",
                    "inventory reloaded by engineer: still at " + after), reloads);
        } finally {
            Api.resetTo(before);
        }
    }

    @Test
    void aCleanStopChecksItsQuartzInstanceOutOfTheCluster() throws Exception {
        String name = quartz.getSchedulerName();
        String instance = quartz.getSchedulerInstanceId();
        // another instance's row (one that crashed) stays: the next start rightly reports it
        try (var connection = dataSource.getConnection(); var sql = connection.createStatement()) {
            sql.executeUpdate("insert into qrtz_scheduler_state values ('" + name + "', 'crashed-instance', " + System.currentTimeMillis() + ", 15000)");
        }
        assertEquals(1, rows(name, instance), "this instance checked in");
        assertEquals(1, checkOut.checkOut());
        assertEquals(0, rows(name, instance));
        assertEquals(1, rows(name, "crashed-instance"));
        try (var connection = dataSource.getConnection(); var sql = connection.createStatement()) {
            sql.executeUpdate("delete from qrtz_scheduler_state where instance_name = 'crashed-instance'");
        }
    }

    private int rows(String name, String instance) throws Exception {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select count(*) from qrtz_scheduler_state where sched_name = ? and instance_name = ?")) {
            query.setString(1, name);
            query.setString(2, instance);
            try (var result = query.executeQuery()) {
                assertTrue(result.next());
                return result.getInt(1);
            }
        }
    }
}
