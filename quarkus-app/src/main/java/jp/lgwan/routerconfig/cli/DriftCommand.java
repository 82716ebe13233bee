package jp.lgwan.routerconfig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import jp.lgwan.routerconfig.security.OwnerOnly;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The fleet's drift (構成ずれ) for CI and for people, asked of a running service ({@code GET /api/drift}):
 * which routers no longer run what their baseline says, with the diff of their owned lines. A pipeline
 * that must not go on while a router was changed by hand runs it and reads the exit status. Asks the
 * service rather than the routers: the service knows each router's baseline (the revision it was
 * pushed at) and holds the routers' credentials, which a pipeline never should.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Asks a running service which routers drifted from their baseline (GET /api/drift), printing each drifted router's diff"
                + " (running config -, baseline +) and those it could not check.",
                "The service: --url or LGWAN_URL (default http://127.0.0.1:8080); the user: --user or LGWAN_USER; the password: --password-file"
                        + " (readable by its owner only) or LGWAN_PASSWORD.",
                "Exit status: 0 every router listed is in sync; 3 at least one drifted; 4 none drifted, but some could not be checked"
                        + " (UNREACHABLE, NOT_COMPARED, NEVER_COLLECTED); 2 usage, or the service refused or could not be reached."})
final class DriftCommand implements Callable<Integer> {

    /** Exit status: at least one router drifted from its baseline. */
    static final int DRIFTED = 3;
    /** Exit status: nothing drifted, but not every router could be checked. */
    static final int UNCHECKED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "the service (default: LGWAN_URL, else http://127.0.0.1:8080)")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "the user to ask as (default: LGWAN_USER); the ci, viewer, engineer and operator roles may read drift")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "a file holding the user's password, readable by its owner only (default: LGWAN_PASSWORD)")
    Path passwordFile;

    static final class Scope {
        @Option(names = "--router", paramLabel = "HOSTNAME", description = "only this router")
        String router;

        @Option(names = "--organization", paramLabel = "CODE", description = "only this organization's routers")
        String organization;
    }

    @ArgGroup(exclusive = true)
    Scope scope = new Scope();

    @Option(names = "--collect", description = "collect the router's or organization's backups first (POST /api/backups/collect: engineers and operators)")
    boolean collect;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (the service's answer as it is) (default: ${DEFAULT-VALUE})")
    String format;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (scope == null) {
            scope = new Scope(); // neither --router nor --organization: the whole fleet
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new Cli.UsageException("--format " + format + " is neither text nor json");
        }
        if (collect && scope.router == null && scope.organization == null) {
            throw new Cli.UsageException("--collect needs --router or --organization (the whole fleet is collected on the service's schedule)");
        }
        String base = firstOf(url, System.getenv("LGWAN_URL"), "http://127.0.0.1:8080").replaceAll("/+$", "");
        String name = firstOf(user, System.getenv("LGWAN_USER"), null);
        if (name == null) {
            throw new Cli.UsageException("no user: give --user or LGWAN_USER");
        }
        String password = password();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        String query = scope.router != null ? "router=" + encode(scope.router) : scope.organization != null ? "organization=" + encode(scope.organization) : "";
        if (collect) {
            ask(http, HttpRequest.newBuilder(URI.create(base + "/api/backups/collect?" + query)).header("Authorization", authorization)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(30)).build());
        }
        JsonNode report = ask(http, HttpRequest.newBuilder(URI.create(base + (scope.router != null ? "/api/drift/" + encode(scope.router)
                : "/api/drift" + (query.isEmpty() ? "" : "?" + query)))).header("Authorization", authorization).GET().timeout(Duration.ofMinutes(2)).build());
        JsonNode routers = scope.router != null ? JSON.createArrayNode().add(report) : report.get("drift");
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(JSON.writeValueAsString(report));
        }
        int drifted = 0;
        int unchecked = 0;
        for (JsonNode router : routers) {
            String status = router.get("status").asText();
            if (status.equals("DRIFTED")) {
                drifted++;
            } else if (!status.equals("IN_SYNC")) {
                unchecked++;
            }
            if (format.equals("text") && !status.equals("IN_SYNC")) {
                print(out, router, status);
            }
        }
        if (format.equals("text")) {
            out.printf("%d routers: %d drifted, %d not checked, %d in sync%s%n", routers.size(), drifted, unchecked, routers.size() - drifted - unchecked,
                    report.hasNonNull("last_collected_at") ? "; last collected " + report.get("last_collected_at").asText() : "");
        }
        return drifted > 0 ? DRIFTED : unchecked > 0 ? UNCHECKED : Cli.OK;
    }

    private static void print(PrintWriter out, JsonNode router, String status) {
        StringBuilder line = new StringBuilder(String.format("%-15s %s", status, router.get("hostname").asText()));
        if (status.equals("DRIFTED")) {
            line.append(String.format(" +%d -%d", router.get("added").asInt(), router.get("removed").asInt()));
        }
        if (router.hasNonNull("collected_at")) {
            line.append(", read ").append(router.get("collected_at").asText());
        }
        if (router.hasNonNull("baseline_source")) {
            line.append(", baseline ").append(router.get("baseline_source").asText());
            if (router.hasNonNull("baseline_revision")) {
                String revision = router.get("baseline_revision").asText();
                line.append(" at ").append(revision.length() > 12 ? revision.substring(0, 12) : revision);
            }
        }
        if (router.hasNonNull("reason")) {
            line.append(": ").append(router.get("reason").asText());
        }
        out.println(line);
        if (router.hasNonNull("diff")) {
            router.get("diff").asText().lines().forEach(diffLine -> out.println("    " + diffLine));
        }
    }

    /** The answer as JSON; a refusal is its problem's title and detail, and the run stops (exit 2). */
    private JsonNode ask(HttpClient http, HttpRequest request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Cli.UsageException("cannot reach the service at " + request.uri().getScheme() + "://" + request.uri().getAuthority() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        JsonNode body;
        try {
            body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Cli.UsageException(request.method() + " " + request.uri().getPath() + ": HTTP " + response.statusCode() + ", not JSON");
        }
        if (response.statusCode() / 100 != 2) {
            throw new Cli.UsageException(request.method() + " " + request.uri().getPath() + ": HTTP " + response.statusCode() + " "
                    + body.path("title").asText("") + (body.hasNonNull("detail") ? ": " + body.get("detail").asText() : ""));
        }
        return body;
    }

    private String password() throws IOException {
        if (passwordFile != null) {
            try {
                return OwnerOnly.read(passwordFile).strip();
            } catch (OwnerOnly.UnsafePath e) {
                throw new Cli.UsageException("--password-file: " + e.getMessage());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new Cli.UsageException("--password-file: no such file: " + passwordFile);
            }
        }
        String fromEnvironment = System.getenv("LGWAN_PASSWORD");
        if (fromEnvironment == null) {
            throw new Cli.UsageException("no password: give --password-file or LGWAN_PASSWORD");
        }
        return fromEnvironment;
    }

    private static String firstOf(String a, String b, String fallback) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : fallback;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
