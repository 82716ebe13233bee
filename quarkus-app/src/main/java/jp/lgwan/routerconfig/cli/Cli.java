package jp.lgwan.routerconfig.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: parses arguments with picocli and maps every outcome to an exit status. */
@Command(name = "lgwan-config", mixinStandardHelpOptions = true, version = "lgwan-config 0.1.0",
        description = "Router configuration as code for LGWAN connection routers.",
        subcommands = {ValidateCommand.class, RenderCommand.class, DiffCommand.class, GenerateFleetCommand.class, ServeCommand.class, HashPasswordCommand.class,
                LabCommand.class, PushCommand.class, NotificationsCommand.class, OutagesCommand.class, JobsCommand.class, DriftCommand.class, BackupsCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli {

    /** Exit statuses shared by every command. */
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;
    /** The service refused what a client command asked (its problem's title and detail are printed). */
    public static final int REFUSED = 4;
    /** The service could not be reached, or answered something that is not its API. */
    public static final int UNREACHABLE = 5;

    private Cli() {
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(new Cli(), out, err);
        if (args.length == 0) {
            err.println("lgwan-config: name a command: " + String.join(", ", visibleCommands(commandLine)) + " (lgwan-config --help says what each does)");
            return USAGE;
        }
        return commandLine.execute(args);
    }

    /** Runs {@code command}, another tool's (the bench's), with the exit statuses and messages of this one. */
    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(command, out, err).execute(args);
    }

    private static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        return new CommandLine(command)
                .setOut(out)
                .setErr(err)
                // a mistake in the arguments is one line naming it; the usage block is for --help
                .setParameterExceptionHandler((e, arguments) -> {
                    e.getCommandLine().getErr().println(usageError(e));
                    return USAGE;
                })
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    // a user's mistake is a message, never a stack trace
                    cmd.getErr().println(cmd.getCommandName() + ": " + (e instanceof UsageException ? e.getMessage() : described(e)));
                    return USAGE;
                });
    }

    /** {@code validate: Unknown option: '--bogus' (lgwan-config validate --help lists its options)}, on one line. */
    static String usageError(CommandLine.ParameterException e) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + unmatched.getSuggestions().get(0) + "?)";
        }
        String qualified = cmd.getCommandSpec().qualifiedName();
        return cmd.getCommandName() + ": " + message + "; " + qualified + " --help lists " + (cmd.getParent() == null ? "the commands" : "its options");
    }

    private static java.util.List<String> visibleCommands(CommandLine commandLine) {
        return commandLine.getSubcommands().entrySet().stream()
                .filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden() && !c.getKey().equals("help"))
                .map(java.util.Map.Entry::getKey).toList();
    }

    /** An unexpected failure in words: the file systems' exceptions carry only a path as their message. */
    private static String described(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            return e.getMessage();
        }
        return e.toString();
    }

    /** A problem with how a command was called or with the input it was pointed at: exit status 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
