package jp.lgwan.routerconfig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import jp.lgwan.routerconfig.client.ServiceConnection;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Routers' running-config backups (構成バックアップ) on the running service: the versions kept, one version's text, a collection now. */
@Command(name = "backups", mixinStandardHelpOptions = true,
        description = {"Routers' running-config backups on the running service (the client; README \"The command-line client\").",
                "Exit status: 0 done, 2 usage, 4 refused by the service (its problem's title and detail are printed), 5 service unreachable."},
        subcommands = {BackupsCommand.ListVersions.class, BackupsCommand.Show.class, BackupsCommand.Collect.class})
final class BackupsCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists a router's backup versions, newest first: a new version only when its config changed (collected) or before each push.")
    static final class ListVersions extends ServiceCommand {

        @Parameters(paramLabel = "HOSTNAME", description = "the router")
        String hostname;

        @Option(names = "--size", paramLabel = "N", defaultValue = "20", description = "at most this many (default: ${DEFAULT-VALUE})")
        int size;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            JsonNode page = connection.get("/api/routers/" + encode(hostname) + "/backups?size=" + size);
            print(out, page, () -> page.path("items").forEach(b -> out.println(String.join("  ", b.path("id").asText(), text(b, "source"),
                    "taken " + time(b.get("taken_at")), "last seen " + time(b.get("last_seen_at")), b.path("lines").asText() + " lines",
                    "sha256 " + abbreviated(text(b, "content_sha256")), b.path("job_id").isNumber() ? "job " + b.path("job_id").asText() : "-"))));
            return Cli.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints one backup version's config as it was kept (secrets the service knows as placeholders).")
    static final class Show extends ServiceCommand {

        @Parameters(paramLabel = "ID", description = "the backup's id (backups list prints it)")
        long id;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            out.print(connection.text("/api/backups/" + id));
            return Cli.OK;
        }
    }

    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = "Reads a router's, or an organization's routers', running config now (engineers and operators); one line per router:"
                    + " kept as a new version or seen again, and its drift.")
    static final class Collect extends ServiceCommand {

        static final class Scope {
            @Option(names = "--router", required = true, paramLabel = "HOSTNAME", description = "this router")
            String router;

            @Option(names = "--organization", required = true, paramLabel = "CODE", description = "this organization's routers")
            String organization;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Scope scope;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            String query = scope.router != null ? "router=" + encode(scope.router) : "organization=" + encode(scope.organization);
            JsonNode collection = connection.post("/api/backups/collect?" + query, null);
            print(out, collection, () -> collection.path("results").forEach(r -> out.println(String.join("  ", text(r, "hostname"),
                    text(r, "outcome"), text(r, "status"), r.path("new_version").asBoolean() ? "new version " + text(r, "backup_id")
                            : r.path("backup_id").isNumber() ? "seen again " + text(r, "backup_id") : "-",
                    r.path("reason").isTextual() ? text(r, "reason") : ""))));
            return Cli.OK;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviated(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
