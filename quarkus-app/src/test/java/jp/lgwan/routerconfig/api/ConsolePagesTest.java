package jp.lgwan.routerconfig.api;

import static io.restassured.RestAssured.given;
import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.NISEKO;
import static jp.lgwan.routerconfig.api.Api.NISEKO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console over HTTP, without a browser (ConsoleBrowserTest drives it in Chromium): the form
 * login shares the API's users, every page answers, the API keeps its Basic challenge, a form post
 * needs its CSRF token, and a role's refused action is refused whatever the page offered.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ConsolePagesTest {

    /** A browser's session: the console's cookie after the form login, and the CSRF cookie and token a page gave. */
    record Session(String cookie, String csrfCookie, String csrfToken) {
    }

    static Session signIn(String user) {
        Response login = given().redirects().follow(false).formParam("j_username", user).formParam("j_password", Api.password(user))
                .post("/j_security_check");
        assertEquals(302, login.statusCode(), "login as " + user);
        String cookie = login.getCookie("lgwan-console");
        assertTrue(cookie != null && !cookie.isEmpty(), "no session cookie");
        Response page = given().cookie("lgwan-console", cookie).get("/");
        page.then().statusCode(200);
        return new Session(cookie, page.getCookie("lgwan-csrf"), token(page.asString()));
    }

    static String token(String html) {
        Matcher matcher = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        return matcher.find() ? matcher.group(1) : null;
    }

    static Response get(Session session, String path) {
        return given().redirects().follow(false).cookie("lgwan-console", session.cookie()).header("Accept-Language", "en").get(path);
    }

    static Response post(Session session, String path, Map<String, String> form, boolean withToken) {
        // UTF-8, as a browser sends a form of a UTF-8 page; without the charset RestAssured encodes ISO-8859-1 and Japanese becomes '?'
        var request = given().redirects().follow(false).cookie("lgwan-console", session.cookie())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
        if (session.csrfCookie() != null) {
            request.cookie("lgwan-csrf", session.csrfCookie());
        }
        form.forEach(request::formParam);
        if (withToken) {
            request.formParam("csrf-token", session.csrfToken());
        }
        return request.post(path);
    }

    @Test
    void aBrowserWithoutSessionIsSentToTheLoginPageAndTheApiKeepsBasic() {
        given().redirects().follow(false).get("/").then().statusCode(302).header("Location", containsString("/login"));
        given().get("/login").then().statusCode(200).body(containsString("j_security_check"));
        given().get("/api/inventory").then().statusCode(401).header("WWW-Authenticate", containsString("Basic"));
        given().redirects().follow(false).formParam("j_username", VIEWER).formParam("j_password", "wrong").post("/j_security_check")
                .then().statusCode(302).header("Location", containsString("error"));
        // the console's session is not a key to the API
        Session viewer = signIn(VIEWER);
        given().cookie("lgwan-console", viewer.cookie()).get("/api/inventory").then().statusCode(401);
        given().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200);
        given().get("/console/console.js").then().statusCode(200);
    }

    @Test
    void everyPageAnswersInEitherLanguage() {
        long notification = Api.file(ENGINEER, NISEKO);
        long window = Api.requestOutage(ENGINEER, NISEKO_ROUTER);
        Session operator = signIn(OPERATOR);
        for (String path : new String[] {"/", "/notifications/" + notification, "/windows/" + window, "/windows/" + window + "/confirm/approve",
                "/routers/" + NISEKO_ROUTER, "/audit", "/audit?actor=engineer&from=2020-01-01", "/file"}) {
            String en = get(operator, path).then().statusCode(200).extract().asString();
            assertFalse(en.contains("{msg:") || en.contains("NOT_FOUND"), path + " has an unresolved expression");
            String ja = given().cookie("lgwan-console", operator.cookie()).cookie("lgwan-lang", "ja").get(path).then().statusCode(200)
                    .extract().asString();
            assertTrue(ja.contains("lang=\"ja\""), path);
        }
        get(operator, "/").then().body(containsString("Planned outages today and in the next 30 days"));
        given().cookie("lgwan-console", operator.cookie()).cookie("lgwan-lang", "ja").get("/").then()
                .body(containsString("本日から30日先までの計画停止"));
        given().cookie("lgwan-console", operator.cookie()).cookie("lgwan-lang", "ja").get("/notifications/" + notification).then()
                .body(containsString("変更届出 " + notification));
        get(operator, "/notifications/999999999").then().statusCode(404).body(containsString("no change notification 999999999"));
        get(operator, "/audit?from=yesterday").then().statusCode(422).body(containsString("from must be a date"));
    }

    @Test
    void aViewerSeesNoButtonAndAForgedPostIsRefused() {
        long notification = Api.file(ENGINEER, NISEKO);
        Session viewer = signIn(VIEWER);
        String page = get(viewer, "/notifications/" + notification).then().statusCode(200).extract().asString();
        assertFalse(page.contains("/accept\""), "a viewer is offered accept");
        post(viewer, "/notifications/" + notification + "/accept", Map.of(), true).then().statusCode(403);
        Api.as(VIEWER).get("/api/change-notifications/" + notification).then().body("state", equalTo("RECEIVED"));
        get(viewer, "/routers/" + NISEKO_ROUTER).then().body(not(containsString("/reveal")));
        post(viewer, "/routers/" + NISEKO_ROUTER + "/reveal", Map.of(), true).then().statusCode(403);
    }

    @Test
    void aFormWithoutItsCsrfTokenChangesNothing() {
        long notification = Api.file(ENGINEER, NISEKO);
        Session operator = signIn(OPERATOR);
        assertTrue(get(operator, "/notifications/" + notification).asString().contains("/accept\""));
        int refused = post(operator, "/notifications/" + notification + "/accept", Map.of(), false).statusCode();
        assertTrue(refused == 400 || refused == 403, "without its token: " + refused);
        Api.as(VIEWER).get("/api/change-notifications/" + notification).then().body("state", equalTo("RECEIVED"));
        post(operator, "/notifications/" + notification + "/accept", Map.of(), true).then().statusCode(303);
        Api.as(VIEWER).get("/api/change-notifications/" + notification).then().body("state", equalTo("ACCEPTED"))
                .body("decided_by", equalTo(OPERATOR));
    }

    @Test
    void revealingAGlobalAddressIsAudited() throws java.io.IOException {
        java.nio.file.Path secret = globalAddress(NISEKO_ROUTER, "100.79.231.40");
        Session operator = signIn(OPERATOR);
        String masked = get(operator, "/routers/" + NISEKO_ROUTER).asString();
        assertTrue(masked.contains("••••") && masked.contains("/reveal"), "masked, with a reveal button");
        // issue 15, point 6: a reason is required to unmask (the page says why it was refused), and is audited
        String refused = post(operator, "/routers/" + NISEKO_ROUTER + "/reveal", Map.of(), true).then().statusCode(422).extract().asString();
        assertFalse(refused.contains("100.79.231.40"), "no reason, no address");
        String revealed = post(operator, "/routers/" + NISEKO_ROUTER + "/reveal", Map.of("reason", "ticket 4711"), true).then().statusCode(200)
                .extract().asString();
        assertFalse(revealed.contains("••••"), "revealed");
        assertTrue(revealed.contains("100.79.231.40"), "revealed");
        java.nio.file.Files.delete(secret);
        Api.as(OPERATOR).queryParam("subject_type", "router").queryParam("subject_id", NISEKO_ROUTER).get("/api/audit").then()
                .body("items[0].action", equalTo("router.global-address.read")).body("items[0].actor", equalTo(OPERATOR))
                .body("items[0].detail.reason", equalTo("ticket 4711")).body("items[0].detail.through", equalTo("console"));
    }

    /** The router's global address in the test profile's credential store (as GlobalAddressMaskingTest writes them). */
    static java.nio.file.Path globalAddress(String router, String address) throws java.io.IOException {
        var owner = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        java.nio.file.Path file = java.nio.file.Path.of("quarkus-app", "target", "test-secrets", "global-address", router);
        java.nio.file.Files.createDirectories(file.getParent(),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        java.nio.file.Files.deleteIfExists(file);
        java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(owner));
        java.nio.file.Files.writeString(file, address + "\n");
        return file;
    }
}
