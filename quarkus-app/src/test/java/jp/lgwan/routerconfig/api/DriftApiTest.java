package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static jp.lgwan.routerconfig.api.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.rollout.Devices;
import org.junit.jupiter.api.Test;

/**
 * Backups and drift over the lab, as the operating center meets them: an engineer changes a router by hand
 * through its SSH CLI, a collection reads it, and the drift report shows exactly that line; a change to a
 * line the project does not own is backed up but is no drift; a router a push holds is left alone.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class DriftApiTest {

    /** An IOS-XE router of the lab; its LAN interface's description is an owned line, a message-of-the-day banner is not. */
    private static final String ROUTER = "lgrt.city.matsuyama.lgwan.jp";
    private static final String LAN = "GigabitEthernet0/0/1";

    @Inject
    Devices devices;
    @Inject
    LiveInventory inventory;
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL baseUrl;

    private record Run(int status, String out, String err) {
    }

    /** The drift command, as a CI pipeline runs it against the service: the ci role, its password in an owner-only credentials file. */
    private Run driftCommand(String... extra) throws Exception {
        java.nio.file.Path credentials = java.nio.file.Files.createTempFile("lgwan-ci", ".credentials",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try {
            java.nio.file.Files.writeString(credentials, "user=" + Api.CI + "\npassword=" + Api.password(Api.CI) + "\n");
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            java.util.List<String> args = new java.util.ArrayList<>(List.of("drift", "--url", baseUrl.toString(), "--credentials",
                    credentials.toString()));
            args.addAll(List.of(extra));
            int status = jp.lgwan.routerconfig.cli.Cli.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                    args.toArray(String[]::new));
            return new Run(status, out.toString(), err.toString());
        } finally {
            java.nio.file.Files.delete(credentials);
        }
    }

    /** Types {@code lines} in configuration mode of the router's CLI, logged in over SSH as an engineer would. */
    private void byHand(String hostname, String... lines) throws Exception {
        ConnectionRouter router = inventory.current().router(hostname).orElseThrow();
        Dialect dialect = inventory.current().dialect(router.vendorProfile());
        DeviceAccess access = devices.directory().access(router);
        try (SshCli cli = SshCli.open(access.ssh(), new SshCli.Dialect(dialect.cli().prompt(), dialect.cli().errors()), access.key(),
                access.password())) {
            cli.command("configure terminal");
            for (String line : lines) {
                cli.command(line);
            }
            cli.command("end");
        }
    }

    private static JsonPath collect(String query) {
        return Api.post(ENGINEER, "/api/backups/collect?" + query).then().statusCode(200).extract().jsonPath();
    }

    /** The lines of a unified diff that differ, each as its sign and its text without indentation. */
    private static List<String> changedLines(String diff) {
        return diff.lines().filter(l -> (l.startsWith("-") || l.startsWith("+")) && !l.startsWith("---") && !l.startsWith("+++"))
                .map(l -> l.charAt(0) + l.substring(1).strip()).toList();
    }

    @Test
    void aRouterChangedByHandDriftsByExactlyThatLineAndAnUnownedLineIsNoDrift() throws Exception {
        try {
            JsonPath first = collect("router=" + ROUTER);
            assertEquals("COLLECTED", first.getString("results[0].outcome"));
            assertEquals("IN_SYNC", first.getString("results[0].status"), first.prettify());
            long inSync = first.getLong("results[0].backup_id");

            byHand(ROUTER, "interface " + LAN, "description Office LAN (moved to 2F)");
            JsonPath drifted = collect("router=" + ROUTER);
            assertEquals("DRIFTED", drifted.getString("results[0].status"), drifted.prettify());
            assertTrue(drifted.getBoolean("results[0].new_version"), "the hand change is a new version");
            long handVersion = drifted.getLong("results[0].backup_id");
            assertNotEquals(inSync, handVersion);

            JsonPath drift = as(VIEWER).get("/api/drift/" + ROUTER).then().statusCode(200).extract().jsonPath();
            assertEquals("DRIFTED", drift.getString("status"));
            // running config (-) to baseline (+): exactly the line typed by hand
            assertEquals(List.of("-description Office LAN (moved to 2F)", "+description Office LAN"), changedLines(drift.getString("diff")),
                    drift.getString("diff"));
            assertEquals(1, drift.getInt("added"));
            assertEquals(1, drift.getInt("removed"));
            assertEquals(handVersion, drift.getLong("backup_id"));
            assertTrue(as(ENGINEER).get("/api/backups/" + handVersion).asString().contains(" description Office LAN (moved to 2F)"));
            JsonPath fleet = as(VIEWER).get("/api/drift?status=DRIFTED").then().statusCode(200).extract().jsonPath();
            assertTrue(fleet.getList("drift.hostname").contains(ROUTER), fleet.prettify());
            assertTrue(fleet.getLong("by_status.DRIFTED") >= 1);

            // the preview of a notification for its organization says so
            long filed = Api.file(ENGINEER, "382019");
            JsonPath preview = as(ENGINEER).get("/api/change-notifications/" + filed).then().statusCode(200).extract().jsonPath();
            assertTrue(preview.getString("routers[0].drift").startsWith("DRIFTED from its baseline (+1 -1 owned lines, read "), preview.prettify());

            // the console's drift page lists it with its diff
            ConsolePagesTest.Session viewer = ConsolePagesTest.signIn(VIEWER);
            String page = ConsolePagesTest.get(viewer, "/drift").then().statusCode(200).extract().asString();
            assertTrue(page.contains("id=\"drift-" + ROUTER + "\"") && page.contains("description Office LAN (moved to 2F)"), page);
            // and the console's page of the notification, beside the router's plan
            String notificationPage = ConsolePagesTest.get(viewer, "/notifications/" + filed).then().statusCode(200).extract().asString();
            assertTrue(notificationPage.contains("<p class=\"drift\" id=\"drift-" + ROUTER + "\"><a href=\"/drift\">Drifted from its baseline (read "),
                    notificationPage);

            // CI asks the service: exit 3, the router and its diff
            Run ci = driftCommand("--router", ROUTER);
            assertEquals(3, ci.status(), ci.out() + ci.err());
            assertTrue(ci.out().startsWith("DRIFTED         " + ROUTER + " +1 -1, read "), ci.out());
            assertTrue(ci.out().contains("description Office LAN (moved to 2F)\n"), ci.out());
            assertTrue(ci.out().endsWith("1 routers: 1 drifted, 0 not checked, 0 in sync\n"), ci.out());

            // read again, nothing changed: no new version, the same one seen again
            JsonPath again = collect("router=" + ROUTER);
            assertFalse(again.getBoolean("results[0].new_version"));
            assertEquals(handVersion, again.getLong("results[0].backup_id"));

            // the owned line put back, a line nobody owns added: backed up (a new version), but in sync
            byHand(ROUTER, "interface " + LAN, "description Office LAN", "exit", "banner motd ^CMaintenance contact: 089-000-0000^C");
            JsonPath unowned = collect("router=" + ROUTER);
            assertEquals("IN_SYNC", unowned.getString("results[0].status"), unowned.prettify());
            assertTrue(unowned.getBoolean("results[0].new_version"), "the banner is a change of the router's config");
            long bannerVersion = unowned.getLong("results[0].backup_id");
            assertTrue(as(ENGINEER).get("/api/backups/" + bannerVersion).asString().contains("Maintenance contact"));
            JsonPath now = as(VIEWER).get("/api/drift/" + ROUTER).then().statusCode(200).extract().jsonPath();
            assertEquals("IN_SYNC", now.getString("status"));
            assertNull(now.getString("diff"));
            long filedLater = Api.file(ENGINEER, "382019");
            assertNull(as(ENGINEER).get("/api/change-notifications/" + filedLater).then().statusCode(200).extract().jsonPath()
                    .getString("routers[0].drift"));
            Run inSyncNow = driftCommand("--router", ROUTER);
            assertEquals(0, inSyncNow.status(), inSyncNow.out() + inSyncNow.err());
            assertEquals("1 routers: 0 drifted, 0 not checked, 1 in sync\n", inSyncNow.out());

            // the versions: newest first, each with its hash and source
            JsonPath versions = as(ENGINEER).get("/api/routers/" + ROUTER + "/backups").then().statusCode(200).extract().jsonPath();
            assertEquals(bannerVersion, versions.getLong("items[0].id"));
            assertEquals("COLLECTED", versions.getString("items[0].source"));
            assertEquals(64, versions.getString("items[0].content_sha256").length());
        } finally {
            byHand(ROUTER, "no banner motd", "interface " + LAN, "description Office LAN");
        }
    }

    @Test
    void aRouterAPushHoldsIsNotCollected() {
        String router = "lgrt.vill.hinohara.lgwan.jp";
        // a legal power inspection's job holds its router until the power is back (and its return check ran)
        long job = Api.startByHand(router, "LEGAL_POWER_INSPECTION").then().statusCode(202).extract().jsonPath().getLong("id");
        try {
            JsonPath held = collect("router=" + router);
            assertEquals("SKIPPED", held.getString("results[0].outcome"), held.prettify());
            assertEquals("held by job " + job + ": not collected while a push holds it", held.getString("results[0].reason"));
            assertNull(held.get("results[0].backup_id"));
        } finally {
            Api.jsonAs(OPERATOR, java.util.Map.of("reason", "test: done with it")).post("/api/jobs/" + job + "/halt").then().statusCode(200);
        }
    }

    @Test
    void aCollectionNamesOneRouterOrOneOrganization() {
        Api.assertProblem(Api.post(ENGINEER, "/api/backups/collect"), 400, "router");
        Api.assertProblem(Api.post(ENGINEER, "/api/backups/collect?router=" + ROUTER + "&organization=382019"), 400, "organization");
        Api.assertProblem(Api.post(ENGINEER, "/api/backups/collect?router=no.such.router"), 422, "router");
        Api.assertProblem(Api.post(ENGINEER, "/api/backups/collect?organization=999999"), 422, "organization");
        Api.assertProblem(as(VIEWER).get("/api/drift?status=SIDEWAYS"), 400, "status");
        Api.assertProblem(as(VIEWER).get("/api/drift/no.such.router"), 404, null);
    }

    @Test
    void theDriftCommandStopsAScriptOnARefusal() throws Exception {
        // the ci role may read drift but not collect: the problem's title and detail, exit 4 (refused), as every client command
        Run refused = driftCommand("--router", ROUTER, "--collect");
        assertEquals(4, refused.status(), refused.out() + refused.err());
        assertTrue(refused.err().startsWith("lgwan-config drift: refused (403): "), refused.err());
        assertEquals("", refused.out());
        // the whole fleet: each router not in sync, then the count (14 routers in the sample; others' tests leave some unchecked)
        Run fleet = driftCommand();
        assertTrue(List.of(0, 3, 7).contains(fleet.status()), fleet.out() + fleet.err());
        assertTrue(fleet.out().lines().reduce((a, b) -> b).orElse("").matches("14 routers: \\d+ drifted, \\d+ not checked, \\d+ in sync.*"), fleet.out());
        Run json = driftCommand("--json", "--organization", Api.SAPPORO);
        assertEquals(2, new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("routers").asInt(), json.out());
        Run unknown = driftCommand("--router", "no.such.router");
        assertEquals(4, unknown.status());
        assertTrue(unknown.err().startsWith("lgwan-config drift: refused (404): "), unknown.err());
    }

    @Test
    void anOrganizationIsCollectedRouterByRouter() {
        JsonPath sapporo = collect("organization=" + Api.SAPPORO);
        assertEquals(List.of("lgrt.city.sapporo.lgwan.jp", "lgsu.city.sapporo.lgwan.jp"), sapporo.getList("results.hostname"));
        JsonPath report = as(Api.CI).get("/api/drift?organization=" + Api.SAPPORO).then().statusCode(200).extract().jsonPath();
        assertEquals(2, report.getInt("routers"));
        assertTrue(report.getString("last_collected_at").endsWith("+09:00"), report.prettify());
    }

    /** The client's backups commands, as an engineer uses them: collect now, list the versions, print one. */
    @Test
    void theBackupsCommandsCollectListAndShow() throws Exception {
        java.nio.file.Path credentials = java.nio.file.Files.createTempFile("lgwan-engineer", ".credentials",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try {
            java.nio.file.Files.writeString(credentials, "user=" + ENGINEER + "\npassword=" + Api.password(ENGINEER) + "\n");
            String[] common = {"--url", baseUrl.toString(), "--credentials", credentials.toString()};
            Run collected = client("backups", "collect", "--organization", Api.SAPPORO, common[0], common[1], common[2], common[3]);
            assertEquals(0, collected.status(), collected.err());
            List<String> lines = collected.out().lines().toList();
            assertEquals(2, lines.size(), collected.out());
            assertTrue(lines.get(0).startsWith("lgrt.city.sapporo.lgwan.jp  COLLECTED  "), collected.out());

            Run listed = client("backups", "list", "lgsu.city.sapporo.lgwan.jp", common[0], common[1], common[2], common[3]);
            assertEquals(0, listed.status(), listed.err());
            String newest = listed.out().lines().findFirst().orElseThrow();
            assertTrue(newest.matches("\\d+  COLLECTED  taken \\d{4}-.*  \\d+ lines  sha256 [0-9a-f]{12}  -"), listed.out());

            Run shown = client("backups", "show", newest.split("  ")[0], common[0], common[1], common[2], common[3]);
            assertEquals(0, shown.status(), shown.err());
            assertTrue(shown.out().lines().anyMatch(line -> line.startsWith("hostname ")), shown.out());

            Run missing = client("backups", "show", "999999999", common[0], common[1], common[2], common[3]);
            assertEquals(4, missing.status());
            assertTrue(missing.err().startsWith("lgwan-config backups show: refused (404): "), missing.err());
        } finally {
            java.nio.file.Files.delete(credentials);
        }
    }

    private static Run client(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = jp.lgwan.routerconfig.cli.Cli.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }
}
