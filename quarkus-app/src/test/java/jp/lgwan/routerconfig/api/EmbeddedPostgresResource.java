package jp.lgwan.routerconfig.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.lgwan.routerconfig.cli.EmbeddedDatabase;

/** A real PostgreSQL for {@code @QuarkusTest}s: the same embedded server {@code serve} starts, in a fresh temporary folder. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("lgwan-test-pg");
            database = EmbeddedDatabase.start(dataDir, Path.of("quarkus-app", "target", "pg-binaries"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.datasource.jdbc.url", database.jdbcUrl(), "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        try {
            if (database != null) {
                database.close();
            }
            if (dataDir != null) {
                try (var files = Files.walk(dataDir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
