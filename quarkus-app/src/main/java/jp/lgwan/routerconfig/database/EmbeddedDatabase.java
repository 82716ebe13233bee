package jp.lgwan.routerconfig.database;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jp.lgwan.routerconfig.security.OwnerOnly;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * The zero-setup database of {@code serve}: a PostgreSQL server with its data under {@code DATA/pg},
 * started before Quarkus and stopped after it, so the service never runs without its database.
 * Production points {@code quarkus.datasource.jdbc.url} at a real server instead and this class is
 * never used.
 *
 * <p>It holds the routers' credentials' neighbours (windows, approvals, audit), so it is locked
 * down as a real server would be, against the other users of the same host:
 * <ul>
 * <li>its programs are unpacked into an owner-only folder and checked before each run ({@link PostgresBinaries});
 * <li>{@code DATA} is owner-only (0700): the cluster, the log and {@code DATA/pgpass};
 * <li>logins need a password (SCRAM-SHA-256), over loopback TCP only, for two roles only: the superuser
 *     {@value #SUPERUSER} and the service's {@value #SERVICE_ROLE}, which is no superuser and owns only its
 *     database {@value #DATABASE}; there is no Unix socket. Both passwords are random, made at the
 *     first start into {@code DATA/pgpass} (owner-only, PostgreSQL's own password-file format);
 * <li>a cluster made by an earlier version (trust for every local user, tables in the database
 *     {@code postgres}) is migrated at its first start by this version.
 * </ul>
 *
 * <p>It also supervises the server: when PostgreSQL dies, it is started again on the same port
 * (so the service's pool finds it where it was), a bounded number of times with growing pauses;
 * {@link #state()} is what the health checks report. zonky's durable-data pitfalls (RECIPES.md)
 * are avoided by running PostgreSQL directly: {@code fsync} and {@code synchronous_commit} on.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String SERVICE_ROLE = "lgwan";
    public static final String DATABASE = "lgwan";

    static final String CLUSTER = "pg";
    static final String LOG = "postgres.log";
    /** Held by the JVM that runs the server, for as long as it lives: the OS drops it with a JVM killed by -9. */
    static final String LOCK = "pg.lock";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CRASH_LOOP_WINDOW = Duration.ofMinutes(10);
    private static final Logger LOGGER = Logger.getLogger(EmbeddedDatabase.class);

    /** What {@code /q/health} reports: liveness fails only when the supervisor has given up. */
    public enum State { STARTING, RUNNING, RESTARTING, GAVE_UP, STOPPED }

    /**
     * How a dead server is restarted: at most {@code attempts} tries per death, the first after
     * {@code firstDelay} and each next one after twice the pause before; and no more than
     * {@code attempts} deaths within ten minutes (a server that keeps dying is given up, so that
     * liveness fails and whoever runs the service restarts it or calls somebody).
     */
    public record Supervision(int attempts, Duration firstDelay) {
        public static Supervision defaults() {
            return new Supervision(5, Duration.ofSeconds(1));
        }
    }

    private static volatile EmbeddedDatabase current;

    private final Path data;
    private final Path cluster;
    private final PostgresBinaries binaries;
    private final int port;
    private final Supervision supervision;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ExecutorService supervisor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-postgres-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Instant> deaths = new ArrayDeque<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile ClusterPasswords passwords;
    private volatile Process postmaster;
    private volatile State state = State.STARTING;
    private volatile String lastFailure;
    private volatile boolean closing;

    private EmbeddedDatabase(Path data, PostgresBinaries binaries, int port, Supervision supervision, FileChannel lockChannel, FileLock lock) {
        this.data = data;
        this.cluster = data.resolve(CLUSTER);
        this.binaries = binaries;
        this.port = port;
        this.supervision = supervision;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Whether {@code dataDir} holds a cluster already; before the first start it does not (PostgreSQL is unpacked and initialized then). */
    public static boolean hasCluster(Path dataDir) {
        return Files.isDirectory(dataDir.resolve(CLUSTER));
    }

    public static EmbeddedDatabase start(Path dataDir) throws IOException {
        return start(dataDir, dataDir.resolve("pg-binaries"), Supervision.defaults(), System.err::println);
    }

    /** @param binariesDir where the PostgreSQL binaries are unpacked once and reused */
    public static EmbeddedDatabase start(Path dataDir, Path binariesDir) throws IOException {
        return start(dataDir, binariesDir, Supervision.defaults(), System.err::println);
    }

    /**
     * Starts the server, creating or migrating its cluster first.
     *
     * @param notices told, in one line each, what this start changed on disk (a folder tightened, a cluster migrated)
     * @throws EmbeddedDatabaseException why it cannot start, in one line
     */
    public static EmbeddedDatabase start(Path dataDir, Path binariesDir, Supervision supervision, Consumer<String> notices) throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        FileChannel lockChannel = null;
        try {
            if (OwnerOnly.folder(data)) {
                notices.accept("the data folder " + data + " was open to other users: now only this user may enter it (0700)");
            }
            lockChannel = FileChannel.open(data.resolve(LOCK), java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                Optional<Long> pid = stalePid(data.resolve(CLUSTER));
                throw new EmbeddedDatabaseException("the database in " + data.resolve(CLUSTER) + " is in use by another running serve"
                        + pid.map(p -> " (postmaster pid " + p + ")").orElse("") + "; stop that one first or give this one another --data");
            }
            // the lock is ours: a server still running on this cluster was left by a JVM killed with -9
            cleanUpAfterACrash(data.resolve(CLUSTER), notices);
            PostgresBinaries binaries = PostgresBinaries.prepare(binariesDir, notices);
            EmbeddedDatabase database = new EmbeddedDatabase(data, binaries, freePort(), supervision, lockChannel, lock);
            database.passwords = database.initializeCluster(notices);
            database.writeAccessRules();
            database.launch();
            database.provisionRoles(notices);
            database.state = State.RUNNING;
            current = database;
            return database;
        } catch (IOException | RuntimeException e) {
            if (lockChannel != null) {
                lockChannel.close();
            }
            if (e instanceof EmbeddedDatabaseException || e instanceof OwnerOnly.UnsafePath) {
                throw e;
            }
            throw new EmbeddedDatabaseException("cannot start the embedded PostgreSQL in " + data + ": "
                    + (e instanceof IOException io ? PostgresBinaries.reason(io) : e.toString()), e);
        }
    }

    /** The server this JVM started and has not closed, if any: what the health checks look at. */
    public static Optional<EmbeddedDatabase> current() {
        return Optional.ofNullable(current);
    }

    /** The service's connection: its own role, on its own database. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return SERVICE_ROLE;
    }

    public String password() {
        return passwords.service();
    }

    public int port() {
        return port;
    }

    public Path cluster() {
        return cluster;
    }

    public State state() {
        return state;
    }

    /** Times the supervisor has started the server again after it died. */
    public int restarts() {
        return restarts.get();
    }

    /** Why the server last died or last failed to start again, if it ever did. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** A connection as the superuser, for administration and tests. */
    public Connection superuserConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, passwords.superuser());
    }

    // ---- the cluster ---------------------------------------------------------------------------------

    /**
     * Creates the cluster at the first start, or migrates one made by an earlier version; returns the
     * passwords of its roles (made here the first time).
     */
    private ClusterPasswords initializeCluster(Consumer<String> notices) throws IOException {
        boolean exists = Files.isRegularFile(cluster.resolve("PG_VERSION"));
        if (ClusterPasswords.existIn(data)) {
            ClusterPasswords passwords = ClusterPasswords.readFrom(data);
            if (!exists) {
                initdb(passwords);
            }
            return passwords;
        }
        ClusterPasswords passwords = ClusterPasswords.random();
        if (exists) {
            // made by a version that trusted every local connection: its superuser has no password yet.
            // Set one with the server down (single-user mode reads SQL on stdin, opens no socket), before
            // the server ever runs again with the new access rules.
            singleUser("ALTER ROLE " + SUPERUSER + " PASSWORD '" + passwords.superuser() + "';\n");
            notices.accept("the database in " + cluster + " was made by an earlier version that let every local user in as superuser"
                    + " without a password: it now needs the passwords in " + data.resolve(ClusterPasswords.FILE));
        } else {
            // the passwords are on disk before the cluster that needs them
            passwords.writeTo(data);
            initdb(passwords);
            return passwords;
        }
        passwords.writeTo(data);
        return passwords;
    }

    private void initdb(ClusterPasswords passwords) throws IOException {
        Path pwfile = Files.createTempFile(data, ".initdb-", ".pw", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(pwfile, passwords.superuser() + "\n");
            run("initdb", List.of("-D", cluster.toString(), "-U", SUPERUSER, "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF-8",
                    "--no-instructions"), null);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private void singleUser(String sql) throws IOException {
        run("postgres", List.of("--single", "-D", cluster.toString(), "-c", "listen_addresses=", "-c", "unix_socket_directories=", "postgres"), sql);
    }

    /**
     * Who may connect, written at every start (edits are overwritten): the superuser and the service's
     * role, over loopback, with a SCRAM password; nobody else, nothing over a Unix socket.
     */
    private void writeAccessRules() throws IOException {
        OwnerOnly.write(cluster.resolve("pg_hba.conf"), """
                # Written by serve at every start of its embedded PostgreSQL: changes made here are overwritten.
                # Only the service's role (its own database) and the superuser, only over loopback TCP, only with a
                # SCRAM password (DATA/pgpass); there is no Unix socket.
                host    %s  %s  127.0.0.1/32  scram-sha-256
                host    all       %s  127.0.0.1/32  scram-sha-256
                host    all       all       all           reject
                local   all       all                     reject
                """.formatted(DATABASE, SERVICE_ROLE, SUPERUSER));
    }

    /**
     * The service's role: a login that is no superuser and may not create roles or databases, with the
     * password of {@code DATA/pgpass}, owning the database {@value #DATABASE}. Run at every start, so
     * the cluster follows the file. A cluster of an earlier version kept its tables in the database
     * {@code postgres}, owned by the superuser: that database becomes {@value #DATABASE} and everything
     * in it the service role's.
     */
    private void provisionRoles(Consumer<String> notices) throws IOException {
        try {
            boolean earlierLayout;
            try (Connection admin = superuserConnection("postgres"); Statement sql = admin.createStatement()) {
                if (!exists(admin, "select 1 from pg_roles where rolname = ?", SERVICE_ROLE)) {
                    sql.execute("CREATE ROLE " + SERVICE_ROLE + " LOGIN");
                }
                sql.execute("ALTER ROLE " + SERVICE_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
                // hashed here (SCRAM), so the password itself never reaches the server or its log
                admin.unwrap(PGConnection.class).alterUserPassword(SERVICE_ROLE, passwords.service().toCharArray(), "scram-sha-256");
                boolean hasDatabase = exists(admin, "select 1 from pg_database where datname = ?", DATABASE);
                earlierLayout = !hasDatabase
                        && exists(admin, "select 1 from pg_tables where schemaname = 'public' and tablename = ?", "flyway_schema_history");
                if (!hasDatabase && !earlierLayout) {
                    sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + SERVICE_ROLE + " ENCODING 'UTF8'");
                }
            }
            if (earlierLayout) {
                // renaming a database needs nobody connected to it: the connection above is closed
                migrateEarlierLayout();
                notices.accept("the service's tables moved from the database postgres (owned by the superuser) to " + DATABASE
                        + ", owned by its role " + SERVICE_ROLE + ", which is no superuser");
            }
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException("cannot set up the roles of the embedded PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
    }

    private void migrateEarlierLayout() throws SQLException {
        try (Connection template = superuserConnection("template1"); Statement sql = template.createStatement()) {
            sql.execute("ALTER DATABASE postgres RENAME TO " + DATABASE);
            sql.execute("CREATE DATABASE postgres");
            sql.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + SERVICE_ROLE);
        }
        try (Connection moved = superuserConnection(DATABASE); Statement sql = moved.createStatement()) {
            // a sequence of an identity column follows its table; functions (the audit's append-only trigger) move too
            sql.execute("""
                    DO $$
                    DECLARE r record;
                    BEGIN
                      FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                 AND d.deptype IN ('a', 'i'))
                      LOOP
                        EXECUTE format('ALTER TABLE %s OWNER TO %I', r.name, 'SERVICE_ROLE');
                      END LOOP;
                      FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                               WHERE n.nspname = 'public'
                      LOOP
                        EXECUTE format('ALTER FUNCTION %s OWNER TO %I', r.name, 'SERVICE_ROLE');
                      END LOOP;
                    END $$""".replace("SERVICE_ROLE", SERVICE_ROLE));
        }
    }

    private static boolean exists(Connection connection, String query, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    // ---- the server process ----------------------------------------------------------------------------

    /**
     * Runs {@code postgres} as a child of this JVM in a session of its own ({@code setsid}: a Ctrl-C
     * meant for the service does not reach PostgreSQL, which stops only after the service), and
     * waits until it accepts connections.
     */
    private void launch() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-D", cluster.toString(), "-p", Integer.toString(port)));
        for (String setting : List.of("listen_addresses=127.0.0.1", "unix_socket_directories=", "password_encryption=scram-sha-256",
                "synchronous_commit=on", "fsync=on", "full_page_writes=on", "max_connections=100", "timezone=UTC")) {
            arguments.add("-c");
            arguments.add(setting);
        }
        Path log = data.resolve(LOG);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(binaries.command("postgres", arguments, true)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(ownerOnlyLog().toFile()));
        Process process = builder.start();
        postmaster = process;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready(process)) {
            if (!process.isAlive()) {
                throw new EmbeddedDatabaseException("PostgreSQL did not start (exit status " + process.exitValue() + "): "
                        + PostgresLog.reason(log, logStart, "postgres") + " (" + log + ")");
            }
            if (System.nanoTime() > deadline) {
                stop(process);
                throw new EmbeddedDatabaseException("PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds() + " s: "
                        + PostgresLog.reason(log, logStart, "postgres") + " (" + log + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(process);
                throw new EmbeddedDatabaseException("interrupted while PostgreSQL was starting");
            }
        }
        watch(process);
    }

    /** PostgreSQL 10+ writes "ready" as the 8th line of postmaster.pid once it accepts connections. */
    private boolean ready(Process process) {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.size() >= 8 && lines.get(0).trim().equals(Long.toString(process.pid())) && lines.get(7).trim().equals("ready");
        } catch (IOException notYet) {
            return false;
        }
    }

    private Path ownerOnlyLog() throws IOException {
        Path log = data.resolve(LOG);
        if (!Files.exists(log)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else if (!OwnerOnly.isOwnerOnly(log)) {
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-------"));
        }
        return log;
    }

    /** Runs a PostgreSQL program to its end, with {@code input} on its stdin; its output goes to the log, and its error is the message. */
    private void run(String program, List<String> arguments, String input) throws IOException {
        Path log = ownerOnlyLog();
        long logStart = Files.size(log);
        Process process = new ProcessBuilder(binaries.command(program, arguments, false)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedDatabaseException(program + " did not finish within " + START_TIMEOUT.toSeconds() + " s (" + log + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new EmbeddedDatabaseException("interrupted while " + program + " ran");
        }
        String reason = PostgresLog.errorIn(log, logStart).orElse(null);
        if (process.exitValue() != 0 || (input != null && reason != null)) {
            throw new EmbeddedDatabaseException(program + " failed (exit status " + process.exitValue() + "): "
                    + (reason != null ? reason : PostgresLog.reason(log, logStart, program)) + " (" + log + ")");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // ---- supervision -----------------------------------------------------------------------------------

    private void watch(Process process) {
        process.onExit().thenRun(() -> {
            if (!closing && process == postmaster) {
                supervisor.execute(() -> died(process));
            }
        });
    }

    private void died(Process process) {
        Instant now = Instant.now();
        lastFailure = "PostgreSQL (pid " + process.pid() + ") exited with status " + process.exitValue() + " at " + now;
        synchronized (deaths) {
            deaths.addLast(now);
            while (!deaths.isEmpty() && deaths.peekFirst().isBefore(now.minus(CRASH_LOOP_WINDOW))) {
                deaths.removeFirst();
            }
            if (deaths.size() > supervision.attempts()) {
                giveUp(lastFailure + "; it died " + deaths.size() + " times within " + CRASH_LOOP_WINDOW.toMinutes() + " minutes");
                return;
            }
        }
        state = State.RESTARTING;
        LOGGER.errorf("embedded PostgreSQL died: %s; starting it again on port %d (at most %d attempts)", lastFailure, port, supervision.attempts());
        Duration pause = supervision.firstDelay();
        for (int attempt = 1; attempt <= supervision.attempts() && !closing; attempt++) {
            try {
                Thread.sleep(pause.toMillis());
                if (closing) {
                    return;
                }
                launch();
                restarts.incrementAndGet();
                state = State.RUNNING;
                LOGGER.infof("embedded PostgreSQL is running again on port %d (attempt %d; %d restarts so far)", port, attempt, restarts.get());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                lastFailure = "restart attempt " + attempt + " failed: " + e.getMessage();
                LOGGER.errorf("embedded PostgreSQL: %s", lastFailure);
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : pause.multipliedBy(2);
        }
        if (!closing) {
            giveUp(lastFailure);
        }
    }

    private void giveUp(String why) {
        state = State.GAVE_UP;
        LOGGER.errorf("embedded PostgreSQL: gave up restarting it (%s); liveness is DOWN: restart the service", why);
    }

    // ---- stopping --------------------------------------------------------------------------------------

    @Override
    public void close() throws IOException {
        closing = true;
        // a restart under way is interrupted, and stops the server it started, before this stops the current one
        supervisor.shutdownNow();
        try {
            supervisor.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Process process = postmaster;
            if (process != null) {
                stop(process);
            }
        } finally {
            state = State.STOPPED;
            if (current == this) {
                current = null;
            }
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        }
    }

    /** SIGINT is PostgreSQL's "fast" shutdown (SIGTERM, Java's destroy(), would wait for every client). */
    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        signal("INT", process.pid());
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the process is gone, or kill is: the caller's wait decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A JVM killed with -9 leaves its PostgreSQL running (it is in a session of its own), and the next
     * start would fail on {@code postmaster.pid}. Stop that server first — but only when nobody holds
     * the data folder's lock (a live serve does) and the pid really is a postgres of this cluster.
     */
    public static void stopStaleServer(Path dataDir) throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        Path cluster = data.resolve(CLUSTER);
        Optional<Long> pid = stalePid(cluster);
        if (pid.isEmpty()) {
            return;
        }
        if (lockedByALiveService(data)) {
            throw new EmbeddedDatabaseException("the database in " + cluster + " is in use by another running serve (postmaster pid "
                    + pid.get() + "); stop that one first or give this one another --data");
        }
        stopServer(pid.get());
    }

    /**
     * What a serve that did not stop cleanly left in {@code cluster}, cleared and said: a PostgreSQL still running
     * (the JVM was killed with -9; PostgreSQL runs in a session of its own) is stopped; a {@code postmaster.pid}
     * of a PostgreSQL that no longer runs (the host crashed) is removed — PostgreSQL would refuse to start
     * on it when its pid has since been reused by another process of this user. Only with the data folder's lock held.
     */
    private static void cleanUpAfterACrash(Path cluster, Consumer<String> notices) throws IOException {
        Optional<Long> stale = stalePid(cluster);
        Path pidFile = cluster.resolve("postmaster.pid");
        if (stale.isPresent()) {
            stopServer(stale.get());
            notices.accept("stopped the PostgreSQL (postmaster pid " + stale.get() + ") that a serve which did not stop cleanly left"
                    + " running on " + cluster);
        } else if (Files.isRegularFile(pidFile)) {
            String pid = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            Files.delete(pidFile);
            notices.accept("removed " + pidFile + " (pid " + (pid.isEmpty() ? "unknown" : pid) + ", no PostgreSQL of this cluster any more):"
                    + " left by a PostgreSQL that did not shut down");
        }
    }

    private static void stopServer(long pid) {
        ProcessHandle.of(pid).ifPresent(process -> {
            signal("INT", process.pid());
            try {
                process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    /** A lock on {@code DATA/pg.lock} that this JVM cannot take is held by a live serve (ours, or another's). */
    static boolean lockedByALiveService(Path data) throws IOException {
        Path lockFile = data.resolve(LOCK);
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException ours) {
            return true;
        }
    }

    static Optional<Long> stalePid(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        if (!Files.isReadable(cmdline)) {
            return Optional.empty();
        }
        String command = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
        return command.contains("postgres") && command.contains(cluster.toString()) ? Optional.of(pid) : Optional.empty();
    }
}
