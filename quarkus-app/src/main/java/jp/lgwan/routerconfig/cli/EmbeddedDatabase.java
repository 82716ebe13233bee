package jp.lgwan.routerconfig.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The zero-setup database of {@code serve}: a PostgreSQL server (zonky's embedded binaries) with its
 * data under {@code ./data/pg}, started before Quarkus and stopped after it, so the service never
 * runs without its database. Production points {@code quarkus.datasource.jdbc.url} at a real
 * server instead and this class is never used.
 *
 * <p>zonky's defaults are for throw-away test databases; these are real data, so durability is
 * switched back on, and only loopback listens.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir) throws IOException {
        return start(dataDir, dataDir.resolve("pg-binaries"));
    }

    /** @param binariesDir where the PostgreSQL binaries are unpacked once and reused */
    public static EmbeddedDatabase start(Path dataDir, Path binariesDir) throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        Path cluster = data.resolve("pg");
        Files.createDirectories(cluster);
        Path binaries = binariesDir.toAbsolutePath().normalize();
        Files.createDirectories(binaries);
        stopStaleServer(cluster);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(data.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(data.resolve("postgres.log").toFile()))
                .start();
        return new EmbeddedDatabase(postgres);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * A JVM killed with -9 leaves its PostgreSQL running (pg_ctl daemonizes it), and the next start
     * would wait and fail on {@code postmaster.pid}. Stop that server first, but only when the pid
     * really is a postgres of this data directory.
     */
    static void stopStaleServer(Path cluster) throws IOException {
        Optional<Long> pid = stalePid(cluster);
        if (pid.isEmpty()) {
            return;
        }
        if (lockedByALiveService(cluster)) {
            // not stale: another serve is running on this data directory and would lose its database
            throw new Cli.UsageException("the database in " + cluster + " is in use by another running serve (postmaster pid "
                    + pid.get() + "); stop that one first or give this one another --data");
        }
        ProcessHandle.of(pid.get()).ifPresent(process -> {
            // SIGINT to the postmaster is PostgreSQL's "fast" shutdown; destroy() sends SIGTERM ("smart")
            // which would wait for clients that died with the old JVM anyway, so signal INT by hand.
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    /**
     * zonky holds an OS lock on {@code epg-lock} in the cluster for as long as the JVM that started the
     * server lives (the lock goes with a JVM killed by -9): a lock nobody can take means a live owner.
     */
    static boolean lockedByALiveService(Path cluster) throws IOException {
        Path lockFile = cluster.resolve("epg-lock");
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
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
