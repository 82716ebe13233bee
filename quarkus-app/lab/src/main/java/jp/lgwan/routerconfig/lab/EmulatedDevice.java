package jp.lgwan.routerconfig.lab;

import java.util.List;

/** A virtual router's CLI side, whatever its dialect: sessions for its SSH server, its running config, its pending commit-confirmed. */
public interface EmulatedDevice {

    CliSession newSession();

    /** The running (committed) config as the device would print it, without headers. */
    List<String> runningConfig();

    /** The config the device would boot with after a reload (what was last saved, or committed where a commit persists). */
    List<String> startupConfig();

    /** Whether a commit-confirmed change waits for its confirmation. */
    boolean revertPending();
}
