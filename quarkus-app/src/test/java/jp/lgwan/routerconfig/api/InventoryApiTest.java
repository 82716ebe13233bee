package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.CI;
import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.SAPPORO;
import static jp.lgwan.routerconfig.api.Api.SAPPORO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static jp.lgwan.routerconfig.api.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

/** The inventory endpoints: what the service serves, page by page, and each router's intended config and diff. */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class InventoryApiTest {

    /** The served commit is HEAD of the repository the tests run in, a linked git worktree included. */
    @Test
    void servesTheCommitAtHead() throws Exception {
        Api.post(ENGINEER, "/api/inventory/reload").then().statusCode(200);
        String head;
        try (Repository repository = RevisionSnapshot.open(Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("lgwan.inventory", String.class)))) {
            head = repository.resolve("HEAD^{commit}").name();
        }
        JsonPath status = as(VIEWER).get("/api/inventory").then().statusCode(200).extract().jsonPath();
        assertEquals(head, status.getString("commit"));
        assertTrue(status.getBoolean("in_git"));
        assertEquals(organizationFiles(), status.getInt("organizations"));
        assertEquals(Api.total("/api/routers"), status.getLong("routers"));
        assertEquals(List.of(), status.getList("render_problems"));
        assertTrue(status.getString("loaded_at").endsWith("+09:00"), status.getString("loaded_at"));
    }

    @Test
    void reloadServesHeadAgain() {
        String before = as(OPERATOR).get("/api/inventory").then().extract().jsonPath().getString("loaded_at");
        JsonPath reloaded = Api.post(ENGINEER, "/api/inventory/reload").then().statusCode(200).extract().jsonPath();
        assertEquals(Api.headCommit(), reloaded.getString("commit"));
        assertEquals(organizationFiles(), reloaded.getInt("organizations"));
        assertFalse(before.equals(reloaded.getString("loaded_at")), "loaded_at did not move: " + before);
    }

    /**
     * Issue 13, defect 4: a reload answered 200 for a HEAD whose template did not render and served
     * it, leaving routers without a config. It answers 422 naming template:line and every router,
     * and the old revision keeps serving.
     */
    @Test
    void aReloadOfAHeadWhereRoutersDoNotRenderIsRefused() {
        String served = Api.headCommit();
        String template = "templates/nec-ix/router.ftl";
        String bad = Api.commit(template, text -> "${no_such_value}\n" + text, "NEC: a template that does not render");
        try {
            JsonPath refused = Api.assertProblem(Api.post(ENGINEER, "/api/inventory/reload"), 422, null).jsonPath();
            assertTrue(refused.getString("type").endsWith("/invalid-inventory"), refused.prettify());
            assertEquals("Routers do not render", refused.getString("title"));
            assertEquals(bad, refused.getString("inventory_revision"));
            List<String> errors = refused.getList("errors");
            assertEquals(3, errors.size(), refused.prettify());
            assertTrue(errors.stream().allMatch(e -> e.startsWith(template + ":1:3: template-error: ") && e.endsWith(": no_such_value is null or missing")),
                    refused.prettify());
            assertTrue(errors.stream().anyMatch(e -> e.contains(": lgrt.town.niseko.lgwan.jp: ")), refused.prettify());
            assertEquals(served, Api.headCommit(), "the old revision keeps serving");
            as(CI).get("/api/routers/lgrt.town.niseko.lgwan.jp/config").then().statusCode(200);
        } finally {
            Api.resetTo(served);
        }
    }

    /**
     * Issue 13, defect 6: any role could make the service load any commit, whatever its size. Now
     * the served commit is for everybody, another only for engineers and operators; and a commit
     * holding a file that claims 3 GB is refused by the file's header, at once and from the cache
     * after.
     */
    @Test
    void anotherRevisionIsForEngineersAndOperatorsAndBoundedInSize() throws Exception {
        String served = Api.headCommit();
        String config = "/api/routers/" + SAPPORO_ROUTER + "/config";
        String next = Api.commit("inventory/organizations/011002-sapporo.yaml", text -> text.replaceFirst("(?m)^name_en: Sapporo City$",
                "name_en: Sapporo City Hall"), "Sapporo: English name");
        try {
            as(CI).queryParam("revision", served).get(config).then().statusCode(200);
            for (String user : List.of(CI, VIEWER)) {
                Api.assertProblem(as(user).queryParam("revision", "HEAD").get(config), 403, "revision")
                        .then().body("type", org.hamcrest.Matchers.endsWith("/revision-not-allowed"));
                Api.assertProblem(as(user).queryParam("revision", next).get("/api/routers/" + SAPPORO_ROUTER + "/diff"), 403, "revision");
            }
            as(ENGINEER).queryParam("revision", next).get(config).then().statusCode(200);
            as(OPERATOR).queryParam("revision", "HEAD").get("/api/routers/" + SAPPORO_ROUTER + "/diff").then().statusCode(200)
                    .body("head_revision", equalTo(next));

            Path repository;
            try (Repository repo = RevisionSnapshot.open(Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("lgwan.inventory", String.class)))) {
                repository = repo.getWorkTree().toPath();
            }
            String huge = jp.lgwan.routerconfig.inventory.TestInventory.commitClaimedBlob(repository, "inventory/organizations/zz-huge.yaml",
                    3_000_000_000L);
            for (int i = 0; i < 2; i++) {
                Api.assertProblem(as(ENGINEER).queryParam("revision", huge).get(config), 422, null)
                        .then().body("type", org.hamcrest.Matchers.endsWith("/revision-too-large"))
                        .body("detail", equalTo("inventory/organizations/zz-huge.yaml at " + huge + " is 3000000000 bytes; a file of the"
                                + " inventory or templates may be at most 1048576"));
            }
        } finally {
            Api.resetTo(served);
        }
    }

    @Test
    void organizationsComePageByPageInCodeOrder() {
        int organizations = organizationFiles();
        List<String> codes = new ArrayList<>();
        for (int page = 0; page * 5 < organizations; page++) {
            JsonPath body = as(VIEWER).queryParam("page", page).queryParam("size", 5).get("/api/organizations").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(page, body.getInt("page"));
            assertEquals(5, body.getInt("size"));
            assertEquals(organizations, body.getInt("total"));
            assertEquals(Math.min(5, organizations - page * 5), body.getList("items").size());
            codes.addAll(body.getList("items.code"));
        }
        assertEquals(organizations, codes.size());
        assertEquals(codes.stream().sorted().toList(), codes);
        assertEquals(codes.stream().distinct().count(), codes.size());
        // past the end: an empty page, not an error
        as(VIEWER).queryParam("page", 100).get("/api/organizations").then().statusCode(200).body("items", hasSize(0))
                .body("total", equalTo(organizations));
        // the default page and the largest page
        as(VIEWER).get("/api/organizations").then().statusCode(200).body("page", equalTo(0)).body("size", equalTo(50));
        as(VIEWER).queryParam("size", 500).get("/api/organizations").then().statusCode(200).body("items", hasSize(organizations));
    }

    /** A query parameter out of range is a malformed request: 400, naming it (issue 13 made these 400 like every other bad parameter). */
    @Test
    void pageAndSizeOutOfRangeAreRefusedNamingTheParameter() {
        Api.assertProblem(as(VIEWER).queryParam("size", 501).get("/api/organizations"), 400, "size");
        Api.assertProblem(as(VIEWER).queryParam("size", 0).get("/api/organizations"), 400, "size");
        Api.assertProblem(as(VIEWER).queryParam("page", -1).get("/api/organizations"), 400, "page");
        Api.assertProblem(as(VIEWER).queryParam("size", 501).get("/api/routers"), 400, "size");
        Api.assertProblem(as(VIEWER).queryParam("size", 501).get("/api/access-lines"), 400, "size");
        Api.assertProblem(as(OPERATOR).queryParam("size", 501).get("/api/change-notifications"), 400, "size");
        Api.assertProblem(as(OPERATOR).queryParam("size", 501).get("/api/outages"), 400, "size");
        Api.assertProblem(as(OPERATOR).queryParam("size", 501).get("/api/jobs"), 400, "size");
        Api.assertProblem(as(OPERATOR).queryParam("size", 501).get("/api/audit"), 400, "size");
    }

    @Test
    void organizationsFilterByPrefecture() {
        as(VIEWER).queryParam("prefecture", "hokkaido").get("/api/organizations").then().statusCode(200)
                .body("items.code", everyItem(startsWith("01"))).body("items.code", hasItem(SAPPORO)).body("total", equalTo(4));
    }

    @Test
    void oneOrganizationWithItsRoutersAndLines() {
        as(CI).get("/api/organizations/" + SAPPORO).then().statusCode(200)
                .body("code", equalTo(SAPPORO)).body("name_en", equalTo("Sapporo City")).body("domain", equalTo("city.sapporo.lg.jp"))
                .body("routers.hostname", equalTo(List.of(SAPPORO_ROUTER, "lgsu.city.sapporo.lgwan.jp")))
                .body("routers[0].interfaces[0].address", equalTo("192.0.2.1/30"))
                .body("routers[1].interfaces[0].mode", equalTo("1000-full"))
                .body("access_lines.id", equalTo(List.of("sapporo-carrier-1", "sapporo-prefwan-1")));
        Api.assertProblem(as(CI).get("/api/organizations/999999"), 404, null).then().body("detail", containsString("999999"));
    }

    @Test
    void routersCarryTheirOrganization() {
        JsonPath routers = as(VIEWER).queryParam("size", 500).get("/api/routers").then().statusCode(200).extract().jsonPath();
        List<String> hostnames = routers.getList("items.hostname");
        assertEquals(routers.getInt("total"), hostnames.size());
        assertEquals(hostnames.stream().sorted().toList(), hostnames);
        assertTrue(routers.getList("items.organization_code").stream().allMatch(code -> code != null));

        as(VIEWER).get("/api/routers/" + SAPPORO_ROUTER).then().statusCode(200)
                .body("organization_code", equalTo(SAPPORO)).body("hostname", equalTo(SAPPORO_ROUTER))
                .body("vendor_profile", equalTo("cisco-iosxe")).body("model", equalTo("C8200L-1N-4T"))
                .body("management_address", equalTo("10.1.0.1"))
                .body("global_address_ref", equalTo("global-address/" + SAPPORO_ROUTER))
                .body("interfaces.name", hasItem("GigabitEthernet0/0/0"))
                .body("redundancy_peer", equalTo("lgsu.city.sapporo.lgwan.jp"));

        as(VIEWER).queryParam("vendor_profile", "cisco-iosxe").get("/api/routers").then().statusCode(200)
                .body("items.vendor_profile", everyItem(equalTo("cisco-iosxe"))).body("items.hostname", hasItem(SAPPORO_ROUTER));
        Api.assertProblem(as(VIEWER).get("/api/routers/lgrt.city.nowhere.lgwan.jp"), 404, null)
                .then().body("detail", containsString("lgrt.city.nowhere.lgwan.jp"));
    }

    @Test
    void accessLinesCarryTheirOrganization() {
        as(VIEWER).queryParam("size", 500).get("/api/access-lines").then().statusCode(200)
                .body("items.find { it.id == 'sapporo-carrier-1' }.organization_code", equalTo(SAPPORO))
                .body("items.find { it.id == 'sapporo-carrier-1' }.router", equalTo(SAPPORO_ROUTER))
                .body("items.find { it.id == 'sapporo-carrier-1' }.bandwidth_mbps", equalTo(1000))
                .body("items.find { it.id == 'sapporo-prefwan-1' }.termination_device.mode", equalTo("1000-full"))
                .body("items.organization_code", everyItem(notNullValue()));
    }

    @Test
    void configIsTheIntendedTextWithSecretPlaceholders() {
        String config = as(CI).get("/api/routers/" + SAPPORO_ROUTER + "/config").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        // IOS hostnames take no dots: the first label, the rest as the domain
        assertTrue(config.startsWith("hostname lgrt\nip domain name city.sapporo.lgwan.jp\n"), config);
        assertTrue(config.contains("{{secret:snmp/verification-poller:auth}}"), config);
        assertTrue(config.contains("{{secret:snmp/verification-poller:priv}}"), config);
        assertTrue(config.contains("192.0.2.1"), config);
        // the text the render command gives (the render tests' golden file), and the same at a named revision
        assertEquals(golden(SAPPORO_ROUTER), config);
        assertEquals(config, as(CI).queryParam("revision", "HEAD").get("/api/routers/" + SAPPORO_ROUTER + "/config").then()
                .statusCode(200).extract().asString());
        assertEquals(config, as(CI).queryParam("revision", Api.headCommit()).get("/api/routers/" + SAPPORO_ROUTER + "/config").then()
                .statusCode(200).extract().asString());

        Api.assertProblem(as(CI).queryParam("revision", "no-such-branch").get("/api/routers/" + SAPPORO_ROUTER + "/config"), 422, null)
                .then().body("inventory_revision", equalTo("no-such-branch"));
        Api.assertProblem(as(CI).get("/api/routers/lgrt.city.nowhere.lgwan.jp/config"), 404, null);
    }

    @Test
    void everyRouterRendersAndAnUnchangedOneDiffsToNothing() {
        String head = Api.headCommit();
        List<String> hostnames = as(CI).queryParam("size", 500).get("/api/routers").then().statusCode(200).extract().jsonPath()
                .getList("items.hostname");
        for (String hostname : hostnames) {
            String config = as(CI).get("/api/routers/" + hostname + "/config").then().statusCode(200).extract().asString();
            String domain = hostname.substring(hostname.indexOf('.') + 1);
            assertTrue(config.contains(hostname) || config.contains("ip domain name " + domain + "\n"), hostname + ":\n" + config);
            as(CI).get("/api/routers/" + hostname + "/diff").then().statusCode(200)
                    .body("hostname", equalTo(hostname)).body("risk", equalTo("NONE"))
                    .body("added", equalTo(0)).body("removed", equalTo(0))
                    .body("head_revision", equalTo(head)).body("base_revision", equalTo(head))
                    .body("profile", matchesPattern("[a-z0-9-]+"))
                    .body("diff", not(containsString("{{secret")));
        }
        Api.assertProblem(as(CI).get("/api/routers/lgrt.city.nowhere.lgwan.jp/diff"), 404, null);
    }

    private static String golden(String hostname) {
        try {
            return Files.readString(Path.of("quarkus-app", "core", "src", "test", "resources", "golden", hostname + ".cfg"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int organizationFiles() {
        try (Stream<Path> files = Files.list(Path.of("inventory", "organizations"))) {
            return (int) files.filter(f -> f.toString().endsWith(".yaml")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
