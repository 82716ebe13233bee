package jp.lgwan.routerconfig.api;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jp.lgwan.routerconfig.change.LiveInventory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether the service serves HEAD ({@code /q/health/well}, and so {@code /q/health}). A service
 * serving its last good revision because HEAD could not be served at its start is DOWN here while
 * live and ready: it answers, but starts no window until a valid HEAD is reloaded.
 */
@Wellness
@ApplicationScoped
public class InventoryHealthCheck implements HealthCheck {

    private final LiveInventory inventory;

    public InventoryHealthCheck(LiveInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("inventory").withData("served", inventory.current().commit());
        return inventory.headRefused().map(refused -> check.down().withData("head", refused.head())
                        .withData("reason", "HEAD cannot be served: " + refused.detail())
                        .withData("windows", "none starts until a valid HEAD is loaded (POST /api/inventory/reload)").build())
                .orElseGet(() -> check.up().build());
    }
}
