package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.CI;
import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.SAPPORO;
import static jp.lgwan.routerconfig.api.Api.SAPPORO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static jp.lgwan.routerconfig.api.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router's global address is secret (DOMAIN.md): every router and list shows {@code ***}; the
 * operator reads one router's with a reason, audited; and it appears in no other answer — not in a config, a diff, a
 * notification or the audit log. The secrets themselves are files of the credential store the
 * test profile points at ({@code lgwan.secrets-dir=quarkus-app/target/test-secrets}), readable by
 * their owner only, as CredentialStore insists.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class GlobalAddressMaskingTest {

    private static final Path SECRETS = Path.of("quarkus-app", "target", "test-secrets");
    private static final String ADDRESS = "100.79.231.17";
    private static final String SNMP_AUTH = "auth-Kq7tZ2pW9rXv";
    private static final String SNMP_PRIV = "priv-Hn4sB8mY1cLd";
    /** A router whose secret file others may read: the store refuses it, so not even the operator gets it. */
    private static final String LEAKY_ROUTER = "lgsu.city.sapporo.lgwan.jp";
    private static final String LEAKY_ADDRESS = "100.79.231.18";
    private static final List<Path> WRITTEN = new ArrayList<>();
    /** The operating body's login key, as the credential store holds it (made for this run: no router sees it here). */
    private static final String LOGIN_KEY = jp.lgwan.routerconfig.security.TestKeys.openSshPrivateKey();

    @BeforeAll
    static void writeSecrets() throws IOException {
        write("global-address/" + SAPPORO_ROUTER, ADDRESS + "\n", "rw-------");
        write("snmp/verification-poller", "auth=" + SNMP_AUTH + "\npriv=" + SNMP_PRIV + "\n", "rw-------");
        write("global-address/" + LEAKY_ROUTER, LEAKY_ADDRESS + "\n", "rw-r--r--");
        write("ssh/operating-body", LOGIN_KEY, "rw-------");
    }

    @AfterAll
    static void removeSecrets() throws IOException {
        for (Path file : WRITTEN) {
            Files.deleteIfExists(file);
        }
    }

    private static void write(String reference, String value, String permissions) throws IOException {
        Path file = SECRETS.resolve(reference);
        Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        WRITTEN.add(file);
    }

    /**
     * Issue 15, point 6: no list and no router shows an address, to anybody; the operator reads one
     * router's with a reason (POST .../global-address), and the read is audited: who, which router, why.
     */
    @Test
    void theOperatorReadsOneRoutersAddressWithAReasonAndTheReadIsAudited() {
        for (String user : List.of(OPERATOR, VIEWER, ENGINEER, CI)) {
            String router = as(user).get("/api/routers/" + SAPPORO_ROUTER).then().statusCode(200).extract().asString();
            assertEquals("***", JsonPath.from(router).getString("global_address"), user);
            JsonPath routers = as(user).queryParam("size", 500).get("/api/routers").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("***"), routers.getList("items.global_address").stream().distinct().toList(), user);
            assertFalse(routers.prettify().contains(ADDRESS) || routers.prettify().contains(LEAKY_ADDRESS), user);
        }
        long audited = Api.total("/api/audit?action=router.global-address.read");
        // no reason, or a blank one: refused, naming the field, and nothing is audited
        Api.assertProblem(Api.post(OPERATOR, "/api/routers/" + SAPPORO_ROUTER + "/global-address"), 422, "reason");
        Api.assertProblem(Api.jsonAs(OPERATOR, java.util.Map.of("reason", " ")).post("/api/routers/" + SAPPORO_ROUTER + "/global-address"),
                422, "reason");
        assertEquals(audited, Api.total("/api/audit?action=router.global-address.read"));

        Api.jsonAs(OPERATOR, java.util.Map.of("reason", "line trouble ticket 4711")).post("/api/routers/" + SAPPORO_ROUTER + "/global-address")
                .then().statusCode(200).body("hostname", org.hamcrest.Matchers.equalTo(SAPPORO_ROUTER))
                .body("global_address", org.hamcrest.Matchers.equalTo(ADDRESS));
        JsonPath read = as(OPERATOR).queryParam("action", "router.global-address.read").queryParam("size", 1).get("/api/audit").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(audited + 1, read.getLong("total"));
        assertEquals(OPERATOR, read.getString("items[0].actor"));
        assertEquals(SAPPORO_ROUTER, read.getString("items[0].subject_id"));
        assertEquals("line trouble ticket 4711", read.getString("items[0].detail.reason"));
        assertFalse(read.prettify().contains(ADDRESS), "the audit log names the read, never the address");

        // issue 13, point 8: a secret file with the wrong mode is refused, saying why, and never shown
        String leaky = Api.assertProblem(Api.jsonAs(OPERATOR, java.util.Map.of("reason", "test")).post("/api/routers/" + LEAKY_ROUTER
                + "/global-address"), 422, null).asString();
        assertTrue(leaky.contains("has mode rw-r--r--") && !leaky.contains(LEAKY_ADDRESS), leaky);
    }

    @Test
    void nobodyElseOfTheOperatingBodyReadsAnAddress() {
        for (String user : List.of(VIEWER, ENGINEER, CI)) {
            String refused = Api.assertProblem(Api.jsonAs(user, java.util.Map.of("reason", "curious")).post("/api/routers/" + SAPPORO_ROUTER
                    + "/global-address"), 403, null).asString();
            assertFalse(refused.contains(ADDRESS), user);
        }
    }

    /** The address and the SNMP keys appear in no other answer, to anybody, the operator included. */
    @Test
    void theSecretsAppearNowhereElse() {
        // a notification and a window on the router, so that they, and their audit events, exist
        long notification = Api.fileAccepted(SAPPORO);
        long outage = Api.requestOutage(ENGINEER, SAPPORO_ROUTER);
        List<String> paths = List.of("/api/inventory", "/api/organizations?size=500", "/api/organizations/" + SAPPORO,
                "/api/access-lines?size=500", "/api/routers/" + SAPPORO_ROUTER + "/config", "/api/routers/" + SAPPORO_ROUTER + "/diff",
                "/api/routers/" + LEAKY_ROUTER + "/config", "/api/routers/" + SAPPORO_ROUTER + "/config?revision=no-such-branch",
                "/api/change-notifications/" + notification, "/api/change-notifications?size=500", "/api/outages/" + outage,
                "/api/outages?size=500", "/api/jobs?size=500", "/api/audit?size=500");
        for (String user : List.of(OPERATOR, ENGINEER, VIEWER, CI)) {
            for (String path : paths) {
                var response = as(user).get(path);
                if (user.equals(OPERATOR)) {
                    // the operator may read all of them: the answers are real ones, not refusals
                    assertEquals(path.contains("no-such-branch") ? 422 : 200, response.statusCode(), path);
                }
                String body = response.asString();
                for (String secret : List.of(ADDRESS, LEAKY_ADDRESS, SNMP_AUTH, SNMP_PRIV)) {
                    assertFalse(body.contains(secret), user + " GET " + path + " shows " + secret + ": " + body);
                }
            }
        }
        // the config names its secrets, by placeholder only
        String config = as(OPERATOR).get("/api/routers/" + SAPPORO_ROUTER + "/config").then().statusCode(200).extract().asString();
        assertTrue(config.contains("{{secret:snmp/verification-poller:auth}}"), config);
        assertTrue(config.contains("{{secret:snmp/verification-poller:priv}}"), config);
        as(OPERATOR).get("/api/change-notifications/" + notification).then().statusCode(200)
                .body("routers.hostname", hasItem(SAPPORO_ROUTER));
    }

    /**
     * Issue 13, defect 3: {@code global_address_ref: ssh/operating-body} validated, reloaded, and the
     * operator was shown the private key as the router's global address. Now the commit is refused at
     * its file and line, the old revision keeps serving, and the key appears in no answer.
     */
    @Test
    void aGlobalAddressNamingTheLoginKeyIsRefusedAtItsLine() {
        String file = "inventory/organizations/011002-sapporo.yaml";
        String ours = "global_address_ref: global-address/" + SAPPORO_ROUTER;
        String theKey = "global_address_ref: ssh/operating-body";
        String served = Api.headCommit();
        Api.commit(file, text -> text.replaceFirst(ours, theKey), "Sapporo: the login key as global address");
        try {
            String yaml = readRepositoryFile(file);
            int line = (int) yaml.substring(0, yaml.indexOf(theKey)).chars().filter(c -> c == '\n').count() + 1;
            JsonPath refused = Api.assertProblem(Api.post(ENGINEER, "/api/inventory/reload"), 422, null).jsonPath();
            assertTrue(refused.getString("type").endsWith("/invalid-inventory"), refused.prettify());
            assertEquals(List.of(file + ":" + line + ":25: secret-reference-kind: routers[0].global_address_ref: ssh/operating-body is an SSH login,"
                    + " not a router's global address; name a secret under global-address/"), refused.getList("errors"));
            assertEquals(served, Api.headCommit(), "the old revision keeps serving");
            for (String user : List.of(OPERATOR, ENGINEER, VIEWER, CI)) {
                String router = as(user).get("/api/routers/" + SAPPORO_ROUTER).then().statusCode(200).extract().asString();
                assertFalse(router.contains("PRIVATE KEY") || router.contains("test-only-Zq81"), user + ": " + router);
            }
            Api.jsonAs(OPERATOR, java.util.Map.of("reason", "the key is not the address")).post("/api/routers/" + SAPPORO_ROUTER
                    + "/global-address").then().statusCode(200).body("global_address", org.hamcrest.Matchers.equalTo(ADDRESS));
        } finally {
            Api.resetTo(served);
        }
    }

    private static String readRepositoryFile(String file) {
        try {
            Path inventory = Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("lgwan.inventory", String.class));
            return Files.readString(inventory.getParent().resolve(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
