package jp.lgwan.routerconfig.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Logins as a guesser meets them (issue 13, defect 5): the former built-in passwords are gone, a
 * wrong password or an unknown user is refused alike, logged (user and address, never the password)
 * and counted; after five failures in a row a user's new logins are refused (429, Retry-After) —
 * even with the right password — while a login made before keeps working; after twenty failures
 * an address is refused for every user. Every refusal is problem+json. In a profile of its own,
 * with the throttle's defaults and blocks long enough that no pause of a loaded machine ends one.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@TestProfile(LoginTest.ThrottleOn.class)
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginTest {

    public static class ThrottleOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lgwan.auth.throttle.user-free-failures", "5", "lgwan.auth.throttle.source-free-failures", "20",
                    "lgwan.auth.throttle.first-block", "10m", "lgwan.auth.throttle.longest-block", "15m");
        }
    }

    private static final Pattern FAILURE = Pattern.compile("lgwan_login_failures_total\\{reason=\"([a-z-]+)\"[^}]*} ([0-9.]+)");
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = LogCapture.of(PasswordLogin.class);
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    @Order(2)
    void aGuesserIsLoggedCountedAndHeldBackPerUserThenPerAddress() {
        // the remembered login of a user who worked before anybody guessed
        Api.as(Api.VIEWER).get("/api/inventory").then().statusCode(200);

        // defect 5: operator/operator and the others were built in, active, and compared in plain text
        for (String user : List.of(Api.ENGINEER, Api.OPERATOR, Api.CI, Api.VIEWER)) {
            Response refused = given().auth().preemptive().basic(user, user).get("/api/inventory");
            Api.assertProblem(refused, 401, null);
            assertTrue("basic realm=\"lgwan-router-config\"".equalsIgnoreCase(refused.header("WWW-Authenticate")), refused.headers().toString());
            assertEquals("wrong user name or password", refused.jsonPath().getString("detail"));
        }
        Response unknown = given().auth().preemptive().basic("mallory", "guess").get("/api/inventory");
        Api.assertProblem(unknown, 401, null);
        assertEquals("wrong user name or password", unknown.jsonPath().getString("detail"), "an unknown user is refused as a wrong password is");

        // lockout-probe: five free failures, the sixth starts a block; then even the right password waits
        for (int i = 1; i <= 6; i++) {
            Api.assertProblem(given().auth().preemptive().basic("lockout-probe", "guess-" + i).get("/api/inventory"), 401, null);
        }
        Response blocked = given().auth().preemptive().basic("lockout-probe", Api.password("lockout-probe")).get("/api/inventory");
        Api.assertProblem(blocked, 429, null);
        assertEquals("too many failed logins for this user or from this address; try again in 600 s", blocked.jsonPath().getString("detail"));
        assertEquals("600", blocked.header("Retry-After"));
        assertEquals(null, blocked.header("WWW-Authenticate"));

        List<String> lines = log.messages();
        assertTrue(lines.contains("login failed: user 'operator' from 127.0.0.1: wrong password (1 failures in a row for this user, 2 from this address)"),
                lines.toString());
        assertTrue(lines.contains("login failed: user 'mallory' from 127.0.0.1: no such user (1 failures in a row for this user, 5 from this address)"),
                lines.toString());
        assertTrue(lines.contains("login failed: user 'lockout-probe' from 127.0.0.1: wrong password (6 failures in a row for this user, 11 from this"
                + " address); its next logins are refused for 600 s"), lines.toString());
        assertFalse(String.join("\n", lines).contains("guess-"), "no password in the log");

        // an address that keeps failing (here with invented users) is held back for every user's new login
        for (int i = 12; i <= 21; i++) {
            Api.assertProblem(given().auth().preemptive().basic("invented-" + i, "x").get("/api/inventory"), 401, null);
        }
        Api.assertProblem(given().auth().preemptive().basic(Api.ENGINEER, Api.password(Api.ENGINEER)).get("/api/inventory"), 429, null);
        // ... but not a login made before the guessing
        Api.as(Api.VIEWER).get("/api/inventory").then().statusCode(200);

        Map<String, Double> failures = metrics();
        assertEquals(10.0, failures.get("wrong-password"), failures.toString());
        assertEquals(11.0, failures.get("unknown-user"), failures.toString());
        assertEquals(2.0, failures.get("throttled"), failures.toString());
    }

    /** First: the guesser of the other test leaves this address blocked. */
    @Test
    @Order(1)
    void aCallerWithoutLoginOrWithoutTheRoleGetsAProblemToo() {
        Response anonymous = given().get("/api/inventory");
        Api.assertProblem(anonymous, 401, null);
        // RFC 7617: the realm, and the charset the console's BasicChallenge adds
        assertTrue(anonymous.header("WWW-Authenticate").toLowerCase(java.util.Locale.ROOT).startsWith("basic realm=\"lgwan-router-config\""),
                anonymous.headers().toString());
        assertEquals("/api/inventory", anonymous.jsonPath().getString("instance"));

        Response forbidden = Api.jsonAs(Api.CI, Map.of()).post("/api/outages");
        Api.assertProblem(forbidden, 403, null);
        assertEquals("user 'ci' (role ci) may not POST /api/outages", forbidden.jsonPath().getString("detail"));
    }

    private static Map<String, Double> metrics() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> failures = new java.util.TreeMap<>();
        Matcher m = FAILURE.matcher(text);
        while (m.find()) {
            failures.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return failures;
    }
}
