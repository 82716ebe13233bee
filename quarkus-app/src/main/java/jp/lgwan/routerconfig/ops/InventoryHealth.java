package jp.lgwan.routerconfig.ops;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.Timestamps;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The inventory the service works from, in {@code /q/health}: {@code inventory-loaded} (ready: a
 * valid revision is loaded — what it is, how big, whether the folder has uncommitted edits) and
 * {@code inventory-renders} (well: every router of it renders; a router that does not cannot be
 * pushed).
 */
@ApplicationScoped
public class InventoryHealth {

    private final LiveInventory inventory;

    public InventoryHealth(LiveInventory inventory) {
        this.inventory = inventory;
    }

    @Produces
    @Readiness
    HealthCheck loaded() {
        return () -> {
            InventoryRevision current = inventory.current();
            HealthCheckResponseBuilder check = HealthCheckResponse.named("inventory-loaded");
            if (current == null) {
                return check.down().withData("reason", "no inventory revision loaded").build();
            }
            return check.up().withData("commit", current.commit()).withData("loaded_at", Timestamps.format(current.loadedAt()))
                    .withData("organizations", current.inventory().organizations().size()).withData("routers", current.inventory().routerCount())
                    .withData("uncommitted_changes", inventory.hasUncommittedChanges()).build();
        };
    }

    @Produces
    @Wellness
    HealthCheck renders() {
        return () -> {
            InventoryRevision current = inventory.current();
            HealthCheckResponseBuilder check = HealthCheckResponse.named("inventory-renders").withData("commit", current.commit())
                    .withData("render_problems", current.problems().size());
            if (current.problems().isEmpty()) {
                return check.up().build();
            }
            return check.down().withData("first", current.problems().get(0).format()).build();
        };
    }
}
