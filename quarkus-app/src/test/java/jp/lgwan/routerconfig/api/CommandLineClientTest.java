package jp.lgwan.routerconfig.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.lgwan.routerconfig.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line client against the running service, as a script uses it: the new id alone on
 * stdout, a refusal as the problem's title and detail on one line with exit status 4, an
 * unreachable service 5. (The whole demo with {@code jobs show --follow}: ReadmeLabDemoIT.)
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class CommandLineClientTest {

    @TestHTTPResource("/")
    URL service;

    @TempDir
    Path temp;

    record Run(int status, String out, String err) {
    }

    private Run client(String user, String... args) throws Exception {
        Path credentials = temp.resolve(user + ".credentials");
        Files.writeString(credentials, "user=" + user + "\npassword=" + Api.password(user) + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", service.toString(), "--credentials", credentials.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void anEngineerFilesANotificationAndAScriptGetsItsIdAlone() throws Exception {
        LocalDate effective = jp.lgwan.routerconfig.testing.MovableClock.todayInJapan().plusDays(45);
        Run filed = client(Api.ENGINEER, "notifications", "file", "--organization", Api.SAPPORO, "--effective-date", effective.toString(),
                "--item", "ROUTER_SETTINGS=client test");
        assertEquals(0, filed.status(), filed.err());
        String id = filed.out().strip();
        assertTrue(id.matches("[0-9]+"), "stdout is the id alone: " + filed.out());
        assertTrue(filed.err().startsWith("filed: " + id + "  RECEIVED  " + Api.SAPPORO + "  effective " + effective), filed.err());

        Run shown = client(Api.VIEWER, "notifications", "show", id);
        assertEquals(0, shown.status(), shown.err());
        assertTrue(shown.out().startsWith(id + "  RECEIVED  " + Api.SAPPORO), shown.out());
        assertTrue(shown.out().contains("\n  item ROUTER_SETTINGS: client test\n"), shown.out());

        Run listed = client(Api.VIEWER, "notifications", "list", "--organization", Api.SAPPORO, "--state", "RECEIVED");
        assertEquals(0, listed.status(), listed.err());
        assertTrue(listed.out().lines().anyMatch(line -> line.startsWith(id + "  RECEIVED  ")), listed.out());
    }

    @Test
    void aRefusalPrintsTheProblemsTitleAndDetailAndExits4() throws Exception {
        Run missing = client(Api.OPERATOR, "notifications", "accept", "999999999");
        assertEquals(Cli.REFUSED, missing.status());
        assertEquals("", missing.out());
        assertTrue(missing.err().startsWith("lgwan-config notifications accept: refused (404): "), missing.err());
        assertEquals(1, missing.err().lines().count(), "one line: " + missing.err());

        // a viewer may read, not file: the service's 403, said as such
        Run forbidden = client(Api.VIEWER, "notifications", "file", "--organization", Api.SAPPORO, "--effective-date",
                jp.lgwan.routerconfig.testing.MovableClock.todayInJapan().plusDays(45).toString(), "--item", "OTHER=x");
        assertEquals(Cli.REFUSED, forbidden.status(), forbidden.err());
        assertTrue(forbidden.err().startsWith("lgwan-config notifications file: refused (403): "), forbidden.err());

        // inside the notice period without an emergency reason: the detail names the rule
        Run tooSoon = client(Api.ENGINEER, "notifications", "file", "--organization", Api.SAPPORO, "--effective-date",
                jp.lgwan.routerconfig.testing.MovableClock.todayInJapan().plusDays(5).toString(), "--item", "ROUTER_SETTINGS=x");
        assertEquals(Cli.REFUSED, tooSoon.status(), tooSoon.err());
        assertTrue(tooSoon.err().startsWith("lgwan-config notifications file: refused (422): "), tooSoon.err());
    }

    @Test
    void aWrongPasswordIsARefusalNamingWhoAskedWhere() throws Exception {
        Path credentials = temp.resolve("wrong");
        Files.writeString(credentials, "user=operator\npassword=not-the-password\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        StringWriter err = new StringWriter();
        int status = Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "jobs", "show", "1", "--url", service.toString(),
                "--credentials", credentials.toString());
        assertEquals(Cli.REFUSED, status, err.toString());
        assertTrue(err.toString().startsWith("lgwan-config jobs show: refused (401): "), err.toString());
        assertTrue(!err.toString().contains("not-the-password"), "the password is never printed");
    }

    @Test
    void aServiceNobodyRunsExits5() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path credentials = temp.resolve("c");
        Files.writeString(credentials, "user=operator\npassword=x\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        StringWriter err = new StringWriter();
        int status = Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "outages", "approve", "1",
                "--url", "http://127.0.0.1:" + port, "--credentials", credentials.toString());
        assertEquals(Cli.UNREACHABLE, status);
        assertEquals("lgwan-config outages approve: cannot reach the service at http://127.0.0.1:" + port + ": nothing answers\n", err.toString());
    }
}
