package jp.lgwan.routerconfig.device;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.function.Function;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;

/**
 * Virtual routers standing in for the real ones — a demo and test lab, never real routers. The lab
 * module implements this and registers it with {@link ServiceLoader}; the product never imports
 * the lab, it finds it here at run time ({@code serve --lab}, {@code serve --lab-dir}, {@code lab}),
 * and a build without the lab on its class path says so instead.
 */
public interface VirtualRouters {

    /**
     * What a lab process publishes into its folder for others ({@code lab --dir DIR}): how to reach
     * each router, no secret in it; written last, so whoever sees it sees a complete lab.
     */
    String DIRECTORY_FILE = "lab.json";
    /** The operator's OpenSSH private key every virtual router accepts (owner-only). */
    String OPERATOR_KEY_FILE = "operator-key";
    /** The lab-made SNMPv3 keys, {@code auth=} and {@code priv=} lines (owner-only). */
    String SNMP_KEYS_FILE = "snmp-keys";

    /** The lab on the class path, if this build has one. */
    static Optional<VirtualRouters> find() {
        return ServiceLoader.load(VirtualRouters.class, VirtualRouters.class.getClassLoader()).findFirst();
    }

    /** The lab on the class path, or a refusal that says why there is none. */
    static VirtualRouters required() {
        return find().orElseThrow(() -> new IllegalStateException("virtual routers asked for, but this build has no lab (no "
                + VirtualRouters.class.getName() + " on the class path)"));
    }

    /**
     * A lab in this process: a virtual router for every router of {@code inventory} the lab
     * emulates, booted with {@code bootConfig} (a rendered config; its secrets filled with lab values).
     */
    Lab start(Inventory inventory, Function<ConnectionRouter, Optional<String>> bootConfig, Clock clock) throws IOException;

    /** The virtual routers of the lab process that publishes into {@code dir}, read again whenever it rewrites it. */
    Lab attach(Path dir);

    /** The process id of a lab that published into {@code dir} and still runs. */
    OptionalLong runningIn(Path dir) throws IOException;

    /** Publishes how to reach {@code lab}, started in this process {@code pid} from {@code inventoryRevision}, into {@code dir}. */
    void publish(Lab lab, Path dir, String inventoryRevision, long pid) throws IOException;

    /** Removes what {@link #publish} wrote into {@code dir}, the directory file first. */
    void unpublish(Path dir) throws IOException;

    /** A lab, in this process or another: the directory its routers are reached through. */
    interface Lab extends DeviceDirectory, AutoCloseable {

        /** How many virtual routers, and where, for a log line. */
        String describe() throws DeviceException;

        /**
         * Whether its routers can still be reached: a lab in this process runs until closed; another process's is
         * gone once that process is (killed, crashed) or has removed its directory file (stopped).
         */
        default boolean running() {
            return true;
        }

        /** Stops the routers of a lab in this process; nothing for another process's. */
        @Override
        void close();
    }
}
