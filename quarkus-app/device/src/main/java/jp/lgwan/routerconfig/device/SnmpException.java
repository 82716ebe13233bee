package jp.lgwan.routerconfig.device;

/** A poll that failed: timeout, authentication, an error status; the message says which, never a key. */
public final class SnmpException extends Exception {
    public SnmpException(String message) {
        super(message, null, false, false);
    }
}
