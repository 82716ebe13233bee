package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;

/**
 * The push of RouterPush's own tests: Sapporo's IOS-XE lab router runs its WAN description with
 * " (old)" appended, and the target is the inventory's config (the sample as of its pinned day), so
 * a push has exactly one line to change. Closing it stops the lab, the SNMP probe and the watchdogs.
 */
final class OldDescriptionPush implements AutoCloseable {

    static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";

    final LabFleet fleet;
    final RouterPush.Target target;
    private final SnmpProbe probe;
    private final ScheduledExecutorService watchdogs;

    private OldDescriptionPush(LabFleet fleet, RouterPush.Target target, SnmpProbe probe, ScheduledExecutorService watchdogs) {
        this.fleet = fleet;
        this.target = target;
        this.probe = probe;
        this.watchdogs = watchdogs;
    }

    static OldDescriptionPush start() throws Exception {
        Inventory inventory = new InventoryLoader().load(Path.of("inventory"), TestInventory.AS_OF).inventory();
        ConnectionRouter router = inventory.router(SAPPORO).orElseThrow();
        String intended = new ConfigRenderer(Path.of("templates")).render(inventory, router).text();
        Verification.IntendedWan wan = Verification.IntendedWan.of(inventory, router);
        String running = intended.replace(" description " + wan.description() + "\n", " description " + wan.description() + " (old)\n");
        assertFalse(running.equals(intended));
        // the router runs the old description; the intent is the inventory's
        LabFleet fleet = LabFleet.start(inventory, r -> r.hostname().equals(SAPPORO) ? Optional.of(running) : Optional.empty(), Clock.systemUTC());
        RouterPush.Target target = new RouterPush.Target(SAPPORO, fleet.resolveSecrets(intended),
                Dialect.load(Path.of("templates"), router.vendorProfile()), wan, fleet.access(router));
        return new OldDescriptionPush(fleet, target, new SnmpProbe(), Executors.newSingleThreadScheduledExecutor());
    }

    /** A push by this test's instance, waiting {@code settle} before each post-check poll. */
    RouterPush push(Duration settle) {
        return new RouterPush(probe, watchdogs, RolloutPolicy.defaults(settle, "test"), Clock.systemUTC());
    }

    LabRouter lab() {
        return fleet.router(SAPPORO).orElseThrow();
    }

    @Override
    public void close() throws Exception {
        watchdogs.shutdownNow();
        probe.close();
        fleet.close();
    }
}
