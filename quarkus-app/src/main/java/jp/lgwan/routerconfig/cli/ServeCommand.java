package jp.lgwan.routerconfig.cli;

import io.quarkus.runtime.Quarkus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.lgwan.routerconfig.database.EmbeddedDatabase;
import jp.lgwan.routerconfig.device.VirtualRouters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the service: REST API, change notifications, planned-outage windows and their scheduling.",
                "Without a configured JDBC URL (quarkus.datasource.jdbc.url) it starts an embedded PostgreSQL in DATA/pg.",
                "It serves the git HEAD of the repository that holds --inventory and --templates (outside git: the folders as they are)."})
final class ServeCommand implements Callable<Integer> {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";

    @picocli.CommandLine.Mixin
    SourceFolders folders;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data", description = "where the embedded PostgreSQL keeps its data (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: 8080, or quarkus.http.port)")
    Integer port;

    @Option(names = "--lab", description = {"push to virtual routers started in this process for the inventory (a demo, never real routers);",
            "without configured users, the demo users engineer, operator, ci and viewer (password: the name), on 127.0.0.1 only"})
    boolean lab;

    @Option(names = "--lab-dir", paramLabel = "DIR", description = "push to the virtual routers of a running `lab --dir DIR` process (never real routers)")
    Path labDir;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(folders.inventory())) {
            throw new Cli.UsageException("no inventory folder at " + folders.inventory().toAbsolutePath().normalize());
        }
        if (!Files.isDirectory(folders.templates())) {
            throw new Cli.UsageException("no templates folder at " + folders.templates().toAbsolutePath().normalize());
        }
        System.setProperty("lgwan.inventory", folders.inventory().toAbsolutePath().normalize().toString());
        System.setProperty("lgwan.templates", folders.templates().toAbsolutePath().normalize().toString());
        if (configured("lgwan.inventory.snapshot-directory").isEmpty()) {
            // the served inventory, loaded and rendered, per commit: a restart at the same HEAD reads it instead (BENCHMARKS.md)
            System.setProperty("lgwan.inventory.snapshot-directory", data.resolve("inventory-snapshots").toAbsolutePath().normalize().toString());
        }
        if (port != null) {
            System.setProperty("quarkus.http.port", port.toString());
        }
        if (lab && labDir != null) {
            throw new Cli.UsageException("--lab and --lab-dir exclude each other: virtual routers in this process, or a lab process's");
        }
        if (lab) {
            System.setProperty("lgwan.lab.enabled", "true");
            // how to reach its routers by hand, as `lab --dir` writes it
            System.setProperty("lgwan.lab.publish-directory", data.resolve("lab").toAbsolutePath().normalize().toString());
        }
        if ((lab || labDir != null) && VirtualRouters.find().isEmpty()) {
            throw new Cli.UsageException("this build has no lab (virtual routers) for " + (lab ? "--lab" : "--lab-dir"));
        }
        if (lab || labDir != null) {
            // the lab's demo users (known passwords) when no user is configured; PasswordLogin refuses them off loopback
            System.setProperty("lgwan.auth.demo-users", "true");
            if (configured("quarkus.http.host").isEmpty()) {
                System.setProperty("quarkus.http.host", "127.0.0.1");
            }
        }
        if (labDir != null) {
            Path directory = labDir.toAbsolutePath().normalize();
            if (!Files.isRegularFile(directory.resolve(VirtualRouters.DIRECTORY_FILE))) {
                throw new Cli.UsageException("no lab at " + directory + " (no " + VirtualRouters.DIRECTORY_FILE
                        + "): start `lab --dir " + labDir + "` first");
            }
            System.setProperty("lgwan.lab.directory", directory.toString());
        }
        requireFreePort();
        if (System.getProperty(SESSION_KEY) == null && System.getenv("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY") == null
                && !configuredInFile(SESSION_KEY)) {
            System.setProperty(SESSION_KEY, consoleSessionKey(data.resolve("console-session.key")));
        }
        EmbeddedDatabase database = null;
        if (configuredJdbcUrl().isEmpty()) {
            // the first start unpacks PostgreSQL and initializes its cluster before anything else is said: say it first
            boolean firstStart = !EmbeddedDatabase.hasCluster(data);
            System.err.println("serve: starting the embedded PostgreSQL in " + data.toAbsolutePath().normalize()
                    + (firstStart ? " (a first start unpacks and initializes it, which takes a while)" : ""));
            try {
                database = EmbeddedDatabase.start(data, data.resolve("pg-binaries"), supervision(),
                        notice -> System.err.println("serve: " + notice));
            } catch (IOException e) {
                throw new Cli.UsageException(e.getMessage());
            }
            System.setProperty(JDBC_URL, database.jdbcUrl());
            System.setProperty("quarkus.datasource.username", database.user());
            System.setProperty("quarkus.datasource.password", database.password());
            System.err.println("serve: embedded PostgreSQL on 127.0.0.1:" + database.port() + " (password logins only; passwords in "
                    + data.toAbsolutePath().normalize().resolve("pgpass") + "), data in " + database.cluster());
        }
        AtomicInteger status = new AtomicInteger();
        AtomicReference<Throwable> startFailure = new AtomicReference<>();
        CountDownLatch databaseStopped = new CountDownLatch(1);
        if (database != null) {
            // On SIGTERM or Ctrl-C Quarkus stops the service in its shutdown hook, and the JVM halts as soon as
            // the hooks return: the database.close() below would race the halt and leave PostgreSQL running.
            // This hook holds the JVM until it has run.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitQuietly(databaseStopped), "embedded-postgres-stop"));
        }
        System.err.println("serve: starting the service: loading, validating and rendering the inventory at HEAD"
                + (lab ? ", then the lab's virtual routers" : "") + " (ready when it logs \"Listening on\")");
        try {
            Quarkus.run(ServiceApplication.class, (code, failure) -> {
                status.set(code);
                startFailure.set(failure);
            }, new String[0]);
        } finally {
            // the database stops only after the service has stopped using it
            try {
                if (database != null) {
                    database.close();
                }
            } finally {
                databaseStopped.countDown();
            }
        }
        if (startFailure.get() != null) {
            // Quarkus' own report of a failed start never reaches the console here (seen with a port in use and
            // with an unreachable external database: exit 1 and not a word), so say it once, on one line
            System.err.println("serve: the service did not start: " + causes(startFailure.get()));
        }
        return status.get();
    }

    /**
     * The HTTP port is tried before the database or Quarkus starts: found busy by Quarkus, it cost 18 s of start-up
     * and ended with exit 1 (the status of an invalid inventory) and an exception. A port taken in the instant
     * between this check and Quarkus' own bind still fails there, saying so in one line.
     */
    private void requireFreePort() {
        Optional<String> configuredPort = configured("quarkus.http.port");
        String named = port != null ? "--port " + port
                : configuredPort.map(p -> "port " + p + " (quarkus.http.port; --port sets another)").orElse("port 8080 (the default; --port sets another)");
        int number;
        try {
            number = port != null ? port : Integer.parseInt(configuredPort.orElse("8080").trim());
        } catch (NumberFormatException e) {
            throw new Cli.UsageException("quarkus.http.port " + configuredPort.orElse("") + " is no port number; --port sets one");
        }
        if (number < 0 || number > 65535) {
            throw new Cli.UsageException(named + ": a port is a number from 1 to 65535 (0: any free one)");
        }
        if (number == 0) {
            return;
        }
        String host = configured("quarkus.http.host").orElse("0.0.0.0");
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(host, number));
        } catch (IOException e) {
            throw new Cli.UsageException(named + ": cannot listen on " + host + ":" + number + " (" + e.getMessage()
                    + "): another serve, or another program, has it; stop it or give another --port");
        }
    }

    /**
     * How the embedded PostgreSQL is restarted when it dies: {@code -Dlgwan.embedded-postgres.restart-attempts}
     * (default 5) and {@code -Dlgwan.embedded-postgres.restart-delay} (the first pause, default 1s; doubled each time).
     */
    private static EmbeddedDatabase.Supervision supervision() {
        EmbeddedDatabase.Supervision defaults = EmbeddedDatabase.Supervision.defaults();
        try {
            int attempts = Integer.parseInt(System.getProperty("lgwan.embedded-postgres.restart-attempts", Integer.toString(defaults.attempts())));
            String delay = System.getProperty("lgwan.embedded-postgres.restart-delay");
            return new EmbeddedDatabase.Supervision(attempts, delay == null ? defaults.firstDelay()
                    : java.time.Duration.parse("PT" + delay.toUpperCase(java.util.Locale.ROOT)));
        } catch (RuntimeException e) {
            throw new Cli.UsageException("lgwan.embedded-postgres.restart-attempts must be a number and restart-delay a duration such as 1s: "
                    + e.getMessage());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every distinct message of a failure's cause chain, on one line. */
    static String causes(Throwable failure) {
        StringBuilder line = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        String previous = null;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage().strip().replaceAll("\\s*(-{5,}|\\R)\\s*", " ");
            if (previous != null && previous.contains(message)) {
                continue;
            }
            if (line.length() > 0) {
                line.append(": ");
            }
            line.append(message);
            previous = message;
        }
        return line.toString();
    }

    /**
     * The key of the console's session cookies, kept in the data folder (owner-only): sessions outlive a
     * restart, and Quarkus does not make a temporary key of its own — which it would write to the log.
     */
    static String consoleSessionKey(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return Files.readString(file).strip();
        }
        Files.createDirectories(file.getParent());
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String text = java.util.Base64.getEncoder().encodeToString(key);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text + "\n");
        return text;
    }

    /** Whether config/application.properties in the working directory sets {@code name}. */
    static boolean configuredInFile(String name) throws IOException {
        Path file = Path.of("config", "application.properties");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties.getProperty(name) != null;
    }

    static Optional<String> configuredJdbcUrl() {
        return configured(JDBC_URL);
    }

    /** A Quarkus property as an operator may set it before Quarkus runs: -D, the environment, or config/application.properties. */
    static Optional<String> configured(String name) {
        String property = System.getProperty(name);
        if (property != null && !property.isBlank()) {
            return Optional.of(property);
        }
        String environment = System.getenv(name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        if (environment != null && !environment.isBlank()) {
            return Optional.of(environment);
        }
        Path file = Path.of("config", "application.properties");
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new Cli.UsageException("cannot read " + file + ": " + e.getMessage());
            }
            String value = properties.getProperty(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }
}
