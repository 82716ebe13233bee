package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.NISEKO;
import static jp.lgwan.routerconfig.api.Api.NISEKO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static jp.lgwan.routerconfig.api.Api.as;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every mutating call is audited with its actor, and the audit log cannot be changed, not even by the service's own database user. */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class AuditTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager entityManager;

    /** The events of one subject, oldest first, as {@code action by actor}. */
    private static List<String> events(String subjectType, Object subjectId) {
        JsonPath events = as(VIEWER).queryParam("subject_type", subjectType).queryParam("subject_id", subjectId).queryParam("size", 500)
                .get("/api/audit").then().statusCode(200).extract().jsonPath();
        List<String> actions = events.getList("items.action");
        List<String> actors = events.getList("items.actor");
        List<String> described = new java.util.ArrayList<>();
        for (int i = actions.size() - 1; i >= 0; i--) {
            described.add(actions.get(i) + " by " + actors.get(i));
        }
        return described;
    }

    @Test
    void aNotificationsLifeIsAuditedWithItsActors() {
        long rejected = Api.file(ENGINEER, NISEKO);
        jsonAs(OPERATOR, Map.of("reason", "incomplete")).post("/api/change-notifications/" + rejected + "/reject").then().statusCode(200);
        Api.post(OPERATOR, "/api/change-notifications/" + rejected + "/close").then().statusCode(200);
        assertEquals(List.of("change-notification.filed by engineer", "change-notification.rejected by operator",
                "change-notification.closed by operator"), events("change-notification", rejected));

        long scheduled = Api.fileAccepted(NISEKO);
        long outage = Api.requestOutage(ENGINEER, NISEKO_ROUTER);
        jsonAs(OPERATOR, Map.of("outage_id", outage)).post("/api/change-notifications/" + scheduled + "/schedule").then().statusCode(200);
        Api.post(OPERATOR, "/api/outages/" + outage + "/approve").then().statusCode(200);
        jsonAs(OPERATOR, Map.of("reason", "moved")).post("/api/outages/" + outage + "/cancel").then().statusCode(200);
        assertEquals(List.of("change-notification.filed by engineer", "change-notification.accepted by operator",
                "change-notification.scheduled by operator", "change-notification.unscheduled by operator"),
                events("change-notification", scheduled));
        assertEquals(List.of("planned-outage.requested by engineer", "planned-outage.approved by operator",
                "planned-outage.cancelled by operator"), events("planned-outage", outage));

        // what each event says
        JsonPath filed = as(VIEWER).queryParam("subject_type", "change-notification").queryParam("subject_id", scheduled)
                .queryParam("action", "change-notification.filed").get("/api/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(1, filed.getInt("total"));
        assertEquals(NISEKO, filed.getString("items[0].detail.organization_code"));
        assertEquals(Api.headCommit(), filed.getString("items[0].detail.inventory_revision"));
        assertEquals(9 * 3600, OffsetDateTime.parse(filed.getString("items[0].occurred_at")).getOffset().getTotalSeconds());
        as(VIEWER).queryParam("subject_type", "planned-outage").queryParam("subject_id", outage)
                .queryParam("action", "planned-outage.cancelled").get("/api/audit").then()
                .body("items[0].detail.reason", equalTo("moved")).body("items[0].detail.notifications_unscheduled", equalTo(1));
    }

    @Test
    void reloadsEmergencyFilingsAndStartsAreAuditedToo() {
        long reloads = as(VIEWER).queryParam("action", "inventory.reloaded").queryParam("actor", OPERATOR).queryParam("size", 1)
                .get("/api/audit").then().extract().jsonPath().getLong("total");
        Api.post(OPERATOR, "/api/inventory/reload").then().statusCode(200);
        as(VIEWER).queryParam("action", "inventory.reloaded").queryParam("actor", OPERATOR).get("/api/audit").then()
                .body("total", equalTo((int) reloads + 1)).body("items[0].subject_type", equalTo("inventory"))
                .body("items[0].subject_id", equalTo(Api.headCommit())).body("items[0].detail.to", equalTo(Api.headCommit()));

        java.util.HashMap<String, Object> emergency = new java.util.HashMap<>(Api.filing(NISEKO));
        emergency.put("effective_date", jp.lgwan.routerconfig.testing.MovableClock.todayInJapan().toString());
        emergency.put("emergency_reason", "router failure");
        long id = jsonAs(OPERATOR, emergency).post("/api/change-notifications").then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(List.of("change-notification.filed by operator", "change-notification.emergency-override by operator"),
                events("change-notification", id));

        long outage = Api.startByHand("lgrt.pref.ehime.lgwan.jp").then().statusCode(202).extract().jsonPath().getLong("outage_id");
        assertEquals(List.of("planned-outage.requested by engineer", "planned-outage.approved by operator",
                "planned-outage.started by operator"), events("planned-outage", outage));
    }

    @Test
    void theAuditLogFiltersByActorAndIsNewestFirst() {
        Api.file(ENGINEER, NISEKO);
        JsonPath byEngineer = as(VIEWER).queryParam("actor", ENGINEER).queryParam("size", 20).get("/api/audit").then().statusCode(200)
                .body("items.actor", everyItem(equalTo(ENGINEER))).extract().jsonPath();
        assertTrue(byEngineer.getLong("total") >= 1);
        List<Long> ids = byEngineer.getList("items.id", Long.class);
        assertEquals(ids.stream().sorted(java.util.Comparator.reverseOrder()).toList(), ids);
        as(VIEWER).queryParam("actor", "nobody-at-all").get("/api/audit").then().statusCode(200).body("total", equalTo(0));
    }

    /** Append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused by a trigger, whoever connects. */
    @Test
    void theDatabaseRefusesToChangeOrRemoveAuditEvents() throws SQLException {
        Api.file(ENGINEER, NISEKO);
        long count;
        long id;
        String actor;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            try (ResultSet rows = statement.executeQuery("select count(*), max(id) from audit_event")) {
                rows.next();
                count = rows.getLong(1);
                id = rows.getLong(2);
            }
            try (ResultSet rows = statement.executeQuery("select actor from audit_event where id = " + id)) {
                rows.next();
                actor = rows.getString(1);
            }
            assertTrue(count > 0);
            for (String sql : List.of("update audit_event set actor = 'mallory' where id = " + id, "update audit_event set detail = '{}'",
                    "delete from audit_event where id = " + id, "delete from audit_event", "truncate audit_event")) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate(sql), sql);
                assertTrue(refused.getMessage().contains("append-only"), sql + ": " + refused.getMessage());
            }
            try (ResultSet rows = statement.executeQuery("select count(*), (select actor from audit_event where id = " + id + ") from audit_event")) {
                rows.next();
                assertEquals(count, rows.getLong(1));
                assertEquals(actor, rows.getString(2));
            }
        }
        // the same through the service's JPA, in a transaction of its own: refused, and the transaction rolls back
        RuntimeException refused = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(
                () -> entityManager.createNativeQuery("delete from audit_event where id = " + id).executeUpdate()));
        assertTrue(causes(refused).contains("append-only"), causes(refused));
        assertEquals(actor, as(VIEWER).queryParam("size", 500).get("/api/audit").then().extract().jsonPath()
                .getString("items.find { it.id == " + id + " }.actor"));
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
