package jp.lgwan.routerconfig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import jp.lgwan.routerconfig.client.ServiceConnection;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The fleet's drift (構成ずれ) for CI and for people, asked of a running service ({@code GET /api/drift}):
 * which routers no longer run what their baseline says, with the diff of their owned lines. A pipeline
 * that must not go on while a router was changed by hand runs it and reads the exit status. Asks the
 * service rather than the routers: the service knows each router's baseline (the revision it was
 * pushed at) and holds the routers' credentials, which a pipeline never should.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Asks a running service which routers drifted from their baseline (GET /api/drift), printing each drifted router's diff"
                + " (running config -, baseline +) and those it could not check. The service and user as for every client command"
                + " (README \"The command-line client\").",
                "Exit status: 0 every router listed is in sync; 3 at least one drifted; 7 none drifted, but some could not be checked"
                        + " (UNREACHABLE, NOT_COMPARED, NEVER_COLLECTED); 4 refused by the service; 5 service unreachable; 2 usage."})
final class DriftCommand extends ServiceCommand {

    /** Exit status: at least one router drifted from its baseline (as {@code diff} exits 3 on a change that needs care). */
    static final int DRIFTED = 3;
    /** Exit status: nothing drifted, but not every router could be checked (as a job whose routers were neither verified nor rolled back). */
    static final int UNCHECKED = JobsCommand.FAILURES;

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

    @Override
    void check() {
        if (scope == null) {
            scope = new Scope(); // neither --router nor --organization: the whole fleet
        }
        if (collect && scope.router == null && scope.organization == null) {
            throw new ParameterException(spec.commandLine(), "--collect needs --router or --organization (the whole fleet is collected on the"
                    + " service's schedule)");
        }
    }

    @Override
    int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
        String query = scope.router != null ? "router=" + encode(scope.router) : scope.organization != null ? "organization=" + encode(scope.organization) : "";
        if (collect) {
            connection.post("/api/backups/collect?" + query, null);
        }
        JsonNode report = connection.get(scope.router != null ? "/api/drift/" + encode(scope.router) : "/api/drift" + (query.isEmpty() ? "" : "?" + query));
        JsonNode routers = scope.router != null ? JSON.createArrayNode().add(report) : report.get("drift");
        int drifted = 0;
        int unchecked = 0;
        for (JsonNode router : routers) {
            String status = router.get("status").asText();
            if (status.equals("DRIFTED")) {
                drifted++;
            } else if (!status.equals("IN_SYNC")) {
                unchecked++;
            }
        }
        int inSync = routers.size() - drifted - unchecked;
        int drift = drifted;
        int notChecked = unchecked;
        print(out, report, () -> {
            for (JsonNode router : routers) {
                String status = router.get("status").asText();
                if (!status.equals("IN_SYNC")) {
                    print(out, router, status);
                }
            }
            out.printf("%d routers: %d drifted, %d not checked, %d in sync%s%n", routers.size(), drift, notChecked, inSync,
                    report.hasNonNull("last_collected_at") ? "; last collected " + time(report.get("last_collected_at")) : "");
        });
        return drifted > 0 ? DRIFTED : unchecked > 0 ? UNCHECKED : Cli.OK;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void print(PrintWriter out, JsonNode router, String status) {
        StringBuilder line = new StringBuilder(String.format("%-15s %s", status, router.get("hostname").asText()));
        if (status.equals("DRIFTED")) {
            line.append(String.format(" +%d -%d", router.get("added").asInt(), router.get("removed").asInt()));
        }
        if (router.hasNonNull("collected_at")) {
            line.append(", read ").append(time(router.get("collected_at")));
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
