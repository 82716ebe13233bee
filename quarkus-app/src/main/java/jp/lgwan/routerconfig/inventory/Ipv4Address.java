package jp.lgwan.routerconfig.inventory;

/** An IPv4 address in dotted-quad form, parsed without any name lookup. */
public record Ipv4Address(int value) implements Comparable<Ipv4Address> {

    public static final String FORMAT = "an IPv4 address such as 192.0.2.1";

    public static Ipv4Address parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected " + FORMAT);
        }
        int value = 0;
        for (String part : parts) {
            if (!part.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("expected " + FORMAT);
            }
            value = (value << 8) | Integer.parseInt(part);
        }
        return new Ipv4Address(value);
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        return new Ipv4Address((a << 24) | (b << 16) | (c << 8) | d);
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return (value >>> 24) + "." + ((value >>> 16) & 255) + "." + ((value >>> 8) & 255) + "." + (value & 255);
    }
}
