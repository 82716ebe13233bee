package jp.lgwan.routerconfig.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: parses arguments with picocli and maps every outcome to an exit status. */
@Command(name = "lgwan-config", mixinStandardHelpOptions = true, version = "lgwan-config 0.1.0",
        description = "Router configuration as code for LGWAN connection routers.",
        subcommands = {ValidateCommand.class, RenderCommand.class, DiffCommand.class, GenerateFleetCommand.class, ServeCommand.class, HashPasswordCommand.class,
                LabCommand.class, CommandLine.HelpCommand.class})
public final class Cli {

    /** Exit statuses shared by every command. */
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    private Cli() {
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(new Cli(), out, err);
        if (args.length == 0) {
            commandLine.usage(err);
            return USAGE;
        }
        return commandLine.execute(args);
    }

    /** Runs {@code command}, another tool's (the bench's), with the exit statuses and messages of this one. */
    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(command, out, err).execute(args);
    }

    private static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        // picocli already exits with 2 (ExitCode.USAGE) on invalid input
        return new CommandLine(command)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    // a user's mistake is a message, never a stack trace
                    cmd.getErr().println(cmd.getCommandName() + ": " + (e instanceof UsageException ? e.getMessage() : e.toString()));
                    return USAGE;
                });
    }

    /** A problem with how a command was called or with the input it was pointed at: exit status 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
