package jp.lgwan.routerconfig.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a secret of the credential store is, told by the namespace its reference starts with. A
 * field of the inventory names one kind only ({@code global_address_ref} a global address,
 * {@code ssh_ref} a login, {@code snmp_ref} SNMP keys), and the store resolves a reference only as
 * the kind its caller asks for: so no commit can make a field that is shown to people (an operator
 * sees the global address) carry the operating body's private key or the poller's keys. It lives
 * with the inventory, whose rule {@code secret-reference-kind} checks each reference field against
 * it; the credential store ({@code security.CredentialStore}) resolves by it.
 */
public enum SecretKind {

    /** A router's global IP address (グローバルIPアドレス, 秘密情報): one IPv4 or IPv6 address. */
    GLOBAL_ADDRESS("global-address/", "a router's global address"),
    /** How the operating body logs in to a router: an OpenSSH private key, or where the inventory allows it a password. */
    SSH("ssh/", "an SSH login"),
    /** The SNMP keys of a poller: {@code auth=} and {@code priv=} lines (or {@code community=} for v2c). */
    SNMP("snmp/", "SNMP keys");

    private final String namespace;
    private final String description;

    SecretKind(String namespace, String description) {
        this.namespace = namespace;
        this.description = description;
    }

    /** The prefix every reference of this kind starts with, {@code ssh/}. */
    public String namespace() {
        return namespace;
    }

    /** What a secret of this kind is, for messages: "an SSH login". */
    public String description() {
        return description;
    }

    /** Whether {@code reference} names a secret of this kind: inside its namespace, with a name after it. */
    public boolean names(String reference) {
        return reference != null && reference.length() > namespace.length() && reference.startsWith(namespace);
    }

    /** The kind {@code reference} names, if it is inside any namespace. */
    public static Optional<SecretKind> of(String reference) {
        return Arrays.stream(values()).filter(kind -> kind.names(reference)).findFirst();
    }

    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /**
     * Whether {@code value} has the shape of this kind, where the kind has one a person may be shown:
     * a global address is one IPv4 or IPv6 address, so a key filed under {@code global-address/} by
     * mistake is refused too, not shown. The other kinds are checked where they are used (a key
     * must load, a field must be there).
     */
    public boolean fits(String value) {
        if (this != GLOBAL_ADDRESS) {
            return true;
        }
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !IPV6_CHARACTERS.matcher(value).matches()) {
            return false;
        }
        try {
            // a literal with a colon is parsed, never looked up in the DNS
            return InetAddress.getByName(value).getAddress().length == 16;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Why {@code reference} is refused as this kind: "ssh/operating-body is an SSH login, not a router's global address; name a secret under global-address/". */
    public String refusal(String reference) {
        return reference + of(reference).map(other -> " is " + other.description).orElse(" is in no namespace of the credential store")
                + ", not " + description + "; name a secret under " + namespace;
    }
}
