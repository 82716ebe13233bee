package jp.lgwan.routerconfig.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import jp.lgwan.routerconfig.cli.EmbeddedDatabase;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * What every {@code @QuarkusTest} runs on: a real PostgreSQL (the same embedded server {@code serve}
 * starts) in a fresh temporary folder, and a git repository of its own holding a copy of the sample
 * inventory and templates, so that tests can commit inventory changes as engineers do without
 * touching the project's repository.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;
    private Path dataDir;
    private Path repository;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("lgwan-test-pg");
            database = EmbeddedDatabase.start(dataDir, Path.of("quarkus-app", "target", "pg-binaries"));
            repository = Files.createTempDirectory("lgwan-test-repo");
            copy(Path.of("inventory"), repository.resolve("inventory"));
            copy(Path.of("templates"), repository.resolve("templates"));
            try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                PersonIdent engineer = new PersonIdent("Test Engineer", "engineer@example.invalid");
                git.commit().setMessage("sample inventory").setAuthor(engineer).setCommitter(engineer).setSign(false).call();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.datasource.jdbc.url", database.jdbcUrl(), "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", "", "lgwan.inventory", repository.resolve("inventory").toString(),
                "lgwan.templates", repository.resolve("templates").toString(),
                // a service desk the rollout tests listen for on this port (until they do, deliveries fail and are retried)
                "lgwan.rollout.service-desk-url", "http://127.0.0.1:" + freePort() + "/service-desk");
    }

    /**
     * A port free now and likely still free when the rollout tests listen on it, minutes later: below
     * Linux's ephemeral range (32768-60999), which every auto-bound listener (the lab's SSH and SNMP
     * servers) and every outgoing connection of the tests draws from; a port from that range (as
     * {@code new ServerSocket(0)} gives) was at times taken by then ("Address already in use").
     */
    private static int freePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000"));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void stop() {
        try {
            if (database != null) {
                database.close();
            }
            for (Path dir : new Path[] {dataDir, repository}) {
                if (dir != null) {
                    try (var files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
