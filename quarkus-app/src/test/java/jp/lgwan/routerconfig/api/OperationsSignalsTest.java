package jp.lgwan.routerconfig.api;

import static io.restassured.RestAssured.given;
import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The domain's signals for operations: Prometheus metrics and health checks, without credentials. */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class OperationsSignalsTest {

    @Inject
    LiveInventory inventory;

    @Test
    void healthNamesWhatWindowsNeed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("inventory-loaded", "scheduler", "devices"))
                .body("checks.find { it.name == 'inventory-loaded' }.data.routers", equalTo(14))
                .body("checks.find { it.name == 'scheduler' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'devices' }.data.routers", containsString("virtual"));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.name", hasItems("inventory-renders", "service-desk", "live-events"))
                .body("checks.find { it.name == 'service-desk' }.data.webhook", equalTo("set"))
                .body("checks.find { it.name == 'inventory-renders' }.data.render_problems", equalTo(0));
    }

    @Test
    void metricsCarryTheDomain() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : new String[] {"lgwan_windows{state=\"APPROVED\"}", "lgwan_windows{state=\"IN_PROGRESS\"}",
                "lgwan_service_desk_notices_undelivered", "lgwan_service_desk_notices_unacknowledged",
                "lgwan_service_desk_oldest_undelivered_seconds", "lgwan_inventory_revision_age_seconds", "lgwan_inventory_render_problems",
                "lgwan_inventory_reload_failures_total", "lgwan_rollout_routers_pushed_total", "lgwan_backup_routers{status=\"DRIFTED\"}",
                "lgwan_backup_routers{status=\"UNREACHABLE\"}", "lgwan_backup_last_success_seconds"}) {
            assertTrue(metrics.contains(name), name + " missing from /q/metrics");
        }
        double age = value(metrics, "lgwan_inventory_revision_age_seconds");
        assertTrue(age >= 0 && age < 365 * 86400.0, "revision age " + age);
    }

    /** A HEAD that does not load is refused, the old revision kept, and the refusal counted. */
    @Test
    void aRefusedReloadIsCounted() throws Exception {
        double before = value(given().get("/q/metrics").then().extract().asString(), "lgwan_inventory_reload_failures_total");
        var repository = inventory.repository().orElseThrow();
        Path file = repository.getWorkTree().toPath().resolve("inventory/organizations/013951-niseko.yaml");
        String original = Files.readString(file);
        try {
            commit(repository, file, original + "no_such_field: 1\n", "break niseko");
            Api.assertProblem(Api.post(ENGINEER, "/api/inventory/reload"), 422, null);
        } finally {
            commit(repository, file, original, "mend niseko");
            Api.post(ENGINEER, "/api/inventory/reload").then().statusCode(200);
        }
        double after = value(given().get("/q/metrics").then().extract().asString(), "lgwan_inventory_reload_failures_total");
        assertEquals(before + 1, after);
    }

    private static void commit(org.eclipse.jgit.lib.Repository repository, Path file, String text, String message) {
        Path top = repository.getWorkTree().toPath();
        TestInventory.commit(top, top.relativize(file).toString(), before -> text, message);
    }

    static double value(String metrics, String name) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(2));
            found = true;
        }
        assertTrue(found, name + " not in the metrics");
        return sum;
    }
}
