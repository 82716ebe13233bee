package jp.lgwan.routerconfig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.client.ServiceConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Planned-outage windows (計画停止) on the running service: request, approve, cancel, start. */
@Command(name = "outages", mixinStandardHelpOptions = true,
        description = {"Planned-outage windows on the running service (the client; README \"The command-line client\").",
                "Exit status: 0 done, 2 usage, 4 refused by the service (its problem's title and detail are printed), 5 service unreachable."},
        subcommands = {OutagesCommand.Request.class, OutagesCommand.Show.class, OutagesCommand.Approve.class, OutagesCommand.Cancel.class,
                OutagesCommand.Start.class})
final class OutagesCommand extends CommandGroup {

    /** A moment with its offset ({@code 2026-12-25T02:00+09:00}); anything else is refused in words, without Java's class names. */
    static final class Time implements picocli.CommandLine.ITypeConverter<OffsetDateTime> {
        @Override
        public OffsetDateTime convert(String value) {
            try {
                return OffsetDateTime.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a time with its offset; expected such as"
                        + " 2026-12-25T02:00+09:00 (TZ=Asia/Tokyo date -Iseconds prints one)");
            }
        }
    }

    /** {@code 3  APPROVED  LINE_SPEED_CHANGE  2026-12-25T02:00:00.000+09:00 – 2026-12-25T04:00:00.000+09:00  2 routers}. */
    static String line(JsonNode w) {
        return String.join("  ", w.path("id").asText(), ServiceCommand.text(w, "status"), ServiceCommand.text(w, "reason"),
                ServiceCommand.time(w.get("window_start")) + " – " + ServiceCommand.time(w.get("window_end")), w.path("routers").size() + " routers");
    }

    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "Requests a window; prints its id alone on stdout (W=$(lgwan-config outages request …)) and its summary on stderr.")
    static final class Request extends ServiceCommand {

        @Option(names = "--router", required = true, paramLabel = "HOSTNAME", description = "a router the window stops (repeatable)")
        List<String> routers;

        @Option(names = "--start", required = true, paramLabel = "TIME", converter = Time.class, description = "when it opens, with its offset: 2026-12-25T02:00+09:00")
        OffsetDateTime start;

        @Option(names = "--end", required = true, paramLabel = "TIME", converter = Time.class, description = "when it closes, with its offset")
        OffsetDateTime end;

        @Option(names = "--reason", required = true, paramLabel = "KIND", description = "LINE_SPEED_CHANGE, LEGAL_POWER_INSPECTION, … (the API's reasons)")
        String reason;

        @Option(names = "--description", paramLabel = "TEXT", description = "what the window is for, in words")
        String description;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("routers", routers);
            body.put("window_start", start.toString());
            body.put("window_end", end.toString());
            body.put("reason", reason);
            if (description != null) {
                body.put("description", description);
            }
            JsonNode w = connection.post("/api/outages", body);
            print(out, w, () -> {
                out.println(w.path("id").asText());
                spec.commandLine().getErr().println("requested: " + line(w));
            });
            return Cli.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one window and its routers.")
    static final class Show extends ServiceCommand {

        @Parameters(paramLabel = "W", description = "the window's id")
        long id;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            JsonNode w = connection.get("/api/outages/" + id);
            print(out, w, () -> {
                out.println(line(w));
                out.println("requested by " + text(w, "requested_by") + " at " + time(w.get("requested_at"))
                        + (w.path("approved_by").isTextual() ? "; approved by " + text(w, "approved_by") + " at " + time(w.get("approved_at")) : ""));
                w.path("routers").forEach(r -> out.println("  router " + r.asText()));
            });
            return Cli.OK;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approves a requested window (operators): it opens by itself at its start.")
    static final class Approve extends ServiceCommand {

        @Parameters(paramLabel = "W", description = "the window's id")
        long id;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            return act(connection, out, "/api/outages/" + id + "/approve", null, OutagesCommand::line);
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels a window that has not started (operators).")
    static final class Cancel extends ServiceCommand {

        @Parameters(paramLabel = "W", description = "the window's id")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "recorded with the cancellation")
        String reason;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            return act(connection, out, "/api/outages/" + id + "/cancel", reason == null ? Map.of() : Map.of("reason", reason), OutagesCommand::line);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts an approved window whose start has passed (operators); prints the job's id alone on stdout"
                    + " (J=$(lgwan-config outages start …)). Follow it with: lgwan-config jobs show J --follow")
    static final class Start extends ServiceCommand {

        @Parameters(paramLabel = "W", description = "the window's id")
        long id;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            JsonNode job = connection.post("/api/outages/" + id + "/start", null);
            print(out, job, () -> {
                out.println(job.path("id").asText());
                spec.commandLine().getErr().println("started: job " + job.path("id").asText() + " " + text(job, "state") + " (" + text(job, "outcome") + ")");
            });
            return Cli.OK;
        }
    }
}
