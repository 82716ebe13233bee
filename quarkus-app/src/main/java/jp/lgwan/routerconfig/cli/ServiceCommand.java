package jp.lgwan.routerconfig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.client.ClientSettings;
import jp.lgwan.routerconfig.client.ServiceConnection;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that asks the running service (the client: {@code notifications}, {@code outages},
 * {@code jobs}). A refusal prints the problem's title and detail on one line and exits
 * {@link Cli#REFUSED}; a service that cannot be reached exits {@link Cli#UNREACHABLE}: a script
 * never runs on after either.
 */
abstract class ServiceCommand implements Callable<Integer> {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ServiceOptions service;

    @Spec
    CommandSpec spec;

    /** What the command asks and prints; its exit status. */
    abstract int run(ServiceConnection connection, PrintWriter out) throws ServiceConnection.Refusal, ServiceConnection.Unreachable;

    /** Refuses what is wrong with the arguments themselves (a {@link picocli.CommandLine.ParameterException}), before anything is asked. */
    void check() {
    }

    @Override
    public final Integer call() {
        if (service.password != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--password: a password is never an option (every local user"
                    + " could read it in the process list); set LGWAN_PASSWORD, or put password= in the credentials file (chmod 600)");
        }
        check();
        PrintWriter err = spec.commandLine().getErr();
        ClientSettings settings;
        try {
            settings = ClientSettings.resolve(service.url, service.user, service.credentials, System.getenv(),
                    System.getProperty("user.home") == null ? null : Path.of(System.getProperty("user.home")));
        } catch (ClientSettings.Invalid e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return Cli.USAGE;
        }
        try {
            return run(new ServiceConnection(settings), spec.commandLine().getOut());
        } catch (ServiceConnection.Refusal e) {
            err.println(spec.qualifiedName() + ": refused (" + e.status() + "): " + e.getMessage());
            return Cli.REFUSED;
        } catch (ServiceConnection.Unreachable e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return Cli.UNREACHABLE;
        }
    }

    /** Posts {@code body} to {@code path} (an action: accept, approve …) and prints the answer as {@code line}, or as JSON. */
    final int act(ServiceConnection connection, PrintWriter out, String path, Object body, java.util.function.Function<JsonNode, String> line)
            throws ServiceConnection.Refusal, ServiceConnection.Unreachable {
        JsonNode answer = connection.post(path, body);
        print(out, answer, () -> out.println(line.apply(answer)));
        return Cli.OK;
    }

    /** The answer as JSON ({@code --json}), else {@code lines}. */
    final void print(PrintWriter out, JsonNode answer, Runnable lines) {
        if (service.json) {
            try {
                out.println(PRETTY.writeValueAsString(answer));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            lines.run();
        }
    }

    /**
     * A time of the API as every output writes it ({@link Timestamps}: {@code 2026-12-05T10:00:00.123+09:00}), also when an
     * older service wrote it otherwise ({@code …Z}, microseconds); "-" for none.
     */
    static String time(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        try {
            return Timestamps.format(Timestamps.parse(value.asText()));
        } catch (DateTimeParseException e) {
            return value.asText();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? "-" : value.asText();
    }
}
