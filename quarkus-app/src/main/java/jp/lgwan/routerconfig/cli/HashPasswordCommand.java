package jp.lgwan.routerconfig.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import jp.lgwan.routerconfig.security.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Prints the hash of an API user's password, for lgwan.auth.users.NAME.password-hash (README \"Users and roles\").",
                "Reads the password from the terminal (twice, not shown), or else the first line of stdin; it is never an argument,"
                        + " which every local user could read in the process list."})
final class HashPasswordCommand implements Callable<Integer> {

    static final int SHORTEST = 12;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations (default: ${DEFAULT-VALUE}; each login the service checks costs this many)")
    int iterations;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (iterations < 100_000) {
            throw new Cli.UsageException("--iterations must be at least 100000 (OWASP asks 600000 for PBKDF2-HMAC-SHA256)");
        }
        char[] password = read();
        try {
            if (password.length < SHORTEST) {
                throw new Cli.UsageException("a password needs at least " + SHORTEST + " characters; this one has " + password.length);
            }
            spec.commandLine().getOut().println(PasswordHash.of(password, iterations));
            return Cli.OK;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new Cli.UsageException("the two passwords differ");
            }
            Arrays.fill(again, '\0');
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new Cli.UsageException("no password on stdin");
        }
        return line.toCharArray();
    }
}
