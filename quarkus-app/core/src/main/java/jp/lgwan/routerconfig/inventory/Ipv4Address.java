package jp.lgwan.routerconfig.inventory;

/** An IPv4 address in dotted-quad form, parsed without any name lookup. */
public record Ipv4Address(int value) implements Comparable<Ipv4Address> {

    public static final String FORMAT = "an IPv4 address such as 192.0.2.1";

    /** Four decimal octets 0–255 without leading zeros (010 would be octal to some parsers). */
    public static Ipv4Address parse(String text) {
        int value = 0;
        int octets = 0;
        int i = 0;
        while (octets < 4) {
            int start = i;
            int octet = 0;
            while (i < text.length() && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                octet = octet * 10 + (text.charAt(i++) - '0');
            }
            boolean leadingZero = i - start > 1 && text.charAt(start) == '0';
            if (i == start || leadingZero || octet > 255) {
                throw new IllegalArgumentException("expected " + FORMAT);
            }
            value = (value << 8) | octet;
            octets++;
            if (octets < 4) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    throw new IllegalArgumentException("expected " + FORMAT);
                }
                i++;
            }
        }
        if (i != text.length()) {
            throw new IllegalArgumentException("expected " + FORMAT);
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
