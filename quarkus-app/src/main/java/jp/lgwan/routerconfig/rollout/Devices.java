package jp.lgwan.routerconfig.rollout;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.device.DeviceDirectory;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.lab.LabDirectoryFile;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.lab.LabProcessDirectory;
import jp.lgwan.routerconfig.render.RenderedConfig;
import jp.lgwan.routerconfig.security.CredentialStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How the service reaches routers: the real ones through the inventory and the credential store;
 * with {@code lgwan.lab.enabled} ({@code serve --lab}, the tests) a lab of virtual routers started
 * in this process for the inventory, booted with what each router is taken to run; or with
 * {@code lgwan.lab.directory} ({@code serve --lab-dir DIR}) the virtual routers of a {@code lab}
 * process, which outlive this one and can be shared by several instances.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class Devices {

    private static final Logger LOG = Logger.getLogger(Devices.class);

    private final DeviceDirectory directory;
    private final LabFleet lab;

    public Devices(@ConfigProperty(name = "lgwan.lab.enabled", defaultValue = "false") boolean labEnabled,
                   @ConfigProperty(name = "lgwan.lab.directory") Optional<Path> labDirectory,
                   DeviceSettings settings, LiveInventory inventory, CredentialStore credentials, Clock clock) {
        InventoryRevision current = inventory.current();
        if (labEnabled && labDirectory.isPresent()) {
            throw new IllegalStateException("lgwan.lab.enabled and lgwan.lab.directory exclude each other: a lab in this process, or another's");
        }
        if (labDirectory.isPresent()) {
            lab = null;
            LabProcessDirectory remote = new LabProcessDirectory(labDirectory.get());
            directory = remote;
            try {
                LabDirectoryFile file = remote.current();
                LOG.infof("lab: %d virtual routers of the lab process %d at %s (booted from %s)", file.routers().size(), file.pid(), remote.dir(),
                        file.inventoryRevision());
            } catch (DeviceException e) {
                LOG.warnf("lab: %s", e.getMessage());
            }
        } else if (labEnabled) {
            try {
                lab = LabFleet.start(current.inventory(), router -> current.config(router.hostname()).map(RenderedConfig::text), clock);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the lab: " + e.getMessage(), e);
            }
            directory = lab;
            LOG.infof("lab: %d virtual routers on 127.0.0.1 (every router of %s the lab emulates)", lab.routers().size(), current.commit());
        } else {
            lab = null;
            directory = new InventoryDeviceDirectory(credentials, settings, () -> inventory.current().inventory());
        }
    }

    public DeviceDirectory directory() {
        return directory;
    }

    public Optional<LabFleet> lab() {
        return Optional.ofNullable(lab);
    }

    void stop(@Observes ShutdownEvent event) {
        if (lab != null) {
            lab.close();
        }
    }
}
