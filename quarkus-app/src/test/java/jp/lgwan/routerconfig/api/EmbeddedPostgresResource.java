package jp.lgwan.routerconfig.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import jp.lgwan.routerconfig.database.EmbeddedDatabase;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * What every {@code @QuarkusTest} runs on: a real PostgreSQL (the same embedded server {@code serve}
 * starts) in a fresh temporary folder, and a git repository of its own holding a copy of the sample
 * inventory and templates, so that tests can commit inventory changes as engineers do without
 * touching the project's repository.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;
    private com.sun.net.httpserver.HttpServer serviceDesk;
    private Path serviceDeskLog;
    private Path dataDir;
    private Path repository;

    @Override
    public Map<String, String> start() {
        try {
            startServiceDesk();
            dataDir = Files.createTempDirectory("lgwan-test-pg");
            database = EmbeddedDatabase.start(dataDir, Path.of("quarkus-app", "target", "pg-binaries"));
            repository = Files.createTempDirectory("lgwan-test-repo");
            TestInventory.sampleRepository(repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.datasource.jdbc.url", database.jdbcUrl(), "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password(), "lgwan.inventory", repository.resolve("inventory").toString(),
                "lgwan.templates", repository.resolve("templates").toString(),
                // a service desk that writes each notice it gets to a file the rollout tests read (the first one it refuses)
                "lgwan.rollout.service-desk-url", "http://127.0.0.1:" + serviceDesk.getAddress().getPort() + "/service-desk",
                "lgwan.test.service-desk-log", serviceDeskLog.toString());
    }

    /**
     * Appends each delivery, one JSON per line; refuses the first delivery of every notice (by its
     * Idempotency-Key) with 503, so that each notice's retry is exercised, whatever notices other tests
     * (or their windows' return checks) sent before.
     */
    private void startServiceDesk() throws IOException {
        serviceDeskLog = Files.createTempFile("lgwan-test-service-desk", ".jsonl");
        serviceDesk = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        serviceDesk.createContext("/service-desk", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace('\n', ' ');
            synchronized (this) {
                Files.writeString(serviceDeskLog, body + "\n", java.nio.file.StandardOpenOption.APPEND);
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            exchange.sendResponseHeaders(key != null && seen.add(key) ? 503 : 204, -1);
            exchange.close();
        });
        serviceDesk.start();
    }


    @Override
    public void stop() {
        try {
            if (serviceDesk != null) {
                serviceDesk.stop(0);
            }
            if (database != null) {
                database.close();
            }
            if (serviceDeskLog != null) {
                Files.deleteIfExists(serviceDeskLog);
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
