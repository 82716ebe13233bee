package jp.lgwan.routerconfig.cli;

import io.quarkus.runtime.Quarkus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the service: REST API, change notifications, planned-outage windows and their scheduling.",
                "Without a configured JDBC URL (quarkus.datasource.jdbc.url) it starts an embedded PostgreSQL in DATA/pg."})
final class ServeCommand implements Callable<Integer> {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @Option(names = "--inventory", paramLabel = "DIR", defaultValue = "inventory", description = "the inventory folder, inside a git working tree (default: ${DEFAULT-VALUE})")
    Path inventory;

    @Option(names = "--templates", paramLabel = "DIR", defaultValue = "templates", description = "the templates folder (default: ${DEFAULT-VALUE})")
    Path templates;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data", description = "where the embedded PostgreSQL keeps its data (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: 8080, or quarkus.http.port)")
    Integer port;

    @Option(names = "--lab", description = "push to virtual routers started in this process for the inventory (a demo, never real routers)")
    boolean lab;

    @Option(names = "--lab-dir", paramLabel = "DIR", description = "push to the virtual routers of a running `lab --dir DIR` process (never real routers)")
    Path labDir;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(inventory)) {
            throw new Cli.UsageException("no inventory folder at " + inventory.toAbsolutePath().normalize());
        }
        if (!Files.isDirectory(templates)) {
            throw new Cli.UsageException("no templates folder at " + templates.toAbsolutePath().normalize());
        }
        System.setProperty("lgwan.inventory", inventory.toAbsolutePath().normalize().toString());
        System.setProperty("lgwan.templates", templates.toAbsolutePath().normalize().toString());
        if (port != null) {
            System.setProperty("quarkus.http.port", port.toString());
        }
        if (lab && labDir != null) {
            throw new Cli.UsageException("--lab and --lab-dir exclude each other: virtual routers in this process, or a lab process's");
        }
        if (lab) {
            System.setProperty("lgwan.lab.enabled", "true");
        }
        if (labDir != null) {
            Path directory = labDir.toAbsolutePath().normalize();
            if (!Files.isRegularFile(directory.resolve(jp.lgwan.routerconfig.lab.LabDirectoryFile.FILE))) {
                throw new Cli.UsageException("no lab at " + directory + " (no " + jp.lgwan.routerconfig.lab.LabDirectoryFile.FILE
                        + "): start `lab --dir " + labDir + "` first");
            }
            System.setProperty("lgwan.lab.directory", directory.toString());
        }
        EmbeddedDatabase database = null;
        if (configuredJdbcUrl().isEmpty()) {
            database = EmbeddedDatabase.start(data);
            System.setProperty(JDBC_URL, database.jdbcUrl());
            System.setProperty("quarkus.datasource.username", database.user());
            System.setProperty("quarkus.datasource.password", "");
            System.err.println("serve: embedded PostgreSQL on 127.0.0.1:" + database.port() + ", data in "
                    + data.toAbsolutePath().normalize().resolve("pg"));
        }
        AtomicInteger status = new AtomicInteger();
        try {
            Quarkus.run(ServiceApplication.class, (code, failure) -> status.set(code), new String[0]);
        } finally {
            // the database stops only after the service has stopped using it
            if (database != null) {
                database.close();
            }
        }
        return status.get();
    }

    /**
     * Looked up here, before Quarkus reads its configuration, from the places an operator sets it:
     * a system property, the environment, or {@code config/application.properties} in the working
     * directory.
     */
    static Optional<String> configuredJdbcUrl() {
        String property = System.getProperty(JDBC_URL);
        if (property != null && !property.isBlank()) {
            return Optional.of(property);
        }
        String environment = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
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
            String url = properties.getProperty(JDBC_URL);
            if (url != null && !url.isBlank()) {
                return Optional.of(url.trim());
            }
        }
        return Optional.empty();
    }
}
