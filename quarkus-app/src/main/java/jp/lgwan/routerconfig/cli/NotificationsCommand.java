package jp.lgwan.routerconfig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.client.ServiceConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** Change notifications (変更届出) on the running service: file, list, show, accept, reject, schedule. */
@Command(name = "notifications", mixinStandardHelpOptions = true,
        description = {"Change notifications on the running service (the client; README \"The command-line client\").",
                "Exit status: 0 done, 2 usage, 4 refused by the service (its problem's title and detail are printed), 5 service unreachable."},
        subcommands = {NotificationsCommand.File.class, NotificationsCommand.ListAll.class, NotificationsCommand.Show.class,
                NotificationsCommand.Accept.class, NotificationsCommand.Reject.class, NotificationsCommand.Schedule.class})
final class NotificationsCommand extends CommandGroup {

    /** {@code 12  ACCEPTED  384844  effective 2026-12-25  risk NEEDS_OUTAGE  revision 1a2b3c4  outage 3}. */
    static String line(JsonNode n) {
        String revision = ServiceCommand.text(n, "inventory_revision");
        return String.join("  ", n.path("id").asText(), ServiceCommand.text(n, "state"), ServiceCommand.text(n, "organization_code"),
                "effective " + ServiceCommand.text(n, "effective_date"), "risk " + ServiceCommand.text(n, "highest_risk"),
                "revision " + (revision.length() > 12 ? revision.substring(0, 12) : revision),
                "outage " + ServiceCommand.text(n, "outage_id"));
    }

    @Command(name = "file", mixinStandardHelpOptions = true,
            description = {"Files a change notification; prints its id alone on stdout (N=$(lgwan-config notifications file …)) and its summary on stderr."})
    static final class File extends ServiceCommand {

        @Option(names = "--organization", required = true, paramLabel = "CODE", description = "the organization's code (6-digit local-government code, ASP-/APR-nnnnn)")
        String organization;

        @Option(names = "--effective-date", required = true, paramLabel = "YYYY-MM-DD", converter = AsOfOption.Day.class, description = "the day the change takes effect (Japan)")
        LocalDate effectiveDate;

        @Option(names = "--item", required = true, paramLabel = "KIND=TEXT",
                description = "what changes, as on the form: e.g. ACCESS_LINE_SPEED='100M to 1G' (repeatable)")
        List<String> items;

        @Option(names = "--access-line", paramLabel = "ID", description = "the access line the line items are about (the form's line; may be"
                + " left out when the revision changes one line only)")
        String accessLine;

        @Option(names = "--bandwidth-mbps", paramLabel = "N", description = "ACCESS_LINE_SPEED: the contracted bandwidth after the change")
        Integer bandwidthMbps;

        @Option(names = "--termination-device-mode", paramLabel = "MODE", description = "ACCESS_LINE_SPEED: the termination device's mode after"
                + " the change, as the carrier confirmed it (auto, 1000-full, …)")
        String terminationDeviceMode;

        @Option(names = "--revision", paramLabel = "REV", description = "the inventory's git revision that holds the change (default: the service's HEAD)")
        String revision;

        @Option(names = "--emergency-reason", paramLabel = "TEXT", description = "inside the notice period: why it cannot wait (operators only)")
        String emergencyReason;

        private final List<Map<String, Object>> parsed = new ArrayList<>();

        @Override
        void check() {
            for (String item : items) {
                int equals = item.indexOf('=');
                if (equals <= 0) {
                    throw new ParameterException(spec.commandLine(), "--item " + item + " is not KIND=TEXT (e.g. ACCESS_LINE_SPEED='100M to 1G')");
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                String kind = item.substring(0, equals).strip();
                fields.put("kind", kind);
                fields.put("description", item.substring(equals + 1).strip());
                if (kind.startsWith("ACCESS_LINE_")) {
                    // the line's values go with the form's line items (the speed ones with the speed change only)
                    putIfSet(fields, "access_line", accessLine);
                    if (kind.equals("ACCESS_LINE_SPEED")) {
                        putIfSet(fields, "bandwidth_mbps", bandwidthMbps);
                        putIfSet(fields, "termination_device_mode", terminationDeviceMode);
                    }
                }
                parsed.add(fields);
            }
            boolean speed = parsed.stream().anyMatch(f -> "ACCESS_LINE_SPEED".equals(f.get("kind")));
            boolean line = parsed.stream().anyMatch(f -> String.valueOf(f.get("kind")).startsWith("ACCESS_LINE_"));
            if (accessLine != null && !line) {
                throw new ParameterException(spec.commandLine(), "--access-line goes with an ACCESS_LINE_… --item");
            }
            if ((bandwidthMbps != null || terminationDeviceMode != null) && !speed) {
                throw new ParameterException(spec.commandLine(), "--bandwidth-mbps and --termination-device-mode go with an ACCESS_LINE_SPEED --item");
            }
        }

        private static void putIfSet(Map<String, Object> fields, String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
        }

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("organization_code", organization);
            body.put("effective_date", effectiveDate.toString());
            body.put("items", parsed);
            if (revision != null) {
                body.put("inventory_revision", revision);
            }
            if (emergencyReason != null) {
                body.put("emergency_reason", emergencyReason);
            }
            JsonNode filed = connection.post("/api/change-notifications", body);
            print(out, filed, () -> {
                out.println(filed.path("id").asText());
                spec.commandLine().getErr().println("filed: " + line(filed));
            });
            return Cli.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists change notifications, newest first, one per line.")
    static final class ListAll extends ServiceCommand {

        @Option(names = "--state", paramLabel = "STATE", description = "only those in this state (RECEIVED, ACCEPTED, SCHEDULED, …)")
        String state;

        @Option(names = "--organization", paramLabel = "CODE", description = "only this organization's")
        String organization;

        @Option(names = "--size", paramLabel = "N", defaultValue = "50", description = "at most this many (default: ${DEFAULT-VALUE})")
        int size;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            StringBuilder query = new StringBuilder("?size=" + size);
            if (state != null) {
                query.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
            }
            if (organization != null) {
                query.append("&organization_code=").append(URLEncoder.encode(organization, StandardCharsets.UTF_8));
            }
            JsonNode page = connection.get("/api/change-notifications" + query);
            print(out, page, () -> page.path("items").forEach(n -> out.println(line(n))));
            return Cli.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one change notification: items, decision, and per router its risk and diff.")
    static final class Show extends ServiceCommand {

        @Parameters(paramLabel = "ID", description = "the notification's id")
        long id;

        @Option(names = "--diff", description = "print each router's unified diff too")
        boolean diff;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            JsonNode n = connection.get("/api/change-notifications/" + id);
            print(out, n, () -> {
                out.println(line(n));
                out.println("filed by " + text(n, "filed_by") + " at " + time(n.get("submitted_at"))
                        + (n.path("emergency_reason").isTextual() ? "  emergency: " + text(n, "emergency_reason") : ""));
                n.path("items").forEach(item -> out.println("  item " + text(item, "kind") + ": " + text(item, "description")));
                if (n.path("decided_by").isTextual()) {
                    out.println("decided by " + text(n, "decided_by") + " at " + time(n.get("decided_at"))
                            + (n.path("decision_reason").isTextual() ? ": " + text(n, "decision_reason") : ""));
                }
                n.path("routers").forEach(r -> {
                    out.println("  router " + text(r, "hostname") + "  " + text(r, "risk") + "  +" + r.path("added").asInt() + " -"
                            + r.path("removed").asInt());
                    if (diff && r.path("diff").isTextual()) {
                        r.path("diff").asText().lines().forEach(l -> out.println("    " + l));
                    }
                });
            });
            return Cli.OK;
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true, description = "Accepts a filed change notification (operators).")
    static final class Accept extends ServiceCommand {

        @Parameters(paramLabel = "ID", description = "the notification's id")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "recorded with the decision")
        String reason;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            return act(connection, out, "/api/change-notifications/" + id + "/accept", reason == null ? Map.of() : Map.of("reason", reason), NotificationsCommand::line);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Rejects a filed change notification (operators).")
    static final class Reject extends ServiceCommand {

        @Parameters(paramLabel = "ID", description = "the notification's id")
        long id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why: the organization reads it")
        String reason;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            return act(connection, out, "/api/change-notifications/" + id + "/reject", Map.of("reason", reason), NotificationsCommand::line);
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true, description = "Schedules an accepted change notification into an approved planned-outage window (operators).")
    static final class Schedule extends ServiceCommand {

        @Parameters(paramLabel = "ID", description = "the notification's id")
        long id;

        @Option(names = "--outage", required = true, paramLabel = "W", description = "the window's id")
        long outage;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            return act(connection, out, "/api/change-notifications/" + id + "/schedule", Map.of("outage_id", outage), NotificationsCommand::line);
        }
    }
}
