package jp.lgwan.routerconfig.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.util.Map;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceDirectory;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.render.SecretPlaceholder;

/**
 * The virtual routers of a lab running in another process ({@code lab --dir DIR}), reached
 * through the folder it writes ({@link LabDirectoryFile}): its routers outlive a service killed
 * with -9, and several service instances push to the same ones. The folder is read again whenever
 * the lab rewrote it (a lab started anew has new ports and keys); a lab that stopped or was killed
 * is reported as such on the next access.
 */
public final class LabProcessDirectory implements DeviceDirectory {

    private final Path dir;
    private Loaded loaded;

    private record Loaded(FileTime modified, LabDirectoryFile file, Map<String, LabDirectoryFile.Router> routers, KeyPair operator,
                          LabSecrets secrets) {
    }

    public LabProcessDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The directory file as last read, after reading it again if the lab rewrote it. */
    public LabDirectoryFile current() throws DeviceException {
        return load().file();
    }

    @Override
    public DeviceAccess access(ConnectionRouter router) throws DeviceException {
        return access(router.hostname(), " (no emulator for " + router.vendorProfile() + ", or not in the inventory it started from)");
    }

    /** How to reach the virtual router {@code hostname} of the lab (for clients without the inventory, such as the benchmark's workers). */
    public DeviceAccess access(String hostname) throws DeviceException {
        return access(hostname, "");
    }

    private DeviceAccess access(String hostname, String why) throws DeviceException {
        Loaded lab = load();
        if (!lab.file().running()) {
            throw new DeviceException(hostname + ": the lab process " + lab.file().pid() + " that wrote " + dir.resolve(LabDirectoryFile.FILE)
                    + " is gone; start `lab --dir " + dir + "` again");
        }
        LabDirectoryFile.Router virtual = lab.routers().get(hostname);
        if (virtual == null) {
            throw new DeviceException(hostname + ": not in the lab at " + dir + why);
        }
        return LabFleet.access(virtual.host(), virtual.sshPort(), virtual.sshHostKey(), virtual.snmpPort(), virtual.snmpAuth(), lab.operator(),
                lab.secrets());
    }

    /** The login password the lab's routers accept besides the operator key, if it was started with one. */
    public java.util.Optional<String> password() throws DeviceException {
        try {
            return load().file().password(dir);
        } catch (IOException e) {
            throw new DeviceException("cannot read the lab's password in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SecretPlaceholder.Resolved resolveSecrets(String renderedConfig) throws DeviceException {
        return load().secrets().resolve(renderedConfig);
    }

    private synchronized Loaded load() throws DeviceException {
        Path file = dir.resolve(LabDirectoryFile.FILE);
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (loaded != null && loaded.modified().equals(modified)) {
                return loaded;
            }
            LabDirectoryFile read = LabDirectoryFile.read(dir).orElseThrow(() -> new java.nio.file.NoSuchFileException(file.toString()));
            loaded = new Loaded(modified, read, read.routersByHostname(), read.operatorKey(dir), read.secrets(dir));
            return loaded;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DeviceException("no lab running: " + file + " does not exist (start `lab --dir " + dir + "`)");
        } catch (IOException e) {
            throw new DeviceException("cannot read the lab at " + dir + ": " + e.getMessage(), e);
        }
    }
}
