package jp.lgwan.routerconfig.inventory;

/** An interface address with its prefix length, {@code 192.0.2.1/30}. */
public record Ipv4Prefix(Ipv4Address address, int length) {

    public static final String FORMAT = "an IPv4 address with prefix length such as 192.0.2.1/30";

    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        String length = slash < 0 ? "" : text.substring(slash + 1);
        boolean digits = !length.isEmpty() && length.length() <= 2 && length.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || Integer.parseInt(length) > 32) {
            throw new IllegalArgumentException("expected " + FORMAT);
        }
        try {
            return new Ipv4Prefix(Ipv4Address.parse(text.substring(0, slash)), Integer.parseInt(length));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + FORMAT);
        }
    }

    /** The network this address is in, e.g. 192.0.2.0/30 for 192.0.2.1/30. */
    public Ipv4Prefix network() {
        return new Ipv4Prefix(new Ipv4Address(address.value() & netmask().value()), length);
    }

    public boolean contains(Ipv4Address other) {
        return (other.value() & netmask().value()) == (address.value() & netmask().value());
    }

    /**
     * The other end of a point-to-point link: on a /30 the other usable host, on a /31 the other
     * address; none for wider prefixes, where the gateway must be named.
     */
    public java.util.Optional<Ipv4Address> pointToPointPeer() {
        int host = address.value() & ~netmask().value();
        if (length == 31) {
            return java.util.Optional.of(new Ipv4Address(address.value() ^ 1));
        }
        if (length == 30 && (host == 1 || host == 2)) {
            return java.util.Optional.of(new Ipv4Address(address.value() ^ 3));
        }
        return java.util.Optional.empty();
    }

    /** The dotted netmask, e.g. 255.255.255.252, which some dialects write instead of the length. */
    public Ipv4Address netmask() {
        return new Ipv4Address(length == 0 ? 0 : -1 << (32 - length));
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
