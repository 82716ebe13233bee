package jp.lgwan.routerconfig.database;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The embedded PostgreSQL's supervisor as {@code /q/health} reports it: not ready while it is being
 * restarted (requests would fail), not live once the supervisor has given up (only restarting the
 * service helps, which is what liveness tells whoever runs it). With an external database there is
 * nothing to report here: the datasource's own readiness check covers it.
 */
public final class EmbeddedDatabaseHealth {

    private static final String NAME = "embedded PostgreSQL";

    private EmbeddedDatabaseHealth() {
    }

    static HealthCheckResponse report(Optional<EmbeddedDatabase> database, boolean liveness) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (database.isEmpty()) {
            return response.up().withData("database", "external (quarkus.datasource.jdbc.url)").build();
        }
        EmbeddedDatabase db = database.get();
        EmbeddedDatabase.State state = db.state();
        boolean up = liveness ? state != EmbeddedDatabase.State.GAVE_UP : state == EmbeddedDatabase.State.RUNNING;
        response.status(up).withData("state", state.name()).withData("port", db.port()).withData("restarts", db.restarts());
        db.lastFailure().ifPresent(failure -> response.withData("last_failure", failure));
        return response.build();
    }

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return report(EmbeddedDatabase.current(), false);
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return report(EmbeddedDatabase.current(), true);
        }
    }
}
