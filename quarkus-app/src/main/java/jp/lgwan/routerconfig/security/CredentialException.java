package jp.lgwan.routerconfig.security;

/** A secret could not be resolved; the message names the reference and where it was looked for, never a value. */
public final class CredentialException extends Exception {
    public CredentialException(String message) {
        super(message, null, false, false);
    }
}
