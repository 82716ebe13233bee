package jp.lgwan.routerconfig.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret value resolved from the credential store by its reference name. It prints as its name
 * only, so it cannot leak through a log line, an exception message or a report.
 */
public final class Secret {

    private final String reference;
    private final byte[] value;

    Secret(String reference, byte[] value) {
        this.reference = reference;
        this.value = value.clone();
    }

    public String reference() {
        return reference;
    }

    public byte[] bytes() {
        return value.clone();
    }

    /** The value as text, trailing line breaks removed (files usually end with one). */
    public String text() {
        return new String(value, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
    }

    /** For a secret holding {@code key=value} lines (an SNMPv3 user's auth and priv keys): the named field. */
    public String field(String name) throws CredentialException {
        for (String line : text().lines().toList()) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).strip().equals(name)) {
                return line.substring(equals + 1).strip();
            }
        }
        throw new CredentialException("secret " + reference + " has no field '" + name + "'");
    }

    @Override
    public String toString() {
        return "Secret[" + reference + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.reference.equals(reference) && Arrays.equals(secret.value, value);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }
}
