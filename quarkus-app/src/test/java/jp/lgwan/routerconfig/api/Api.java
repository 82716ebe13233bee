package jp.lgwan.routerconfig.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import jp.lgwan.routerconfig.testing.MovableClock;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the API tests share: a request as each user, and data each test creates for itself. The
 * tests of this package share one service and one database, so nothing here assumes an empty
 * table: counts are compared before and after, and every window gets a day of its own.
 */
final class Api {

    static final String ENGINEER = "engineer";
    static final String OPERATOR = "operator";
    static final String CI = "ci";
    static final String VIEWER = "viewer";
    static final String ANONYMOUS = "anonymous";
    /** The scopes of issue 15 (application.properties, %test): Niseko's and Sapporo's own users, Hokkaido's and Ehime's collecting windows. */
    static final String ORG_NISEKO = "org-niseko";
    static final String ORG_SAPPORO = "org-sapporo";
    static final String PREF_HOKKAIDO = "pref-hokkaido";
    static final String PREF_EHIME = "pref-ehime";
    static final List<String> CALLERS = List.of(ENGINEER, OPERATOR, CI, VIEWER, ORG_NISEKO, ORG_SAPPORO, PREF_HOKKAIDO, PREF_EHIME, ANONYMOUS);

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final ZoneOffset JST = ZoneOffset.ofHours(9);

    /** Organizations of the sample with one router each, and their routers. */
    static final String NISEKO = "013951";
    static final String NISEKO_ROUTER = "lgrt.town.niseko.lgwan.jp";
    static final String SAPPORO = "011002";
    static final String SAPPORO_ROUTER = "lgrt.city.sapporo.lgwan.jp";
    static final String MATSUNO_ROUTER = "lgrt.town.matsuno.lgwan.jp";

    /**
     * Days of future windows: one day per window from 60 days ahead, so no two windows of any test overlap (each run has a
     * database of its own), none falls in the weeks the service's clock is moved through by the tests of time
     * (rollout.WindowOpensByItselfTest), and all lie past every effective date the API tests file. Not decades ahead: a
     * window is held to its routers' end of support on its own day (the sample's earliest ends on 2029-03-31).
     */
    private static final LocalDate FIRST_WINDOW_DAY = MovableClock.todayInJapan().plusDays(60);
    private static final AtomicInteger WINDOWS = new AtomicInteger();

    private Api() {
    }

    /** A request as {@code user} (one of the test profile's users of application.properties), or without credentials. */
    static RequestSpecification as(String user) {
        RequestSpecification request = given().log().ifValidationFails();
        return user.equals(ANONYMOUS) ? request : request.auth().preemptive().basic(user, password(user));
    }

    /** The test profile's passwords: NAME-test-password. */
    static String password(String user) {
        return user + "-test-password";
    }

    /**
     * A POST without a body, as curl sends one ({@code -X POST}, no content); rest-assured would
     * otherwise declare a form, which the JSON resources refuse with 415.
     */
    static Response post(String user, String path) {
        return as(user).contentType(ContentType.JSON).post(path);
    }

    static RequestSpecification jsonAs(String user, Object body) {
        RequestSpecification request = as(user).contentType(ContentType.JSON);
        return body instanceof String text ? request.body(text) : request.body(body);
    }

    /** The earliest effective date the 20-day rule allows a filing made today, plus a day of margin around midnight. */
    static LocalDate effectiveDate() {
        return MovableClock.todayInJapan().plusDays(21);
    }

    static Map<String, Object> filing(String organization) {
        return Map.of("organization_code", organization,
                "items", List.of(Map.of("kind", "OTHER", "description", "API test filing")),
                "effective_date", effectiveDate().toString());
    }

    /** Files a notification for {@code organization} as {@code user}; its id. */
    static long file(String user, String organization) {
        return jsonAs(user, filing(organization)).post("/api/change-notifications").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static long fileAccepted(String organization) {
        long id = file(ENGINEER, organization);
        jsonAs(OPERATOR, "{}").post("/api/change-notifications/" + id + "/accept").then().statusCode(200);
        return id;
    }

    static long fileRejected(String organization) {
        long id = file(ENGINEER, organization);
        jsonAs(OPERATOR, Map.of("reason", "API test rejection")).post("/api/change-notifications/" + id + "/reject").then().statusCode(200);
        return id;
    }

    private static final AtomicInteger ASSOCIATIONS = new AtomicInteger(800);

    /**
     * A Hokkaido association's code no other test of this run uses and the inventory does not hold:
     * 01, municipality digits from 800 up (the range the sample uses for associations, 840 excepted),
     * and the check digit.
     */
    static String associationCode() {
        int municipality = ASSOCIATIONS.getAndIncrement();
        if (municipality == 840) {
            municipality = ASSOCIATIONS.getAndIncrement();
        }
        String five = "01" + municipality;
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (five.charAt(i) - '0') * (6 - i);
        }
        return five + (11 - sum % 11) % 10;
    }

    /** A connection application of a Hokkaido association, as its prefecture records it. */
    static Map<String, Object> application(String code) {
        Map<String, Object> responsible = Map.of("name", "北 一郎", "department", "総務課", "email", "lgwan@kumiai" + code + ".hokkaido.lg.jp",
                "phone", "011-231-4111");
        Map<String, Object> operator = Map.of("name", "南 花子", "email", "ops@kumiai" + code + ".hokkaido.lg.jp");
        return Map.of("organization_code", code, "kind", "partial-affairs-association", "name", "北海道テスト事務組合",
                "name_en", "Hokkaido Test Association", "domain", "kumiai" + code + ".hokkaido.lg.jp",
                "contacts", Map.of("responsible", responsible, "primary_operator", operator), "desired_start_date", effectiveDate().toString());
    }

    /** Records an application as Hokkaido's collecting window; its id. */
    static long collectApplication() {
        return jsonAs(PREF_HOKKAIDO, application(associationCode())).post("/api/connection-applications").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static long forwardedApplication() {
        long id = collectApplication();
        post(PREF_HOKKAIDO, "/api/connection-applications/" + id + "/forward").then().statusCode(200);
        return id;
    }

    static long acceptedApplication() {
        long id = forwardedApplication();
        post(OPERATOR, "/api/connection-applications/" + id + "/accept").then().statusCode(200);
        return id;
    }

    /** A one-hour window on a day no other window of this run uses: [start, end]. */
    static OffsetDateTime[] nextWindow() {
        LocalDate day = FIRST_WINDOW_DAY.plusDays(WINDOWS.getAndIncrement());
        OffsetDateTime start = day.atTime(10, 0).atOffset(JST);
        return new OffsetDateTime[] {start, start.plusHours(1)};
    }

    static Map<String, Object> outageRequest(List<String> routers, OffsetDateTime start, OffsetDateTime end) {
        return Map.of("routers", routers, "window_start", start.toString(), "window_end", end.toString(), "reason", "LINE_SPEED_CHANGE",
                "description", "API test window");
    }

    /** Requests a window of its own for {@code router} as {@code user}; its id. */
    static long requestOutage(String user, String router) {
        OffsetDateTime[] window = nextWindow();
        return jsonAs(user, outageRequest(List.of(router), window[0], window[1])).post("/api/outages").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static long approvedOutage(String router) {
        long id = requestOutage(ENGINEER, router);
        post(OPERATOR, "/api/outages/" + id + "/approve").then().statusCode(200);
        return id;
    }

    /**
     * Requests and approves a window on {@code router} that opened a minute ago, starts it by hand
     * as the operator, and halts its job at once, so that the window closes and frees the router
     * for other tests; the response to the start. A legal power inspection: it needs no
     * notification scheduled to start (any other window with nothing to push is refused).
     */
    static Response startByHand(String router) {
        return startAndHalt(List.of(router));
    }

    /** The same over several routers. */
    static Response startAndHalt(List<String> routers) {
        Response started = startByHand(routers, "LEGAL_POWER_INSPECTION");
        if (started.statusCode() == 202) {
            jsonAs(OPERATOR, Map.of("reason", "test: done with it")).post("/api/jobs/" + started.jsonPath().getLong("id") + "/halt")
                    .then().statusCode(200);
        }
        return started;
    }

    static Response startByHand(String router, String reason) {
        return startByHand(List.of(router), reason);
    }

    static Response startByHand(List<String> routers, String reason) {
        OffsetDateTime start = MovableClock.nowInJapan().minusMinutes(1).withNano(0);
        Map<String, Object> request = new java.util.HashMap<>(outageRequest(routers, start, start.plusMinutes(30)));
        request.put("reason", reason);
        long id = jsonAs(ENGINEER, request).post("/api/outages").then().statusCode(201).extract().jsonPath().getLong("id");
        post(OPERATOR, "/api/outages/" + id + "/approve").then().statusCode(200);
        return post(OPERATOR, "/api/outages/" + id + "/start");
    }

    /** The {@code total} of a list, as the operator sees it. */
    static long total(String path) {
        return as(OPERATOR).queryParam("size", 1).get(path).then().statusCode(200).extract().jsonPath().getLong("total");
    }

    /**
     * Edits a file of the repository the service serves (path from the repository's top) and commits
     * it, as an engineer does; the new commit. The service serves it once reloaded.
     */
    static String commit(String file, UnaryOperator<String> edit, String message) {
        String inventory = ConfigProvider.getConfig().getValue("lgwan.inventory", String.class);
        try (Repository repository = RevisionSnapshot.open(Path.of(inventory))) {
            return TestInventory.commit(repository.getWorkTree().toPath(), file, edit, message);
        } catch (RevisionSnapshot.RevisionException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Puts the served repository's branch back at {@code commit} (as {@code git reset --hard}) and
     * reloads it: a test that commits leaves the history, and what the service serves, as it found them.
     */
    static void resetTo(String commit) {
        String inventory = ConfigProvider.getConfig().getValue("lgwan.inventory", String.class);
        try (Repository repository = RevisionSnapshot.open(Path.of(inventory)); Git git = new Git(repository)) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
        } catch (RevisionSnapshot.RevisionException | GitAPIException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        post(ENGINEER, "/api/inventory/reload").then().statusCode(200).body("commit", org.hamcrest.Matchers.equalTo(commit));
    }

    static String headCommit() {
        return as(OPERATOR).get("/api/inventory").then().statusCode(200).extract().jsonPath().getString("commit");
    }

    /** A refusal as RFC 9457 problem+json, naming {@code field}, and no trace of Java in it. */
    static Response assertProblem(Response response, int status, String field) {
        response.then().statusCode(status).contentType("application/problem+json");
        String body = response.asString();
        assertEquals(status, response.jsonPath().getInt("status"), body);
        if (field != null) {
            assertEquals(field, response.jsonPath().getString("field"), body);
        }
        assertNoJavaIn(body);
        return response;
    }

    static void assertNoJavaIn(String body) {
        for (String trace : List.of("at jp.", "at java.", "at io.", "at org.", "Exception", "jp.lgwan", "com.fasterxml", "\tat ")) {
            assertFalse(body.contains(trace), () -> "response shows '" + trace + "': " + body);
        }
    }
}
