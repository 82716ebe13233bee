package jp.lgwan.routerconfig.device;

import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.render.SecretPlaceholder;

/** Where and how to reach a router: from the inventory and credential store, or from the lab that emulates it. */
public interface DeviceDirectory {

    DeviceAccess access(ConnectionRouter router) throws DeviceException;

    /** The rendered config with its {@code {{secret:…}}} placeholders filled in, for the device only. */
    SecretPlaceholder.Resolved resolveSecrets(String renderedConfig) throws DeviceException;
}
