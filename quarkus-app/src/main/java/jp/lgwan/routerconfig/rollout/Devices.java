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
import jp.lgwan.routerconfig.device.VirtualRouters;
import jp.lgwan.routerconfig.render.RenderedConfig;
import jp.lgwan.routerconfig.security.CredentialStore;
import org.jboss.logging.Logger;

/**
 * How the service reaches routers ({@link LabSettings} chooses): the real ones through the inventory and the credential store;
 * with {@code lgwan.lab.enabled} ({@code serve --lab}, the tests) a lab of virtual routers started
 * in this process for the inventory, booted with what each router is taken to run; or with
 * {@code lgwan.lab.directory} ({@code serve --lab-dir DIR}) the virtual routers of a {@code lab}
 * process, which outlive this one and can be shared by several instances. The lab is found at run
 * time ({@link VirtualRouters}): the service never imports it, and a build without it refuses both.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class Devices {

    private static final Logger LOG = Logger.getLogger(Devices.class);

    private final DeviceDirectory directory;
    private final VirtualRouters.Lab lab;
    private final Optional<Path> labDirectory;
    /** Where the lab of this process published how to reach its routers, if it did. */
    private Path published;
    /** Checks the lab of {@code serve --lab-dir}; null otherwise. */
    private java.util.concurrent.ScheduledExecutorService watching;
    /** A process's liveness is cheap to ask; a lab gone for up to this long before the log says so. */
    private static final java.time.Duration LAB_WATCH_EVERY = java.time.Duration.ofSeconds(5);

    public Devices(LabSettings labSettings, DeviceSettings settings, LiveInventory inventory, CredentialStore credentials, Clock clock) {
        boolean labEnabled = labSettings.enabled();
        Optional<Path> labDirectory = labSettings.directory();
        Optional<Path> publishTo = labSettings.publishDirectory();
        InventoryRevision current = inventory.current();
        this.labDirectory = labDirectory;
        if (labEnabled && labDirectory.isPresent()) {
            throw new IllegalStateException("lgwan.lab.enabled and lgwan.lab.directory exclude each other: a lab in this process, or another's");
        }
        if (labDirectory.isPresent()) {
            lab = null;
            VirtualRouters.Lab remote = VirtualRouters.required().attach(labDirectory.get());
            directory = remote;
            try {
                LOG.infof("lab: %s", remote.describe());
            } catch (DeviceException e) {
                LOG.warnf("lab: %s", e.getMessage());
            }
            watchLab(new LabWatch(labDirectory.get(), remote::running));
        } else if (labEnabled) {
            try {
                lab = VirtualRouters.required().start(current.inventory(), router -> current.config(router.hostname()).map(RenderedConfig::text),
                        clock);
                LOG.infof("lab: %s (every router of %s the lab emulates)", lab.describe(), current.commit());
                publishTo.ifPresent(dir -> publish(dir, current.commit()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the lab: " + e.getMessage(), e);
            } catch (DeviceException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            directory = lab;
        } else {
            lab = null;
            directory = new InventoryDeviceDirectory(credentials, settings, () -> inventory.current().inventory());
        }
    }

    public DeviceDirectory directory() {
        return directory;
    }

    /** The folder of the lab process this one reaches its virtual routers through ({@code serve --lab-dir}), if any. */
    public Optional<Path> labDirectory() {
        return labDirectory;
    }

    /** The lab started in this process, if any. */
    public Optional<VirtualRouters.Lab> lab() {
        return Optional.ofNullable(lab);
    }

    /** Writes how to reach this process's lab into {@code dir}, unless another lab process publishes there. */
    private void publish(Path dir, String commit) {
        VirtualRouters labs = VirtualRouters.required();
        Path target = dir.toAbsolutePath().normalize();
        try {
            var other = labs.runningIn(target);
            if (other.isPresent() && other.getAsLong() != ProcessHandle.current().pid()) {
                LOG.warnf("lab: not publishing into %s: the lab of process %d publishes there", target, other.getAsLong());
                return;
            }
            labs.publish(lab, target, commit, ProcessHandle.current().pid());
            published = target;
            LOG.infof("lab: how to reach its routers by hand: %s (SSH port and host key, SNMP port), %s and %s (owner-only)",
                    target.resolve(VirtualRouters.DIRECTORY_FILE), target.resolve(VirtualRouters.OPERATOR_KEY_FILE),
                    target.resolve(VirtualRouters.SNMP_KEYS_FILE));
        } catch (IOException e) {
            // the lab works without its files: only reaching it by hand does not
            LOG.warnf("lab: cannot write how to reach its routers into %s: %s", target, e.getMessage());
        }
    }

    /** Looks at the other process's lab every few seconds, logging when it goes and when it comes back ({@link LabWatch}). */
    private void watchLab(LabWatch watch) {
        watching = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lab-watch");
            thread.setDaemon(true);
            return thread;
        });
        watching.scheduleWithFixedDelay(() -> watch.look().ifPresent(change -> {
            if (change.warning()) {
                LOG.warn(change.message());
            } else {
                LOG.info(change.message());
            }
        }), LAB_WATCH_EVERY.toMillis(), LAB_WATCH_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (watching != null) {
            watching.shutdownNow();
        }
        if (published != null) {
            try {
                VirtualRouters.required().unpublish(published);
            } catch (IOException e) {
                LOG.warnf("lab: cannot remove its files from %s: %s", published, e.getMessage());
            }
        }
        if (lab != null) {
            lab.close();
            LOG.info("lab: stopped its virtual routers");
        }
    }
}
