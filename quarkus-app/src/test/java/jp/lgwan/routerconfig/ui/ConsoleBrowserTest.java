package jp.lgwan.routerconfig.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.UnaryOperator;
import jp.lgwan.routerconfig.api.EmbeddedPostgresResource;
import jp.lgwan.routerconfig.change.LiveInventory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium driven through its chromium-driver
 * (Selenium; nothing is downloaded). The README's demo done entirely in the console — file both
 * notifications, accept them, request and approve a window, schedule them into it, start it, watch
 * Niseko confirm and Matsuno roll back live (the page is never reloaded: the step timeline comes over
 * server-sent events), acknowledge the service-desk notice — then a viewer, who is offered no button
 * and whose forged post is refused, and both languages. Each page's screenshot is kept in
 * {@code quarkus-app/target/console-screenshots}. Without chromium and its driver the test is skipped,
 * except under CI ({@code CI=true}), where it fails.
 *
 * <p>It commits to the test inventory and pushes to the lab's Matsuno and Niseko, as the demo does:
 * its package sorts after every other service test (Quarkus orders test classes by name), so that
 * none of them sees its commits (InventoryApiTest wants HEAD to be every router's baseline,
 * RolloutLabTest commits Matsuno's change itself).
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("quarkus-app", "target", "console-screenshots");
    static final String MATSUNO = "lgrt.town.matsuno.lgwan.jp";
    static final String NISEKO = "lgrt.town.niseko.lgwan.jp";

    private static long started;

    @TestHTTPResource("/")
    URL base;
    @Inject
    LiveInventory inventory;

    private WebDriver browser;

    // ---- the API, as the test's own setup uses it (the test users' passwords are their names) --------

    static final String ENGINEER = "engineer";
    static final String OPERATOR = "operator";
    static final String VIEWER = "viewer";

    /** The test profile's passwords (application.properties, %test.lgwan.auth.users): NAME-test-password. */
    static String password(String user) {
        return user + "-test-password";
    }

    static io.restassured.specification.RequestSpecification api(String user) {
        return given().auth().preemptive().basic(user, password(user)).contentType("application/json");
    }

    /** A notification of Niseko, filed by the engineer the usual 21 days ahead; its id. */
    static long fileNiseko() {
        return api(ENGINEER).body(java.util.Map.of("organization_code", "013951", "items", List.of(java.util.Map.of("kind", "OTHER",
                        "description", "browser test filing")), "effective_date", jp.lgwan.routerconfig.testing.MovableClock.todayInJapan().plusDays(21).toString()))
                .post("/api/change-notifications").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A window on Niseko on a day of its own, far ahead; its id. */
    static long requestNisekoWindow() {
        java.time.OffsetDateTime start = java.time.LocalDate.of(2090, 1, 1)
                .atTime(10, 0).atOffset(java.time.ZoneOffset.ofHours(9));
        return api(ENGINEER).body(java.util.Map.of("routers", List.of(NISEKO), "window_start", start.toString(), "window_end",
                        start.plusHours(1).toString(), "reason", "OTHER")).post("/api/outages").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @BeforeAll
    static void startDriver() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("chromium and chromium-driver are not installed (.ci/run installs them): the console is untested");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        Files.createDirectories(SCREENSHOTS);
        started = System.nanoTime();
    }

    @AfterAll
    static void measure() {
        System.out.printf("console browser test: %d ms with the browsers%n", (System.nanoTime() - started) / 1_000_000);
    }

    private WebDriver open(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // root in a container: Chromium's sandbox needs user namespaces it may not have
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                "--lang=" + language, "--no-first-run", "--disable-extensions", "--disable-background-networking");
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        // a driver process per browser: quitting a ChromeDriver stops the service it was given
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void signIn(String user) {
        browser.get(url("/"));
        wait(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/login"));
        browser.findElement(By.id("j_username")).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(password(user));
        browser.findElement(By.id("sign-in")).click();
        wait(Duration.ofSeconds(20)).until(d -> d.findElements(By.id("signed-in")).size() == 1);
    }

    private WebDriverWait wait(Duration within) {
        // a live part is swapped while the wait reads it: read it again
        WebDriverWait wait = new WebDriverWait(browser, within, Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    private long idIn(String prefix) {
        String path = browser.getCurrentUrl().replaceAll("^.*?//[^/]+", "");
        assertTrue(path.startsWith(prefix), path);
        return Long.parseLong(path.substring(prefix.length()).replaceAll("[/?#].*$", ""));
    }

    /** Edits a file of the inventory repository and commits it, as the engineer of the README does (unchanged: nothing to commit). */
    private void commit(String file, UnaryOperator<String> edit, String message) throws Exception {
        Repository repository = inventory.repository().orElseThrow();
        Path path = repository.getWorkTree().toPath().resolve(file);
        String before = Files.readString(path);
        String after = edit.apply(before);
        if (after.equals(before)) {
            return;
        }
        Files.writeString(path, after);
        try (Git git = new Git(repository)) {
            git.add().addFilepattern(file).call();
            PersonIdent engineer = new PersonIdent("Test Engineer", "engineer@example.invalid");
            git.commit().setMessage(message).setAuthor(engineer).setCommitter(engineer).setSign(false).call();
        }
    }

    private long fileEmergency(String organization, String kind, String description, String... fields) {
        browser.get(url("/file"));
        new Select(browser.findElement(By.id("organization_code"))).selectByVisibleText(
                browser.findElements(By.cssSelector("#organization_code option")).stream().map(WebElement::getText)
                        .filter(t -> t.startsWith(organization + " ")).findFirst().orElseThrow());
        new Select(browser.findElement(By.id("item_kind"))).selectByVisibleText(kind);
        browser.findElement(By.id("item_description")).sendKeys(description);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            browser.findElement(By.id(fields[i])).sendKeys(fields[i + 1]);
        }
        browser.findElement(By.id("emergency_reason")).sendKeys("demo");
        click("file");
        wait(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/notifications/"));
        return idIn("/notifications/");
    }

    @Test
    void theReadmeDemoInTheConsole() throws Exception {
        // the engineer's change, committed to git as in the README (a run before this one may have left it there)
        commit("inventory/organizations/384844-matsuno.yaml", text -> text
                .replace("bandwidth_mbps: 100\n", "bandwidth_mbps: 1000\n")
                .replace("      kind: onu\n      mode: auto", "      kind: onu\n      mode: 1000-full")
                .replace("description: LGWAN prefecture WAN matsuno-prefwan-1\n        mode: auto",
                        "description: LGWAN prefecture WAN matsuno-prefwan-1\n        mode: 1000-full"), "Matsuno: 1 Gbit/s line");
        String suffix = " (Hokkaido WAN " + System.nanoTime() % 100000 + ")";
        commit("inventory/organizations/013951-niseko.yaml", text -> text.replaceFirst("description: LGWAN prefecture WAN niseko-prefwan-1[^\n]*",
                "description: LGWAN prefecture WAN niseko-prefwan-1" + suffix), "Niseko: WAN description");
        api(ENGINEER).post("/api/inventory/reload").then().statusCode(200);

        open("en");
        signIn(OPERATOR);
        screenshot("01-board-en");

        // the speed item with the values the form asks for: the new speed and the ONU's mode the carrier confirmed
        long matsunoNotification = fileEmergency("384844", "ACCESS_LINE_SPEED", "100M to 1G", "item_access_line", "matsuno-prefwan-1",
                "item_bandwidth_mbps", "1000", "item_termination_device_mode", "1000-full");
        assertEquals("NEEDS_OUTAGE", browser.findElement(By.cssSelector(".risk")).getText());
        assertTrue(browser.findElement(By.cssSelector("pre.diff")).getText().contains("1000"), "the diff shows the new speed");
        assertTrue(browser.findElement(By.cssSelector("[id='plan-" + MATSUNO + "']")).getText().contains("speed lan2 1000000000"),
                "the push plan types the new speed");
        screenshot("02-notification");
        click("accept");
        wait(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("state")).getText().equals("ACCEPTED"));
        long nisekoNotification = fileEmergency("013951", "ROUTER_SETTINGS", "WAN description");
        click("accept");
        wait(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("state")).getText().equals("ACCEPTED"));

        // a window opening now
        browser.get(url("/file"));
        browser.findElement(By.id("routers")).sendKeys(MATSUNO + "\n" + NISEKO);
        LocalDateTime now = jp.lgwan.routerconfig.testing.MovableClock.nowInJapan().toLocalDateTime();
        DateTimeFormatter minute = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        setValue("window_start", now.minusMinutes(1).format(minute));
        setValue("window_end", now.plusHours(1).format(minute));
        new Select(browser.findElement(By.id("reason"))).selectByVisibleText("LINE_SPEED_CHANGE");
        click("request");
        wait(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/windows/"));
        long window = idIn("/windows/");
        click("approve");
        assertTrue(browser.findElement(By.id("affected")).getText().contains(MATSUNO), "the confirmation names the routers");
        screenshot("03-confirm-approve");
        click("confirm");
        wait(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("status")).getText().equals("APPROVED"));

        for (long notification : List.of(matsunoNotification, nisekoNotification)) {
            browser.get(url("/notifications/" + notification));
            new Select(browser.findElement(By.id("outage"))).selectByValue(String.valueOf(window));
            click("schedule");
            wait(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("state")).getText().equals("SCHEDULED"));
        }

        browser.get(url("/windows/" + window));
        click("start");
        click("confirm");
        wait(Duration.ofSeconds(20)).until(d -> d.findElements(By.id("job-state")).size() == 1);
        // from here on the page is never loaded again: what changes comes over the job's event stream
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        By matsunoState = By.cssSelector("[id='router-" + MATSUNO + "'] [data-router-state]");
        By nisekoState = By.cssSelector("[id='router-" + NISEKO + "'] [data-router-state]");
        wait(Duration.ofSeconds(90)).until(d -> d.findElement(matsunoState).getText().equals("ROLLED_BACK")
                && d.findElement(nisekoState).getText().equals("CONFIRMED"));
        wait(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("job-state")).getText().equals("COMPLETED_WITH_ROLLBACKS"));
        // the window around the job moved too: completed, nothing left to halt
        wait(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("status")).getText().equals("COMPLETED") && d.findElements(By.id("halt")).isEmpty());
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"),
                "the page was loaded again: the timeline did not come live");
        String matsunoTimeline = text(By.cssSelector("[id='router-" + MATSUNO + "']"));
        assertTrue(matsunoTimeline.contains("wan-errors-not-rising") && matsunoTimeline.contains("rollback"), matsunoTimeline);
        assertTrue(text(By.cssSelector("[id='router-" + NISEKO + "']")).contains("confirm"));
        screenshot("04-window-live");

        // the notice about Matsuno waits on the board; the operator acknowledges it
        browser.get(url("/"));
        WebElement notice = browser.findElements(By.cssSelector("#notices li")).stream().filter(li -> li.getText().contains(MATSUNO)
                && li.getText().contains("router-rolled-back")).findFirst().orElseThrow(() -> new AssertionError("no notice about Matsuno"));
        String noticeId = notice.getAttribute("id");
        assertTrue(browser.findElement(By.id("attention")).getText().contains(MATSUNO), "Matsuno needs attention");
        screenshot("05-board-after");
        notice.findElement(By.name("note")).sendKeys("called Matsuno's IT desk");
        notice.findElement(By.cssSelector("button.ack")).click();
        wait(Duration.ofSeconds(20)).until(d -> d.findElements(By.id(noticeId)).isEmpty());

        browser.get(url("/routers/" + MATSUNO));
        assertTrue(browser.findElement(By.id("pushes")).getText().contains("ROLLED_BACK"));
        assertTrue(browser.findElement(By.id("verification")).getText().contains("wan-errors-not-rising"));
        screenshot("06-router");
        browser.get(url("/audit?subject=planned-outage:" + window));
        assertTrue(browser.findElement(By.id("audit")).getText().contains("planned-outage.approved"));
        screenshot("07-audit");
    }

    /** An element's text, read again when a live update swapped it meanwhile. */
    private String text(By element) {
        return wait(Duration.ofSeconds(10)).until(d -> d.findElement(element).getText());
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), value);
    }

    @Test
    void aViewerIsOfferedNoButtonAndAForgedPostIsRefused() throws Exception {
        long notification = fileNiseko();
        long window = requestNisekoWindow();
        open("en");
        signIn(VIEWER);
        browser.get(url("/notifications/" + notification));
        assertTrue(browser.findElements(By.cssSelector("form[action$='/accept'], form[action$='/reject'], form[action$='/schedule']")).isEmpty());
        screenshot("08-viewer-notification");
        browser.get(url("/windows/" + window));
        assertTrue(browser.findElements(By.cssSelector(".actions a")).isEmpty(), "no approve or cancel for a viewer");
        browser.get(url("/"));
        assertTrue(browser.findElements(By.cssSelector("button.ack")).isEmpty());
        // the page's own CSRF token (from the sign-out form) and the session: the server still refuses
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('input[name=csrf-token]').value;
                fetch('/notifications/%d/accept', {method: 'POST', body: new URLSearchParams({'csrf-token': token}), redirect: 'manual'})
                    .then(r => done(r.status)).catch(e => done(String(e)));""".formatted(notification));
        assertEquals(403L, status);
        api(VIEWER).get("/api/change-notifications/" + notification).then().body("state", org.hamcrest.Matchers.equalTo("RECEIVED"));
    }

    @Test
    void theConsoleSpeaksJapaneseAndEnglish() throws Exception {
        open("ja");
        signIn(ENGINEER);
        assertEquals("本日のボード", browser.findElement(By.tagName("h1")).getText().replace("ライブ", "").strip());
        assertTrue(browser.getPageSource().contains("計画停止"));
        screenshot("09-board-ja");
        browser.findElement(By.cssSelector("a[href^='/lang/en']")).click();
        wait(Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("h1")).getText().startsWith("Today"));
        assertFalse(browser.getPageSource().contains("本日のボード"));
        browser.findElement(By.cssSelector("a[href^='/lang/ja']")).click();
        wait(Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("h1")).getText().startsWith("本日のボード"));
        browser.get(url("/audit"));
        assertEquals("監査ログ", browser.findElement(By.tagName("h1")).getText());
        screenshot("10-audit-ja");
    }
}
