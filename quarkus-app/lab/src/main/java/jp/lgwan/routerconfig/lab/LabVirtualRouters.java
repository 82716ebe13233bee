package jp.lgwan.routerconfig.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.VirtualRouters;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.render.SecretPlaceholder;

/** The lab as the product finds it at run time (registered in {@code META-INF/services}): fleets in this process, or a lab process's folder. */
public final class LabVirtualRouters implements VirtualRouters {

    @Override
    public LabFleet start(Inventory inventory, Function<ConnectionRouter, Optional<String>> bootConfig, Clock clock) throws IOException {
        return LabFleet.start(inventory, bootConfig, clock);
    }

    @Override
    public Lab attach(Path dir) {
        return new ProcessLab(new LabProcessDirectory(dir));
    }

    @Override
    public OptionalLong runningIn(Path dir) throws IOException {
        return LabDirectoryFile.read(dir).filter(LabDirectoryFile::running).map(file -> OptionalLong.of(file.pid())).orElse(OptionalLong.empty());
    }

    @Override
    public void publish(Lab lab, Path dir, String inventoryRevision, long pid) throws IOException {
        if (!(lab instanceof LabFleet fleet)) {
            throw new IllegalArgumentException("only a lab started in this process can be published, not " + lab);
        }
        LabDirectoryFile.of(fleet, inventoryRevision, pid).write(dir, fleet);
    }

    @Override
    public void unpublish(Path dir) throws IOException {
        LabDirectoryFile.remove(dir);
    }

    /** A lab process's routers, reached through the folder it publishes; they stop with that process, not with this one. */
    private record ProcessLab(LabProcessDirectory directory) implements Lab {

        @Override
        public DeviceAccess access(ConnectionRouter router) throws DeviceException {
            return directory.access(router);
        }

        @Override
        public SecretPlaceholder.Resolved resolveSecrets(String renderedConfig) throws DeviceException {
            return directory.resolveSecrets(renderedConfig);
        }

        @Override
        public String describe() throws DeviceException {
            LabDirectoryFile file = directory.current();
            return file.routers().size() + " virtual routers of the lab process " + file.pid() + " at " + directory.dir() + " (booted from "
                    + file.inventoryRevision() + ")";
        }

        @Override
        public boolean running() {
            try {
                return directory.current().running();
            } catch (DeviceException e) {
                return false;
            }
        }

        @Override
        public void close() {
        }
    }
}
