package jp.lgwan.routerconfig.device;

/** A device operation failed: host key, authentication, timeout, or an error the CLI printed (named with its line). */
public final class DeviceException extends Exception {
    public DeviceException(String message) {
        super(message, null, false, false);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
