package jp.lgwan.routerconfig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.client.ServiceConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A window's job on the running service: where it stands, or followed live until it ends. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"A window's job on the running service (the client; README \"The command-line client\")."},
        subcommands = {JobsCommand.Show.class})
final class JobsCommand extends CommandGroup {

    /** The job ended with a router rolled back to its backup (and the others verified). */
    static final int ROLLED_BACK = 6;
    /** The job ended with a router neither verified nor rolled back (failed, skipped, host settings pending). */
    static final int FAILURES = 7;
    /** The job was halted, or could not run. */
    static final int HALTED = 8;

    /** The exit status a finished job's state stands for; running jobs are {@link Cli#OK}. */
    static int statusOf(String state) {
        return switch (state) {
            case "COMPLETED_WITH_ROLLBACKS" -> ROLLED_BACK;
            case "COMPLETED_WITH_FAILURES" -> FAILURES;
            case "HALTED", "FAILED" -> HALTED;
            default -> Cli.OK;
        };
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows a job: its outcome and each router's state; with --follow, one line per router step as it happens,"
                    + " until the job ends.",
                    "Exit status once the job has ended: 0 every router verified, 6 some rolled back, 7 some neither verified nor rolled back,"
                            + " 8 halted or could not run; 0 for a job still running (without --follow); 4 refused, 5 service unreachable."})
    static final class Show extends ServiceCommand {

        @Parameters(paramLabel = "J", description = "the job's id (outages start prints it)")
        long id;

        @Option(names = "--follow", description = "print each step as it happens and wait for the job to end")
        boolean follow;

        @Override
        int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
            if (!follow) {
                JsonNode job = connection.get("/api/jobs/" + id);
                print(out, job, () -> {
                    out.println(headline(job));
                    job.path("routers").forEach(r -> out.println("  " + text(r, "hostname") + "  " + text(r, "state") + "  wave " + r.path("wave").asInt()
                            + "  revision " + abbreviated(text(r, "inventory_revision"))));
                });
                return job.path("finished_at").isNull() || job.path("finished_at").isMissingNode() ? Cli.OK : statusOf(text(job, "state"));
            }
            AtomicReference<JsonNode> last = new AtomicReference<>();
            Set<String> printed = new HashSet<>();
            connection.events("/api/jobs/" + id + "/events", event -> {
                JsonNode data = event.data();
                if (service.json) {
                    out.println("{\"event\":\"" + event.name() + "\",\"data\":" + data + "}");
                } else if (last.get() == null && "job".equals(event.name())) {
                    // the stream starts with where the job stands; what its routers did before (a client starts in a second or
                    // two, a canary router does a step in less) is read once, then the stream's steps follow, none twice
                    catchUp(connection.get("/api/jobs/" + id), out, printed);
                } else {
                    switch (event.name()) {
                        case "step" -> step(out, printed, text(data, "hostname"), text(data, "name"), text(data, "outcome"), data.get("at"));
                        case "router" -> ended(out, printed, text(data, "hostname"), text(data, "state"));
                        case "job" -> out.println(pad() + "  job " + id + " " + text(data, "state") + ": " + text(data, "outcome"));
                        default -> {
                            // audit and resync events carry nothing a person follows here
                        }
                    }
                }
                out.flush();
                if ("job".equals(event.name())) {
                    last.set(data);
                    return data.path("closed").asBoolean(false);
                }
                return false;
            });
            JsonNode end = last.get();
            if (end == null || !end.path("closed").asBoolean(false)) {
                throw new ServiceConnection.Unreachable("the job's event stream ended before the job did: lgwan-config jobs show " + id
                        + " says where it stands");
            }
            return statusOf(text(end, "state"));
        }

        /** The steps and ends the job recorded so far, in the order they happened. */
        private void catchUp(JsonNode job, PrintWriter out, Set<String> printed) {
            record Taken(Instant at, String hostname, String name, String outcome, JsonNode time) {
            }
            List<Taken> steps = new ArrayList<>();
            job.path("routers").forEach(r -> r.path("steps").forEach(s -> steps.add(new Taken(instant(s.get("at")), text(r, "hostname"),
                    text(s, "name"), text(s, "outcome"), s.get("at")))));
            steps.sort(Comparator.comparing(Taken::at));
            steps.forEach(s -> step(out, printed, s.hostname(), s.name(), s.outcome(), s.time()));
            job.path("routers").forEach(r -> {
                if (!r.path("finished_at").isNull() && !r.path("finished_at").isMissingNode()) {
                    ended(out, printed, text(r, "hostname"), text(r, "state"));
                }
            });
            out.println(pad() + "  job " + id + " " + text(job, "state") + ": " + text(job, "outcome"));
        }

        /** {@code 2026-12-05T22:15:28.204+09:00  lgrt.town.niseko.lgwan.jp  commit  ok}, once per step. */
        private static void step(PrintWriter out, Set<String> printed, String hostname, String name, String outcome, JsonNode at) {
            if (printed.add(hostname + "|" + name + "|" + outcome + "|" + instant(at).toEpochMilli())) {
                out.println(time(at) + "  " + hostname + "  " + name + "  " + outcome);
            }
        }

        private static void ended(PrintWriter out, Set<String> printed, String hostname, String state) {
            if (printed.add("ended|" + hostname)) {
                out.println(pad() + "  " + hostname + "  ended " + state);
            }
        }

        private static Instant instant(JsonNode at) {
            try {
                return Timestamps.parse(at.asText());
            } catch (RuntimeException e) {
                return Instant.EPOCH;
            }
        }

        private static String headline(JsonNode job) {
            return "job " + job.path("id").asText() + "  " + text(job, "state") + "  outage " + text(job, "outage_id") + "  started "
                    + time(job.get("started_at")) + "\n" + text(job, "outcome");
        }

        private static String pad() {
            return " ".repeat(Timestamps.format(java.time.Instant.EPOCH).length());
        }

        private static String abbreviated(String revision) {
            return revision.length() > 12 ? revision.substring(0, 12) : revision;
        }
    }
}
