package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.lab.LabDirectoryFile;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.RenderException;

/**
 * A lab fleet in a process of its own, so that the pushing side's CPU and memory can be measured
 * apart from the routers it pushes to: the first {@code routers} routers of an inventory (by
 * hostname, of the dialects the lab emulates), booted with their rendered configs, with an emulated
 * line length and commit time. It writes its {@link LabDirectoryFile} into a folder, says {@code ready} on standard
 * output, and serves until its standard input closes.
 */
public final class LabHost {

    /** The lab's settings: how many routers, the emulated round trip and commit time, and netmiko's password. */
    public record Settings(int routers, Duration rtt, Duration commitDelay, String password) {
    }

    private LabHost() {
    }

    public static void run(Path inventoryDir, Path templates, LocalDate asOf, Settings settings, Path directory, PrintWriter out,
                           InputStream stdin) throws IOException, DeviceException {
        long started = System.nanoTime();
        Inventory inventory = Workers.load(inventoryDir, asOf);
        List<ConnectionRouter> chosen = inventory.organizations().stream().flatMap(o -> o.routers().stream())
                .filter(r -> LabRouter.emulates(r.vendorProfile())).sorted(Comparator.comparing(ConnectionRouter::hostname))
                .limit(settings.routers()).toList();
        ConfigRenderer renderer = new ConfigRenderer(templates);
        Map<String, String> boot = new HashMap<>();
        for (ConnectionRouter router : chosen) {
            try {
                boot.put(router.hostname(), renderer.render(inventory, router).text());
            } catch (RenderException e) {
                throw new IOException(e.problem().format());
            }
        }
        try (LabFleet fleet = LabFleet.start(inventory, router -> Optional.ofNullable(boot.get(router.hostname())), Clock.systemUTC(),
                settings.password())) {
            for (LabRouter router : fleet.routers().values()) {
                router.roundTrip(settings.rtt());
                router.commitDelay(settings.commitDelay());
            }
            LabDirectoryFile.of(fleet, "bench", ProcessHandle.current().pid()).write(directory, fleet);
            out.println("ready " + fleet.routers().size() + " routers in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            out.flush();
            // serve until the parent closes our standard input (or dies)
            while (stdin.read() >= 0) {
                // nothing to read but the end
            }
        }
    }
}
